"""The completeness page's linkage lists and follow-up list, within what the viewer may see.

Duplicated citizen IDs are found over every active dataset of the year (all provinces), so a
person in two provinces' files is found; a viewer is shown only the occurrences in their own
areas, and of the others only how many there are (``analytics.domain.linkage``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data import completeness_counts
from analytics.data.queries import HouseholdData
from analytics.domain import access, area_codes, followup, linkage
from store import followup as followup_store

HEAD_COLUMNS = ("house_code", "village_id", "tambon", "head_citizen_id")


@dataclass(frozen=True)
class LinkageView:
    counts: dict[str, int]  # distinct IDs per kind in the area, and invalid heads
    duplicates: pd.DataFrame  # linkage.LIST_COLUMNS, masked for roles that see no IDs
    invalid_heads: pd.DataFrame  # HEAD_COLUMNS, masked likewise


def duplicates(data: HouseholdData, year: int) -> pd.DataFrame:
    """Every occurrence of a duplicated ID in the year's active datasets, classified."""
    return linkage.classify(completeness_counts.duplicate_ids(data, year))


def linkage_view(
    data: HouseholdData, area: str, year: int, viewer: access.Viewer, classified: pd.DataFrame
) -> LinkageView:
    """Linkage lists for ``area`` (a province at most) as ``viewer`` may see them."""
    listed = linkage.visible_list(classified, viewer, area)
    households = data.households(area, year)
    heads = linkage.invalid_heads(households) if len(households) else households
    heads = access.household_view(viewer, heads.reindex(columns=list(HEAD_COLUMNS)))
    counts = linkage.counts(classified, area)
    counts["invalid_heads"] = len(heads)
    return LinkageView(counts, listed, heads.reset_index(drop=True))


def candidates(data: HouseholdData, area: str, year: int, classified: pd.DataFrame) -> pd.DataFrame:
    """The follow-up list of ``area`` (a province at most): households with an open question."""
    households = data.households(area, year)
    if households.empty:
        return pd.DataFrame(columns=list(followup.COLUMNS))
    persons = data.members(households["house_code"], year)
    duplicated = set(classified["citizen_id"].astype(str)) if len(classified) else set()
    return followup.candidates(households, persons, duplicated)


def send(
    engine: Engine,
    data: HouseholdData,
    area: str,
    year: int,
    viewer: access.Viewer,
    classified: pd.DataFrame,
) -> int:
    """Store the area's follow-up list for the field teams; returns how many households."""
    if viewer.role not in ("planner", "admin") or not viewer.covers(area):
        raise access.AccessDenied(*_refusal())
    listed = candidates(data, area, year, classified)
    if listed.empty:
        return 0
    dataset = data.households(area, year)["dataset_id"].iloc[0]
    followup_store.send_list(
        engine,
        area_code=area,
        dataset_id=str(dataset),
        year=year,
        items=listed,
        username=viewer.username,
        role=viewer.role,
    )
    return len(listed)


def _refusal() -> tuple[str, str]:
    from analytics.text import labels

    return labels.t("followup_send_refused", "th"), labels.t("followup_send_refused", "en")


def track(
    engine: Engine, data: HouseholdData, area: str, year: int, classified: pd.DataFrame
) -> dict[str, int]:
    """Close the items a newer file completed (the household is in it, with no open question)."""
    if area_codes.level_of(area) == "country":
        return {"completed": 0, "open": 0}
    households = data.households(area, year)
    if households.empty:
        return followup_store.track_completion(engine, area, "", [], [])
    still = candidates(data, area, year, classified)
    dataset = str(households["dataset_id"].iloc[0])
    return followup_store.track_completion(
        engine, area, dataset, households["house_code"], still["house_code"]
    )


def field_items(engine: Engine, viewer: access.Viewer, area: str) -> pd.DataFrame:
    """Open follow-up items of ``area`` inside the viewer's areas (nothing for executives)."""
    if not viewer.sees_households:
        return pd.DataFrame(columns=list(followup_store.ITEM_COLUMNS))
    return followup_store.items(engine, area, scope=viewer.areas, status="open")
