"""Completeness, linkage and Re X-ray on hand-made datasets with known gaps (issue 14).

The datasets are described in ``completeness_data``: every gap is planted once and must be
found and counted exactly, on DuckDB and on PostgreSQL.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analytics.data import completeness_counts
from analytics.data.queries import HouseholdData
from analytics.data.queries.engine import DuckDBEngine, PostgresEngine
from analytics.domain import access, followup, linkage
from analytics.services import completeness as service
from analytics.services import completeness_paragraph
from analytics.services import linkage as linkage_service
from tests.analytics.data.queries.conftest import PARAMS
from tests.analytics.domain import completeness_data as known
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

TAMBON = known.TAMBON


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def data(request, tmp_path) -> HouseholdData:
    files = known.write(tmp_path / "data")
    if request.param == "duckdb":
        engine = DuckDBEngine(cube_dir=tmp_path / "cubes")
    else:
        engine = PostgresEngine(request.getfixturevalue("postgres_url"))
    return HouseholdData(lambda: files, backend=engine, params=PARAMS)


def test_a_village_missing_from_the_file_is_found(data):
    view = service.completeness_view(data, TAMBON, 2561)
    assert view.village_list == "tpmap_2561"
    assert view.missing_villages["village_id"].tolist() == [known.MISSING_VILLAGE]
    assert int(view.missing_villages["tpmap_households"].iloc[0]) == 206
    row = view.areas.set_index("code").loc[known.MISSING_VILLAGE]
    assert row["households"] == 0 and row["tpmap_households"] == 206
    assert view.areas["code"].iloc[0] == known.MISSING_VILLAGE  # worst first
    amphoe = service.completeness_view(data, TAMBON[:4], 2561).areas.set_index("code")
    assert amphoe.loc[TAMBON, "villages_missing"] == 1
    assert amphoe.loc[TAMBON, "villages_expected"] == 7


def test_an_unanswered_indicator_is_counted(data):
    view = service.completeness_view(data, TAMBON, 2561)
    table = view.indicators.set_index("indicator")
    households = sum(n for n, _ in known.VILLAGES.values())
    assert table.loc[known.UNANSWERED, "applies"] == households
    assert table.loc[known.UNANSWERED, "unanswered"] == 1
    assert table.loc["1.2", "unanswered"] == 0
    assert table.loc["4.3", "answered"] == households  # from the income, a required field


def test_ids_welfare_status_and_positions_are_counted(data):
    totals = service.completeness_view(data, TAMBON, 2561).totals
    assert totals["households"] == 882 and totals["persons"] == 2048
    assert totals["invalid_ids"] == 1
    assert totals["head_id_invalid"] == 1
    assert totals["welfare_unknown"] == 2
    assert totals["no_position"] == 1


def test_a_duplicated_id_across_two_households_and_two_provinces_is_found(data):
    classified = linkage_service.duplicates(data, 2561)
    kinds = classified.drop_duplicates("citizen_id").set_index("citizen_id")["kind"]
    assert kinds.to_dict() == {
        known.DUPLICATE_ID: "two_households",
        known.SHARED_ID: "two_provinces",
    }
    assert linkage.counts(classified, TAMBON) == {
        "two_provinces": 1,
        "two_villages": 0,
        "two_households": 1,
    }
    assert linkage.counts(classified, "34")["two_provinces"] == 1


def test_the_file_differs_from_the_2561_table_by_the_known_amount(data):
    view = service.xray_view(data, TAMBON, 2561)
    assert view.available and view.level == "village"
    ranked = view.ranked.set_index(["code", "measure"])["difference"]
    assert ranked[("6001020101", "households")] == -3
    assert ranked[("6001020101", "persons")] == -7
    assert ranked[("6001020101", "mpi_poor_households")] == 1
    assert ranked[(known.MISSING_VILLAGE, "households")] == -206
    assert ranked[("6001020201", "households")] == 0
    totals = view.totals.set_index("measure")["difference"]
    assert totals["households"] == -209 and totals["persons"] == -360
    assert view.ranked["rank"].iloc[0] == 1
    assert abs(view.ranked["difference"].iloc[0]) == view.ranked["difference"].abs().max()


def test_provincial_planner_sees_only_a_count_of_another_provinces_person(data):
    """Attack: a planner of 60 lists linkage; the person in Ubon's file must stay hidden."""
    classified = linkage_service.duplicates(data, 2561)
    planner = access.Viewer("planner_ns", "planner", ("60",))
    shown = linkage.visible_list(classified, planner, "60")
    assert not shown["village_id"].str.startswith("34").any()
    assert not shown["house_code"].str.startswith("34").any()
    assert not shown["citizen_id"].isin([known.SHARED_ID, known.DUPLICATE_ID]).any()  # masked
    shared = shown[shown["kind"] == "two_provinces"]
    assert len(shared) == 1 and shared["elsewhere"].iloc[0] == 1
    with pytest.raises(access.AccessDenied):
        linkage.visible_list(classified, access.Viewer("boss", "executive"), "60")


