"""Where the logbook lives and how to talk to it: URL, engines, transactions, migrations.

SQLite (one file under the cache folder) is the default for a single machine; set
``CHIPAO_DATABASE_URL`` to a PostgreSQL URL for a shared deployment. Both go through the same
functions here, so the rest of the package never looks at the dialect.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from analytics import settings
from analytics.text import labels

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "chipao_read_only"  # execution option: SQLite read transactions start DEFERRED
_MIGRATION_LOCK_KEY = 0x43_48_49_50  # "CHIP": pg_advisory_xact_lock key shared by all processes

PG_CONNECT_TIMEOUT_S = 5  # an unreachable server answers within this, not after minutes
# SQLSTATE classes/codes meaning "cannot write now", not "bad input": read-only transaction,
# insufficient privilege, disk full, admin shutdown, connection failures.
_PG_READ_ONLY = {"25006", "42501", "53100"}

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


class StoreError(RuntimeError):
    """The database could not be used. Carries a Thai and an English message for the screen;
    ``kind`` is "unavailable" (cannot connect), "read_only" (cannot write) or "failed".

    The text never includes SQL parameters, so no personal data reaches a log through it.
    """

    KINDS = ("unavailable", "read_only", "failed")

    def __init__(self, kind: str):
        if kind not in self.KINDS:
            raise ValueError(f"unknown StoreError kind {kind!r}")
        self.kind = kind
        self.message_th, self.message_en = labels.text(f"store_{kind}")
        super().__init__(f"{self.message_th} / {self.message_en}")

    def shown(self) -> str:
        """Both messages, a line each (Markdown), for the screen."""
        return f"{self.message_th}  \n{self.message_en}"


def classify_error(error: BaseException) -> str:
    """Which :class:`StoreError` kind a driver error is (no message text is kept)."""
    orig = getattr(error, "orig", error)
    code = getattr(orig, "pgcode", None) or ""
    text = str(orig).lower()
    if code in _PG_READ_ONLY or "readonly" in text or "read-only" in text:
        return "read_only"
    if code[:2] in ("08", "57") or isinstance(
        error, (sa.exc.OperationalError, sa.exc.InterfaceError, sqlite3.OperationalError)
    ):
        return "unavailable"
    return "failed"


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn driver errors (other than integrity errors, which callers handle) into StoreError.

    The server log gets the error class and SQLSTATE only: never the statement's parameters.
    """
    try:
        yield
    except sa.exc.IntegrityError:
        raise
    except (sa.exc.DBAPIError, sqlite3.Error) as error:
        kind = classify_error(error)
        orig = getattr(error, "orig", error)
        log.warning(
            "database error (%s): %s, sqlstate %s",
            kind,
            type(orig).__name__,
            getattr(orig, "pgcode", None) or "-",
        )
        raise StoreError(kind) from None


def database_url() -> str:
    """``CHIPAO_DATABASE_URL``, else an SQLite file ``chipao.db`` in the cache folder."""
    configured = settings.current()
    if configured.database_url.startswith("sqlite:///"):
        Path(configured.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    return configured.database_url


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process (engines hold pools; never share one across a fork)."""
    key = url or database_url()
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = _create_engine(key)
        return engine


def dispose_engines() -> None:
    """Close every cached engine's pooled connections (tests, shutdown)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _create_engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        psycopg = parsed.get_driver_name() in ("psycopg2", "psycopg")
        connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S} if psycopg else {}
        return sa.create_engine(
            url,
            pool_pre_ping=True,
            json_serializer=_json_dumps,
            hide_parameters=True,  # a visit's notes must not reach a log through an error
            connect_args=connect_args,
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        json_serializer=_json_dumps,
        hide_parameters=True,
    )
    sa.event.listen(engine, "connect", _sqlite_on_connect)
    sa.event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_on_begin); pysqlite must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _set_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode=WAL``, retried: on a fresh file, while another process is switching
    it, SQLite answers "database is locked" at once instead of waiting for the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL").fetchall()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _sqlite_on_begin(conn: Connection) -> None:
    """Writers take SQLite's write lock up front (BEGIN IMMEDIATE).

    A DEFERRED transaction that reads and then writes cannot wait for the lock once another
    process has committed in between: SQLite answers "database is locked" at once, whatever the
    busy timeout. Taking the lock at BEGIN makes writers queue (up to the busy timeout) instead.
    Reads opened with :func:`read_connection` stay DEFERRED, so under WAL they never wait.
    """
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that commits on success and rolls back on any exception.

    Driver errors come out as :class:`StoreError` (integrity errors stay as they are).
    """
    with translated_errors(), engine.begin() as conn:
        yield conn


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reading only (on SQLite its transaction does not take the write lock)."""
    with translated_errors(), engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        yield conn


def upsert(engine: Engine, table: sa.Table, key: dict[str, Any], values: dict[str, Any]) -> None:
    """Update the row with ``key`` or insert it, in one transaction, on SQLite and PostgreSQL.

    Two first saves of the same key at once: one insert wins, the other hits the unique key and
    is retried once, when it finds the row and updates it.
    """
    where = sa.and_(*(table.c[name] == value for name, value in key.items()))
    for attempt in range(2):
        try:
            with write_transaction(engine) as conn:
                if not conn.execute(sa.update(table).where(where).values(**values)).rowcount:
                    conn.execute(sa.insert(table).values(**key, **values))
            return
        except sa.exc.IntegrityError:
            if attempt:
                raise


def alembic_config(connection: Connection | None = None) -> Any:
    """Alembic configuration built in code (no alembic.ini); ``connection`` goes to env.py."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration's revision id."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with read_connection(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to head. Idempotent; concurrent callers are serialised.

    The whole upgrade runs in one transaction that first takes a database-wide lock (SQLite:
    ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so a second process
    starting at the same moment waits, then finds the schema at head and does nothing.
    """
    from alembic import command

    head = head_revision()
    if current_revision(engine) == head:
        return
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
            )
        command.upgrade(alembic_config(conn), "head")
    log.info("database schema upgraded to %s", head)
