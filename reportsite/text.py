"""Prose to HTML: Markdown (raw HTML off) for English and content pages, verbatim
Chinese with glossary terms linked on their first use in a section."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property, lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup, escape

from .model import Term

TERM_SCHEME = "term:"
PAGE_SCHEME = "page:"  # in content pages: [the ledger](page:ledger) links to a page kind of the site
# A term's link in prose rendered once for every page that shows it, written for each page (Prose.inline).
# No text of the data can hold a control character.
TERM_SLOT = "\x1a%s\x1a"
TERM_SLOTS = re.compile("\x1a([^\x1a]*)\x1a")


def markdown() -> MarkdownIt:
    """CommonMark with raw HTML off: text from data can never become markup."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    return markdown()


def foreign_links(text: str) -> list[str]:
    """What inline Markdown links to other than a glossary term: each link (an autolink too) and image,
    in words. A report's English may link only to its glossary: its one-file edition and its printed
    handout hold the whole report, where a link to anything else cannot work."""
    found = []
    for token in _inline_parser().parseInline(text):
        for child in token.children or ():
            if child.type == "link_open" and not str(child.attrGet("href") or "").startswith(TERM_SCHEME):
                found.append(f"a link to {str(child.attrGet('href'))!r} (remove the link, or write the address as text)")
            elif child.type == "image":
                found.append(f"an image, {str(child.attrGet('src'))!r} (remove it: the text holds no images)")
    return found


