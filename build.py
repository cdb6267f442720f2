#!/usr/bin/env python3
"""Build the site: `.venv/bin/python3 build.py [COMMAND] --help` lists the commands and their options."""

from pathlib import Path

from reportsite.cli import leave, main

if __name__ == "__main__":
    leave(main(root=Path(__file__).resolve().parent))
