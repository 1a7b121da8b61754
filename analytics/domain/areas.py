"""Names of areas from their DOPA codes (geothai), including TPMAP's municipal pseudo-tambons."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import geothai

from analytics.domain import area_codes
from analytics.text import labels
from analytics.text.bilingual import pick


@lru_cache(maxsize=50_000)
def area_name(code: str, lang: str = "th") -> str:
    """Display name for any code :mod:`analytics.domain.area_codes` parses; the code itself otherwise."""
    attr = pick(lang, "name_th", "name_en")
    try:
        parsed = area_codes.parse(code)
    except area_codes.AreaCodeError:
        return str(code)
    if parsed.level == "country":
        return labels.t("country", lang)
    if parsed.level == "village":
        suffix = f"/{parsed.village_suffix}" if parsed.village_suffix else ""
        tambon = area_name(parsed.tambon, lang)
        return f"{labels.t('village_prefix', lang)} {parsed.village_number}{suffix} {tambon}"
    if parsed.level == "tambon" and parsed.is_municipal:
        amphoe_code = cast(str, parsed.amphoe)  # a tambon always has its amphoe
        amphoe = geothai.district(amphoe_code)
        base = getattr(amphoe, attr) if amphoe else amphoe_code
        return f"{labels.t('municipal', lang)} ({base} {code[4:]})"
    finder = {"province": geothai.province, "amphoe": geothai.district}
    found = finder.get(parsed.level, geothai.subdistrict)(parsed.code)
    return getattr(found, attr) if found else parsed.code


def province_choices() -> list[str]:
    return [p.code for p in geothai.provinces()]
