"""The briefing's blocks: tiles, the two top-five charts, visit progress, the PDF button."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.domain import access
from analytics.reports import briefing
from analytics.services.bilingual import column_in_lang
from analytics.services.briefing import Tile
from analytics.services.progress import Progress
from analytics.text import formatting
from ui import audit_trail, charts, visits_data
from ui.words import t


def tiles(shown: tuple[Tile, ...]) -> None:
    row = st.container(horizontal=True, wrap=True, gap="small")  # whole labels: tiles wrap
    for tile in shown:
        row.metric(
            t(tile.label_key),
            tile.value,
            delta=tile.delta,
            delta_color="inverse" if tile.changed else "off",  # no change: grey, not a red rise
            border=True,
            width="content",
        )


def top_chart(frame: pd.DataFrame, value: str, title: str, lang: str) -> go.Figure:
    """The five tambons with the most target poor (counts) or the highest rate."""
    counts = value == "target_poor"
    fig = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[column_in_lang("name", lang)],
            orientation="h",
            marker_color="#CC4C02",
            text=[
                formatting.format_count(v) if counts else formatting.format_rate(v)
                for v in frame[value]
            ],
            textposition="outside",
            cliponaxis=False,  # the longest bar's label stays whole
        )
    )
    top = frame[value].max() if len(frame) else 0
    axis = charts.count_axis(top, 1.3) if counts else {"range": [0, (top or 1) * 1.3]}
    fig.update_layout(
        title=title,
        height=320,
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={**axis, "tickformat": ",d" if counts else ".2f"},
        margin={"l": 10, "r": 30, "t": 50, "b": 20},
    )
    return fig


def progress_table(progress: Progress, area_name: str, lang: str, where=st) -> None:
    """Target households by latest visit status, with shares (or why there are none)."""
    if progress.counts is None:
        if progress.error is not None:
            where.caption(
                f"{t('visit_progress_unavailable')}  \n{visits_data.store_message(progress.error)}"
            )
        return
    counts, total = progress.counts, progress.total
    if total:
        where.caption(t("progress_of_target", total=f"{total:,}", area=area_name))
        label = column_in_lang("label", lang)
        shown = counts.assign(
            share=[briefing.format_rate(n / total * 100, 1) for n in counts["households"]]
        )
        where.dataframe(
            shown[[label, "households", "share"]],
            hide_index=True,
            width="stretch",
            column_config={
                label: t("status"),
                "households": st.column_config.NumberColumn(
                    t("progress_households"), format="localized"
                ),
                "share": t("progress_share"),
            },
        )
    else:
        where.caption(t("progress_no_target"))
    if progress.visited_outside:
        where.caption(t("visited_outside_list", count=f"{progress.visited_outside:,}"))


def pdf_button(data: briefing.BriefingData, viewer: access.Viewer, area: str, lang: str) -> None:
    """Built and audited when the browser asks for it (pilot names are admin text)."""
    pdf = partial(briefing.briefing_pdf, data, lang=lang, printed_at=datetime.now())
    st.download_button(
        t("briefing_pdf"),
        audit_trail.audited_file(pdf, viewer, "export_pdf", area, 0),
        file_name=f"chipao_briefing_{area}_{data.year}.pdf",
        mime="application/pdf",
        type="primary",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
