"""Drawing the completeness page: completeness by area (tiles, map, table worst first, the 17
indicators' answers, missing villages) and the Re X-ray. Views come from
``analytics.services.completeness`` through ``ui.cache``; nothing is computed here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import geodata
from analytics.data import sources
from analytics.domain import access, areas, catalogue, classify, completeness, xray
from analytics.services.completeness import CompletenessView, XrayView
from analytics.text import formatting
from geodata import basemap
from geodata.choropleth import ChoroplethSpec, build_map
from geodata.validate import CODE_COLUMN
from ui import cache, households, map_view, shared, words

BINS = (0.2, 0.4, 0.6, 0.8)  # score classes: below 0.2 darkest (most missing)
MAP_LEVELS = ("province", "amphoe", "tambon")
PERCENT = st.column_config.NumberColumn
AREA_COLUMNS = (
    "rank",
    "code",
    "name",
    "score",
    "households",
    "tpmap_households",
    *completeness.SHARES,
    "villages_missing",
    "invalid_ids",
    "welfare_unknown",
    "no_position",
    "head_id_invalid",
)


def t(key: str, **values) -> str:
    return shared.t(key, **values)


def guard(filters: shared.Filters, viewer: access.Viewer) -> None:
    """Stop unless the page can show the area: household source, in the viewer's scope."""
    if viewer.role not in ("planner", "admin", "executive"):
        st.info(t("cmp_field_role"))  # a field team's follow-up list is on the target list
        st.stop()
    if filters.source != "households":
        st.info(t("needs_microdata"))
        st.stop()
    if not viewer.covers(filters.area_code):
        st.warning(t("out_of_scope"))
        for code in viewer.areas:  # buttons to the viewer's own areas
            name = areas.area_name(code, filters.lang)
            st.button(name, key=f"scope_{code}", on_click=shared.go_to_area, args=(code,))
        st.stop()
    if filters.area_code != "TH" and not shared.get_source("households").covers(filters.province):
        st.info(t("no_households_here", area=areas.area_name(filters.area_code, filters.lang)))
        st.stop()


def view(filters: shared.Filters) -> CompletenessView:
    return cache.completeness_view(households.version(), filters.area_code, filters.year)


def tiles(v: CompletenessView) -> None:
    total = v.totals
    values = [
        ("cmp_households_file", formatting.format_count(total.get("households"))),
        ("cmp_households_tpmap", formatting.format_count(v.base.get("households"))),
        ("cmp_villages_missing", _missing_villages(v)),
        ("cmp_invalid_ids", formatting.format_count(total.get("invalid_ids"))),
        ("cmp_welfare_unknown", _count_or_note(total.get("welfare_unknown"))),
        ("cmp_no_position", formatting.format_count(total.get("no_position"))),
    ]
    with st.container(horizontal=True, wrap=True, gap="medium"):
        for key, value in values:
            st.metric(t(key), value, width="content")
    notes = [t(f"cmp_village_source_{v.village_list}")]
    if np.isnan(total.get("welfare_unknown", np.nan)):
        notes.append(f"{t('cmp_welfare_unknown')}: {t('cmp_not_recorded')}")
    if not v.has_base:
        notes.append(t("cmp_no_base", year=formatting.year_label(v.year, words.lang())))
    notes.append(t("cmp_datasets", ids=", ".join(v.datasets) or "—"))
    st.caption("  \n".join(notes))


def _missing_villages(v: CompletenessView) -> str:
    if v.village_list == "none":
        return formatting.MISSING  # the caption under the tiles says why
    return formatting.format_count(len(v.missing_villages))


def _count_or_note(value: float | None) -> str:
    if value is None or np.isnan(value):
        return formatting.MISSING  # not recorded in this file (said under the tiles)
    return formatting.format_count(value)


def score_colours(scores: pd.Series) -> list[str]:
    classes = np.digitize(scores.to_numpy(dtype=float), BINS)  # 0 = worst
    return [classify.PALETTE[len(classify.PALETTE) - 1 - int(c)] for c in classes]


def score_map(v: CompletenessView, filters: shared.Filters) -> None:
    """The areas coloured by their completeness score (villages have no boundary: a bar chart)."""
    if v.level not in MAP_LEVELS:
        chart = v.areas.set_index("code")["score"].sort_values()
        st.bar_chart(chart, horizontal=True, height=max(160, 24 * len(chart)))
        return
    provinces = None if v.level == "province" else (filters.province or "",)
    amphoe = filters.amphoe if v.level == "tambon" else None
    try:
        gdf = map_view.layer(v.level, provinces, amphoe)
    except geodata.BoundariesUnavailable:  # the table below still says everything
        st.info(t("boundaries_missing"))
        return
    column = CODE_COLUMN[v.level]
    table = v.areas.set_index("code")
    codes = [c for c in gdf[column].astype(str) if c in table.index]
    colours = dict(zip(codes, score_colours(table.loc[codes, "score"]), strict=True))
    lang = words.lang()
    tips = {
        c: f"{areas.area_name(c, lang)}<br>{t('cmp_score')}: {table.loc[c, 'score']:.2f}"
        for c in codes
    }
    spec = ChoroplethSpec(
        geojson=map_view.layer_json(v.level, provinces, amphoe),
        code_property=column,
        colours=colours,
        tooltips=tips,
        bounds=_bounds(gdf.total_bounds),
        no_data_colour=classify.NO_DATA_COLOUR,
    )
    st_folium(
        build_map(spec, basemap.configured()),
        key=f"completeness_map_{v.area}",
        height=420,
        use_container_width=True,
        returned_objects=[],
    )


