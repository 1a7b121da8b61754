"""The settings a measure depends on, as one value: passed to the queries, keyed into the cubes."""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

from analytics.domain import catalogue

# Indicator weights are 1/(5 x indicators in the dimension); times this scale they are whole
# numbers, so deprivation scores are exact integers and k-cutoff comparisons cannot round wrongly.


@lru_cache(maxsize=1)
def score_scale() -> int:
    """Least common denominator of the Alkire-Foster weights (60 for TPMAP's 4/4/4/3/2 split)."""
    fractions = [Fraction(float(w)).limit_denominator(1000) for w in catalogue.af_weights()]
    scale = 1
    for f in fractions:
        scale = scale * f.denominator // np.gcd(scale, f.denominator)
    return int(scale)


@lru_cache(maxsize=1)
def integer_weights() -> dict[str, int]:
    """Indicator column -> weight x ``score_scale()`` (a whole number)."""
    scaled = catalogue.af_weights() * score_scale()
    return {c: int(round(w)) for c, w in zip(catalogue.indicator_columns(), scaled, strict=True)}


@dataclass(frozen=True)
class MeasureParams:
    """Income threshold (4.3) and the Alkire-Foster cutoff k and band bounds, as fractions."""

    threshold: float
    cutoff: float
    vulnerable_from: float = 0.2
    severe_from: float = 0.5

    @classmethod
    def from_settings(cls) -> MeasureParams:
        af = catalogue.settings().get("alkire_foster", {})
        return cls(
            threshold=catalogue.income_threshold(),
            cutoff=catalogue.af_cutoff(),
            vulnerable_from=float(af.get("vulnerable_from", 0.2)),
            severe_from=float(af.get("severe_from", 0.5)),
        )

    def scaled(self, bound: float) -> float:
        """A band bound on the integer score scale, with the contract's 1e-9 tolerance."""
        return (bound - 1e-9) * score_scale()

    def fingerprint(self) -> str:
        text = repr(astuple(self)) + repr(sorted(integer_weights().items()))
        return hashlib.sha256(text.encode()).hexdigest()[:12]
