"""Speed benchmarks: python -m benchmarks.run [--national].

Prints, for the synthetic three-province demo (and with --national the ~13-million-household set):
generation time and peak memory, and the time to compute all area measures (village, tambon,
amphoe, province) next to a straightforward pandas implementation run in the same process: both
the same number of times, medians, with the machine's load beside them. The query layer's
figures (DuckDB, cube) are in ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys

import numpy as np
import pandas as pd

from analytics import area_codes, catalogue, measures, synthetic
from benchmarks.common import load, median_of


def straightforward_pandas(persons: pd.DataFrame, households: pd.DataFrame) -> dict:
    """What one would write first, computing the same counts: merge, boolean columns, groupby."""
    threshold = catalogue.income_threshold()
    weights = dict(zip(catalogue.indicator_columns(), catalogue.af_weights(), strict=True))
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
    merged["poor_registered"] = merged["poor"] & merged["registered"]
    merged["elderly"] = merged["age"] >= 60
    merged["score"] = sum(merged[c] * w for c, w in weights.items())
    merged["af_poor"] = merged["score"] >= catalogue.af_cutoff()
    merged["af_score"] = merged["score"].where(merged["af_poor"], 0.0)
    for dim in dims:
        merged[f"mpi_{dim}"] = merged[f"dim_{dim}"] & merged["poor"]
        merged[f"target_{dim}"] = merged[f"dim_{dim}"] & merged["target"]
    for column in catalogue.indicator_columns():
        merged[f"target_fail_{column}"] = merged[column] & merged["target"]
    household_flags = merged.groupby("household_row").agg(
        village_id=("village_id", "first"), poor=("poor", "any"), target=("target", "any")
    )
    sums = [
        "registered",
        "verified",
        "elderly",
        "disabled",
        "poor",
        "poor_registered",
        "target",
        "af_poor",
        "af_score",
        *[f"mpi_{d}" for d in dims],
        *[f"target_{d}" for d in dims],
        *catalogue.indicator_columns(),
        *[f"target_fail_{c}" for c in catalogue.indicator_columns()],
    ]
    villages = merged.groupby("village_id")[sums].sum()
    villages["persons"] = merged.groupby("village_id").size()
    villages["households"] = household_flags.groupby("village_id").size()
    villages["poor_households"] = household_flags.groupby("village_id")["poor"].sum()
    villages["target_households"] = household_flags.groupby("village_id")["target"].sum()
    out = {"village": villages}
    for level in ("tambon", "amphoe", "province"):
        key = villages.index.str[: area_codes.prefix_length(level)]
        table = villages.groupby(key).sum()
        table["rate"] = table["target"] / table["persons"] * 100
        table["af_m0"] = table["af_score"] / table["persons"]
        out[level] = table
    return out


def chipao_all_levels(persons: pd.DataFrame, households: pd.DataFrame) -> dict:
    villages = measures.area_measures(persons, households, "village")
    out = {"village": villages}
    for level in ("tambon", "amphoe", "province"):
        out[level] = measures.rollup(villages, level)
    return out


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
    ours, _ = median_of(lambda: chipao_all_levels(persons, households), repeat)
    baseline, _ = median_of(lambda: straightforward_pandas(persons, households), repeat)
    print(
        f"{label}: {len(households):,} households, {len(persons):,} persons\n"
        f"  all area measures (4 levels), median of {repeat} each: chipao {ours:.3f} s | "
        f"straightforward pandas {baseline:.3f} s | speed-up x{baseline / ours:.1f}  [{load()}]"
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
        measure_set("national size (x18)", big, repeat=3)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        print(f"  process peak memory {peak:.1f} GB (target < 12 GB)")


if __name__ == "__main__":
    main()
