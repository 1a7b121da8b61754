"""Programmes of the menu and their structured eligibility rules (pure data, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics.text.bilingual import pick

MEMBER_FIELDS = ("age", "disabled", "bedridden", "welfare_card", "verified")
HOUSEHOLD_FIELDS = ("income_per_member", "members", "target_poor", "fails")
SPECIAL_FIELDS = ("receives", "fact")
NUMERIC_FIELDS = ("age", "income_per_member", "members")
OPERATORS = ("<=", ">=", "==", "!=", "<", ">")
UNITS = ("person", "household")
PERIODS = ("month", "quarter", "year", "once")


@dataclass(frozen=True)
class Condition:
    """One clause of a rule: ``age >= 70``, ``not welfare_card``, ``fails 2.1,5.1``,
    ``not receives old_age_70``, ``fact thai`` (a fact the survey does not hold)."""

    field: str
    op: str = ""  # one of OPERATORS for numeric fields, "" otherwise
    value: str = ""
    negate: bool = False

    @property
    def scope(self) -> str:
        if self.field in MEMBER_FIELDS:
            return "member"
        if self.field in HOUSEHOLD_FIELDS:
            return "household"
        return self.field  # "receives" or "fact"

    def text(self) -> str:
        head = f"not {self.field}" if self.negate else self.field
        if self.op:
            return f"{head} {self.op} {self.value}"
        return f"{head} {self.value}".strip()


@dataclass(frozen=True)
class Rule:
    """All conditions must hold (AND). An empty rule: every household qualifies."""

    conditions: tuple[Condition, ...] = ()

    def text(self) -> str:
        return " and ".join(c.text() for c in self.conditions)

    def of_scope(self, scope: str) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.scope == scope)


@dataclass(frozen=True)
class Programme:
    """One line of the menu. ``amount`` None = unknown (never read as zero)."""

    id: str
    name_th: str
    name_en: str
    menu_area: str
    dimension: str
    indicators: tuple[str, ...]  # TPMAP codes ("2.1"); empty = helps with any failure
    rule: Rule
    amount: float | None
    unit: str  # "person" or "household"
    period: str  # "month", "quarter", "year" or "once"
    agency: str
    source: str = ""
    confidence: str = ""
    inferred: bool = False  # the structured rule is our reading of prose (menu_rules.toml)
    indicators_inferred: bool = False  # the CSV marks the indicator link as inferred
    retired: bool = False
    benefit_text: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def name(self, lang: str) -> str:
        return pick(lang, self.name_th, self.name_en)
