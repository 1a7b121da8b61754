"""The six pilot model areas (ศจพ. Model): a demonstration selection and their comparison.

The official list of pilot tambons is not public. The shipped default follows a stated rule
(``DEMO_RULE``) computed from the real TPMAP 2561 tables, and is always labelled as a
demonstration to be replaced by the official list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analytics.domain import areas, catalogue, measures
from analytics.text import labels
from analytics.text.bilingual import Text

# The three pilot provinces of the ศจพ. model: Nakhon Sawan, Saraburi, Udon Thani. The one place.
PILOT_PROVINCES: tuple[str, ...] = ("60", "19", "41")

AreaTable = Callable[[str, str], pd.DataFrame]

DEMO_RULE: Text = labels.text("pilot_demo_rule")


@dataclass(frozen=True)
class PilotArea:
    name: str
    province: str
    tambons: tuple[str, ...]  # tambon codes, municipal pseudo-tambons included
    is_demo: bool = True


def demo_selection(area_table: AreaTable, per_province: int = 2) -> list[PilotArea]:
    """``DEMO_RULE`` applied to ``area_table(level, province)`` (the real TPMAP 2561 tables,
    :func:`analytics.data.tpmap_tables.area_table`): whole amphoes, all their tambon rows."""
    pilots = []
    for province in PILOT_PROVINCES:
        amphoes = area_table("amphoe", province)
        top = amphoes.sort_values(["rate", "code"], ascending=[False, True]).head(per_province)
        tambons = area_table("tambon", province)["code"]
        for code in top["code"]:
            name = f"{areas.area_name(code)} ({areas.area_name(province)})"
            members = tuple(sorted(tambons[tambons.str.startswith(code)]))
            pilots.append(PilotArea(name, province, members))
    return pilots


def pilot_table(tambon_table: pd.DataFrame, pilots: list[PilotArea]) -> pd.DataFrame:
    """One row per pilot: the sums of its tambons' counts, then rates and M0 recomputed.

    A tambon may belong to several pilots; tambons with no row (e.g. no survey) add nothing.
    """
    counts = [c for c in measures.area_count_columns() if c in tambon_table.columns]
    indexed = tambon_table.set_index("code")
    rows = []
    for pilot in pilots:
        present = indexed.reindex([t for t in pilot.tambons if t in indexed.index])
        summed = present[counts].sum(min_count=1)
        rows.append(
            {
                "code": pilot.name,
                "province": pilot.province,
                "tambons": len(pilot.tambons),
                **summed.to_dict(),
            }
        )
    table = pd.DataFrame(rows, columns=["code", "province", "tambons", *counts])
    table.insert(1, "level", "pilot")
    return measures.finalize_area_table(table)


def ranking(current: pd.DataFrame, previous: pd.DataFrame | None, by: str = "rate") -> pd.DataFrame:
    """Pilots ranked by ``by`` (highest first) with the change since the previous survey."""
    out = current[["code", "province", by]].copy()
    out["rank"] = out[by].rank(ascending=False, method="min").astype(int)
    if previous is not None and len(previous):
        before = previous.set_index("code")[by]
        out["previous"] = out["code"].map(before)
        out["change"] = out[by] - out["previous"]
        previous_rank = before.rank(ascending=False, method="min")
        out["rank_change"] = out["code"].map(previous_rank) - out["rank"]
    return out.sort_values(["rank", "code"]).reset_index(drop=True)


def indicator_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Persons failing each indicator per 100 persons surveyed (area x indicator)."""
    columns = catalogue.indicator_columns()
    rates = table[[f"fail_{c}" for c in columns]].div(table["persons"], axis=0) * 100
    rates.columns = [i.code for i in catalogue.indicators()]
    rates.index = table["code"]
    return rates
