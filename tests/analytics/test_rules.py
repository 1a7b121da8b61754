"""Critical, vulnerable, stage and priority on hand-made households."""

import pandas as pd
import pytest

from analytics import rules
from tests.analytics import factories


@pytest.fixture
def four_households():
    """0: leaky house (2.1) -> critical, survive.
    1: child out of school (3.2), income 60,000 for 2 -> sufficient, vulnerable (low income).
    2: passes everything, 1 member with 150,000 -> sustainable, not vulnerable.
    3: elderly member without care (5.1) and 10,000 for 1 person -> critical twice, survive.
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
    assert reasons[0] == "Insecure or non-durable housing (2.1); Low income per member"
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


def test_vulnerable(four_households):
    profile = rules.household_profile(*four_households)
    # 1: 60,000 per member <= 100,000 and a child of 9 (not "young": max age 5)
    assert profile["vulnerable"].tolist() == [True, True, False, True]
    assert profile["has_young_children"].tolist() == [False, False, False, False]
    assert profile["has_elderly"].tolist() == [False, False, False, True]
    assert profile["low_income"].tolist() == [True, True, False, True]


def test_priority_orders_critical_first(four_households):
    profile = rules.household_profile(*four_households)
    order = profile.sort_values("priority", ascending=False).index.tolist()
    assert order[:2] == [3, 0] and order[-1] == 2
    # household 3: fails 5.1 (0.1), 4.3 (1/15): score 0.1667 + 1 critical + 0.1 vulnerable
    assert profile["priority"][3] == pytest.approx(0.1 + 0.2 / 3 + 1.0 + 0.1)
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
