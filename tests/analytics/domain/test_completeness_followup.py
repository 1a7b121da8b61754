"""The follow-up list across files (issue 14): sent from one file, completed by the next."""

from __future__ import annotations

import pytest

from analytics.data.queries import HouseholdData
from analytics.data.queries.engine import DuckDBEngine
from analytics.domain import access, catalogue
from analytics.services import linkage as service
from store import followup, get_engine, migrate
from tests.analytics.data.queries.conftest import PARAMS
from tests.analytics.domain import completeness_data as known

PLANNER = access.Viewer("planner_ns", "planner", ("60",))


@pytest.fixture
def store(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(engine)
    return engine


def test_the_next_file_completes_the_households_it_answers(store, tmp_path):
    files = known.write(tmp_path / "first")
    active = {"files": files}
    data = HouseholdData(lambda: active["files"], backend=DuckDBEngine(), params=PARAMS)
    dups = service.duplicates(data, 2561)
    assert service.send(store, data, known.TAMBON, 2561, PLANNER, dups) == 7

    # the next file: household 0 now answers 2.1, household 1 (no gap) unchanged, the rest not
    households = known.ns_households()
    column = f"answered_{catalogue.indicator_by_code(known.UNANSWERED).column}"
    households[column] = True
    persons = known.ns_persons(households)
    second = [
        known._write(tmp_path / "second", "dsns2", ["60"], households, persons),
        files[1],
    ]
    active["files"] = second
    counts = service.track(store, data, known.TAMBON, 2561, service.duplicates(data, 2561))
    assert counts == {"completed": 1, "open": 6}
    open_codes = followup.items(store, known.TAMBON)["house_code"]
    first = sorted(households.query("village_id == '6001020101'")["house_code"])
    assert first[0] not in set(open_codes)
    assert set(open_codes) == {first[i] for i in (2, 3, 4, 5, 6, 7)}


def test_a_field_user_reads_only_the_items_of_their_tambon(store, tmp_path):
    files = known.write(tmp_path / "first")
    data = HouseholdData(lambda: files, backend=DuckDBEngine(), params=PARAMS)
    service.send(store, data, known.TAMBON, 2561, PLANNER, service.duplicates(data, 2561))
    own = service.field_items(store, access.Viewer("f1", "field", (known.TAMBON,)), "60")
    other = service.field_items(store, access.Viewer("f2", "field", ("600103",)), "60")
    boss = service.field_items(store, access.Viewer("boss", "executive"), "60")
    assert len(own) == 7 and other.empty and boss.empty
    field = access.Viewer("f1", "field", (known.TAMBON,))
    with pytest.raises(access.AccessDenied):  # a field user cannot send a list
        service.send(store, data, known.TAMBON, 2561, field, service.duplicates(data, 2561))
