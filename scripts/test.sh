#!/usr/bin/env bash
# Install everything the tests need, then run them all: Debian packages when missing (Chromium for the
# browser tests, a Java runtime for the HTML validator, faketime, git, Node for Lighthouse, Pango for the
# PDF handouts and poppler-utils to read them back, Hugo for the benchmark's twin), the Python packages
# into .venv/ and Lighthouse into node_modules/. Needs root (or sudo) only for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
export CI=1  # a missing browser or Java fails instead of skipping
need=($(missing_for_build))
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
command -v git >/dev/null 2>&1 || need+=(git)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v hugo >/dev/null 2>&1 || need+=(hugo)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)  # pdftotext, pdfinfo: the PDF tests read the handouts
apt_install "${need[@]}"
make_venv test
# Lighthouse exactly as package-lock.json pins it (ci never rewrites the lock); it uses Debian's chromium
npm ci --no-audit --no-fund --loglevel=error
export PATH="$PWD/.venv/bin:$PATH"  # the tools the tests call (frictionless …)
.venv/bin/python -m pytest -q "$@"
