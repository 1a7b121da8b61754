"""Households outside the pilot provinces for the menu and plan tests: Ubon Ratchathani (34),
an ordinary tambon (340104, หัวเรือ) and TPMAP's municipal pseudo-tambon 340151 whose villages
carry a letter (``340151A1`` .. ``340151A8``, saved as ``340151A101`` ..)."""

from __future__ import annotations

from pathlib import Path

from analytics.data.queries import HouseholdData
from analytics.data.queries.engine import DuckDBEngine
from analytics.domain.household_schema import DatasetFiles
from analytics.io import importers
from tests.analytics.data.queries.conftest import PARAMS
from tests.fixtures import household_export

TAMBON = "340104"
MUNICIPAL = "340151"
LETTER_VILLAGE = "340151A101"
AREAS = {"province": "34", "tambon": TAMBON, "municipal": MUNICIPAL, "letter": LETTER_VILLAGE}


def ubon_export(households_per_tambon: int = 40) -> bytes:
    """The export as a district office sends it (cp874), municipal villages lettered."""
    export = household_export.build((TAMBON, MUNICIPAL), households_per_tambon, seed=34)
    lines = export.text.split("\r\n")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if len(cells) > 3 and cells[3].startswith(MUNICIPAL):
            cells[3] = f"{MUNICIPAL}A{int(cells[3][6:8])}"
            lines[i] = ",".join(cells)
    return "\r\n".join(lines).encode("cp874")


def ubon_source(tmp_path: Path) -> HouseholdData:
    """The export imported and read through the query layer (DuckDB), as the pages read it."""
    result = importers.import_households(ubon_export(), "ubon.csv")
    assert result.errors.empty, result.errors.head()
    hh_path, p_path = tmp_path / "h.parquet", tmp_path / "p.parquet"
    result.households.to_parquet(hh_path, index=False)
    result.persons.to_parquet(p_path, index=False)
    files = [DatasetFiles("ubon", 2561, ("34",), hh_path, p_path)]
    return HouseholdData(lambda: files, backend=DuckDBEngine(cube_dir=tmp_path), params=PARAMS)
