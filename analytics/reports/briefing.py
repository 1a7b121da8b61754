"""Executive briefing of an area: numbers in, narrative paragraphs and a one-to-two-page A4 PDF out.

Every sentence is a template filled from ``BriefingData``: no hand-typed text reaches the
reader, so the briefing always says what the tables say. Thai first, English second.
The PDF reuses the visit sheet's Thai font finder, text shaping and line-break hints
(``analytics.io.exports``) and draws its charts with fpdf2 rectangles: no images, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

import pandas as pd

from analytics.domain import catalogue
from analytics.io.exports import (
    ThaiFont,
    add_thai_font,
    find_thai_font,
    format_printed_at,
    thai_break_hints,
)
from analytics.text import formatting, labels

LANGS = ("th", "en")

# "Assisted or resolved" counts these (analytics/catalogue/case_statuses.csv); the not-visited
# row counts as not visited.
RESOLVED_STATUSES = catalogue.resolved_statuses()
RESOLVED_LABELS = frozenset(
    label for code in RESOLVED_STATUSES for label in catalogue.case_status_labels()[code]
)
NOT_VISITED = "not_visited"


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

    def area_name(self, lang: str = "th") -> str:
        return self.area_name_th if lang == "th" else self.area_name_en

    def source(self, lang: str = "th") -> str:
        return self.source_th if lang == "th" else self.source_en


# ---------------------------------------------------------------------------------------------
# Numbers as they are printed


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def format_count(value: object) -> str:
    """A whole number with thousands separators ("20,005"); "-" when missing (half-up)."""
    return formatting.format_count(value, missing="-")


def format_rate(value: object, digits: int = 2) -> str:
    """A percentage or percentage-point value with ``digits`` decimals ("2.90"); "-" if missing."""
    return formatting.format_rate(value, digits, missing="-")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'th' or 'en', not {lang!r}")


# ---------------------------------------------------------------------------------------------
# Narrative

DIRECTION_WORDS = {
    "th": {1: "เพิ่มขึ้น", -1: "ลดลง", 0: "เท่าเดิม"},
    "en": {1: "increased", -1: "decreased", 0: "unchanged"},
}

TEXT = {
    "th": {
        "headline": (
            "ปี {year} {area} สำรวจประชากร {persons} คน ใน {households} ครัวเรือน "
            "พบคนในครัวเรือนที่ไม่ผ่านเกณฑ์ จปฐ. (คนจน จปฐ.) {mpi_poor} คน และคนจนเป้าหมาย {target_poor} คน "
            "คิดเป็นร้อยละ {rate} ของคนที่สำรวจ"
        ),
        "since": "เมื่อเทียบกับปี {year}",
        "since_unknown": "เมื่อเทียบกับการสำรวจครั้งก่อน",
        "count_moved": "คนจนเป้าหมาย{word} {delta} คน (จาก {before} เป็น {after} คน)",
        "count_same": "คนจนเป้าหมายเท่าเดิมที่ {after} คน",
        "rate_moved": (
            "สัดส่วนคนจนเป้าหมาย{word} {delta} จุดร้อยละ (จากร้อยละ {before} เป็นร้อยละ {after})"
        ),
        "rate_same": "สัดส่วนคนจนเป้าหมายเท่าเดิมที่ร้อยละ {after}",
        "change_join": "{since} {count} และ{rate}",
        "no_previous": ("ไม่มีข้อมูลการสำรวจปีก่อนหน้าให้เปรียบเทียบ จึงยังแสดงการเปลี่ยนแปลงไม่ได้"),
        "top_count": (
            "คนจนเป้าหมายอยู่ที่ {name} มากที่สุด {count} คน (ร้อยละ {rate}) "
            "ห้าพื้นที่แรกรวมกัน {top_sum} คน หรือร้อยละ {share} ของคนจนเป้าหมายทั้งหมด"
        ),
        "top_rate": " ส่วน {name} มีสัดส่วนคนจนเป้าหมายสูงที่สุด ร้อยละ {rate} ({count} คน)",
        "top_both": " และ {name} ยังมีสัดส่วนคนจนเป้าหมายสูงที่สุดด้วย",
        "no_top": "ไม่มีข้อมูลรายตำบลของพื้นที่นี้",
        "pilots": (
            "ในพื้นที่นำร่อง {n} แห่ง {high} มีสัดส่วนคนจนเป้าหมายสูงที่สุด ร้อยละ {high_rate} "
            "และ {low} ต่ำที่สุด ร้อยละ {low_rate}"
        ),
        "pilot_one": "พื้นที่นำร่อง {high} มีสัดส่วนคนจนเป้าหมายร้อยละ {high_rate}",
        "pilot_improved": " พื้นที่ที่ดีขึ้นมากที่สุดคือ {name} สัดส่วนลดลง {delta} จุดร้อยละ",
        "pilot_none_improved": (" ไม่มีพื้นที่นำร่องใดที่สัดส่วนลดลง {name} เพิ่มขึ้นน้อยที่สุด {delta} จุดร้อยละ"),
        "pilot_none_changed": " ทุกพื้นที่นำร่องมีสัดส่วนเท่าเดิม",
        "no_pilots": "ยังไม่มีข้อมูลพื้นที่นำร่อง",
        "visits": (
            "การลงเยี่ยมบ้าน: เยี่ยมแล้ว {visited} จาก {total} ครัวเรือนในรายการ (ร้อยละ {visited_share}) "
            "ในจำนวนนี้ได้รับความช่วยเหลือหรือแก้ไขปัญหาได้แล้ว {resolved} ครัวเรือน "
            "(ร้อยละ {resolved_share} ของครัวเรือนที่เยี่ยมแล้ว)"
        ),
        "visits_none": "การลงเยี่ยมบ้าน: ยังไม่ได้เยี่ยม {total} ครัวเรือนในรายการ",
        "no_visits": "ยังไม่มีข้อมูลการลงเยี่ยมบ้าน",
    },
    "en": {
        "headline": (
            "In {year}, {area} surveyed {persons} persons in {households} households: "
            "{mpi_poor} lived in MPI-poor households and {target_poor} were target poor, "
            "a target-poor rate of {rate}%."
        ),
        "since": "Compared with {year}",
        "since_unknown": "Compared with the previous survey",
        "count_moved": "the number of target poor {word} by {delta} (from {before} to {after})",
        "count_same": "the number of target poor was unchanged at {after}",
        "rate_moved": (
            "the target-poor rate {word} by {delta} percentage points (from {before}% to {after}%)"
        ),
        "rate_same": "the target-poor rate was unchanged at {after}%",
        "change_join": "{since}, {count}, and {rate}.",
        "no_previous": "There is no previous survey to compare with, so no change can be shown yet.",
        "top_count": (
            "The target poor are most numerous in {name}: {count} persons (rate {rate}%). "
            "The five areas with the most target poor together hold {top_sum} persons, "
            "{share}% of all target poor."
        ),
        "top_rate": " The highest rate is in {name}: {rate}% ({count} persons).",
        "top_both": " {name} also has the highest rate.",
        "no_top": "There are no subdistrict figures for this area.",
        "pilots": (
            "Of the {n} pilot areas, {high} has the highest target-poor rate ({high_rate}%) "
            "and {low} the lowest ({low_rate}%)."
        ),
        "pilot_one": "The pilot area {high} has a target-poor rate of {high_rate}%.",
        "pilot_improved": " {name} improved most: its rate fell by {delta} percentage points.",
        "pilot_none_improved": (
            " No pilot area's rate fell; {name} rose least, by {delta} percentage points."
        ),
        "pilot_none_changed": " Every pilot area's rate is unchanged.",
        "no_pilots": "There are no pilot-area figures yet.",
        "visits": (
            "Home visits: {visited} of the {total} listed households have been visited "
            "({visited_share}%); {resolved} of them ({resolved_share}% of those visited) "
            "have been assisted or have resolved their problems on their own."
        ),
        "visits_none": "Home visits: none of the {total} listed households has been visited yet.",
        "no_visits": "There are no home-visit records yet.",
    },
}


def direction(before: object, after: object, digits: int = 0) -> int:
    """+1, -1 or 0: the sign of the change as printed (both values rounded to ``digits``)."""
    delta = round(float(after), digits) - round(float(before), digits)
    if abs(delta) < 0.5 * 10**-digits:
        return 0
    return 1 if delta > 0 else -1


def _area_name(name: str, lang: str) -> str:
    """Thai sentences say "ตำบล X"; municipalities and prefixed names are left as they are."""
    name = str(name).strip()
    if lang != "th" or name.startswith(("ตำบล", "ต.", labels.t("municipal", "th"))):
        return name
    return f"ตำบล{name}"


def _headline_paragraph(data: BriefingData, lang: str) -> str:
    h = data.headline
    return TEXT[lang]["headline"].format(
        year=formatting.year_label(data.year, lang),
        area=data.area_name(lang),
        persons=format_count(h.get("persons")),
        households=format_count(h.get("households")),
        mpi_poor=format_count(h.get("mpi_poor")),
        target_poor=format_count(h.get("target_poor")),
        rate=format_rate(h.get("rate")),
    )


def _change_part(kind: str, before: object, after: object, lang: str) -> str:
    words = TEXT[lang]
    digits = 0 if kind == "count" else 2
    fmt = format_count if kind == "count" else format_rate
    sign = direction(before, after, digits)
    if sign == 0:
        return words[f"{kind}_same"].format(after=fmt(after))
    delta = abs(round(float(after), digits) - round(float(before), digits))
    return words[f"{kind}_moved"].format(
        word=DIRECTION_WORDS[lang][sign], delta=fmt(delta), before=fmt(before), after=fmt(after)
    )


def _change_paragraph(data: BriefingData, lang: str) -> str:
    words = TEXT[lang]
    if data.previous is None:
        return words["no_previous"]
    since = (
        words["since"].format(year=data.previous_year)
        if data.previous_year is not None
        else words["since_unknown"]
    )
    now, before = data.headline, data.previous
    count = _change_part("count", before["target_poor"], now["target_poor"], lang)
    rate = _change_part("rate", before["rate"], now["rate"], lang)
    return words["change_join"].format(since=since, count=count, rate=rate)


def _name(row: pd.Series, lang: str) -> str:
    key = "name_th" if lang == "th" else "name_en"
    value = row.get(key)
    if _missing(value) or not str(value).strip():
        value = row.get("name_th") if lang == "en" else row.get("name_en")
    return _area_name(str(value), lang)


def _concentration_paragraph(data: BriefingData, lang: str) -> str:
    words = TEXT[lang]
    if data.top_count is None or data.top_count.empty:
        return words["no_top"]
    first = data.top_count.iloc[0]
    total = data.headline.get("target_poor")
    top_sum = pd.to_numeric(data.top_count["target_poor"], errors="coerce").sum()
    share = top_sum / total * 100 if total else float("nan")
    text = words["top_count"].format(
        name=_name(first, lang),
        count=format_count(first["target_poor"]),
        rate=format_rate(first["rate"]),
        top_sum=format_count(top_sum),
        share=format_rate(share, 1),
    )
    if data.top_rate is not None and not data.top_rate.empty:
        highest = data.top_rate.iloc[0]
        if _name(highest, lang) == _name(first, lang):
            text += words["top_both"].format(name=_name(first, lang))
        else:
            text += words["top_rate"].format(
                name=_name(highest, lang),
                rate=format_rate(highest["rate"]),
                count=format_count(highest["target_poor"]),
            )
    return text


def _pilot_name(row: pd.Series, lang: str) -> str:
    """``name``, or ``name_th`` / ``name_en`` when the ranking has them."""
    value = row.get(f"name_{lang}")
    return str(row["name"]) if _missing(value) or not str(value).strip() else str(value)


def _pilot_paragraph(data: BriefingData, lang: str) -> str:
    words = TEXT[lang]
    table = data.pilot_ranking
    if table is None or table.empty:
        return words["no_pilots"]
    ranked = table.assign(rate=pd.to_numeric(table["rate"], errors="coerce"))
    ranked = ranked.dropna(subset=["rate"]).sort_values("rate", ascending=False, kind="stable")
    if ranked.empty:
        return words["no_pilots"]
    high, low = ranked.iloc[0], ranked.iloc[-1]
    key = "pilots" if len(ranked) > 1 else "pilot_one"
    text = words[key].format(
        n=len(ranked),
        high=_pilot_name(high, lang),
        high_rate=format_rate(high["rate"]),
        low=_pilot_name(low, lang),
        low_rate=format_rate(low["rate"]),
    )
    if "change" in ranked.columns:
        changes = pd.to_numeric(ranked["change"], errors="coerce").round(2).dropna()
        if len(changes):
            best = ranked.loc[changes.idxmin()]
            delta = format_rate(abs(changes.min()))
            if changes.min() < 0:
                text += words["pilot_improved"].format(name=_pilot_name(best, lang), delta=delta)
            elif changes.min() > 0:
                text += words["pilot_none_improved"].format(
                    name=_pilot_name(best, lang), delta=delta
                )
            elif (changes == 0).all():
                text += words["pilot_none_changed"]
    return text


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


def _visit_paragraph(data: BriefingData, lang: str) -> str:
    words = TEXT[lang]
    counts = visit_counts(data.visit_progress)
    if counts["total"] == 0:
        return words["no_visits"]
    if counts["visited"] == 0:
        return words["visits_none"].format(total=format_count(counts["total"]))
    return words["visits"].format(
        visited=format_count(counts["visited"]),
        total=format_count(counts["total"]),
        visited_share=format_rate(counts["visited"] / counts["total"] * 100, 1),
        resolved=format_count(counts["resolved"]),
        resolved_share=format_rate(counts["resolved"] / counts["visited"] * 100, 1),
    )


def narrative(data: BriefingData, lang: str = "th") -> list[str]:
    """Five short paragraphs written from the numbers: headline, change since the previous
    survey, where the target poor concentrate, the pilot ranking and visit progress."""
    _check_lang(lang)
    return [
        _headline_paragraph(data, lang),
        _change_paragraph(data, lang),
        _concentration_paragraph(data, lang),
        _pilot_paragraph(data, lang),
        _visit_paragraph(data, lang),
    ]


# ---------------------------------------------------------------------------------------------
# PDF

PDF_TEXT = {
    "th": {
        "title": "สรุปสถานการณ์ความยากจน — {area}, ปี {year}",
        "source": "แหล่งข้อมูล: {source}",
        "printed": "พิมพ์เมื่อ {when}",
        "summary": "สรุปจากตัวเลข",
        "top_chart": "ห้าตำบลที่มีคนจนเป้าหมายมากที่สุด (คน)",
        "pilot_chart": "สัดส่วนคนจนเป้าหมายของพื้นที่นำร่อง (ร้อยละ)",
        "pilot_chart_note": "ในวงเล็บ: เปลี่ยนแปลงจากปี {year} (จุดร้อยละ)",
        "pilot_chart_note_unknown": "ในวงเล็บ: เปลี่ยนแปลงจากการสำรวจครั้งก่อน (จุดร้อยละ)",
        "visits_table": "ความคืบหน้าการลงเยี่ยมบ้าน",
        "status": "สถานะ",
        "households": "ครัวเรือน",
        "share": "ร้อยละ",
        "total": "รวม",
        "vs": "จากปี {year}",
        "vs_unknown": "จากครั้งก่อน",
        "no_previous": "ไม่มีข้อมูลปีก่อน",
        "tile_note": "ลูกศร: เปลี่ยนแปลง{since}",
        "points": "จุด",
        "persons": "คน",
        "no_data": "ไม่มีข้อมูล",
        "footer": "สร้างจากข้อมูลโดยอัตโนมัติ / generated from the data",
        "page": "หน้า {page}/{{nb}}",
    },
    "en": {
        "title": "Poverty situation briefing — {area}, {year}",
        "source": "Source: {source}",
        "printed": "Printed {when}",
        "summary": "Summary from the numbers",
        "top_chart": "Five subdistricts with the most target poor (persons)",
        "pilot_chart": "Target-poor rate of the pilot areas (%)",
        "pilot_chart_note": "In brackets: change since {year} (percentage points)",
        "pilot_chart_note_unknown": "In brackets: change since the previous survey (points)",
        "visits_table": "Home-visit progress",
        "status": "Status",
        "households": "Households",
        "share": "%",
        "total": "Total",
        "vs": "since {year}",
        "vs_unknown": "since last survey",
        "no_previous": "no previous survey",
        "tile_note": "Arrows: change {since}",
        "points": "pts",
        "persons": "",
        "no_data": "No data",
        "footer": "สร้างจากข้อมูลโดยอัตโนมัติ / generated from the data",
        "page": "Page {page}/{{nb}}",
    },
}

MARGIN_MM = 15
TILE_GAP_MM = 4
TILE_HEIGHT_MM = 27
BAR_HEIGHT_MM = 5.2
BAR_GAP_MM = 2.2
BODY_PT = 10.5
INK = 0  # black text
MUTED = 80  # grey for secondary text, still dark enough to photocopy
BAR_FILL = 90  # dark grey bars: solid in black-and-white print
TILE_FILL = 242
RULE = 150
TABLE_ROW_MM = 5.6


class Tile(NamedTuple):
    label: str
    value: str  # the big number, formatted
    change: str  # direction word and amount, or "no previous survey"
    since: str  # "จากปี 2561"; empty without a previous survey
    sign: int | None  # +1, -1, 0; None without a previous survey


def _tiles(data: BriefingData, lang: str) -> list[Tile]:
    """The four headline tiles: persons surveyed, MPI-poor, target poor, rate."""
    words = PDF_TEXT[lang]
    since = (
        words["vs"].format(year=data.previous_year)
        if data.previous_year is not None
        else words["vs_unknown"]
    )
    tiles = []
    for key, kind in (
        ("persons", "count"),
        ("mpi_poor", "count"),
        ("target_poor", "count"),
        ("rate", "rate"),
    ):
        value = data.headline.get(key)
        big = format_count(value) if kind == "count" else format_rate(value)
        label = labels.t(key, lang)
        if data.previous is None or _missing(data.previous.get(key)) or _missing(value):
            tiles.append(Tile(label, big, words["no_previous"], "", None))
            continue
        before = data.previous[key]
        digits = 0 if kind == "count" else 2
        sign = direction(before, value, digits)
        delta = abs(round(float(value), digits) - round(float(before), digits))
        amount = (
            format_count(delta) if kind == "count" else f"{format_rate(delta)} {words['points']}"
        )
        text = DIRECTION_WORDS[lang][sign]
        if sign:
            text += f" {amount}"
        tiles.append(Tile(label, big, text, since, sign))
    return tiles


class _BriefingPDF:
    """Drawing helpers around an fpdf2 document (A4 portrait, mm)."""

    def __init__(self, font: ThaiFont, lang: str, footer: str, page_label: str):
        from fpdf import FPDF

        family = font.family

        class Document(FPDF):
            def footer(self) -> None:
                self.set_y(-MARGIN_MM + 2)
                self.set_draw_color(RULE)
                self.line(MARGIN_MM, self.get_y() - 1, self.w - MARGIN_MM, self.get_y() - 1)
                self.set_font(family, size=8)
                self.set_text_color(MUTED)
                self.cell(0, 5, footer, align="L")
                self.set_x(MARGIN_MM)
                self.cell(0, 5, page_label.format(page=self.page_no()), align="R")
                self.set_text_color(INK)

        self.pdf = Document(orientation="P", unit="mm", format="A4")
        self.pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.pdf.set_auto_page_break(True, margin=MARGIN_MM + 4)
        add_thai_font(self.pdf, font)
        self.family = family
        self.lang = lang

    @property
    def width(self) -> float:
        return self.pdf.w - 2 * MARGIN_MM

    def font(self, size: float, bold: bool = False, grey: int = INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(grey)

    def fits(self, room: float, size: float, bold: bool = False):
        def check(text: str) -> bool:
            self.font(size, bold)
            return self.pdf.get_string_width(text) <= room

        return check

    def paragraph(self, text: str, size: float, line: float, bold: bool = False, grey: int = INK):
        text = thai_break_hints(text, self.fits(self.width - 1, size, bold))
        self.font(size, bold, grey)
        self.pdf.multi_cell(self.width, line, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def section_title(self, text: str, x: float = MARGIN_MM, width: float | None = None) -> None:
        """A bold heading over a thin rule, at ``x`` across ``width`` mm (the page by default)."""
        width = self.width if width is None else width
        self.pdf.ln(2)
        self.pdf.set_x(x)
        self.font(12, bold=True)
        self.pdf.cell(width, 7, self.shorten(text, width, 12, bold=True))
        y = self.pdf.get_y() + 7
        self.pdf.set_draw_color(RULE)
        self.pdf.set_line_width(0.2)
        self.pdf.line(x, y, x + width, y)
        self.pdf.set_xy(x, y + 1.5)

    def shorten(
        self, text: str, room: float, size: float, bold: bool = False, smallest: float | None = None
    ) -> str:
        """``text`` at ``size`` pt, else at a smaller size down to ``smallest``, else cut with
        "..." so it fits ``room`` mm: labels never run into bars or columns. Sets the font."""
        while (
            smallest is not None
            and size - 0.5 >= smallest
            and not self.fits(room, size, bold)(text)
        ):
            size -= 0.5
        self.font(size, bold)
        if self.pdf.get_string_width(text) <= room:
            return text
        while text and self.pdf.get_string_width(text + "...") > room:
            text = text[:-1]
        return text.rstrip() + "..."

    def arrow(self, x: float, y: float, sign: int | None, size: float = 2.6) -> None:
        """A filled triangle up (increase) or down (decrease); two bars for no change."""
        pdf = self.pdf
        pdf.set_fill_color(INK)
        pdf.set_draw_color(INK)
        if sign == 1:
            pdf.polygon([(x, y + size), (x + size, y + size), (x + size / 2, y)], style="F")
        elif sign == -1:
            pdf.polygon([(x, y), (x + size, y), (x + size / 2, y + size)], style="F")
        elif sign == 0:
            pdf.rect(x, y + size * 0.2, size, size * 0.18, style="F")
            pdf.rect(x, y + size * 0.62, size, size * 0.18, style="F")

    def tiles(self, tiles: list[Tile]) -> None:
        """Boxes side by side: small label, big number, arrow and change. When a change with
        its "since" does not fit a tile, every tile drops it and one note under them says it."""
        pdf = self.pdf
        n = len(tiles)
        tile_w = (self.width - TILE_GAP_MM * (n - 1)) / n
        inner = tile_w - 4
        arrow_room = 3.6
        fits = self.fits(inner - arrow_room, 8)
        with_since = all(fits(f"{t.change} {t.since}".strip()) for t in tiles)
        since = next((t.since for t in tiles if t.since), "")
        self.keep(TILE_HEIGHT_MM + (7 if since and not with_since else 2))
        top = pdf.get_y()
        for i, tile in enumerate(tiles):
            x = MARGIN_MM + i * (tile_w + TILE_GAP_MM)
            pdf.set_fill_color(TILE_FILL)
            pdf.set_draw_color(INK)
            pdf.set_line_width(0.35)
            pdf.rect(x, top, tile_w, TILE_HEIGHT_MM, style="DF")
            pdf.set_xy(x + 2, top + 2)
            self.font(8.5, grey=MUTED)
            pdf.cell(inner, 4.5, self.shorten(tile.label, inner, 8.5))
            size = 20
            while size > 11 and not self.fits(inner - 1.5, size, bold=True)(tile.value):
                size -= 1
            pdf.set_xy(x + 2, top + 8)
            self.font(size, bold=True)
            pdf.cell(inner, 9, tile.value)
            room = inner - (arrow_room if tile.sign is not None else 0)
            self.arrow(x + 2, top + TILE_HEIGHT_MM - 7.1, tile.sign)
            pdf.set_xy(x + 2 + inner - room, top + TILE_HEIGHT_MM - 8)
            text = f"{tile.change} {tile.since}".strip() if with_since else tile.change
            self.font(8)
            pdf.cell(room, 4.5, self.shorten(text, room, 8))
        pdf.set_xy(MARGIN_MM, top + TILE_HEIGHT_MM + 1)
        if since and not with_since:
            self.font(8, grey=MUTED)
            pdf.cell(self.width, 4.5, PDF_TEXT[self.lang]["tile_note"].format(since=since))
        pdf.set_xy(MARGIN_MM, pdf.get_y() + (5 if since and not with_since else 2))

    @staticmethod
    def chart_height(rows: int, note: bool) -> float:
        return 12.5 + (5 if note else 0) + max(rows, 1) * (BAR_HEIGHT_MM + BAR_GAP_MM)

    def bar_chart(
        self,
        title: str,
        rows: list[tuple[str, float, str]],
        note: str = "",
        x: float = MARGIN_MM,
        width: float | None = None,
        label_w: float = 58,
        value_w: float = 30,
    ) -> float:
        """Horizontal bars from one zero line, proportional to the values (largest = full
        width); labels right-aligned on the left, values after each bar. Returns the bottom."""
        pdf = self.pdf
        width = self.width if width is None else width
        self.section_title(title, x, width)
        if note:
            self.font(8, grey=MUTED)
            pdf.set_x(x)
            pdf.cell(width, 4.5, self.shorten(note, width, 8))
            pdf.set_xy(x, pdf.get_y() + 5)
        if not rows:
            self.font(9, grey=MUTED)
            pdf.set_x(x)
            pdf.cell(width, 6, PDF_TEXT[self.lang]["no_data"])
            return pdf.get_y() + 6
        step = BAR_HEIGHT_MM + BAR_GAP_MM
        bar_x = x + label_w + 2
        bar_room = width - label_w - 2 - value_w
        largest = max((float(v) for _, v, _ in rows if not _missing(v)), default=0) or 1
        top = pdf.get_y() + 1
        for i, (label, value, value_text) in enumerate(rows):
            y = top + i * step
            pdf.set_xy(x, y)
            label = self.shorten(label, label_w - 1, 9, smallest=7.5)
            pdf.cell(label_w, BAR_HEIGHT_MM, label, align="R")
            length = 0.0 if _missing(value) else max(float(value), 0.0) / largest * bar_room
            if length > 0:
                pdf.set_fill_color(BAR_FILL)
                pdf.rect(bar_x, y + 0.4, length, BAR_HEIGHT_MM - 0.8, style="F")
            pdf.set_xy(bar_x + length + 1.5, y)
            self.font(9, bold=True)
            pdf.cell(value_w + bar_room - length - 1.5, BAR_HEIGHT_MM, value_text)
        bottom = top + len(rows) * step - BAR_GAP_MM
        pdf.set_draw_color(INK)
        pdf.set_line_width(0.3)
        pdf.line(bar_x, top - 0.8, bar_x, bottom + 0.8)
        return bottom + 1

    @staticmethod
    def table_height(rows: int) -> float:
        return 12.5 + (rows + 1) * TABLE_ROW_MM

    def table(
        self,
        title: str,
        heading: list[str],
        rows: list[list[str]],
        x: float = MARGIN_MM,
        width: float | None = None,
    ) -> float:
        """A small ruled table (first column text, the others numbers; last row the total).
        Returns the bottom."""
        pdf = self.pdf
        width = self.width if width is None else width
        self.section_title(title, x, width)

        def needed(column: int) -> float:
            self.font(9, bold=True)
            texts = [heading[column], *(row[column] for row in rows)]
            return max(self.pdf.get_string_width(t) for t in texts) + 3

        numbers = [min(max(needed(1), 14.0), width / 3), min(max(needed(2), 12.0), width / 4)]
        widths = (width - sum(numbers), *numbers)
        aligns = ("L", "R", "R")
        y = pdf.get_y() + 1
        pdf.set_fill_color(TILE_FILL)
        pdf.rect(x, y, width, TABLE_ROW_MM, style="F")
        for i, texts in enumerate([heading, *rows]):
            bold = i == 0 or i == len(rows)
            if i == len(rows):
                pdf.set_draw_color(INK)
                pdf.set_line_width(0.35)
                pdf.line(x, y, x + width, y)
            pdf.set_xy(x, y)
            for text, w, align in zip(texts, widths, aligns, strict=True):
                text = self.shorten(text, w - 2, 9, bold, smallest=7.5)
                pdf.cell(w, TABLE_ROW_MM, text, align=align)
            y += TABLE_ROW_MM
            if 0 < i < len(rows) - 1:
                pdf.set_draw_color(RULE)
                pdf.set_line_width(0.15)
                pdf.line(x, y, x + width, y)
        pdf.set_draw_color(INK)
        pdf.set_line_width(0.35)
        pdf.line(x, y, x + width, y)
        return y + 1


def _top_rows(data: BriefingData, lang: str) -> list[tuple[str, float, str]]:
    table = data.top_count if data.top_count is not None else pd.DataFrame()
    return [
        (
            _name(row, lang),
            pd.to_numeric(row["target_poor"], errors="coerce"),
            format_count(row["target_poor"]),
        )
        for _, row in table.head(5).iterrows()
    ]


def _pilot_rows(data: BriefingData, lang: str) -> list[tuple[str, float, str]]:
    table = data.pilot_ranking
    if table is None or table.empty:
        return []
    table = table.assign(rate=pd.to_numeric(table["rate"], errors="coerce"))
    table = table.sort_values("rate", ascending=False, kind="stable", na_position="last")
    rows = []
    for _, row in table.iterrows():
        text = format_rate(row["rate"])
        change = row.get("change")
        if not _missing(change):
            change = round(float(change), 2)
            text += f"  ({change:+.2f})" if change else "  (0.00)"
        name = _pilot_name(row, lang)
        if not _missing(row.get("rank")):
            name = f"{int(row['rank'])}. {name}"
        rows.append((name, row["rate"], text))
    return rows


def _visit_rows(data: BriefingData, lang: str) -> list[list[str]]:
    progress = data.visit_progress
    if progress is None or progress.empty:
        return []
    households = pd.to_numeric(progress["households"], errors="coerce").fillna(0)
    total = households.sum()
    column = "status_th" if lang == "th" else "status_en"
    rows = [
        [str(status), format_count(n), format_rate(n / total * 100, 1) if total else "-"]
        for status, n in zip(progress[column], households, strict=True)
    ]
    # With no target households there is no whole to be 100 % of.
    rows.append(
        [PDF_TEXT[lang]["total"], format_count(total), format_rate(100, 1) if total else "-"]
    )
    return rows


def _pilot_note(data: BriefingData, lang: str) -> str:
    """The chart's note on the bracketed changes, when any change is known."""
    table = data.pilot_ranking
    if table is None or "change" not in table.columns:
        return ""
    if pd.to_numeric(table["change"], errors="coerce").isna().all():
        return ""
    words = PDF_TEXT[lang]
    if data.previous_year is None:
        return words["pilot_chart_note_unknown"]
    return words["pilot_chart_note"].format(year=data.previous_year)


