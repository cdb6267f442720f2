#!/usr/bin/env python3
"""Build the site: `.venv/bin/python3 build.py [COMMAND] --help` lists the commands and their options."""

import sys
from pathlib import Path

from reportsite.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
