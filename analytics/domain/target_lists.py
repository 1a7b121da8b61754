"""Target lists (ชี้เป้า): households of an area with their flags, reasons and visit status.

``household_table`` joins households (household schema) and the rules' profile;
``target_list`` filters it for one area and one viewer (scope and masking applied by
``access.household_view``) and sorts it by priority.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from analytics.domain import access, area_codes, areas, catalogue, reconciliation, rules
from analytics.text import labels
from analytics.text.bilingual import pick

GROUPS = ("target", "mpi_poor", "vulnerable", "critical", "all")
MEMBER_FLAGS = ("young_children", "elderly", "disabled", "bedridden")


def household_table(
    households: pd.DataFrame, persons: pd.DataFrame, previous: pd.Series | None = None
) -> pd.DataFrame:
    """One row per household (household schema in): codes, head of household, profile flags.

    Meant for one area's households and their members; vectorised, so a whole year works too.
    """
    profile = rules.household_profile(households, persons, previous)
    columns = ["house_code", "village_id", "tambon", "head_name", "head_citizen_id", "lat", "lon"]
    table = households[columns].copy()
    return pd.concat([table, profile], axis=1)


@dataclass(frozen=True)
class ListFilters:
    group: str = "target"
    dimensions: tuple[str, ...] = ()  # fails any of these dimensions
    indicators: tuple[str, ...] = ()  # fails any of these indicator codes
    stages: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # has all of these member types
    statuses: tuple[str, ...] = ()  # latest visit status, or catalogue.NOT_VISITED
    extra: dict = field(default_factory=dict)


def group_mask(table: pd.DataFrame, group: str) -> np.ndarray:
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}; use one of {GROUPS}")
    if group == "all":
        return np.ones(len(table), dtype=bool)
    column = {"target": "target_members", "mpi_poor": "mpi_poor_members"}.get(group, group)
    values = table[column].to_numpy()
    return values > 0 if values.dtype != bool else values


def apply_filters(table: pd.DataFrame, filters: ListFilters) -> pd.DataFrame:
    mask = group_mask(table, filters.group)
    if filters.dimensions:
        mask &= table[[f"fails_{d}" for d in filters.dimensions]].any(axis=1).to_numpy()
    if filters.indicators:
        columns = [f"fails_{catalogue.indicator_by_code(c).column}" for c in filters.indicators]
        mask &= table[columns].any(axis=1).to_numpy()
    if filters.stages:
        mask &= table["stage"].isin(filters.stages).to_numpy()
    for member in filters.members:
        mask &= table[f"has_{member}"].to_numpy()
    if filters.statuses:
        mask &= table["visit_status"].isin(filters.statuses).to_numpy()
    return table[mask]


def with_visits(table: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """Add the latest visit status (or ``not_visited``) and the field team's critical flag."""
    latest = (
        latest.set_index("house_code")
        if len(latest)
        else pd.DataFrame(columns=["status", "visit_date", "critical"])
    )
    out = table.copy()
    status = latest["status"].reindex(out["house_code"]).to_numpy(dtype=object)
    out["visit_status"] = np.where(pd.isna(status), catalogue.NOT_VISITED, status)
    out["last_visit"] = out["house_code"].map(latest["visit_date"])
    flagged = out["house_code"].map(latest["critical"].astype(bool)).eq(True)
    out["critical_visit"] = flagged.to_numpy()
    out["critical"] = out["critical"].to_numpy() | flagged.to_numpy()
    return out


