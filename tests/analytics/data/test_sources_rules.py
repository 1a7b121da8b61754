"""One rule for dimension subsets, and levels a source does not have as a clear message."""

from __future__ import annotations

import pytest

from analytics import settings
from analytics.data import sources
from analytics.data.queries import HouseholdData
from analytics.domain import catalogue
from analytics.domain.household_schema import DatasetFiles

needs_tpmap = pytest.mark.skipif(
    not settings.current().tpmap_dir.is_dir(), reason="TPMAP 2561 tables not installed"
)
ALL = tuple(catalogue.dimension_codes())


@needs_tpmap
@pytest.mark.parametrize(
    ("province", "level", "falls_back"),
    [(None, "country", False), (None, "province", True), ("40", "province", True),
     ("40", "tambon", True), ("60", "tambon", False), ("60", "village", True)],
)  # fmt: skip
def test_dimension_subset_falls_back_to_all_five_where_the_real_tables_lack_it(
    province, level, falls_back
):
    used, fell_back = sources.resolve_dims(sources.TpmapAggregates(), province, level, ("health",))
    assert fell_back is falls_back
    assert used == (ALL if falls_back else ("health",))


def test_all_five_or_nothing_chosen_never_falls_back():
    real = sources.TpmapAggregates()
    assert sources.resolve_dims(real, "40", "tambon", ()) == (ALL, False)
    assert sources.resolve_dims(real, "40", "tambon", ALL) == (ALL, False)
    households = HouseholdData(lambda: [])
    assert sources.resolve_dims(households, "40", "tambon", ("health",)) == (("health",), False)


@needs_tpmap
def test_village_table_of_a_non_pilot_province_is_a_message_not_a_missing_file():
    # main: TpmapDataMissing "missing TPMAP table 61_40_village_common.csv" as a traceback
    real = sources.TpmapAggregates()
    assert not real.has_level("40", "village")
    assert real.has_level("41", "village")
    with pytest.raises(sources.DataNotAvailable) as raised:
        real.area_table("village", "40", "400165", 2561, ALL)
    assert raised.value.key == "no_village_table"


@needs_tpmap
def test_subset_where_the_real_tables_lack_it_is_a_message_not_a_value_error():
    with pytest.raises(sources.DataNotAvailable):
        sources.TpmapAggregates().area_table("tambon", "40", "4001", 2561, ("health",))


def test_provinces_without_a_household_dataset_are_a_message(tmp_path):
    files = [DatasetFiles("demo", 2561, ("60",), tmp_path / "h.parquet", tmp_path / "p.parquet")]
    demo = HouseholdData(lambda: files)
    assert demo.covers("60") and not demo.covers("40")
    with pytest.raises(sources.DataNotAvailable) as raised:
        demo.area_table("amphoe", "40", "40", 2561, ALL)
    assert raised.value.key == "no_households_here"
