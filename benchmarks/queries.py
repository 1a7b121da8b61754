"""Query-layer benchmarks: python -m benchmarks [--national] [--runs N]

Each alternative runs in its own fresh process (peak memory is its own), the same number of
times; the median is printed, with the machine's load beside it:
1. one tambon's households + their persons (the list and its profile) from the three-province
   demo, cold (new process) and warm; a whole province's households warm;
2. all area measures (village, tambon, amphoe, province) for the ~720k-household demo and, with
   ``--national``, an 18x tiling (~13M households, each copy under its own province codes): the
   query layer from its cube (and the cube's one-off build), the same Ibis measures straight
   from the households, and today's pandas path (``analytics.domain.measures`` on in-memory frames);
3. import of a ~300,000-person file until its households are queryable (importer, household
   frames, Parquet, cube, first tambon read).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analytics import settings
from analytics.data import synthetic
from analytics.domain import catalogue, pilots
from analytics.domain.household_schema import DatasetFiles
from benchmarks import household_frames as frames
from benchmarks import menu as menu_bench
from benchmarks.common import emit, in_child, load, median_of, ratio

TAMBON = "190110"  # ปากข้าวสาร, Saraburi
LEVELS = ("village", "tambon", "amphoe", "province")
COPIES = 18
YEAR = 2561


def bench_dir() -> Path:
    return settings.cache_dir() / "bench"


def dataset(name: str) -> DatasetFiles:
    """The demo (or its national tiling) as a household dataset on disk, built once."""
    folder = bench_dir() / name
    done = folder / "COMPLETE"
    if not done.exists():
        households, persons, _ = frames.demo_year(YEAR)
        if name == "national":
            frames.write_tiled(folder, households, persons, COPIES, YEAR)
        else:
            frames.write_dataset(folder, households, persons, YEAR, name)
        done.write_text("ok")
    hh = pd.read_parquet(folder / f"households_{YEAR}.parquet", columns=["province"])
    provinces = tuple(sorted(hh["province"].unique()))
    return DatasetFiles(
        name,
        YEAR,
        provinces,
        folder / f"households_{YEAR}.parquet",
        folder / f"persons_{YEAR}.parquet",
    )


def source(name: str, cube_dir: Path | None = None, use_cube: bool = True):
    from analytics.data.queries import HouseholdData
    from analytics.data.queries.engine import DuckDBEngine

    files = dataset(name)
    return HouseholdData(lambda: [files], DuckDBEngine(cube_dir=cube_dir), use_cube=use_cube)


# -- tasks (each runs in a child process) ---------------------------------------------------
def task_tambon(runs: int) -> dict:
    """Cold = a server's first request: a new engine and the first query (modules imported)."""
    import ibis.backends.duckdb  # noqa: F401  (modules a server imports once, at start)

    import analytics.data.queries  # noqa: F401

    dataset("demo")
    start = time.perf_counter()
    data = source("demo")

    def one(code: str) -> int:
        households = data.households(code, YEAR)
        return len(data.members(households["house_code"], YEAR))

    persons = one(TAMBON)
    cold = time.perf_counter() - start
    warm, _ = median_of(lambda: one(TAMBON), runs)
    tambons = pd.read_parquet(dataset("demo").households, columns=["tambon"])["tambon"].unique()
    others = iter(tambons[:: max(1, len(tambons) // runs)].tolist() * 2)  # across provinces
    other, _ = median_of(lambda: one(next(others)), runs)
    province, _ = median_of(lambda: data.households("19", YEAR), runs)
    households = len(data.households(TAMBON, YEAR))
    return dict(
        cold=cold, warm=warm, other=other, province=province, households=households, persons=persons
    )


def task_areas(name: str, how: str, runs: int) -> dict:
    if how == "pandas":
        return pandas_areas(name, runs)
    cube_dir = Path(tempfile.mkdtemp(prefix="chipao-cube-"))
    try:
        data = source(name, cube_dir, use_cube=how == "cube")
        start = time.perf_counter()
        if how == "cube":
            data.engine.cube(data.files()[0], data.params)
        build = time.perf_counter() - start

        def all_levels() -> int:
            return sum(len(data.area_table(lv, None, None, YEAR, None)) for lv in LEVELS)

        rows = all_levels()  # compiles the SQL once, as the first visitor would
        median, times = median_of(all_levels, runs)
        return dict(build=build, median=median, times=times, rows=rows)
    finally:
        shutil.rmtree(cube_dir, ignore_errors=True)


def pandas_areas(name: str, runs: int) -> dict:
    """Today's path: ``analytics.domain.measures`` over the in-memory frames (loading not timed)."""
    from analytics.domain import measures

    data = synthetic.load_or_generate(pilots.PILOT_PROVINCES, 1.0, 2561)[YEAR]
    households, persons = data.households, data.persons
    if name == "national":
        households, persons = frames.tile(households, persons, COPIES)
        del data

    def all_levels() -> int:
        villages = measures.area_measures(persons, households, "village")
        tables = [villages] + [measures.rollup(villages, lv) for lv in LEVELS[1:]]
        return sum(len(t) for t in tables)

    rows = all_levels()
    median, times = median_of(all_levels, runs)
    return dict(build=0.0, median=median, times=times, rows=rows)


def task_import(persons_wanted: int) -> dict:
    """Importer -> dataset saved as the import page saves it (Parquet + catalogue row) ->
    cube -> first tambon read through the query layer: the time until it is usable."""
    import hashlib

    from analytics.data.queries import HouseholdData
    from analytics.data.queries.engine import DuckDBEngine
    from analytics.domain import access
    from analytics.io import importers
    from store import datasets, get_engine, migrate

    csv = import_file(persons_wanted)
    folder = Path(tempfile.mkdtemp(prefix="chipao-import-"))
    engine = get_engine(f"sqlite:///{folder / 'catalogue.db'}")
    migrate(engine)
    try:
        content = csv.read_bytes()
        start = time.perf_counter()
        result = importers.import_households(content, csv.name)
        parsed = time.perf_counter() - start
        households, persons = result.households, result.persons
        new = datasets.NewDataset(
            name="benchmark",
            kind="import",
            frames={YEAR: (households, persons)},
            tpmap_year=YEAR,
            survey_year=YEAR - 1,
            source_name=csv.name,
            sha256=hashlib.sha256(content).hexdigest(),
            rows_read=result.rows_read,
            rows_kept=len(persons),
            rows_rejected=result.rows_rejected,
        )
        datasets.register(engine, access.Viewer("bench", "admin", ()), new, home=folder)
        files = datasets.active_files(engine, folder)
        saved = time.perf_counter() - start
        data = HouseholdData(lambda: files, DuckDBEngine(cube_dir=folder))
        data.area_table("tambon", None, None, YEAR, None)
        tambon = households["tambon"].iloc[0]
        data.members(data.households(tambon, YEAR)["house_code"], YEAR)
        usable = time.perf_counter() - start
        return dict(
            rows=len(result.persons),
            parsed=parsed,
            saved=saved,
            usable=usable,
            households=len(households),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def import_file(persons_wanted: int) -> Path:
    """A CSV in the import format with Saraburi's first ``persons_wanted`` persons (whole
    households), built once."""
    path = bench_dir() / f"import_{persons_wanted}.csv"
    if path.exists():
        return path
    data = synthetic.load_or_generate(pilots.PILOT_PROVINCES, 1.0, 2561)[YEAR]
    hh = data.households.reset_index(drop=True)
    persons = data.persons
    persons = persons[hh["province"].to_numpy()[persons["household_row"]] == "19"]
    persons = persons[persons["household_row"] <= persons["household_row"].iloc[persons_wanted]]
    row = persons["household_row"].to_numpy()
    out = pd.DataFrame(
        {
            "citizen_id": persons["citizen_id"],
            "name": persons["name"],
            "house_code": persons["house_code"],
            "village_code": hh["village_id"].to_numpy()[row],
            "sex": persons["sex"],
            "age": persons["age"],
            "household_income": hh["income"].to_numpy()[row],
            "welfare_registered": persons["registered"].astype(int),
            "welfare_verified": persons["verified"].astype(int),
            "disabled": persons["disabled"].astype(int),
        }
    )
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            continue
        source = hh[ind.column].to_numpy()[row] if ind.level == "household" else persons[ind.column]
        out[ind.code] = pd.Series(source, index=persons.index).map({True: "0", False: "1"})
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False)
    return path


# -- the parent: prepare, run each alternative in its own process, print side by side -------
def run_task(*args: str) -> dict:
    return in_child("benchmarks.queries", "--task", *args)


def print_areas(name: str, households: int, runs: int) -> None:
    results = {how: run_task("areas", name, how, str(runs)) for how in ("cube", "direct", "pandas")}
    slowest = max(r["median"] for r in results.values())
    print(f"\nall area measures, 4 levels, {name} ({households:,} households), median of {runs}:")
    labels = {
        "cube": "query layer, from the cube",
        "direct": "query layer, households directly",
        "pandas": "today's pandas (analytics.domain.measures)",
    }
    for how, r in results.items():
        extra = f"  (cube build once per dataset: {r['build']:.2f} s)" if how == "cube" else ""
        print(
            f"  {labels[how]:38s} {r['median']:7.3f} s  {ratio(slowest, r['median']):>7} vs slowest"
            f"  peak {r['peak_gb']:.2f} GB  [{r['load']}]{extra}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--national", action="store_true", help="also the ~13M-household set")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-persons", type=int, default=300_000)
    parser.add_argument("--task", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        return run_child(args.task)
    print(f"machine: {load()}")
    demo = dataset("demo")
    n_demo = len(pd.read_parquet(demo.households, columns=["province"]))
    t = run_task("tambon", str(args.runs))
    print(
        f"tambon {TAMBON}: {t['households']:,} households + {t['persons']:,} persons: "
        f"cold {t['cold']:.3f} s (target < 0.5), warm {t['warm']:.3f} s (target < 0.1), "
        f"other tambons warm {t['other']:.3f} s; province 19 households warm "
        f"{t['province']:.3f} s (target < 1)  peak {t['peak_gb']:.2f} GB  [{t['load']}]"
    )
    print_areas("demo", n_demo, args.runs)
    if args.national:
        national = dataset("national")
        n = len(pd.read_parquet(national.households, columns=["province"]))
        print_areas("national", n, max(3, args.runs // 2))
    menu_bench.report(args.runs)  # issue 13: menu matching, one tambon's suggestions
    r = run_task("import", str(args.import_persons))
    print(
        f"\nimport of a {r['rows']:,}-person file ({r['households']:,} households): parsed "
        f"{r['parsed']:.1f} s, saved {r['saved']:.1f} s, queryable {r['usable']:.1f} s "
        f"(target < 20 s)  peak {r['peak_gb']:.2f} GB  [{r['load']}]"
    )
    return 0


def run_child(task: list[str]) -> int:
    name, *rest = task
    if name == "tambon":
        emit(task_tambon(int(rest[0])))
    elif name == "areas":
        emit(task_areas(rest[0], rest[1], int(rest[2])))
    elif name == "import":
        emit(task_import(int(rest[0])))
    else:
        print(f"unknown task {name}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
