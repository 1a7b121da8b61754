"""The measure semantics of the issue-10 contract, written once as Ibis expressions.

Every function takes an Ibis table in the household schema (``analytics.domain.household_schema``) or
a cube built from one, and returns an expression; DuckDB and PostgreSQL run the same ones.
Conditional sums are ``cond.ifelse(x, 0).sum()`` (portable: PostgreSQL has no bool -> bigint
cast). Deprivation scores are integers (``params.score_scale``), so cutoffs compare exactly.
"""

from __future__ import annotations

import ibis
from ibis import _  # noqa: F401  (re-exported for callers building filters)

from analytics.data.queries.params import MeasureParams, integer_weights
from analytics.domain import area_codes, catalogue, household_schema

COUNT_SOURCES = {  # area-table count -> household column summed
    "persons": "members",
    "registered": "registered_members",
    "verified": "verified_members",
    "elderly": "elderly_members",
    "disabled": "disabled_members",
}


def dimension_columns() -> dict[str, list[str]]:
    return {
        d: [i.column for i in catalogue.indicators() if i.dimension == d]
        for d in catalogue.dimension_codes()
    }


def applies_map() -> dict[str, str | None]:
    """Indicator column -> its stored ``applies_`` column (None: a household item, always applies)."""
    group = {i.column for i in household_schema.group_indicators()}
    return {c: (f"applies_{c}" if c in group else None) for c in catalogue.indicator_columns()}


def _int(value: ibis.Value) -> ibis.Value:
    """A count as BIGINT. DuckDB sums BIGINT into HUGEINT (Arrow decimal128: Python objects in
    pandas, 10 s for a national village table) and Ibis drops a cast to the type it already
    believes the sum has, so go through DOUBLE (exact below 2**53)."""
    return value.fill_null(0).cast("float64").cast("int64")


def household_flags(t: ibis.Table, params: MeasureParams) -> ibis.Table:
    """Per household: the 17 fails (4.3 derived), applies, the 5-bit failed-dimension pattern
    and the integer deprivation score."""
    income = household_schema.income_indicator().column
    fails = {c: t[c].fill_null(False) for c in household_schema.fail_columns()}
    fails[income] = (t.income < params.threshold * t.members).fill_null(False)
    fails = {c: fails[c] for c in catalogue.indicator_columns()}
    pattern = ibis.literal(0, "int64")
    dim_fails = {}
    for bit, (dim, columns) in enumerate(dimension_columns().items()):
        dim_fails[f"d_{dim}"] = ibis.or_(*[fails[c] for c in columns])
        pattern = pattern + dim_fails[f"d_{dim}"].ifelse(1 << bit, 0)
    score = ibis.literal(0, "int64")
    for column, weight in integer_weights().items():
        score = score + fails[column].ifelse(weight, 0)
    applies = {
        f"applies_{c}": (t[a].fill_null(False) if a else ibis.literal(True))
        for c, a in applies_map().items()
    }
    return t.select(
        "village_id",
        **{k: _int(t[v]) for k, v in COUNT_SOURCES.items()},
        **{f"fail_{c}": v for c, v in fails.items()},
        **applies,
        **dim_fails,
        pattern=pattern,
        score=score,
    )


def cube(flags: ibis.Table, params: MeasureParams) -> ibis.Table:
    """Additive counts per (village, failed-dimension pattern): any level and dimension subset
    rolls up from these. The AF counts do not depend on the subset, so they are stored too."""
    af_poor = flags.score >= params.scaled(params.cutoff)
    members = flags.persons
    verified = flags.verified
    columns = catalogue.indicator_columns()
    metrics = {
        "households": flags.count(),
        **{k: flags[k].sum() for k in COUNT_SOURCES},
        "households_verified": (verified > 0).ifelse(1, 0).sum(),
        "af_poor": af_poor.ifelse(members, 0).sum(),
        "af_score": af_poor.ifelse(members * flags.score, 0).sum(),
        "af_vulnerable": ((flags.score >= params.scaled(params.vulnerable_from)) & ~af_poor)
        .ifelse(members, 0)
        .sum(),
        "af_severe": (flags.score >= params.scaled(params.severe_from)).ifelse(members, 0).sum(),
        **{f"fail_{c}": flags[f"fail_{c}"].ifelse(members, 0).sum() for c in columns},
        **{f"applies_{c}": flags[f"applies_{c}"].ifelse(members, 0).sum() for c in columns},
        **{f"vfail_{c}": flags[f"fail_{c}"].ifelse(verified, 0).sum() for c in columns},
    }
    dims = [f"d_{d}" for d in catalogue.dimension_codes()]  # follow from the pattern
    return flags.group_by("village_id", "pattern", *dims).aggregate(
        **{k: _int(v) for k, v in metrics.items()}
    )


