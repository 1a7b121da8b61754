"""The household card of the target list, in the reader's language: who lives there (masked per
role), what it fails, why it is listed, its visits and the suggested next step."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.domain import access, catalogue, rules, target_lists
from analytics.services.bilingual import in_lang
from analytics.text import labels
from analytics.text.formatting import date_label
from analytics.text.plain import plain
from store import visits
from store.db import StoreError


@dataclass(frozen=True)
class CardView:
    """What the card shows; ``history_error`` when the visit log could not be read."""

    title: str
    head_line: str
    next_step: str
    why: str
    failed: str
    members_title: str
    members: pd.DataFrame
    history: str
    history_error: StoreError | None = None


def member_table(members: pd.DataFrame, viewer: access.Viewer, lang: str) -> pd.DataFrame:
    """Name, age, sex and care needs of each member; names hidden where the role may not see."""
    t = labels.t
    if not viewer.sees_personal:
        members = access.mask_personal(members.copy())
    sexes = {1: t("card_sex_1", lang), 2: t("card_sex_2", lang)}
    care = ((t("card_disabled", lang), "disabled"), (t("card_bedridden", lang), "bedridden"))
    notes = [
        ", ".join(word for word, column in care if pd.notna(member[column]) and member[column])
        for _, member in members.iterrows()
    ]
    return pd.DataFrame(
        {
            t("card_member_name", lang): members["name"].map(plain).to_numpy(),
            t("card_member_age", lang): members["age"].to_numpy(),
            t("card_member_sex", lang): members["sex"].map(sexes).fillna("–").to_numpy(),
            t("card_member_flags", lang): notes,
        }
    )


def visit_history(engine: Engine, house_code: str) -> tuple[pd.DataFrame, StoreError | None]:
    """The current version of each visit, newest first (empty, with the error, when the log
    cannot be read: the card still shows the household)."""
    try:
        timeline = visits.household_timeline(engine, house_code)
    except StoreError as error:
        return pd.DataFrame(), error
    return (timeline[timeline["current"]] if len(timeline) else timeline), None


def history_lines(history: pd.DataFrame, lang: str) -> list[str]:
    critical = f" · :red[{labels.t('visit_card_critical', lang)}]"
    return [
        f"{date_label(v.visit_date, lang)} · {catalogue.status_label(str(v.status), lang)}"
        + (critical if v.critical else "")
        for v in history.itertuples()
    ]


def next_step(row: pd.Series, history: pd.DataFrame, lang: str) -> str:
    """What to do next: from the rules' critical flag and the last visit."""
    last = history.iloc[0] if len(history) else None
    key, when = target_lists.next_step(
        bool(row["critical"]),
        None if last is None else last["status"],
        None if last is None else last["visit_date"],
        None if last is None else last["next_visit_date"],
    )
    return (
        labels.t(key, lang, date=date_label(when, lang))
        if when is not None
        else labels.t(key, lang)
    )


def card_view(
    engine: Engine, row: pd.Series, members: pd.DataFrame, viewer: access.Viewer, lang: str
) -> CardView:
    """One listed household (a row of ``target_lists.target_list``, already masked)."""
    t = labels.t
    history, error = visit_history(engine, row["house_code"])
    stage = in_lang(rules.STAGE_LABELS[row["stage"]], lang)
    codes = [c.strip() for c in str(row["failed_codes"] or "").split(",") if c.strip()]
    failed = "\n".join(f"- {c} {catalogue.indicator_name(c, lang)}" for c in codes)
    shown = member_table(members, viewer, lang)
    lines = history_lines(history, lang)
    return CardView(
        title=t("card_title", lang, code=row["house_code"]),
        head_line=(
            f"{t('card_head', lang)}: **{plain(row['head_name'])}** · "
            f"{t('card_stage', lang)}: **{stage}**"
        ),
        next_step=f"**{t('card_next', lang)}**: {next_step(row, history, lang)}",
        why=f"**{t('card_why', lang)}**  \n{target_lists.why_listed(row.to_frame().T, lang)[0]}",
        failed=f"**{t('card_failed', lang)}**  \n" + (failed or t("card_failed_none", lang)),
        members_title=f"**{t('card_members', lang, count=len(shown))}**",
        members=shown,
        history=f"**{t('card_history', lang)}**  \n"
        + ("  \n".join(lines) or t("card_no_visits", lang)),
        history_error=error,
    )