def briefing_pdf(
    data: BriefingData, lang: str = "th", printed_at: date | datetime | str | None = None
) -> bytes:
    """A one-to-two-page A4 portrait briefing that prints well in black and white.

    Title, source, four headline tiles with their change, the ``narrative`` paragraphs, bar
    charts of the top five tambons by target poor and of the pilot areas by rate, and a table
    of visit progress; numbered footer. ``printed_at`` defaults to today.
    Raises ``ThaiFontNotFoundError`` when no Thai font is found (see ``find_thai_font``).
    """
    _check_lang(lang)
    words = PDF_TEXT[lang]
    doc = _BriefingPDF(find_thai_font(), lang, words["footer"], words["page"])
    pdf = doc.pdf
    title = words["title"].format(
        area=data.area_name(lang), year=formatting.year_label(data.year, lang)
    )
    pdf.set_title(title)
    pdf.set_creator("Chipao")
    pdf.set_lang(lang)
    pdf.add_page()

    doc.paragraph(title, 17, 8.5, bold=True)
    pdf.ln(0.5)
    when = format_printed_at(printed_at if printed_at is not None else date.today(), lang)
    doc.paragraph(
        f"{words['source'].format(source=data.source(lang))}    {words['printed'].format(when=when)}",
        9.5,
        5,
        grey=MUTED,
    )
    pdf.ln(3)
    doc.tiles(_tiles(data, lang))

    doc.section_title(words["summary"])
    for text in narrative(data, lang):
        doc.paragraph(text, BODY_PT, 5.6)
        pdf.ln(1.6)

    top_rows = _top_rows(data, lang)
    doc.keep(doc.chart_height(len(top_rows), False))
    pdf.set_y(doc.bar_chart(words["top_chart"], top_rows) + 1)

    pilot_rows = _pilot_rows(data, lang)
    note = _pilot_note(data, lang)
    visit_rows = _visit_rows(data, lang)
    heading = [words["status"], words["households"], words["share"]]
    if not visit_rows:
        doc.keep(doc.chart_height(len(pilot_rows), bool(note)))
        doc.bar_chart(words["pilot_chart"], pilot_rows, note)
    else:  # pilot chart and visit table side by side
        doc.keep(
            max(doc.chart_height(len(pilot_rows), bool(note)), doc.table_height(len(visit_rows)))
        )
        top = pdf.get_y()
        table_w = 72
        chart_w = doc.width - table_w - 8
        bottom = doc.bar_chart(
            words["pilot_chart"], pilot_rows, note, width=chart_w, label_w=38, value_w=24
        )
        pdf.set_y(top)
        table_x = MARGIN_MM + chart_w + 8
        bottom = max(
            bottom, doc.table(words["visits_table"], heading, visit_rows, table_x, table_w)
        )
        pdf.set_xy(MARGIN_MM, bottom)
    return bytes(pdf.output())


__all__ = [
    "DIRECTION_WORDS",
    "BriefingData",
    "briefing_pdf",
    "direction",
    "format_count",
    "format_rate",
    "narrative",
    "visit_counts",
]