def _bounds(values) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = (float(b) for b in values)
    return minx, miny, maxx, maxy


def area_table(v: CompletenessView) -> None:
    lang = words.lang()
    shown = sources.with_names(v.areas, lang)
    for column in AREA_COLUMNS:
        if column not in shown:
            shown[column] = np.nan
    shown = formatting.round_columns(shown[list(AREA_COLUMNS)], {"score": 2})
    config: dict = {"code": t("code"), "name": t("name"), "rank": t("cmp_rank")}
    config["score"] = PERCENT(t("cmp_score"), format="%.2f")
    for column in completeness.SHARES:  # may be missing (no base, not recorded): text
        shown[column] = text(shown[column], 2)
        config[column] = st.column_config.TextColumn(t(f"cmp_{column}"))
    for column in ("households", "invalid_ids", "no_position", "head_id_invalid"):
        config[column] = PERCENT(t(_WORDS.get(column, f"cmp_{column}")), format="localized")
    for column in ("tpmap_households", "villages_missing", "welfare_unknown"):
        shown[column] = text(shown[column], 0)
        config[column] = st.column_config.TextColumn(t(_WORDS.get(column, f"cmp_{column}")))
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    st.caption(t("cmp_score_note"))


_WORDS = {"households": "cmp_households_file", "tpmap_households": "cmp_households_tpmap"}


def text(values: pd.Series, digits: int) -> list[str]:
    """Numbers as the screen writes them, "–" where there is no value (not "None")."""
    return [formatting.format_number(v, digits) for v in values]


def indicator_table(v: CompletenessView) -> None:
    lang = words.lang()
    shown = v.indicators.copy()
    shown.insert(1, "name", [catalogue.indicator_name(c, lang) for c in shown["indicator"]])
    for column, digits in (("answered", 0), ("unanswered", 0), ("share", 3)):
        shown[column] = text(shown[column], digits)
    config: dict = {
        "indicator": t("cmp_col_indicator"),
        "name": t("name"),
        "applies": PERCENT(t("cmp_col_applies"), format="localized"),
        "answered": st.column_config.TextColumn(t("cmp_col_answered")),
        "unanswered": st.column_config.TextColumn(t("cmp_col_unanswered")),
        "share": st.column_config.TextColumn(t("cmp_col_share")),
    }
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    if v.indicators["answered"].isna().sum() >= len(shown) - 1:  # 4.3 only: from the income
        st.caption(t("cmp_not_recorded"))


def missing_villages(v: CompletenessView) -> None:
    if v.missing_villages.empty:
        return
    st.subheader(t("cmp_missing_title"))
    shown = sources.with_names(
        v.missing_villages.rename(columns={"village_id": "code"}), words.lang()
    )
    st.dataframe(shown, hide_index=True, width="stretch", column_config={"code": t("code")})


def measure_word(measure: str) -> str:
    code = xray.measure_indicator(measure)
    if code is not None:
        return t("xr_measure_fail", code=code)
    return t(f"xr_measure_{measure}")


def xray_section(filters: shared.Filters) -> None:
    v: XrayView = cache.xray_view(households.version(), filters.area_code, filters.year)
    if not v.available:
        st.info(t("xr_unavailable"))
        return
    st.caption(t("xr_title"))
    config: dict = {
        "measure": t("xr_col_measure"),
        "file": PERCENT(t("xr_col_file"), format="localized"),
        "tpmap": PERCENT(t("xr_col_tpmap"), format="localized"),
        "difference": PERCENT(t("xr_col_difference"), format="localized"),
        "relative": st.column_config.TextColumn(t("xr_col_relative")),
        "code": t("code"),
        "name": t("name"),
        "rank": t("cmp_rank"),
    }
    st.subheader(t("xr_totals_title"))
    st.dataframe(_xray_rows(v.totals), hide_index=True, width="stretch", column_config=config)
    ranked = sources.with_names(v.ranked.head(300), words.lang())
    st.dataframe(_xray_rows(ranked), hide_index=True, width="stretch", column_config=config)


def _xray_rows(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    out["measure"] = [measure_word(m) for m in out["measure"]]
    out["relative"] = text(100 * out["relative"], 1)  # no TPMAP value: "–"
    return out
