"""Databases for the store tests: a fresh SQLite file per test, and PostgreSQL.

PostgreSQL comes from ``CHIPAO_TEST_POSTGRES_URL`` if set, else from a throwaway cluster started
with Debian's ``initdb`` (as the ``postgres`` user when running as root) and removed at the end
of the session. Each test gets its own schema, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import dispose_engines, get_engine, migrate
from tests.support.postgres import (  # own_postgres: a fixture for the tests here
    ENV_TEST_POSTGRES_URL,
    PostgresCluster,
    PostgresUnavailable,
    own_postgres,  # noqa: F401
)


@pytest.fixture(autouse=True)
def _fresh_engine_cache() -> Iterator[None]:
    yield
    dispose_engines()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'chipao.db'}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL database the tests may create schemas in."""
    configured = os.environ.get(ENV_TEST_POSTGRES_URL, "").strip()
    if configured:
        yield configured
        return
    try:
        cluster = PostgresCluster()
    except PostgresUnavailable as reason:
        pytest.skip(f"no PostgreSQL: set {ENV_TEST_POSTGRES_URL} or install postgresql ({reason})")
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty schema (first on the search_path) in the test database."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(postgres_server).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    dispose_engines()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """An empty database, once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(db_url: str) -> Engine:
    """A migrated, empty database (SQLite and PostgreSQL)."""
    engine = get_engine(db_url)
    migrate(engine)
    return engine