def _area_code(table: ibis.Table, level: str) -> ibis.Value:
    length = area_codes.prefix_length(level)
    if not length:
        return ibis.literal(area_codes.COUNTRY)
    return table.village_id if level == "village" else table.village_id[:length]


def in_area(table: ibis.Table, *prefixes: str | None) -> ibis.Table:
    """Rows whose village code starts with every given prefix (province, parent)."""
    for prefix in prefixes:
        if prefix:
            table = table.filter(table.village_id.startswith(prefix))
    return table


def _poor(table: ibis.Table, dims: tuple[str, ...]) -> ibis.Value:
    """Fails a dimension of the subset (boolean columns: cheaper than pattern IN lists)."""
    chosen = [d for d in catalogue.dimension_codes() if d in dims]
    return ibis.or_(*[table[f"d_{d}"] for d in chosen]) if chosen else ibis.literal(False)


def rollup(cube_table: ibis.Table, level: str, dims: tuple[str, ...]) -> ibis.Table:
    """An area table's counts at ``level`` for the subset ``dims``, from a cube."""
    dim_codes = catalogue.dimension_codes()
    poor = _poor(cube_table, dims)
    c = cube_table.mutate(
        code=_area_code(cube_table, level),
        poor=poor,
        **{f"in_{d}": poor & cube_table[f"d_{d}"] for d in dim_codes},
    )

    def when(cond: ibis.Value, value: ibis.Value) -> ibis.Value:
        return cond.ifelse(value, 0).sum()

    metrics = {
        **{k: c[k].sum() for k in ("households", *COUNT_SOURCES)},
        "mpi_poor_households": when(c.poor, c.households),
        "mpi_poor": when(c.poor, c.persons),
        "mpi_poor_registered": when(c.poor, c.registered),
        "target_poor": when(c.poor, c.verified),
        "target_households": when(c.poor, c.households_verified),
        **{k: c[k].sum() for k in ("af_poor", "af_score", "af_vulnerable", "af_severe")},
    }
    for dim in dim_codes:
        metrics[f"mpi_{dim}"] = when(c[f"in_{dim}"], c.persons)
        metrics[f"target_{dim}"] = when(c[f"in_{dim}"], c.verified)
    for col in catalogue.indicator_columns():
        metrics[f"fail_{col}"] = c[f"fail_{col}"].sum()
        metrics[f"target_fail_{col}"] = when(c.poor, c[f"vfail_{col}"])
        metrics[f"applies_{col}"] = c[f"applies_{col}"].sum()
    return c.group_by("code").aggregate(**{k: _int(v) for k, v in metrics.items()})


def direct(flags: ibis.Table, level: str, dims: tuple[str, ...], params: MeasureParams):
    """The same area counts straight from the households (no cube): for comparison and tests."""
    dim_codes = catalogue.dimension_codes()
    af_poor = flags.score >= params.scaled(params.cutoff)
    poor = _poor(flags, dims)
    f = flags.mutate(
        code=_area_code(flags, level),
        poor=poor,
        af=af_poor,
        vulnerable=(flags.score >= params.scaled(params.vulnerable_from)) & ~af_poor,
        severe=flags.score >= params.scaled(params.severe_from),
        **{f"in_{d}": poor & flags[f"d_{d}"] for d in dim_codes},
    )

    def when(cond: ibis.Value, value: ibis.Value) -> ibis.Value:
        return cond.ifelse(value, 0).sum()

    metrics = {
        "households": f.count(),
        **{k: f[k].sum() for k in COUNT_SOURCES},
        "mpi_poor_households": when(f.poor, 1),
        "mpi_poor": when(f.poor, f.persons),
        "mpi_poor_registered": when(f.poor, f.registered),
        "target_poor": when(f.poor, f.verified),
        "target_households": when(f.poor & (f.verified > 0), 1),
        "af_poor": when(f.af, f.persons),
        "af_score": when(f.af, f.persons * f.score),
        "af_vulnerable": when(f.vulnerable, f.persons),
        "af_severe": when(f.severe, f.persons),
    }
    for dim in dim_codes:
        metrics[f"mpi_{dim}"] = when(f[f"in_{dim}"], f.persons)
        metrics[f"target_{dim}"] = when(f[f"in_{dim}"], f.verified)
    for col in catalogue.indicator_columns():
        metrics[f"fail_{col}"] = when(f[f"fail_{col}"], f.persons)
        metrics[f"target_fail_{col}"] = when(f.poor & f[f"fail_{col}"], f.verified)
        metrics[f"applies_{col}"] = when(f[f"applies_{col}"], f.persons)
    return f.group_by("code").aggregate(**{k: _int(v) for k, v in metrics.items()})
