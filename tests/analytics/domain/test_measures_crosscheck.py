"""The vectorised measures agree with a straightforward pandas reading of the household rule
(issue 10's contract, written here independently: boolean columns and a groupby)."""

import numpy as np
import pandas as pd
import pytest

from analytics.data import synthetic
from analytics.domain import area_codes, catalogue, household_rule, measures


def straightforward(households: pd.DataFrame) -> pd.DataFrame:
    """Per village, the contract's sums written the obvious way."""
    hh = households.copy()
    hh["i4_3"] = hh["income"] < catalogue.income_threshold() * hh["members"]
    weights = dict(zip(catalogue.indicator_columns(), catalogue.af_weights(), strict=True))
    dims = catalogue.dimension_codes()
    for dim in dims:
        cols = [i.column for i in catalogue.indicators() if i.dimension == dim]
        hh[f"dim_{dim}"] = hh[cols].any(axis=1)
    hh["poor"] = hh[[f"dim_{d}" for d in dims]].any(axis=1)
    hh["score"] = sum(hh[c].astype(float) * w for c, w in weights.items())
    k = catalogue.af_cutoff()
    hh["af_poor_h"] = hh["score"] >= k - 1e-9
    members, verified = hh["members"], hh["verified_members"]
    out = pd.DataFrame(
        {
            "households": 1,
            "persons": members,
            "registered": hh["registered_members"],
            "elderly": hh["elderly_members"],
            "mpi_poor_households": hh["poor"].astype(int),
            "mpi_poor": members * hh["poor"],
            "mpi_poor_registered": hh["registered_members"] * hh["poor"],
            "target_poor": verified * hh["poor"],
            "target_households": (hh["poor"] & (verified > 0)).astype(int),
            "af_poor": members * hh["af_poor_h"],
            "af_score_sum": members * hh["score"] * hh["af_poor_h"],
            "af_vulnerable": members * ((hh["score"] >= 0.2 - 1e-9) & ~hh["af_poor_h"]),
            "af_severe": members * (hh["score"] >= 0.5 - 1e-9),
        }
    )
    for dim in dims:
        out[f"target_{dim}"] = verified * (hh["poor"] & hh[f"dim_{dim}"])
        out[f"mpi_{dim}"] = members * (hh["poor"] & hh[f"dim_{dim}"])
    for ind in catalogue.indicators():
        c = ind.column
        applies = hh.get(f"applies_{c}", pd.Series(True, index=hh.index))
        out[f"fail_{c}"] = members * hh[c]
        out[f"applies_{c}"] = members * applies
        out[f"target_fail_{c}"] = verified * (hh["poor"] & hh[c])
    return out.groupby(hh["village_id"].to_numpy()).sum()


@pytest.fixture(scope="module")
def both():
    data = synthetic.generate(("19",), scale=0.1, years=(2561,))[2561]
    households, _ = household_rule.to_household_schema(data.persons, data.households)
    return measures.village_table(households), straightforward(households)


@pytest.mark.parametrize("level", ["village", "tambon", "amphoe", "province"])
def test_every_level_matches(both, level):
    villages, theirs = both
    ours = villages if level == "village" else measures.rollup(villages, level)
    ours = ours.set_index("code")
    if level != "village":
        theirs = theirs.groupby(theirs.index.str[: area_codes.prefix_length(level)]).sum()
    theirs = theirs.reindex(ours.index)
    assert ours["target_poor"].sum() > 0 and ours["af_poor"].sum() > 0
    for column in theirs.columns:
        if column == "af_score_sum":
            np.testing.assert_allclose(ours[column], theirs[column], rtol=1e-9, err_msg=column)
        else:
            np.testing.assert_array_equal(ours[column], theirs[column].astype(int), column)
