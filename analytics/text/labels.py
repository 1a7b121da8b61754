"""User-facing text in Thai and English: catalogue/labels/*.toml (one file per subject), one lookup.

Each file has a ``[th]`` and an ``[en]`` table; a key may be defined in one file only.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from analytics import settings
from analytics.text.bilingual import Text

LANGUAGES = ("th", "en")


LABELS_DIR = settings.CATALOGUE_DIR / "labels"


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for path in sorted(LABELS_DIR.glob("*.toml")):
        with open(path, "rb") as fh:
            loaded = tomllib.load(fh)
        for lang in LANGUAGES:
            table = loaded.get(lang, {})
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise ValueError(f"{path.name}: labels defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged


def t(key: str, lang: str = "th", **values: object) -> str:
    """The label ``key`` in ``lang`` (Thai when missing), formatted with ``values``."""
    labels = _labels()
    text = labels.get(lang, {}).get(key) or labels["th"][key]
    return text.format(**values) if values else text


def text(key: str, **values: object) -> Text:
    """The label ``key`` in both languages (a :class:`Text`), formatted with ``values``."""
    return Text(t(key, "th", **values), t(key, "en", **values))
