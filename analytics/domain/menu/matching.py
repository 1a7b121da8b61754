"""Which programmes each household qualifies for, in bulk (numpy, no row loops).

A household *qualifies* for a programme when its household conditions hold and (for member
conditions) at least one member meets all of them; a person programme counts those members
as its units, a household programme counts 1. Facts the survey does not hold (``fact``) and
receipt that is not recorded (``receives``) never exclude: they are reported as unknown.
A *suggestion* is a qualifying programme that addresses a failed indicator of the household.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.domain import catalogue, measures
from analytics.domain.menu.model import Condition, Programme
from analytics.domain.menu.rules import compare

_MEMBER_COLUMN = {
    "age": "age",
    "disabled": "disabled",
    "bedridden": "bedridden",
    "welfare_card": "registered",
    "verified": "verified",
}


@dataclass(frozen=True)
class Receipt:
    """What is recorded about who receives what: (house code, programme id) -> received?"""

    received: frozenset[tuple[str, str]] = frozenset()
    not_received: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | None) -> Receipt:
        """Columns house_code, programme_id, received (bool)."""
        if frame is None or frame.empty:
            return cls()
        pairs = list(
            zip(frame["house_code"].astype(str), frame["programme_id"].astype(str), strict=True)
        )
        flags = frame["received"].to_numpy(dtype=bool)
        return cls(
            frozenset(p for p, f in zip(pairs, flags, strict=True) if f),
            frozenset(p for p, f in zip(pairs, flags, strict=True) if not f),
        )


@dataclass(frozen=True)
class Matches:
    """Arrays aligned with the households (rows) and the programmes (columns)."""

    house_codes: np.ndarray
    programme_ids: tuple[str, ...]
    units: np.ndarray  # int32 (n, p): eligible persons, or 1 for a household programme
    persons: np.ndarray  # int32 (n, p): persons the programme reaches
    addresses: np.ndarray  # bool (n, p): addresses a failed indicator
    receipt_unknown: np.ndarray  # bool (n, p): a receipt condition could not be checked
    received: np.ndarray  # bool (n, p): recorded as receiving
    target_poor: np.ndarray  # bool (n,)
    failures: np.ndarray  # bool (n, 17)

    @property
    def eligible(self) -> np.ndarray:
        return self.units > 0

    @property
    def suggested(self) -> np.ndarray:
        return self.eligible & self.addresses

    def column(self, programme_id: str) -> int:
        return self.programme_ids.index(programme_id)


def household_facts(households: pd.DataFrame, threshold: float | None = None) -> dict:
    """Failures, target-poor flag and income per member, aligned with ``households``."""
    hm = measures.household_measures(households, threshold=threshold)
    members = households["members"].to_numpy().astype(np.float64)
    income = pd.to_numeric(households["income"], errors="coerce").to_numpy(dtype=np.float64)
    verified = households["verified_members"].to_numpy()
    return {
        "failures": hm.failures,
        "target_poor": hm.poor & (verified > 0),
        "income_per_member": income / np.maximum(members, 1),
        "members": members,
    }


def match(
    households: pd.DataFrame,
    persons: pd.DataFrame,
    programmes: Sequence[Programme],
    receipt: Receipt | None = None,
    threshold: float | None = None,
) -> Matches:
    """Match every household against every (not retired) programme given."""
    receipt = receipt or Receipt()
    facts = household_facts(households, threshold)
    code_series = households["house_code"].astype(str)
    codes = code_series.to_numpy()
    n = len(codes)
    row = row_of(code_series, persons["house_code"].astype(str))
    keep = row >= 0
    member_values = {
        k: persons[c].to_numpy()[keep].astype(np.float64 if k == "age" else bool)
        for k, c in _MEMBER_COLUMN.items()
    }
    row = row[keep]
    rows_of = _receipt_index(receipt, codes)
    columns: dict[str, list[np.ndarray]] = {k: [] for k in _OUTPUTS}
    member_memo: dict[tuple[Condition, ...], np.ndarray] = {}
    for prog in programmes:
        hh_ok = _household_mask(prog.rule.of_scope("household"), facts, n)
        member = prog.rule.of_scope("member")
        if member not in member_memo:
            member_memo[member] = _member_counts(member, member_values, row, n)
        eligible_members = member_memo[member]
        got, _ = _receipt_rows(prog.id, rows_of, n)
        ok, unk = _receipt_mask(prog.rule.of_scope("receives"), rows_of, n)
        hh_ok &= ok
        if prog.unit == "person":
            units = np.where(hh_ok, eligible_members, 0).astype(np.int32)
            reached = units
        else:
            has_member = eligible_members > 0 if member else True
            units = (hh_ok & has_member).astype(np.int32)
            reached = np.where(units > 0, facts["members"], 0).astype(np.int32)
        outputs = (units, reached, _addresses(prog, facts["failures"]), unk & hh_ok, got)
        for key, value in zip(_OUTPUTS, outputs, strict=True):
            columns[key].append(value)
    stacked = {k: _stack(v, n, k) for k, v in columns.items()}
    ids = tuple(p.id for p in programmes)
    return Matches(
        codes, ids, stacked["units"], stacked["reached"], stacked["addresses"],
        stacked["unknown"], stacked["received"], facts["target_poor"], facts["failures"],
    )  # fmt: skip


_OUTPUTS = ("units", "reached", "addresses", "unknown", "received")


def _stack(parts: list[np.ndarray], n: int, key: str) -> np.ndarray:
    dtype = np.int32 if key in ("units", "reached") else bool
    if not parts:
        return np.zeros((n, 0), dtype=dtype)
    # (p, n) is plain copies; its transpose is the (n, p) view (column-major, which is how
    # every consumer reads it: one programme at a time)
    return np.stack(parts, axis=0).astype(dtype, copy=False).T


def row_of(codes, wanted) -> np.ndarray:
    """Position of each wanted code in ``codes`` (-1 when absent), hashed in Arrow (C++);
    arrays or Series (Arrow-backed string Series are read without a copy)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    found = pc.index_in(
        pa.array(wanted, type=pa.string()), value_set=pa.array(codes, type=pa.string())
    )
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _receipt_index(receipt: Receipt, codes: np.ndarray) -> dict[str, tuple[np.ndarray, ...]]:
    """Programme id -> (rows received, rows known not receiving), for this set of codes."""
    found: dict[str, tuple[list[int], list[int]]] = {}
    for flag, pairs in enumerate((receipt.received, receipt.not_received)):
        if not pairs:
            continue
        ordered = list(pairs)
        rows = row_of(codes, np.array([h for h, _ in ordered], dtype=object))
        for (_, pid), r in zip(ordered, rows, strict=True):
            if r >= 0:
                found.setdefault(pid, ([], []))[flag].append(int(r))
    return {k: (np.array(v[0], dtype=np.int64), np.array(v[1], dtype=np.int64))
            for k, v in found.items()}  # fmt: skip


