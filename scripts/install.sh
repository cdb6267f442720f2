#!/usr/bin/env bash
# Install what building the site needs (Python packages only), into the current Python.
set -euo pipefail
cd "$(dirname "$0")/.."
# The share images are drawn with a CJK font (Debian's fonts-noto-cjk).
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e .
