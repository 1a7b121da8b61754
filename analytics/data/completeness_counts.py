"""The heavy counting behind completeness and linkage, as Ibis expressions over the query layer.

Everything here runs in the engine (DuckDB over the Parquet files, or PostgreSQL) and returns
small frames: one row per village, or one row per citizen ID that appears in two households.
Columns a dataset may not carry (``answered_<indicator>`` on households and ``welfare_known``
on persons, written by the importer since issue 14; the demo and older imports lack them) are
reported as "not recorded" rather than guessed.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import ibis
import pandas as pd

from analytics import settings
from analytics.data.queries import HouseholdData, expressions
from analytics.data.queries.engine import file_key
from analytics.domain import area_codes, catalogue, household_schema
from analytics.domain.household_schema import DatasetFiles

ID_WEIGHTS = tuple(range(13, 1, -1))  # digit i (1..12) weighted 14 - i (domain.md §3)


def _int(value: ibis.Value) -> ibis.Value:
    return expressions._int(value)


def valid_id(cid: ibis.Value) -> ibis.Value:
    """The citizen-ID checksum (``analytics.domain.citizen_id.is_valid``) as an expression."""
    text = cid.cast("string").fill_null("")
    shaped = text.re_search("^[0-9]{13}$")
    safe = shaped.ifelse(text, "0000000000000")
    total = ibis.literal(0, "int64")
    for i, weight in enumerate(ID_WEIGHTS):
        total = total + safe.substr(i, 1).cast("int64") * weight
    check = (11 - total % 11) % 10
    return shaped & (check == safe.substr(12, 1).cast("int64"))


def _files(data: HouseholdData, year: int, province: str | None) -> list[DatasetFiles]:
    return [f for f in data.files(year) if province is None or province in f.provinces]


def _households(data: HouseholdData, f: DatasetFiles, prefix: str = "") -> ibis.Table:
    t = data.engine.households(f)
    t = t.filter(t.province.isin(list(f.provinces)))
    return t.filter(t.village_id.startswith(prefix)) if prefix else t


def _village_households(t: ibis.Table) -> ibis.Table:
    """Per village: households, persons, no position, head ID invalid, applies/answered."""
    columns = set(t.columns)
    recorded = any(c.startswith("answered_") for c in columns)
    income = household_schema.income_indicator().column
    metrics = {
        "households": t.count(),
        "persons": _int(t.members.sum()),
        "no_position": _int((t.lat.isnull() | t.lon.isnull()).ifelse(1, 0).sum()),
        "head_id_invalid": _int((~valid_id(t.head_citizen_id)).ifelse(1, 0).sum()),
    }
    for column, applies in expressions.applies_map().items():
        applied = t[applies].fill_null(False) if applies else t.house_code.notnull()
        metrics[f"applies_{column}"] = _int(applied.ifelse(1, 0).sum())
        if column == income:  # 4.3 is derived from the household income, a required field
            answered = applied & t.income.notnull()
            metrics[f"answered_{column}"] = _int(answered.ifelse(1, 0).sum())
        elif f"answered_{column}" in columns:
            answered = applied & t[f"answered_{column}"].fill_null(False)
            metrics[f"answered_{column}"] = _int(answered.ifelse(1, 0).sum())
        elif recorded:  # an issue-14 import without this column: nobody answered it
            metrics[f"answered_{column}"] = _int(applied.ifelse(0, 0).sum())
    return t.group_by("village_id").aggregate(**metrics)


def _village_persons(data: HouseholdData, f: DatasetFiles, hh: ibis.Table) -> ibis.Table:
    p = data.engine.persons(f)
    joined = p.join(hh.select("house_code", "village_id"), "house_code")
    known = joined.welfare_known.fill_null(False) if "welfare_known" in p.columns else None
    metrics = {"invalid_ids": _int((~valid_id(joined.citizen_id)).ifelse(1, 0).sum())}
    if known is not None:
        metrics["welfare_unknown"] = _int((~known).ifelse(1, 0).sum())
    return joined.group_by("village_id").aggregate(**metrics)


CUBE_VERSION = 1  # bump when the per-village counts change meaning


def cube_path(f: DatasetFiles) -> Path:
    """Where a file's per-village counts are kept: aggregates only (no ID, no house code), under
    the cache folder, named by both files' keys (a replaced file gets a new name)."""
    key = f"{file_key(f, f.households)}_{file_key(f, f.persons)}_v{CUBE_VERSION}"
    return settings.cache_dir() / "completeness" / f"villages-{key}.parquet"


