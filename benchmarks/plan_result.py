"""Plan against result benchmark: python -m benchmarks.plan_result [--runs N] [--steps N]

The monitoring and briefing pages draw plan against result on every rerun. Uncached, each
rerun reads the area's plan and every plan step, and, when a later survey year exists, reads
the helped households of both years and compares them (``analytics.services.plan_result``).
Cached (``ui.cache.plan_facts``), a warm rerun costs one cheap store read (the plan-steps
version, ``store.plan_versions``), the datasets' version and a cache hit.

Set-up: the three-province demo's 2561 and 2562 written once as two dataset-years (in a child
of its own, so generating them is in no measured peak); then in each child a fresh SQLite
store with a saved plan and ``--steps`` households referred (half of them received) in one
tambon of Saraburi. Both alternatives run for that tambon and for its province, each in its
own process (peak memory is its own, the cached one's includes filling its entry once), the
same number of times; the first call of each is not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from benchmarks.common import emit, in_child, load, median_of, ratio

TAMBON = "190110"
YEARS = (2561, 2562)


def _source():
    from analytics.data.queries import HouseholdData
    from benchmarks import household_frames as frames
    from benchmarks.queries import bench_dir

    folder = bench_dir() / "plan-result"
    files = []
    for year in YEARS:
        done = folder / f"COMPLETE_{year}"
        if not done.exists():
            households, persons, _ = frames.demo_year(year)
            frames.write_dataset(folder, households, persons, year, f"demo-{year}")
            done.write_text("ok")
        provinces = tuple(sorted(pd.read_parquet(folder / f"households_{year}.parquet",
                                                 columns=["province"])["province"].unique()))  # fmt: skip
        from analytics.domain.household_schema import DatasetFiles

        hh, p = folder / f"households_{year}.parquet", folder / f"persons_{year}.parquet"
        files.append(DatasetFiles(f"demo-{year}", year, provinces, hh, p))
    return HouseholdData(lambda: files)


def _store(folder: Path, source, steps: int):
    """A fresh SQLite store: one saved plan and ``steps`` referrals (half received)."""
    from store import db, plans

    engine = db.get_engine(f"sqlite:///{folder / 'bench.db'}")
    db.migrate(engine)
    houses = source.households(TAMBON, YEARS[0])[["house_code", "tambon"]].head(steps)
    rows = pd.DataFrame([dict(programme_id="old_age_70", agency="อปท.", quarter=1,
                              households=steps, units=steps, months=12, amount=700.0,
                              cost=700.0 * 12 * steps)])  # fmt: skip
    plans.save_area_plan(engine, TAMBON, 2571, None, rows, "planner")
    today = date(2026, 11, 30)
    for i, (house, tambon) in enumerate(houses.itertuples(index=False)):
        for step in ("referred", "received") if i % 2 == 0 else ("referred",):
            found = plans.StepInput(house, tambon, "old_age_70", step, date(2026, 11, 2))
            plans.record_step(engine, found, "field", today)
    return engine


def task(kind: str, area: str, runs: int, steps: int) -> dict:
    from analytics.services import plan_result
    from store import plan_versions

    source = _source()
    with tempfile.TemporaryDirectory() as tmp:
        engine = _store(Path(tmp), source, steps)
        if kind == "uncached":
            once = lambda: plan_result.plan_facts(engine, source, area, YEARS[0])  # noqa: E731
        else:
            from ui import cache

            cache.engine = lambda: engine  # the cached body reads these two
            cache.household_source = lambda: source

            def once():  # what ui.plan_result_views.section runs on a rerun
                plans = plan_versions.plan_version(engine, area)
                return cache.plan_facts(source.version(), str(engine.url), area, YEARS[0], plans)

        found = once()  # first call: cold for both (the cached one fills its entry)
        median, _ = median_of(once, runs)
        engine.dispose()
    return {"median": median, "referred": found.referred, "received": found.received,
            "left": found.left_target_poor, "moved": found.moved_stage}  # fmt: skip


def report(runs: int, steps: int) -> None:
    in_child("benchmarks.plan_result", "--task", "prepare", "-", "0", "0")  # datasets, once
    print(f"\nplan against result, {steps:,} referrals in {TAMBON}  [{load()}]")
    for area in (TAMBON, TAMBON[:2]):
        r = {
            kind: in_child("benchmarks.plan_result", "--task", kind, area, str(runs), str(steps))
            for kind in ("uncached", "cached")
        }
        slow, fast = r["uncached"], r["cached"]
        assert (slow["referred"], slow["left"]) == (fast["referred"], fast["left"])
        print(
            f"  area {area}: uncached {slow['median'] * 1000:.1f} ms, warm cached "
            f"{fast['median'] * 1000:.2f} ms, median of {runs}: {ratio(slow['median'], fast['median'])}"
            f" faster; peak {slow['peak_gb']:.2f} GB uncached, {fast['peak_gb']:.2f} GB cached "
            f"({slow['referred']} referred, {slow['received']} received, {slow['left']} left "
            f"target poor, {slow['moved']} moved up a stage in {YEARS[1]})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--task", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.task:
        report(args.runs, args.steps)
        return 0
    kind, area, runs, steps = args.task
    if kind == "prepare":
        _source()
        emit({})
        return 0
    if kind not in ("uncached", "cached"):
        print(f"unknown task {kind}", file=sys.stderr)
        return 2
    emit(task(kind, area, int(runs), int(steps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
