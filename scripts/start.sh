#!/usr/bin/env bash
# Install (Python packages only) and start the dashboard on its built-in demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/streamlit run dashboard.py "$@"
