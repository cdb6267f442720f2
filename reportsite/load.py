"""Load YAML and text files into plain values that remember where each value came from.

YAML is composed (not constructed by a full loader): only the safe scalar types
are built, anchors and aliases are refused, and every key path keeps its line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Mark, Problems

# libyaml's parser where it is installed (ten times faster); it keeps line and column marks too
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
MAX_NODES = 200_000
MAX_DEPTH = 64
# The bidirectional embeddings, overrides and isolates: invisible, they reorder how the text after them
# is shown, so that a title can read otherwise than it is written ("Trojan Source", CVE-2021-42574).
# No report needs them, so they are refused wherever the data holds them, one error each.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What the YAML reader refuses in a file (control characters, surrogates, U+FFFE, U+FFFF), and the line
# breaks it reads as a newline (\r, \x85): a double-quoted string cannot write them as escapes either.
NOT_PRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# An escape in a double-quoted YAML string (\\ is one, so a scan from the opening quote pairs them right)
ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
ESCAPED = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
           "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
NO_BIDI = "text without bidirectional control characters"


@dataclass(frozen=True)
class Doc:
    """A loaded YAML document: its value, and the mark of every key path in it."""

    file: str
    value: object
    marks: dict[str, Mark]
    key_marks: dict[str, Mark]
    flow_mappings: frozenset[str] = frozenset()  # key paths of mappings written {a: …, b: …}: a comma ends a value

    def mark(self, key_path: str) -> Mark:
        """The mark of a key path, or of its nearest parent that has one."""
        path = key_path
        while path:
            if path in self.marks:
                return self.marks[path]
            path = _parent(path)
        return self.marks.get("", Mark(self.file, 1))

    def key_mark(self, key_path: str) -> Mark:
        """The mark of the key itself (for unknown keys), else of its value."""
        return self.key_marks.get(key_path) or self.mark(key_path)


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


class _Invalid(Exception):
    def __init__(self, node: Node, expected: str, found: str):
        self.node, self.expected, self.found = node, expected, found


def _mark(file: str, node: Node) -> Mark:
    return Mark(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _position(file: str, text: str, index: int) -> Mark:
    """The line and column (1-based, in characters, as YAML counts them) of text[index]."""
    return Mark(file, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))


def _bidi_control(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE, and what it does."""
    return (f"U+{ord(char):04X} {unicodedata.name(char)}, an invisible character that changes the order "
            "in which the text around it is shown")


def refuse_bidi_controls(text: str, shown: str, problems: Problems) -> None:
    """Note every bidirectional control character in text, where it is."""
    for match in BIDI_CONTROLS.finditer(text):
        problems.add(_position(shown, text, match.start()), "", NO_BIDI, f"{_bidi_control(match.group())} (delete it)")


STR = "tag:yaml.org,2002:str"


class _Builder:
    """Turns a composed node tree into dicts, lists and safe scalars, recording marks."""

    def __init__(self, file: str, text: str, problems: Problems):
        self.file, self.text, self.problems = file, text, problems
        self.marks: dict[str, Mark] = {}
        self.key_marks: dict[str, Mark] = {}
        self.flow_mappings: set[str] = set()
        self.seen: set[int] = set()
        self.scalars = SafeConstructor()

    def build(self, node: Node, path: str = "", depth: int = 0) -> object:
        if id(node) in self.seen:
            raise _Invalid(node, "no anchors or aliases (write the value out)", f"an alias at {path or 'the top'}")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Invalid(node, f"at most {MAX_NODES} values in one file", "more")
        if depth > MAX_DEPTH:
            raise _Invalid(node, f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
        self.marks[path] = _mark(self.file, node)
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in PLAIN_COLLECTIONS:
            raise _Invalid(node, "a plain value (no YAML tags)", f"the tag {node.tag}")
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: str, depth: int) -> dict:
        if node.flow_style:
            self.flow_mappings.add(path)
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Invalid(key_node, "a plain key", "a complex key")
            key = self._scalar(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Invalid(key_node, "no merge keys (<<)", "a merge key")
            key = str(key)
            if key in result:
                raise _Invalid(key_node, "each key once in a mapping", f"{key!r} twice")
            child = f"{path}.{key}" if path else key
            self.key_marks[child] = _mark(self.file, key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: Node) -> object:
        if node.tag == STR and type(node) is ScalarNode:  # most of them: the text itself, as the constructor gives it
            value = node.value
            if node.style == '"' and (BIDI_CONTROLS.search(value) or NOT_PRINTABLE.search(value)):
                self.refused_escapes(node)
            return value
        if not isinstance(node, ScalarNode):
            raise _Invalid(node, "a scalar", "a collection")
        if node.tag not in SafeConstructor.yaml_constructors or not node.tag.startswith("tag:yaml.org,2002:"):
            raise _Invalid(node, "a plain value (no YAML tags)", f"the tag {node.tag}")
        if node.tag in ("tag:yaml.org,2002:binary", "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap"):
            raise _Invalid(node, "a plain value (no YAML tags)", f"the tag {node.tag}")
        value = self.scalars.construct_object(node, deep=True)
        if node.style == '"' and isinstance(value, str) and (BIDI_CONTROLS.search(value) or NOT_PRINTABLE.search(value)):
            self.refused_escapes(node)
        return value

    def refused_escapes(self, node: ScalarNode) -> None:
        """Note each escape of a double-quoted string that writes a character the data may not hold: a
        bidirectional control, or what the file could not hold as it is (the raw ones are noted by
        read_text and by the YAML reader)."""
        for match in ESCAPE.finditer(self.text, node.start_mark.index, node.end_mark.index):
            code = match.group(1)
            char = ESCAPED.get(code) or (chr(int(code[1:], 16)) if len(code) > 1 else code)
            at = _position(self.file, self.text, match.start())
            if BIDI_CONTROLS.match(char):
                self.problems.add(at, "", NO_BIDI, f"the escape {match.group()}: {_bidi_control(char)} (delete the escape)")
            elif NOT_PRINTABLE.match(char):
                kind = {"Cc": "the control character", "Cs": "half a surrogate pair"}.get(
                    unicodedata.category(char), "the non-character")
                self.problems.add(at, "", "printable UTF-8 text",
                                  f"the escape {match.group()}, which writes {kind} {char!r} (delete the escape)")


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """A UTF-8 text file's content (a byte-order mark dropped, Windows line ends made plain), or None
    (with a problem noted) if it cannot be read; every bidirectional control character in it is noted."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        refuse_bidi_controls(text, shown, problems)
        return text
    except FileNotFoundError:
        problems.add(Mark(shown), "", "a file here", "none")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.add(Mark(shown, line), "", "a file saved as UTF-8", _not_utf8(data, shown))
    except OSError as exc:
        problems.add(Mark(shown), "", "a readable file", exc.strerror or str(exc))
    return None


def _not_utf8(data: bytes, shown: str) -> str:
    """What the bytes look like instead, and how to convert them."""
    for name, codec in (("GBK", "gb18030"), ("Big5", "big5")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return (f"a file that is not UTF-8 (it looks like {name}); save it as UTF-8, e.g. "
                f"iconv -f {name.lower()} -t utf-8 {shown} > converted && mv converted {shown}")
    return "a file that is not UTF-8: save it as UTF-8 in your editor"


def load_yaml(path: Path, shown: str, problems: Problems) -> Doc | None:
    """Load one YAML document safely; on any mistake note it and return None."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    return parse_yaml(text, shown, problems)


def _compose(text: str) -> list[Node]:
    """Compose with libyaml; on a syntax error, parse again in Python for its clearer message."""
    try:
        return list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError:
        if Loader is yaml.SafeLoader:
            raise
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _unclosed_quote(text: str, before_line: int) -> Mark | None:
    """The last line before the error with an odd number of double quotes: where a quote was left open."""
    lines = text.split("\n")[:before_line]
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number].replace('\\"', "")
        if line.count('"') % 2:
            return Mark("", number + 1, line.index('"') + 1)
    return None


