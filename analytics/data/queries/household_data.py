"""``HouseholdData``: the active household datasets behind one query layer.

Implements the ``AreaSource`` protocol of ``analytics.data.sources`` (area tables at any level for any
dimension subset) plus one area's households and the persons of given households. Each active
dataset-year counts only for the provinces it is active for; ``version()`` changes when the
active files do, so the UI edge can cache on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import astuple

import ibis
import pandas as pd

from analytics.data.queries import area_tables, compiled, expressions
from analytics.data.queries import engine as engines
from analytics.data.queries.params import MeasureParams
from analytics.data.sources import DataNotAvailable, _pilots_first
from analytics.domain import area_codes, areas, catalogue, household_schema
from analytics.domain.household_schema import DatasetFiles

FilesProvider = Callable[[], list[DatasetFiles]]
_LEVEL_COLUMN = {"province": "province", "amphoe": "amphoe", "tambon": "tambon"}
P = compiled.placeholder


class HouseholdData:
    kind = "households"

    def __init__(
        self,
        files_provider: FilesProvider,
        backend: engines.QueryEngine | str | None = None,
        params: MeasureParams | None = None,
        use_cube: bool = True,
    ) -> None:
        self.files_provider = files_provider
        if backend is None:
            backend = engines.from_settings()
        elif isinstance(backend, str):
            duck = backend == "duckdb"
            backend = engines.DuckDBEngine() if duck else engines.PostgresEngine(backend)
        self.engine: engines.QueryEngine = backend
        self.params = params or MeasureParams.from_settings()
        self.use_cube = use_cube  # False: query the households directly (slower; see README)
        self._sql = compiled.SqlCache(self.engine.compile)

    # -- what is active --------------------------------------------------------------------
    def files(self, year: int | None = None) -> list[DatasetFiles]:
        active = [f for f in self.files_provider() if f.provinces]
        return [f for f in active if year is None or f.year == year]

    def version(self) -> str:
        """Changes when the active files (or the measure settings) change."""
        parts = [self.params.fingerprint()]
        for f in sorted(self.files(), key=lambda f: (f.dataset_id, f.year)):
            stat = f.households.stat() if f.households.exists() else None
            size = (stat.st_size, stat.st_mtime_ns) if stat else None
            parts.append(repr((*astuple(f), size)))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def years(self) -> list[int]:
        return sorted({f.year for f in self.files()})

    def provinces(self, year: int | None = None) -> list[str]:
        return sorted({p for f in self.files(year) for p in f.provinces})

    def province_choices(self) -> list[str]:
        """Every province (pages say where there are no households), pilots first."""
        return _pilots_first(areas.province_choices())

    def covers(self, province: str | None) -> bool:
        provinces = self.provinces()
        return bool(provinces) if province is None else province in provinces

    def has_level(self, province: str | None, level: str) -> bool:
        return True

    def supports_subsets(self, province: str | None, level: str) -> bool:
        return True

    # -- area tables -----------------------------------------------------------------------
    def area_table(self, level, province, parent, year, dims) -> pd.DataFrame:
        if not self.covers(province):
            raise DataNotAvailable("no_households_here", area=province)
        if year not in self.years():
            raise DataNotAvailable("no_such_year", year=year)
        dims = tuple(sorted(catalogue.dimensions_or_all(dims)))
        files = [f for f in self.files(year) if province is None or province in f.provinces]
        if not files:
            return area_tables.empty(level)
        values = {k: v for k, v in (("province", province), ("parent", parent)) if v}
        key = ("area", self.use_cube, level, dims, tuple(sorted(values)), self._keys(files))

        def build() -> ibis.Expr:
            parts = [self._part(f) for f in files]
            table = ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]
            table = expressions.in_area(table, *(P(k) for k in sorted(values)))
            if self.use_cube:
                return expressions.rollup(table, level, dims)
            return expressions.direct(table, level, dims, self.params)

        counts = compiled.run(self.engine, self._sql, key, build, **values)
        return area_tables.finish(counts, level)

    def _part(self, f: DatasetFiles) -> ibis.Table:
        """One dataset-year restricted to the provinces it is active for."""
        if self.use_cube:
            t = self.engine.cube(f, self.params)
        else:
            t = expressions.household_flags(self.engine.households(f), self.params)
        return t.filter(t.village_id[:2].isin(list(f.provinces)))

    def _keys(self, files: Iterable[DatasetFiles]) -> tuple:
        return tuple(
            (f.dataset_id, f.year, f.provinces, engines.file_key(f, f.households)) for f in files
        )

    # -- households and persons ------------------------------------------------------------
    def households(self, area_code: str, year: int) -> pd.DataFrame:
        """One area's household rows (province, amphoe, tambon or village code), with the
        derived 4.3 column and the dataset they come from. Empty when nothing is there."""
        code = area_codes.parse(area_code)
        if code.level == "country":
            raise ValueError("households(): name a province, amphoe, tambon or village")
        frames = []
        for f in self.files(year):
            if code.province in f.provinces:
                key = ("households", code.level, self._keys([f]))
                build = lambda f=f: self._households_expr(f, code.level)  # noqa: E731
                frames.append(compiled.run(self.engine, self._sql, key, build, area=code.code))
        frames = [f for f in frames if len(f)]
        if not frames:
            return _empty_households()
        return pd.concat(frames, ignore_index=True).sort_values("house_code", ignore_index=True)

    def _households_expr(self, f: DatasetFiles, level: str) -> ibis.Expr:
        t = self.engine.households(f)
        column = _LEVEL_COLUMN.get(level)
        where = t[column] == P("area") if column else t.village_id.startswith(P("area"))
        income = household_schema.income_indicator().column
        fails = (t.income < self.params.threshold * t.members).fill_null(False)
        return t.filter(where).mutate(**{income: fails}, dataset_id=ibis.literal(f.dataset_id))

    def members(self, house_codes, year: int) -> pd.DataFrame:
        """The persons of the given households (any active dataset of ``year``), in household
        and member order; only households of a province the dataset is active for."""
        codes = sorted({str(c) for c in house_codes})
        frames = []
        for f in self.files(year) if codes else []:
            key = ("members", self._keys([f]))
            build = lambda f=f: self._members_expr(f)  # noqa: E731
            frames.append(
                compiled.run(
                    self.engine, self._sql, key, build, codes=codes, lo=codes[0], hi=codes[-1]
                )
            )
        frames = [f for f in frames if len(f)]
        if not frames:
            return _empty_persons()
        frame = pd.concat(frames, ignore_index=True)
        return frame.sort_values(["house_code", "member"], ignore_index=True)

    def _members_expr(self, f: DatasetFiles) -> ibis.Expr:
        hh = self.engine.households(f)
        # the range lets the engine skip Parquet row groups (files are in house-code order)
        hh = hh.filter(hh.house_code.between(P("lo"), P("hi")))
        active = self.engine.with_codes(
            hh.filter(hh.province.isin(list(f.provinces))), "house_code"
        )
        persons = self.engine.persons(f)
        persons = persons.filter(persons.house_code.between(P("lo"), P("hi")))
        persons = self.engine.with_codes(persons, "house_code")
        persons = persons.semi_join(active.select("house_code"), "house_code")
        return persons.mutate(dataset_id=ibis.literal(f.dataset_id))


def _empty_households() -> pd.DataFrame:
    columns = [*household_schema.household_columns(), household_schema.income_indicator().column]
    return pd.DataFrame(columns=[*columns, "dataset_id"])


def _empty_persons() -> pd.DataFrame:
    return pd.DataFrame(columns=[*household_schema.PERSON_COLUMNS, "dataset_id"])
