"""Thai/English pairs, as the domain keeps some words (stage, status, role labels), read in one
place. To be replaced by the bilingual text type of ``analytics.text`` when it lands."""

from __future__ import annotations

from collections.abc import Sequence

from analytics.text.labels import LANGUAGES


def in_lang(pair: Sequence[str], lang: str) -> str:
    """The word of a (Thai, English) pair in ``lang`` (Thai for an unknown language)."""
    return pair[LANGUAGES.index(lang)] if lang in LANGUAGES else pair[0]


def column_in_lang(stem: str, lang: str) -> str:
    """The ``<stem>_th`` / ``<stem>_en`` column of a frame that carries both languages."""
    return f"{stem}_{lang if lang in LANGUAGES else LANGUAGES[0]}"
