"""Prose (text.py): a glossary term is linked on its first use in a section, to the glossary as seen from the page
showing it, however many pages show the same paragraph (the renderer works a paragraph out once for them all)."""

from __future__ import annotations

from reportsite.model import Bi, Term
from reportsite.text import Prose, markdown

TERMS = {
    "dual-carbon": Term("dual-carbon", "双碳", "shuāng tàn", "dual carbon", ("双碳",), Bi("", "")),
    "new-type": Term("new-type", "新型工业化", "xīnxíng gōngyèhuà", "new industrialization", ("新型工业化", "新型"),
                     Bi("", ""), reports=("other-report",)),
}
ENGLISH = "Towards [dual carbon](term:dual-carbon) & more: [dual carbon](term:dual-carbon) again."
CHINESE = "推进双碳与新型工业化，双碳。"


def glossary_from(folder: str):
    return lambda term_id: f"{folder}glossary/#{term_id}"


def test_a_term_in_english_is_linked_once_in_a_section_to_the_glossary_as_seen_from_each_page():
    prose = Prose(markdown(), TERMS)
    first = prose.inline(ENGLISH, set(), glossary_from("../../"))
    linked = {"dual-carbon"}
    after_it = prose.inline(ENGLISH, linked, glossary_from("../../"))
    elsewhere = prose.inline(ENGLISH, set(), glossary_from("../../../"))
    assert first.count('class="term"') == 1 and 'href="../../glossary/#dual-carbon"' in first
    assert 'class="term"' not in after_it and linked == {"dual-carbon"}
    assert 'href="../../../glossary/#dual-carbon"' in elsewhere and "&amp; more" in elsewhere


def test_a_term_in_chinese_is_linked_once_and_only_in_the_reports_it_belongs_to():
    prose = Prose(markdown(), TERMS)
    linked: set[str] = set()
    here = prose.chinese(CHINESE, linked, glossary_from("../"), "this-report")
    assert here.count('class="term"') == 1 and 'href="../glossary/#dual-carbon"' in here
    assert linked == {"dual-carbon"}
    assert 'class="term"' not in prose.chinese(CHINESE, linked, glossary_from("../"), "this-report")
    there = prose.chinese(CHINESE, set(), glossary_from("../../"), "other-report")
    assert 'href="../../glossary/#dual-carbon"' in there and 'data-term="new-type">新型工业化</a>' in there


def test_a_paragraph_s_chinese_links_its_terms_once_as_seen_from_each_page_that_shows_it():
    """Its runs (bold ones in <strong>) worked out once: each page gets its own addresses, and learns what was linked."""
    prose = Prose(markdown(), TERMS)
    runs = [("推进双碳", True), ("与新型工业化，双碳。", False)]
    linked: set[str] = set()
    section = prose.paragraph_zh(runs, linked, glossary_from("../"), "other-report")
    assert section.count('class="term"') == 2 and linked == {"dual-carbon", "new-type"}
    assert section.startswith('<strong>推进<a class="term" href="../glossary/#dual-carbon"')
    assert 'class="term"' not in prose.paragraph_zh(runs, linked, glossary_from("../"), "other-report")
    figure_page = prose.paragraph_zh(runs, set(), glossary_from("../../"), "other-report")
    assert str(figure_page) == str(section).replace('href="../glossary/', 'href="../../glossary/')
    assert prose.paragraph_zh(runs, {"dual-carbon"}, glossary_from("../"), "other-report").count('class="term"') == 1


def test_a_text_s_terms_are_those_a_search_for_every_term_finds(real_site):
    """Prose.candidates looks for the words of the terms whose words begin with two characters the text holds, and
    of those with words of one character (possible_terms), not for every term's: for each paragraph of the real
    reports, in each report's text, and for texts made for the edges (a term inside another, words of one character,
    a term of other reports), it finds what looking for every term finds."""
    one_character = Term("one", "碳", "tàn", "carbon", ("碳",), Bi("", ""))
    terms = {**real_site.term, **TERMS, "one": one_character}
    prose, every_term = Prose(markdown(), terms), Prose(markdown(), terms)
    every_term.possible_terms = lambda text: list(terms.values())
    texts = [CHINESE, "新型", "碳", "", "双", "低碳新型工业化双碳"] + [
        p.plain_zh for r in real_site.reports for p in r.paragraphs()]
    found = 0
    for text in texts:
        for report_id in (None, "other-report", *(r.id for r in real_site.reports)):
            assert prose.candidates(text, report_id) == every_term.candidates(text, report_id), (text, report_id)
            found += len(prose.candidates(text, report_id))
    assert found > 5_000 and len(prose.possible_terms(texts[-1])) < len(terms) / 4
