"""Many writers at once, and a writer killed mid-transaction — on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

import sqlalchemy as sa

from benchmarks.store import VISIT_DATE, measure_throughput, visit_data
from store import get_engine, record_visit
from store.models import Visit, utcnow
from tests.store import count_rows, known_household

WRITERS = 8
VISITS_PER_WRITER = 500
# Enough uncommitted rows that SQLite spills them from its page cache into the WAL file.
UNCOMMITTED = 20_000
LABEL = {"sqlite": "SQLite (WAL)", "postgresql": "PostgreSQL"}


def test_eight_writers_lose_nothing(engine, db_url):
    result = measure_throughput(db_url, WRITERS, VISITS_PER_WRITER)
    print("\n" + result.describe(LABEL[engine.dialect.name]))

    total = WRITERS * VISITS_PER_WRITER
    with engine.connect() as conn:
        one = conn.execute(
            sa.text(
                "SELECT count(*), count(DISTINCT visit_uid), count(DISTINCT notes),"
                " min(version), max(version) FROM visits"
            )
        ).one()
        per_writer = dict(
            conn.execute(
                sa.text("SELECT team, count(DISTINCT notes) FROM visits GROUP BY team")
            ).all()
        )
    assert tuple(one) == (total, total, total, 1, 1)
    assert per_writer == {f"writer-{n}": VISITS_PER_WRITER for n in range(WRITERS)}


def _doomed_writer(url: str, committed: int, uncommitted: int, inserted) -> None:
    """Commit ``committed`` visits, then insert more inside a transaction and wait to be killed."""
    # Deliberately raw inserts on one open connection: record_visit commits each visit itself.
    engine = get_engine(url)
    for n in range(committed):
        record_visit(
            engine,
            visit_data(0, n) | {"notes": f"committed:{n}"},
            user="doomed",
            known_household=known_household,
            today=VISIT_DATE,
        )
    conn = engine.connect()
    conn.begin()
    rows = [
        visit_data(1, n)
        | {
            "notes": f"uncommitted:{n}",
            "visit_uid": f"uncommitted-{n}",
            "version": 1,
            "recorded_by": "doomed",
            "recorded_at": utcnow(),
        }
        for n in range(uncommitted)
    ]
    conn.execute(sa.insert(Visit), rows)
    inserted.set()
    time.sleep(600)


def test_writer_killed_mid_transaction(engine, db_url):
    context = mp.get_context("spawn")
    inserted = context.Event()
    process = context.Process(target=_doomed_writer, args=(db_url, 25, UNCOMMITTED, inserted))
    process.start()
    try:
        assert inserted.wait(timeout=60), "the writer never reached its open transaction"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.join(timeout=30)
    assert process.exitcode == -signal.SIGKILL

    with engine.connect() as conn:
        notes = set(conn.execute(sa.text("SELECT notes FROM visits")).scalars())
    assert notes == {f"committed:{n}" for n in range(25)}

    # The dead writer's lock (SQLite) or session (PostgreSQL) is gone: writing works at once.
    start = time.perf_counter()
    saved = record_visit(
        engine, visit_data(2, 0), user="after", known_household=known_household, today=VISIT_DATE
    )
    assert time.perf_counter() - start < 5
    assert saved.version == 1
    assert count_rows(engine) == 26
