"""Deterministic demo households that reproduce the real TPMAP 2561 tables under TPMAP's rule.

Real จปฐ. microdata is confidential. TPMAP judges every indicator per household and counts every
member (``../shared/docs/domain.md`` §1a); this generator builds households in that schema
(``household_schema``) so that, counted the same way, they give the real tables:
- per village exactly: households, persons, persons aged 60+, MPI-poor households and persons;
- per tambon exactly: persons failing each indicator and persons to whom it applies (group
  indicators; household items apply to every household), registered, verified, MPI-poor
  registered and target poor; target poor per dimension close to the dimension-subset tables.
Steps: ``synthetic_households`` (sizes, failing and applies flags), ``synthetic_persons`` (ages
that fit the flags), ``synthetic_welfare`` (the welfare card), then identifiers and names.
Later survey years (2562-2564) evolve from 2561 (``synthetic_years``).
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import settings
from analytics.data import synthetic_households as sh
from analytics.data import synthetic_persons as sp
from analytics.data import tpmap_tables
from analytics.data.synthetic_failures import choose_failures
from analytics.data.synthetic_patterns import exact_patterns
from analytics.data.synthetic_welfare import welfare_status
from analytics.data.synthetic_years import next_year
from analytics.domain import catalogue, citizen_id, household_schema, pilots

GENERATOR_VERSION = 2
__all__ = ["SyntheticData", "generate", "generate_base", "load_or_generate", "next_year"]
BASE_YEAR = 2561
NAMES_FILE = catalogue.CATALOGUE_DIR / "demo_names.toml"
with open(NAMES_FILE, "rb") as _names:
    _NAME_LISTS = tomllib.load(_names)
FIRST_NAMES: tuple[str, ...] = tuple(_NAME_LISTS["first_names"])
SURNAMES: tuple[str, ...] = tuple(_NAME_LISTS["surnames"])
VILLAGE_COUNTS = ("households", "persons", "elderly", "mpi_poor_households", "mpi_poor")


@dataclass
class SyntheticData:
    """One survey year of a household dataset (``household_schema``): households and persons."""

    year: int
    households: pd.DataFrame
    persons: pd.DataFrame


def _scale_counts(values, scale: float) -> np.ndarray:
    return np.round(np.asarray(values, float) * scale).astype(np.int64)


def _village_inputs(provinces: tuple[str, ...], scale: float) -> pd.DataFrame:
    """Real village counts (scaled, kept feasible: every village has a household)."""
    villages = pd.concat([tpmap_tables.area_table("village", p) for p in provinces])
    villages = villages.sort_values("code", ignore_index=True)
    villages["tambon"] = villages["code"].str[:6]
    if scale == 1:
        return villages
    v = {c: _scale_counts(villages[c], scale) for c in VILLAGE_COUNTS}
    hh = np.maximum(v["households"], 1)
    persons = np.maximum(v["persons"], hh)
    poor_hh = np.minimum(v["mpi_poor_households"], hh - 1)
    poor = np.clip(v["mpi_poor"], poor_hh, persons - (hh - poor_hh))
    poor = np.minimum(poor, poor_hh * sh.MAX_SIZE)
    villages = villages.assign(households=hh, persons=persons, mpi_poor_households=poor_hh)
    return villages.assign(mpi_poor=poor, elderly=np.minimum(v["elderly"], persons))


def _tambon_targets(provinces, villages: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Per-tambon targets, in the order of the tambon codes of ``villages``."""
    codes = np.unique(villages["tambon"])
    real = pd.concat([tpmap_tables.area_table("tambon", p) for p in provinces])
    real = real.set_index("code").reindex(codes).fillna(0)
    sums = villages.groupby("tambon")[list(VILLAGE_COUNTS)].sum().reindex(codes)
    out = pd.DataFrame(index=codes)
    for c in VILLAGE_COUNTS:
        out[c] = sums[c].to_numpy()
    count_columns = [c for c in real.columns if c.startswith(("fail_", "applies_", "target_"))]
    count_columns += ["registered", "verified", "mpi_poor_registered"]
    for c in count_columns:
        out[c] = _scale_counts(real[c], scale)
    if scale != 1:
        _keep_feasible(out)
    return out


