"""A province's menu = the default catalogue with its edits applied in order.

An edit is (programme_id, action, changes, budget_year): ``add`` a programme (changes hold
every field), ``change`` fields (amount, indicators, rule text, agency, names, unit, period),
``retire`` / ``restore``. An amount change with a budget year applies from that year on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from analytics.domain.menu import rules
from analytics.domain.menu.model import Programme

EDITABLE = ("name_th", "name_en", "menu_area", "agency", "amount", "unit", "period")
EDITABLE_LISTS = ("indicators",)


def apply_edits(
    programmes: Sequence[Programme],
    edits: Iterable[Mapping[str, object]],
    year: int | None = None,
) -> tuple[Programme, ...]:
    """The catalogue after the edits (those with a budget year after ``year`` skipped)."""
    by_id = {p.id: p for p in programmes}
    order = [p.id for p in programmes]
    for edit in edits:
        edit_year = edit.get("budget_year")
        if year is not None and edit_year is not None and int(str(edit_year)) > year:
            continue
        pid = str(edit["programme_id"])
        changes = dict(edit.get("changes") or {})  # type: ignore[call-overload]
        action = edit["action"]
        if action == "add":
            by_id[pid] = _changed(_blank(pid), changes)
            order += [] if pid in order else [pid]
        elif pid not in by_id:
            continue
        elif action == "change":
            by_id[pid] = _changed(by_id[pid], changes)
        else:
            by_id[pid] = dataclasses.replace(by_id[pid], retired=action == "retire")
    return tuple(by_id[p] for p in order)


def _changed(prog: Programme, changes: dict) -> Programme:
    values: dict[str, object] = {k: changes[k] for k in EDITABLE if k in changes}
    if "amount" in values and values["amount"] is not None:
        values["amount"] = float(str(values["amount"]))
    if "indicators" in changes:
        values["indicators"] = tuple(str(c) for c in changes["indicators"])
    if "rule" in changes:
        values["rule"] = rules.parse(str(changes["rule"]))
        values["inferred"] = False
    return dataclasses.replace(prog, **values)  # type: ignore[arg-type]


def _blank(pid: str) -> Programme:
    return Programme(
        id=pid,
        name_th=pid,
        name_en=pid,
        menu_area="other",
        dimension="all",
        indicators=(),
        rule=rules.Rule(),
        amount=None,
        unit="household",
        period="once",
        agency="",
    )
