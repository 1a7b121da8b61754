"""Small hand-made programmes and households for the menu tests."""

from __future__ import annotations

from analytics.domain.menu import rules
from analytics.domain.menu.model import Programme


def programme(
    pid: str,
    rule: str,
    indicators: tuple[str, ...] = (),
    amount: float | None = 100.0,
    unit: str = "person",
    period: str = "month",
    agency: str = "A",
) -> Programme:
    return Programme(
        id=pid,
        name_th=pid,
        name_en=pid,
        menu_area="economic",
        dimension="income",
        indicators=indicators,
        rule=rules.parse(rule),
        amount=amount,
        unit=unit,
        period=period,
        agency=agency,
    )


OLD_AGE_70 = programme(
    "old_age_70",
    "age >= 70 and age <= 79 and not receives old_age_70 and fact thai and fact no_state_pension",
    ("5.1", "4.2"),
    700.0,
)
OLD_AGE_60 = programme("old_age_60", "age >= 60 and age <= 69 and fact thai", ("5.1", "4.2"), 600.0)
CHILD_GRANT = programme(
    "child_grant", "age < 6 and income_per_member <= 100000 and fact thai", ("4.3", "1.1"), 600.0
)
HOUSE_REPAIR = programme(
    "house_repair",
    "fails 2.1 and income_per_member <= 100000",
    ("2.1",),
    18000.0,
    "household",
    "once",
)
