"""The generated demo households as one dataset (kind ``demo``) in the catalogue."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.engine import Engine

from analytics import settings
from analytics.data import synthetic
from analytics.domain import access, household_rule, pilots
from analytics.text import labels
from store.datasets import registry, scope
from store.datasets.results import DatasetInfo, NeedsConfirmation, NewDataset

SYSTEM = access.Viewer("system", scope.SYSTEM_ROLE, ())
DEMO_SEED = 2561


def demo_scale() -> float:
    return settings.current().synthetic_scale


def fingerprint(provinces: tuple[str, ...], scale: float, seed: int) -> str:
    """Stands in for the file checksum: a new generator version is a new demo dataset."""
    text = f"chipao-demo|v{synthetic.GENERATOR_VERSION}|{'-'.join(provinces)}|s{scale:g}|{seed}"
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_demo_dataset(
    engine: Engine,
    provinces: tuple[str, ...] = tuple(pilots.PILOT_PROVINCES),
    scale: float | None = None,
    seed: int = DEMO_SEED,
    home: Path | None = None,
) -> DatasetInfo:
    """Register the generated demo once (idempotent: the same generator version, provinces and
    scale are recognised; a new version replaces the previous demo)."""
    scale = demo_scale() if scale is None else scale
    sha = fingerprint(provinces, scale, seed)
    found = registry.find_by_sha256(engine, sha)
    if found is not None:
        return found
    data = synthetic.load_or_generate(provinces, scale, seed)
    # in the household schema whatever the generator version emits (idempotent)
    frames = {
        int(year): household_rule.to_household_schema(d.persons, d.households)
        for year, d in data.items()
    }
    first = min(frames)
    persons = len(frames[first][1])
    new = NewDataset(
        name=labels.t("dataset_demo_name", "en"),
        kind="demo",
        frames=frames,
        tpmap_year=first,
        survey_year=first - 1,  # TPMAP 2561 is built on BMN 2560
        source_name=f"analytics.data.synthetic v{synthetic.GENERATOR_VERSION} scale {scale:g}",
        sha256=sha,
        rows_read=persons,
        rows_kept=persons,
        rows_rejected=0,
    )
    result = registry.register(engine, SYSTEM, new, confirm=True, home=home)
    if isinstance(result, NeedsConfirmation):  # not with confirm=True
        raise RuntimeError("the demo dataset needs no confirmation")
    return result.dataset


def main() -> None:
    """``python -m store.datasets.demo``: generate and register the demo before the server starts
    (scripts/start.sh), so the first page does not wait for it."""
    from store import db

    engine = db.get_engine()
    db.migrate(engine)
    info = ensure_demo_dataset(engine)
    print(f"demo dataset ready: {info.households:,} households, {info.persons:,} persons")


if __name__ == "__main__":
    main()
