"""The structured form of an eligibility rule: a small parser and its checks.

Form: clauses joined by ``and``; each clause is ``[not] field [op value]``::

    age >= 70 and age <= 79 and not receives old_age_70 and fact thai

Member fields (each member judged on its own): age, disabled, bedridden, welfare_card,
verified. Household fields: income_per_member (baht per member per year), members,
target_poor, ``fails <codes>`` (fails any of the TPMAP indicators, comma-separated).
``receives <programme id>`` is known where receipt is recorded, unknown otherwise;
``fact <key>`` names a fact the survey does not hold: always reported as unknown.
"""

from __future__ import annotations

import re

from analytics.domain.menu.model import (
    HOUSEHOLD_FIELDS,
    MEMBER_FIELDS,
    NUMERIC_FIELDS,
    OPERATORS,
    SPECIAL_FIELDS,
    Condition,
    Rule,
)

_CLAUSE = re.compile(
    r"^(?P<not>not\s+)?(?P<field>[a-z_]+)\s*(?:(?P<op><=|>=|==|!=|<|>)\s*)?(?P<value>[\w.,\-]*)$"
)
_FIELDS = (*MEMBER_FIELDS, *HOUSEHOLD_FIELDS, *SPECIAL_FIELDS)


class RuleError(ValueError):
    """A rule that cannot be read; ``clause`` is the offending text, ``problem`` a key."""

    def __init__(self, clause: str, problem: str) -> None:
        super().__init__(f"{problem}: {clause!r}")
        self.clause, self.problem = clause, problem


def parse(text: str, indicator_codes: frozenset[str] | None = None) -> Rule:
    """Read the structured form. Raises ``RuleError`` naming the clause that is wrong."""
    text = " ".join(text.split())
    if not text:
        return Rule()
    clauses = re.split(r"\s+and\s+", text, flags=re.IGNORECASE)
    return Rule(tuple(_clause(c.strip(), indicator_codes) for c in clauses))


def _clause(text: str, codes: frozenset[str] | None) -> Condition:
    match = _CLAUSE.match(text)
    if not match:
        raise RuleError(text, "unreadable")
    name, op, value = match["field"], match["op"] or "", match["value"]
    if name not in _FIELDS:
        raise RuleError(text, "unknown_field")
    if name in NUMERIC_FIELDS:
        if op not in OPERATORS or not _is_number(value):
            raise RuleError(text, "needs_number")
    elif op:
        raise RuleError(text, "no_operator_here")
    elif name in SPECIAL_FIELDS + ("fails",) and not value:
        raise RuleError(text, "needs_value")
    elif name not in SPECIAL_FIELDS + ("fails",) and value:
        raise RuleError(text, "unexpected_value")
    if name == "fails" and codes is not None:
        unknown = [c for c in value.split(",") if c not in codes]
        if unknown:
            raise RuleError(text, "unknown_indicator")
    if name == "fact" and match["not"]:
        raise RuleError(text, "fact_cannot_be_negated")
    return Condition(name, op, value, negate=bool(match["not"]))


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def compare(values, op: str, bound: float):  # numpy arrays in, bool array out
    """``values op bound`` element-wise (NaN compares False: unknown is never a yes)."""
    if op == "<=":
        return values <= bound
    if op == ">=":
        return values >= bound
    if op == "<":
        return values < bound
    if op == ">":
        return values > bound
    if op == "==":
        return values == bound
    return values != bound
