"""The briefing's paragraph on data completeness ("data completeness in this area: …").

Written from a ``analytics.services.completeness.CompletenessView``; words in
``analytics/catalogue/labels/completeness.toml`` (``cp_*``). The briefing calls
``paragraph(view, lang)`` with the view of the briefing's area and year.
"""

from __future__ import annotations

import math

from analytics.services.completeness import CompletenessView
from analytics.text import formatting, labels


def _count(value: float | None, lang: str, unit: str) -> str:
    """``N persons`` (the unit where the language puts it), or "not recorded in this file"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return labels.t("cp_not_recorded", lang)
    return labels.t(f"cp_n_{unit}", lang, n=formatting.format_count(value))


def _share(numerator: float, denominator: float, lang: str) -> str:
    if not denominator or math.isnan(numerator) or math.isnan(denominator):
        return labels.t("cp_unknown", lang)
    return f"{formatting.format_rate(100 * numerator / denominator, 1)}%"


def answered_share(view: CompletenessView, lang: str) -> str:
    table = view.indicators
    answered = table["answered"].dropna()
    if answered.empty:
        return labels.t("cp_unknown", lang)
    applies = table.loc[answered.index, "applies"]
    return _share(float(answered.sum()), float(applies.sum()), lang)


def paragraph(view: CompletenessView, lang: str = "th") -> str:
    """One paragraph: households in the file against TPMAP's base, missing villages, answers,
    IDs, welfare-card status and positions of the area."""
    totals = view.totals
    households = totals.get("households", 0.0)
    base = view.base.get("households")
    base_part = ""
    if base:
        base_part = labels.t(
            "cp_base_part",
            lang,
            share=_share(households, base, lang),
            base=formatting.format_count(base),
            year=formatting.year_label(view.year, lang),
        )
    missing = len(view.missing_villages) if view.village_list != "none" else None
    return labels.t(
        "cp_paragraph",
        lang,
        households=formatting.format_count(households),
        base_part=base_part,
        villages_missing=_count(None if missing is None else float(missing), lang, "villages"),
        answered=answered_share(view, lang),
        invalid_ids=_count(totals.get("invalid_ids"), lang, "persons"),
        welfare_unknown=_count(totals.get("welfare_unknown"), lang, "persons"),
        no_position=_count(totals.get("no_position"), lang, "households"),
    )