def _keep_feasible(t: pd.DataFrame) -> None:
    """Rounded small-scale targets can contradict one another: clip them into agreement."""
    for ind in catalogue.indicators():
        t[f"fail_{ind.column}"] = np.minimum(t[f"fail_{ind.column}"], t["mpi_poor"])
        t[f"applies_{ind.column}"] = t[f"applies_{ind.column}"].clip(
            t[f"fail_{ind.column}"], t["persons"]
        )
    t["mpi_poor_registered"] = np.minimum(t["mpi_poor_registered"], t["mpi_poor"])
    t["target_poor"] = np.minimum(t["target_poor"], t["mpi_poor_registered"])
    t["registered"] = t["registered"].clip(
        t["mpi_poor_registered"], t["mpi_poor_registered"] + t["persons"] - t["mpi_poor"]
    )
    t["verified"] = t["verified"].clip(
        t["target_poor"], t["target_poor"] + t["registered"] - t["mpi_poor_registered"]
    )


def generate_base(
    provinces: tuple[str, ...] = pilots.PILOT_PROVINCES, scale: float = 1.0, seed: int = 2561
) -> SyntheticData:
    """Generate survey year 2561 for ``provinces`` at ``scale`` (1.0 = real size, at most 1)."""
    if not 0 < scale <= 1:
        raise ValueError("generate_base takes 0 < scale <= 1; use generate() to scale up")
    rng = np.random.default_rng(seed)
    villages = _village_inputs(provinces, scale)
    targets = _tambon_targets(provinces, villages, scale)
    village_tambon = np.searchsorted(targets.index.to_numpy(), villages["tambon"].to_numpy())
    plan = sh.lay_out(villages, village_tambon, rng)
    choose_failures(plan, targets, rng)
    sh.choose_applies(plan, targets)
    household, age, _ = sp.assign_ages(plan, villages["elderly"].to_numpy(), rng)
    order = np.lexsort((-age, household))  # oldest first: member 0 is the head
    household, age = household[order], age[order]
    pattern_table = pd.concat([_patterns(p) for p in provinces]).reindex(targets.index)
    patterns = _scale_counts(pattern_table.fillna(0).to_numpy(), scale)
    registered, verified = welfare_status(plan, household, age, targets, patterns, rng)
    persons = _persons_frame(plan, household, age, rng)
    persons["registered"], persons["verified"] = registered, verified
    households = _households_frame(plan, villages, targets.index.to_numpy(), rng)
    return _finish(households, persons, rng, plan.missed)


def _patterns(province: str) -> pd.DataFrame:
    """Real target poor per dimension pattern; none wanted where the subset tables are missing
    (the per-dimension totals still steer the choice)."""
    if tpmap_tables.has_dimension_subsets(province):
        return exact_patterns(province)
    return pd.DataFrame(dtype="int64")


def _persons_frame(plan: sh.HouseholdPlan, household, age, rng) -> pd.DataFrame:
    """Members (ordered by household, oldest first) with sex, relation and disability."""
    first = np.repeat(np.cumsum(plan.members) - plan.members, plan.members)
    member = np.arange(len(household)) - first
    head_age = age[first]
    sex = rng.integers(1, 3, len(age))
    sex = np.where(member == 1, 3 - sex[first], sex)
    spouse = (member == 1) & (age >= 18) & (np.abs(age - head_age) <= 15)
    relation = np.select([member == 0, spouse, age <= head_age - 15], [1, 2, 3], 4)
    disabled = sp.disabled_members(plan, household, age, rng)
    return pd.DataFrame(
        {
            "household_row": household.astype(np.int32),
            "member": member.astype(np.int16),
            "relation": relation.astype(np.int8),
            "sex": sex.astype(np.int8),
            "age": age.astype(np.int16),
            "disabled": disabled,
            "bedridden": disabled & (rng.random(len(age)) < 0.15),
        }
    )


def _households_frame(plan: sh.HouseholdPlan, villages, tambon_codes, rng) -> pd.DataFrame:
    """Household rows: area, members, income (4.3 derived from it) and the indicator flags."""
    threshold = catalogue.income_threshold()
    n = len(plan.members)
    income_fail = plan.fails[household_schema.income_indicator().code]
    per_capita = np.where(
        income_fail,
        threshold * rng.uniform(0.25, 0.97, n),
        threshold * (1.03 + rng.lognormal(0.0, 0.8, n)),
    )
    tambon = tambon_codes[plan.tambon]
    frame = {
        "village_id": villages["code"].to_numpy()[plan.village],
        "tambon": tambon,
        "amphoe": pd.Series(tambon).str[:4].to_numpy(),
        "province": pd.Series(tambon).str[:2].to_numpy(),
        "members": plan.members.astype(np.int16),
        "income": np.floor(per_capita * plan.members).astype(np.int64),
        "lat": np.full(n, np.nan),
        "lon": np.full(n, np.nan),
    }
    for ind in catalogue.indicators():
        if ind.code != household_schema.income_indicator().code:
            frame[ind.column] = plan.fails[ind.code]
    for ind in household_schema.group_indicators():
        frame[f"applies_{ind.column}"] = plan.applies[ind.code]
    households = pd.DataFrame(frame)
    households.insert(0, "house_code", _house_codes(households["amphoe"].to_numpy()))
    return households


