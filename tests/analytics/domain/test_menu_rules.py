"""The structured eligibility form: what it reads and how it refuses."""

import pytest

from analytics.domain import catalogue
from analytics.domain.menu import rules

CODES = frozenset(i.code for i in catalogue.indicators())


def test_reads_clauses_with_scopes():
    rule = rules.parse("age >= 70 and  age <= 79 AND not receives old_age_70 and fact thai")
    assert [c.scope for c in rule.conditions] == ["member", "member", "receives", "fact"]
    assert rule.conditions[2].negate and rule.conditions[2].value == "old_age_70"
    assert rules.parse(rule.text()) == rule


def test_empty_rule_means_everyone():
    assert rules.parse("  ").conditions == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("age => 70", "unreadable"),
        ("height >= 170", "unknown_field"),
        ("age >= old", "needs_number"),
        ("age", "needs_number"),
        ("disabled >= 1", "no_operator_here"),
        ("fails", "needs_value"),
        ("welfare_card yes", "unexpected_value"),
        ("fails 9.9", "unknown_indicator"),
        ("not fact thai", "fact_cannot_be_negated"),
    ],
)
def test_bad_clause_is_named(text, problem):
    with pytest.raises(rules.RuleError) as err:
        rules.parse(f"disabled and {text}", CODES)
    assert err.value.problem == problem
    assert err.value.clause == text
