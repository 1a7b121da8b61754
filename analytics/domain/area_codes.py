"""The one parser for area codes as TPMAP has them.

DOPA codes are hierarchical strings: province 2 digits, amphoe 4, tambon 6, village 8 or 10
characters (tambon + village number + a 2-digit suffix). TPMAP adds two things (domain.md §3):

* **municipal pseudo-tambons**: 6-digit codes under a real amphoe that are not DOPA tambons
  (mostly ending 51-59, but also Khon Kaen city 400165 and 400190-400199, Nakhon Ratchasima
  300161). Official tambons come from ``geothai`` (DOPA), so "municipal" means: 6 digits, a
  known amphoe, not a known tambon.
* **letters in village numbers** inside municipalities, e.g. ``410151A901`` (village ``A9``).

Every module asks this one for a code's level, parts and kind.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import geothai

from analytics.text import labels
from analytics.text.bilingual import BilingualError

COUNTRY = "TH"
LEVELS = ("country", "province", "amphoe", "tambon", "village")
LEVEL_LENGTH = {"country": 0, "province": 2, "amphoe": 4, "tambon": 6, "village": 10}
_LEVEL_BY_LENGTH = {
    0: "country",
    2: "province",
    4: "amphoe",
    6: "tambon",
    8: "village",
    10: "village",
}
_PATTERN = re.compile(
    r"^(?:\d{2}|\d{4}|\d{6}|\d{6}[0-9A-Za-z]{2}|\d{6}[0-9A-Za-z]{2}\d{2})$", re.ASCII
)


class AreaCodeError(BilingualError):
    """Not an area code (bilingual message)."""


_PARENT_LEVEL = dict(zip(LEVELS[1:], LEVELS[:-1], strict=True))
_CHILD_LEVEL = dict(zip(LEVELS[:-1], LEVELS[1:], strict=True))


@dataclass(frozen=True)
class AreaCode:
    """A parsed area code. Build it with :func:`parse` (or ``AreaCode.of``), which validates."""

    code: str
    level: str

    @classmethod
    def of(cls, code: object) -> AreaCode:
        return parse(code)

    def __str__(self) -> str:
        return self.code

    def part(self, level: str) -> str | None:
        """The code of the enclosing area at ``level`` (None above the code's own level)."""
        if level == "country":
            return COUNTRY
        length = LEVEL_LENGTH[level]
        if LEVEL_LENGTH[self.level] < length or self.level == "country":
            return None
        return self.code if level == "village" else self.code[:length]

    @property
    def is_country(self) -> bool:
        return self.level == "country"

    @property
    def parent(self) -> AreaCode | None:
        """The enclosing area one level up; the country has none."""
        if self.is_country:
            return None
        up = _PARENT_LEVEL[self.level]
        return AreaCode(cast(str, self.part(up)), up)

    @property
    def children_level(self) -> str | None:
        """The level of the areas directly inside this one (None for a village)."""
        return _CHILD_LEVEL.get(self.level)

    def contains(self, other: AreaCode | str) -> bool:
        """Whether ``other`` lies in this area (an area contains itself; the country all)."""
        inner = other if isinstance(other, AreaCode) else parse(other)
        return inner.part(self.level) == self.code

    @property
    def province(self) -> str | None:
        return self.part("province")

    @property
    def amphoe(self) -> str | None:
        return self.part("amphoe")

    @property
    def tambon(self) -> str | None:
        return self.part("tambon")

    @property
    def village_number(self) -> str | None:
        """หมู่ as written: ``"7"`` for ``6001010701``, ``"A9"`` for ``410151A901``."""
        if self.level != "village":
            return None
        number = self.code[6:8]
        return str(int(number)) if number.isdigit() else number.upper()

    @property
    def village_suffix(self) -> str | None:
        """The last two digits of a 10-character village code when they are not ``01``."""
        if self.level != "village" or len(self.code) != 10 or self.code[8:] == "01":
            return None
        return self.code[8:]

    @property
    def is_municipal(self) -> bool:
        """A municipal pseudo-tambon (or a village of one)."""
        return self.tambon is not None and is_municipal(self.tambon)


def parse(code: object) -> AreaCode:
    """Parse a code ("TH" or "" is the country); raise :class:`AreaCodeError` otherwise."""
    text = _ascii_digits("" if code is None else str(code).strip())
    if text in ("", COUNTRY):
        return AreaCode(COUNTRY, "country")
    if not _PATTERN.match(text):
        raise AreaCodeError(labels.text("area_code_invalid", code=repr(text[:20])))
    return AreaCode(text, _LEVEL_BY_LENGTH[len(text)])


def _ascii_digits(text: str) -> str:
    """Thai (and other Unicode) digits as ASCII: "๑๙๐๑๑๐" is tambon 190110, typed in Thai."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def is_country(code: object) -> bool:
    """ "TH", "" or None: the whole country (no parent, no province)."""
    return code is None or str(code).strip() in ("", COUNTRY)


def level_of(code: object) -> str:
    return parse(code).level


def prefix_length(level: str) -> int:
    """Characters of a code at ``level`` (0 for the country): to group codes by prefix."""
    return LEVEL_LENGTH[level]


@lru_cache(maxsize=20_000)
def is_dopa_tambon(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and geothai.subdistrict(code) is not None


@lru_cache(maxsize=20_000)
def is_municipal(code: object) -> bool:
    """A 6-digit code under a DOPA amphoe that is not a DOPA tambon (TPMAP's municipalities)."""
    text = str(code)
    return (
        len(text) == 6
        and text.isdigit()
        and not is_dopa_tambon(text)
        and geothai.district(text[:4]) is not None
    )
