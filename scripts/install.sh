#!/usr/bin/env bash
# Install what building the site needs (Python packages only), into the current Python.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e .
