"""A throwaway PostgreSQL cluster for tests (and the store benchmark): Debian's ``initdb``.

``CHIPAO_TEST_POSTGRES_URL`` names an existing server instead (see tests/store/conftest.py).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ENV_TEST_POSTGRES_URL = "CHIPAO_TEST_POSTGRES_URL"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin_dir() -> Path | None:
    """Newest ``/usr/lib/postgresql/<version>/bin`` with an initdb (Debian layout)."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        return None
    return Path(max(found, key=lambda path: int(Path(path).parts[-3]))).parent


class PostgresUnavailable(RuntimeError):
    """No way to run a throwaway PostgreSQL here (the reason is the message)."""


class PostgresCluster:
    """A throwaway PostgreSQL cluster in a temp dir: loopback only, trust auth, fsync on.

    As root it runs as the ``postgres`` user (initdb and postgres refuse root).
    """

    def __init__(self) -> None:
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise PostgresUnavailable(
                "no /usr/lib/postgresql/*/bin/initdb (apt install postgresql)"
            )
        self.bin_dir = bin_dir
        self.as_user: list[str] = []
        self.owner: str | None = None
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root and runuser is missing")
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError as error:
                raise PostgresUnavailable(
                    "running as root and there is no postgres user"
                ) from error
            self.as_user = ["runuser", "-u", "postgres", "--"]
            self.owner = "postgres"
        self.dir = Path(tempfile.mkdtemp(prefix="chipao-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.started = False

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def start(self, database: str = "chipao_test") -> str:
        """initdb, start, create ``database``; return its SQLAlchemy URL."""
        if self.owner:
            shutil.chown(self.dir, self.owner)
        try:
            self._run(
                str(self.bin_dir / "initdb"),
                "-D", str(self.data), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
            options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
            self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D", str(self.data), "-l", str(self.dir / "server.log"),
                "-o", options, "-w", "-t", "60", "start",
            )  # fmt: skip
        except subprocess.CalledProcessError as error:
            log = self.dir / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            self.stop()
            raise RuntimeError(f"PostgreSQL did not start: {error.stderr}\n{tail}") from error
        self.started = True
        import sqlalchemy as sa

        admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
        admin.dispose()
        return self.url(database)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        """Stop the server and delete its directory."""
        if self.started:
            subprocess.run(
                [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data)]
                + ["-m", "fast", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def ctl(self, action: str) -> None:
        """``pg_ctl stop`` / ``start`` the running cluster (to test a server that goes away)."""
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        subprocess.run(
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data)]
            + ["-l", str(self.dir / "server.log"), "-o", options, "-m", "fast", "-w", action],
            check=True,
            capture_output=True,
            timeout=120,
        )


def pg_ctl(cluster: PostgresCluster, action: str) -> None:
    cluster.ctl(action)


@pytest.fixture
def own_postgres() -> Iterator[tuple[PostgresCluster, str]]:
    """A cluster of this test's own, so stopping it does not disturb the other tests."""
    try:
        cluster = PostgresCluster()
    except PostgresUnavailable as reason:
        pytest.skip(f"no PostgreSQL ({reason})")
    try:
        yield cluster, cluster.start()
    finally:
        cluster.stop()
