"""The briefing's paragraph on data completeness ("data completeness in this area: …").

Written from a ``analytics.services.completeness.CompletenessView``; words in
``analytics/catalogue/labels/completeness.toml`` (``cp_*``). ``facts(view)`` takes the numbers
the paragraph is written from; the page and the briefing PDF both write it with
``analytics.reports.briefing.sections.completeness_paragraph`` from those numbers.
"""

from __future__ import annotations

from analytics.reports.briefing.sections import CompletenessFacts, completeness_paragraph
from analytics.services.completeness import CompletenessView


def facts(view: CompletenessView) -> CompletenessFacts:
    """The paragraph's numbers: plain data the report package can print."""
    totals, table = view.totals, view.indicators
    answered = table["answered"].dropna()
    applies = table.loc[answered.index, "applies"]
    return CompletenessFacts(
        year=view.year,
        households=float(totals.get("households", 0.0)),
        base_households=view.base.get("households"),
        villages_missing=len(view.missing_villages) if view.village_list != "none" else None,
        answered=None if answered.empty else float(answered.sum()),
        applies=float(applies.sum()),
        invalid_ids=totals.get("invalid_ids"),
        welfare_unknown=totals.get("welfare_unknown"),
        no_position=totals.get("no_position"),
    )


def paragraph(view: CompletenessView, lang: str = "th") -> str:
    """One paragraph: households in the file against TPMAP's base, missing villages, answers,
    IDs, welfare-card status and positions of the area."""
    return completeness_paragraph(facts(view), lang)
