"""Reconcile TPMAP households with a Thai QM import: matched, and found in one system only.

Matching is by house code, then (only when the caller may see citizen IDs) by the household
head's citizen ID. A role that sees masked IDs must not be able to test guessed IDs against the
data, so ``reconcile(..., match_ids=False)`` leaves citizen IDs out of the matching entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analytics.domain import catalogue

TOTAL = "total"
UNKNOWN_TAMBON = "unknown"
CATEGORIES = ("matched", "tpmap_only", "thaiqm_only")
TPMAP_COLUMNS = ("house_code", "head_citizen_id", "tambon", "target", "visit_status")
_SEPARATORS = re.compile(r"[\s-]")


@dataclass
class Reconciliation:
    """TPMAP households matched with Thai QM households, and those found in one system only.

    ``matched`` has the TPMAP columns (index = TPMAP index) then every Thai QM column prefixed
    ``thaiqm_`` (so the two statuses are ``visit_status`` and ``thaiqm_status``) and
    ``matched_by`` ("house_code" or "citizen_id"). ``tpmap_only`` and ``thaiqm_only`` are the
    unmatched rows of each input, with their original columns and index.
    """

    matched: pd.DataFrame
    tpmap_only: pd.DataFrame
    thaiqm_only: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Households per tambon: matched, tpmap_only, thaiqm_only, total, and TPMAP target
        households among the matched (``matched_target``) and the TPMAP-only
        (``tpmap_only_target``); a last row with tambon ``"total"`` adds them up.

        A matched household counts in its TPMAP tambon (the Thai QM one if TPMAP has none).
        """
        matched_tambon = self.matched["tambon"].fillna(self.matched["thaiqm_tambon"])
        parts = [
            (matched_tambon, "matched", self.matched["target"]),
            (self.tpmap_only["tambon"], "tpmap_only", self.tpmap_only["target"]),
            (self.thaiqm_only["tambon"], "thaiqm_only", pd.Series(False, self.thaiqm_only.index)),
        ]
        long = pd.concat(
            [
                pd.DataFrame(
                    {
                        "tambon": tambon.astype(object).fillna(UNKNOWN_TAMBON).astype(str).values,
                        "category": category,
                        "target": target.fillna(False).astype(bool).values,
                    }
                )
                for tambon, category, target in parts
            ],
            ignore_index=True,
        )
        counts = pd.crosstab(long["tambon"], long["category"]).reindex(
            columns=list(CATEGORIES), fill_value=0
        )
        counts["total"] = counts.sum(axis=1)
        targets = pd.crosstab(
            long["tambon"], long["category"], values=long["target"], aggfunc="sum"
        )
        for category in ("matched", "tpmap_only"):
            column = targets[category] if category in targets else 0
            counts[f"{category}_target"] = pd.Series(column, index=counts.index).fillna(0)
        counts = counts.astype(int).sort_index()
        counts.loc[TOTAL] = counts.sum()
        counts.columns.name = None
        return counts.rename_axis("tambon").reset_index()

    def status_crosstab(self, margins: bool = False) -> pd.DataFrame:
        """Matched households by TPMAP visit status (rows) × Thai QM status (columns).

        Rows are ``not_visited`` and the five status codes, columns the five codes (any other
        value found is appended); a missing visit status counts as ``not_visited``. With
        ``margins`` a ``total`` row and column are added.
        """
        statuses = catalogue.case_status_codes()
        visit = self.matched["visit_status"].astype(object).fillna(catalogue.NOT_VISITED)
        visit = visit.astype(str)
        thaiqm = self.matched["thaiqm_status"].astype(object).fillna("").astype(str)
        rows = [catalogue.NOT_VISITED, *statuses]
        rows += sorted(set(visit) - set(rows))
        columns = [*statuses, *sorted(set(thaiqm) - set(statuses))]
        table = pd.crosstab(visit.values, thaiqm.values).reindex(
            index=rows, columns=columns, fill_value=0
        )
        table = table.astype(int).rename_axis(index="visit_status", columns="thaiqm_status")
        if margins:
            table[TOTAL] = table.sum(axis=1)
            table.loc[TOTAL] = table.sum()
        return table


