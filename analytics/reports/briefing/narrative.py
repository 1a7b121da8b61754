"""Five short paragraphs written from the numbers; every word from the catalogue
(``brief_*`` in catalogue/labels/documents.toml), Thai first, English second."""

from __future__ import annotations

import pandas as pd

from analytics.reports.briefing.data import (
    BriefingData,
    check_lang,
    direction,
    direction_word,
    format_count,
    format_rate,
    missing,
    visit_counts,
)
from analytics.text import formatting, labels
from analytics.text.bilingual import pick


def area_name(name: str, lang: str) -> str:
    """Thai sentences say "ตำบล X"; municipalities and prefixed names are left as they are."""
    name = str(name).strip()
    prefixes = (*labels.t("brief_tambon_prefixes", "th").split(), labels.t("municipal", "th"))
    if name.startswith(prefixes):  # English: the label is the bare name
        return name
    return labels.t("brief_tambon_name", lang, name=name)


def _headline_paragraph(data: BriefingData, lang: str) -> str:
    h = data.headline
    return labels.t(
        "brief_headline",
        lang,
        year=formatting.year_label(data.year, lang),
        area=data.area_name(lang),
        persons=format_count(h.get("persons")),
        households=format_count(h.get("households")),
        mpi_poor=format_count(h.get("mpi_poor")),
        target_poor=format_count(h.get("target_poor")),
        rate=format_rate(h.get("rate")),
    )


def _change_part(kind: str, before: object, after: object, lang: str) -> str:
    digits = 0 if kind == "count" else 2
    fmt = format_count if kind == "count" else format_rate
    sign = direction(before, after, digits)
    if sign == 0:
        return labels.t(f"brief_{kind}_same", lang, after=fmt(after))
    delta = abs(round(float(after), digits) - round(float(before), digits))  # type: ignore[arg-type]
    return labels.t(
        f"brief_{kind}_moved",
        lang,
        word=direction_word(sign, lang),
        delta=fmt(delta),
        before=fmt(before),
        after=fmt(after),
    )


def _change_paragraph(data: BriefingData, lang: str) -> str:
    if data.previous is None:
        return labels.t("brief_no_previous", lang)
    since = (
        labels.t("brief_since", lang, year=data.previous_year)
        if data.previous_year is not None
        else labels.t("brief_since_unknown", lang)
    )
    now, before = data.headline, data.previous
    count = _change_part("count", before["target_poor"], now["target_poor"], lang)
    rate = _change_part("rate", before["rate"], now["rate"], lang)
    return labels.t("brief_change_join", lang, since=since, count=count, rate=rate)


def row_name(row: pd.Series, lang: str) -> str:
    """A tambon's name in ``lang`` (the other language when missing), as sentences say it."""
    key = pick(lang, "name_th", "name_en")
    value = row.get(key)
    if missing(value) or not str(value).strip():
        value = row.get(pick(lang, "name_en", "name_th"))  # the other language
    return area_name(str(value), lang)


def _concentration_paragraph(data: BriefingData, lang: str) -> str:
    if data.top_count is None or data.top_count.empty:
        return labels.t("brief_no_top", lang)
    first = data.top_count.iloc[0]
    total = data.headline.get("target_poor")
    top_sum = pd.to_numeric(data.top_count["target_poor"], errors="coerce").sum()
    share = top_sum / total * 100 if total else float("nan")
    text = labels.t(
        "brief_top_count",
        lang,
        name=row_name(first, lang),
        count=format_count(first["target_poor"]),
        rate=format_rate(first["rate"]),
        top_sum=format_count(top_sum),
        share=format_rate(share, 1),
    )
    if data.top_rate is not None and not data.top_rate.empty:
        highest = data.top_rate.iloc[0]
        if row_name(highest, lang) == row_name(first, lang):
            text += labels.t("brief_top_both", lang, name=row_name(first, lang))
        else:
            text += labels.t(
                "brief_top_rate",
                lang,
                name=row_name(highest, lang),
                rate=format_rate(highest["rate"]),
                count=format_count(highest["target_poor"]),
            )
    return text


def pilot_name(row: pd.Series, lang: str) -> str:
    """``name``, or ``name_th`` / ``name_en`` when the ranking has them."""
    value = row.get(f"name_{lang}")
    return str(row["name"]) if missing(value) or not str(value).strip() else str(value)


def _pilot_change(ranked: pd.DataFrame, lang: str) -> str:
    """The sentence on the pilot area that improved most (or rose least), if changes are known."""
    if "change" not in ranked.columns:
        return ""
    changes = pd.to_numeric(ranked["change"], errors="coerce").round(2).dropna()
    if not len(changes):
        return ""
    best = pilot_name(ranked.loc[changes.idxmin()], lang)  # type: ignore[call-overload]
    delta = format_rate(abs(changes.min()))
    if changes.min() < 0:
        return labels.t("brief_pilot_improved", lang, name=best, delta=delta)
    if changes.min() > 0:
        return labels.t("brief_pilot_none_improved", lang, name=best, delta=delta)
    if (changes == 0).all():
        return labels.t("brief_pilot_none_changed", lang)
    return ""


def _pilot_paragraph(data: BriefingData, lang: str) -> str:
    table = data.pilot_ranking
    if table is None or table.empty:
        return labels.t("brief_no_pilots", lang)
    ranked = table.assign(rate=pd.to_numeric(table["rate"], errors="coerce"))
    ranked = ranked.dropna(subset=["rate"]).sort_values("rate", ascending=False, kind="stable")
    if ranked.empty:
        return labels.t("brief_no_pilots", lang)
    high, low = ranked.iloc[0], ranked.iloc[-1]
    text = labels.t(
        "brief_pilots" if len(ranked) > 1 else "brief_pilot_one",
        lang,
        n=len(ranked),
        high=pilot_name(high, lang),
        high_rate=format_rate(high["rate"]),
        low=pilot_name(low, lang),
        low_rate=format_rate(low["rate"]),
    )
    return text + _pilot_change(ranked, lang)


def _visit_paragraph(data: BriefingData, lang: str) -> str:
    counts = visit_counts(data.visit_progress)
    if counts["total"] == 0:
        return labels.t("brief_no_visits", lang)
    if counts["visited"] == 0:
        return labels.t("brief_visits_none", lang, total=format_count(counts["total"]))
    return labels.t(
        "brief_visits",
        lang,
        visited=format_count(counts["visited"]),
        total=format_count(counts["total"]),
        visited_share=format_rate(counts["visited"] / counts["total"] * 100, 1),
        resolved=format_count(counts["resolved"]),
        resolved_share=format_rate(counts["resolved"] / counts["visited"] * 100, 1),
    )


def narrative(data: BriefingData, lang: str = "th") -> list[str]:
    """Five short paragraphs written from the numbers: headline, change since the previous
    survey, where the target poor concentrate, the pilot ranking and visit progress."""
    check_lang(lang)
    return [
        _headline_paragraph(data, lang),
        _change_paragraph(data, lang),
        _concentration_paragraph(data, lang),
        _pilot_paragraph(data, lang),
        _visit_paragraph(data, lang),
    ]
