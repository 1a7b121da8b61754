"""The action-plan tab: choose programmes and quarters, rank under the ceiling, totals,
stage targets, save a version, download Excel and PDF (audited like every delivered file)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from analytics.domain import access, areas, catalogue, rules
from analytics.io import exports, plan_export
from analytics.services import menu as menu_service
from analytics.services import plans as plan_service
from analytics.text import formatting
from store import plans as plan_store
from store.db import StoreError
from ui import audit_trail, shared, visits_data

BUILDER_ROLES = ("planner", "admin")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def builder(area: plan_service.AreaMatches, filters: shared.Filters, viewer: access.Viewer) -> None:
    t, lang = shared.t, filters.lang
    if viewer.role not in BUILDER_ROLES:
        st.info(t("builder_planner_only"))
        return
    demand = plan_service.demand(area, lang)
    offered = demand[demand["suggested"] > 0]
    names = dict(zip(demand["programme_id"], demand["name"], strict=True))
    left, right = st.columns(2)
    year = int(
        left.number_input(t("builder_year"), 2560, 2600, next_budget_year(), key="plan_year")
    )
    ceiling = float(
        right.number_input(t("builder_ceiling"), 0.0, value=1_000_000.0, step=50_000.0,
                           key="plan_ceiling")
    )  # fmt: skip
    chosen = st.multiselect(
        t("builder_programmes"),
        list(names),
        default=offered["programme_id"].tolist(),
        format_func=lambda p: names[p],
        key="plan_programmes",
    )
    quarters = _quarters(chosen, names)
    amounts = plan_service.amounts_for(visits_data.engine(), filters.area_code, year)
    plan = plan_service.build_plan(area, chosen, ceiling, quarters, amounts)
    st.caption(t("builder_rank_note"))
    rows = _rows_with_names(plan.rows, names)
    st.dataframe(_shown(rows, lang), hide_index=True, width="stretch", key="plan_rows")
    st.markdown(
        t("builder_fits", cost=formatting.format_count(plan.fitting_cost),
          ceiling=formatting.format_count(ceiling), unknown=plan.unknown_rows)
    )  # fmt: skip
    _totals(plan, lang)
    _stages(plan.stages, lang)
    header = plan_export.PlanHeader(
        areas.area_name(filters.area_code, lang), year, ceiling, plan.fitting_cost,
        plan.unknown_rows, viewer.username, datetime.now(UTC),
    )  # fmt: skip
    in_plan = _rows_with_names(plan.plan_rows, names)  # filed: what fits, and unknown costs
    _save_and_download(in_plan, header, filters, viewer, year, ceiling)


def next_budget_year() -> int:
    """The Thai budget year after this one (it starts in October)."""
    today = date.today()
    return today.year + 543 + (2 if today.month >= 10 else 1)


def _quarters(chosen: list[str], names: dict[str, str]) -> dict[str, int]:
    t = shared.t
    if not chosen:
        return {}
    frame = pd.DataFrame({"id": chosen, "name": [names[c] for c in chosen], "quarter": 1})
    edited = st.data_editor(
        frame,
        column_config={
            "id": None,
            "name": st.column_config.TextColumn(t("plan_head_programme"), disabled=True),
            "quarter": st.column_config.NumberColumn(t("builder_quarter"), min_value=1,
                                                     max_value=4, step=1),
        },
        hide_index=True,
        key="plan_quarters",
    )  # fmt: skip
    return {str(i): int(q or 1) for i, q in zip(edited["id"], edited["quarter"], strict=True)}


def _rows_with_names(rows: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    out = rows.copy()
    out.insert(1, "name", out["programme_id"].map(names))
    return out


def _shown(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = shared.t
    money = [formatting.format_count(v) if pd.notna(v) else t("demand_cost_unknown")
             for v in rows["cost"]]  # fmt: skip
    return pd.DataFrame(
        {
            t("builder_col_rank"): rows["rank"].astype("Int64"),
            t("plan_head_programme"): rows["name"],
            t("plan_head_agency"): rows["agency"],
            t("builder_col_quarter"): rows["quarter"],
            t("plan_head_households"): rows["households"],
            t("builder_col_units"): rows["units"],
            t("builder_col_months"): rows["months"],
            t("plan_head_cost"): money,
            t("plan_head_moved"): rows["moved"],
            t("builder_col_per_million"): rows["per_million"].round(2),
            t("builder_col_status"): [t(f"builder_status_{s}") for s in rows["status"]],
        }
    )


def _totals(plan: plan_service.PlanView, lang: str) -> None:
    t = shared.t
    blocks = (
        ("builder_totals_agency", plan.by_agency, "agency", lambda v: v),
        ("builder_totals_dimension", plan.by_dimension, "dimension",
         lambda v: catalogue.dimension_name(v, lang) if v != "all" else t("menu_any")),
        ("builder_totals_menu_area", plan.by_menu_area, "menu_area",
         lambda v: menu_service.menu_area_name(v, lang)),
    )  # fmt: skip
    for column, (title, table, key, word) in zip(st.columns(3), blocks, strict=True):
        column.markdown(f"**{t(title)}**")
        column.dataframe(
            pd.DataFrame(
                {
                    t("totals_col_group"): [word(v) for v in table[key]],
                    t("totals_col_households"): table["households"],
                    t("totals_col_known_cost"): [
                        formatting.format_count(v) if pd.notna(v) else t("demand_cost_unknown")
                        for v in table["known_cost"]
                    ],
                    t("totals_col_unknown_rows"): table["unknown_rows"],
                }
            ),
            hide_index=True,
        )


def _stages(stages: pd.DataFrame, lang: str) -> None:
    t = shared.t
    st.markdown(f"**{t('builder_stages')}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("stage_col_stage"): [rules.STAGE_LABELS[s].in_(lang) for s in stages["stage"]],
                t("stage_col_now"): stages["now"],
                t("stage_col_target"): stages["target"],
            }
        ),
        hide_index=True,
    )


def _save_and_download(rows, header, filters, viewer, year: int, ceiling: float) -> None:
    t, lang, area = shared.t, filters.lang, filters.area_code
    save, xlsx, pdf = st.columns(3)
    if save.button(t("builder_save"), type="primary", key="plan_save"):
        try:
            version = plan_store.save_area_plan(
                visits_data.engine(), area, year, ceiling, rows, viewer.username
            )
        except plan_store.PlanError as err:
            st.error(t("step_error", problem=t(f"plan_problem_{err.problem}")))
        except StoreError as error:
            st.error(visits_data.store_message(error))
        else:
            st.success(t("builder_saved", version=version))
    xlsx.download_button(
        t("builder_download_xlsx"),
        audit_trail.audited_file(
            lambda: plan_export.to_excel(rows, header, lang), viewer, "export_xlsx", area, len(rows)
        ),
        file_name=plan_service.plan_file_name(area, year, "xlsx"),
        mime=XLSX, key="plan_dl_xlsx", on_click="ignore",
    )  # fmt: skip
    try:
        exports.find_thai_font()
    except exports.ThaiFontNotFoundError:
        pdf.caption(t("builder_no_font"))
        return
    pdf.download_button(
        t("builder_download_pdf"),
        audit_trail.audited_file(
            lambda: plan_export.to_pdf(rows, header, lang), viewer, "export_pdf", area, len(rows)
        ),
        file_name=plan_service.plan_file_name(area, year, "pdf"),
        mime="application/pdf", key="plan_dl_pdf", on_click="ignore",
    )  # fmt: skip
