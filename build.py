#!/usr/bin/env python3
"""Build the site: `python build.py [build|check|serve|bundle] --help`."""

import sys
from pathlib import Path

from reportsite.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
