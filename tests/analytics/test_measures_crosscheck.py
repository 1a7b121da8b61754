"""The vectorised measures agree with the straightforward pandas version the benchmark times."""

import numpy as np
import pytest

from analytics import synthetic
from benchmarks.run import chipao_all_levels, straightforward_pandas

SAME = {
    "persons": "persons",
    "households": "households",
    "registered": "registered",
    "elderly": "elderly",
    "mpi_poor": "poor",
    "mpi_poor_registered": "poor_registered",
    "target_poor": "target",
    "mpi_poor_households": "poor_households",
    "target_households": "target_households",
    "target_health": "target_health",
    "mpi_income": "mpi_income",
    "fail_i4_3": "i4_3",
    "fail_i2_2": "i2_2",
    "target_fail_i3_2": "target_fail_i3_2",
    "af_poor": "af_poor",
}


@pytest.fixture(scope="module")
def both():
    data = synthetic.with_person_indicator_columns(
        synthetic.generate(("19",), scale=0.1, years=(2561,))[2561]
    )
    return (
        chipao_all_levels(data.persons, data.households),
        straightforward_pandas(data.persons, data.households),
    )


@pytest.mark.parametrize("level", ["village", "tambon", "amphoe", "province"])
def test_every_level_matches(both, level):
    ours, theirs = both
    ours = ours[level].set_index("code")
    theirs = theirs[level].reindex(ours.index)
    assert ours["target_poor"].sum() > 0
    for column, other in SAME.items():
        np.testing.assert_array_equal(ours[column].to_numpy(), theirs[other].to_numpy(), column)
    if level != "village":
        np.testing.assert_allclose(ours["af_m0"], theirs["af_m0"], rtol=1e-5)
        np.testing.assert_allclose(ours["rate"], theirs["rate"])
