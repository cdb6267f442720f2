"""`python3 -m bench`: run the benchmark (see bench/__init__.py and bench/README.md)."""

import sys

from .run import main

sys.exit(main())
