"""The shared sidebar choices every page service takes."""

from __future__ import annotations

from dataclasses import dataclass

from analytics.domain import area_codes


@dataclass(frozen=True)
class Filters:
    lang: str
    source: str
    year: int
    province: str | None
    amphoe: str | None
    tambon: str | None
    dims: tuple[str, ...]

    @property
    def area_code(self) -> str:
        return self.tambon or self.amphoe or self.province or "TH"

    @property
    def level(self) -> str:
        return area_codes.level_of(self.area_code)

    @property
    def parent(self) -> str | None:
        """The parent argument of the area table that holds the selected area's own row
        (the country has none): the one spelling of "country has no parent"."""
        return None if self.level == "country" else self.area_code
