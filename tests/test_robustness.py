"""Robustness: whatever the data files hold, the build either succeeds or lists clean errors:
never a traceback, never a hang, never code execution, never a partial dist/."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportsite.errors import BuildFailed
from reportsite.site import Project, build

from .conftest import MINI, MINI_CONTENT, REPO

SECTION = "example-2030/sections/review-economy.yaml"
ORIGINAL = yaml.safe_load((MINI / SECTION).read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=20)


def paths(node, prefix=()):
    """Every key path in a nested value."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


@st.composite
def mutated_section(draw) -> bytes:
    """The small report's section with one value replaced, one key dropped or one key added."""
    doc = yaml.safe_load(yaml.safe_dump(ORIGINAL))
    path = draw(st.sampled_from([p for p in paths(doc) if p]))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(values)
    elif action == "drop":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
    return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")


NASTY = [
    b"a: !!python/object/apply:os.system ['touch /tmp/reportsite-pwned']\n",
    b"!!python/object/new:os.system [touch /tmp/reportsite-pwned]\n",
    b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
    b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    b"a: " + b"{b: " * 3000 + b"1" + b"}" * 3000 + b"\n",
    b"id: review-economy\ntitle: {zh: \xff\xfe, en: x}\n",
    b"id: review-economy\ntitle: {zh: \"\x00\x01\x1b\", en: x}\n",
    b"title: " + b"x" * 2_000_000 + b"\n",
    b"- just\n- a list\n",
    b"",
    b"id: review-economy\n---\nid: again\n",
    b"? [complex, key]\n: value\n",
    b"<<: {id: review-economy}\n",
    b"value: !!binary aGVsbG8=\n",
    b"date: 2021-02-30\n",
]


def outcome(content: bytes) -> str:
    """Build the small report with one file replaced; 'ok' or 'errors'. Anything else escapes and fails."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(MINI, root / "data")
        (root / "data" / SECTION).write_bytes(content)
        project = Project.at(REPO, data=root / "data", dist=root / "dist", content=MINI_CONTENT)
        start = time.monotonic()
        try:
            build(project)
            result = "ok"
        except BuildFailed as failed:
            assert failed.problems.errors and all(str(e) for e in failed.problems.errors)
            assert not project.dist.exists(), "a failed build must not leave a dist/"
            result = "errors"
        assert time.monotonic() - start < 20, "bounded time"
        assert not [p for p in root.iterdir() if p.name.startswith(".dist")], "no staging folder left behind"
        return result


@pytest.mark.parametrize("content", NASTY, ids=range(len(NASTY)))
def test_hostile_documents_give_clean_errors(content):
    assert outcome(content) == "errors"
    assert not Path("/tmp/reportsite-pwned").exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_section())
def test_mutated_documents_build_or_fail_cleanly(content):
    assert outcome(content) in ("ok", "errors")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_random_bytes_build_or_fail_cleanly(content):
    assert outcome(content) in ("ok", "errors")
