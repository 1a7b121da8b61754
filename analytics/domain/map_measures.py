"""Which area measures a map can colour by, with their labels and units."""

from __future__ import annotations

from dataclasses import dataclass

from analytics.domain import catalogue
from analytics.text import formatting, labels


@dataclass(frozen=True)
class MapMeasure:
    key: str  # column of the area table
    unit: str  # "persons", "percent" or "index"

    def label(self, lang: str) -> str:
        if self.key.startswith("target_fail_") or self.key.startswith("fail_"):
            column = self.key.split("fail_", 1)[1]
            ind = next(i for i in catalogue.indicators() if i.column == column)
            prefix = labels.t(
                "target_failing" if self.key.startswith("target") else "all_failing", lang
            )
            return f"{prefix} {ind.code} {catalogue.indicator_name(ind.code, lang)}"
        if self.key.startswith("target_") and self.key[7:] in catalogue.dimension_codes():
            dim = catalogue.dimension_name(self.key[7:], lang)
            return f"{labels.t('target_poor', lang)}: {dim}"
        return labels.t(self.key, lang)

    @property
    def digits(self) -> int:
        return {"percent": 2, "index": 4}.get(self.unit, 0)

    def format(self, value: float, digits: int | None = None) -> str:
        digits = self.digits if digits is None else digits
        if self.unit == "percent":
            text = formatting.format_rate(value, digits)
            return text if text == formatting.MISSING else f"{text} %"
        return formatting.format_number(value, digits)


def map_measures() -> list[MapMeasure]:
    """Target poor (count and rate), MPI-poor rate, each dimension, each indicator, AF H, A, M0."""
    out = [
        MapMeasure("target_poor", "persons"),
        MapMeasure("rate", "percent"),
        MapMeasure("mpi_poor", "persons"),
        MapMeasure("mpi_rate", "percent"),
    ]
    out += [MapMeasure(f"target_{d}", "persons") for d in catalogue.dimension_codes()]
    out += [MapMeasure(f"fail_{c}", "persons") for c in catalogue.indicator_columns()]
    out += [MapMeasure(key, "index") for key in ("af_h", "af_a", "af_m0")]
    return out


def measure_by_key(key: str) -> MapMeasure:
    for measure in map_measures():
        if measure.key == key:
            return measure
    raise KeyError(key)