def _finish(households, persons, rng, missed: dict[str, int]) -> SyntheticData:
    """Identifiers, names and the per-household member counts."""
    n = len(households)
    surname = np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n)]
    row = persons["household_row"].to_numpy()
    persons.insert(0, "citizen_id", citizen_id.synthetic_ids(np.arange(len(persons))))
    first = np.array(FIRST_NAMES)[rng.integers(0, len(FIRST_NAMES), len(persons))]
    persons.insert(1, "name", first + " " + surname[row])
    persons.insert(2, "house_code", households["house_code"].to_numpy()[row])
    for name, values in household_schema.member_counts(persons, n).items():
        households[name] = values
    for name, values in household_schema.head_columns(persons, n).items():
        households[name] = values
    households.attrs["missed"] = {k: v for k, v in missed.items() if v}
    return SyntheticData(BASE_YEAR, households, persons)


def _house_codes(amphoes: np.ndarray) -> np.ndarray:
    """11-digit house codes: 4-digit amphoe + 7-digit serial within the amphoe."""
    codes = pd.Series(amphoes)
    serial = codes.groupby(codes).cumcount().to_numpy() + 1
    return (codes + pd.Series(serial).astype(str).str.zfill(7)).to_numpy()


def generate(
    provinces: tuple[str, ...] = pilots.PILOT_PROVINCES,
    scale: float = 1.0,
    years: tuple[int, ...] = (2561, 2562, 2563, 2564),
    seed: int = 2561,
) -> dict[int, SyntheticData]:
    """All survey years. ``scale`` below 1 shrinks every village; above 1 repeats the population
    ``round(scale)`` times (for national-size benchmarks: scale 18 gives about 13 million households).
    """
    base_scale = min(scale, 1.0)
    data = generate_base(provinces, base_scale, seed)
    copies = max(int(round(scale)), 1) if scale > 1 else 1
    out: dict[int, SyntheticData] = {}
    current = data
    for year in range(BASE_YEAR, max(years) + 1):
        if year > BASE_YEAR:
            current = next_year(current, seed + year)
        if year in years:
            out[year] = _repeat(current, copies) if copies > 1 else current
    return out


def _repeat(data: SyntheticData, copies: int) -> SyntheticData:
    """Tile a population ``copies`` times (benchmarks only): areas get ``copies`` x the people."""
    n_households = len(data.households)
    households = pd.concat([data.households] * copies, ignore_index=True)
    persons = pd.concat([data.persons] * copies, ignore_index=True)
    offsets = np.repeat(np.arange(copies, dtype=np.int32) * n_households, len(data.persons))
    persons["household_row"] = persons["household_row"].to_numpy() + offsets
    return SyntheticData(data.year, households, persons)


def dataset_dir(provinces: tuple[str, ...], scale: float, seed: int) -> Path:
    name = f"v{GENERATOR_VERSION}_{'-'.join(provinces)}_s{scale:g}_seed{seed}"
    return settings.cache_dir() / "synthetic" / name


def load_or_generate(
    provinces: tuple[str, ...] = pilots.PILOT_PROVINCES,
    scale: float = 1.0,
    seed: int = 2561,
) -> dict[int, SyntheticData]:
    """Read the Parquet files of a generated set, generating and writing them first if missing."""
    years = tuple(catalogue.survey_years())
    folder = dataset_dir(provinces, scale, seed)
    done = folder / "COMPLETE"
    if not done.exists():
        data = generate(provinces, scale, years, seed)
        tmp = folder.with_name(folder.name + ".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        tmp.chmod(0o700)  # synthetic, but shaped like personal data: owner-only, whatever the umask
        for year, d in data.items():
            d.households.to_parquet(tmp / f"households_{year}.parquet", index=False)
            d.persons.to_parquet(tmp / f"persons_{year}.parquet", index=False)
        (tmp / "COMPLETE").write_text("ok")
        for path in tmp.iterdir():
            path.chmod(0o600)
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
        return data
    return {
        year: SyntheticData(
            year,
            pd.read_parquet(folder / f"households_{year}.parquet"),
            pd.read_parquet(folder / f"persons_{year}.parquet"),
        )
        for year in years
    }
