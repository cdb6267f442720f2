"""Chinese text takes Chinese punctuation: no ASCII , : ; ( ) touching a Chinese character, and no ASCII full stop
after one, in any Chinese
text the site shows: the report's text, our explainers, glossary, UI strings, charts and data.

The exceptions are formats defined by others: a GB/T 7714 reference (the standard's own separators)
and BibTeX."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

from reportsite.bundle import BUNDLE_DIR, bundle_names
from reportsite.render import Options
from reportsite.site import read_site, render_site

from .conftest import MINI_REPORT

ASCII_TOUCHING_CHINESE = re.compile(r"[\u3400-\u9fff][,:;()]|[,:;()][\u3400-\u9fff]")
# In a line of Chinese, a mark a space away counts too ("官方文本; 单文件版"); a data file's English may quote
# Chinese after its own colon ("as printed: 万").
ASCII_IN_CHINESE = re.compile(r"[\u3400-\u9fff][,:;()]|[,:;()]\s*[\u3400-\u9fff]|[\u3400-\u9fff]\.(?!\d)")
SKIPPED = ("script", "style", "code")
FORMATS_OF_OTHERS = ("gbt7714", "bibtex")
# Elements inside a line of text: "（<a>存档</a>）" is read as one text, so a mark beside a link is seen.
INLINE = {"a", "abbr", "b", "bdi", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span", "strong",
          "sub", "sup", "time", "u"}
VOID = ("br", "meta", "link", "input", "img", "hr", "wbr", "source")


class ChineseText(HTMLParser):
    """The text of every element whose language is Chinese (inherited from its ancestors), a line at a time:
    text in Chinese runs on through inline elements, and ends at a block or at text in another language."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, skipped)
        self.page_lang, self.texts, self.run = page_lang, [], []

    def end_run(self):
        if self.run:
            self.texts.append("".join(self.run))
            self.run = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in INLINE:
            self.end_run()
        lang = a.get("lang") or (self.stack[-1][1] if self.stack else self.page_lang)
        skipped = (self.stack[-1][2] if self.stack else False) or tag in SKIPPED or \
            a.get("data-style") in FORMATS_OF_OTHERS
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.end_run()
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1].startswith("zh") and not self.stack[-1][2]:
            self.run.append(data)
        else:
            self.end_run()


def chinese_texts(html: str) -> list[str]:
    page_lang = re.search(r'<html lang="([^"]+)"', html).group(1)
    parser = ChineseText(page_lang)
    parser.feed(html)
    parser.close()
    parser.end_run()
    return parser.texts


def test_the_checker_sees_a_mistake_and_spares_the_standards():
    html = ('<html lang="zh-Hans"><body><p>出现于:第一节</p><div data-style="gbt7714"><pre>太原. 报告[R/OL]. 北京: 出版社</pre>'
            '</div><p lang="en">A (B), C</p><p>原文 (<a href="#">存档</a>)</p><p>官方文本; 单文件版</p>'
            '<p>中文<span lang="en">(PDF) </span>与英文</p><p>已移至<a href="#">第一节</a>.</p><p>第1.5节</p></body></html>')
    texts = chinese_texts(html)
    assert [t for t in texts if ASCII_IN_CHINESE.search(t)] == ["出现于:第一节", "原文 (存档)", "官方文本; 单文件版",
                                                              "已移至第一节."]


def test_no_chinese_text_on_any_page_uses_ascii_punctuation(site):
    wrong, checked = [], 0
    for name, body in site.files.items():
        if not name.endswith(".html"):
            continue
        for text in chinese_texts(body.decode("utf-8")):
            checked += 1
            for m in ASCII_IN_CHINESE.finditer(text):
                wrong.append(f"{name}: …{text[max(0, m.start() - 10):m.end() + 10]}…")
    assert checked > 10000
    assert sorted(set(wrong))[:20] == []


def test_the_downloads_pages_of_the_bundle_use_chinese_punctuation(mini):
    """The published build's downloads pages list each report's one-file, printed and briefing editions."""
    site = read_site(mini)
    names = {key: f"{BUNDLE_DIR}/{name}" for key, name in bundle_names(site).items()}
    files = render_site(mini, site, Options(bundle=names)).files
    for name in ("zh/downloads/index.html", f"zh/{MINI_REPORT}/downloads/index.html"):
        assert [t for t in chinese_texts(files[name].decode("utf-8")) if ASCII_IN_CHINESE.search(t)] == []
    assert "官方文本；单文件版：<a" in files["zh/downloads/index.html"].decode("utf-8")


def strings_of(name: str, body: bytes) -> list[str]:
    """The text values of a data file that may be Chinese: CSV fields and JSON strings, except those of an
    English column or key (*_en: English quotes Chinese in English punctuation), and the text of a feed or a
    text file."""
    text = body.decode("utf-8-sig")
    if name.endswith(".csv"):
        return [value for row in csv.DictReader(io.StringIO(text)) for key, value in row.items()
                if not key.endswith("_en") and value]
    if name.endswith(".json"):
        found: list[str] = []

        def walk(value, key: str = "") -> None:
            if isinstance(value, str):
                if not key.endswith("_en"):
                    found.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    walk(v, key)
        walk(json.loads(text))
        return found
    return [re.sub(r"<[^>]+>", " ", text)]


def test_no_chinese_in_the_data_files_or_feeds_uses_ascii_punctuation(site):
    checked = 0
    for name, body in site.files.items():
        if name.endswith((".json", ".csv", ".xml", ".txt")):
            for value in strings_of(name, body):
                checked += 1
                assert not ASCII_TOUCHING_CHINESE.search(value), (name, value[:80])
    assert checked > 10000
