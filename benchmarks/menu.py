"""Menu matching benchmark: python -m benchmarks.menu (also printed by python -m benchmarks)

1. Every household of the three-province demo (2561) matched against the whole catalogue
   (vectorised, ``analytics.domain.menu.matching``), target < 2 s, beside row-by-row
   evaluation (each household, each programme, each member in Python) timed on a sample and
   compared per household.
2. One tambon's suggestions as the plans page computes them (its households and members read
   through the query layer, the development stage, the matching), warm, target < 0.2 s.
Each part runs in its own process; peak memory (VmHWM) is that process's.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

from benchmarks.common import emit, in_child, load, median_of, ratio

TAMBON = "190110"
SAMPLE = 300


def _programmes():
    from analytics.io import menu_catalogue

    return menu_catalogue.load()


def task_all(runs: int) -> dict:
    from analytics.domain.menu import matching
    from benchmarks import queries

    files = queries.dataset("demo")
    households = pd.read_parquet(files.households)
    persons = pd.read_parquet(
        files.persons, columns=["house_code", "age", "disabled", "bedridden", "registered",
                                "verified"]
    )  # fmt: skip
    threshold = 38_000.0
    income = (households["income"] < threshold * households["members"]).fillna(False)
    households["i4_3"] = income.to_numpy()
    programmes = _programmes()
    fast, _ = median_of(lambda: matching.match(households, persons, programmes), runs)
    cpu_start = time.process_time()
    matching.match(households, persons, programmes)
    cpu = time.process_time() - cpu_start  # on a loaded machine: the work itself
    found = matching.match(households, persons, programmes)
    sample = households.head(SAMPLE)
    members = persons[persons["house_code"].isin(set(sample["house_code"]))]
    start = time.perf_counter()
    slow_units = _row_by_row(sample, members, programmes, found.failures[:SAMPLE])
    slow = time.perf_counter() - start
    assert np.array_equal(slow_units, found.units[:SAMPLE]), "row-by-row disagrees"
    return {
        "households": len(households),
        "persons": len(persons),
        "programmes": len(programmes),
        "suggestions": int(found.suggested.sum()),
        "fast": fast,
        "cpu": cpu,
        "slow_sample": slow,
        "per_household_fast": fast / len(households),
        "per_household_slow": slow / SAMPLE,
    }


def _row_by_row(households, persons, programmes, failures) -> np.ndarray:
    """The slower alternative: Python loops over households, programmes and members."""
    from analytics.domain import catalogue
    from analytics.domain.menu.rules import compare

    columns = {"welfare_card": "registered"}
    codes = [i.code for i in catalogue.indicators()]
    by_house = {h: g for h, g in persons.groupby("house_code")}
    out = np.zeros((len(households), len(programmes)), dtype=np.int32)
    for i, hh in enumerate(households.itertuples(index=False)):
        members = by_house.get(hh.house_code)
        facts = {"income_per_member": hh.income / max(hh.members, 1), "members": hh.members,
                 "target_poor": bool(failures[i].any()) and hh.verified_members > 0}  # fmt: skip
        for j, prog in enumerate(programmes):
            ok = True
            for c in prog.rule.of_scope("household"):
                if c.field == "fails":
                    v = any(failures[i][codes.index(x)] for x in c.value.split(","))
                elif c.op:
                    v = bool(compare(facts[c.field], c.op, float(c.value)))
                else:
                    v = bool(facts[c.field])
                ok = ok and (not v if c.negate else v)
            count = 0
            for m in members.itertuples(index=False) if members is not None else ():
                good = True
                for c in prog.rule.of_scope("member"):
                    value = getattr(m, columns.get(c.field, c.field))
                    v = bool(compare(float(value), c.op, float(c.value))) if c.op else bool(value)
                    good = good and (not v if c.negate else v)
                count += good
            if prog.unit == "person":
                out[i, j] = count if ok else 0
            else:
                out[i, j] = int(ok and (count > 0 or not prog.rule.of_scope("member")))
    return out


def task_tambon(runs: int) -> dict:
    from analytics.domain import access
    from analytics.services import plans
    from benchmarks import queries

    src = queries.source("demo")
    viewer = access.Viewer("planner", "planner", ("19",))
    year = queries.YEAR
    cold_start = time.perf_counter()
    area = plans.area_matches(src, None, viewer, TAMBON, year)
    cold = time.perf_counter() - cold_start
    warm, _ = median_of(lambda: plans.area_matches(src, None, viewer, TAMBON, year), runs)
    return {"households": len(area.households), "cold": cold, "warm": warm,
            "suggested": int(area.matches.suggested.sum())}  # fmt: skip


def report(runs: int) -> None:
    """Run both parts in child processes and print them with the machine's load."""
    a = in_child("benchmarks.menu", "--task", "all", str(runs))
    print(
        f"\nmenu: all {a['households']:,} households ({a['persons']:,} persons) x "
        f"{a['programmes']} programmes: {a['fast']:.2f} s median of {runs}, CPU "
        f"{a['cpu']:.2f} s (target < 2 s), "
        f"{a['suggestions']:,} suggestions; row-by-row on {SAMPLE:,} households "
        f"{a['slow_sample']:.2f} s = {a['per_household_slow'] * 1e6:.0f} µs/household vs "
        f"{a['per_household_fast'] * 1e6:.2f} µs/household vectorised "
        f"({ratio(a['per_household_slow'], a['per_household_fast'])})  "
        f"peak {a['peak_gb']:.2f} GB  [{a['load']}]"
    )
    t = in_child("benchmarks.menu", "--task", "tambon", str(runs))
    print(
        f"menu: one tambon's suggestions ({TAMBON}, {t['households']:,} households, "
        f"{t['suggested']:,} suggestions): cold {t['cold']:.3f} s, warm {t['warm']:.3f} s "
        f"median of {runs} (target < 0.2 s)  peak {t['peak_gb']:.2f} GB  [{t['load']}]"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--task", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.task:
        print(f"machine: {load()}")
        report(args.runs)
        return 0
    name, runs = args.task[0], int(args.task[1])
    if name == "all":
        emit(task_all(runs))
    elif name == "tambon":
        emit(task_tambon(runs))
    else:
        print(f"unknown task {name}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
