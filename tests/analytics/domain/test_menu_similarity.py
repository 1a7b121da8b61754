"""Similarity of tambon profiles on made-up tables."""

import pandas as pd
import pytest

from analytics.domain import catalogue
from analytics.domain.menu import similarity


def _table(rows):
    out = []
    for code, persons, rate in rows:
        row = {"code": code, "persons": persons}
        row.update({f"fail_{i.column}": int(persons * rate) for i in catalogue.indicators()})
        out.append(row)
    return pd.DataFrame(out)


def test_nearest_profile_and_size_rank_first():
    table = _table(
        [
            ("100101", 1000, 0.10),  # the pilot
            ("200101", 1000, 0.11),  # same size, nearly the same rates
            ("300101", 10000, 0.10),  # same rates, ten times the size
            ("400101", 1000, 0.50),  # far poorer
            ("500101", 0, 0.0),  # nobody surveyed: dropped
        ]
    )
    ranked = similarity.most_similar(similarity.profiles(table), "100101", top=5)
    assert ranked["code"].tolist() == ["200101", "300101", "400101"]
    assert ranked["rank"].tolist() == [1, 2, 3]
    assert ranked["similarity"].is_monotonic_decreasing


def test_unknown_pilot_code_raises():
    with pytest.raises(KeyError):
        similarity.most_similar(similarity.profiles(_table([("100101", 10, 0.1)])), "999999")


def test_a_pilot_of_several_tambons_is_compared_as_its_mean_tambon():
    table = _table(
        [
            ("100101", 1000, 0.10),
            ("100102", 1000, 0.10),  # pilot: two tambons of 1,000 at 10%
            ("200101", 1000, 0.10),  # a tambon like either of them
            ("300101", 2000, 0.10),  # as large as the two together
        ]
    )
    features = similarity.profiles(table)
    pilot = similarity.group_profile(table, ["100101", "100102"])
    ranked = similarity.most_similar(features, pilot, exclude=("100101", "100102"))
    assert ranked["code"].tolist() == ["200101", "300101"]
    assert ranked["distance"].iloc[0] == pytest.approx(0.0)
