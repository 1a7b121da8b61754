"""Follow-up lists: households a field team should revisit to complete the data (issue 14).

A planner sends the households of an area that have unanswered indicators or unlinked members
(``analytics.domain.followup``) as a list; field users whose areas hold a household's tambon see
it as a list to visit. When a newer file for the area is active, ``track_completion`` closes the
items whose household is in the new file and no longer has a gap. Sending is audited
(``send_followup``) in the same transaction; the audit row holds counts only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.audit import log_event_in
from store.db import read_connection, write_transaction
from store.followup_models import FollowupItem, FollowupList
from store.models import utcnow

_LISTS = cast(sa.Table, FollowupList.__table__)
_ITEMS = cast(sa.Table, FollowupItem.__table__)
ITEM_COLUMNS = (
    "list_id",
    "house_code",
    "village_id",
    "tambon",
    "reasons",
    "status",
    "completed_at",
    "completed_dataset_id",
    "dataset_id",
    "year",
    "created_at",
)
MAX_REASONS = 300


def send_list(
    engine: Engine,
    *,
    area_code: str,
    dataset_id: str,
    year: int,
    items: pd.DataFrame,
    username: str,
    role: str,
) -> int:
    """Store ``items`` (``house_code, village_id, tambon, reasons``) as a new list; returns its
    id. One transaction with its audit row; an empty list is refused (ValueError)."""
    if items.empty:
        raise ValueError("an empty follow-up list")
    items = items.drop_duplicates("house_code")
    with write_transaction(engine) as conn:
        list_id = conn.execute(
            sa.insert(_LISTS).returning(_LISTS.c.id),
            {
                "area_code": area_code,
                "dataset_id": dataset_id,
                "year": int(year),
                "households": len(items),
                "created_by": username,
                "created_at": utcnow(),
            },
        ).scalar_one()
        conn.execute(
            sa.insert(_ITEMS),
            [
                {
                    "list_id": list_id,
                    "house_code": str(row.house_code),
                    "village_id": str(row.village_id),
                    "tambon": str(row.tambon),
                    "reasons": str(row.reasons)[:MAX_REASONS],
                    "status": "open",
                }
                for row in items.itertuples(index=False)
            ],
        )
        log_event_in(
            conn,
            username=username,
            role=role,
            action="send_followup",
            area_code=area_code,
            rows=len(items),
            detail=f"list={list_id},year={int(year)}",
        )
    return int(list_id)


def _select():
    return sa.select(
        _ITEMS.c.list_id,
        _ITEMS.c.house_code,
        _ITEMS.c.village_id,
        _ITEMS.c.tambon,
        _ITEMS.c.reasons,
        _ITEMS.c.status,
        _ITEMS.c.completed_at,
        _ITEMS.c.completed_dataset_id,
        _LISTS.c.dataset_id,
        _LISTS.c.year,
        _LISTS.c.created_at,
    ).join(_LISTS, _LISTS.c.id == _ITEMS.c.list_id)


def _prefixes(column: sa.ColumnElement, prefixes: Iterable[str]) -> sa.ColumnElement[bool]:
    clauses = [column.startswith(p, autoescape=True) for p in prefixes]
    return sa.or_(*clauses) if clauses else sa.true()


def items(
    engine: Engine,
    area_code: str,
    scope: Iterable[str] = (),
    status: str | None = "open",
) -> pd.DataFrame:
    """Items of households in ``area_code`` (any level; "TH" = all) inside ``scope`` (the
    viewer's area prefixes; empty = everywhere), latest list first; ``status`` None = all."""
    query = _select()
    if area_code not in ("", "TH"):
        query = query.where(_ITEMS.c.village_id.startswith(area_code, autoescape=True))
    query = query.where(_prefixes(_ITEMS.c.village_id, tuple(scope)))
    if status is not None:
        query = query.where(_ITEMS.c.status == status)
    query = query.order_by(_ITEMS.c.list_id.desc(), _ITEMS.c.house_code)
    with read_connection(engine) as conn:
        rows = conn.execute(query).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=list(ITEM_COLUMNS))
    return frame.drop_duplicates("house_code", ignore_index=True)  # the latest list's item


def track_completion(
    engine: Engine,
    area_code: str,
    dataset_id: str,
    present: Iterable[str],
    still_open: Iterable[str],
) -> dict[str, int]:
    """Close the open items of ``area_code`` from an *earlier* dataset whose household is in
    the new one (``present``) and no longer has a gap (not in ``still_open``). Returns
    ``{"completed": n, "open": m}`` for the area after the update."""
    present_set, open_set = set(map(str, present)), set(map(str, still_open))
    current = items(engine, area_code, status="open")
    done = current[
        (current["dataset_id"] != dataset_id)
        & current["house_code"].isin(present_set)
        & ~current["house_code"].isin(open_set)
    ]
    if len(done):
        with write_transaction(engine) as conn:
            for chunk in _chunks(done["house_code"].tolist(), 500):
                conn.execute(
                    sa.update(_ITEMS)
                    .where(_ITEMS.c.status == "open")
                    .where(_ITEMS.c.house_code.in_(chunk))
                    .values(
                        status="completed", completed_at=utcnow(), completed_dataset_id=dataset_id
                    )
                )
    everything = items(engine, area_code, status=None)
    return {
        "completed": int((everything["status"] == "completed").sum()),
        "open": int((everything["status"] == "open").sum()),
    }


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def lists(engine: Engine, area_code: str) -> pd.DataFrame:
    """The lists sent for households of ``area_code``: id, area, year, households, sent
    by/at, and how many of their items are open and completed."""
    status = _ITEMS.c.status
    query = (
        sa.select(
            _LISTS.c.id,
            _LISTS.c.area_code,
            _LISTS.c.year,
            _LISTS.c.households,
            _LISTS.c.created_by,
            _LISTS.c.created_at,
            sa.func.sum(sa.case((status == "open", 1), else_=0)).label("open"),
            sa.func.sum(sa.case((status == "completed", 1), else_=0)).label("completed"),
        )
        .join(_ITEMS, _ITEMS.c.list_id == _LISTS.c.id)
        .where(_prefixes(_ITEMS.c.village_id, () if area_code in ("", "TH") else (area_code,)))
        .group_by(_LISTS.c.id)
        .order_by(_LISTS.c.id.desc())
    )
    with read_connection(engine) as conn:
        rows = conn.execute(query).mappings().all()
    columns = ["id", "area_code", "year", "households", "created_by", "created_at"]
    return pd.DataFrame([dict(r) for r in rows], columns=[*columns, "open", "completed"])
