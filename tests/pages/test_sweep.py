"""The sweep (issue 8): every page x both sources x every province, an amphoe and a tambon of
every province, the letter and municipal codes, always with a dimension subset. No exception,
no error element; provinces without households say so on every page that reads an area."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access, pilots
from analytics.text import labels
from tests.pages import sweep_plan

REPO = Path(__file__).resolve().parents[2]
ADMIN = access.Viewer("admin", "admin")  # sees every page, every area (households masked)


def signed_in_app(page: str) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=180)
    app.run()  # the sign-in form only: cheap
    app.session_state["viewer"] = ADMIN
    if page != "dashboard.py":
        app.switch_page(page)
    return app


def problems(app: AppTest) -> list[str]:
    found = [f"exception: {e.message[:200]}" for e in app.exception]
    found += [f"error: {e.value[:200]}" for e in app.error]
    return found


@pytest.mark.parametrize("source", ["real", "households"])
@pytest.mark.parametrize("page", sweep_plan.PAGES)
def test_sweep_every_page_every_province_no_exception(page, source):
    app = signed_in_app(page)
    failures = []
    for visit in sweep_plan.plan(page, source):
        for key, value in visit.state(source).items():
            app.session_state[key] = value
        app.run()
        failures += [f"{page} {source} {visit.label}: {p}" for p in problems(app)]
        chosen = app.session_state[f"province_{source}"]
        if chosen != visit.province:  # a code the sidebar does not offer would test nothing
            failures.append(f"{page} {source} {visit.label}: province not selectable")
        if visit.tambon and app.session_state[f"tambon_{source}_{visit.amphoe}"] != visit.tambon:
            failures.append(f"{page} {source} {visit.label}: tambon not selectable")
        no_households = source == "households" and visit.province not in pilots.PILOT_PROVINCES
        if no_households and page in sweep_plan.AREA_PAGES:
            # the message up to the area's name
            expected = labels.t("no_households_here", visit.lang, area="\x00").split("\x00")[0]
            shown = [i.value for i in app.info]
            if not any(expected in text for text in shown):
                failures.append(f"{page} {source} {visit.label}: no 'no households' message")
    assert not failures, "\n".join(failures[:30])
