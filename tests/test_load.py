"""Loading YAML: safe, with the line of every key path, and a clear error for every bad document."""

from reportsite.errors import Problems
from reportsite.load import parse_yaml


def load(text: str):
    problems = Problems()
    doc = parse_yaml(text, "data/x.yaml", problems)
    return doc, [str(e) for e in problems.errors]


def test_values_keep_the_line_and_column_of_every_key_path():
    doc, errors = load("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert errors == []
    assert doc.value == {"a": 1, "b": ["x", {"c": 2}]}
    assert str(doc.mark("b[1].c")) == "data/x.yaml:4:9"
    assert str(doc.mark("b[1].missing")) == "data/x.yaml:4:5"


def test_malformed_yaml_names_file_line_and_column():
    _, errors = load("a: [1, 2\nb: 3\n")
    assert errors == ["data/x.yaml:2:2: expected valid YAML, found expected ',' or ']', but got ':'"]


def test_python_tags_are_refused_not_executed():
    _, errors = load("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert errors == ["data/x.yaml:1:4: expected a plain value (no YAML tags), "
                      "found the tag tag:yaml.org,2002:python/object/apply:os.system"]


def test_anchors_and_aliases_are_refused():
    _, errors = load("a: &x [1, 2]\nb: *x\n")
    assert errors == ["data/x.yaml:1:4: expected no anchors or aliases (write the value out), found an alias at b"]


def test_a_key_given_twice_is_an_error():
    _, errors = load("a: 1\na: 2\n")
    assert errors == ["data/x.yaml:2:1: expected each key once in a mapping, found 'a' twice"]


def test_control_characters_are_reported_with_their_line():
    _, errors = load("a: 1\nb: bad\x07\n")
    assert errors == ["data/x.yaml:2: expected printable UTF-8 text, found the control character '\\x07'"]


def test_deep_nesting_is_refused():
    _, errors = load("a: " + "[" * 100 + "]" * 100 + "\n")
    assert errors == ["data/x.yaml:1:68: expected at most 64 levels of nesting, found deeper nesting"]


def test_more_than_one_document_is_an_error():
    _, errors = load("a: 1\n---\nb: 2\n")
    assert errors == ["data/x.yaml:1: expected exactly one YAML document, found 2"]
