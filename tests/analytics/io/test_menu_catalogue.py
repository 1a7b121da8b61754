"""The shared programmes.csv read into the menu model through menu_rules.toml."""

import pytest

from analytics.io import menu_catalogue


def test_every_row_of_the_shared_catalogue_reads():
    programmes = menu_catalogue.load()
    assert len(programmes) == 52
    by_id = {p.id: p for p in programmes}
    tier = by_id["old_age_70"]
    assert tier.amount == 700.0 and tier.unit == "person" and tier.period == "month"
    assert tier.indicators == ("5.1", "4.2")  # BMN 27; 21
    assert by_id["welfare_card_registration"].indicators == ()  # "all"
    assert by_id["village_water"].amount is None  # blank in the CSV: unknown, not zero
    assert by_id["kkkj_fund"].amount is None  # per village, not per household
    assert by_id["sufficiency_home"].inferred


def test_a_row_without_a_mapping_is_named(tmp_path):
    source = menu_catalogue.default_path().read_text(encoding="utf-8").splitlines()
    bad = source[:2] + [source[2].replace("Cash assistance", "Unmapped assistance")]
    path = tmp_path / "programmes.csv"
    path.write_text("\n".join(bad), encoding="utf-8")
    with pytest.raises(menu_catalogue.MenuCatalogueError) as err:
        menu_catalogue.load(path)
    assert err.value.row == 3 and err.value.field == "programme_en"


def test_bad_amount_is_named(tmp_path):
    source = menu_catalogue.default_path().read_text(encoding="utf-8").splitlines()
    path = tmp_path / "programmes.csv"
    path.write_text("\n".join([source[0], source[1].replace(",600,", ",six,")]), "utf-8")
    with pytest.raises(menu_catalogue.MenuCatalogueError) as err:
        menu_catalogue.load(path)
    assert (err.value.row, err.value.field) == (2, "benefit_amount_baht")
