"""Which households a field team should revisit to complete the data, and why.

A household is on the follow-up list when the file leaves a question about it open: an
indicator that applies to it was not answered, or a member cannot be linked by citizen ID
(missing or invalid ID, the same ID in another household, welfare-card status unknown), or the
head's ID is invalid. Reasons are short codes (``unanswered:2.1``, ``invalid_id``…) that the
screen and the exports turn into words; they hold no personal data.
"""

from __future__ import annotations

import pandas as pd

from analytics.domain import catalogue, citizen_id, household_schema

REASONS = ("unanswered", "invalid_id", "duplicate_id", "welfare_unknown", "invalid_head")
COLUMNS = ("house_code", "village_id", "tambon", "reasons")


def unanswered(households: pd.DataFrame) -> pd.Series:
    """Per household: the codes of indicators that apply but were not answered ("" = none).
    Households of a file that does not record answers (no ``answered_`` column) have none."""
    out = pd.Series("", index=households.index, dtype=object)
    group = {i.column for i in household_schema.group_indicators()}
    for ind in catalogue.indicators():
        column = f"answered_{ind.column}"
        if column not in households:
            continue
        applies = (
            households[f"applies_{ind.column}"].fillna(False).astype(bool)
            if ind.column in group
            else pd.Series(True, index=households.index)
        )
        missing = applies & ~households[column].fillna(False).astype(bool)
        out[missing] = out[missing] + "," + ind.code
    return out.str.lstrip(",")


def member_reasons(persons: pd.DataFrame, duplicated: set[str]) -> pd.DataFrame:
    """Per house code: whether a member has an invalid ID, a duplicated ID, unknown welfare."""
    ids = persons["citizen_id"].fillna("").astype(str)
    frame = pd.DataFrame(
        {
            "house_code": persons["house_code"].astype(str),
            "invalid_id": ~citizen_id.valid_mask(ids),
            "duplicate_id": ids.isin(duplicated),
            "welfare_unknown": (
                ~persons["welfare_known"].fillna(False).astype(bool)
                if "welfare_known" in persons
                else False
            ),
        }
    )
    return frame.groupby("house_code").any()


def candidates(
    households: pd.DataFrame, persons: pd.DataFrame, duplicated: set[str]
) -> pd.DataFrame:
    """The follow-up list of an area: ``house_code, village_id, tambon, reasons`` (reason codes
    joined by ``;``), in house-code order; households with nothing open are left out."""
    if households.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    hh = households.assign(house_code=households["house_code"].astype(str))
    parts = pd.DataFrame({"house_code": hh["house_code"]}, index=hh.index)
    codes = unanswered(hh)
    parts["unanswered"] = codes.where(codes == "", "unanswered:" + codes)
    heads = hh["head_citizen_id"].fillna("").astype(str)
    parts["invalid_head"] = (~citizen_id.valid_mask(heads)).astype(bool)
    members = member_reasons(persons, duplicated) if len(persons) else None
    for reason in ("invalid_id", "duplicate_id", "welfare_unknown"):
        flags = members[reason] if members is not None else pd.Series(dtype=bool)
        parts[reason] = hh["house_code"].map(flags).fillna(False).astype(bool)
    text = parts["unanswered"].copy()
    for reason in ("invalid_id", "duplicate_id", "welfare_unknown", "invalid_head"):
        text = text.where(~parts[reason], text + ";" + reason)
    text = text.str.lstrip(";")
    out = hh.assign(reasons=text)[list(COLUMNS)]
    out = out[out["reasons"] != ""]
    return out.sort_values("house_code", ignore_index=True)


def reason_counts(listed: pd.DataFrame) -> dict[str, int]:
    """Households per reason (an unanswered indicator counted once per household)."""
    text = listed["reasons"].fillna("")
    return {r: int(text.str.contains(r, regex=False).sum()) for r in REASONS}


def reasons_in_words(reasons: str, words: dict[str, str]) -> str:
    """``unanswered:2.1,3.2;invalid_id`` -> the screen's words (``words``: reason -> text)."""
    shown = []
    for part in filter(None, str(reasons).split(";")):
        name, _, codes = part.partition(":")
        text = words.get(name, name)
        shown.append(f"{text} {codes}" if codes else text)
    return "; ".join(shown)
