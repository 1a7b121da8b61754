"""Target-list benchmark: python -m benchmarks.targets

The three-province synthetic demo (about 720,000 households) filtered to one tambon's target list,
as the ชี้เป้า page does, and the whole page run through Streamlit's AppTest with warm caches.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from analytics import access, synthetic, target_lists
from benchmarks.common import load, median_of

REPO = Path(__file__).resolve().parent.parent
TAMBON = "190110"  # ปากข้าวสาร, Saraburi: a tambon with many target poor


def median(fn, repeat: int = 5) -> float:
    return median_of(fn, repeat)[0]


def list_time() -> None:
    data = synthetic.generate(scale=1.0, years=(2561,))[2561]
    start = time.perf_counter()
    table = target_lists.household_table(data.persons, data.households)
    print(
        f"household table for {len(table):,} households (once per year, cached): "
        f"{time.perf_counter() - start:.2f} s"
    )
    viewer = access.Viewer("planner", "planner", ("19",))

    def one_list():
        rows = target_lists.target_list(viewer, table, TAMBON, target_lists.ListFilters())
        return target_lists.display_frame(rows, "th")

    print(
        f"filter to tambon {TAMBON}'s target list ({len(one_list())} households): "
        f"{median(one_list) * 1000:.1f} ms (median of 5)  [{load()}]"
    )


def page_time() -> None:
    """Server time of the whole page (AppTest), second and later runs (warm caches)."""
    from streamlit.testing.v1 import AppTest

    os.environ.setdefault("CHIPAO_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=300)
    app.switch_page("pages/targets.py")
    app.session_state["viewer"] = access.Viewer("planner", "planner", ("19",))
    app.session_state["source"] = "synthetic"
    app.session_state["province_synthetic"] = "19"
    app.session_state["amphoe_synthetic_19"] = "1901"
    app.session_state["tambon_synthetic_1901"] = TAMBON
    app.run()  # cold: generates or loads the demo set, builds the household table
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
    list_time()
    page_time()
