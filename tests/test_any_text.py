"""Any text in the data: whatever an editor types into a free-text field (a title, a note, an explainer,
an English paragraph, a glossary entry, a label, a content page), `check`, `build` and `bundle` give a
clear error or a correct site, never a traceback."""

from __future__ import annotations

import re

import pytest

from reportsite.bundle import check_self_contained, single_file
from reportsite.site import build, read_site
from reportsite.write import OutputError

from .conftest import edit, errors_of

REPORT = "example-2030"
SECTION = f"{REPORT}/sections/review-economy.yaml"


# ---- text that looks like markup is text -----------------------------------------------------


def test_a_note_that_quotes_html_attributes_is_text_in_the_one_file_edition(mini):
    quoting = "The page writes <img src=x> and <a href=y data=z>"
    edit(mini.data / SECTION, "en: The economy grew and so did high-tech firms.", f'en: "{quoting}"')
    site = read_site(mini)
    html = single_file(mini, site, site.reports[0], "en").decode()
    assert "The page writes &lt;img src=x&gt; and &lt;a href=y data=z&gt;" in html


@pytest.mark.parametrize("html, refused", [
    ('<p id="a"><a href="https://example.com/">x</a></p>', "links outside itself: ['https://example.com/']"),
    ('<p id="a"><img src=x.png></p>', "links outside itself: ['x.png']"),
    ('<p id="a"><img srcset="#a 1x, y.png 2x"></p>', "links outside itself: ['y.png']"),
    ('<p id="a"></p><p id="a"><a href="#a">x</a></p>', "uses these ids more than once: ['a']"),
    ('<p id="a"><a href="#b">x</a></p>', "links to missing anchors: ['b']"),
])
def test_the_one_file_edition_still_refuses_real_links_outside_and_broken_anchors(html, refused):
    with pytest.raises(OutputError, match=re.escape(refused)):
        check_self_contained(html, "t")


def test_text_that_looks_like_an_attribute_is_no_link():
    check_self_contained('<p id="a">see href=b src=c data=d, &lt;img src=x&gt; <a href="#a">x</a></p>', "t")


def test_the_report_s_english_links_only_to_its_glossary(mini):
    edit(mini.data / SECTION, 'en: "GDP reached',
         'en: "See [the plan](https://example.com/plan) ![a chart](chart.png). GDP reached')
    assert errors_of(mini) == [
        f"{mini.data / SECTION}:7:9: paragraphs[review-economy-growth].en: expected links only to glossary terms, "
        "[words](term:<id>), found a link to 'https://example.com/plan' (remove the link, or write the address as "
        "text); an image, 'chart.png' (remove it: the text holds no images)"]


def test_a_title_with_line_breaks_is_drawn_on_one_line_on_the_share_images(mini):
    edit(mini.data / f"{REPORT}/report.yaml", "en: Example City Government Work Report}",
         'en: "Example City\\nGovernment\\u2029Work Report"}')
    files = build(mini).files
    assert files[f"assets/share-{REPORT}-en.png"].startswith(b"\x89PNG")


# ---- invisible characters --------------------------------------------------------------------

RLO = "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character that changes the order in which the text around it is shown"


def test_a_bidirectional_control_is_an_error_where_it_is_in_yaml_source_and_content(mini):
    section, source, about = mini.data / SECTION, mini.data / REPORT / "source.zh.txt", mini.content / "en" / "about.md"
    edit(section, "en: The economy}", "en: The \u202eymonoce\u202c}")
    edit(section, "1200.5亿元，增长", "1200.5亿元\u2066，增长")  # the paragraph and its source line alike
    edit(source, "1200.5亿元，增长", "1200.5亿元\u2066，增长")
    edit(about, "A small report", "A \u2067small report")
    expected = "expected text without bidirectional control characters, found"
    does = "an invisible character that changes the order in which the text around it is shown (delete it)"
    assert errors_of(mini) == [
        f"{source}:3:19: {expected} U+2066 LEFT-TO-RIGHT ISOLATE, {does}",
        f"{section}:2:27: {expected} {RLO} (delete it)",
        f"{section}:2:35: {expected} U+202C POP DIRECTIONAL FORMATTING, {does}",
        f"{section}:6:28: {expected} U+2066 LEFT-TO-RIGHT ISOLATE, {does}",
        f"{about}:3:3: {expected} U+2067 RIGHT-TO-LEFT ISOLATE, {does}",
    ]


def test_a_bidirectional_control_written_as_an_escape_is_an_error_where_the_escape_is(mini):
    edit(mini.data / SECTION, "en: The economy}", 'en: "The \\u202Eymonoce \\\\u202E"}')
    assert errors_of(mini) == [
        f"{mini.data / SECTION}:2:28: expected text without bidirectional control characters, found the escape "
        f"\\u202E: {RLO} (delete the escape)"]  # a backslash written out (\\\\) is text, not an escape


def test_a_control_character_written_as_an_escape_is_an_error_like_a_typed_one(mini):
    edit(mini.data / SECTION, "en: The economy}", 'en: "The\\reconomy\\x1c\\0\\tis fine"}')
    assert errors_of(mini) == [
        f"{mini.data / SECTION}:2:27: expected printable UTF-8 text, found the escape \\r, which writes the "
        "control character '\\r' (delete the escape)",
        f"{mini.data / SECTION}:2:36: expected printable UTF-8 text, found the escape \\x1c, which writes the "
        "control character '\\x1c' (delete the escape)",
        f"{mini.data / SECTION}:2:40: expected printable UTF-8 text, found the escape \\0, which writes the "
        "control character '\\x00' (delete the escape)",
    ]
