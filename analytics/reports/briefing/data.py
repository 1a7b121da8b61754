"""The numbers a briefing is written from, and how they are printed.

Every sentence and figure of the briefing is filled from ``BriefingData``: no hand-typed text
reaches the reader, so the briefing always says what the tables say.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.domain import catalogue
from analytics.reports.briefing.sections import Absent, CompletenessFacts, PlanFacts
from analytics.text import formatting, labels
from analytics.text.bilingual import pick

LANGS = ("th", "en")

# "Assisted or resolved" counts these (analytics/catalogue/case_statuses.csv); the not-visited
# row counts as not visited.
RESOLVED_STATUSES = catalogue.resolved_statuses()
RESOLVED_LABELS = frozenset(
    label for code in RESOLVED_STATUSES for label in catalogue.case_status_labels()[code]
)
NOT_VISITED = catalogue.NOT_VISITED


@dataclass
class BriefingData:
    """The numbers a briefing is written from (rates in %, changes in percentage points)."""

    area_name_th: str
    area_name_en: str
    year: int  # Buddhist era, e.g. 2562
    previous_year: int | None
    headline: dict[str, float]  # households, persons, mpi_poor, target_poor, rate
    previous: dict[str, float] | None  # same keys, or None when there is no earlier survey
    top_count: pd.DataFrame  # name_th, name_en, target_poor, rate: most target poor first
    top_rate: pd.DataFrame  # same columns: highest rate first
    pilot_ranking: pd.DataFrame  # name, rate, change (may be NaN), rank (optional: name_th/_en)
    visit_progress: pd.DataFrame  # status_th, status_en, households (optional: status code)
    source_th: str
    source_en: str
    # Data completeness and plan against result, as the page shows them; None: not in this
    # briefing (an Absent section prints its one line).
    completeness: CompletenessFacts | Absent | None = None
    plan: PlanFacts | Absent | None = None

    def area_name(self, lang: str = "th") -> str:
        return pick(lang, self.area_name_th, self.area_name_en)

    def source(self, lang: str = "th") -> str:
        return pick(lang, self.source_th, self.source_en)


def missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))  # type: ignore[call-overload]


def format_count(value: object) -> str:
    """A whole number with thousands separators ("20,005"); "-" when missing (half-up)."""
    return formatting.format_count(value, missing="-")


def format_rate(value: object, digits: int = 2) -> str:
    """A percentage or percentage-point value with ``digits`` decimals ("2.90"); "-" if missing."""
    return formatting.format_rate(value, digits, missing="-")


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'th' or 'en', not {lang!r}")


def direction(before: object, after: object, digits: int = 0) -> int:
    """+1, -1 or 0: the sign of the change as printed (both values rounded to ``digits``)."""
    delta = round(float(after), digits) - round(float(before), digits)  # type: ignore[arg-type]
    if abs(delta) < 0.5 * 10**-digits:
        return 0
    return 1 if delta > 0 else -1


def direction_word(sign: int, lang: str) -> str:
    """ "increased", "decreased" or "unchanged" (``brief_up`` / ``brief_down`` / ``brief_same``)."""
    return labels.t({1: "brief_up", -1: "brief_down", 0: "brief_same"}[sign], lang)


def visit_counts(progress: pd.DataFrame | None) -> dict[str, int]:
    """Listed, visited and assisted-or-resolved households from a visit-progress table.

    Statuses are recognised by an optional ``status`` code column, else by their labels.
    """
    if progress is None or progress.empty:
        return {"total": 0, "visited": 0, "resolved": 0}
    households = pd.to_numeric(progress["households"], errors="coerce").fillna(0)
    if "status" in progress.columns:
        codes = progress["status"].astype(str)
        not_visited = codes.eq(NOT_VISITED)
        resolved = codes.isin(RESOLVED_STATUSES)
    else:
        th, en = progress["status_th"].astype(str), progress["status_en"].astype(str)
        not_visited = th.eq(labels.t("status_not_visited", "th")) | en.eq(
            labels.t("status_not_visited", "en")
        )
        resolved = th.isin(RESOLVED_LABELS) | en.isin(RESOLVED_LABELS)
    return {
        "total": int(households.sum()),
        "visited": int(households[~not_visited].sum()),
        "resolved": int(households[resolved].sum()),
    }
