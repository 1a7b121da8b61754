"""The real TPMAP 2561 reader against the published figures of shared/docs/domain.md §6."""

import pytest

from analytics.data import tpmap_tables
from analytics.domain import catalogue

DOMAIN_FIGURES = {  # households, persons, MPI-poor, target poor, rate %
    "60": (252_074, 690_037, 82_987, 20_005, 2.90),
    "19": (138_192, 395_389, 42_964, 6_994, 1.77),
    "41": (328_096, 1_019_283, 113_884, 26_974, 2.65),
}


@pytest.fixture(scope="module")
def provinces():
    return tpmap_tables.area_table("province").set_index("code")


@pytest.mark.parametrize("code", sorted(DOMAIN_FIGURES))
def test_province_totals_equal_domain_figures(provinces, code):
    households, persons, mpi_poor, target, rate = DOMAIN_FIGURES[code]
    row = provinces.loc[code]
    assert row["households"] == households
    assert row["persons"] == persons
    assert row["mpi_poor"] == mpi_poor
    assert row["target_poor"] == target
    assert round(row["rate"], 2) == rate


def test_national_row_and_76_provinces(provinces):
    country = tpmap_tables.area_table("country").iloc[0]
    assert country["persons"] == 36_647_817
    assert country["mpi_poor"] == 4_405_684
    assert country["target_poor"] == 1_032_987
    assert round(country["rate"], 2) == 2.82
    assert len(provinces) == 76
    assert provinces["persons"].sum() == country["persons"]
    assert provinces["target_poor"].sum() == country["target_poor"]


def test_village_and_tambon_tables_add_up_to_the_amphoe():
    villages = tpmap_tables.area_table("village", "19")
    tambons = tpmap_tables.area_table("tambon", "19")
    amphoes = tpmap_tables.area_table("amphoe", "19").set_index("code")
    assert villages["households"].sum() == tambons["households"].sum() == 138_192
    by_amphoe = tambons.groupby(tambons["code"].str[:4])["target_poor"].sum()
    assert (by_amphoe == amphoes["target_poor"].reindex(by_amphoe.index)).all()


def test_dimension_subset_is_the_union_over_chosen_dimensions():
    full = tpmap_tables.area_table("amphoe", "60").set_index("code")
    health = tpmap_tables.area_table("amphoe", "60", ("health",)).set_index("code")
    # TPMAP's health-only table counts exactly the target poor failing health in the full table
    assert (health["target_poor"] == full["target_health"]).all()
    both = tpmap_tables.area_table("amphoe", "60", ("health", "education")).set_index("code")
    assert (both["target_poor"] <= full["target_health"] + full["target_education"]).all()
    assert (both["target_poor"] >= full[["target_health", "target_education"]].max(axis=1)).all()


def test_unavailable_subset_and_village_level_say_why():
    with pytest.raises(ValueError, match="only for pilot provinces"):
        tpmap_tables.area_table("tambon", "50", ("health",))
    with pytest.raises(ValueError, match="only for all 5 dimensions"):
        tpmap_tables.area_table("village", "60", ("health",))
    with pytest.raises(ValueError, match="unknown dimension"):
        catalogue.mask_string(("wealth",))


def test_missing_directory_gives_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("CHIPAO_TPMAP_DIR", str(tmp_path / "nowhere"))
    tpmap_tables._read.cache_clear()
    with pytest.raises(tpmap_tables.TpmapDataMissing, match="CHIPAO_DATA_DIR"):
        tpmap_tables.area_table("province")
    tpmap_tables._read.cache_clear()


def test_applies_columns_come_from_indicator_all():
    """``indicatorN.ALL``: persons in households an indicator applies to (domain.md §1a)."""
    country = tpmap_tables.area_table("country").iloc[0]
    assert country["applies_i4_2"] == 17_515_633  # members of households with someone 60+
    assert country["applies_i5_2"] == 1_757_411  # against 495,767 disabled persons
    tambons = tpmap_tables.area_table("tambon", "19")
    for column in catalogue.indicator_columns():
        assert (tambons[f"applies_{column}"] >= tambons[f"fail_{column}"]).all(), column
        assert (tambons[f"applies_{column}"] <= tambons["persons"]).all(), column
