"""The map's features (municipal squares included) add up to the real province totals."""

import pytest

import geodata
from analytics.data import tpmap_tables
from tests.geodata.shared_files import needs_shared

DOMAIN_FIGURES = {  # households, persons, MPI-poor, target poor (shared/docs/domain.md §6)
    "60": (252_074, 690_037, 82_987, 20_005),
    "19": (138_192, 395_389, 42_964, 6_994),
    "41": (328_096, 1_019_283, 113_884, 26_974),
}
MUNICIPAL_CODES = {"60": 3, "19": 4, "41": 10}  # domain.md §3
MEASURES = ["households", "persons", "mpi_poor", "target_poor"]


@needs_shared
@pytest.mark.parametrize("province", sorted(DOMAIN_FIGURES))
def test_map_features_sum_to_province_totals(province):
    layer = geodata.prepared_layer("tambon", [province])
    table = tpmap_tables.area_table("tambon", province).rename(columns={"code": "tambon_code"})
    joined = geodata.join_area_table(layer, table[["tambon_code", *MEASURES]], level="tambon")
    assert joined.unmatched.empty, joined.unmatched
    assert len(joined.municipal) == MUNICIPAL_CODES[province]
    assert joined.municipal[["anchor_lon", "anchor_lat"]].notna().all().all()
    shown = joined.shown_totals
    assert tuple(int(shown[m]) for m in MEASURES) == DOMAIN_FIGURES[province]
    # every tambon polygon of the province stays on the map, with or without a row of its own
    assert len(joined.polygons) == len(layer)


@needs_shared
@pytest.mark.parametrize(
    ("province", "target_poor", "outside_51_59"),
    [("40", 25_637, {"400165", *(f"4001{n}" for n in range(90, 100))}), ("30", None, {"300161"})],
)
def test_khon_kaen_and_korat_municipal_codes_stay_on_the_tambon_map(
    province, target_poor, outside_51_59
):
    """main: "Map total 24,784 · Table total 25,637" for Khon Kaen (67,018 persons and 1,058
    target poor of 400165, 400190-400199 and 300161 dropped)."""
    layer = geodata.prepared_layer("tambon", [province])
    table = tpmap_tables.area_table("tambon", province).rename(columns={"code": "tambon_code"})
    joined = geodata.join_area_table(layer, table[["tambon_code", *MEASURES]], level="tambon")
    assert joined.unmatched.empty, joined.unmatched
    assert outside_51_59 <= set(joined.municipal["tambon_code"])
    joined.check_totals(MEASURES)
    shown = joined.shown_totals
    assert int(shown["target_poor"]) == int(table["target_poor"].sum())
    if target_poor is not None:
        assert int(shown["target_poor"]) == target_poor
