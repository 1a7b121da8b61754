"""Compiled SQL, kept: Ibis takes 50-250 ms to compile an area-table expression (about 100
aggregates), longer than DuckDB takes to run it. Expressions are built with placeholder
literals for the values that change between calls (area codes, house codes) and compiled once
per shape; the values are put into the SQL as quoted literals after checking they are plain
codes (letters and digits only), so nothing a user types can change the statement.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

import ibis
import pandas as pd

_CODE = re.compile(r"^[0-9A-Za-z]{1,32}$")
PREFIX = "chipao:placeholder:"


def placeholder(name: str) -> str:
    return PREFIX + name


def quote(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError("not a plain code (letters and digits)")  # a caller's bug, not input
    return f"'{value}'"


class SqlCache:
    def __init__(self, compile_fn: Callable[[ibis.Expr], str], size: int = 512) -> None:
        self.compile_fn = compile_fn
        self.size = size
        self._sql: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def sql(
        self, key: Hashable, build: Callable[[], ibis.Expr], values: dict[str, str | Sequence[str]]
    ) -> str:
        with self._lock:
            sql = self._sql.get(key)
            if sql is not None:
                self._sql.move_to_end(key)
        if sql is None:
            sql = self.compile_fn(build())
            with self._lock:
                self._sql[key] = sql
                while len(self._sql) > self.size:
                    self._sql.popitem(last=False)
        for name, value in values.items():
            text = quote(value) if isinstance(value, str) else ", ".join(map(quote, value))
            sql = sql.replace(f"'{placeholder(name)}'", text)
        return sql


def run(
    engine,
    cache: SqlCache,
    key: Hashable,
    build: Callable[[], ibis.Expr],
    codes: list[str] | None = None,
    **values,
) -> pd.DataFrame:
    """Run the cached statement for ``key``; ``codes`` (house codes) are checked like any value
    and handed to the engine (a joined table in DuckDB, literals in PostgreSQL)."""
    if codes is not None:
        values["codes"] = codes
    return engine.run_sql(cache.sql(key, build, values), codes=codes)
