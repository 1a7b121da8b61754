"""Critical, vulnerable, stage and priority on hand-made households."""

import pandas as pd
import pytest

from analytics.domain import rules
from tests.analytics import factories


@pytest.fixture
def four_households():
    """0: leaky house (2.1) -> critical, survive.
    1: child out of school (3.2), income 120,000 for 2 -> sufficient, not vulnerable (60,000 per
       member is above 57,000, and a child of 9 is no dependant under the rule).
    2: passes everything, 1 member with 150,000 -> sustainable, not vulnerable.
    3: elderly member without care (5.1) and 10,000 for 1 person -> critical twice, survive,
       vulnerable (a dependant and low income).
    """
    return factories.dataset(
        [
            {"household_row": 0, "age": 45},
            {"household_row": 1, "age": 40},
            {"household_row": 1, "age": 9, "i3_2": True},
            {"household_row": 2, "age": 35},
            {"household_row": 3, "age": 72, "i5_1": True},
        ],
        [
            {"members": 1, "income": 90_000, "i2_1": True},
            {"members": 2, "income": 120_000},
            {"members": 1, "income": 150_000},
            {"members": 1, "income": 10_000},
        ],
    )


def test_critical_rules_and_reasons(four_households):
    profile = rules.household_profile(*four_households)
    assert profile["critical"].tolist() == [True, False, False, True]
    assert profile["critical_housing"].tolist() == [True, False, False, False]
    assert profile["critical_care"].tolist() == [False, False, False, True]
    # 10,000 per member is below half of 38,000; it also fails 4.3
    assert profile["critical_deep_income"].tolist() == [False, False, False, True]
    reasons = rules.reasons_text(profile, "en")
    assert reasons[0] == "Insecure or non-durable housing (2.1)"
    assert reasons[3].startswith(
        "Elderly or disabled member without care (5.1/5.2); "
        "Income per member below half the BMN threshold"
    )
    assert "ที่อยู่อาศัยไม่มั่นคง" in rules.reasons_text(profile, "th")[0]


def test_stage(four_households):
    profile = rules.household_profile(*four_households)
    assert profile["stage"].tolist() == ["survive", "sufficient", "sustainable", "survive"]
    households, _ = four_households
    # household 2 failed something last survey (indicators failed, by house code)
    previous = pd.Series([0, 0, 1, 0], index=households["house_code"])
    again = rules.household_profile(*four_households, previous=previous)
    assert again["stage"][2] == "sufficient"


def test_vulnerable_needs_a_dependant_and_low_income(four_households):
    """Vulnerable covered 87 % of Saraburi's demo households (dependant OR income per member
    <= 100,000): now a dependant AND income per member <= 1.5 x the 4.3 threshold (57,000)."""
    profile = rules.household_profile(*four_households)
    # 0: 90,000 for 1 and 1: 60,000 per member are not low (> 57,000); 3: 10,000 and aged 72
    assert profile["low_income"].tolist() == [False, False, False, True]
    assert profile["has_young_children"].tolist() == [False, False, False, False]
    assert profile["has_elderly"].tolist() == [False, False, False, True]
    assert profile["vulnerable"].tolist() == [False, False, False, True]


def test_vulnerable_or_reading_stays_configurable(four_households):
    configured = rules.load_rules()
    wider = {**configured["vulnerable"], "income_share_of_threshold_at_most": 2.0}
    both = rules.household_profile(*four_households, rules={**configured, "vulnerable": wider})
    assert both["vulnerable"].tolist() == [False, False, False, True]  # 1 has no dependant
    either = {**configured, "vulnerable": {**wider, "combine": "or"}}
    profile = rules.household_profile(*four_households, rules=either)
    assert profile["vulnerable"].tolist() == [False, True, False, True]


def test_priority_orders_critical_first(four_households):
    profile = rules.household_profile(*four_households)
    order = profile.sort_values("priority", ascending=False).index.tolist()
    assert order[:2] == [3, 0] and order[-1] == 2
    # household 3: fails 5.1 (0.1), 4.3 (1/15): score 0.1667 + 1 critical + 0.1 vulnerable,
    # then need (2 failed x 1 member) and income below one step of the score
    assert profile["priority"][3] == pytest.approx(0.1 + 0.2 / 3 + 1.0 + 0.1, abs=2e-4)
    assert profile["failed_codes"].tolist() == ["2.1", "3.2", "", "4.3, 5.1"]


def test_vulnerable_flags_come_from_the_members_of_those_households_only(four_households):
    """A profile of one area's households: persons of other households are ignored."""
    households, persons = four_households
    stranger = persons.iloc[[0]].assign(house_code="99999999999", age=2)
    profile = rules.household_profile(households.iloc[[0]], pd.concat([persons, stranger]))
    assert profile["has_young_children"].tolist() == [False]


def test_rules_file_is_validated(tmp_path):
    bad = tmp_path / "rules.toml"
    text = rules.RULES_FILE.read_text(encoding="utf-8").replace('["2.1"]', '["9.9"]', 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown indicators \['9.9'\]"):
        rules.load_rules(str(bad))


def test_priority_ties_are_broken_by_need_then_income():
    """Most priorities tied at one value (score only): equal scores now order by failed
    indicators x members, then by lower income per member."""
    households, persons = factories.dataset(
        [
            *[{"household_row": 0, "age": 40, "i3_3": True}] * 1,
            *[{"household_row": 1, "age": 40, "i3_3": True}] * 4,
            *[{"household_row": 2, "age": 40, "i3_3": True}] * 4,
        ],
        [
            {"members": 1, "income": 200_000},
            {"members": 4, "income": 800_000},
            {"members": 4, "income": 400_000},
        ],
    )
    profile = rules.household_profile(households, persons)
    assert profile["intensity"].nunique() == 1 and not profile["critical"].any()
    assert profile["need"].tolist() == [1, 4, 4]
    order = profile.sort_values("priority", ascending=False).index.tolist()
    assert order == [2, 1, 0]
    # the tie-breaks stay below the score's smallest step (1/60)
    assert profile["priority"].max() - profile["priority"].min() < 1 / 60


def test_reasons_name_dependants_only_for_households_that_are_vulnerable():
    import pandas as pd

    from analytics.domain import rules

    profile = pd.DataFrame(
        {
            "vulnerable": [True, False],
            "low_income": [True, False],
            **{
                f"has_{key}": [True, True]
                for key in rules.VULNERABLE_REASONS
                if key != "low_income"
            },
            **{
                f"critical_{r['id']}": [False, False]
                for r in rules.load_rules()["critical"]["rules"]
            },
        }
    )
    text = rules.reasons_text(profile, "en")
    assert text[0] != "" and text[1] == ""
