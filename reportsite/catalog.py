"""The UI string catalogs (gettext): locales/zh/LC_MESSAGES/messages.po compiled in memory, strict.

English is the source language (msgids are English); a string the Chinese catalog lacks is recorded,
never passed through, and the build fails naming where the string is used (templates or modules).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .errors import Mark, Problems, rel

EXTRACT_STEPS = ("To add UI strings to the Chinese catalog: 1. pybabel extract -F babel.cfg -o locales/messages.pot "
                 "--no-location --sort-output .  2. pybabel update -i locales/messages.pot -d locales -l zh -D messages "
                 "--no-fuzzy-matching  3. write the Chinese of each new empty msgstr in locales/zh/LC_MESSAGES/messages.po")


class StrictTranslations(gettext.NullTranslations):
    """A compiled catalog that records every message it lacks instead of passing it through."""

    def __init__(self, catalog: gettext.GNUTranslations | None, source: str, root: Path | None = None):
        super().__init__()
        self.catalog, self.source, self.missing, self.root = catalog, source, set(), root

    def missing_problem(self, message: str) -> tuple[Mark, str, str, str]:
        """A missing translation as a problem: where the string is used (template or module, line), and
        the three steps that add it to the catalog."""
        where = _first_use(self.root, message) if self.root else None
        return (where or Mark(self.source), f"msgid {message!r}",
                f"a Chinese translation of this UI string in {self.source}", "none")

    def gettext(self, message: str) -> str:
        if self.catalog is None:  # the source language: msgids are English
            return message
        translated = self.catalog._catalog.get(message)
        if not translated:
            self.missing.add(message)
            return message
        return translated

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.catalog is None:
            return singular if n == 1 else plural
        translated = self.catalog._catalog.get((singular, self.catalog.plural(n)))
        if not translated:
            self.missing.add(singular)
            return singular if n == 1 else plural
        return translated


def load_translations(locales_dir: Path, root: Path, problems: Problems) -> dict[str, StrictTranslations]:
    """Compile locales/zh/LC_MESSAGES/messages.po in memory; English needs no catalog."""
    po_path = locales_dir / "zh" / "LC_MESSAGES" / "messages.po"
    shown = rel(po_path, root)
    catalog = None
    try:
        with po_path.open("rb") as fp:
            po = read_po(fp, locale="zh_Hans_CN")
        buffer = io.BytesIO()
        write_mo(buffer, po)
        buffer.seek(0)
        catalog = gettext.GNUTranslations(buffer)
    except FileNotFoundError:
        problems.add(Mark(shown), "", "the Chinese catalog of UI strings", "no file")
    except Exception as exc:  # babel raises several types for a broken catalog
        problems.add(Mark(shown), "", "a valid gettext catalog", f"{type(exc).__name__}: {exc}")
    return {"zh": StrictTranslations(catalog, shown, root), "en": StrictTranslations(None, shown, root)}


def _first_use(root: Path, message: str) -> Mark | None:
    """The first template or module line that holds the message (as written, in quotes)."""
    needles = [f'"{message}"', f"'{message}'"]
    for folder, pattern in (("templates", "*.*"), ("reportsite", "*.py")):
        for path in sorted((root / folder).glob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if any(n in line for n in needles):
                    return Mark(rel(path, root), number)
    return None