def _yaml_mistake(exc: yaml.MarkedYAMLError, shown: str, text: str) -> tuple[Mark, str, str, str]:
    """A YAML syntax error in plain words: where, what is wrong, how to fix it."""
    at = lambda mark: Mark(shown, mark.line + 1, mark.column + 1) if mark else Mark(shown)  # noqa: E731
    opened = _unclosed_quote(text, exc.problem_mark.line) if exc.problem_mark else None
    if opened is not None:  # an open quote swallowed the lines after it, up to the next quote
        return (Mark(shown, opened.line, opened.column), "", "a closing quote for the quote that opens here",
                f"no closing quote on this line (the text runs on to line {exc.problem_mark.line + 1})")
    problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
    if "'\\t'" in problem:  # the parser's words for a tab: found character '\t' that cannot start any token
        return (at(exc.problem_mark), "", "spaces: YAML indents with spaces, not tabs",
                "a tab (replace it with spaces)")
    if context.startswith("while scanning a quoted scalar"):
        return (at(exc.context_mark), "", "a closing quote for the quote that opens here",
                "no closing quote before the end of the file")
    if problem.startswith("mapping values are not allowed"):
        return (at(exc.problem_mark), "", "text without ': ' inside it, or the text in quotes (\"…\")",
                "a colon and a space inside unquoted text")
    if context.startswith("while parsing a flow mapping"):
        return (at(exc.problem_mark), "", "a {zh: …, en: …} mapping closed by }: quote a text that has a comma, "
                "colon or brace in it, or write the mapping in block style", problem)
    return at(exc.problem_mark or exc.context_mark), "", "valid YAML", (problem or str(exc)).strip()


def parse_yaml(text: str, shown: str, problems: Problems) -> Doc | None:
    """Parse YAML text (one document) into a Doc, noting any mistake with its line."""
    try:
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        problems.add(*_yaml_mistake(exc, shown, text))
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        problems.add(Mark(shown, line), "", "printable UTF-8 text", f"the control character {chr(exc.character)!r}")
        return None
    except yaml.YAMLError as exc:
        problems.add(Mark(shown), "", "valid YAML", str(exc).strip().splitlines()[0])
        return None
    except RecursionError:
        problems.add(Mark(shown), "", f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
        return None
    if len(nodes) != 1:
        problems.add(Mark(shown, 1), "", "exactly one YAML document", f"{len(nodes)}")
        return None
    builder = _Builder(shown, text, problems)
    try:
        value = builder.build(nodes[0])
    except _Invalid as exc:
        problems.add(_mark(shown, exc.node), "", exc.expected, exc.found)
        return None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problems.add(Mark(shown), "", "a valid scalar value", str(exc).strip().splitlines()[0])
        return None
    return Doc(shown, value, builder.marks, builder.key_marks, frozenset(builder.flow_mappings))