def target_list(
    viewer: access.Viewer,
    table: pd.DataFrame,
    area_code: str,
    filters: ListFilters,
    latest_visits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The households of ``area_code`` this viewer may see, filtered and in priority order.

    The area is cut first, so visit statuses and masking touch only its households.
    """
    in_area = (
        table
        if area_codes.is_country(area_code)
        else table[table["tambon"].str.startswith(area_code)]
    )
    visible = access.household_view(viewer, in_area)
    visible = with_visits(visible, latest_visits if latest_visits is not None else _no_visits())
    chosen = apply_filters(visible, filters)
    return chosen.sort_values(["priority", "house_code"], ascending=[False, True])


def _no_visits() -> pd.DataFrame:
    return pd.DataFrame(columns=["house_code", "status", "visit_date", "critical"])


def counts(table: pd.DataFrame) -> dict[str, int]:
    """Households per group and per stage, for the count tiles of a list."""
    out = {group: int(group_mask(table, group).sum()) for group in GROUPS}
    out.update({stage: int((table["stage"] == stage).sum()) for stage in rules.STAGES})
    return out


def display_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Columns for the screen and the field exports (names already masked where needed)."""
    stage_names = {k: v.in_(lang) for k, v in rules.STAGE_LABELS.items()}
    return pd.DataFrame(
        {
            "order": np.arange(1, len(rows) + 1),
            "house_code": rows["house_code"].to_numpy(),
            "village_id": rows["village_id"].to_numpy(),
            "village_name": [areas.area_name(v, lang) for v in rows["village_id"]],
            "tambon_code": rows["tambon"].to_numpy(),
            "tambon_name": [areas.area_name(t, lang) for t in rows["tambon"]],
            "head_name": rows["head_name"].to_numpy(),
            "citizen_id": rows["head_citizen_id"].to_numpy(),
            "members": rows["members"].to_numpy(),
            "target_members": rows["target_members"].to_numpy(),
            "failed_indicators": rows["failed_codes"].to_numpy(),
            "reasons": why_listed(rows, lang),
            "critical": rows["critical"].to_numpy(),
            "stage": rows["stage"].map(stage_names).to_numpy(),
            "status": rows["visit_status"].to_numpy(),
            # the rank, not the score: scores differ only past the third decimal once ties are
            # broken by need and income (rules.toml [priority])
            "priority": rows["priority"]
            .rank(method="first", ascending=False)
            .astype(int)
            .to_numpy(),
            "lat": rows["lat"].to_numpy(),
            "lon": rows["lon"].to_numpy(),
        }
    )


def failed_in_words(codes: str, lang: str) -> str:
    """ "2.1, 4.3" → "ขาด 2.1 <name>, 4.3 <name>" (names from the catalogue); "" when none."""
    parts = [c.strip() for c in str(codes or "").split(",") if c.strip()]
    if not parts:
        return ""
    named = ", ".join(f"{c} {catalogue.indicator_name(c, lang)}" for c in parts)
    return labels.t("why_fails", lang, indicators=named)


def critical_reasons(rows: pd.DataFrame, lang: str) -> pd.Series:
    """The critical rules that hold for each household, joined ("" when none)."""
    text = pd.Series("", index=rows.index, dtype=object)
    for rule in rules.load_rules()["critical"]["rules"]:
        column = f"critical_{rule['id']}"
        if column not in rows.columns:
            continue
        label = pick(lang, rule["reason_th"], rule["reason_en"])
        hit = rows[column].to_numpy(dtype=bool)
        joined = [f"{t}; {label}" if t else label for t in text[hit]]
        text[hit] = np.array(joined, dtype=object)  # by position (a Series would align by label)
    return text


def why_listed(rows: pd.DataFrame, lang: str) -> np.ndarray:
    """Why each household is on the list: the failed indicators BY NAME (what makes it target
    poor), then the critical rules that hold; vulnerability facts only for a household that
    fails no indicator (listed as vulnerable). Named once per distinct failure pattern."""
    if rows.empty:
        return np.array([], dtype=object)
    codes = rows["failed_codes"].fillna("").astype(str)
    named = {c: failed_in_words(c, lang) for c in codes.unique()}
    failed = codes.map(named)
    critical = critical_reasons(rows, lang)
    facts = rules.reasons_text(rows, lang) if (failed == "").any() else failed
    out = [
        "; ".join(p for p in (f, c) if p) if f else fact
        for f, c, fact in zip(failed, critical, facts, strict=True)
    ]
    return np.array(out, dtype=object)


def indicator_codes() -> list[str]:
    return [i.code for i in catalogue.indicators()]


def reconcile_cases(
    viewer: access.Viewer,
    table: pd.DataFrame,
    area_code: str,
    cases: pd.DataFrame,
    latest_visits: pd.DataFrame | None = None,
) -> reconciliation.Reconciliation:
    """TPMAP households of the area vs Thai QM cases, within the viewer's scope.

    Citizen IDs take part in the matching only for roles that see them: otherwise match counts
    would tell a masked-ID role whether a guessed ID belongs to a household (an oracle). What
    comes back is masked for roles that may not see personal data.
    """
    if not viewer.sees_households:
        access.household_view(viewer, table.iloc[:0])  # raises AccessDenied
    in_area = (
        table
        if area_codes.is_country(area_code)
        else table[table["tambon"].str.startswith(area_code)]
    )
    in_area = in_area[viewer.in_scope(in_area["tambon"])]
    ours = with_visits(in_area, latest_visits if latest_visits is not None else _no_visits())
    ours = ours.assign(target=ours["target_members"] > 0)
    theirs = cases[viewer.in_scope(cases["tambon"])]
    result = reconciliation.reconcile(
        ours[["house_code", "head_citizen_id", "tambon", "target", "visit_status"]],
        theirs,
        match_ids=viewer.sees_personal,
    )
    if viewer.sees_personal:
        return result
    return reconciliation.Reconciliation(
        access.mask_personal(result.matched.copy()),
        access.mask_personal(result.tpmap_only.copy()),
        access.mask_personal(result.thaiqm_only.copy()),
    )


def next_step(
    critical: bool, status: str | None, last_visit: object = None, next_visit: object = None
) -> tuple[str, object]:
    """The suggested next step for a household card: (label key, date for the label or None),
    from the team's last visit (status, date, appointment) and whether it is critical."""
    if status is None or status == catalogue.NOT_VISITED or pd.isna(cast(Any, status)):
        return ("next_first_critical" if critical else "next_first"), None
    if status in catalogue.resolved_statuses():
        return "next_closed", None
    if next_visit is not None and not pd.isna(cast(Any, next_visit)):
        return "next_appointment", next_visit
    return ("next_follow_critical" if critical else "next_follow"), last_visit
