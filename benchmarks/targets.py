"""Target-list page benchmark: python -m benchmarks.targets

The ชี้เป้า page for one tambon of the three-province demo (about 720,000 households), run
through Streamlit's AppTest with warm caches. The query layer's own figures (one tambon cold and
warm, a province) are in ``python -m benchmarks``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from analytics.domain import access
from benchmarks.common import load

REPO = Path(__file__).resolve().parent.parent
TAMBON = "190110"  # ปากข้าวสาร, Saraburi: a tambon with many target poor


def page_time() -> None:
    """Server time of the whole page (AppTest), second and later runs (warm caches)."""
    from streamlit.testing.v1 import AppTest

    os.environ.setdefault("CHIPAO_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=300)
    app.switch_page("pages/targets.py")
    app.session_state["viewer"] = access.Viewer("planner", "planner", ("19",))
    app.session_state["source"] = "households"
    app.session_state["province_households"] = "19"
    app.session_state["amphoe_households_19"] = "1901"
    app.session_state["tambon_households_1901"] = TAMBON
    app.run()  # cold: registers the demo dataset if needed, reads the tambon's households
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    listed = {m.label: m.value for m in app.metric}.get("ครัวเรือนในรายการ")
    if listed is None:
        raise RuntimeError("the page did not render a list: " + str([e.value for e in app.warning]))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
    print(
        f"ชี้เป้า page for tambon {TAMBON} ({listed} households listed), warm (AppTest): "
        f"{sorted(times)[2]:.3f} s median of 5 (target < 0.5 s)  [{load()}]"
    )


def service_time() -> None:
    """The target list's service alone (no Streamlit): warm, median of 5."""
    from analytics.domain import catalogue, target_lists
    from analytics.services import targets
    from analytics.services.filters import Filters
    from analytics.services.plain_context import PlainContext

    os.environ.setdefault("CHIPAO_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    ctx = PlainContext()
    viewer = access.Viewer("planner", "planner", ("19",))
    year = max(ctx.source("households").years())
    dims = tuple(catalogue.dimension_codes())
    filters = Filters("th", "households", year, "19", "1901", TAMBON, dims)
    chosen = target_lists.ListFilters("target")
    columns = ["house_code", "tambon_code", "visit_uid", "status", "visit_date", "critical"]
    latest = pd.DataFrame(columns=columns)

    def run() -> targets.TargetsView:
        return targets.targets_view(ctx, filters, viewer, chosen, latest)

    view = run()  # cold: registers the demo dataset if needed, reads the tambon's households
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(
        f"ชี้เป้า service for tambon {TAMBON} ({len(view.rows)} households listed), warm: "
        f"{sorted(times)[2]:.3f} s median of 5  [{load()}]"
    )


if __name__ == "__main__":
    service_time()
    page_time()
