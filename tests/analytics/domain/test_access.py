"""Roles, scope and masking are enforced on the data, not only in the UI."""

import pandas as pd
import pytest

from analytics.auth import passwords
from analytics.domain import access, citizen_id

IDS = citizen_id.synthetic_ids([5, 6, 7])
FRAME = pd.DataFrame(
    {
        "tambon": ["190105", "190106", "600102"],
        "head_citizen_id": IDS,
        "head_name": ["สมชาย ใจดี", "สมศรี สุขสม", "บุญมี ศรีสุข"],
        "members": [3, 2, 4],
    }
)


def test_executive_sees_no_households():
    with pytest.raises(access.AccessDenied, match="aggregates only"):
        access.household_view(access.Viewer("exec", "executive"), FRAME)


def test_planner_scope_and_masking():
    rows = access.household_view(access.Viewer("p", "planner", ("19",)), FRAME)
    assert rows["tambon"].tolist() == ["190105", "190106"]
    assert rows["head_name"].tolist() == ["•••", "•••"]
    assert not citizen_id.valid_mask(rows["head_citizen_id"]).any()
    assert rows["head_citizen_id"].iloc[0] == citizen_id.mask(IDS[0])
    assert FRAME["head_name"].iloc[0] == "สมชาย ใจดี"  # the source frame is untouched


def test_field_team_sees_names_in_their_tambons_only():
    rows = access.household_view(access.Viewer("f", "field", ("190105",)), FRAME)
    assert rows["head_name"].tolist() == ["สมชาย ใจดี"]
    assert rows["head_citizen_id"].tolist() == [IDS[0]]


def test_unknown_role_is_rejected(tmp_path):
    path = tmp_path / "users.toml"
    path.write_text('[users.x]\nrole = "superuser"\npassword_hash = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown role 'superuser'"):
        passwords.load_accounts(path)
