"""The lists of units, unit styles and qualifiers in docs/data-format.md, written from the built-in
vocabulary (vocab.yaml) so that the documentation never omits what the build accepts. After editing
vocab.yaml or vocab.UNIT_STYLES, write them again from the project's folder:

    .venv/bin/python3 -m reportsite.vocab_docs

Each list stands between two marks in the page, <!-- generated: NAME … --> and <!-- end generated: NAME -->;
tests/test_docs.py fails while a list differs from what this writes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .errors import Problems
from .fields import Field
from .l10n import quantity
from .load import load_yaml
from .model import Qualifier, Unit
from .validate import SiteReader
from .vocab import BUILT_IN, UNIT_STYLES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"
COMMAND = "python3 -m reportsite.vocab_docs"
# A value to show each style with: (value, scale, measure word, as_printed)
EXAMPLES = {"rank": (3, None, None, None), "top": (50, None, None, None), "grade": (3, None, None, "Ⅲ"),
            "a-grade": (4, None, None, None), "class": (1, "千亿", None, "千亿"), "count": (12, None, "个", None),
            "multiple-increase": (3.5, None, None, None), "multiple": (2, None, None, None),
            "percent": (6.5, None, None, None), "points": (0.5, None, None, None), "currency": (4153.25, "亿", None, None)}


def built_in() -> tuple[dict[str, Unit], dict[str, Qualifier]]:
    """The built-in units and qualifiers, read as the build reads them."""
    problems = Problems()
    reader = SiteReader(BUILT_IN.parent, BUILT_IN.parent, problems)
    f = Field.root(load_yaml(BUILT_IN, BUILT_IN.name, problems), problems)
    units, qualifiers = reader.read_units(f["units"]), reader.read_qualifiers(f["qualifiers"])
    if problems:
        raise SystemExit(f"{BUILT_IN}: {problems.errors[0]}")
    return units, qualifiers


def _cell(text: str) -> str:
    return text.replace("|", "\\|") if text else "(none)"


def _example(unit: Unit) -> str:
    value, scale, measure, printed = EXAMPLES.get(unit.style, (12, None, None, None))
    return " / ".join(quantity(value, unit, scale, measure, (), lang, printed) for lang in ("zh", "en"))


def units_table(units: dict[str, Unit]) -> str:
    rows = ["| unit | zh | en | shown | what it measures |", "| --- | --- | --- | --- | --- |"]
    for u in units.values():
        zh = "`measure_zh`" if u.style == "count" else _cell(u.zh)
        better = "; less is better" if u.direction == "down" else ""
        rows.append(f"| `{u.id}` | {zh} | {_cell(u.en)} | {_example(u)} | {u.description}{better} |")
    return "\n".join(rows)


def styles_table() -> str:
    rows = ["| style | how a quantity is written |", "| --- | --- |"]
    rows += [f"| `{style}` | {what} |" for style, what in UNIT_STYLES.items()]
    return "\n".join(rows)


def qualifiers_table(qualifiers: dict[str, Qualifier]) -> str:
    rows = ["| qualifier | shown (zh / en) | the quote shows one of | what it says |", "| --- | --- | --- | --- |"]
    for q in qualifiers.values():
        shown = f"{q.zh} / {q.en}" + (f"; less is better: {q.down.zh} / {q.down.en}" if q.down else "")
        rows.append(f"| `{q.id}` | {shown} | {', '.join(q.quote_has)} | {q.description} |")
    return "\n".join(rows)


def generated() -> dict[str, str]:
    """Each list's name and its Markdown, as docs/data-format.md should hold it."""
    units, qualifiers = built_in()
    return {"units": units_table(units), "unit-styles": styles_table(), "qualifiers": qualifiers_table(qualifiers)}


def block(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- generated: {name} [^>]*-->\n)(.*?)(<!-- end generated: {name} -->)", re.S)


def written(page: str) -> dict[str, str | None]:
    """Each list as the page holds it now (None where its marks are missing)."""
    return {name: (m.group(2).removesuffix("\n") if (m := block(name).search(page)) else None) for name in generated()}


def rewrite(page: str) -> str:
    for name, text in generated().items():
        pattern = block(name)
        if not pattern.search(page):
            raise SystemExit(f"{DOCS}: no marks <!-- generated: {name} --> … <!-- end generated: {name} --> to write into")
        page = pattern.sub(lambda m, text=text: m.group(1) + text + "\n" + m.group(3), page)
    return page


def main() -> int:
    page = DOCS.read_text(encoding="utf-8")
    new = rewrite(page)
    if new != page:
        DOCS.write_text(new, encoding="utf-8")
        print(f"wrote the lists of units, unit styles and qualifiers in {DOCS.name}")
    else:
        print(f"{DOCS.name}: the lists are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
