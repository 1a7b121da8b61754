"""Speed benchmarks: python -m benchmarks.run [--national].

Prints, for the synthetic three-province demo (and with --national the ~13-million-household set):
generation time and peak memory, and the time to compute all area measures (village, tambon,
amphoe, province) next to a straightforward pandas implementation run in the same process.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from analytics import catalogue, measures, synthetic


def straightforward_pandas(persons: pd.DataFrame, households: pd.DataFrame) -> dict:
    """What one would write first: merge, boolean columns, groupby per level."""
    threshold = catalogue.income_threshold()
    hh = households.copy()
    hh["i4_3"] = hh["income"] / hh["members"] < threshold
    hh["household_row"] = np.arange(len(hh))
    hh_columns = [i.column for i in catalogue.household_indicators()]
    merged = persons.merge(hh[["household_row", "village_id", *hh_columns]], on="household_row")
    dims = catalogue.dimension_codes()
    for dim in dims:
        cols = [i.column for i in catalogue.indicators() if i.dimension == dim]
        merged[f"dim_{dim}"] = merged[cols].any(axis=1)
    merged["poor"] = merged[[f"dim_{d}" for d in dims]].any(axis=1)
    merged["target"] = merged["poor"] & merged["verified"]
    out = {}
    for level, length in measures.LEVEL_CODE_LENGTH.items():
        key = merged["village_id"].str[:length]
        agg = {
            "persons": ("poor", "size"),
            "mpi_poor": ("poor", "sum"),
            "target": ("target", "sum"),
        }
        agg.update({f"fail_{c}": (c, "sum") for c in catalogue.indicator_columns()})
        agg.update({f"dim_{d}": (f"dim_{d}", "sum") for d in dims})
        out[level] = merged.groupby(key).agg(**agg)
    return out


def chipao_all_levels(persons: pd.DataFrame, households: pd.DataFrame) -> dict:
    villages = measures.area_measures(persons, households, "village")
    out = {"village": villages}
    for level in ("tambon", "amphoe", "province"):
        out[level] = measures.rollup(villages, level)
    return out


def timed(fn, *args, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


def generation_in_child(scale: float) -> tuple[float, float]:
    """Generate in a fresh process so peak memory is the generator's alone."""
    code = (
        "import time,resource;from analytics import synthetic;t=time.perf_counter();"
        f"synthetic.generate(scale={scale}, years=(2561,2562,2563,2564));"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, max_rss_kb = out.stdout.split()
    return float(seconds), float(max_rss_kb) / 1024**2


def measure_set(label: str, data: synthetic.SyntheticData, repeat: int) -> None:
    persons, households = data.persons, data.households
    ours = timed(chipao_all_levels, persons, households, repeat=repeat)
    baseline = timed(straightforward_pandas, persons, households, repeat=1)
    print(
        f"{label}: {len(households):,} households, {len(persons):,} persons\n"
        f"  all area measures (4 levels): chipao {ours:.3f} s | straightforward pandas "
        f"{baseline:.3f} s | speed-up x{baseline / ours:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--national", action="store_true", help="also the ~13M-household set")
    args = parser.parse_args()
    seconds, peak_gb = generation_in_child(1.0)
    print(
        f"generate three-province demo, 4 survey years: {seconds:.1f} s, peak memory {peak_gb:.2f} GB"
        "  (target < 60 s, < 4 GB)"
    )
    base = synthetic.generate(scale=1.0, years=(2561,))[2561]
    measure_set("three provinces", base, repeat=5)
    if args.national:
        big = synthetic._repeat(base, 18)
        del base
        measure_set("national size (x18)", big, repeat=2)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        print(f"  process peak memory {peak:.1f} GB (target < 12 GB)")


if __name__ == "__main__":
    main()
