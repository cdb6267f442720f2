"""A static site generator for bilingual explainers of government work reports.

The pipeline, read top to bottom: load -> validate -> model -> render -> write.
"""

__version__ = "0.1.0"
LANGS = ("zh", "en")
