"""User-facing text in Thai and English: one file (catalogue/labels.toml), one lookup."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from analytics import catalogue

LANGUAGES = ("th", "en")


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    with open(catalogue.CATALOGUE_DIR / "labels.toml", "rb") as fh:
        return tomllib.load(fh)


def t(key: str, lang: str = "th", **values) -> str:
    """The label ``key`` in ``lang`` (Thai when missing), formatted with ``values``."""
    labels = _labels()
    text = labels.get(lang, {}).get(key) or labels["th"][key]
    return text.format(**values) if values else text


def dimension_name(code: str, lang: str) -> str:
    row = catalogue.dimensions().set_index("code").loc[code]
    return row["name_th"] if lang == "th" else row["name_en"]


def indicator_name(code: str, lang: str) -> str:
    ind = catalogue.indicator_by_code(code)
    return ind.name_th if lang == "th" else ind.name_en
