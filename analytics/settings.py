"""Every ``CHIPAO_*`` environment variable, read in one place: defaults, checks and the docs.

``current()`` reads the environment each time it is called (cheap; tests change variables), and
raises :class:`SettingsError` naming the variable when a value cannot be used. The README's table
of variables is :func:`markdown_table`, made from `analytics/catalogue/environment.csv` (a test
compares them). Measure settings that an
administrator edits live in ``analytics/catalogue/settings.toml`` and are read by
:func:`file_settings` (``catalogue.settings()`` is the same object).

``python -m analytics.settings`` prints the effective configuration, secrets masked.
"""

from __future__ import annotations

import csv
import math
import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = REPO_ROOT / "analytics" / "catalogue"  # the data files the code reads
SETTINGS_FILE = REPO_ROOT / "analytics" / "catalogue" / "settings.toml"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class Variable:
    """One environment variable: its field on :class:`Settings`, default and meaning (README)."""

    name: str
    field: str
    default: str
    meaning: str
    secret: bool = False


def _variables() -> tuple[Variable, ...]:
    """The variables and their docs, from ``analytics/catalogue/environment.csv``."""
    with open(REPO_ROOT / "analytics" / "catalogue" / "environment.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(Variable(**(row | {"secret": row["secret"] == "true"})) for row in rows)


VARIABLES: tuple[Variable, ...] = _variables()
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")


class SettingsError(ValueError):
    """A ``CHIPAO_*`` value that cannot be used; the message names the variable."""

    def __init__(self, name: str, value: str, expected: str):
        self.name = name
        shown = mask(value) if name in _SECRETS else value
        super().__init__(f"{name}={shown!r}: {expected}")


_SECRETS = {v.name for v in VARIABLES if v.secret}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    tpmap_dir: Path
    geodata_dir: Path
    cache_dir: Path
    data_home: Path
    synthetic_scale: float
    database_url: str
    engine_url: str | None
    users_file: Path | None  # None: the default file (which depends on demo mode)
    demo: bool
    font_dir: Path
    basemap: str | None  # None: the settings file decides
    test_postgres_url: str | None
    test_workers: int
    shots_dir: Path | None
    landing_shots_dir: Path | None


def _text(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = _text(env, name)
    return Path(value).expanduser() if value else None


def _number(env: Mapping[str, str], name: str, default: float, *, least: float = 0) -> float:
    """A finite number above ``least`` (or equal to it when ``least`` is not 0)."""
    value = _text(env, name)
    if not value:
        return default
    expected = f"expected a number {'above' if least == 0 else 'of at least'} {least:g}"
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(name, value, expected) from None
    if not math.isfinite(number) or number < least or (least == 0 and number == 0):
        raise SettingsError(name, value, expected)
    return number


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    value = _text(env, name) or str(default)
    if not value.isdigit():
        raise SettingsError(name, value, "expected a whole number (0 or more)")
    return int(value)


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = _text(env, name).lower()
    if value not in _TRUE | _FALSE:
        raise SettingsError(name, value, "expected 1/0, true/false, yes/no or on/off")
    return value in _TRUE


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    value = _text(env, name)
    if value and not value.split("://")[0].startswith(schemes):
        raise SettingsError(name, value, f"expected a URL starting with {' or '.join(schemes)}")
    return value or None


def _basemap(env: Mapping[str, str]) -> str | None:
    if "CHIPAO_BASEMAP" not in env:
        return None
    value = _text(env, "CHIPAO_BASEMAP")
    if (
        value
        and value.lower() != "openstreetmap"
        and not all(part in value for part in ("://", "{z}", "{x}", "{y}"))
    ):
        raise SettingsError(
            "CHIPAO_BASEMAP", value, "expected '', 'openstreetmap' or a tile URL with {z}/{x}/{y}"
        )
    return value


def cache_dir() -> Path:
    """The writable cache folder (``CHIPAO_CACHE_DIR``), created when missing."""
    path = current().cache_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def current(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``environ`` (default: the process environment), checked."""
    env = os.environ if environ is None else environ
    data_dir = _path(env, "CHIPAO_DATA_DIR") or REPO_ROOT.parent / "shared"
    cache = _path(env, "CHIPAO_CACHE_DIR") or REPO_ROOT / ".cache" / "chipao"
    database = _url(env, "CHIPAO_DATABASE_URL", ("sqlite", "postgresql"))
    return Settings(
        data_dir=data_dir,
        tpmap_dir=_path(env, "CHIPAO_TPMAP_DIR") or data_dir / "data" / "tpmap-2561",
        geodata_dir=_path(env, "CHIPAO_GEODATA_DIR") or data_dir / "geodata",
        cache_dir=cache,
        data_home=_path(env, "CHIPAO_DATA_HOME") or cache.parent / "data",
        synthetic_scale=_number(env, "CHIPAO_SYNTHETIC_SCALE", 1.0),
        database_url=database or f"sqlite:///{(cache / 'chipao.db').resolve()}",
        engine_url=_url(env, "CHIPAO_ENGINE_URL", ("postgres",)),
        users_file=_path(env, "CHIPAO_USERS_FILE"),
        demo=_flag(env, "CHIPAO_DEMO"),
        font_dir=_path(env, "CHIPAO_FONT_DIR") or DEFAULT_FONT_DIR,
        basemap=_basemap(env),
        test_postgres_url=_url(env, "CHIPAO_TEST_POSTGRES_URL", ("postgresql",)),
        test_workers=_count(env, "CHIPAO_TEST_WORKERS", 2),
        shots_dir=_path(env, "CHIPAO_SHOTS_DIR"),
        landing_shots_dir=_path(env, "CHIPAO_LANDING_SHOTS_DIR"),
    )


def is_set(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the variable ``name`` has a value (messages say where a folder came from)."""
    return bool(_text(os.environ if environ is None else environ, name))


@lru_cache(maxsize=1)
def file_settings() -> dict[str, Any]:
    """``analytics/catalogue/settings.toml``: measure, sign-in, import, map settings by section."""
    with open(SETTINGS_FILE, "rb") as fh:
        return tomllib.load(fh)


def mask(value: str) -> str:
    """A URL with its password replaced by ``***`` (``user:***@host``)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", value)


def describe(settings: Settings | None = None) -> list[tuple[str, str]]:
    """(variable, effective value) for every variable, secrets masked."""
    settings = settings or current()
    rows = []
    for variable in VARIABLES:
        value = getattr(settings, variable.field)
        text = "" if value is None else str(value)
        rows.append((variable.name, mask(text) if variable.secret else text))
    return rows


def markdown_table() -> str:
    """The README's table of variables."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(lines)


def main() -> None:
    if "--markdown" in sys.argv[1:]:
        print(markdown_table())
        return
    try:
        rows = describe()
    except SettingsError as error:
        raise SystemExit(f"chipao settings: {error}") from None
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value or '(unset)'}")
    print(f"\n{SETTINGS_FILE.relative_to(REPO_ROOT)}:")
    for section, values in file_settings().items():
        print(f"  [{section}] " + ", ".join(f"{k}={v!r}" for k, v in values.items()))


if __name__ == "__main__":
    main()
