"""Deterministic synthetic household microdata that reproduces the real TPMAP 2561 aggregates.

Real จปฐ. microdata is confidential. This generator builds households and persons village by
village so that, put through ``measures``, they give the real village household and person counts
exactly and, per tambon, the real failures per indicator and target poor per dimension closely.
Later survey years (2562-2564) evolve from 2561 with recoveries and new deprivations.

Steps (all vectorised over the whole population):
1. households and persons per village exactly as the real tables; household sizes random;
2. ages: exactly the real number of elderly per village, heads and spouses adult;
3. a household poverty propensity makes deprivations cluster in the same households;
4. household indicators: households chosen so their members add up to the real failures;
5. person indicators: the real number of eligible persons (re-aging a few when too few);
6. welfare-card verification chosen per tambon by a small linear programme so target poor per
   dimension pattern matches the real dimension-subset tables;
7. identifiers: synthetic citizen IDs (``999`` prefix, checksum-valid), house codes, names.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from analytics import catalogue, citizen_id, config, tpmap_tables
from analytics.grouped import select_by_total, select_k
from analytics.measures import person_measures
from analytics.synthetic_patterns import create_missing_patterns

GENERATOR_VERSION = 1
BASE_YEAR = 2561
# How strongly deprivations gather in the poor-household set (higher: fewer, more deprived homes)
HOUSEHOLD_POOR_PULL = 10.0
PERSON_POOR_PULL = 10.0
COVERED_PUSH = 0.5
FIRST_NAMES = (
    "สมชาย สมศรี สมหญิง บุญมี บุญเรือน ประเสริฐ ประยูร มาลี สุดา วิชัย สมพร อำนวย จันทร์เพ็ญ "
    "ทองดี ทองใบ สายสุนีย์ คำปุน บัวผัน สุริยา นิตยา ธนากร กมล ศิริพร อรุณ ณัฐพล พิมพ์ชนก "
    "ปิยะ วันเพ็ญ สุนทร ละเอียด"
).split()
SURNAMES = (
    "ใจดี สุขสม ทองคำ ศรีสุข บุญมา แสงทอง พรหมมา ดวงดี มั่นคง ชัยมงคล คำแก้ว สีดา ภูมิใจ "
    "ทองมา นาคสวัสดิ์ วงศ์ไทย ศรีวงศ์ แก้วกล้า บุญเกิด อินทร์แก้ว"
).split()


@dataclass
class SyntheticData:
    """One survey year of microdata: households and persons (``household_row`` links them)."""

    year: int
    households: pd.DataFrame
    persons: pd.DataFrame


def _village_inputs(provinces: tuple[str, ...]) -> pd.DataFrame:
    frames = []
    for province in provinces:
        villages = tpmap_tables.area_table("village", province)
        frames.append(villages)
    villages = pd.concat(frames, ignore_index=True).sort_values("code", ignore_index=True)
    villages["tambon"] = villages["code"].str[:6]
    return villages


def _exact_patterns(province: str) -> pd.DataFrame:
    """Target poor per tambon by the exact set of dimensions failed (31 patterns).

    TPMAP publishes, for every subset S of dimensions, the target poor failing any dimension in S
    (a union). With T the total, g(C) = T - U(not C) counts persons failing only inside C, and
    Moebius inversion over subsets turns g into exact-pattern counts.
    """
    dims = catalogue.dimension_codes()
    unions: dict[int, pd.Series] = {}
    total = None
    for bits in range(1, 32):
        chosen = tuple(d for j, d in enumerate(dims) if bits >> j & 1)
        table = tpmap_tables.area_table("tambon", province, chosen).set_index("code")
        unions[bits] = table["target_poor"]
        if bits == 31:
            total = table["target_poor"]
    inside = {0: total * 0}
    for bits in range(1, 32):
        inside[bits] = total if bits == 31 else total - unions[31 ^ bits]
    exact = {}
    for bits in range(1, 32):
        value = total * 0
        sub = bits
        while True:
            sign = -1 if bin(bits ^ sub).count("1") % 2 else 1
            value = value + sign * inside[sub]
            if sub == 0:
                break
            sub = (sub - 1) & bits
        exact[bits] = value
    return pd.DataFrame(exact).clip(lower=0)


def _lp_pattern_choice(available: np.ndarray, wanted: np.ndarray, total: int, per_dim: np.ndarray):
    """How many target poor to take from each pattern: match totals per dimension first.

    Minimise |x - wanted| (L1) plus a large penalty on missing the dimension totals, with
    0 <= x <= available.
    """
    n = 31
    incidence = np.array([[bits >> j & 1 for bits in range(1, 32)] for j in range(5)], float)
    a_eq_rows = np.vstack([incidence, np.ones((1, n))])
    b_eq = np.r_[per_dim, total].astype(float)
    m = a_eq_rows.shape[0]
    # variables: x (n), d+ (n), d- (n), s+ (m), s- (m)
    cost = np.r_[np.zeros(n), np.ones(2 * n), np.full(2 * m, 1000.0)]
    a_eq = np.block(
        [
            [a_eq_rows, np.zeros((m, 2 * n)), np.eye(m), -np.eye(m)],
            [np.eye(n), -np.eye(n), np.eye(n), np.zeros((n, 2 * m))],
        ]
    )
    b = np.r_[b_eq, wanted.astype(float)]
    bounds = [(0, a) for a in available] + [(0, None)] * (2 * n + 2 * m)
    result = linprog(cost, A_eq=a_eq, b_eq=b, bounds=bounds, method="highs")
    x = result.x[:n] if result.success else np.minimum(wanted, available).astype(float)
    counts = np.floor(x + 1e-6).astype(np.int64)
    shortfall = int(min(total, available.sum()) - counts.sum())
    if shortfall > 0:  # hand out the rounding remainder by largest fractional parts
        room = available - counts
        order = np.argsort(-(x - counts) - (room > 0) * 10)
        for j in order[:shortfall]:
            if room[j] > 0:
                counts[j] += 1
    return counts


def _scale_counts(values: np.ndarray, scale: float) -> np.ndarray:
    return np.round(np.asarray(values, float) * scale).astype(np.int64)


def generate_base(
    provinces: tuple[str, ...] = catalogue.PILOT_PROVINCES, scale: float = 1.0, seed: int = 2561
) -> SyntheticData:
    """Generate survey year 2561 for ``provinces`` at ``scale`` (1.0 = real size, at most 1)."""
    if not 0 < scale <= 1:
        raise ValueError("generate_base takes 0 < scale <= 1; use generate() to scale up")
    rng = np.random.default_rng(seed)
    villages = _village_inputs(provinces)
    tambon_codes, village_tambon = np.unique(villages["tambon"].to_numpy(), return_inverse=True)
    n_tambons = len(tambon_codes)

    # 1. households and persons per village
    hh_per_village = np.maximum(_scale_counts(villages["households"], scale), 1)
    persons_per_village = np.maximum(_scale_counts(villages["persons"], scale), hh_per_village)
    n_households = int(hh_per_village.sum())
    hh_village = np.repeat(np.arange(len(villages)), hh_per_village)
    village_start = np.r_[0, np.cumsum(hh_per_village)[:-1]]
    extra = persons_per_village - hh_per_village
    extra_village = np.repeat(np.arange(len(villages)), extra)
    extra_household = village_start[extra_village] + (
        rng.random(len(extra_village)) * hh_per_village[extra_village]
    ).astype(np.int64)
    members = 1 + np.bincount(extra_household, minlength=n_households)
    person_household = np.repeat(np.arange(n_households), members)
    n_persons = len(person_household)
    household_first = np.r_[0, np.cumsum(members)[:-1]]
    member_index = np.arange(n_persons) - household_first[person_household]
    p_village = hh_village[person_household]
    p_tambon = village_tambon[p_village]
    hh_tambon = village_tambon[hh_village]

    # 2. demographics
    elderly_target = np.minimum(_scale_counts(villages["elderly"], scale), persons_per_village)
    elderly = select_k(p_village, rng.random(n_persons) + (member_index >= 2) * 0.6, elderly_target)
    age = np.where(
        member_index < 2,
        rng.integers(20, 60, n_persons),
        np.where(
            rng.random(n_persons) < 0.7,
            rng.integers(0, 25, n_persons),
            rng.integers(15, 60, n_persons),
        ),
    )
    age = np.where(elderly, 60 + np.minimum(rng.gamma(2.0, 6.0, n_persons), 45).astype(int), age)
    sex = rng.integers(1, 3, n_persons)
    sex = np.where(member_index == 1, 3 - sex[household_first[person_household]], sex)
    relation = np.select(
        [member_index == 0, (member_index == 1) & (age >= 18), age < 25], [1, 2, 3], 4
    )
    disabled_target = _scale_counts(villages["disabled"], scale)
    disabled = select_k(p_village, rng.random(n_persons) - elderly * 0.3, disabled_target)

    # 3. poor households: deprivations are confined, where possible, to a set of households whose
    # members add up to the real MPI-poor count, larger households first (as in the real tables)
    tambon_table = (
        pd.concat([tpmap_tables.area_table("tambon", p) for p in provinces], ignore_index=True)
        .set_index("code")
        .reindex(tambon_codes)
    )
    propensity = rng.normal(size=n_households) - 0.35 * members
    poor_target = _scale_counts(tambon_table["mpi_poor"].to_numpy(), scale)
    in_poor_household = select_by_total(hh_tambon, members, propensity, poor_target)
    person_in_poor = in_poor_household[person_household]
    # per dimension, who already fails it: spreading a dimension's indicators over different
    # people keeps its union (and so the target poor per dimension) as large as the real one
    covered = {d: np.zeros(n_persons, dtype=bool) for d in catalogue.dimension_codes()}
    failures_hh: dict[str, np.ndarray] = {}
    failures_p: dict[str, np.ndarray] = {}
    locked = np.zeros(n_persons, dtype=bool)

    # 4. household indicators
    for ind in catalogue.household_indicators():
        target = _scale_counts(tambon_table[f"fail_{ind.column}"].to_numpy(), scale)
        share_covered = (
            np.bincount(person_household, covered[ind.dimension], minlength=n_households) / members
        )
        key = (
            rng.normal(scale=0.5, size=n_households)
            + COVERED_PUSH * share_covered
            - HOUSEHOLD_POOR_PULL * in_poor_household
        )
        failures_hh[ind.column] = select_by_total(hh_tambon, members, key, target)
        covered[ind.dimension] |= failures_hh[ind.column][person_household]

    # 5. person indicators, narrow age bands first so re-aging never undoes an earlier choice
    order = ["1.1", "3.1", "3.2", "3.3", "5.2", "4.2", "5.1", "3.4", "4.1", "1.4"]
    for code in order:
        ind = catalogue.indicator_by_code(code)
        target = _scale_counts(tambon_table[f"fail_{ind.column}"].to_numpy(), scale)
        if ind.applies_to == "disabled":
            eligible = disabled
            shortfall = np.maximum(target - np.bincount(p_tambon[eligible], minlength=n_tambons), 0)
            extra_disabled = select_k(p_tambon, rng.random(n_persons), shortfall, ~disabled)
            disabled = disabled | extra_disabled
            eligible = disabled
        else:
            low, high = ind.min_age, ind.max_age if ind.max_age is not None else 200
            eligible = (age >= low) & (age <= high)
            shortfall = np.maximum(target - np.bincount(p_tambon[eligible], minlength=n_tambons), 0)
            if shortfall.any():
                # a few tables count more failures than people of the age: re-age some members
                movable = ~locked & ~eligible & (member_index >= (2 if high < 60 else 1))
                movable &= ~elderly if high < 60 else np.ones(n_persons, dtype=bool)
                reaged = select_k(
                    p_tambon, rng.random(n_persons) - 5.0 * person_in_poor, shortfall, movable
                )
                age = np.where(reaged, rng.integers(low, min(high, 99) + 1, n_persons), age)
                eligible = (age >= low) & (age <= high)
        key = (
            rng.random(n_persons)
            + COVERED_PUSH * covered[ind.dimension]
            - PERSON_POOR_PULL * person_in_poor
        )
        chosen = select_k(p_tambon, key, target, eligible)
        failures_p[ind.column] = chosen
        covered[ind.dimension] |= chosen
        if ind.applies_to == "age" and (ind.max_age or 200) < 60:
            locked |= chosen

    # income (4.3 is derived from it, so the threshold setting stays live)
    threshold = catalogue.income_threshold()
    income_fail = failures_hh.pop(catalogue.indicator_by_code("4.3").column)
    per_capita = np.where(
        income_fail,
        threshold * rng.uniform(0.25, 0.97, n_households),
        threshold * (1.03 + rng.lognormal(0.0, 0.8, n_households)),
    )
    income = np.floor(per_capita * members).astype(np.int64)

    households = pd.DataFrame(
        {
            "village_id": villages["code"].to_numpy()[hh_village],
            "tambon": tambon_codes[hh_tambon],
            "members": members.astype(np.int16),
            "income": income,
            **{k: v for k, v in failures_hh.items()},
        }
    )
    households["amphoe"] = households["tambon"].str[:4]
    households["province"] = households["tambon"].str[:2]
    persons = pd.DataFrame(
        {
            "household_row": person_household.astype(np.int32),
            "member": member_index.astype(np.int16),
            "relation": relation.astype(np.int8),
            "sex": sex.astype(np.int8),
            "age": age.astype(np.int16),
            "disabled": disabled,
            "bedridden": disabled & (rng.random(n_persons) < 0.15),
            **failures_p,
        }
    )

    # 6. welfare card: registered and verified
    persons["registered"] = False
    persons["verified"] = False
    patterns_real = pd.concat([_exact_patterns(p) for p in provinces]).reindex(tambon_codes)
    patterns_real = _scale_counts(patterns_real.fillna(0).to_numpy(), scale)
    failures = person_measures(persons, households).failures
    create_missing_patterns(persons, failures, p_tambon, patterns_real, rng)
    pm = person_measures(persons, households)
    pattern = (pm.dimension_failures.astype(np.int64) * (1 << np.arange(5))).sum(axis=1)
    available = np.bincount(p_tambon * 32 + pattern, minlength=n_tambons * 32).reshape(-1, 32)
    dims = catalogue.dimension_codes()
    per_dim_real = _scale_counts(tambon_table[[f"target_{d}" for d in dims]].to_numpy(), scale)
    total_real = _scale_counts(tambon_table["target_poor"].to_numpy(), scale)
    take = np.zeros((n_tambons, 32), dtype=np.int64)
    for t in range(n_tambons):
        if total_real[t] == 0:
            continue
        take[t, 1:] = _lp_pattern_choice(
            available[t, 1:], patterns_real[t], int(total_real[t]), per_dim_real[t]
        )
    random_key = rng.random(n_persons)
    verified = select_k(p_tambon * 32 + pattern, random_key, take.ravel(), pm.mpi_poor)
    reg_poor = _scale_counts(tambon_table["mpi_poor_registered"].to_numpy(), scale)
    reg_all = _scale_counts(tambon_table["registered"].to_numpy(), scale)
    val_all = _scale_counts(tambon_table["verified"].to_numpy(), scale)
    poor_in_tambon = np.bincount(p_tambon[verified], minlength=n_tambons)
    registered = verified | select_k(
        p_tambon, random_key, np.maximum(reg_poor - poor_in_tambon, 0), pm.mpi_poor & ~verified
    )
    non_poor_reg = select_k(p_tambon, random_key, np.maximum(reg_all - reg_poor, 0), ~pm.mpi_poor)
    non_poor_val = select_k(p_tambon, random_key, np.maximum(val_all - total_real, 0), non_poor_reg)
    persons["registered"] = registered | non_poor_reg
    persons["verified"] = verified | non_poor_val

    # 7. identifiers and names
    households.insert(0, "house_code", _house_codes(households["amphoe"].to_numpy()))
    households["surname"] = np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n_households)]
    households["lat"] = np.nan
    households["lon"] = np.nan
    persons.insert(0, "citizen_id", citizen_id.synthetic_ids(np.arange(n_persons)))
    first = np.array(FIRST_NAMES)[rng.integers(0, len(FIRST_NAMES), n_persons)]
    persons.insert(1, "name", first + " " + households["surname"].to_numpy()[person_household])
    persons.insert(2, "house_code", households["house_code"].to_numpy()[person_household])
    return SyntheticData(BASE_YEAR, households, persons)


def _house_codes(amphoes: np.ndarray) -> np.ndarray:
    """11-digit house codes: 4-digit amphoe + 7-digit serial within the amphoe."""
    codes = pd.Series(amphoes)
    serial = codes.groupby(codes).cumcount().to_numpy() + 1
    return (codes + pd.Series(serial).astype(str).str.zfill(7)).to_numpy()


def next_year(data: SyntheticData, seed: int) -> SyntheticData:
    """The same households one survey later: some deprivations resolved, some new, ages + 1."""
    rng = np.random.default_rng(seed)
    households = data.households.copy()
    persons = data.persons.copy()
    persons["age"] = (persons["age"] + 1).astype(np.int16)
    recover, relapse = 0.32, 0.12

    def evolve(flags: np.ndarray, eligible: np.ndarray) -> np.ndarray:
        failing = int(flags.sum())
        passing = int((eligible & ~flags).sum())
        p_new = relapse * failing / passing if passing else 0.0
        draw = rng.random(len(flags))
        return eligible & np.where(flags, draw >= recover, draw < p_new)

    for ind in catalogue.household_indicators():
        if ind.code != "4.3":
            households[ind.column] = evolve(
                households[ind.column].to_numpy(), np.ones(len(households), bool)
            )
    age = persons["age"].to_numpy()
    for ind in catalogue.person_indicators():
        if ind.applies_to == "disabled":
            eligible = persons["disabled"].to_numpy()
        else:
            high = ind.max_age if ind.max_age is not None else 200
            eligible = (age >= ind.min_age) & (age <= high)
        persons[ind.column] = evolve(persons[ind.column].to_numpy(), eligible)
    threshold = catalogue.income_threshold()
    members = households["members"].to_numpy()
    failing_income = households["income"].to_numpy() < threshold * members
    new_income_fail = evolve(failing_income, np.ones(len(households), bool))
    growth = rng.lognormal(0.03, 0.05, len(households))
    income = households["income"].to_numpy() * growth
    raise_to = threshold * members * rng.uniform(1.02, 1.3, len(households))
    lower_to = threshold * members * rng.uniform(0.4, 0.97, len(households))
    income = np.where(failing_income & ~new_income_fail, np.maximum(income, raise_to), income)
    income = np.where(new_income_fail, np.minimum(income, lower_to), income)
    households["income"] = np.floor(income).astype(np.int64)
    registered = persons["registered"].to_numpy()
    newly = ~registered & (rng.random(len(persons)) < 0.01)
    persons["registered"] = registered | newly
    persons["verified"] = persons["verified"].to_numpy() | (
        newly & (rng.random(len(persons)) < 0.8)
    )
    return SyntheticData(data.year + 1, households, persons)


def generate(
    provinces: tuple[str, ...] = catalogue.PILOT_PROVINCES,
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
    return config.cache_dir() / "synthetic" / name


def load_or_generate(
    provinces: tuple[str, ...] = catalogue.PILOT_PROVINCES,
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
