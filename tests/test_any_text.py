"""Any text in the data: whatever an editor types into a free-text field (a title, a note, an explainer,
an English paragraph, a glossary entry, a label, a content page), `check`, `build` and `bundle` give a
clear error or a correct site, never a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from reportsite import LANGS, cli
from reportsite.bundle import check_self_contained, readme, single_file
from reportsite.handout import briefing_job, handout_job, handout_renderer
from reportsite.load import BIDI_CONTROLS
from reportsite.site import Project, build, read_site
from reportsite.write import OutputError

from .conftest import MINI, MINI_CONTENT, REPO, edit, errors_of

REPORT = "example-2030"
SECTION = f"{REPORT}/sections/review-economy.yaml"
PLAN = f"{REPORT}/sections/plan-goals.yaml"


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


# ---- any text, any field: the property ------------------------------------------------------


def small_site() -> dict[str, object]:
    """The small site's YAML files as values, with the optional free-text fields filled in too."""
    docs = {p.relative_to(MINI).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(MINI.rglob("*.yaml"))}
    docs["site.yaml"]["short_name"] = {"zh": "示例", "en": "Example"}
    report = docs[f"{REPORT}/report.yaml"]
    report["source"].update(copied_from={"zh": "示例汇编", "en": "The example collection"},
                            differences={"zh": "标点不同。", "en": "Its punctuation differs."})
    report["text_notes"] = [{"paragraph": "review-economy-growth", "earlier": "全年地区生产总值达到",
                             "official": "全年地区生产总值", "note": {"zh": "多了两个字。", "en": "Two more characters."}}]
    docs[SECTION]["figures"][0]["note"] = {"zh": "现价。", "en": "At current prices."}
    docs[SECTION]["paragraphs"][0]["emendation"] = {"zh": "全年[地区]生产总值", "note": {"zh": "补字。", "en": "Added."}}
    docs["targets.yaml"]["targets"][1]["no_baseline"] = {"zh": "没有基数。", "en": "No baseline is given."}
    docs["corrections.yaml"] = {"corrections": [{
        "date": dt.date(2030, 2, 1), "what": {"zh": "改正数字。", "en": "A number corrected."},
        "why": {"zh": "抄错了。", "en": "It was copied wrongly."}, "affects": [{"report": REPORT, "figure": "gdp-2029"}]}]}
    return docs


def both(*path) -> list[tuple]:
    return [(*path, lang) for lang in LANGS]


# (file, key, …): every free-text field of the small site. Markdown fields are marked: their text is
# rendered, not shown as typed. Chinese that must be the official text (paragraphs, quotes) is not free.
PLAIN = [
    *both("site.yaml", "name"), *both("site.yaml", "short_name"), *both("site.yaml", "licence"),
    *both("site.yaml", "topics", "economy"),
    *[(f"{REPORT}/report.yaml", key, lang) for key in ("title", "issuer", "speaker", "speaker_role", "occasion",
                                                      "place") for lang in LANGS],
    (f"{REPORT}/report.yaml", "source", "title"), *both(f"{REPORT}/report.yaml", "source", "publisher"),
    *both(f"{REPORT}/report.yaml", "source", "copied_from"), *both(f"{REPORT}/report.yaml", "source", "differences"),
    (f"{REPORT}/report.yaml", "text_notes", 0, "earlier"), *both(f"{REPORT}/report.yaml", "text_notes", 0, "note"),
    *both(f"{REPORT}/parts/review.yaml", "title"), *both(f"{REPORT}/parts/review.yaml", "summary"),
    *both(SECTION, "title"), *both(SECTION, "explainer"),
    *both(SECTION, "figures", 0, "label"), (SECTION, "figures", 0, "quote_en"), *both(SECTION, "figures", 0, "note"),
    (SECTION, "paragraphs", 0, "emendation", "zh"), *both(SECTION, "paragraphs", 0, "emendation", "note"),
    *both(PLAN, "figures", 0, "label"), (PLAN, "figures", 0, "quote_en"),
    *[("glossary.yaml", "terms", 0, key) for key in ("pinyin", "en")], *both("glossary.yaml", "terms", 0, "explanation"),
    *both("targets.yaml", "targets", 1, "no_baseline"),
    *both("corrections.yaml", "corrections", 0, "what"), *both("corrections.yaml", "corrections", 0, "why"),
]
MARKDOWN = [
    (SECTION, "paragraphs", 0, "en"), (PLAN, "paragraphs", 1, "en"), (f"{REPORT}/parts/review.yaml", "heading", "en"),
    *[("content", lang, page, part) for lang in LANGS for page in ("home.md", "about.md") for part in ("title", "body")],
]
FIELDS = PLAIN + MARKDOWN

# Pieces that once broke, or could break, a stage: markup, attributes in text, Markdown links and images,
# formulas, template syntax, YAML syntax, invisible and control characters.
PIECES = [" src=x", " href=y", " data=z", "<img src=x>", '<a href="https://example.com">', "</script>", "]]>",
          "[a](b)", "![i](x.png)", "[t](term:fang-guan-fu)", "**", "*", "`", "&amp;", "&", "{{ x }}", "{% x %}",
          "=1+1", "-", "@", "\t", "\r", "\n", "\n\n", "# ", ": ", "{", "}", "'", '"', "\\", "\x00", "\x1b", "\u202e",
          "\u2066", "\ufeff", "\u00ad", "\u200b", "放管服", "一网通办", "%", "%(num)d", "https://example.com/", " "]
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)
texts = st.one_of(printable, st.text(max_size=30),
                  st.lists(st.one_of(st.sampled_from(PIECES), printable), min_size=1, max_size=6).map("".join))