def village_cube(data: HouseholdData, f: DatasetFiles) -> pd.DataFrame:
    """Every village of one dataset-year with its counts: counted in the engine once per file
    (the file never changes under its key), then read back (milliseconds)."""
    path = cube_path(f)
    if path.exists():
        return pd.read_parquet(path)
    hh = data.engine.households(f)
    households = data.engine.execute(_village_households(hh))
    persons = data.engine.execute(_village_persons(data, f, hh))
    frame = households.merge(persons, on="village_id", how="left")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(path)  # atomic: two servers building at once both write a whole file
    return frame


def village_counts(data: HouseholdData, year: int, area: str) -> pd.DataFrame:
    """One row per village of ``area`` (TH, a province, amphoe, tambon or village code) in the
    active datasets of ``year`` (each for the provinces it is active for): households, persons
    and every completeness count."""
    code = area_codes.parse(area)
    prefix = "" if code.level == "country" else code.code
    frames = []
    for f in _files(data, year, None if code.level == "country" else code.province):
        cube = village_cube(data, f)
        village = cube["village_id"].astype(str)
        keep = village.str[:2].isin(list(f.provinces)) & village.str.startswith(prefix)
        frames.append(cube[keep].assign(dataset_id=f.dataset_id))
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_villages()
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("village_id", ignore_index=True)


def empty_villages() -> pd.DataFrame:
    columns = ["village_id", "households", "persons", "no_position", "head_id_invalid"]
    columns += [f"applies_{c}" for c in catalogue.indicator_columns()]
    return pd.DataFrame(columns=[*columns, "invalid_ids", "dataset_id"])


DUPLICATE_COLUMNS = ["citizen_id", "house_code", "village_id", "province", "dataset_id"]


def duplicate_ids(data: HouseholdData, year: int) -> pd.DataFrame:
    """Every (citizen ID, household) pair whose ID appears in two or more households of the
    active datasets of ``year`` (any province): citizen_id, house_code, village_id, province,
    dataset_id. The engine counts the persons by ID before anything is joined, so only the
    rows of IDs seen twice come back; two rows in one household are not a duplicate."""
    files = data.files(year)
    if not files:
        return pd.DataFrame(columns=DUPLICATE_COLUMNS)
    people = [
        data.engine.persons(f).select("citizen_id", "house_code").mutate(part=ibis.literal(i))
        for i, f in enumerate(files)
    ]
    rows = ibis.union(*people, distinct=False) if len(people) > 1 else people[0]
    rows = rows.filter(rows.citizen_id.notnull() & (rows.citizen_id != ""))
    rows = rows.mutate(key=rows.citizen_id.hash())  # grouping 8-byte keys, not 13-char text
    spread = rows.group_by("key").aggregate(n=rows.count())
    wanted = spread.filter(spread.n > 1).select("key")  # IDs and households checked below
    found = data.engine.execute(rows.semi_join(wanted, "key").drop("key"))
    frames = []
    for i, f in enumerate(files):
        part = found[found["part"] == i]
        if part.empty:
            continue
        codes = sorted(set(part["house_code"]))
        t = _households(data, f).select("house_code", "village_id", "province")
        hh = data.engine.execute(t.filter(t.house_code.isin(codes)))
        frames.append(part.merge(hh, on="house_code").assign(dataset_id=f.dataset_id))
    if not frames:
        return pd.DataFrame(columns=DUPLICATE_COLUMNS)
    out = pd.concat(frames, ignore_index=True)[DUPLICATE_COLUMNS]
    houses = out.groupby("citizen_id")["house_code"].transform("nunique")
    out = out[houses > 1]  # a hash collision, one household, or an inactive province: gone
    return out.sort_values(
        ["citizen_id", "province", "village_id", "house_code"], ignore_index=True
    )
