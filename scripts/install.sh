#!/usr/bin/env bash
# Install what building the site needs: Debian packages when missing (python3-venv, a CJK font for
# the share images, Pango and a Latin font for the bundle's PDF handouts), then the Python packages
# into the project's virtual environment, .venv/.
# Then build with:  .venv/bin/python3 build.py
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install $(missing_for_build)
make_venv
