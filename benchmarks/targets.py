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


if __name__ == "__main__":
    page_time()
