"""The audit log: filters for the audit page, the detail column, no personal data (both databases)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from store import audit


def _log(engine, username="planner", role="planner", action="view_list", area="19", rows=1, **kw):
    audit.log_event(
        engine, username=username, role=role, action=action, area_code=area, rows=rows, **kw
    )


def test_audit_page_filters_by_user_role_action_area_and_date(engine):
    _log(engine)
    _log(engine, username="field", role="field", action="export_csv", area="190110", rows=30)
    _log(engine, username="-", role="-", action="sign_in_failed", area="")
    _log(engine, username="admin", role="admin", action="pilots_changed", detail="version=2")
    assert len(audit.query_events(engine)) == 4
    assert audit.query_events(engine, username="field")["rows"].tolist() == [30]
    assert audit.query_events(engine, role="admin")["detail"].tolist() == ["version=2"]
    assert audit.query_events(engine, action="sign_in_failed")["username"].tolist() == ["-"]
    assert len(audit.query_events(engine, area_prefix="19")) == 3
    assert audit.query_events(engine, area_prefix="1901")["action"].tolist() == ["export_csv"]
    today = datetime.now(UTC).date()
    assert len(audit.query_events(engine, since=today, until=today)) == 4
    assert audit.query_events(engine, until=today - timedelta(days=1)).empty
    assert audit.query_events(engine, since=date(2999, 1, 1)).empty
    assert audit.distinct_values(engine, "action") == sorted(
        ["view_list", "export_csv", "sign_in_failed", "pilots_changed"]
    )


@pytest.mark.parametrize("detail", ["id=1234567890123", "house=12345678901", "name=ส", "a<b>"])
def test_audit_detail_refuses_personal_data(engine, detail):
    with pytest.raises(ValueError, match="detail"):
        _log(engine, detail=detail)
    assert audit.query_events(engine).empty


def test_new_actions_are_known():
    for action in ("sign_in", "sign_in_failed", "sign_in_locked", "sign_out", "view_map_points"):
        assert action in audit.ACTIONS
