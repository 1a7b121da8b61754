"""The visit page: the households to pick from, the area's case progress in one line, and a
household's visit timeline."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.domain import access, areas, target_lists
from analytics.services import progress as progress_service
from analytics.services.bilingual import column_in_lang
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import labels
from store import visits
from store.db import StoreError


@dataclass(frozen=True)
class VisitsView:
    listed: pd.DataFrame  # the picker's households (target households + one handed over)
    progress_line: str | None  # "1,234 target households of X: Not visited 1,000 · ..."
    progress_error: StoreError | None


def visits_view(
    ctx: Context,
    filters: Filters,
    viewer: access.Viewer,
    latest: pd.DataFrame,
    handed: str | None,
) -> VisitsView:
    """The picker offers the area's target households (the list's default group), by house
    code; a household handed over by the list's card is offered too (also when the list showed
    another group)."""
    table = ctx.area_households(filters.area_code, filters.year)
    listed = target_lists.target_list(
        viewer, table, filters.area_code, target_lists.ListFilters("target"), latest
    )
    if handed is not None and handed not in set(listed["house_code"]):
        everyone = target_lists.target_list(
            viewer, table, filters.area_code, target_lists.ListFilters("all"), latest
        )
        listed = pd.concat([everyone[everyone["house_code"] == handed], listed])
    progress = progress_service.case_progress(ctx, filters.area_code, filters.year, viewer)
    return VisitsView(listed, progress_line(progress, filters), progress.error)


def progress_line(progress: progress_service.Progress, filters: Filters) -> str | None:
    if progress.counts is None or not progress.total:
        return None
    lang = filters.lang
    head = labels.t(
        "progress_of_target",
        lang,
        total=f"{progress.total:,}",
        area=areas.area_name(filters.area_code, lang),
    )
    label = column_in_lang("label", lang)
    parts = [f"{r[label]} {r['households']:,}" for _, r in progress.counts.iterrows()]
    return head + ": " + " · ".join(parts)


def timeline(ctx: Context, house_code: str) -> pd.DataFrame:
    """A household's visits, newest first. Raises StoreError without a database."""
    return visits.household_timeline(ctx.engine(), house_code)
