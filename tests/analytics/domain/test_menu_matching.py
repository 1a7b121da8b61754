"""Hand-worked eligibility cases from issue 13's "Done means"."""

from analytics.domain.menu import matching
from tests.analytics import factories
from tests.analytics.domain.menu_fixtures import CHILD_GRANT, HOUSE_REPAIR, OLD_AGE_60, OLD_AGE_70

PROGRAMMES = [OLD_AGE_70, OLD_AGE_60, CHILD_GRANT, HOUSE_REPAIR]


def households():
    """0: a member aged 72 without care (5.1), verified; 100,000 baht for 2 (50,000 per member,
       above the 38,000 line of 4.3): fails only 5.1.
    1: a child of 3 in a household over the income line (2 x 150,000 = 300,000 for 2).
    2: a child of 3 under the line (60,000 per member), leaky house (2.1).
    3: a 72-year-old alone on 10,000 a year: fails 5.1 and 4.3 (income).
    """
    return factories.dataset(
        [
            {"household_row": 0, "age": 72, "i5_1": True, "verified": True, "registered": True},
            {"household_row": 0, "age": 45},
            {"household_row": 1, "age": 35},
            {"household_row": 1, "age": 3},
            {"household_row": 2, "age": 30},
            {"household_row": 2, "age": 3},
            {"household_row": 3, "age": 72, "i5_1": True},
        ],
        [
            {"members": 2, "income": 100_000},
            {"members": 2, "income": 300_000},
            {"members": 2, "income": 120_000, "i2_1": True},
            {"members": 1, "income": 10_000},
        ],
    )


def _match(receipt=None):
    hh, persons = households()
    return hh, matching.match(hh, persons, PROGRAMMES, receipt)


def test_elderly_72_without_allowance_qualifies_for_the_70_79_tier():
    hh, m = _match()
    j = m.column("old_age_70")
    assert m.units[0, j] == 1  # one member of 72, the 45-year-old is not counted
    assert m.suggested[0, j]  # fails 5.1, which the allowance addresses
    assert m.receipt_unknown[0, j]  # no receipt recorded: eligible, receipt unknown
    assert m.units[0, m.column("old_age_60")] == 0


def test_known_receipt_of_the_allowance_excludes_the_household():
    hh = households()[0]
    receipt = matching.Receipt(received=frozenset({(hh["house_code"][3], "old_age_70")}))
    _, m = _match(receipt)
    j = m.column("old_age_70")
    assert m.units[3, j] == 0 and m.received[3, j]
    assert m.units[0, j] == 1


def test_household_over_the_income_line_does_not_qualify_for_the_child_grant():
    _, m = _match()
    j = m.column("child_grant")
    assert m.units[1, j] == 0  # 150,000 per member > 100,000
    assert m.units[2, j] == 1  # 60,000 per member, a child of 3


def test_household_programme_counts_the_household_once():
    _, m = _match()
    j = m.column("house_repair")
    assert m.units[:, j].tolist() == [0, 0, 1, 0]
    assert m.persons[2, j] == 2
    assert m.suggested[2, j]


def test_target_poor_needs_a_failure_and_a_verified_member():
    _, m = _match()
    assert m.target_poor.tolist() == [True, False, False, False]
