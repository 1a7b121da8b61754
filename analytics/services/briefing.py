"""The executive briefing: headline numbers and change, where the target poor are, pilot
ranking, visit progress, a narrative written from the numbers, and the A4 PDF's data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.domain import access, areas, pilots
from analytics.reports import briefing
from analytics.reports.briefing.sections import Absent, CompletenessFacts, PlanFacts
from analytics.services import pilots as pilot_service
from analytics.services import progress as progress_service
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import formatting, labels

HEADLINE = ("households", "persons", "mpi_poor", "target_poor", "rate")
TILES = ("persons", "mpi_poor", "target_poor", "rate")
TOP_COLUMNS = ["name_th", "name_en", "target_poor", "rate"]


@dataclass(frozen=True)
class Tile:
    label_key: str
    value: str
    delta: str | None  # "+1,234 since 2563", None without an earlier survey
    changed: bool


@dataclass(frozen=True)
class BriefingView:
    data: briefing.BriefingData
    title: str
    tiles: tuple[Tile, ...]
    paragraphs: tuple[str, ...]
    progress: progress_service.Progress


def headline(ctx: Context, filters: Filters, year: int) -> dict[str, float]:
    table = ctx.area_table(
        filters.source, filters.level, filters.province, filters.parent, year, filters.dims
    )
    row = table.set_index("code").loc[filters.area_code]
    return {k: float(row.at[k]) for k in HEADLINE}  # type: ignore[arg-type]


def tambon_label(code: str, lang: str, level: str) -> str:
    """A tambon's name, with its province when the list spans provinces (the country)."""
    name = areas.area_name(code, lang)
    return f"{name} ({areas.area_name(code[:2], lang)})" if level == "country" else name


def top_tambons(ctx: Context, filters: Filters) -> pd.DataFrame:
    tambons = ctx.area_table(
        filters.source, "tambon", filters.province, filters.parent, filters.year, filters.dims
    )
    return tambons.assign(
        **{
            f"name_{lang}": [tambon_label(c, lang, filters.level) for c in tambons["code"]]
            for lang in labels.LANGUAGES
        }
    )


def pilot_ranking(ctx: Context, filters: Filters, previous_year: int | None) -> pd.DataFrame:
    areas_ = pilot_service.pilot_list(ctx.engine)
    current = pilots.pilot_table(
        pilot_service.tambon_table(ctx, filters.source, filters.year, filters.dims), areas_
    )
    before = None
    if previous_year:
        table = pilot_service.tambon_table(ctx, filters.source, previous_year, filters.dims)
        before = pilots.pilot_table(table, areas_)
    ranking = pilots.ranking(current, before).rename(columns={"code": "name"})
    for lang in labels.LANGUAGES:
        ranking[f"name_{lang}"] = ranking["name"].map(pilot_service.pilot_names(areas_, lang))
    return ranking


def briefing_view(
    ctx: Context,
    filters: Filters,
    viewer: access.Viewer,
    completeness: CompletenessFacts | Absent | None = None,
    plan: PlanFacts | Absent | None = None,
) -> BriefingView:
    """The page's view; ``completeness`` and ``plan`` (read once by the page) go into the
    PDF's data as they are, so the PDF prints the page's numbers."""
    years = ctx.source(filters.source).years()
    previous_year = filters.year - 1 if filters.year - 1 in years else None
    tambons = top_tambons(ctx, filters)
    progress = progress_service.case_progress(ctx, filters.area_code, filters.year)
    counts = progress.counts
    data = briefing.BriefingData(
        area_name_th=areas.area_name(filters.area_code, "th"),
        area_name_en=areas.area_name(filters.area_code, "en"),
        year=filters.year,
        previous_year=previous_year,
        headline=headline(ctx, filters, filters.year),
        previous=headline(ctx, filters, previous_year) if previous_year else None,
        top_count=tambons.nlargest(5, "target_poor")[TOP_COLUMNS].reset_index(drop=True),
        top_rate=tambons[tambons["persons"] >= 100]
        .nlargest(5, "rate")[TOP_COLUMNS]
        .reset_index(drop=True),
        pilot_ranking=pilot_ranking(ctx, filters, previous_year),
        visit_progress=None  # type: ignore[arg-type]  # the report says "no database"
        if counts is None
        else counts.rename(columns={"label_th": "status_th", "label_en": "status_en"}),
        source_th=labels.t(f"source_{filters.source}", "th"),
        source_en=labels.t(f"source_{filters.source}", "en"),
        completeness=completeness,
        plan=plan,
    )
    lang = filters.lang
    return BriefingView(
        data=data,
        title=f"{labels.t('briefing_page', lang)} — {data.area_name(lang)}",
        tiles=tiles(data, lang),
        paragraphs=tuple(briefing.narrative(data, lang)),
        progress=progress,
    )


def tiles(data: briefing.BriefingData, lang: str) -> tuple[Tile, ...]:
    out = []
    for key in TILES:
        value = data.headline[key]
        delta, change = None, 0.0
        if data.previous:
            change = value - data.previous[key]
            delta = formatting.format_signed(change, 2 if key == "rate" else 0) + " "
            delta += labels.t("since_previous", lang, year=data.previous_year)
        shown = formatting.format_rate(value) if key == "rate" else formatting.format_count(value)
        out.append(Tile(key, shown, delta, bool(change)))
    return tuple(out)
