#!/usr/bin/env bash
# Run the whole test suite (unit, AppTest, PostgreSQL, browser) with the project's venv.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHIPAO_CACHE_DIR="${CHIPAO_CACHE_DIR:-$PWD/.cache/test}"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q "$@"
