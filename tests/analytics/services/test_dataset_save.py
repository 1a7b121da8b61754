"""Saving and changing datasets through the service, on a real SQLite catalogue: the words the
import page shows, the confirmation step, refused rows and a failed store."""

from __future__ import annotations

import types

from analytics.domain import access
from analytics.services import dataset_save
from store import datasets, db
from tests.store.test_datasets import ADMIN, PLANNER_34, frames, new


def imported(tambons):
    households, persons = frames(tambons)
    return types.SimpleNamespace(
        persons=persons,
        households=households,
        rows_read=len(persons) + 2,
        rows_rejected=2,
    )


def test_a_planner_s_file_is_cut_to_the_province_and_the_refused_rows_are_reported():
    plan = dataset_save.plan_save(
        PLANNER_34,
        dataset_save.file_sha256(b"file"),
        "อุบล 2564.csv",
        imported(["340104", "190110"]),
        "en",
    )
    assert len(plan.households) == 2 and len(plan.persons) == 4
    assert plan.refused["row"].tolist() == [6, 7, 8, 9]
    assert set(plan.refused["value"]) == {"1901100101"}
    assert plan.refused.columns.tolist() == ["row", "field", "value", "reason_en"]
    assert "34" in plan.covers and "1 " in plan.covers  # one province's tambon
    new_dataset = plan.dataset("  ", 2564, 2563)
    assert new_dataset.name == "อุบล 2564"  # a blank name: the file's
    assert (new_dataset.rows_read, new_dataset.rows_kept, new_dataset.rows_rejected) == (10, 4, 6)


def test_save_then_replace_asks_first_then_says_what_it_replaced(engine):
    first = dataset_save.save(engine, ADMIN, new(["340104"]), False, "en")
    assert first.kind == "success" and "Ubon file" in first.text
    again = dataset_save.save(engine, ADMIN, new(["340104"]), False, "th")
    assert again.kind == "info" and "Ubon file" in again.text  # the same file: already saved
    asked = dataset_save.save(engine, ADMIN, new(["340104"], tag="v2"), False, "en")
    assert asked.kind == "confirm" and asked.replaces == "“Ubon file” (34)"
    done = dataset_save.save(engine, ADMIN, new(["340104"], tag="v2"), True, "en")
    assert done.kind == "success" and "“Ubon file” (34)" in done.text


def test_retire_and_restore_say_so_and_a_refusal_is_in_both_languages(engine):
    info = datasets.register(engine, PLANNER_34, new(["340104"])).dataset
    other = access.Viewer("p19", "planner", ("19",))
    refused = dataset_save.retire(engine, other, info.id, "th")
    assert refused.kind == "error" and "  \n" in refused.text  # Thai, then English
    retired = dataset_save.retire(engine, PLANNER_34, info.id, "en")
    assert retired.kind == "success" and "Ubon file" in retired.text
    restored = dataset_save.restore(engine, PLANNER_34, info.id, False, "en")
    assert restored.kind == "success"


def test_a_store_that_cannot_write_is_said_and_nothing_is_saved(engine, monkeypatch):
    def read_only(*args, **kwargs):
        raise db.StoreError("read_only")

    monkeypatch.setattr(datasets, "register", read_only)
    outcome = dataset_save.save(engine, ADMIN, new(["340104"]), False, "th")
    assert outcome.kind == "error" and outcome.text == db.StoreError("read_only").shown()
