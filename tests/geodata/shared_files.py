"""Where the geodata tests find the real boundary files (read-only), and the skip marks for them."""

import os
from pathlib import Path

import pytest

SHARED = Path(
    os.environ.get("CHIPAO_GEODATA_DIR")
    or Path(__file__).resolve().parents[3] / "shared" / "geodata"
)
SARABURI_SHP_ZIP = SHARED / "sources" / "prasertcbs_tambon_19_Saraburi.zip"
needs_shared = pytest.mark.skipif(
    not (SHARED / "tambons_pilot3.geojson").is_file(),
    reason=f"shared boundary files not found in {SHARED}",
)
needs_sources = pytest.mark.skipif(
    not SARABURI_SHP_ZIP.is_file(), reason=f"shared source files not found in {SHARED}"
)
