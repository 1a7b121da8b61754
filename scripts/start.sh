#!/usr/bin/env bash
# Install (Python packages only) and start the dashboard on its built-in demo data, in demo mode
# (demo accounts active, a banner on every page). A province's deployment runs
# `streamlit run app.py` without CHIPAO_DEMO; see README, "Deploying for a province".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export CHIPAO_DEMO="${CHIPAO_DEMO:-1}"
umask 077  # the database and generated files are readable by this user only
# the generated demo households, registered as a dataset before the first page asks for them
.venv/bin/python -m store.datasets.demo
exec .venv/bin/streamlit run app.py "$@"
