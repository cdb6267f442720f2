"""Chinese text takes Chinese punctuation: no ASCII , : ; ( ) touching a Chinese character, and no ASCII full stop
after one (or after a closing ” ） 》), in any Chinese text the site shows: the report's text, our explainers,
glossary, UI strings, charts and data. A Chinese mark holds its own space: none follows it (…为准。报告…), and none
comes before a full-width parenthesis (完成（39）).

The exceptions are formats defined by others: a GB/T 7714 reference (the standard's own separators)
and BibTeX."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from reportsite.bundle import BUNDLE_DIR, bundle_names
from reportsite.render import Options
from reportsite.site import read_site, render_site

from .conftest import MINI_REPORT

ASCII_TOUCHING_CHINESE = re.compile(r"[\u3400-\u9fff][,:;()]|[,:;()][\u3400-\u9fff]")
# In a line of Chinese, a mark a space away counts too ("官方文本; 单文件版"); a data file's English may quote
# Chinese after its own colon ("as printed: 万").
ASCII_IN_CHINESE = re.compile(r"[\u3400-\u9fff][,:;()]|[,:;()]\s*[\u3400-\u9fff]|[\u3400-\u9fff”’）》」]\.(?!\d)")
# A space after a Chinese mark, before more text of the line, or before a full-width parenthesis: the mark is full
# width, a space more shows as a gap.
SPACE_BESIDE_A_MARK = re.compile(r"[。；：！？，、]\s+(?=\S)|(?<=\S)\s+（")
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
            '<p>中文<span lang="en">(PDF) </span>与英文</p><p>已移至<a href="#">第一节</a>.</p><p>第1.5节</p>'
            '<p>请注明出处“本站”.</p></body></html>')
    texts = chinese_texts(html)
    assert [t for t in texts if ASCII_IN_CHINESE.search(t)] == ["出现于:第一节", "原文 (存档)", "官方文本; 单文件版",
                                                              "已移至第一节.", "请注明出处“本站”."]


def test_the_checker_sees_a_space_beside_a_chinese_mark_within_a_line_only():
    html = ('<html lang="zh-Hans"><body><p>以中文原文为准。\n  报告原文为政府公开文件。</p><p>理由： <a href="#">目标</a></p>'
            '<p><a href="#">完成</a>&nbsp;（39）</p><p>以中文原文为准。</p>\n<p>下一段。 </p><p>（一）总体要求</p>'
            '<p>第一节，<a href="#">第二节</a>（2025年）</p></body></html>')
    texts = chinese_texts(html)
    assert [t for t in texts if SPACE_BESIDE_A_MARK.search(t)] == ["以中文原文为准。\n  报告原文为政府公开文件。", "理由： 目标",
                                                                 "完成\xa0（39）"]


@pytest.fixture(scope="module")
def chinese_lines(site) -> list[tuple[str, str]]:
    """(page, a line of its Chinese text) for every page of the real site."""
    return [(name, text) for name, body in site.files.items() if name.endswith(".html")
            for text in chinese_texts(body.decode("utf-8"))]


def mistakes(lines: list[tuple[str, str]], *patterns: re.Pattern) -> list[str]:
    """Each place where one of the patterns matches a line (where, the line), with the ten characters either side."""
    return sorted({f"{where}: …{text[max(0, m.start() - 10):m.end() + 10]}…"
                   for where, text in lines for pattern in patterns for m in pattern.finditer(text)})


def test_no_chinese_text_on_any_page_uses_ascii_punctuation(chinese_lines):
    assert len(chinese_lines) > 10000
    assert mistakes(chinese_lines, ASCII_IN_CHINESE)[:20] == []


def test_no_chinese_text_on_any_page_puts_a_space_beside_a_chinese_mark(chinese_lines):
    assert mistakes(chinese_lines, SPACE_BESIDE_A_MARK)[:20] == []


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
