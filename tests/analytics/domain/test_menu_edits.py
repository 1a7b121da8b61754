"""A province's menu: the default with its edits applied in order."""

from analytics.domain.menu import edits
from tests.analytics.domain.menu_fixtures import CHILD_GRANT, OLD_AGE_70


def test_amount_change_applies_from_its_budget_year():
    changes = [
        {"programme_id": "old_age_70", "action": "change", "changes": {"amount": 750},
         "budget_year": 2570},
    ]  # fmt: skip
    assert edits.apply_edits([OLD_AGE_70], changes, year=2569)[0].amount == 700.0
    assert edits.apply_edits([OLD_AGE_70], changes, year=2570)[0].amount == 750.0


def test_add_retire_and_rule_change():
    changes = [
        {"programme_id": "new_one", "action": "add",
         "changes": {"name_en": "New", "rule": "age >= 65", "indicators": ["5.1"]}},
        {"programme_id": "child_grant", "action": "retire", "changes": {}},
    ]  # fmt: skip
    out = {p.id: p for p in edits.apply_edits([OLD_AGE_70, CHILD_GRANT], changes)}
    assert out["child_grant"].retired
    assert out["new_one"].rule.text() == "age >= 65" and out["new_one"].indicators == ("5.1",)
    assert out["new_one"].amount is None
