"""The briefing as a one-to-two-page A4 PDF: title, source, four headline tiles, the narrative,
bar charts of the top five tambons and of the pilot areas, and the visit-progress table.
Black-and-white friendly; charts are fpdf2 rectangles: no images, no network."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from analytics.io import pdf as thai_pdf
from analytics.reports.briefing import figures, sections_pdf
from analytics.reports.briefing.canvas import BODY_PT, MARGIN_MM, MUTED, Canvas, Tile
from analytics.reports.briefing.data import (
    BriefingData,
    check_lang,
    direction,
    direction_word,
    format_count,
    format_rate,
    missing,
)
from analytics.reports.briefing.narrative import narrative, pilot_name, row_name
from analytics.text import formatting, labels
from analytics.text.bilingual import pick

TILE_KEYS = (
    ("persons", "count"),
    ("mpi_poor", "count"),
    ("target_poor", "count"),
    ("rate", "rate"),
)


def _word(key: str, lang: str, **values: object) -> str:
    return labels.t(f"brief_pdf_{key}", lang, **values)


def _tiles(data: BriefingData, lang: str) -> list[Tile]:
    """The four headline tiles: persons surveyed, MPI-poor, target poor, rate."""
    since = (
        _word("vs", lang, year=data.previous_year)
        if data.previous_year is not None
        else _word("vs_unknown", lang)
    )
    tiles = []
    for key, kind in TILE_KEYS:
        value = data.headline.get(key)
        big = format_count(value) if kind == "count" else format_rate(value)
        label = labels.t(key, lang)
        if data.previous is None or missing(data.previous.get(key)) or missing(value):
            tiles.append(Tile(label, big, _word("no_previous", lang), "", None))
            continue
        before = data.previous[key]
        digits = 0 if kind == "count" else 2
        sign = direction(before, value, digits)
        delta = abs(round(float(value), digits) - round(float(before), digits))  # type: ignore[arg-type]
        amount = (
            format_count(delta)
            if kind == "count"
            else f"{format_rate(delta)} {_word('points', lang)}"
        )
        text = direction_word(sign, lang)
        if sign:
            text += f" {amount}"
        tiles.append(Tile(label, big, text, since, sign))
    return tiles


def _top_rows(data: BriefingData, lang: str) -> list[figures.BarRow]:
    table = data.top_count if data.top_count is not None else pd.DataFrame()
    return [
        (
            row_name(row, lang),
            pd.to_numeric(row["target_poor"], errors="coerce"),
            format_count(row["target_poor"]),
        )
        for _, row in table.head(5).iterrows()
    ]


def _pilot_rows(data: BriefingData, lang: str) -> list[figures.BarRow]:
    table = data.pilot_ranking
    if table is None or table.empty:
        return []
    table = table.assign(rate=pd.to_numeric(table["rate"], errors="coerce"))
    table = table.sort_values("rate", ascending=False, kind="stable", na_position="last")
    rows = []
    for _, row in table.iterrows():
        text = format_rate(row["rate"])
        change = row.get("change")
        if not missing(change):
            change = round(float(change), 2)  # type: ignore[arg-type]
            text += f"  ({change:+.2f})" if change else "  (0.00)"
        name = pilot_name(row, lang)
        if not missing(row.get("rank")):
            name = f"{int(row['rank'])}. {name}"
        rows.append((name, row["rate"], text))
    return rows


def _visit_rows(data: BriefingData, lang: str) -> list[list[str]]:
    progress = data.visit_progress
    if progress is None or progress.empty:
        return []
    households = pd.to_numeric(progress["households"], errors="coerce").fillna(0)
    total = households.sum()
    column = pick(lang, "status_th", "status_en")
    rows = [
        [str(status), format_count(n), format_rate(n / total * 100, 1) if total else "-"]
        for status, n in zip(progress[column], households, strict=True)
    ]
    # With no target households there is no whole to be 100 % of.
    rows.append([_word("total", lang), format_count(total), format_rate(100, 1) if total else "-"])
    return rows


def _pilot_note(data: BriefingData, lang: str) -> str:
    """The chart's note on the bracketed changes, when any change is known."""
    table = data.pilot_ranking
    if table is None or "change" not in table.columns:
        return ""
    if pd.to_numeric(table["change"], errors="coerce").isna().all():
        return ""
    if data.previous_year is None:
        return _word("pilot_chart_note_unknown", lang)
    return _word("pilot_chart_note", lang, year=data.previous_year)