# Text that is mostly valid, for the slow test that lays out the PDFs: no control characters
printable_texts = st.lists(st.one_of(st.sampled_from([p for p in PIECES if p.isprintable()]), printable),
                           min_size=1, max_size=6).map("".join)


def write_site(root: Path, values: dict[tuple, str]) -> Project:
    """The small site under root with each field's text replaced: data/, content/, and a project to build it."""
    docs = small_site()
    pages = {(lang, p.name): dict(zip(("title", "body"), p.read_text(encoding="utf-8").removeprefix("# ").split("\n", 1)))
             for lang in LANGS for p in (MINI_CONTENT / lang).glob("*.md")}
    for (name, *keys), text in values.items():
        if name == "content":
            lang, page, part = keys
            pages[lang, page][part] = text
            continue
        node = docs[name]
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = text
    for name, value in docs.items():
        path = root / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "data" / REPORT / "source.zh.txt").write_bytes((MINI / REPORT / "source.zh.txt").read_bytes())
    for (lang, page), text in pages.items():
        (root / "content" / lang).mkdir(parents=True, exist_ok=True)
        (root / "content" / lang / page).write_text(f"# {text['title']}\n{text['body']}", encoding="utf-8")
    return Project.at(REPO, data=root / "data", dist=root / "dist", content=root / "content")


def command(project: Project, name: str) -> tuple[int, str]:
    """Run `build.py NAME` for the project in this process: its exit code and what it printed to stderr.
    A traceback is an exception here, and fails the test."""
    err = io.StringIO()
    dist = [] if name == "check" else ["--dist", str(project.dist)]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main([name, "--data", str(project.data), "--content", str(project.content), *dist], root=REPO)
    return code, err.getvalue()


def assert_a_clear_error(project: Project, code: int, report: str) -> None:
    """Exit 1 and the list of errors, each naming a file of the project (file:line:column: …) and what
    was expected there."""
    assert code == 1, report
    *errors, total = report.strip("\n").split("\n")
    assert errors and total == f"{len(errors)} error{'s' if len(errors) > 1 else ''}; nothing was written.", report
    for error in errors:
        assert error.startswith((str(project.data), str(project.content))) and ": expected " in error, report


def assert_a_correct_site(project: Project, values: dict[tuple, str]) -> None:
    """The site builds; every plain text arrives on a page as typed (escaped: text, never markup);
    no bidirectional control character reaches any file; the bundle's one-file editions and the
    printed editions' HTML are made (their own checks: links only to anchors, every id once)."""
    built = build(project)
    pages = {name: data.decode("utf-8") for name, data in built.files.items() if name.endswith(".html")}
    for field, text in values.items():
        if field in PLAIN:
            shown = str(escape(text))
            assert any(shown in page for page in pages.values()), (field, text)
    for name, data in built.files.items():
        if name.endswith(".png"):
            continue  # compressed pixels, not text: any three bytes may read as a control character
        assert not BIDI_CONTROLS.search(data.decode("utf-8", "replace")), name
    site = built.site
    renderer = handout_renderer(project, site)
    for report in site.reports:
        for lang in LANGS:
            single_file(project, site, report, lang)
            handout_job(project, site, renderer, report, lang)
            briefing_job(project, site, renderer, report, lang)
    readme(project, site, None, None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), texts, min_size=1, max_size=4))
@example({(SECTION, "explainer", "en"): "A note quoting <img src=x> and href=y data=z"})
@example({(SECTION, "paragraphs", 0, "en"): "GDP [grew](b) ![i](x.png)"})
@example({(f"{REPORT}/report.yaml", "title", "en"): "Example City\nGovernment\u2029Work Report"})
def test_any_text_in_any_free_text_field_gives_a_clear_error_or_a_correct_site(values):
    """check, then build and the bundle's HTML (one-file editions, the printed editions' pages, the README):
    the bundle's PDFs are laid out by the test below, on fewer examples (WeasyPrint takes seconds)."""
    with tempfile.TemporaryDirectory() as scratch:
        project = write_site(Path(scratch), values)
        code, report = command(project, "check")
        event("a site" if code == 0 else "an error")
        if code == 0:
            assert_a_correct_site(project, values)
        else:
            assert_a_clear_error(project, code, report)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), printable_texts, min_size=1, max_size=4))
@example({(SECTION, "figures", 0, "note", "en"): "It quotes <img src=x>, href=y and data=z"})
@example({(f"{REPORT}/report.yaml", "speaker", "zh"): "李明\U000eb7c2"})  # a character no font has: a box, not a failure
@example({(f"{REPORT}/report.yaml", "title", "zh"): "一网通办\U00104985"})  # in the CJK font, which has no number left
def test_build_py_bundle_with_any_text_makes_the_bundle_or_a_clear_error(values):
    with tempfile.TemporaryDirectory() as scratch:
        project = write_site(Path(scratch), values)
        code, report = command(project, "bundle")
        event("a bundle" if code == 0 else "an error")
        if code == 0:
            made = sorted(p.suffix for p in (project.dist / "bundle").iterdir())
            assert made == [".html", ".html", ".pdf", ".pdf", ".pdf", ".pdf", ".txt", ".zip"], made
        else:
            assert_a_clear_error(project, code, report)
