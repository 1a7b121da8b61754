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
    codes = households["house_code"].astype(str).to_numpy()
    n = len(codes)
    row = pd.Index(codes).get_indexer(pd.Index(persons["house_code"].astype(str)))
    keep = row >= 0
    member_values = {k: persons[c].to_numpy()[keep] for k, c in _MEMBER_COLUMN.items()}
    row = row[keep]
    n_p = len(programmes)
    units = np.zeros((n, n_p), dtype=np.int32)
    reached = np.zeros((n, n_p), dtype=np.int32)
    addresses = np.zeros((n, n_p), dtype=bool)
    unknown = np.zeros((n, n_p), dtype=bool)
    received = np.zeros((n, n_p), dtype=bool)
    index = {c: j for j, c in enumerate(codes)}
    for j, prog in enumerate(programmes):
        hh_ok = _household_mask(prog.rule.of_scope("household"), facts, n)
        eligible_members = _member_counts(prog.rule.of_scope("member"), member_values, row, n)
        got, _ = _receipt_rows(prog.id, receipt, index, n)
        received[:, j] = got
        ok, unk = _receipt_mask(prog.rule.of_scope("receives"), receipt, index, n)
        hh_ok &= ok
        unknown[:, j] = unk & hh_ok
        if prog.unit == "person":
            units[:, j] = np.where(hh_ok, eligible_members, 0)
            reached[:, j] = units[:, j]
        else:
            has_member = eligible_members > 0 if prog.rule.of_scope("member") else True
            units[:, j] = hh_ok & has_member
            reached[:, j] = np.where(units[:, j] > 0, facts["members"], 0)
        addresses[:, j] = _addresses(prog, facts["failures"])
    ids = tuple(p.id for p in programmes)
    return Matches(
        codes, ids, units, reached, addresses, unknown, received, facts["target_poor"],
        facts["failures"],
    )  # fmt: skip


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
        if c.op:
            value = compare(column.astype(np.float64), c.op, float(c.value))
        else:
            value = column.astype(bool)
        mask &= ~value if c.negate else value
    return np.bincount(row[mask], minlength=n).astype(np.int32)


def _receipt_rows(programme_id: str, receipt: Receipt, index: dict, n: int) -> tuple:
    got = np.zeros(n, dtype=bool)
    no = np.zeros(n, dtype=bool)
    for pairs, out in ((receipt.received, got), (receipt.not_received, no)):
        rows = [index[h] for h, p in pairs if p == programme_id and h in index]
        out[rows] = True
    return got, no


def _receipt_mask(
    conditions: tuple[Condition, ...], receipt: Receipt, index: dict, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(passes, unknown): unknown receipt passes and is flagged; known receipt decides."""
    ok = np.ones(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    for c in conditions:
        got, no = _receipt_rows(c.value, receipt, index, n)
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
