"""One rounding rule (half-up) for tiles, tables and the briefing; years named correctly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd
import pytest

from analytics import settings
from analytics.data import tpmap_tables
from analytics.domain.map_measures import measure_by_key
from analytics.reports import briefing
from analytics.text import formatting


@pytest.mark.parametrize(
    ("value", "text"),
    [(3.125, "3.13"), (3.1249999999999996, "3.13"), (2.675, "2.68"), (0.005, "0.01"),
     (-3.125, "-3.13"), (2.90, "2.90"), (float("nan"), "–"), (None, "–"), (float("inf"), "–")],
)  # fmt: skip
def test_rate_rounds_half_up(value, text):
    assert formatting.format_rate(value) == text


def test_counts_round_half_up_with_thousands_separators():
    assert formatting.format_count(20_004.5) == "20,005"
    assert formatting.format_count(2.5) == "3"  # round() gives 2
    assert formatting.format_signed(-0.125, 2) == "-0.13"


def test_rate_tile_table_briefing_and_map_agree_on_3_125():
    # main: the tile printed f"{3.125:.2f}" = 3.12 while the table printed 3.13
    table = formatting.round_columns(pd.DataFrame({"rate": [3.125]}), {"rate": 2})
    assert f"{table['rate'].iloc[0]:.2f}" == "3.13"
    assert formatting.format_rate(3.125) == "3.13"
    assert briefing.format_rate(3.125) == "3.13"
    assert measure_by_key("rate").format(3.125) == "3.13 %"


@pytest.mark.skipif(not settings.current().tpmap_dir.is_dir(), reason="TPMAP tables not installed")
def test_areas_with_an_exact_half_rate_round_up_like_the_exact_fraction():
    """Every real area whose rate has an exact third decimal 5 prints the hand-rounded value."""
    checked = {}
    for province in tpmap_tables.available_provinces():
        villages = ["village"] if tpmap_tables.has_village_table(province) else []
        for level in ("amphoe", "tambon", *villages):
            table = tpmap_tables.area_table(level, province)
            table = table[table["persons"] > 0]
            for target, persons, rate in table[["target_poor", "persons", "rate"]].itertuples(
                index=False
            ):
                exact = Fraction(int(target) * 100, int(persons))
                if (exact * 1000).denominator == 1 and (exact * 1000) % 10 == 5:
                    expected = Decimal(exact.numerator) / Decimal(exact.denominator)
                    expected = expected.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                    assert formatting.format_rate(rate) == f"{expected:,.2f}"
                    checked[level] = checked.get(level, 0) + 1
    assert checked == {"tambon": 5, "village": 9}  # the 9 areas are pilot villages


def test_year_names_tpmap_and_the_survey_behind_it():
    # TPMAP 2561 = จปฐ. 2560 x welfare card 2560 (domain.md §6); main said "Survey year 2561"
    assert formatting.year_label(2561, "th") == "TPMAP 2561 (จปฐ. 2560)"
    assert formatting.year_label(2561, "en") == "TPMAP 2561 (BMN 2560)"
    assert formatting.survey_year(2564) == 2563


def test_one_date_style_buddhist_era_in_thai_iso_like_in_english():
    import datetime as dt

    from analytics.text.formatting import MISSING, date_label

    morning = dt.datetime(2026, 11, 30, 7, 5, tzinfo=dt.UTC)  # 14:05 in Bangkok
    assert date_label("2026-11-01", "th") == "1 พ.ย. 2569"
    assert date_label(morning, "th", with_time=True) == "30 พ.ย. 2569 14:05 น."
    assert date_label(dt.date(2026, 1, 2), "en") == "2026-01-02"
    assert date_label(morning, "en", with_time=True) == "2026-11-30 14:05"
    assert date_label(None, "th") == date_label(float("nan"), "en") == MISSING
