"""python -m benchmarks [--national] [--runs N]: the query-layer benchmarks (benchmarks.queries),
then completeness and linkage (benchmarks.completeness, issue 14)."""

import sys

from benchmarks import completeness
from benchmarks.queries import main

if __name__ == "__main__":
    raise SystemExit(main() or completeness.main(sys.argv[1:]))
