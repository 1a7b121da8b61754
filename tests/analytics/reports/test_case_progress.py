"""Visit progress of the selected area, worked by hand: the denominator is the target households
of that area (issue 8: "visited 1 of 1 listed households (100.0 %)" in Saraburi, 6,120 target
households; the monitoring page counted the whole scope)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.domain import monitoring
from analytics.reports import briefing
from analytics.reports.briefing import layout, visit_counts

#                 house code     tambon    target members  latest visit
HOUSEHOLDS = [
    ("19010100001", "190101", 2, "assisted"),
    ("19010100002", "190101", 1, None),
    ("19010200001", "190102", 0, "in_progress"),  # visited, not a target household
    ("19020100001", "190201", 3, "referred"),
    ("60010100001", "600101", 1, "assisted"),
]


def households() -> pd.DataFrame:
    return pd.DataFrame(
        [h[:3] for h in HOUSEHOLDS], columns=["house_code", "tambon", "target_members"]
    )


def latest() -> pd.DataFrame:
    rows = [(h[0], h[1], h[3]) for h in HOUSEHOLDS if h[3]]
    rows.append(("41010100001", "410101", "assisted"))  # a household not in the table
    return pd.DataFrame(rows, columns=["house_code", "tambon_code", "status"])


def counts(area: str) -> dict[str, int]:
    table = monitoring.case_progress(households(), latest(), area)
    return {s: n for s, n in zip(table["status"], table["households"], strict=True) if n}


@pytest.mark.parametrize(
    ("area", "expected", "outside"),
    [
        ("19", {"assisted": 1, "referred": 1, "not_visited": 1}, 1),
        ("1901", {"assisted": 1, "not_visited": 1}, 1),
        ("190101", {"assisted": 1, "not_visited": 1}, 0),
        ("190201", {"referred": 1}, 0),
        ("TH", {"assisted": 2, "referred": 1, "not_visited": 1}, 1),
        ("41", {}, 0),
    ],
)
def test_visit_progress_counts_the_selected_area_over_its_target_households(
    area, expected, outside
):
    assert counts(area) == expected
    assert monitoring.visited_outside_list(households(), latest(), area) == outside


def test_every_status_is_listed_with_not_visited_last_and_labels():
    table = monitoring.case_progress(households(), latest(), "19")
    assert list(table["status"]) == [
        "target",
        "in_progress",
        "assisted",
        "self_resolved",
        "referred",
        "not_visited",
    ]
    assert table["households"].sum() == 3  # = target households of Saraburi here
    assert table.iloc[-1][["label_th", "label_en"]].tolist() == ["ยังไม่ได้เยี่ยม", "Not visited"]


def saraburi_with_one_visit() -> pd.DataFrame:
    """6,120 target households in Saraburi, one of them visited and assisted."""
    homes = pd.DataFrame(
        {
            "house_code": [f"19{n:09d}" for n in range(6_120)],
            "tambon": "190101",
            "target_members": 1,
        }
    )
    visited = pd.DataFrame(
        {"house_code": ["19000000000"], "tambon_code": ["190101"], "status": ["assisted"]}
    )
    return monitoring.case_progress(homes, visited, "19")


def test_briefing_says_one_of_6120_target_households_after_one_visit_in_saraburi():
    progress = saraburi_with_one_visit().rename(
        columns={"label_th": "status_th", "label_en": "status_en"}
    )
    assert visit_counts(progress) == {"total": 6_120, "visited": 1, "resolved": 1}
    data = _briefing_data(progress)
    english = briefing.narrative(data, "en")[4]
    assert "1 of the 6,120 listed households" in english and "(0.0%)" in english
    assert "เยี่ยมแล้ว 1 จาก 6,120 ครัวเรือน" in briefing.narrative(data, "th")[4]


def test_pdf_total_row_with_no_visits_and_with_no_target_households():
    none_visited = saraburi_with_one_visit().assign(households=[0, 0, 0, 0, 0, 6_120])
    rows = layout._visit_rows(_briefing_data(_renamed(none_visited)), "en")
    assert rows[-2] == ["Not visited", "6,120", "100.0"]
    assert rows[-1][1:] == ["6,120", "100.0"]
    empty_area = none_visited.assign(households=0)
    rows = layout._visit_rows(_briefing_data(_renamed(empty_area)), "en")
    assert rows[-1][1:] == ["0", "-"]  # was "0 / 100.0"


def _renamed(progress: pd.DataFrame) -> pd.DataFrame:
    return progress.rename(columns={"label_th": "status_th", "label_en": "status_en"})


def _briefing_data(progress: pd.DataFrame) -> briefing.BriefingData:
    frame = pd.DataFrame(columns=["name_th", "name_en", "target_poor", "rate"])
    return briefing.BriefingData(
        area_name_th="สระบุรี",
        area_name_en="Saraburi",
        year=2561,
        previous_year=None,
        headline={"households": 1, "persons": 1, "mpi_poor": 1, "target_poor": 1, "rate": 1.0},
        previous=None,
        top_count=frame,
        top_rate=frame,
        pilot_ranking=pd.DataFrame(columns=["name", "rate", "change"]),
        visit_progress=progress,
        source_th="ข้อมูลสังเคราะห์",
        source_en="Synthetic",
    )
