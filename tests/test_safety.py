"""Text from data is escaped everywhere; Markdown renders with raw HTML off; links cannot run script."""

from __future__ import annotations

import re

import yaml

from reportsite.site import build

ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


def poison(path, keys_to_values):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys_to_values(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_hostile_strings_in_every_field_arrive_as_inert_text(mini):
    attack = " ".join(ATTACKS)

    def section(d):
        d["title"] = {"zh": "标题" + attack, "en": "Title " + attack}
        d["explainer"] = {"zh": attack, "en": attack}
        d["paragraphs"][0]["en"] = f"Text {attack} [click](javascript:alert(1)) <b>bold</b> [x](term:fang-guan-fu)"
        d["figures"][0]["label"] = {"zh": attack, "en": attack}
        d["figures"][0]["quote_en"] = attack
        d["figures"][0]["note"] = {"zh": attack, "en": attack}

    poison(mini.data / "example-2030/sections/review-economy.yaml", section)
    poison(mini.data / "glossary.yaml", lambda d: d["terms"][0].update(
        explanation={"zh": attack, "en": attack}, en="term " + attack))
    (mini.content / "en" / "about.md").write_text(f"# About {attack}\n\n{attack}\n\n[go](javascript:alert(1))\n")
    files = build(mini).files
    pages = [name for name in files if name.endswith(".html")]
    assert len(pages) > 30
    for name in pages:
        html = files[name].decode("utf-8")
        assert "<script>alert" not in html, name
        assert "<img src=x" not in html, name
        assert not re.search(r'href="javascript:', html), name
        assert "<b>bold</b>" not in html, name
    section_page = files["en/example-2030/sections/review-economy/index.html"].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section_page
    assert "&lt;b&gt;bold&lt;/b&gt;" in section_page


def test_search_index_cannot_close_its_script(mini):
    poison(mini.data / "example-2030/sections/plan-goals.yaml",
           lambda d: d["paragraphs"][0].update(en="</script><script>alert(1)</script>"))
    files = build(mini).files
    fragments = {p: d.decode() for p, d in files.items() if p.startswith("search/d.")}
    poisoned = [text for text in fragments.values() if "alert(1)" in text]
    assert len(poisoned) == 1 and "</script" not in poisoned[0]
    # Loaded with <script src>, never inlined; the page carries only the index's root, escaped.
    page = files["en/search/index.html"].decode()
    assert "alert(1)" not in page and '<script src="../../assets/search.' in page
