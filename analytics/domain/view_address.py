"""A view's shareable address: the query parameters ``area``, ``year``, ``lang`` and ``source``.

Pure parsing and writing (no Streamlit): a link's values are checked here, and a value that is
not an area Thailand has, not a year, not a language or not a source is left out and named in
``ignored`` so the page can say so instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geothai

from analytics.domain import area_codes

PARAMS = ("area", "year", "lang", "source")
LANGS = ("th", "en")
SOURCES = ("real", "households")
YEAR_RANGE = (2500, 2700)  # Buddhist-era years TPMAP could have


@dataclass(frozen=True)
class ViewAddress:
    area: str | None = None  # a known area code ("TH" for the country)
    year: int | None = None
    lang: str | None = None
    source: str | None = None
    ignored: tuple[str, ...] = ()  # names of parameters whose values could not be used

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in PARAMS)


def _first(value: object) -> str | None:
    """One value of a query parameter (the first when it is given twice)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return None if value is None else str(value).strip()


def known_area(code: str) -> str | None:
    """The area code when Thailand has such an area (DOPA or TPMAP municipal), else None."""
    try:
        parsed = area_codes.parse(code)
    except area_codes.AreaCodeError:
        return None
    level = parsed.level
    if level == "country":
        return area_codes.COUNTRY
    if level == "province":
        return parsed.code if geothai.province(parsed.code) else None
    if level == "amphoe":
        return parsed.code if geothai.district(parsed.code) else None
    tambon = parsed.tambon or ""
    if not (area_codes.is_dopa_tambon(tambon) or area_codes.is_municipal(tambon)):
        return None
    return parsed.code


def _year(text: str) -> int | None:
    if not text.isdigit() or len(text) != 4:
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def parse(params: Mapping[str, object]) -> ViewAddress:
    """The usable values of a page's query parameters; unknown parameters are not looked at."""
    values: dict[str, object] = {}
    ignored: list[str] = []
    checks = {
        "area": lambda s: known_area(s.upper() if s.upper() == "TH" else s),
        "year": _year,
        "lang": lambda s: s if s in LANGS else None,
        "source": lambda s: s if s in SOURCES else None,
    }
    for name, check in checks.items():
        text = _first(params.get(name))
        if text is None:
            continue
        value = check(text[:20]) if text else None
        if value is None:
            ignored.append(name)
        else:
            values[name] = value
    return ViewAddress(**values, ignored=tuple(ignored))  # type: ignore[arg-type]


def to_params(area: str, year: int, lang: str, source: str | None) -> dict[str, str]:
    """The query parameters of a view, in a fixed order (``source`` left out when None)."""
    params = {"area": area or area_codes.COUNTRY, "year": str(year), "lang": lang}
    if source:
        params["source"] = source
    return params
