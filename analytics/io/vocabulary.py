"""The words the importers accept in a file (catalogue/import_words.toml): header aliases in
English and Thai, and the values of answers, flags, sex and Thai QM statuses."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from analytics.domain import catalogue

WORDS_FILE = catalogue.CATALOGUE_DIR / "import_words.toml"


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    with open(WORDS_FILE, "rb") as fh:
        return tomllib.load(fh)


def header_aliases(importer: str) -> dict[str, str]:
    """Accepted header (lower case) -> canonical column, for ``household`` or ``thaiqm``."""
    headers: dict[str, list[str]] = _words()[importer]["headers"]
    return {alias.lower(): column for column, aliases in headers.items() for alias in aliases}


def values(importer: str, kind: str) -> frozenset[str]:
    """The accepted cell values of one kind (``[<importer>.values] <kind>``)."""
    return frozenset(_words()[importer]["values"][kind])


def status_words() -> dict[str, str]:
    """Extra Thai QM status words -> status code (beyond the codes and their labels)."""
    table: dict[str, list[str]] = _words()["thaiqm"]["status_words"]
    return {word: code for code, words in table.items() for word in words}