def _head(doc: Canvas, data: BriefingData, printed_at: date | datetime | str | None) -> None:
    """Title, source and print date, the headline tiles and the narrative."""
    pdf, lang = doc.pdf, doc.lang
    title = _word(
        "title", lang, area=data.area_name(lang), year=formatting.year_label(data.year, lang)
    )
    pdf.set_title(title)
    pdf.set_creator("Chipao")
    pdf.set_lang(lang)
    pdf.add_page()
    doc.paragraph(title, 17, 8.5, bold=True)
    pdf.ln(0.5)
    when = thai_pdf.format_printed_at(printed_at if printed_at is not None else date.today(), lang)
    source = _word("source", lang, source=data.source(lang))
    doc.paragraph(f"{source}    {_word('printed', lang, when=when)}", 9.5, 5, grey=MUTED)
    pdf.ln(3)
    figures.tiles(doc, _tiles(data, lang))
    doc.section_title(_word("summary", lang))
    for text in narrative(data, lang):
        doc.paragraph(text, BODY_PT, 5.6)
        pdf.ln(1.6)


def _pilots_and_visits(doc: Canvas, data: BriefingData) -> None:
    """The pilot chart across the page, or beside the visit table when there are visits."""
    pdf, lang = doc.pdf, doc.lang
    pilot_rows, note = _pilot_rows(data, lang), _pilot_note(data, lang)
    visit_rows = _visit_rows(data, lang)
    if not visit_rows:
        doc.keep(figures.chart_height(len(pilot_rows), bool(note)))
        bottom = figures.bar_chart(doc, _word("pilot_chart", lang), pilot_rows, note)
        pdf.set_xy(MARGIN_MM, bottom)
        return
    doc.keep(
        max(
            figures.chart_height(len(pilot_rows), bool(note)), figures.table_height(len(visit_rows))
        )
    )
    top = pdf.get_y()
    table_w = 72
    chart_w = doc.width - table_w - 8
    bottom = figures.bar_chart(
        doc, _word("pilot_chart", lang), pilot_rows, note, width=chart_w, label_w=38, value_w=24
    )
    pdf.set_y(top)
    heading = [_word("status", lang), _word("households", lang), _word("share", lang)]
    title = _word("visits_table", lang)
    table_x = MARGIN_MM + chart_w + 8
    bottom = max(bottom, figures.table(doc, title, heading, visit_rows, table_x, table_w))
    pdf.set_xy(MARGIN_MM, bottom)


def briefing_pdf(
    data: BriefingData, lang: str = "th", printed_at: date | datetime | str | None = None
) -> bytes:
    """A one-to-two-page A4 portrait briefing that prints well in black and white.

    Title, source, four headline tiles with their change, the ``narrative`` paragraphs, bar
    charts of the top five tambons by target poor and of the pilot areas by rate, a table
    of visit progress, then data completeness and plan against result as the page says them
    (when ``data`` carries them); numbered footer. ``printed_at`` defaults to today.
    Raises ``ThaiFontNotFoundError`` when no Thai font is found (see ``find_thai_font``).
    """
    check_lang(lang)
    footer, page = _word("footer", lang), _word("page", lang)
    doc = Canvas(thai_pdf.find_thai_font(), lang, footer, page)
    _head(doc, data, printed_at)
    top_rows = _top_rows(data, lang)
    doc.keep(figures.chart_height(len(top_rows), False))
    doc.pdf.set_y(figures.bar_chart(doc, _word("top_chart", lang), top_rows) + 1)
    _pilots_and_visits(doc, data)
    sections_pdf.sections(doc, data)
    return bytes(doc.pdf.output())
