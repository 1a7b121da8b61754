"""Linkage by the 13-digit citizen ID: the same person in two households, two villages or two
provinces' datasets; heads with an invalid ID; Thai QM cases and survey households that do not
meet.

Lists are cut to what the viewer may see (``analytics.domain.access``): rows of their areas
only, IDs masked unless the role sees personal data. An occurrence outside their areas (another
province's dataset) is never listed: the row in their area says only *how many* other
occurrences there are and of which kind.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.domain import access, citizen_id

KINDS = ("two_provinces", "two_villages", "two_households")
LIST_COLUMNS = ("kind", "citizen_id", "house_code", "village_id", "tambon", "elsewhere")


def classify(duplicates: pd.DataFrame) -> pd.DataFrame:
    """Each (ID, household) row of ``completeness_counts.duplicate_ids`` with the kind of its
    ID's duplication (the widest: provinces, then villages, then households) and the number of
    the ID's other occurrences."""
    out = duplicates.copy()
    if out.empty:
        return out.assign(kind=pd.Series(dtype=str), occurrences=pd.Series(dtype="int64"))
    grouped = out.groupby("citizen_id")
    provinces = grouped["province"].transform("nunique")
    villages = grouped["village_id"].transform("nunique")
    out["kind"] = np.select(
        [provinces > 1, villages > 1], ["two_provinces", "two_villages"], "two_households"
    )
    out["occurrences"] = grouped["house_code"].transform("size").astype("int64")
    out["tambon"] = out["village_id"].astype(str).str[:6]
    return out


def counts(classified: pd.DataFrame, area: str) -> dict[str, int]:
    """Distinct IDs of each kind with at least one occurrence in ``area`` (counts only: safe
    to show a planner whatever the other occurrence's province)."""
    inside = classified[classified["village_id"].astype(str).str.startswith(_prefix(area))]
    return {k: int(inside.loc[inside["kind"] == k, "citizen_id"].nunique()) for k in KINDS}


def _prefix(area: str) -> str:
    return "" if area in ("", "TH") else area


def visible_list(classified: pd.DataFrame, viewer: access.Viewer, area: str) -> pd.DataFrame:
    """The rows a viewer may act on: occurrences inside ``area`` and the viewer's scope, each
    with ``elsewhere`` = the ID's occurrences this viewer may not see (a count, never where).
    IDs masked unless the role sees personal data."""
    access.household_view(viewer, classified.head(0), "village_id")  # executives: AccessDenied
    if classified.empty:
        return pd.DataFrame(columns=list(LIST_COLUMNS))
    seen = viewer.in_scope(classified["village_id"].astype(str))
    hidden = (~seen).astype(int)
    elsewhere = pd.Series(hidden, index=classified.index).groupby(classified["citizen_id"])
    out = classified.assign(elsewhere=elsewhere.transform("sum").astype("int64"))
    inside = out["village_id"].astype(str).str.startswith(_prefix(area)) & seen
    out = out.loc[inside, list(LIST_COLUMNS)].copy()
    order = {k: i for i, k in enumerate(KINDS)}
    out = out.sort_values(
        ["kind", "citizen_id", "house_code"], key=lambda s: s.map(order) if s.name == "kind" else s
    )
    if not viewer.sees_personal:
        out["citizen_id"] = citizen_id.mask_series(out["citizen_id"].astype(str))
    return out.reset_index(drop=True)


def invalid_heads(households: pd.DataFrame) -> pd.DataFrame:
    """Households whose head's citizen ID is missing or fails the check digit."""
    ids = households["head_citizen_id"].fillna("").astype(str)
    return households.loc[~citizen_id.valid_mask(ids)].reset_index(drop=True)


def thaiqm_gaps(
    thaiqm: pd.DataFrame, households: pd.DataFrame, persons: pd.DataFrame, match_ids: bool = True
) -> dict[str, pd.DataFrame]:
    """Thai QM cases that meet no survey household, and the survey's target households that
    have no Thai QM case, for one area.

    A Thai QM case meets the survey when its house code is a survey household or its citizen ID
    is any member of one (not only the head). ``thaiqm`` is ``analytics.io.thaiqm``'s cleaned
    frame; ``households`` the area's households with a boolean ``target`` column; ``persons``
    their members (``citizen_id``, ``house_code``). ``match_ids`` False (roles that see masked
    IDs): by house code only, so the lists cannot be used to test guessed IDs.
    """
    codes = set(households["house_code"].astype(str))
    ids = dict(
        zip(persons["citizen_id"].astype(str), persons["house_code"].astype(str), strict=True)
    )
    house = thaiqm["house_code"].fillna("").astype(str)
    cid = thaiqm["citizen_id"].fillna("").astype(str)
    by_id = cid.map(ids if match_ids else {}).astype(object)
    met_house = house.astype(object).where(house.isin(codes), by_id)
    thaiqm_only = thaiqm.loc[met_house.isna()].reset_index(drop=True)
    met = set(met_house.dropna())
    target = households.get("target", pd.Series(True, index=households.index)).astype(bool)
    survey_only = households.loc[target & ~households["house_code"].astype(str).isin(met)]
    return {"thaiqm_only": thaiqm_only, "survey_only": survey_only.reset_index(drop=True)}
