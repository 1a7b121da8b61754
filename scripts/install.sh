#!/usr/bin/env bash
# Install Chipao into ./.venv. With --with-system-packages (needs root or sudo) also installs
# Debian packages: Chromium for browser tests, a Thai font, PostgreSQL and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--with-system-packages" ]]; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  need=()
  for pkg in chromium fonts-thai-tlwg postgresql poppler-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if (( ${#need[@]} )); then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-dev.txt
