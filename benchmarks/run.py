"""Demo generation benchmark: python -m benchmarks.run

Generates the synthetic three-province demo (four survey years) in a fresh process and prints its
time and peak memory beside the machine's load. Area measures, target lists and imports are
measured side by side with their slower alternatives in ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from benchmarks.common import load


def generation_in_child(scale: float) -> tuple[float, float]:
    """Generate in a fresh process so peak memory is the generator's alone."""
    code = (
        "import time,resource;from analytics import synthetic;t=time.perf_counter();"
        f"synthetic.generate(scale={scale}, years=(2561,2562,2563,2564));"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, max_rss_kb = out.stdout.split()
    return float(seconds), float(max_rss_kb) / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (1 = real size)")
    args = parser.parse_args()
    seconds, peak_gb = generation_in_child(args.scale)
    print(
        f"generate the three-province demo at scale {args.scale:g}, 4 survey years: "
        f"{seconds:.1f} s, peak memory {peak_gb:.2f} GB (target < 60 s, < 4 GB)  [{load()}]"
    )


if __name__ == "__main__":
    main()
