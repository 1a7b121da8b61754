"""The menu and plans outside the pilots: Ubon (34) from an imported file, an ordinary tambon,
a municipal pseudo-tambon and a village code with a letter. Matching, area demand, household
steps (and the receipt they record), the saved area plan and its Excel/PDF all work in each,
with the download named after the area."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import numpy as np
import pytest
from openpyxl import load_workbook

from analytics.domain import access, areas
from analytics.io import exports, plan_export
from analytics.services import plans
from store import get_engine, migrate
from store import plans as plan_store
from tests.analytics.services.beyond_pilots import AREAS, MUNICIPAL, TAMBON, ubon_source

PLANNER = access.Viewer("planner_ubon", "planner", ("34",))
MUNICIPAL_FIELD = access.Viewer("field_muni", "field", (MUNICIPAL,))


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return ubon_source(tmp_path_factory.mktemp("ubon"))


@pytest.fixture
def engine(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(engine)
    return engine


def suggested_house(area: plans.AreaMatches) -> tuple[str, str]:
    """A household with a suggestion not yet received, and that programme."""
    i = int(np.flatnonzero(area.matches.suggested.any(axis=1))[0])
    j = int(np.flatnonzero(area.matches.suggested[i])[0])
    return str(area.households["house_code"].iloc[i]), area.programmes[j].id


@pytest.mark.parametrize("kind", list(AREAS))
def test_matching_and_demand_work_in_every_kind_of_area(source, engine, kind):
    code = AREAS[kind]
    area = plans.area_matches(source, engine, PLANNER, code, 2561)
    homes = area.households
    assert len(homes) > 0
    assert homes["village_id"].astype(str).str.startswith(code).all()
    assert area.matches.suggested.any(), "nobody matched a programme"
    demand = plans.demand(area, "th")
    assert (demand["households"] > 0).any()
    house, _ = suggested_house(area)
    sug = plans.household_suggestions(area, house, "en")
    assert len(sug) > 0 and sug["name"].str.len().gt(0).all()


@pytest.mark.parametrize("kind", ["tambon", "municipal", "letter"])
def test_household_steps_record_receipt_in_every_kind_of_area(source, engine, kind):
    code = AREAS[kind]
    area = plans.area_matches(source, engine, PLANNER, code, 2561)
    house, programme = suggested_house(area)
    for step, day in (("referred", 1), ("received", 5)):
        entry = plan_store.StepInput(house, "", programme, step, date(2026, 11, day))
        assert plans.record_step(engine, area, PLANNER, entry) > 0
    saved = plan_store.steps(engine, [house])
    assert set(saved["tambon_code"]) == {code[:6]}  # the municipal tambon, as the data has it
    again = plans.area_matches(source, engine, PLANNER, code, 2561)
    i = int(np.flatnonzero(again.matches.house_codes == house)[0])
    j = [p.id for p in again.programmes].index(programme)
    assert again.matches.received[i, j]
    assert programme not in set(plans.household_suggestions(again, house, "th")["programme_id"])


def test_field_user_of_the_municipality_cannot_step_a_household_of_another_tambon(source, engine):
    """Attack: the matched area is the whole province (a planner's); a field user of the
    municipal tambon records a step for a household of 340104 through it."""
    area = plans.area_matches(source, engine, PLANNER, "34", 2561)
    other = area.households[area.households["tambon"] == TAMBON]["house_code"].iloc[0]
    entry = plan_store.StepInput(str(other), MUNICIPAL, "old_age_70", "referred", date(2026, 11, 1))
    with pytest.raises(access.AccessDenied):
        plans.record_step(engine, area, MUNICIPAL_FIELD, entry)
    assert plan_store.steps(engine, [str(other)]).empty


@pytest.mark.parametrize("kind", list(AREAS))
def test_area_plan_saves_and_exports_in_every_kind_of_area(source, engine, kind):
    code = AREAS[kind]
    area = plans.area_matches(source, engine, PLANNER, code, 2561)
    demand = plans.demand(area, "th")
    chosen = demand.loc[demand["suggested"] > 0, "programme_id"].tolist()
    view = plans.build_plan(area, chosen, 5_000_000, amounts=plans.amounts_for(engine, code, 2570))
    rows = view.plan_rows.copy()
    rows.insert(1, "name", rows["programme_id"].map(dict(zip(demand["programme_id"],
                                                             demand["name"], strict=True))))  # fmt: skip
    assert len(rows) > 0
    assert plan_store.save_area_plan(engine, code, 2570, 5_000_000, rows, "planner_ubon") == 1
    header, saved = plan_store.latest_area_plan(engine, code, 2570)
    assert header is not None and header["area_code"] == code
    assert saved["programme_id"].tolist() == rows["programme_id"].tolist()
    name = areas.area_name(code, "th")
    head = plan_export.PlanHeader(name, 2570, 5_000_000, view.fitting_cost, view.unknown_rows,
                                  "planner_ubon", datetime(2026, 11, 30, tzinfo=UTC))  # fmt: skip
    sheet = load_workbook(io.BytesIO(plan_export.to_excel(rows, head, "th"))).active
    assert name in str(sheet["A1"].value)
    assert plans.plan_file_name(code, 2570, "xlsx") == f"chipao_plan_{code}_2570.xlsx"
    try:
        exports.find_thai_font()
    except exports.ThaiFontNotFoundError:
        pytest.skip("no Thai font for the PDF")
    assert plan_export.to_pdf(rows, head, "en").startswith(b"%PDF")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190151", "190151"),  # municipal pseudo-tambon
        ("410151A001", "410151A001"),  # village with a letter
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\windows", "windows"),
        ("3" * 300, "3" * 10),
        ("๓๔๐๑๕๑", "340151"),  # Thai digits read as digits
        ("34\x00\r\n01\t", "34_01"),
        ("", "area"),
        ("/", "area"),
    ],
)
def test_plan_download_name_of_an_unusual_area_code_is_a_plain_file_name(code, expected):
    for ext in plans.PLAN_FILE_TYPES:
        name = plans.plan_file_name(code, 2570, ext)
        assert name == f"chipao_plan_{expected}_2570.{ext}"
        assert name.isascii() and name.isprintable()
        assert "/" not in name and "\\" not in name and ".." not in name
    with pytest.raises(ValueError):
        plans.plan_file_name("190110", 2570, "exe/../x")
