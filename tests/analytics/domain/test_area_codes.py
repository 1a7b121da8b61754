"""The one area-code parser: levels, parts, letters in village codes, municipal pseudo-tambons."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import settings
from analytics.data import tpmap_tables
from analytics.domain import area_codes, areas

needs_tpmap = pytest.mark.skipif(
    not settings.current().tpmap_dir.is_dir(), reason="TPMAP 2561 tables not installed"
)


@pytest.mark.parametrize(
    ("code", "level"),
    [("TH", "country"), ("", "country"), ("41", "province"), ("4101", "amphoe"),
     ("410151", "tambon"), ("41015101", "village"), ("410151A901", "village")],
)  # fmt: skip
def test_level_comes_from_the_parser(code, level):
    assert area_codes.level_of(code) == level


def test_parts_of_a_letter_village_code():
    parsed = area_codes.parse("410151A901")
    assert (parsed.province, parsed.amphoe, parsed.tambon) == ("41", "4101", "410151")
    assert parsed.village_number == "A9"
    assert parsed.village_suffix is None
    assert parsed.is_municipal
    assert area_codes.parse("6001010702").village_number == "7"
    assert area_codes.parse("6001010702").village_suffix == "02"


@pytest.mark.parametrize("bad", ["4", "41x", "4101511", "41015A", "12345678901", "../41"])
def test_not_an_area_code_is_a_clear_bilingual_error(bad):
    with pytest.raises(area_codes.AreaCodeError, match="รหัสพื้นที่ไม่ถูกต้อง.*not an area code"):
        area_codes.parse(bad)


def test_udon_thani_letter_village_codes_do_not_crash_area_name():
    # main did int(code[6:8]): ValueError: invalid literal for int() with base 10: 'A9'
    for code in ("410151A001", "410151A101", "410151A201", "410151A301", "410151A901"):
        assert areas.area_name(code, "th").startswith(f"หมู่ {code[6:8]} เทศบาล")
        assert areas.area_name(code, "en").startswith(f"Village {code[6:8]} Municipality")


@pytest.mark.parametrize(
    "code", ["400165", "400190", "400195", "400199", "300161", "600151", "410151", "190151"]
)
def test_municipal_codes_outside_51_59_are_municipal(code):
    assert area_codes.is_municipal(code)
    assert areas.area_name(code, "en").startswith("Municipality (")
    assert areas.area_name(code, "th").startswith("เทศบาล (")


@pytest.mark.parametrize("code", ["400101", "300101", "600101", "990151", "4001", "40016x"])
def test_dopa_tambons_and_non_codes_are_not_municipal(code):
    assert not area_codes.is_municipal(code)


@needs_tpmap
def test_every_tpmap_tambon_code_is_a_dopa_tambon_or_municipal():
    codes = pd.concat(
        tpmap_tables.area_table("tambon", p)[["code", "persons"]]
        for p in tpmap_tables.available_provinces()
    )
    dopa = codes["code"].map(area_codes.is_dopa_tambon)
    municipal = codes["code"].map(area_codes.is_municipal)
    assert (dopa ^ municipal).all()
    outside = codes[municipal & ~codes["code"].str[4:].astype(int).between(51, 59)]
    # Khon Kaen 400165, 400190-400199 and Nakhon Ratchasima 300161 (domain.md §3)
    assert sorted(outside["code"]) == ["300161", "400165", *[f"4001{n}" for n in range(90, 100)]]
    assert outside["persons"].sum() == 67_018


@pytest.mark.parametrize(
    ("code", "parent", "children"),
    [("TH", None, "province"), ("19", "TH", "amphoe"), ("1901", "19", "tambon"),
     ("190110", "1901", "village"), ("19011001", "190110", None), ("410151A901", "410151", None)],
)  # fmt: skip
def test_area_code_knows_its_parent_and_children_level(code, parent, children):
    parsed = area_codes.AreaCode.of(code)
    assert (str(parsed.parent) if parsed.parent else None) == parent
    assert parsed.children_level == children


def test_country_has_no_parent_and_contains_every_area():
    country = area_codes.parse("TH")
    assert country.parent is None and country.is_country and area_codes.is_country("")
    assert country.contains("410151A901") and country.contains(country)


def test_contains_is_by_prefix_at_the_outer_level():
    assert area_codes.parse("19").contains("190110")
    assert area_codes.parse("1901").contains(area_codes.parse("1901"))
    assert not area_codes.parse("19").contains("1201")
    assert not area_codes.parse("190110").contains("19")  # a tambon does not contain its province
    assert area_codes.parse("190151").is_municipal and not area_codes.parse("190110").is_municipal


def test_a_code_typed_in_thai_digits_is_the_same_code():
    assert area_codes.parse("๑๙๐๑๑๐") == area_codes.parse("190110")
    assert area_codes.parse(" ๓๔๐๑๕๑A๑ ").code == "340151A1"  # a municipal village with a letter
    with pytest.raises(area_codes.AreaCodeError):
        area_codes.parse("๑๙๐๑๑")  # five digits are no code, in any script
    from analytics.domain import view_address

    link = view_address.parse({"area": "๓๔๐๑๕๑", "year": "๒๕๖๑"})  # a link typed in Thai
    assert (link.area, link.year) == ("340151", 2561)
