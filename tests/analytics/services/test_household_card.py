"""The household card from the service: hand-made households, a real (SQLite) visit log."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.domain import access, target_lists
from analytics.services import household_card
from store import db, visits
from tests.analytics.domain.test_target_lists import table  # noqa: F401 - the fixture

FIELD = access.Viewer("f", "field", ("190110",))
PLANNER = access.Viewer("p", "planner", ("19",))
MEMBERS = pd.DataFrame(
    {
        "name": ["สมชาย ใจดี", "ยาย ทองดี"],
        "age": [45, 81],
        "sex": [1, 2],
        "disabled": [False, None],  # not recorded: not said to be disabled
        "bedridden": [False, True],
    }
)


def listed(table, viewer, code):  # noqa: F811 - the fixture, passed in
    rows = target_lists.target_list(viewer, table, "190110", target_lists.ListFilters("all"))
    return rows.set_index("house_code", drop=False).loc[code]


def test_card_of_a_critical_household_never_visited(table, engine):  # noqa: F811
    card = household_card.card_view(
        engine, listed(table, FIELD, "19010000001"), MEMBERS, FIELD, "th"
    )
    assert card.title == "ครัวเรือน 19010000001"
    assert "เยี่ยมโดยเร็วที่สุด" in card.next_step  # critical, never visited
    assert "2.1" in card.failed and card.history.endswith("ยังไม่เคยเยี่ยม")
    assert card.members.iloc[:, 0].tolist() == ["สมชาย ใจดี", "ยาย ทองดี"]  # the field team
    assert card.members.iloc[:, 3].tolist() == ["", "ติดเตียง"]
    assert card.history_error is None


def test_card_in_english_after_a_visit_names_the_status_and_the_appointment(table, engine):  # noqa: F811
    visits.record_visit(
        engine,
        {
            "house_code": "19010000001",
            "tambon_code": "190110",
            "visit_date": date(2026, 11, 2),
            "team": "A",
            "status": "in_progress",
            "next_visit_date": date(2026, 12, 1),
        },
        user="f",
        known_household=lambda code: True,
        today=date(2026, 11, 3),
    )
    row = listed(table, FIELD, "19010000001")
    card = household_card.card_view(engine, row, MEMBERS, FIELD, "en")
    assert card.title == "Household 19010000001"
    assert "2026" in card.history and "In progress" in card.history
    assert card.next_step.startswith("**Suggested next step**")


def test_a_planner_sees_no_member_name_and_a_broken_log_still_shows_the_card(table, tmp_path):  # noqa: F811
    broken = db.get_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    row = listed(table, PLANNER, "19010000001")
    card = household_card.card_view(broken, row, MEMBERS, PLANNER, "th")
    assert set(card.members.iloc[:, 0]) == {"•••"}
    assert card.history_error is not None and card.history.endswith("ยังไม่เคยเยี่ยม")
    db.dispose_engines()
