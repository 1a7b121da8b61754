#!/usr/bin/env bash
# Lint, format check, type check, then the whole test suite (unit, AppTest, PostgreSQL, browser).
# Two worker processes (pytest-xdist), one test file per worker at a time so a file's browser
# tests share their server in order; CHIPAO_TEST_WORKERS=0 runs everything in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHIPAO_CACHE_DIR="${CHIPAO_CACHE_DIR:-$PWD/.cache/test}"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy analytics store geodata ui pages dashboard.py app.py  # config: [tool.mypy] in pyproject.toml
workers="${CHIPAO_TEST_WORKERS:-2}"
if [ "$workers" = "0" ]; then
    exec .venv/bin/python -m pytest -q "$@"
fi
exec .venv/bin/python -m pytest -q -n "$workers" --dist loadfile "$@"
