"""Any text in the data: whatever an editor types into a free-text field (a title, a note, an explainer,
an English paragraph, a glossary entry, a label, a content page), `check`, `build` and `bundle` give a
clear error or a correct site, never a traceback."""

from __future__ import annotations

import re

import pytest

from reportsite.bundle import check_self_contained, single_file
from reportsite.site import read_site
from reportsite.write import OutputError

from .conftest import edit

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
