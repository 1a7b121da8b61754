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

from analytics.domain import catalogue
from analytics.domain.menu.model import (
    HOUSEHOLD_FIELDS,
    MEMBER_FIELDS,
    NUMERIC_FIELDS,
    OPERATORS,
    SPECIAL_FIELDS,
    Condition,
    Rule,
)

# The field is possessive (``++``): a shorter field never matches where the longest does not,
# and without it a long word with a stray character was split between field and value every
# way before the refusal (quadratic: 21 s for 32,000 characters, about 6 hours for 1 MB)
_CLAUSE = re.compile(
    r"^(?P<not>not\s+)?(?P<field>[a-z_]++)\s*(?:(?P<op><=|>=|==|!=|<|>)\s*)?(?P<value>[\w.,\-]*)$"
)
_FIELDS = (*MEMBER_FIELDS, *HOUSEHOLD_FIELDS, *SPECIAL_FIELDS)


class RuleError(ValueError):
    """A rule that cannot be read; ``clause`` is the offending text, ``problem`` a key."""

    def __init__(self, clause: str, problem: str) -> None:
        super().__init__(f"{problem}: {clause!r}")
        self.clause, self.problem = clause, problem


def limits() -> tuple[int, int]:
    """The longest rule text (characters) and the most clauses a rule may have."""
    section = catalogue.settings().get("menu_rules", {})
    return int(section.get("max_chars", 2000)), int(section.get("max_clauses", 40))


def check_size(text: str) -> None:
    """Refuse a rule typed longer, or with more clauses, than :func:`limits` allow (checked
    where a rule is entered; rules already saved are read whatever their size)."""
    max_chars, max_clauses = limits()
    if len(text) > max_chars:
        raise RuleError(shown(text), "too_long")
    if len(re.findall(r"\s+and\s+", text, flags=re.IGNORECASE)) >= max_clauses:
        raise RuleError(shown(text), "too_many_clauses")


def parse(text: str, indicator_codes: frozenset[str] | None = None) -> Rule:
    """Read the structured form. Raises ``RuleError`` naming the clause that is wrong."""
    text = " ".join(text.split())
    if not text:
        return Rule()
    clauses = re.split(r"\s+and\s+", text, flags=re.IGNORECASE)
    return Rule(tuple(_clause(c.strip(), indicator_codes) for c in clauses))


def shown(text: str, width: int = 60) -> str:
    """A clause as an error may quote it: at most ``width`` characters, one line."""
    flat = " ".join(text[: width * 4].split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _clause(text: str, codes: frozenset[str] | None) -> Condition:
    match = _CLAUSE.match(text)
    if not match:
        raise RuleError(shown(text), "unreadable")
    name, op, value = match["field"], match["op"] or "", match["value"]
    if name not in _FIELDS:
        raise RuleError(shown(text), "unknown_field")
    if name in NUMERIC_FIELDS:
        if op not in OPERATORS or not _is_number(value):
            raise RuleError(shown(text), "needs_number")
    elif op:
        raise RuleError(shown(text), "no_operator_here")
    elif name in SPECIAL_FIELDS + ("fails",) and not value:
        raise RuleError(shown(text), "needs_value")
    elif name not in SPECIAL_FIELDS + ("fails",) and value:
        raise RuleError(shown(text), "unexpected_value")
    if name == "fails" and codes is not None:
        unknown = [c for c in value.split(",") if c not in codes]
        if unknown:
            raise RuleError(shown(text), "unknown_indicator")
    if name == "fact" and match["not"]:
        raise RuleError(shown(text), "fact_cannot_be_negated")
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
