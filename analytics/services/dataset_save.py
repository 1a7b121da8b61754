"""Saving an imported household file as a dataset, and changing datasets (retire, restore):
what the store decides, in the words the import page shows (Thai or English).

The page keeps the confirmation step ("replace the active dataset?") between two clicks; this
module says when one is needed and what it would replace.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.domain import access
from analytics.text import formatting, labels
from store import datasets
from store.db import StoreError


@dataclass(frozen=True)
class Outcome:
    """``kind``: success / info / error (a notice to show), or confirm (ask first: ``replaces``
    names what would be replaced)."""

    kind: str
    text: str = ""
    replaces: str = ""


@dataclass(frozen=True)
class SavePlan:
    """A validated file, cut to the viewer's areas, ready to be named and saved."""

    sha256: str
    households: pd.DataFrame
    persons: pd.DataFrame
    refused: pd.DataFrame  # the import-report rows refused for scope (empty when none)
    covers: str  # what the dataset will hold, in words
    default_name: str
    filename: str
    rows_read: int
    rows_rejected: int

    def dataset(self, name: str, tpmap_year: int, survey_year: int) -> datasets.NewDataset:
        return datasets.NewDataset(
            name=name.strip() or self.default_name,
            kind="import",
            frames={tpmap_year: (self.households, self.persons)},
            tpmap_year=tpmap_year,
            survey_year=survey_year,
            source_name=self.filename,  # the catalogue keeps its last part, for display only
            sha256=self.sha256,
            rows_read=self.rows_read,
            rows_kept=len(self.persons),
            rows_rejected=self.rows_rejected + len(self.refused),
        )


def file_sha256(data: bytes) -> str:
    """The file's identity in the catalogue (hashed once per upload and rerun: up to 200 MB)."""
    return hashlib.sha256(data).hexdigest()


def already_saved(engine: Engine, sha256: str) -> datasets.DatasetInfo | None:
    """The dataset this very file was saved as, if any."""
    return datasets.find_by_sha256(engine, sha256)


def plan_save(
    viewer: access.Viewer, sha256: str, filename: str, result: Any, lang: str
) -> SavePlan:
    """``result``: the importer's (``persons``, ``households``, ``rows_read``, ``rows_rejected``)."""
    persons, households, refused = datasets.split_by_scope(
        viewer, result.persons, result.households
    )
    tambons = datasets.scope.tambons_of(households)
    covers = labels.t(
        "dataset_covers",
        lang,
        provinces=", ".join(datasets.scope.provinces_of(tambons)),
        tambons=len(tambons),
        households=len(households),
        persons=len(persons),
    )
    return SavePlan(
        sha256=sha256,
        households=households,
        persons=persons,
        refused=outside_report(refused, lang),
        covers=covers,
        default_name=Path(filename).stem[:200] or "import",
        filename=filename,
        rows_read=result.rows_read,
        rows_rejected=result.rows_rejected,
    )


def outside_report(refused: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows refused for scope, in the shape of the import report (row, field, value, reason)."""
    reason = [labels.t("dataset_outside_reason", lang, code=c) for c in refused["village_code"]]
    return pd.DataFrame(
        {
            "row": refused["row"].to_numpy(),
            "field": labels.t("dataset_scope_field", lang),
            "value": refused["village_code"].to_numpy(),
            f"reason_{lang}": reason,
        }
    )


def save(
    engine: Engine, viewer: access.Viewer, new: datasets.NewDataset, confirm: bool, lang: str
) -> Outcome:
    return _change(
        lambda: datasets.register(engine, viewer, new, confirm=confirm),
        lambda outcome: _saved_text(outcome, lang),
        lang,
    )


def retire(engine: Engine, viewer: access.Viewer, dataset_id: str, lang: str) -> Outcome:
    return _change(
        lambda: datasets.retire(engine, viewer, dataset_id),
        lambda info: labels.t("dataset_retired_ok", lang, name=display_name(info, lang)),
        lang,
    )


def restore(
    engine: Engine, viewer: access.Viewer, dataset_id: str, confirm: bool, lang: str
) -> Outcome:
    return _change(
        lambda: datasets.restore(engine, viewer, dataset_id, confirm=confirm),
        lambda info: labels.t("dataset_restored_ok", lang, name=display_name(info, lang)),
        lang,
    )


def _change(act: Callable[[], Any], done: Callable[[Any], str], lang: str) -> Outcome:
    try:
        outcome = act()
    except (datasets.DatasetError, access.AccessDenied) as error:
        return Outcome("error", f"{error.message_th}  \n{error.message_en}")
    except StoreError as error:
        return Outcome("error", error.shown())
    if isinstance(outcome, datasets.NeedsConfirmation):
        return Outcome("confirm", replaces=names_of(outcome.would_replace, lang))
    if isinstance(outcome, datasets.AlreadyImported):
        return Outcome("info", already_text(outcome.dataset, lang))
    return Outcome("success", done(outcome))


def _saved_text(outcome: Any, lang: str) -> str:
    info = outcome.dataset
    text = labels.t(
        "dataset_saved", lang, name=info.name, households=info.households, persons=info.persons
    )
    if outcome.replaced:
        text += "  \n" + labels.t(
            "dataset_saved_replaced", lang, names=names_of(outcome.replaced, lang)
        )
    return text


def display_name(info: datasets.DatasetInfo, lang: str) -> str:
    return labels.t("dataset_demo_name", lang) if info.kind == "demo" else info.name


def names_of(infos: Sequence[datasets.DatasetInfo], lang: str) -> str:
    return ", ".join(f"“{display_name(i, lang)}” ({', '.join(i.provinces)})" for i in infos)


def when(info: datasets.DatasetInfo, lang: str) -> str:
    """The import's date and time in the one date style (stored in UTC, shown in Thai time)."""
    stamp = pd.Timestamp(info.imported_at)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return formatting.date_label(stamp, lang, with_time=True)


def already_text(info: datasets.DatasetInfo, lang: str) -> str:
    return labels.t(
        "dataset_already",
        lang,
        name=display_name(info, lang),
        status=labels.t(f"dataset_status_{info.status}", lang),
        by=info.imported_by,
        when=when(info, lang),
    )
