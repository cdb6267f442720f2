"""A static site generator for bilingual explainers of government work reports.

The pipeline, read top to bottom: load -> validate -> model -> render -> write.
"""

__version__ = "0.1.0"
LANGS = ("zh", "en")


def other_lang(lang: str) -> str:
    """The site's other language: "zh" -> "en", "en" -> "zh"."""
    return LANGS[1 - LANGS.index(lang)]


def N_(message: str) -> str:
    """Marks a UI string for the catalog (pybabel extract) where it is defined; it is translated where used.
    (Here, not in l10n.py, so that marking one needs no Babel: share.py's, read by every build's check.)"""
    return message
