"""The briefing's last two lines of work, as plain numbers and the paragraphs written from them:
data completeness (line 1, completing the data) and plan against result (line 3, solving).

The page and the PDF write these paragraphs with the same functions from the same numbers,
computed once by the services (``analytics.services.completeness_paragraph.facts`` and
``analytics.services.plan_result.plan_facts``) and passed in: the PDF says what the page says.
An :class:`Absent` section is one line saying why there is nothing to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from analytics.text import formatting, labels
from analytics.text.bilingual import pick

CHART_COLUMNS = ("programme_id", "name_th", "name_en", "planned", "referred", "received")


@dataclass(frozen=True)
class Absent:
    """A section with nothing to show: ``key`` is the label of the one line that says why."""

    key: str
    area_th: str = ""
    area_en: str = ""

    def line(self, lang: str) -> str:
        return labels.t(self.key, lang, area=pick(lang, self.area_th, self.area_en))


@dataclass(frozen=True)
class CompletenessFacts:
    """The numbers of the completeness paragraph; ``None`` where the file did not record them."""

    year: int
    households: float
    base_households: float | None  # TPMAP's households of the area, when published
    villages_missing: int | None  # None: no list of expected villages
    answered: float | None  # indicator answers given (None: none recorded)
    applies: float  # indicator answers expected where ``answered`` is recorded
    invalid_ids: float | None
    welfare_unknown: float | None
    no_position: float | None


@dataclass(frozen=True)
class PlanFacts:
    """Plan against result of an area (counts of household-programmes, no house codes)."""

    area_th: str
    area_en: str
    budget_year: int | None  # None: no saved plan
    planned: int
    referred: int
    received: int
    left_target_poor: int | None  # None: no later survey year yet
    moved_stage: int | None
    next_year: int | None
    chart: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHART_COLUMNS))

    def area(self, lang: str) -> str:
        return pick(lang, self.area_th, self.area_en)


def _unknown(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _count(value: float | None, lang: str, unit: str) -> str:
    """``N persons`` (the unit where the language puts it), or "not recorded in this file"."""
    if _unknown(value):
        return labels.t("cp_not_recorded", lang)
    return labels.t(f"cp_n_{unit}", lang, n=formatting.format_count(value))


def _share(numerator: float | None, denominator: float | None, lang: str) -> str:
    if _unknown(numerator) or _unknown(denominator) or not denominator:
        return labels.t("cp_unknown", lang)
    return f"{formatting.format_rate(100 * numerator / denominator, 1)}%"  # type: ignore[operator]


def completeness_paragraph(facts: CompletenessFacts, lang: str = "th") -> str:
    """One paragraph: households in the file against TPMAP's base, missing villages, answers,
    IDs, welfare-card status and positions of the area."""
    base_part = ""
    if facts.base_households:
        base_part = labels.t(
            "cp_base_part",
            lang,
            share=_share(facts.households, facts.base_households, lang),
            base=formatting.format_count(facts.base_households),
            year=formatting.year_label(facts.year, lang),
        )
    missing = facts.villages_missing
    return labels.t(
        "cp_paragraph",
        lang,
        households=formatting.format_count(facts.households),
        base_part=base_part,
        villages_missing=_count(None if missing is None else float(missing), lang, "villages"),
        answered=_share(facts.answered, facts.applies, lang),
        invalid_ids=_count(facts.invalid_ids, lang, "persons"),
        welfare_unknown=_count(facts.welfare_unknown, lang, "persons"),
        no_position=_count(facts.no_position, lang, "households"),
    )


def plan_paragraph(facts: PlanFacts, lang: str = "th") -> str:
    """Planned, referred and received; the outcome in the next survey, or that it is not in."""
    name = facts.area(lang)
    if facts.budget_year is None and not facts.referred:
        return labels.t("plan_result_none", lang, area=name)
    counts = {
        "area": name,
        "referred": formatting.format_count(facts.referred),
        "received": formatting.format_count(facts.received),
    }
    if facts.budget_year is None:  # referrals from visits before any plan was saved
        text = labels.t("bpdf_plan_unplanned", lang, **counts)
    else:
        planned = formatting.format_count(facts.planned)
        text = labels.t(
            "plan_result_paragraph", lang, budget_year=facts.budget_year, planned=planned, **counts
        )
    left, moved, year = facts.left_target_poor, facts.moved_stage, facts.next_year
    if left is None or moved is None or year is None:
        return f"{text} {labels.t('plan_result_no_next_survey', lang)}"
    outcome = labels.t(
        "plan_result_outcome",
        lang,
        left=formatting.format_count(left),
        moved=formatting.format_count(moved),
        year=formatting.year_label(year, lang),
    )
    return f"{text} {outcome}"


def section_text(section: CompletenessFacts | PlanFacts | Absent, lang: str = "th") -> str:
    """The paragraph of a section, or its one line when it is absent."""
    if isinstance(section, Absent):
        return section.line(lang)
    if isinstance(section, CompletenessFacts):
        return completeness_paragraph(section, lang)
    return plan_paragraph(section, lang)