def test_follow_up_candidates_are_exactly_the_households_with_gaps(data):
    classified = linkage_service.duplicates(data, 2561)
    listed = linkage_service.candidates(data, TAMBON, 2561, classified)
    first = sorted(known.ns_households().query("village_id == '6001020101'")["house_code"])
    assert listed["house_code"].tolist() == [first[i] for i in (0, 2, 3, 4, 5, 6, 7)]
    reasons = listed.set_index("house_code")["reasons"]
    assert reasons[first[0]] == "unanswered:2.1"
    assert reasons[first[2]] == "invalid_id;invalid_head"
    assert reasons[first[3]] == reasons[first[5]] == "duplicate_id"
    assert reasons[first[6]] == "welfare_unknown"
    assert followup.reason_counts(listed)["duplicate_id"] == 3


def test_briefing_paragraph_in_thai_and_english(data):
    view = service.completeness_view(data, TAMBON, 2561)
    english = completeness_paragraph.paragraph(view, "en")
    assert english.startswith("Data completeness in this area: 882 households")
    assert "villages missing: 1;" in english
    assert "persons with unknown welfare-card status: 2;" in english
    assert "80.8%" in english  # 882 of TPMAP's 1,091
    thai = completeness_paragraph.paragraph(view, "th")
    assert "882" in thai and "1,091" in thai
    assert "หมู่บ้านที่ขาด 1 หมู่บ้าน" in thai and "ไม่ทราบสถานะบัตรสวัสดิการ 2 คน" in thai


def test_briefing_paragraph_says_what_a_file_did_not_record(data):
    """A file without welfare-card registration says so, not "unknown persons"."""
    view = service.completeness_view(data, TAMBON, 2561)
    totals = {**view.totals, "welfare_unknown": float("nan")}
    unrecorded = dataclasses.replace(view, totals=totals)
    english = completeness_paragraph.paragraph(unrecorded, "en")
    assert "welfare-card status: not recorded in this file;" in english
    assert "ไม่ทราบสถานะบัตรสวัสดิการ ไม่ได้บันทึกในไฟล์นี้" in completeness_paragraph.paragraph(
        unrecorded, "th"
    )


def test_valid_id_expression_agrees_with_the_python_checksum(data):
    from analytics.domain import citizen_id

    ids = ["1234567890123", "9997770000012", "", "12345", "3100600123452", "x" * 13]
    expected = [citizen_id.is_valid(i) for i in ids]
    frame = pd.DataFrame({"cid": ids})
    import ibis

    table = ibis.memtable(frame)
    result = data.engine.execute(table.select(ok=completeness_counts.valid_id(table.cid)))
    assert result["ok"].tolist() == expected


def test_thaiqm_cases_and_survey_households_that_do_not_meet():
    import pandas as pd

    households = pd.DataFrame(
        {"house_code": ["34010400001", "34010400002", "34010400003"], "target": [1, 1, 0]}
    ).astype({"target": bool})
    persons = pd.DataFrame(
        {
            "citizen_id": ["9990000000011", "9990000000029", "9990000000037"],
            "house_code": ["34010400001", "34010400001", "34010400002"],
        }
    )
    thaiqm = pd.DataFrame(
        {
            "house_code": ["", "34010499999", ""],
            "citizen_id": ["9990000000029", "", "9990000000045"],  # a member, none, a stranger
        }
    )
    gaps = linkage.thaiqm_gaps(thaiqm, households, persons)
    assert gaps["thaiqm_only"]["house_code"].tolist() == ["34010499999", ""]
    assert gaps["survey_only"]["house_code"].tolist() == ["34010400002"]  # 003 is not a target
    masked = linkage.thaiqm_gaps(thaiqm, households, persons, match_ids=False)
    assert len(masked["thaiqm_only"]) == 3  # a planner's upload cannot test a guessed ID
