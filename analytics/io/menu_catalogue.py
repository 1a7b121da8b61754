"""The default menu: ``programmes.csv`` of the shared folder, read in place, with the
structured eligibility of ``catalogue/menu_rules.toml`` (the documented mapping of the
CSV's prose). Indicator numbers in the CSV are BMN items; they become TPMAP codes here.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analytics import settings
from analytics.domain import catalogue
from analytics.domain.menu import rules
from analytics.domain.menu.model import PERIODS, UNITS, Programme

RULES_FILE = catalogue.CATALOGUE_DIR / "menu_rules.toml"
MENU_AREAS = {
    "economic security": "economic",
    "necessary skills": "skills",
    "living conditions": "living",
    "access to state services": "access",
    "health": "health",
}


@dataclass
class MenuCatalogueError(ValueError):
    """A row of the catalogue that cannot be read: ``row`` is the CSV line (header = 1)."""

    row: int
    field: str
    problem: str
    detail: str = ""

    def __str__(self) -> str:
        return f"programmes.csv line {self.row}, {self.field}: {self.problem} {self.detail}"


def default_path() -> Path:
    return settings.current().data_dir / "data" / "menu" / "programmes.csv"


def load(path: Path | None = None, rules_file: Path = RULES_FILE) -> tuple[Programme, ...]:
    """Every programme of the CSV, in file order. Raises ``MenuCatalogueError``."""
    return _load(str(path or default_path()), str(rules_file))


@lru_cache(maxsize=4)
def _load(path: str, rules_file: str) -> tuple[Programme, ...]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    with open(rules_file, "rb") as fh:
        mapping = {m["programme_en"]: m for m in tomllib.load(fh)["programme"]}
    codes = frozenset(i.code for i in catalogue.indicators())
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        line = i + 2
        entry = mapping.get(row["programme_en"])
        if entry is None:
            raise MenuCatalogueError(line, "programme_en", "no_rule_mapping", row["programme_en"])
        out.append(_programme(row, entry, line, codes))
    ids = [p.id for p in out]
    duplicated = sorted({x for x in ids if ids.count(x) > 1})
    if duplicated:
        raise MenuCatalogueError(0, "id", "duplicate_id", ", ".join(duplicated))
    return tuple(out)


def _programme(row: dict, entry: dict, line: int, codes: frozenset[str]) -> Programme:
    try:
        rule = rules.parse(entry["rule"], codes)
    except rules.RuleError as err:
        raise MenuCatalogueError(line, "eligibility_rule", err.problem, err.clause) from err
    if entry["unit"] not in UNITS:
        raise MenuCatalogueError(line, "unit", "unknown_unit", entry["unit"])
    if entry["period"] not in PERIODS:
        raise MenuCatalogueError(line, "period", "unknown_period", entry["period"])
    amount = _amount(row["benefit_amount_baht"], line)
    indicators = bmn_to_codes(row["tpmap_indicators"])
    return Programme(
        id=entry["id"],
        name_th=row["programme_th"],
        name_en=row["programme_en"],
        menu_area=menu_area_code(row["menu_area"]),
        dimension=_dimension(indicators),
        indicators=indicators,
        rule=rule,
        amount=None if entry.get("amount_unknown") else amount,
        unit=entry["unit"],
        period=entry["period"],
        agency=row["agency"],
        source=row["source_url"],
        confidence=row["confidence"],
        inferred=bool(entry.get("inferred")),
        indicators_inferred="[inferred]" in row["tpmap_indicators"],
        benefit_text=row["benefit_unit"],
        notes=tuple(n for n in (entry.get("note", ""),) if n),
    )


def _amount(text: str, line: int) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None  # blank = unknown, never zero
    try:
        value = float(text)
    except ValueError as err:
        raise MenuCatalogueError(line, "benefit_amount_baht", "not_a_number", text) from err
    if math.isnan(value) or value < 0:
        raise MenuCatalogueError(line, "benefit_amount_baht", "not_a_number", text)
    return value


def bmn_to_codes(text: str) -> tuple[str, ...]:
    """BMN item numbers of the CSV ("22; 16; 17 (indirect) [inferred]") as TPMAP codes;
    "all ..." (or no number) = empty, i.e. helps with any failure."""
    by_bmn = {i.bmn: i.code for i in catalogue.indicators()}
    if text.strip().lower().startswith("all"):
        return ()
    found = [by_bmn[int(n)] for n in re.findall(r"\b(\d{1,2})\b", text) if int(n) in by_bmn]
    return tuple(dict.fromkeys(found))


def menu_area_code(text: str) -> str:
    lowered = text.lower()
    for words, code in MENU_AREAS.items():
        if f"({words})" in lowered:
            return code
    return "other"


def _dimension(indicators: tuple[str, ...]) -> str:
    if not indicators:
        return "all"
    return catalogue.indicator_by_code(indicators[0]).dimension
