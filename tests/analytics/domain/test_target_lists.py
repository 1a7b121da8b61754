"""Target lists: area, scope, filters, visit status and priority order on hand-made households."""

import pandas as pd
import pytest

from analytics.domain import access, catalogue, citizen_id, household_rule, target_lists
from tests.analytics import factories

IDS = citizen_id.synthetic_ids(range(10, 16))


@pytest.fixture
def table():
    """Three households in tambon 190110, one in 190109.
    h1: leaky house (2.1), head verified -> target, critical.
    h2: child out of school (3.2) -> MPI-poor, not target (nobody verified).
    h3: passes everything, rich -> not poor.
    h4 (190109): elderly without care (5.1), verified -> target, critical.
    """
    households = factories.households(
        [
            {"house_code": "19010000001", "village_id": "1901100101", "i2_1": True},
            {"house_code": "19010000002", "village_id": "1901100201", "members": 2},
            {"house_code": "19010000003", "village_id": "1901100101", "income": 500_000},
            {"house_code": "19010000004", "village_id": "1901090101", "income": 120_000},
        ]
    )
    households["tambon"] = households["village_id"].str[:6]
    persons = factories.persons(
        [
            {"household_row": 0, "member": 0, "verified": True, "registered": True},
            {"household_row": 1, "member": 0},
            {"household_row": 1, "member": 1, "age": 9, "i3_2": True},
            {"household_row": 2, "member": 0},
            {
                "household_row": 3,
                "member": 0,
                "age": 70,
                "i5_1": True,
                "verified": True,
                "registered": True,
            },
        ]
    )
    persons["citizen_id"] = IDS[: len(persons)]
    persons["name"] = ["สมชาย ใจดี", "สมศรี สุขสม", "เด็กชาย สุขสม", "บุญมี ศรีสุข", "ยาย ทองดี"]
    households, persons = household_rule.to_household_schema(persons, households)
    return target_lists.household_table(households, persons)


FIELD = access.Viewer("f", "field", ("190110",))


def test_area_and_scope_cut_first(table):
    rows = target_lists.target_list(FIELD, table, "1901", target_lists.ListFilters("all"))
    assert sorted(rows["house_code"]) == ["19010000001", "19010000002", "19010000003"]
    planner = access.Viewer("p", "planner", ("19",))
    rows = target_lists.target_list(planner, table, "1901", target_lists.ListFilters("target"))
    assert rows["house_code"].tolist() == ["19010000004", "19010000001"]  # priority order
    assert set(rows["head_name"]) == {"•••"}


def test_groups_and_filters(table):
    def codes(**kwargs):
        rows = target_lists.target_list(FIELD, table, "190110", target_lists.ListFilters(**kwargs))
        return sorted(rows["house_code"])

    assert codes(group="target") == ["19010000001"]
    assert codes(group="mpi_poor") == ["19010000001", "19010000002"]
    assert codes(group="critical") == ["19010000001"]
    assert codes(group="all", dimensions=("education",)) == ["19010000002"]
    assert codes(group="all", indicators=("2.1", "3.2")) == ["19010000001", "19010000002"]
    assert codes(group="all", stages=("sustainable",)) == ["19010000003"]


def test_visit_status_and_field_team_critical_flag(table):
    latest = pd.DataFrame(
        {
            "house_code": ["19010000002"],
            "status": ["assisted"],
            "visit_date": ["2026-11-01"],
            "critical": [True],
        }
    )
    rows = target_lists.target_list(
        FIELD, table, "190110", target_lists.ListFilters("all"), latest
    ).set_index("house_code")
    assert rows.loc["19010000002", "visit_status"] == "assisted"
    assert rows.loc["19010000001", "visit_status"] == catalogue.NOT_VISITED
    assert bool(rows.loc["19010000002", "critical"])  # flagged by the team on the visit
    assisted = target_lists.target_list(
        FIELD, table, "190110", target_lists.ListFilters("all", statuses=("assisted",)), latest
    )
    assert assisted["house_code"].tolist() == ["19010000002"]


def test_counts_and_display(table):
    rows = target_lists.target_list(FIELD, table, "190110", target_lists.ListFilters("all"))
    tally = target_lists.counts(rows)
    assert (tally["all"], tally["target"], tally["mpi_poor"], tally["critical"]) == (3, 1, 2, 1)
    shown = target_lists.display_frame(rows, "th")
    assert shown["order"].tolist() == [1, 2, 3]
    first = shown.iloc[0]
    assert first["head_name"] == "สมชาย ใจดี" and first["citizen_id"] == IDS[0]  # field team
    assert first["reasons"].startswith("ขาด 2.1 ครัวเรือนมีความมั่นคงในที่อยู่อาศัย")
    assert "ที่อยู่อาศัยไม่มั่นคงหรือไม่คงทน (2.1)" in first["reasons"]  # the critical rule
    assert first["village_name"].startswith("หมู่ 1 ")


def test_reconciliation_matches_by_house_code_for_masked_roles_and_masks_the_result(table):
    cases = pd.DataFrame(
        {
            "row": [2, 3, 4],
            "house_code": ["19010000001", None, "19010000099"],
            "citizen_id": [None, IDS[4], None],  # household 4's head, no house code
            "tambon": ["190110", "190109", "190110"],
            "problem": ["", "", ""],
            "status": ["assisted", "in_progress", "target"],
            "updated": pd.NaT,
        }
    )
    planner = access.Viewer("p", "planner", ("19",))
    result = target_lists.reconcile_cases(planner, table, "1901", cases)
    # a planner sees masked IDs: IDs take no part in the matching (no oracle), house codes do
    assert sorted(result.matched["matched_by"]) == ["house_code"]
    assert len(result.tpmap_only) == 3
    assert result.thaiqm_only["house_code"].fillna("").tolist() == ["", "19010000099"]
    assert not citizen_id.valid_mask(result.matched["head_citizen_id"]).any()  # masked
    field = target_lists.reconcile_cases(FIELD, table, "1901", cases)
    assert len(field.matched) == 1  # household 4 (190109) is outside this team's tambons
    with pytest.raises(access.AccessDenied):
        target_lists.reconcile_cases(access.Viewer("e", "executive"), table, "1901", cases)


def test_why_listed_names_the_failed_indicators_not_vulnerability_facts(table):
    rows = target_lists.target_list(FIELD, table, "190110", target_lists.ListFilters("target"))
    assert len(rows)
    why = target_lists.display_frame(rows, "en")["reasons"]
    for text, codes in zip(why, rows["failed_codes"], strict=True):
        assert text.startswith("fails ")
        for code in codes.split(", "):
            assert f"{code} {catalogue.indicator_name(code, 'en')}" in text
        assert "Elderly member" not in text and "Young children" not in text
    assert target_lists.failed_in_words("2.1, 4.3", "th") == (
        f"ขาด 2.1 {catalogue.indicator_name('2.1', 'th')}, 4.3 {catalogue.indicator_name('4.3', 'th')}"
    )


def test_critical_reasons_stay_on_their_own_rows_when_the_index_does_not_start_at_0():
    rows = pd.DataFrame(
        {"critical_housing": [False, True, True], "critical_care": [True, False, True]},
        index=[10, 11, 12],
    )
    reasons = target_lists.critical_reasons(rows, "en")
    assert reasons.index.tolist() == [10, 11, 12]
    assert all(isinstance(text, str) and text for text in reasons)
    assert reasons[12].count(";") == 1 and ";" not in reasons[10] + reasons[11]
