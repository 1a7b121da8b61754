"""Completeness and linkage benchmarks (issue 14), part of ``python -m benchmarks``:

1. the three-province demo (~720k households): completeness of the country and of each
   province (village counts in the engine, roll-up, TPMAP base, village lists) and linkage
   (every duplicated citizen ID), through the query layer (target < 2 s), beside the same
   counts in pandas on in-memory frames;
2. with ``--national``: a ~13-million-household, ~39-million-person set generated with DuckDB
   SQL (``range()`` straight into Parquet under the cache folder, built once and reused), with a
   planted duplicate, invalid ID, unanswered indicator and unknown welfare status at fixed
   intervals; the same work (target < 20 s). The pandas path is not run nationally: the persons'
   IDs alone would need several GB of Python strings on a machine the app shares.

Every alternative runs in its own process (its own peak memory), the same number of times.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from analytics.domain.household_schema import DatasetFiles
from benchmarks import queries
from benchmarks.common import emit, in_child, load, median_of, ratio

NATIONAL_HOUSEHOLDS = 13_000_000
YEAR = 2561


def national_dataset() -> DatasetFiles:
    folder = queries.bench_dir() / "completeness-national"
    hh_path, p_path = folder / "households.parquet", folder / "persons.parquet"
    if not (folder / "COMPLETE").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(hh_path, p_path, NATIONAL_HOUSEHOLDS)
        (folder / "COMPLETE").write_text("ok")
    provinces = tuple(f"{10 + p:02d}" for p in range(77))
    return DatasetFiles("national", YEAR, provinces, hh_path, p_path)


def _indicator_sql() -> str:
    from analytics.domain import catalogue, household_schema

    parts = [f"false AS {c}" for c in household_schema.fail_columns()]
    parts += [f"(i % 3 = 0) AS {c}" for c in household_schema.applies_columns()]
    parts += [f"(i % 97 <> 0) AS answered_{c}" for c in catalogue.indicator_columns()]
    return ",\n".join(parts)


CHECKED_ID = (  # '999' + 9-digit serial + check digit (analytics.domain.citizen_id)
    "'999' || lpad(({serial})::VARCHAR, 9, '0') || ((11 - list_sum(list_transform(range(12), "
    "lambda k: (((999000000000 + ({serial})) // (10::BIGINT ** (11 - k))::BIGINT) % 10) "
    "* (13 - k))) % 11) % 10)::VARCHAR"
)


def generate(hh_path: Path, p_path: Path, n: int) -> None:
    """Households and persons with DuckDB SQL, written straight to Parquet."""
    import duckdb

    person_id = CHECKED_ID.format(serial="s")
    con = duckdb.connect()
    con.execute(f"""
        CREATE TEMP VIEW hh AS
        SELECT i,
            printf('%02d%02d%02d%02d01', 10 + v % 77, 1 + (v // 77) % 15,
                   1 + (v // 1155) % 10, 1 + v // 11550) AS village_id,
            printf('%02d', 10 + v % 77) || lpad(i::VARCHAR, 9, '0') AS house_code,
            (1 + i % 5)::SMALLINT AS members,
            15 * (i // 5) + (i % 5) * (i % 5 + 1) // 2 AS first_serial  -- members before i
        FROM (SELECT range AS i, range // 160 AS v FROM range({n}))""")
    con.execute(f"""
        COPY (
            SELECT house_code, village_id, village_id[1:6] AS tambon, village_id[1:4] AS amphoe,
                village_id[1:2] AS province, members, 100000.0 AS income,
                CASE WHEN i % 100 = 0 THEN NULL ELSE 15.0 END AS lat, 100.5 AS lon,
                {_indicator_sql()},
                '' AS head_name,
                {person_id} AS head_citizen_id
            FROM (SELECT *, first_serial AS s FROM hh)
        ) TO '{hh_path}' (FORMAT parquet, ROW_GROUP_SIZE 128000)""")
    con.execute(f"""
        COPY (
            SELECT CASE WHEN s % 100000 = 7 THEN {CHECKED_ID.format(serial="s + 50000")}
                        WHEN s % 50000 = 11 THEN '9990000000000'
                        ELSE {person_id} END AS citizen_id,
                house_code, m::SMALLINT AS member, (s % 1000 <> 0) AS welfare_known
            FROM (SELECT house_code, first_serial + m AS s, m
                  FROM hh, range(members) AS r(m))
        ) TO '{p_path}' (FORMAT parquet, ROW_GROUP_SIZE 256000)""")
    con.close()


def _data(name: str):
    from analytics.data.queries import HouseholdData
    from analytics.data.queries.engine import DuckDBEngine

    files = national_dataset() if name == "national" else queries.dataset("demo")
    return HouseholdData(lambda: [files], DuckDBEngine(cube_dir=queries.bench_dir() / "cubes"))


def task_layer(name: str, runs: int) -> dict:
    """Completeness of the country (and of each province of the demo), and every duplicated
    ID: the per-village counts built once (timed apart), then warm medians."""
    from analytics.data import completeness_counts
    from analytics.services import completeness as service
    from analytics.services import linkage as linkage_service

    data = _data(name)
    provinces = data.provinces()[:3] if name == "demo" else []
    start = time.perf_counter()
    for f in data.files(YEAR):
        completeness_counts.cube_path(f).unlink(missing_ok=True)
        completeness_counts.village_cube(data, f)
    build = time.perf_counter() - start
    service.completeness_view(data, "TH", YEAR)  # TPMAP's published tables read once

    def areas() -> int:
        count = len(service.completeness_view(data, "TH", YEAR).areas)
        for province in provinces:
            count += len(service.completeness_view(data, province, YEAR).areas)
        return count

    def links() -> int:
        return len(linkage_service.duplicates(data, YEAR))

    areas_median, _ = median_of(areas, runs)
    links_median, _ = median_of(links, runs)
    dups = linkage_service.duplicates(data, YEAR)
    return {
        "build": build,
        "areas": areas_median,
        "linkage": links_median,
        "median": areas_median + links_median,
        "duplicated_ids": int(dups["citizen_id"].nunique()),
    }


def task_pandas(runs: int) -> dict:
    """The same counts on in-memory frames (pandas groupby, numpy checksum)."""
    from analytics.domain import citizen_id

    files = queries.dataset("demo")
    households = pd.read_parquet(files.households)
    persons = pd.read_parquet(files.persons, columns=["citizen_id", "house_code"])

    def once() -> int:
        hh = households
        village = hh.groupby("village_id").agg(
            households=("house_code", "size"),
            persons=("members", "sum"),
            no_position=("lat", lambda s: int(s.isna().sum())),
        )
        joined = persons.merge(hh[["house_code", "village_id"]], on="house_code")
        joined["invalid"] = ~citizen_id.valid_mask(joined["citizen_id"])
        invalid = joined.groupby("village_id")["invalid"].sum()
        dup = joined[joined.duplicated("citizen_id", keep=False)]
        return len(village) + len(invalid) + len(dup)

    median, _ = median_of(once, runs)
    return {"median": median}


def run_child(task: list[str]) -> int:
    name, *rest = task
    if name == "layer":
        emit(task_layer(rest[0], int(rest[1])))
    elif name == "pandas":
        emit(task_pandas(int(rest[0])))
    else:
        print(f"unknown task {name}", file=sys.stderr)
        return 2
    return 0


def _line(what: str, r: dict, runs: int, target: str) -> str:
    return (
        f"  {what} + linkage: {r['median']:.2f} s (target < {target} s; completeness "
        f"{r['areas']:.2f} s + linkage {r['linkage']:.2f} s, median of {runs}; per-village "
        f"counts built once per file {r['build']:.1f} s)  peak {r['peak_gb']:.2f} GB  "
        f"{r['duplicated_ids']:,} duplicated IDs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--task", nargs="+", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args(argv)
    if args.task:
        return run_child(args.task)
    print(f"\ncompleteness + linkage (issue 14)  [{load()}]")
    run = lambda *a: in_child("benchmarks.completeness", "--task", *a)  # noqa: E731
    layer, pandas_ = run("layer", "demo", str(args.runs)), run("pandas", str(args.runs))
    print(_line("demo, query layer: country + 3 provinces", layer, args.runs, "2"))
    raw = layer["build"] + layer["linkage"]  # the same counts from the raw files
    print(
        f"  demo, pandas on in-memory frames (village counts, IDs, duplicates) "
        f"{pandas_['median']:.2f} s  peak {pandas_['peak_gb']:.2f} GB; the query layer from the "
        f"files (counts built + linkage) {raw:.2f} s: {ratio(pandas_['median'], raw)} faster"
    )
    if args.national:
        start = time.perf_counter()
        national_dataset()
        built = time.perf_counter() - start
        runs = max(1, args.runs // 2)
        r = run("layer", "national", str(runs))
        print(_line(f"national ({NATIONAL_HOUSEHOLDS:,} households), country", r, runs, "20"))
        print(f"    (set ready in {built:.1f} s: generated once with DuckDB SQL, then reused)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
