"""Visit logbook write throughput: python -m benchmarks.store [--writers 8] [--visits 500]

Starts ``--writers`` processes (spawn) that each record ``--visits`` visits through
``store.record_visit`` (one transaction per visit, as the app does) into the same database, and
prints visits per second. Measures a fresh SQLite file and PostgreSQL: ``--postgres URL`` or
``CHIPAO_TEST_POSTGRES_URL``, else a throwaway cluster from Debian's ``initdb`` if installed.

``measure_throughput`` is also used by ``tests/store``; the cluster comes from the tests' support code.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date
from typing import Any

from tests.support.postgres import ENV_TEST_POSTGRES_URL, PostgresCluster, PostgresUnavailable

VISIT_DATE = date(2025, 11, 1)
TAMBON = "600101"


# --------------------------------------------------------------------------- throughput


def _any_household(_code: str) -> bool:
    return True


def visit_data(writer: int, n: int) -> dict[str, Any]:
    """The ``n``-th visit of ``writer``: findable by team and notes (``writer:n``)."""
    from analytics.domain import catalogue

    statuses = catalogue.case_status_codes()
    return {
        "house_code": f"{writer:02d}{n:09d}",
        "tambon_code": TAMBON,
        "visit_date": VISIT_DATE,
        "team": f"writer-{writer}",
        "status": statuses[n % len(statuses)],
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
