"""Visit logbook write throughput: python -m benchmarks.store [--writers 8] [--visits 500]

Starts ``--writers`` processes (spawn) that each record ``--visits`` visits through
``store.record_visit`` (one transaction per visit, as the app does) into the same database, and
prints visits per second. Measures a fresh SQLite file and PostgreSQL: ``--postgres URL`` or
``CHIPAO_TEST_POSTGRES_URL``, else a throwaway cluster from Debian's ``initdb`` if installed.

``PostgresCluster`` and ``measure_throughput`` are also used by ``tests/store``.
"""

from __future__ import annotations

import argparse
import glob
import multiprocessing as mp
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ENV_TEST_POSTGRES_URL = "CHIPAO_TEST_POSTGRES_URL"
VISIT_DATE = date(2025, 11, 1)
TAMBON = "600101"


# --------------------------------------------------------------------------- PostgreSQL


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


# --------------------------------------------------------------------------- throughput


def _any_household(_code: str) -> bool:
    return True


def visit_data(writer: int, n: int) -> dict[str, Any]:
    """The ``n``-th visit of ``writer``: findable by team and notes (``writer:n``)."""
    from store.visits import STATUSES

    return {
        "house_code": f"{writer:02d}{n:09d}",
        "tambon_code": TAMBON,
        "visit_date": VISIT_DATE,
        "team": f"writer-{writer}",
        "status": STATUSES[n % len(STATUSES)],
        "findings": {"income": "รายได้ไม่พอ"},
        "help_given": "แนะนำอาชีพ",
        "critical": n % 10 == 0,
        "notes": f"{writer}:{n}",
    }


def _writer(url: str, writer: int, visits: int, barrier, results) -> None:
    """Worker process: warm up, wait for the start signal, record ``visits`` visits."""
    try:
        from store import get_engine, record_visit

        engine = get_engine(url)
        with engine.connect():
            pass
        barrier.wait(timeout=120)
        for n in range(visits):
            record_visit(
                engine,
                visit_data(writer, n),
                user=f"writer{writer}",
                known_household=_any_household,
                today=VISIT_DATE,
            )
        results.put((writer, time.time(), None))
    except BaseException:
        results.put((writer, time.time(), traceback.format_exc()))
        raise


@dataclass(frozen=True)
class Throughput:
    writers: int
    visits_per_writer: int
    seconds: float

    @property
    def visits(self) -> int:
        return self.writers * self.visits_per_writer

    @property
    def per_second(self) -> float:
        return self.visits / self.seconds

    def describe(self, label: str) -> str:
        return (
            f"{label}: {self.writers} writers x {self.visits_per_writer} visits = "
            f"{self.visits} in {self.seconds:.2f} s -> {self.per_second:,.0f} visits/s"
        )


def measure_throughput(url: str, writers: int = 8, visits_per_writer: int = 500) -> Throughput:
    """Record visits from ``writers`` processes at once into a migrated database at ``url``.

    Time runs from the moment all writers are connected until the last one has committed.
    Raises RuntimeError with the worker's traceback if any writer fails.
    """
    context = mp.get_context("spawn")
    barrier = context.Barrier(writers + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, writer, visits_per_writer, barrier, results))
        for writer in range(writers)
    ]
    for process in processes:
        process.start()
    try:
        barrier.wait(timeout=120)
        start = time.time()
        ends: list[float] = []
        for _ in range(writers):
            writer, end, error = results.get(timeout=300)
            if error:
                raise RuntimeError(f"writer {writer} failed:\n{error}")
            ends.append(end)
    except (queue.Empty, threading.BrokenBarrierError) as error:
        codes = [process.exitcode for process in processes]
        raise RuntimeError(f"writers did not finish (exit codes {codes})") from error
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    return Throughput(writers, visits_per_writer, max(ends) - start)


# --------------------------------------------------------------------------- command line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--visits", type=int, default=500, help="visits per writer")
    parser.add_argument("--postgres", default=os.environ.get(ENV_TEST_POSTGRES_URL))
    args = parser.parse_args()
    from benchmarks.common import load

    print(f"machine: {load()}")

    from store import get_engine, migrate

    with tempfile.TemporaryDirectory(prefix="chipao-bench-") as folder:
        url = f"sqlite:///{folder}/chipao.db"
        migrate(get_engine(url))
        print(measure_throughput(url, args.writers, args.visits).describe("SQLite (WAL)"))

    cluster = None
    url = args.postgres
    try:
        if not url:
            try:
                cluster = PostgresCluster()
                url = cluster.start("chipao_bench")
            except PostgresUnavailable as reason:
                print(f"PostgreSQL: skipped ({reason})")
                return
        else:
            print("PostgreSQL: using the given server; the visits table will grow")
        migrate(get_engine(url))
        print(measure_throughput(url, args.writers, args.visits).describe("PostgreSQL"))
    finally:
        from store import dispose_engines

        dispose_engines()
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
