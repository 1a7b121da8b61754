"""Pilot areas persist: seeded once with the demonstration list, replaced by an admin's edit."""

import pytest

from analytics.domain.pilots import PilotArea
from store import pilots

DEMO = [PilotArea("A (x)", "60", ("600101", "600102")), PilotArea("B (y)", "19", ("190101",))]


def test_seed_once_then_replace(engine):
    assert pilots.seed_if_empty(engine, DEMO)
    assert not pilots.seed_if_empty(engine, [PilotArea("C", "41", ("410101",))])
    assert pilots.load_pilots(engine) == DEMO
    official = [PilotArea("ทางการ 1", "41", ("410101", "410102"), is_demo=False)]
    pilots.replace_pilots(engine, official, user="admin")
    assert pilots.load_pilots(engine) == official


def test_a_pilot_without_tambons_is_refused_and_nothing_changes(engine):
    pilots.seed_if_empty(engine, DEMO)
    with pytest.raises(ValueError, match="every pilot needs a name and tambons"):
        pilots.replace_pilots(engine, [*DEMO, PilotArea("empty", "19", ())], user="admin")
    assert pilots.load_pilots(engine) == DEMO


def test_pilot_edits_keep_history_instead_of_replacing_the_table(engine):
    pilots.seed_if_empty(engine, DEMO)
    first = [PilotArea("ทางการ 1", "41", ("410101",), is_demo=False)]
    second = [PilotArea("ทางการ 2", "19", ("190101", "190102"), is_demo=False)]
    assert pilots.replace_pilots(engine, first, user="admin") == 2
    assert pilots.replace_pilots(engine, second, user="admin2") == 3
    assert pilots.load_pilots(engine) == second
    history = pilots.pilot_history(engine)
    assert history["version"].tolist() == [3, 2, 1, 1]
    assert history["name"].tolist() == ["ทางการ 2", "ทางการ 1", "A (x)", "B (y)"]
    retired = history.set_index("name")
    assert retired.loc["ทางการ 1", "retired_by"] == "admin2"
    assert retired.loc["A (x)", "retired_by"] == "admin"
    assert history.loc[history["version"] == 3, "retired_at"].isna().all()
