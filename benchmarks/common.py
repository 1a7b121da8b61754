"""What every benchmark prints the same way: medians over the same number of runs, peak memory
(VmHWM of the process that ran it), and the machine's load beside the figures."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def peak_gb() -> float:
    """This process's peak resident memory (VmHWM), GB."""
    text = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", text)[1]) / 1024**2


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def median_of(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Median and all times of ``runs`` calls (the same count for every alternative)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def in_child(module: str, *args: str, timeout: float = 3600) -> dict:
    """Run ``python -m module args`` in a fresh process; its last output line is JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def emit(result: dict) -> None:
    print(json.dumps({**result, "peak_gb": round(peak_gb(), 3), "load": load()}))


def ratio(slow: float, fast: float) -> str:
    return f"x{slow / fast:.1f}" if fast > 0 else "-"