def _keys(values: pd.Series) -> pd.Series:
    """Identifiers as digit strings (spaces and dashes dropped); blank -> NA."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        values = values.astype("Int64")  # codes read as numbers, e.g. 60010000001.0
    text = values.astype("string").str.replace(_SEPARATORS.pattern, "", regex=True)
    return text.mask(text == "")


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks column(s): {', '.join(missing)}")


def _unique_keys(keys: pd.Series, name: str) -> None:
    repeated = keys.dropna()[keys.dropna().duplicated()]
    if len(repeated):
        raise ValueError(
            f"{name} has {len(repeated)} repeated house code(s), e.g. {repeated.iloc[0]}; "
            "reconcile needs one row per household"
        )


def _pairs(left: pd.Series, right: pd.Series) -> pd.DataFrame:
    """Positions (``tp``, ``qm``) of equal non-missing keys, one-to-one keys only."""
    left = left.dropna()
    right = right.dropna()
    left = left[~left.duplicated(keep=False)]
    right = right[~right.duplicated(keep=False)]
    return pd.merge(
        pd.DataFrame({"tp": left.index, "key": left.to_numpy()}),
        pd.DataFrame({"qm": right.index, "key": right.to_numpy()}),
        on="key",
    )[["tp", "qm"]]


def reconcile(tpmap: pd.DataFrame, thaiqm: pd.DataFrame, match_ids: bool = True) -> Reconciliation:
    """Match TPMAP households with Thai QM households: by house code, then by citizen ID.

    ``tpmap``: one row per household with ``house_code``, ``head_citizen_id``, ``tambon``,
    ``target`` (bool) and ``visit_status``. ``thaiqm``: ``ThaiQMImport.households``. The
    citizen-ID pass compares the TPMAP head's ID with the Thai QM citizen ID among households
    the house-code pass left unmatched, and only uses IDs that occur once on each side.
    With ``match_ids=False`` there is no citizen-ID pass (for roles that see masked IDs).
    Raises ValueError if a column is missing or a house code repeats within one input.
    """
    _require(tpmap, TPMAP_COLUMNS, "tpmap")
    _require(thaiqm, ("house_code", "citizen_id", "tambon", "status"), "thaiqm")
    tp = tpmap.reset_index(drop=True)
    qm = thaiqm.reset_index(drop=True)
    tp_house, qm_house = _keys(tp["house_code"]), _keys(qm["house_code"])
    _unique_keys(tp_house, "tpmap")
    _unique_keys(qm_house, "thaiqm")
    by_house = _pairs(tp_house, qm_house).assign(matched_by="house_code")
    tp_left = tp.index.difference(pd.Index(by_house["tp"]))
    qm_left = qm.index.difference(pd.Index(by_house["qm"]))
    by_id = _pairs(
        _keys(tp.loc[tp_left, "head_citizen_id"]), _keys(qm.loc[qm_left, "citizen_id"])
    ).assign(matched_by="citizen_id")
    if not match_ids:
        by_id = by_id.iloc[:0]
    pairs = pd.concat([by_house, by_id], ignore_index=True).sort_values("tp")
    tp_rows = pairs["tp"].to_numpy()
    qm_rows = pairs["qm"].to_numpy()
    matched = pd.concat(
        [
            tp.iloc[tp_rows].reset_index(drop=True),
            qm.iloc[qm_rows].add_prefix("thaiqm_").reset_index(drop=True),
            pairs[["matched_by"]].reset_index(drop=True),
        ],
        axis=1,
    )
    matched.index = tpmap.index[tp_rows]
    tpmap_only = tpmap.iloc[tp.index.difference(pd.Index(tp_rows))]
    thaiqm_only = thaiqm.iloc[qm.index.difference(pd.Index(qm_rows))]
    return Reconciliation(matched, tpmap_only, thaiqm_only)
