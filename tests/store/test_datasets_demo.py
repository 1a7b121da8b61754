"""The generated demo is one dataset: registered once, again for a new generator version."""

from __future__ import annotations

import pandas as pd

from analytics.data import synthetic
from store import datasets


def test_demo_is_registered_once_in_the_dataset_layout(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))
    first = datasets.ensure_demo_dataset(engine, ("19",), scale=0.01, seed=7, home=tmp_path)
    again = datasets.ensure_demo_dataset(engine, ("19",), scale=0.01, seed=7, home=tmp_path)
    assert again.id == first.id and len(datasets.list_datasets(engine)) == 1
    assert first.kind == "demo" and first.provinces == ["19"] and first.imported_by == "system"
    assert first.years == [2561, 2562, 2563, 2564] and first.tpmap_year == 2561
    generated = synthetic.load_or_generate(("19",), 0.01, 7)
    for found in datasets.active_files(engine, tmp_path):
        assert found.demo and found.provinces == ("19",)
        written = pd.read_parquet(found.households)
        pd.testing.assert_frame_equal(written, generated[found.year].households)
        assert len(pd.read_parquet(found.persons)) == len(generated[found.year].persons)
    assert first.households == len(generated[2561].households)


def test_a_new_generator_version_replaces_the_demo(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))
    old = datasets.ensure_demo_dataset(engine, ("19",), scale=0.01, seed=7, home=tmp_path)
    monkeypatch.setattr(synthetic, "GENERATOR_VERSION", synthetic.GENERATOR_VERSION + 1)
    new = datasets.ensure_demo_dataset(engine, ("19",), scale=0.01, seed=7, home=tmp_path)
    assert new.id != old.id
    assert datasets.get(engine, old.id).status == "replaced"
    assert {f.dataset_id for f in datasets.active_files(engine, tmp_path)} == {new.id}
