"""Follow-up lists (issue 14): sent by a planner, seen by the field users of the tambon, closed
when a newer file completes the household. SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from store import audit, followup


def _items(*codes: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "house_code": list(codes),
            "village_id": [c[:8] + "01" for c in codes],
            "tambon": [c[:6] for c in codes],
            "reasons": ["unanswered:2.1"] * len(codes),
        }
    )


def _send(engine, area: str, dataset: str, *codes: str) -> int:
    return followup.send_list(
        engine,
        area_code=area,
        dataset_id=dataset,
        year=2561,
        items=_items(*codes),
        username="planner_ubon",
        role="planner",
    )


def test_a_sent_list_reaches_the_field_users_of_its_tambon_and_is_audited(engine):
    list_id = _send(engine, "3401", "dsa", "34010401001", "34010401002", "34010501001")
    field = followup.items(engine, "340104", scope=("340104",))
    assert field["house_code"].tolist() == ["34010401001", "34010401002"]
    assert set(field["list_id"]) == {list_id} and set(field["status"]) == {"open"}
    events = audit.query_events(engine)
    sent = events[events["action"] == "send_followup"]
    assert len(sent) == 1 and int(sent["rows"].iloc[0]) == 3
    assert "3401040" not in sent["detail"].iloc[0]  # counts only, never a house code


def test_field_user_of_another_tambon_sees_nothing_of_it(engine):
    """Attack: a field user scoped to 340105 asks for 340104's list (and for everything)."""
    _send(engine, "340104", "dsa", "34010401001")
    assert followup.items(engine, "340104", scope=("340105",)).empty
    assert followup.items(engine, "TH", scope=("340105",)).empty
    assert followup.items(engine, "3401040%", scope=("34%",)).empty  # LIKE wildcards escaped


def test_completion_is_tracked_when_the_next_file_comes(engine):
    _send(engine, "340104", "dsa", "34010401001", "34010401002", "34010401003")
    # the same dataset again: nothing closes
    same = followup.track_completion(engine, "340104", "dsa", ["34010401001"], [])
    assert same == {"completed": 0, "open": 3}
    # a newer file: 001 answered everything, 002 still has a gap, 003 is not in it
    counts = followup.track_completion(
        engine, "340104", "dsb", ["34010401001", "34010401002"], ["34010401002"]
    )
    assert counts == {"completed": 1, "open": 2}
    open_now = followup.items(engine, "340104")["house_code"].tolist()
    assert open_now == ["34010401002", "34010401003"]
    done = followup.items(engine, "340104", status="completed")
    assert done["completed_dataset_id"].tolist() == ["dsb"]
    summary = followup.lists(engine, "340104")
    assert summary[["households", "open", "completed"]].iloc[0].tolist() == [3, 2, 1]


def test_an_empty_list_is_refused(engine):
    with pytest.raises(ValueError):
        followup.send_list(
            engine,
            area_code="340104",
            dataset_id="dsa",
            year=2561,
            items=_items(),
            username="planner_ubon",
            role="planner",
        )
    assert followup.lists(engine, "TH").empty
