"""Reader for the real TPMAP 2561 area aggregates (``61_<area>_<level>_<suffix>.csv``).

Turns TPMAP's column names into Chipao's area-table schema (see ``measures.AREA_COUNT_COLUMNS``)
so the same downstream code serves real aggregates and synthetic households.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analytics import settings
from analytics.domain import area_codes, catalogue, pilots
from analytics.domain.measures import finalize_area_table
from analytics.text import labels
from analytics.text.bilingual import BilingualError

LEVEL_FILES = {"amphoe": "amphur", "tambon": "tambol", "village": "village"}
ID_COLUMNS = {"amphur": "amphur_ID", "tambol": "tumbol_ID", "village": "village_ID"}
ALL_DIMENSIONS = catalogue.all_dimensions()


class TpmapDataMissing(FileNotFoundError):
    """The TPMAP 2561 tables are not where the configuration says."""


def _common_renames() -> dict[str, str]:
    renames = {
        "household.CNT": "households",
        "HOUSEMEMBER_CNT": "persons",
        "MOF_REG_CNT": "registered",
        "MOF_VAL_CNT": "verified",
        "ELDERLY_CNT": "elderly",
        "DISABLED_CNT": "disabled",
        "CHRONICPATIENT_CNT": "chronically_ill",
    }
    for ind in catalogue.indicators():
        renames[f"indicator{ind.bmn}.CNT"] = f"fail_{ind.column}"
        renames[f"indicator{ind.bmn}.ALL"] = f"applies_{ind.column}"
    return renames


def _indicator_counts() -> list[str]:
    """Persons failing each indicator and persons to whom it applies (``indicatorN.CNT/.ALL``)."""
    columns = catalogue.indicator_columns()
    return [f"fail_{c}" for c in columns] + [f"applies_{c}" for c in columns]


def _mask_renames() -> dict[str, str]:
    renames = {
        "poor.household.CNT": "mpi_poor_households",
        "poor.JPT.CNT": "mpi_poor",
        "poor.JPT.MOFreg.CNT": "mpi_poor_registered",
        "poor.JPT.MOFval.CNT": "target_poor",
    }
    for dim in catalogue.dimensions().itertuples():
        renames[f"poor.JPT.MOFval.{dim.column}"] = f"target_{dim.code}"
    for ind in catalogue.indicators():
        renames[f"poor.JPT.MOFval.ind{ind.bmn}.CNT"] = f"target_fail_{ind.column}"
    return renames


def _directory() -> Path:
    path = settings.current().tpmap_dir
    if not path.is_dir():
        raise TpmapDataMissing(labels.text("tpmap_dir_missing", path=path).both())
    return path


@lru_cache(maxsize=512)
def _read(name: str, id_column: str | None) -> pd.DataFrame:
    path = _directory() / name
    if not path.exists():
        words = labels.text("tpmap_table_missing", name=name, folder=path.parent)
        raise TpmapDataMissing(words.both())
    dtype = {id_column: str, "province_ID": str} if id_column else None
    return pd.read_csv(path, dtype=dtype)


def available_provinces() -> list[str]:
    """Province codes that have amphoe and tambon tables (76 surveyed provinces)."""
    names = sorted(p.name for p in _directory().glob("61_*_amphur_common.csv"))
    return [n.split("_")[1] for n in names]


def has_dimension_subsets(province: str) -> bool:
    return (_directory() / f"61_{province}_tambol_10000.csv").exists()


def has_village_table(province: str) -> bool:
    return (_directory() / f"61_{province}_village_common.csv").exists()


def _level_table(province: str, level_file: str, mask: str) -> pd.DataFrame:
    id_column = ID_COLUMNS[level_file]
    common = _read(f"61_{province}_{level_file}_common.csv", id_column)
    poor = _read(f"61_{province}_{level_file}_{mask}.csv", id_column)
    common = common.rename(columns=_common_renames())
    poor = poor.rename(columns=_mask_renames())
    keep_common = ["households", "persons", "registered", "verified", "elderly", "disabled"]
    keep_common += ["chronically_ill", *_indicator_counts()]
    keep_poor = [c for c in _mask_renames().values() if c in poor.columns]
    table = common[[id_column, *keep_common]].merge(
        poor[[id_column, *keep_poor]], on=id_column, how="left", validate="one_to_one"
    )
    table = table.rename(columns={id_column: "code"})
    count_columns = [c for c in table.columns if c != "code"]
    table[count_columns] = table[count_columns].fillna(0).astype("int64")
    return table


def _country_table(mask: str) -> pd.DataFrame:
    common = _read("61_country_common.csv", None).rename(columns=_common_renames())
    poor = _read(f"61_country_{mask}.csv", None).rename(columns=_mask_renames())
    table = pd.concat([common, poor], axis=1).copy()
    table.insert(0, "code", area_codes.COUNTRY)
    keep = ["code", "households", "persons", "registered", "verified", "elderly", "disabled"]
    keep += ["chronically_ill", *_indicator_counts()]
    keep += [c for c in _mask_renames().values() if c in table.columns]
    return table[keep].astype({c: "int64" for c in keep if c != "code"})


def area_table(
    level: str,
    province: str | None = None,
    dims: tuple[str, ...] = ALL_DIMENSIONS,
    parent: str | None = None,
) -> pd.DataFrame:
    """Real TPMAP 2561 area table at ``level`` in Chipao's schema.

    ``level`` is country, province, amphoe, tambon or village. ``province`` limits to one province
    (required for village; all surveyed provinces otherwise). ``parent`` keeps only codes that
    start with it (an amphoe code to list its tambons, say). ``dims`` restricts the poverty count
    to a subset of dimensions (the union over the chosen ones), which the source has for the three
    pilot provinces and the country.
    """
    mask = catalogue.mask_string(dims)
    if level == "country":
        table = _country_table(mask)
    else:
        provinces = [province] if province else available_provinces()
        if mask != "11111":
            missing = [p for p in provinces if not has_dimension_subsets(p)]
            if missing:
                words = labels.text(
                    "tpmap_subsets_pilots_only", pilots=pilots.PILOT_PROVINCES, missing=missing[:3]
                )
                raise BilingualError(words)
        if level == "village":
            if mask != "11111":
                raise BilingualError(labels.text("tpmap_villages_all_dimensions"))
            if not province:
                raise BilingualError(labels.text("tpmap_villages_need_province"))
        source_level = "amphur" if level == "province" else LEVEL_FILES[level]
        frames = [_level_table(p, source_level, mask) for p in provinces]
        table = pd.concat(frames, ignore_index=True)
        if level == "province":
            table["code"] = table["code"].str[:2]
            table = table.groupby("code", as_index=False, sort=True).sum(numeric_only=True)
    if parent:
        table = table[table["code"].str.startswith(parent)].reset_index(drop=True)
    table.insert(1, "level", level)
    return finalize_area_table(table)