class Prose:
    """Renders prose; `linked` remembers terms already linked in a section, term_url where a term links to."""

    def __init__(self, md: MarkdownIt, terms: dict[str, Term]):
        self.md, self.terms = md, terms
        # A paragraph is rendered on its section's page in both languages and on each of its figures' pages:
        # what does not depend on the page is worked out once.
        self._inline: dict[tuple[str, frozenset[str]], tuple[str, frozenset[str]]] = {}
        self._candidates: dict[tuple[str, str | None], tuple[tuple[int, int, Term], ...]] = {}
        self._chinese: dict[tuple, tuple[str, frozenset[str]]] = {}

    def block(self, text: str, page_url: Callable[[str], str] | None = None) -> Markup:
        """Block Markdown (a content page); a link to page:<kind> (page:ledger) goes to that page of the site."""
        tokens = self.md.parse(text)
        for token in tokens:
            for child in token.children or ():
                href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
                if href.startswith(PAGE_SCHEME) and page_url is not None:
                    child.attrSet("href", page_url(href[len(PAGE_SCHEME):]))
        return Markup(self.md.renderer.render(tokens, self.md.options, {}))

    def inline(self, text: str, linked: set[str] | None, term_url: Callable[[str], str]) -> Markup:
        """Inline Markdown; [words](term:id) links to the glossary on the term's first use."""
        linked = set() if linked is None else linked
        key = (text, frozenset(linked))
        if key not in self._inline:
            now_linked = set(linked)
            tokens = self.md.parseInline(text)
            for token in tokens:
                if token.children:
                    token.children = self._resolve_terms(token.children, now_linked, lambda term_id: TERM_SLOT % term_id)
            self._inline[key] = (self.md.renderer.render(tokens, self.md.options, {}), frozenset(now_linked))
        html, now_linked = self._inline[key]
        linked |= now_linked
        return Markup(TERM_SLOTS.sub(lambda slot: escapeHtml(term_url(slot[1])), html))

    def _resolve_terms(self, children: list, linked: set[str], term_url: Callable[[str], str]) -> list:
        out, dropping = [], []
        for tok in children:
            if tok.type == "link_open" and str(tok.attrGet("href") or "").startswith(TERM_SCHEME):
                term_id = str(tok.attrGet("href"))[len(TERM_SCHEME):]
                drop = term_id in linked or term_id not in self.terms
                dropping.append(drop)
                if drop:
                    continue
                linked.add(term_id)
                tok.attrSet("href", term_url(term_id))
                tok.attrSet("class", "term")
                tok.attrSet("title", f"{self.terms[term_id].zh} · {self.terms[term_id].en}")
                tok.attrSet("data-term", term_id)
            elif tok.type == "link_open":
                dropping.append(False)
            elif tok.type == "link_close" and dropping:
                if dropping.pop():
                    continue
            out.append(tok)
        return out

    def paragraph_zh(self, runs: list[tuple[str, bool]], linked: set[str] | None,
                     term_url: Callable[[str], str], report_id: str | None = None) -> Markup:
        """A paragraph's Chinese from its (text, bold) runs: bold runs in <strong>, terms linked (worked out once
        for the terms already linked, with a slot for each link's address, which depends on the page)."""
        linked = set() if linked is None else linked
        key = (tuple(runs), frozenset(linked), report_id)
        if key not in self._chinese:
            now_linked, out = set(linked), []
            for text, bold in runs:
                html = self.chinese(text, now_linked, lambda term_id: TERM_SLOT % term_id, report_id)
                out.append(Markup("<strong>{}</strong>").format(html) if bold else html)
            self._chinese[key] = (str(Markup("").join(out)), frozenset(now_linked))
        html, now_linked = self._chinese[key]
        linked |= now_linked
        return Markup(TERM_SLOTS.sub(lambda slot: escape(term_url(slot[1])), html))

    def chinese(self, text: str, linked: set[str] | None, term_url: Callable[[str], str],
                report_id: str | None = None) -> Markup:
        """Verbatim Chinese, escaped, with each term's first appearance linked.

        In a report's text, a term limited to other reports (its `reports`) is not matched."""
        linked = set() if linked is None else linked
        spans = [span for span in self.candidates(text, report_id) if span[2].id not in linked]
        html, cursor = [], 0
        for start, end, term in spans:
            if start < cursor:
                continue  # overlaps a longer term linked just before; it may link later
            linked.add(term.id)
            html.append(escape(text[cursor:start]))
            html.append(Markup('<a class="term" href="{}" title="{}" data-term="{}">{}</a>').format(
                term_url(term.id), f"{term.zh} · {term.en}", term.id, text[start:end]))
            cursor = end
        html.append(escape(text[cursor:]))
        return Markup("").join(html)

    def candidates(self, text: str, report_id: str | None) -> tuple[tuple[int, int, Term], ...]:
        """Each term's first appearance in the text (its longest match there), as (start, end, term), in the order
        chinese() links them; a term limited to other reports (report_id's text) is left out."""
        key = (text, report_id)
        if key not in self._candidates:
            spans = []
            for term in self.possible_terms(text):
                if report_id and term.reports and report_id not in term.reports:
                    continue
                hits = [(text.find(m), m) for m in term.match_zh if m in text]
                if hits:
                    start, match = min(hits, key=lambda h: (h[0], -len(h[1])))
                    spans.append((start, start + len(match), term))
            spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))  # stable: a tie keeps the glossary's order
            self._candidates[key] = tuple(spans)
        return self._candidates[key]

    def possible_terms(self, text: str) -> list[Term]:
        """The terms whose words the text may print, in the glossary's order: each with words whose first two
        characters stand together in it, and each with words of one character. Looking for every term's words in each
        text took more time than the rest of its links (a paragraph may print a tenth of the terms)."""
        by_pair, short, terms = self._term_index
        found = set(short)
        for i in range(len(text) - 1):
            found.update(by_pair.get(text[i:i + 2], ()))
        return [terms[n] for n in sorted(found)]

    @cached_property
    def _term_index(self) -> tuple[dict[str, set[int]], set[int], tuple[Term, ...]]:
        """For possible_terms: each pair of characters that begins a term's words -> the terms (their numbers), the
        terms with words of one character, and the terms in the glossary's order."""
        by_pair: dict[str, set[int]] = {}
        short: set[int] = set()
        for n, term in enumerate(self.terms.values()):
            for words in term.match_zh:
                if len(words) < 2:
                    short.add(n)
                else:
                    by_pair.setdefault(words[:2], set()).add(n)
        return by_pair, short, tuple(self.terms.values())