def _household_mask(conditions: tuple[Condition, ...], facts: dict, n: int) -> np.ndarray:
    mask = np.ones(n, dtype=bool)
    for c in conditions:
        if c.field == "fails":
            cols = [catalogue.indicator_columns().index(_column(x)) for x in c.value.split(",")]
            value = facts["failures"][:, cols].any(axis=1)
        elif c.op:
            value = compare(facts[c.field], c.op, float(c.value))
        else:
            value = facts[c.field].astype(bool)
        mask &= ~value if c.negate else value
    return mask


def _member_counts(
    conditions: tuple[Condition, ...], values: dict, row: np.ndarray, n: int
) -> np.ndarray:
    """Members per household meeting every member condition (all members when none)."""
    mask = np.ones(len(row), dtype=bool)
    for c in conditions:
        column = values[c.field]
        value = compare(column, c.op, float(c.value)) if c.op else column
        mask &= ~value if c.negate else value
    return np.bincount(row[mask], minlength=n).astype(np.int32)


def _receipt_rows(programme_id: str, rows_of: dict, n: int) -> tuple[np.ndarray, np.ndarray]:
    got = np.zeros(n, dtype=bool)
    no = np.zeros(n, dtype=bool)
    if programme_id in rows_of:
        got[rows_of[programme_id][0]] = True
        no[rows_of[programme_id][1]] = True
    return got, no


def _receipt_mask(
    conditions: tuple[Condition, ...], rows_of: dict, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(passes, unknown): unknown receipt passes and is flagged; known receipt decides."""
    ok = np.ones(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    for c in conditions:
        got, no = _receipt_rows(c.value, rows_of, n)
        known = got | no
        ok &= ~known | (no if c.negate else got)
        unknown |= ~known
    return ok, unknown


def _column(code: str) -> str:
    return "i" + code.replace(".", "_")


def _addresses(prog: Programme, failures: np.ndarray) -> np.ndarray:
    if not prog.indicators:
        return np.asarray(failures.any(axis=1), dtype=bool)
    columns = catalogue.indicator_columns()
    cols = [columns.index(_column(c)) for c in prog.indicators if _column(c) in columns]
    if not cols:
        return np.zeros(len(failures), dtype=bool)
    return np.asarray(failures[:, cols].any(axis=1), dtype=bool)
