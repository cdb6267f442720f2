#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian's Chromium, Java for the HTML
# validator, faketime for the determinism tests), then run every test. Needs root (or sudo) for
# apt-get when packages are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# Here a missing browser, Java, faketime or ../shared fails its tests instead of skipping them.
export CI=1
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
python3 -m pytest -q "$@"
