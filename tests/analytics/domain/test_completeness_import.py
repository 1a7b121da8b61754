"""An imported export keeps what completeness needs: which answers were blank and whose
welfare-card status was not given (issue 14), and the completeness view counts them."""

from __future__ import annotations

from analytics.data.queries import HouseholdData
from analytics.data.queries.engine import DuckDBEngine
from analytics.domain.household_schema import DatasetFiles
from analytics.io import importers
from analytics.services import completeness as service
from tests.analytics.data.queries.conftest import PARAMS
from tests.fixtures import household_export

TAMBONS = ("340104", "340105")


def gapped_export() -> tuple[bytes, str, int]:
    """Ubon (34, not a pilot province) with household 1's 2.1 left blank and the welfare
    column of every member of household 2 left blank. Returns the bytes, the two house codes
    and the members of household 2."""
    export = household_export.build(TAMBONS, households_per_tambon=40, seed=14)
    lines = export.text.split("\r\n")
    header = lines[0].split(",")
    answer, welfare = header.index("2.1"), header.index("ลงทะเบียนบัตรสวัสดิการ")
    first, second = export.house_codes[:2]
    blanked = 0
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if len(cells) < len(header):
            continue
        if cells[2] == first:
            cells[answer] = ""
        if cells[2] == second:
            cells[welfare] = ""
            blanked += 1
        lines[i] = ",".join(cells)
    return "\r\n".join(lines).encode("cp874"), second, blanked


def test_blank_answers_and_blank_welfare_status_survive_the_import(tmp_path):
    raw, second, blanked = gapped_export()
    result = importers.import_households(raw, "export.csv")
    assert result.errors.empty
    households, persons = result.households, result.persons
    assert int((~households["answered_i2_1"]).sum()) == 1
    assert households["answered_i1_2"].all()
    unknown = persons.loc[~persons["welfare_known"], "house_code"]
    assert len(unknown) == blanked and set(unknown) == {second}
    hh_path, p_path = tmp_path / "h.parquet", tmp_path / "p.parquet"
    households.assign(province=households["province"]).to_parquet(hh_path, index=False)
    persons.to_parquet(p_path, index=False)
    files = [DatasetFiles("dsub", 2561, ("34",), hh_path, p_path)]
    data = HouseholdData(lambda: files, backend=DuckDBEngine(cube_dir=tmp_path), params=PARAMS)
    view = service.completeness_view(data, "34", 2561)
    table = view.indicators.set_index("indicator")
    assert table.loc["2.1", "unanswered"] == 1
    assert view.totals["welfare_unknown"] == blanked
    assert view.totals["no_position"] == 80  # the export has no coordinates
    assert view.village_list == "none"  # no TPMAP village table outside the pilot provinces
    amphoe = view.areas.set_index("code").loc["3401"]
    assert amphoe["households"] == 80 and amphoe["tpmap_households"] > 80
    assert view.areas["code"].iloc[-1] == "3401"  # amphoes with nobody in the file rank worse
