"""A static site generator for bilingual explainers of government work reports.

The pipeline, read top to bottom: load -> validate -> model -> render -> write.
"""

__version__ = "0.1.0"
LANGS = ("zh", "en")


def other_lang(lang: str) -> str:
    """The site's other language: "zh" -> "en", "en" -> "zh"."""
    return LANGS[1 - LANGS.index(lang)]
