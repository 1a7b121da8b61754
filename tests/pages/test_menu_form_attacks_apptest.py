"""The menu edit form attacked (AppTest): a megabyte rule, ten thousand clauses and too many
clauses get an error in Thai and English naming the field, at once, and nothing is saved; a
save the database refuses tells the user so in both languages and keeps what was typed."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from analytics.domain import access
from analytics.text import labels
from store import db, get_engine, migrate
from store import menu as menu_store
from tests.pages.apptest_support import HOUSEHOLDS_2561, open_page
from tests.pages.test_visits_apptest import database  # noqa: F401  (fixture)

PLANNER = access.Viewer("planner", "planner", ("19",))
MEGABYTE = "age >= 70 " * 100_000  # 1,000,000 characters, one unreadable clause
TEN_THOUSAND = " and ".join(["age >= 70"] * 10_000)
FORTY_ONE = " and ".join(["members >= 1"] * 41)  # short, but one clause over the limit


def menu_page(lang: str = "en"):
    return open_page("pages/menu.py", PLANNER, lang, **HOUSEHOLDS_2561, province_households="19")


def both(key: str) -> tuple[str, str]:
    return labels.t(key, "th"), labels.t(key, "en")


def saved_edits() -> int:
    engine = get_engine()
    migrate(engine)
    return len(menu_store.edits(engine, "19"))


@pytest.mark.parametrize(
    ("rule", "problem"),
    [(MEGABYTE, "too_long"), (TEN_THOUSAND, "too_long"), (FORTY_ONE, "too_many_clauses")],
    ids=["1MB", "10000_clauses", "41_clauses"],
)
def test_a_huge_rule_is_refused_at_once_naming_the_field(database, rule, problem):  # noqa: F811
    app = menu_page()
    edit = app.expander[0]
    edit.text_input[0].set_value(rule)
    started = time.monotonic()
    app = edit.button[0].click().run()
    assert time.monotonic() - started < 30
    assert not app.exception, [e.message for e in app.exception]
    shown = " ".join(e.value for e in app.error)
    named = [labels.t(f"menu_problem_{problem}", lang, max_chars=2000, max_clauses=40)
             for lang in ("th", "en")]  # fmt: skip
    for word in (*both("menu_field_rule"), *named):
        assert word in shown, shown
    assert len(shown) < 2_000  # the rule is quoted short, not echoed back
    assert not app.success
    assert saved_edits() == 0


@contextmanager
def refused_write(engine):
    """The database refuses the insert (as a full disk or a lost server would)."""
    with db.write_transaction(engine):
        raise sa.exc.OperationalError(
            "INSERT INTO menu_edits", {}, sqlite3.OperationalError("disk I/O error")
        )
    yield  # pragma: no cover


def test_failed_edit_save_is_told_in_both_languages_and_keeps_the_typed_fields(
    database,  # noqa: F811
    monkeypatch,
):
    app = menu_page("th")
    monkeypatch.setattr(menu_store, "write_transaction", refused_write)
    edit = app.expander[0]
    edit.number_input[0].set_value(915.0)
    edit.text_input[0].set_value("age >= 65 and not welfare_card")
    app = edit.button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    shown = " ".join(e.value for e in app.error)
    for word in (*both("store_unavailable"), *both("menu_not_saved_kept")):
        assert word in shown, shown
    edit = app.expander[0]
    assert edit.text_input[0].value == "age >= 65 and not welfare_card"
    assert edit.number_input[0].value == 915.0
    monkeypatch.undo()
    assert saved_edits() == 0


def test_failed_add_save_keeps_every_typed_field(database, monkeypatch):  # noqa: F811
    app = menu_page("en")
    monkeypatch.setattr(menu_store, "write_transaction", refused_write)
    add = app.expander[1]
    typed = ["village_rice_bank", "ธนาคารข้าวหมู่บ้าน", "Village rice bank", "กรมการข้าว"]
    for box, value in zip(add.text_input, typed, strict=False):
        box.set_value(value)
    add.text_input[4].set_value("target_poor and fails 2.1")
    add.number_input[0].set_value(1500.0)
    app = add.button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    shown = " ".join(e.value for e in app.error)
    assert all(word in shown for word in both("menu_not_saved_kept")), shown
    add = app.expander[1]
    assert [b.value for b in add.text_input] == [*typed, "target_poor and fails 2.1"]
    assert add.number_input[0].value == 1500.0


@pytest.mark.parametrize(
    ("box", "value", "field"),
    [(0, "a" * 1_000_000, "menu_field_id"), (1, "ก" * 1_000_000, "menu_field_name_th"),
     (3, "=" * 1_000_000, "menu_field_agency")],
    ids=["id", "name_th", "agency"],
)  # fmt: skip
def test_a_megabyte_in_the_add_form_is_refused_naming_the_field(database, box, value, field):  # noqa: F811
    app = menu_page("en")
    add = app.expander[1]
    for i, typed in enumerate(["rice_bank", "ธนาคารข้าว", "Rice bank", "กรมการข้าว"]):
        add.text_input[i].set_value(value if i == box else typed)
    app = add.button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    shown = " ".join(e.value for e in app.error)
    assert all(word in shown for word in both(field)), shown
    assert len(shown) < 2_000
    assert saved_edits() == 0


def test_an_amount_change_keeps_a_saved_rule_over_the_limits(database):  # noqa: F811
    """A rule saved before the limits (500 clauses) must not stop its amount being changed:
    the form sends the rule only when it was edited."""
    from analytics.io import menu_catalogue

    first = menu_catalogue.load()[0].id
    long_rule = " and ".join(["members >= 1"] * 500)
    engine = get_engine()
    migrate(engine)
    menu_store.record_edit(engine, "19", first, "change", {"rule": long_rule}, "admin")
    app = menu_page("en")
    edit = app.expander[0]
    assert edit.text_input[0].value == long_rule
    edit.number_input[0].set_value(880.0)
    app = edit.button[0].click().run()
    assert not app.error, [e.value for e in app.error]
    assert app.success
    latest = menu_store.edits(engine, "19").iloc[-1]["changes"]
    assert latest["amount"] == 880.0 and "rule" not in latest
