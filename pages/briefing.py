"""Executive briefing: headline numbers and change, where the target poor are, pilot ranking,
visit progress, and a narrative generated from the numbers; one click for an A4 PDF."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from analytics.domain import areas, pilots
from analytics.reports import briefing
from analytics.text import formatting, labels
from ui import audit_trail, charts, pilot_views, plain, shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
area, level = filters.area_code, filters.level
st.title(f"{t('briefing_page')} — {areas.area_name(area, lang)}")
shared.breadcrumbs(filters)

source = shared.get_source(filters.source)
years = source.years()
previous_year = filters.year - 1 if filters.year - 1 in years else None
parent = None if level == "country" else area
key = "TH" if level == "country" else area


def headline(year: int) -> dict:
    row = shared.area_table(filters.source, level, filters.province, parent, year, filters.dims)
    row = row.set_index("code").loc[key]
    return {k: float(row[k]) for k in ("households", "persons", "mpi_poor", "target_poor", "rate")}


tambons = shared.area_table(
    filters.source, "tambon", filters.province, parent, filters.year, filters.dims
)
tambons = tambons.assign(
    name_th=[pilot_views.tambon_label(c, "th", level) for c in tambons["code"]],
    name_en=[pilot_views.tambon_label(c, "en", level) for c in tambons["code"]],
)
columns = ["name_th", "name_en", "target_poor", "rate"]
pilot_areas = pilot_views.pilot_list()
current = pilots.pilot_table(
    pilot_views.tambon_table(filters.source, filters.year, filters.dims), pilot_areas
)
before = (
    pilots.pilot_table(
        pilot_views.tambon_table(filters.source, previous_year, filters.dims), pilot_areas
    )
    if previous_year
    else None
)
ranking = pilots.ranking(current, before).rename(columns={"code": "name"})
for language in ("th", "en"):
    ranking[f"name_{language}"] = ranking["name"].map(
        pilot_views.pilot_names(pilot_areas, language)
    )
# Target households of the selected area by latest visit status (+ not visited): an aggregate.
case_progress = visits_data.case_progress(area, filters.year)
progress, visited_outside = case_progress if case_progress else (None, 0)
data = briefing.BriefingData(
    area_name_th=areas.area_name(area, "th"),
    area_name_en=areas.area_name(area, "en"),
    year=filters.year,
    previous_year=previous_year,
    headline=headline(filters.year),
    previous=headline(previous_year) if previous_year else None,
    top_count=tambons.nlargest(5, "target_poor")[columns].reset_index(drop=True),
    top_rate=tambons[tambons["persons"] >= 100].nlargest(5, "rate")[columns].reset_index(drop=True),
    pilot_ranking=ranking,
    visit_progress=None
    if progress is None
    else progress.rename(columns={"label_th": "status_th", "label_en": "status_en"}),
    source_th=labels.t(f"source_{filters.source}", "th"),
    source_en=labels.t(f"source_{filters.source}", "en"),
)

tiles = st.container(horizontal=True, wrap=True, gap="small")  # whole labels: tiles wrap
for key_name in ("persons", "mpi_poor", "target_poor", "rate"):
    value = data.headline[key_name]
    delta, change = None, 0.0
    if data.previous:
        change = value - data.previous[key_name]
        delta = formatting.format_signed(change, 2 if key_name == "rate" else 0) + " "
        delta += t("since_previous", year=previous_year)
    tiles.metric(
        t(key_name),
        formatting.format_rate(value) if key_name == "rate" else formatting.format_count(value),
        delta=delta,
        delta_color="inverse" if change else "off",  # no change: grey, not a red rise
        border=True,
        width="content",
    )

for paragraph in briefing.narrative(data, lang):
    st.markdown(plain.md_escape(paragraph))

name = "name_th" if lang == "th" else "name_en"
left, right = st.columns(2)
for column, frame, value, title, fmt in (
    (left, data.top_count, "target_poor", t("top_count_title"), ",d"),
    (right, data.top_rate, "rate", t("top_rate_title"), ".2f"),
):
    fig = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[name],
            orientation="h",
            marker_color="#CC4C02",
            text=[
                formatting.format_count(v) if fmt == ",d" else formatting.format_rate(v)
                for v in frame[value]
            ],
            textposition="outside",
            cliponaxis=False,  # the longest bar's label stays whole
        )
    )
    top = frame[value].max() if len(frame) else 0
    axis = charts.count_axis(top, 1.3) if fmt == ",d" else {"range": [0, (top or 1) * 1.3]}
    fig.update_layout(
        title=title,
        height=320,
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={**axis, "tickformat": fmt},
        margin={"l": 10, "r": 30, "t": 50, "b": 20},
    )
    column.plotly_chart(fig, width="stretch")

left, right = st.columns(2)
left.subheader(t("pilot_rank_title"))
pilot_views.show_ranking(ranking, lang, left, compact=True)
right.subheader(t("visit_progress_title"))
if progress is not None:
    total = int(progress["households"].sum())
    if total:
        right.caption(t("progress_of_target", total=f"{total:,}", area=data.area_name(lang)))
        shown = progress.assign(
            share=[briefing.format_rate(n / total * 100, 1) for n in progress["households"]]
        )
        right.dataframe(
            shown[["label_th" if lang == "th" else "label_en", "households", "share"]],
            hide_index=True,
            width="stretch",
            column_config={
                "label_th": t("status"),
                "label_en": t("status"),
                "households": st.column_config.NumberColumn(
                    t("progress_households"), format="localized"
                ),
                "share": t("progress_share"),
            },
        )
    else:
        right.caption(t("progress_no_target"))
    if visited_outside:
        right.caption(t("visited_outside_list", count=f"{visited_outside:,}"))

# built and audited when the browser asks for it (pilot names are admin text: no Markdown)
pdf = partial(briefing.briefing_pdf, data, lang=lang, printed_at=datetime.now())
st.download_button(
    t("briefing_pdf"),
    audit_trail.audited_file(pdf, viewer, "export_pdf", area, 0),
    file_name=f"chipao_briefing_{area}_{filters.year}.pdf",
    mime="application/pdf",
    type="primary",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
