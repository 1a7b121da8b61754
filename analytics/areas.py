"""Names of areas from their DOPA codes (geothai), including TPMAP's municipal pseudo-tambons."""

from __future__ import annotations

from functools import lru_cache

import geothai

from analytics import labels


def is_municipal(tambon_code: str) -> bool:
    """TPMAP tables list municipalities under tambon codes ending 51-59 (domain.md §3)."""
    return (
        len(tambon_code) >= 6 and tambon_code[4:6].isdigit() and 51 <= int(tambon_code[4:6]) <= 59
    )


@lru_cache(maxsize=50_000)
def area_name(code: str, lang: str = "th") -> str:
    """Display name for a province (2), amphoe (4), tambon (6) or village (8/10 digit) code."""
    attr = "name_th" if lang == "th" else "name_en"
    if code == "TH":
        return labels.t("country", lang)
    if len(code) == 2:
        found = geothai.province(code)
    elif len(code) == 4:
        found = geothai.district(code)
    elif len(code) == 6:
        if is_municipal(code):
            amphoe = geothai.district(code[:4])
            base = getattr(amphoe, attr) if amphoe else code[:4]
            return f"{labels.t('municipal', lang)} ({base} {code[4:]})"
        found = geothai.subdistrict(code)
    else:
        tambon = area_name(code[:6], lang)
        number = int(code[6:8])
        suffix = f"/{code[8:]}" if len(code) == 10 and code[8:] != "01" else ""
        return f"{labels.t('village_prefix', lang)} {number}{suffix} {tambon}"
    return getattr(found, attr) if found else code


def province_choices() -> list[str]:
    return [p.code for p in geothai.provinces()]


def amphoe_choices(province: str) -> list[str]:
    return [d.code for d in geothai.districts(province)]
