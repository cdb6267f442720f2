"""Typed reads from loaded YAML that note every mistake with its file, line and key path."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .errors import Draft, Problems, describe
from .load import Doc
from .model import Bi

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_NAMES = {"zh": "Chinese", "en": "English"}
_MISSING = object()
ID_LIKENESS = 0.8  # how alike (difflib's ratio) an unknown id and a known one must be to suggest it


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' naming the known word closest to a misspelt one, or '' when none is close.
    Ids of a report share words and years (gdp-2030, cpi-2030): for them pass ID_LIKENESS."""
    guess = difflib.get_close_matches(word, sorted(known), n=1, cutoff=cutoff)
    return f" (did you mean {guess[0]!r}?)" if guess else ""


def comma_cut(key: object) -> str:
    """What a value cut short by an unquoted comma in a {zh: …, en: …} mapping should have been."""
    comma = "，" if key == "zh" else ", "
    return (f"text in quotes where it holds a comma: in {{zh: …, en: …}} an unquoted comma ends the value "
            f'(write {key}: "…{comma}…" with the whole text in quotes, or use block style)')


@dataclass(frozen=True)
class Field:
    """The value at one key path of a document, with what is needed to report on it."""

    doc: Doc
    path: str  # as shown in messages: list items by their id where they have one
    value: object
    problems: Problems
    mark_path: str | None = None  # the key path of the loaded document, where it differs from path
    draft: bool = False  # inside a record marked `draft:`, whose texts a person has yet to write

    @classmethod
    def root(cls, doc: Doc, problems: Problems) -> "Field":
        return cls(doc, "", doc.value, problems)

    @property
    def missing(self) -> bool:
        return self.value is _MISSING

    def fail(self, expected: str, found: str | None = None) -> None:
        if found is None:
            found = "nothing" if self.missing else describe(self.value)
        self.problems.add(self.mark, self.path, expected, found)

    @property
    def mark(self):
        return self.doc.mark(self.mark_path if self.mark_path is not None else self.path)

    def __getitem__(self, key: str) -> "Field":
        value = self.value.get(key, _MISSING) if isinstance(self.value, dict) else _MISSING
        base = self.mark_path if self.mark_path is not None else self.path
        return Field(self.doc, f"{self.path}.{key}" if self.path else key, value, self.problems,
                     f"{base}.{key}" if base else key, self.draft)

    def record(self, scope: str) -> "Field":
        """This record as read: marked `draft: <what is left>` (by `build.py draft`), it is listed among the
        drafts of scope (its report) and may leave its texts empty ("") to be written."""
        marked = isinstance(self.value, dict) and "draft" in self.value
        if marked and (what := self["draft"].text("what is left to review or write (e.g. untranslated)")):
            self.problems.draft(Draft(self["draft"].mark, scope, self.path, what))
        return replace(self, draft=marked)

    def get(self, key: str) -> "Field | None":
        """The field at key, or None when it is absent or null."""
        child = self[key]
        return None if child.missing or child.value is None else child

    def mapping(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
        """Check this is a mapping with all required keys and no unknown ones; note every mistake.

        Reading goes on after a mistake (a missing key reads as missing), so that one run lists them all."""
        if not isinstance(self.value, dict):
            self.fail("a mapping with keys " + ", ".join(required))
            return False
        ok = True
        for key in required:
            if key not in self.value:
                self[key].fail(f"the required key {key!r}")
                ok = False
        allowed = set(required) | set(optional)
        base = self.mark_path if self.mark_path is not None else self.path
        owner, cut = None, set()  # the last key written as a key; keys whose value a comma cut
        for key, value in self.value.items():
            if key in allowed:
                owner = key
                continue
            ok = False
            where = self.doc.key_mark(f"{base}.{key}" if base else key)
            if value is None and owner is not None and base in self.doc.flow_mappings:  # {en: Goals, targets}
                if owner not in cut:  # a second comma in the same value is the same mistake
                    cut.add(owner)
                    self.problems.add(where, self.path or "the mapping", comma_cut(owner),
                                      f"the value cut at a comma, and {key!r} read as a key")
                continue
            owner = key
            self.problems.add(where, f"{self.path}.{key}" if self.path else key,
                              "one of the keys " + ", ".join(sorted(allowed)),
                              f"the unknown key {key!r}{did_you_mean(str(key), allowed)}")
        return ok

    def items(self) -> list["Field"]:
        """The items of a list; an item with an id is named by it in messages (figures[gdp-2020])."""
        if not isinstance(self.value, list):
            self.fail("a list")
            return []
        base = self.mark_path if self.mark_path is not None else self.path
        return [Field(self.doc, self._item_path(i, v), v, self.problems, f"{base}[{i}]", self.draft)
                for i, v in enumerate(self.value)]

    def _item_path(self, index: int, value: object) -> str:
        ident = value.get("id") if isinstance(value, dict) else None
        return f"{self.path}[{ident}]" if isinstance(ident, str) and ID_PATTERN.match(ident) else f"{self.path}[{index}]"

    def text(self, what: str = "a non-empty string") -> str | None:
        if isinstance(self.value, str) and self.value.strip():
            return self.value
        self.fail(what)
        return None

    def draft_text(self, what: str = "a non-empty string") -> str | None:
        """A text a person writes (a translation, a summary); a draft may leave it empty ("") to be written."""
        if self.draft and self.value == "":
            return ""
        return self.text(what)

    def ident(self) -> str | None:
        if isinstance(self.value, str) and ID_PATTERN.match(self.value):
            return self.value
        self.fail("an id of lowercase letters, digits and single hyphens (e.g. plan-1-innovation)")
        return None

    def number(self) -> float | int | None:
        if isinstance(self.value, (int, float)) and not isinstance(self.value, bool):
            return self.value
        self.fail("a number")
        return None

    def integer(self) -> int | None:
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return self.value
        self.fail("a whole number")
        return None

    def boolean(self) -> bool | None:
        if isinstance(self.value, bool):
            return self.value
        self.fail("true or false")
        return None

    def date(self) -> dt.date | None:
        if isinstance(self.value, dt.date) and not isinstance(self.value, dt.datetime):
            return self.value
        self.fail("a date (YYYY-MM-DD)")
        return None

    def choice(self, options: tuple[str, ...] | list[str] | set[str]) -> str | None:
        if isinstance(self.value, str) and self.value in options:
            return self.value
        self.fail("one of " + ", ".join(sorted(options)))
        return None

    def bi(self, also: tuple[str, ...] = ()) -> Bi | None:
        """A {zh, en} pair; a missing or empty side is a missing translation (in a draft, "" is a side to write).
        also: the other keys the mapping may have (a place's level), read by the caller."""
        if not isinstance(self.value, dict):
            self.fail("a mapping {zh: …, en: …} with the text in both languages")
            return None
        self.mapping((), ("zh", "en") + also)
        zh = self["zh"].draft_text(f"the {LANG_NAMES['zh']} text (a non-empty string)")
        en = self["en"].draft_text(f"the {LANG_NAMES['en']} text (a non-empty string)")
        return Bi(zh, en) if zh is not None and en is not None else None
