"""The eligibility rule parser attacked: huge texts, many clauses, a long word with a stray
character. Refusals are quick and quote the rule short; rules already saved still read."""

from __future__ import annotations

import time

import pytest

from analytics.domain.menu import edits, rules
from analytics.services import menu as menu_service
from store import menu as menu_store
from tests.analytics.domain.menu_fixtures import programme


def test_a_long_word_with_a_stray_character_does_not_hang_the_rule_parser():
    """Field and value could split the word every way before the refusal: quadratic, so a
    1 MB word took about six hours (21 s for 32,000 characters). Now one pass."""
    started = time.monotonic()
    with pytest.raises(rules.RuleError) as err:
        rules.parse("a" * 1_000_000 + "!")
    assert time.monotonic() - started < 2
    assert err.value.problem == "unreadable"
    assert len(err.value.clause) <= 60 and "\n" not in err.value.clause


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("age >= 70 " * 100_000, "too_long"),  # 1 MB
        (" and ".join(["age >= 70"] * 10_000), "too_long"),
        (" and ".join(["members >= 1"] * 41), "too_many_clauses"),
    ],
    ids=["1MB", "10000_clauses", "41_clauses"],
)
def test_a_huge_rule_is_refused_by_size_before_it_is_read(text, problem):
    started = time.monotonic()
    with pytest.raises(rules.RuleError) as err:
        menu_service.check_changes({"rule": text})
    assert time.monotonic() - started < 1
    assert err.value.problem == problem
    assert len(err.value.clause) <= 60


def test_the_longest_rule_allowed_is_saved():
    text = " and ".join(["members >= 1"] * 40)
    menu_service.check_changes({"rule": text})  # 40 clauses: the limit itself passes
    assert len(rules.parse(text).conditions) == 40


def test_a_megabyte_programme_name_is_refused_naming_the_field():
    with pytest.raises(menu_store.MenuEditError) as err:
        menu_service.check_changes({"name_th": "ก" * 1_000_000, "rule": ""})
    assert (err.value.field, err.value.problem) == ("name_th", "text_too_long")


def test_a_saved_rule_over_the_limits_still_reads():
    """Limits apply where a rule is typed: an edit saved before them must not break the menu."""
    text = " and ".join(["members >= 1"] * 500)
    edit = {"programme_id": "x", "action": "change", "changes": {"rule": text}}
    (changed,) = edits.apply_edits([programme("x", "", (), 100.0)], [edit])
    assert len(changed.rule.conditions) == 500


@pytest.mark.parametrize("text", ["fails2.1", "fact1", "age>=70", "not receives old_age_70"])
def test_the_possessive_field_reads_what_it_read_before(text):
    (clause,) = rules.parse(text).conditions
    assert clause.text().replace(" ", "") == text.replace(" ", "")
