"""A link's query parameters: usable values are kept, anything else is named and ignored."""

import pytest

from analytics.domain import view_address
from analytics.domain.view_address import ViewAddress


def test_a_tambon_link_in_english_is_read():
    address = view_address.parse({"area": "190110", "year": "2561", "lang": "en"})
    assert address == ViewAddress(area="190110", year=2561, lang="en")


@pytest.mark.parametrize("area", ["TH", "th", "19", "1901", "190110", "190151", "19011001"])
def test_every_level_and_a_municipal_pseudo_tambon_are_areas(area):
    assert view_address.parse({"area": area}).area == area.upper()


@pytest.mark.parametrize(
    "params",
    [
        {"area": "999999"},  # no such tambon
        {"area": "99"},  # no province 99
        {"area": "19ab"},  # letters
        {"area": "<script>"},
        {"area": "1" * 5000},
        {"year": "2561.0"},
        {"year": "abcd"},
        {"year": "1999"},
        {"lang": "fr"},
        {"source": "everything"},
        {"area": ""},
    ],
)
def test_unusable_values_are_ignored_and_named(params):
    address = view_address.parse(params)
    assert address.empty
    assert address.ignored == tuple(params)


def test_a_repeated_parameter_uses_its_first_value():
    assert view_address.parse({"area": ["19", "60"]}).area == "19"


def test_unknown_parameters_are_not_looked_at():
    assert view_address.parse({"utm_source": "chat"}) == ViewAddress()


def test_params_round_trip():
    params = view_address.to_params("190110", 2564, "th", "households")
    assert params == {"area": "190110", "year": "2564", "lang": "th", "source": "households"}
    assert view_address.parse(params) == ViewAddress("190110", 2564, "th", "households")
    assert view_address.to_params("", 2561, "en", None) == {
        "area": "TH",
        "year": "2561",
        "lang": "en",
    }
