"""Briefing and monitoring count visits of the selected area over its target households
(issue 8: the briefing said "visited 1 of 1 listed households (100.0 %)" in Saraburi)."""

from __future__ import annotations

import base64
import json
from datetime import date

import numpy as np
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from store import get_engine, migrate, record_visit
from tests.pages.apptest_support import HOUSEHOLDS_2561, open_page
from tests.pages.test_visits_apptest import database  # noqa: F401  (fixture)
from ui import households

EXECUTIVE = access.Viewer("exec", "executive")
PLANNER = access.Viewer("planner", "planner", ("19",))


def target_households(prefix: str) -> list[str]:
    table = households.area_households(prefix[:2], 2561)
    chosen = table[(table["target_members"] > 0) & table["tambon"].str.startswith(prefix)]
    TAMBON_OF.update(zip(chosen["house_code"], chosen["tambon"], strict=True))
    return sorted(chosen["house_code"])


TAMBON_OF: dict[str, str] = {}  # house code -> tambon, as the visit form records it


def visit(engine, house_code: str, status: str = "assisted") -> None:
    record_visit(
        engine,
        {
            "house_code": house_code,
            "tambon_code": TAMBON_OF[house_code],
            "visit_date": date(2025, 11, 3),
            "team": "ทีมทดสอบ",
            "status": status,
        },
        user="field",
        known_household=lambda _code: True,
    )


def page(path: str, viewer, lang="en", **state) -> AppTest:
    return open_page(path, viewer, lang, timeout=180, **{**HOUSEHOLDS_2561, **state})


def test_briefing_counts_one_visit_in_saraburi_over_its_target_households(database):  # noqa: F811
    engine = get_engine(f"sqlite:///{database}")
    migrate(engine)
    saraburi = target_households("19")
    visit(engine, saraburi[0])
    visit(engine, target_households("60")[0])  # Nakhon Sawan: not in Saraburi's numbers
    app = page("pages/briefing.py", EXECUTIVE, province_households="19")
    paragraph = next(m.value for m in app.markdown if m.value.startswith("Home visits"))
    assert f"1 of the {len(saraburi):,} listed households" in paragraph
    assert len(saraburi) > 100  # not "1 of 1"
    table = app.dataframe[-1].value
    assert dict(zip(table["label_en"], table["households"], strict=True)) == {
        "Target": 0,
        "In progress": 0,
        "Assisted": 1,
        "Resolved on their own": 0,
        "Referred / cannot be resolved": 0,
        "Not visited": len(saraburi) - 1,
    }


def test_monitoring_case_progress_is_the_selected_amphoe_not_the_whole_scope(database):  # noqa: F811
    engine = get_engine(f"sqlite:///{database}")
    migrate(engine)
    mueang, other = target_households("1901"), target_households("1902")
    visit(engine, mueang[0], "in_progress")
    visit(engine, other[0], "referred")
    app = page(
        "pages/monitoring.py", PLANNER, province_households="19", amphoe_households_19="1901"
    )
    captions = " ".join(c.value for c in app.caption)
    assert f"Visit progress of the {len(mueang):,} target households" in captions
    chart = json.loads(app.get("plotly_chart")[-1].proto.spec)  # the case-progress bars
    assert bar_values(chart["data"][0]["y"]) == [0, 1, 0, 0, 0, len(mueang) - 1]


def bar_values(y) -> list[int]:
    """Plotly sends arrays as {"dtype", "bdata"} (base64) or as a plain list."""
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).tolist()
    return list(y)
