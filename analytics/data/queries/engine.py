"""Where the queries run: DuckDB embedded over the Parquet files, or a PostgreSQL server.

Both hand out Ibis tables for one dataset-year (households, persons, its cube); the expressions
in ``expressions`` are the same for both. DuckDB reads the Parquet in place and keeps each cube
as a Parquet file beside the dataset's; PostgreSQL gets one table per dataset-year (loaded once,
by whichever app server asks first) and builds the cube there with ``CREATE TABLE AS``.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import uuid
from pathlib import Path
from typing import Protocol

import ibis
import ibis.backends.duckdb  # noqa: F401  (at import, i.e. server start: ~1 s, not on a request)
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from analytics import settings
from analytics.data.queries import compiled, expressions
from analytics.data.queries.params import MeasureParams
from analytics.domain import catalogue
from analytics.domain.household_schema import DatasetFiles

ENV_ENGINE_URL = "CHIPAO_ENGINE_URL"
CUBE_VERSION = 3  # bump when the cube's columns or meaning change
WANTED = "chipao_wanted_codes"


def file_key(files: DatasetFiles, path: Path) -> str:
    """Names one dataset-year file: its id, year and size/mtime (a replaced file is new)."""
    stat = path.stat()
    text = f"{files.dataset_id}|{files.year}|{path.name}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cube_key(files: DatasetFiles, params: MeasureParams) -> str:
    return f"{file_key(files, files.households)}_{params.fingerprint()}_v{CUBE_VERSION}"


class QueryEngine(Protocol):
    name: str

    def households(self, files: DatasetFiles) -> ibis.Table: ...

    def persons(self, files: DatasetFiles) -> ibis.Table: ...

    def cube(self, files: DatasetFiles, params: MeasureParams) -> ibis.Table: ...

    def execute(self, expr: ibis.Expr) -> pd.DataFrame: ...

    def compile(self, expr: ibis.Expr) -> str: ...

    def run_sql(self, sql: str, codes: list[str] | None = None) -> pd.DataFrame: ...

    def with_codes(self, table: ibis.Table, column: str) -> ibis.Table: ...


class DuckDBEngine:
    """Embedded DuckDB. One connection per engine; queries are serialised by a lock (a DuckDB
    connection is not safe to share between Streamlit's script threads)."""

    name = "duckdb"

    def __init__(self, cube_dir: Path | None = None, **duckdb_config: object) -> None:
        self.con = ibis.duckdb.connect(**duckdb_config)
        self.cube_dir = cube_dir
        self._lock = threading.RLock()
        self._tables: dict[str, ibis.Table] = {}
        self.con.raw_sql("SET enable_object_cache = true")  # keep Parquet footers between queries
        self.con.con.register(WANTED, pa.table({"code": pa.array([], pa.string())}))
        self._wanted = self.con.table(WANTED)

    def _read(self, path: Path, key: str) -> ibis.Table:
        with self._lock:
            if key not in self._tables:
                self._tables[key] = self.con.read_parquet(str(path), table_name=f"t_{key}")
            return self._tables[key]

    def households(self, files: DatasetFiles) -> ibis.Table:
        return self._read(files.households, "hh_" + file_key(files, files.households))

    def persons(self, files: DatasetFiles) -> ibis.Table:
        return self._read(files.persons, "p_" + file_key(files, files.persons))

    def cube_path(self, files: DatasetFiles, params: MeasureParams) -> Path:
        """Beside the dataset's Parquet (``<stem>.cube-<key>.parquet``) when that folder is
        writable, else under the cache folder."""
        name = f"{files.households.stem}.cube-{cube_key(files, params)}.parquet"
        folder = self.cube_dir or files.households.parent
        if self.cube_dir is None and not os.access(folder, os.W_OK):
            folder = settings.cache_dir() / "cubes"
        return folder / name

    def cube(self, files: DatasetFiles, params: MeasureParams) -> ibis.Table:
        path = self.cube_path(files, params)
        with self._lock:
            if not path.exists():
                self.build_cube(files, params, path)
            return self._read(path, "cube_" + cube_key(files, params))

    def build_cube(self, files: DatasetFiles, params: MeasureParams, path: Path) -> None:
        flags = expressions.household_flags(self.households(files), params)
        table = self.con.to_pyarrow(expressions.cube(flags, params))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        pq.write_table(table, tmp)
        tmp.replace(path)  # atomic: two servers building at once both write a whole file

    def execute(self, expr: ibis.Expr) -> pd.DataFrame:
        with self._lock:
            return self.con.to_pyarrow(expr).to_pandas()

    def compile(self, expr: ibis.Expr) -> str:
        return str(self.con.compile(expr))

    def run_sql(self, sql: str, codes: list[str] | None = None) -> pd.DataFrame:
        with self._lock:
            if codes is not None:  # the statement joins them: a hash join, not a 1000-way IN
                self.con.con.register(WANTED, pa.table({"code": pa.array(codes, pa.string())}))
            return self.con.con.sql(sql).to_arrow_table().to_pandas()

    def with_codes(self, table: ibis.Table, column: str) -> ibis.Table:
        """Rows whose ``column`` is one of the codes passed to ``run_sql``."""
        return table.semi_join(self._wanted, table[column] == self._wanted.code)


class PostgresEngine:
    """A PostgreSQL server: each dataset-year's households and persons become tables
    ``chipao_hh_<key>`` / ``chipao_p_<key>``, cubes ``chipao_cube_<key>``."""

    name = "postgres"

    def __init__(self, url: str) -> None:
        self.con = ibis.connect(_ibis_url(url))
        self._lock = threading.RLock()
        self._known: set[str] = set()

    def _exists(self, name: str) -> bool:
        if name not in self._known and name in self.con.list_tables():
            self._known.add(name)
        return name in self._known

    def _create(self, name: str, obj: object, tmp: str | None = None) -> ibis.Table:
        """Create under a temporary name and rename: another server loading the same table at
        the same time cannot leave a half-loaded one."""
        with self._lock:
            if not self._exists(name):
                if tmp is None:
                    tmp = f"{name}_load_{uuid.uuid4().hex[:8]}"
                    self.con.create_table(tmp, obj=obj)
                try:
                    self.con.raw_sql(f'ALTER TABLE "{tmp}" RENAME TO "{name}"').close()
                except Exception:  # another server won the race: keep theirs
                    self.con.drop_table(tmp, force=True)
                self._known.add(name)
            return self.con.table(name)

    def households(self, files: DatasetFiles) -> ibis.Table:
        return self._load("chipao_hh_" + file_key(files, files.households), files.households)

    def persons(self, files: DatasetFiles) -> ibis.Table:
        return self._load("chipao_p_" + file_key(files, files.persons), files.persons)

    def _load(self, name: str, path: Path) -> ibis.Table:
        """A Parquet file into a table with COPY (Ibis inserts row by row: minutes nationally)."""
        if self._exists(name):
            return self.con.table(name)
        with self._lock:
            if self._exists(name):
                return self.con.table(name)
            tmp = f"{name}_load_{uuid.uuid4().hex[:8]}"
            parquet = pq.ParquetFile(path)
            self.con.create_table(tmp, schema=ibis.Schema.from_pyarrow(parquet.schema_arrow))
            with self.con.con.cursor() as cursor:
                with cursor.copy(f'COPY "{tmp}" FROM STDIN WITH (FORMAT csv)') as copy:
                    for batch in parquet.iter_batches(batch_size=100_000):
                        buffer = io.BytesIO()
                        pacsv.write_csv(batch, buffer, pacsv.WriteOptions(include_header=False))
                        copy.write(buffer.getvalue())
            return self._create(name, None, tmp)

    def cube(self, files: DatasetFiles, params: MeasureParams) -> ibis.Table:
        name = "chipao_cube_" + cube_key(files, params)
        if self._exists(name):
            return self.con.table(name)
        flags = expressions.household_flags(self.households(files), params)
        return self._create(name, expressions.cube(flags, params))

    def execute(self, expr: ibis.Expr) -> pd.DataFrame:
        with self._lock:
            return self.con.to_pyarrow(expr).to_pandas()

    def compile(self, expr: ibis.Expr) -> str:
        return str(self.con.compile(expr))

    def run_sql(self, sql: str, codes: list[str] | None = None) -> pd.DataFrame:
        with self._lock, self.con.raw_sql(sql) as cursor:
            columns = [d[0] for d in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=columns)

    def with_codes(self, table: ibis.Table, column: str) -> ibis.Table:
        """PostgreSQL hashes a long IN list itself; the codes are put in as literals."""
        return table.filter(table[column].isin([compiled.placeholder("codes")]))


def _ibis_url(url: str) -> str:
    """Accept SQLAlchemy-style ``postgresql+psycopg2://`` as well as ``postgres://``."""
    scheme, sep, rest = url.partition("://")
    if scheme.startswith("postgresql"):
        scheme = "postgres"
    return scheme + sep + rest


def from_settings() -> QueryEngine:
    """``CHIPAO_ENGINE_URL`` (a server engine) wins; else ``[engine] backend`` (duckdb)."""
    url = settings.current().engine_url
    if url:
        return PostgresEngine(url)
    section = catalogue.settings().get("engine", {})
    backend = section.get("backend", "duckdb")
    if backend != "duckdb":
        raise ValueError(f"[engine] backend {backend!r}: use 'duckdb' or set {ENV_ENGINE_URL}")
    duckdb_config = {k: section[k] for k in ("threads", "memory_limit") if k in section}
    return DuckDBEngine(**duckdb_config)
