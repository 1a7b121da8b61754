"""python -m benchmarks [--national] [--runs N]: the query-layer benchmarks (benchmarks.queries)."""

from benchmarks.queries import main

if __name__ == "__main__":
    raise SystemExit(main())
