"""The printed editions in the bundle (`python build.py bundle`): for each report and language a PDF handout
of the whole report and a two-page briefing of its main goals, made by WeasyPrint (reportsite/handout.py).

The PDFs are those of one bundle of the real data (conftest.real_bundle); they are read back with poppler's
pdftotext, pdfinfo and pdffonts and with pypdf (the outline), as a reader's tools would see them.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from reportsite import LANGS, l10n, meta, views
from reportsite.bundle import BUNDLE_DIR, bundle_names
from reportsite.editions import judged_by
from reportsite.handout import (BRIEFING_GROUPS, briefing_html, briefing_pdf, goal_tables, groups_of, handout_html,
                                handout_pdf, handout_renderer, printed_editions, qr_code, render_pdf, scorecard_html,
                                years_before)
from reportsite.ledger import STATUS_ICONS, STATUS_LABELS
from reportsite.site import Project, read_site
from reportsite.vocab import TARGET_GROUPS
from reportsite.write import OutputError

from .conftest import PAIR, PAIR_CONTENT, REPO, required_tool
from .test_punctuation import ASCII_IN_CHINESE, SPACE_BESIDE_A_MARK, chinese_texts, mistakes

REPORTS = ["taiyuan-2021", "taiyuan-2022"]
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(real_bundle):
    """Every report's handout and briefing in both languages, as `build.py bundle` makes them from a
    snapshot of data/ (conftest.real_bundle; tests/test_bundle.py checks the rest of its folder):
    (project, site, the bundle folder)."""
    project, site, _ = real_bundle
    return project, site, project.dist / BUNDLE_DIR


@pytest.fixture(scope="module")
def project(built) -> Project:
    return built[0]


@pytest.fixture(scope="module")
def site(built):
    return built[1]


@pytest.fixture(scope="module")
def pdf(built, site):
    """The path of a PDF of the bundle: pdf(report id, lang, "handout" | "briefing")."""
    names = bundle_names(site)

    def path(report_id: str, lang: str, kind: str = "handout") -> Path:
        return built[2] / names[f"{report_id}:{lang}:{kind}"]
    return path


@pytest.fixture(scope="module")
def pair_pdfs(tmp_path_factory) -> dict[tuple[str, str, str], Path]:
    """Every PDF of the small two-report site (tests/fixtures/pair: its url is https://example.org/sample/, the
    second report judges the first's goals), written to a temporary folder: {(report id, lang, kind): path}."""
    project = Project.at(REPO, data=PAIR, content=PAIR_CONTENT, dist=tmp_path_factory.mktemp("pair") / "dist")
    folder = tmp_path_factory.mktemp("pair-pdfs")
    paths = {}
    for (report_id, lang, kind), data in printed_editions(project, read_site(project)).items():
        paths[report_id, lang, kind] = folder / f"{report_id}-{lang}-{kind}.pdf"
        paths[report_id, lang, kind].write_bytes(data)
    return paths


def squash(text: str) -> str:
    """Text without any white space: lines broken anywhere by the layout still compare equal."""
    return re.sub(r"\s+", "", text)


@cache
def pages_of(path: Path, mode: str = "-raw") -> list[str]:
    """The text of each page, in the order the PDF draws it (-raw) or as laid out (-layout)."""
    tool = required_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def info(path: Path) -> dict[str, str]:
    tool = required_tool("pdfinfo", "poppler-utils")
    out = subprocess.run([tool, "-isodates", str(path)], capture_output=True, text=True, check=True).stdout
    return {key: value.strip() for key, value in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def contents(path: Path) -> list[tuple[str, int]]:
    """(title, page number) of every line of the contents pages: the pages after the cover with leaders."""
    entries, pending = [], ""
    for page in pages_of(path, "-layout")[1:]:
        if ". . ." not in page:
            break
        for line in page.splitlines()[1:]:  # the first line is the running head
            line = line.strip()
            entry = re.fullmatch(r"(.*?)\s*(?:\.\s+)+\.?\s*(\d+)", line)
            if entry:
                entries.append((f"{pending} {entry.group(1)}".strip(), int(entry.group(2))))
                pending = ""
            elif line and line not in ("Contents", "目录") and not re.fullmatch(r"\d+ / \d+", line):  # heading, folio
                pending = f"{pending} {line}".strip()  # a title that wrapped onto the next line
    return entries


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (level, title, page number), in order."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 1)
    return found


def expected_contents(site, report, lang: str, catalogs) -> list[str]:
    titles = []
    for part in report.parts:
        titles.append(part.title[lang])
        titles.extend(s.title[lang] for s in part.sections)
    return titles + [catalogs[lang].gettext("Goals"), catalogs[lang].gettext("Glossary")]


# ---- the files ------------------------------------------------------------------------------


def test_each_report_has_a_handout_and_a_briefing_in_each_language_named_for_the_edition(built, site, pdf):
    judged = {r.id for r in site.reports if any(t.verdict for t in r.targets)}  # they have a scorecard too
    assert sorted(p.name for p in built[2].glob("*.pdf")) == sorted(
        f"{r.id}-{site.last_updated.isoformat()}-{lang}{kind}.pdf" for r in site.reports for lang in LANGS
        for kind in ("", "-briefing") + (("-scorecard",) if r.id in judged else ()))
    for report_id in REPORTS:
        for lang in LANGS:
            for kind in ("handout", "briefing"):
                assert pdf(report_id, lang, kind).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_a4(pdf, report_id, lang):
    from pypdf import PdfReader

    for kind in ("handout", "briefing"):
        for page in PdfReader(pdf(report_id, lang, kind)).pages:
            box = page.mediabox
            assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


# ---- the handout ----------------------------------------------------------------------------


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_cover_names_the_report_the_edition_the_data_version_and_the_official_source(site, pdf, report_id, lang):
    report = site.report[report_id]
    cover = squash(pages_of(pdf(report_id, lang))[0])
    for needle in (report.title[lang], l10n.long_date(report.date, lang), report.place[lang], site.name[lang],
                   l10n.long_date(site.last_updated, lang), site.data_hash[:12], report.source.url, report.source.title):
        assert squash(needle) in cover, needle
    assert site.data_hash not in cover  # a reader compares twelve characters, not sixty-four
    assert not re.search(r"\d+/\d+", cover.replace(report.source.url.replace(" ", ""), ""))  # no page number


def test_without_a_site_address_the_qr_code_leads_to_the_official_page_and_the_cover_says_so(site, pdf, catalogs):
    assert site.url is None  # the data has no url: the bundle is built without one
    report = site.report["taiyuan-2021"]
    for lang in LANGS:
        code = qr_code(site, report, lang)
        assert (code.url, code.to_site) == (report.source.url, False)
        assert code.svg.startswith("<svg") and "<path" in code.svg
        cover = squash(pages_of(pdf(report.id, lang))[0])
        said = catalogs[lang].gettext("Scan for the official text on the government's site: this edition has no "
                                      "web address of its own yet.")
        assert squash(said) in cover
    online = dataclasses.replace(site, url="https://reports.example.org/taiyuan/")
    code = qr_code(online, report, "en")
    assert (code.url, code.to_site) == ("https://reports.example.org/taiyuan/en/taiyuan-2021/", True)


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_list_every_part_and_section_with_the_page_it_starts_on(site, pdf, catalogs, report_id, lang):
    report = site.report[report_id]
    path = pdf(report_id, lang)
    entries = contents(path)
    assert [squash(title) for title, _ in entries] == [squash(t) for t in expected_contents(site, report, lang, catalogs)]
    pages = [squash(p) for p in pages_of(path)]
    numbers = dict((squash(title), n) for title, n in entries)
    for part in report.parts:
        n = numbers[squash(part.title[lang])]
        assert squash(part.summary[lang])[:40] in pages[n - 1], (part.id, n)  # the part's opening is there
        assert squash(part.summary[lang])[:40] not in pages[n - 2], (part.id, n)  # and not a page before
        for section in part.sections:
            m = numbers[squash(section.title[lang])]
            assert squash(section.title[lang]) in pages[m - 1], (section.id, m)
            assert squash(section.explainer[lang])[:40] in pages[m - 1] + pages[m], (section.id, m)


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_body_pages_are_numbered_n_of_n_and_carry_the_part_s_name_in_the_running_head(
        site, pdf, catalogs, report_id, lang):
    report = site.report[report_id]
    path = pdf(report_id, lang)
    pages = pages_of(path)
    total = len(pages)
    assert total == int(info(path)["Pages"])
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} / {total}" in text, number
    heads = {squash(p.title[lang]) for p in report.parts} | {squash(catalogs[lang].gettext(a)) for a in ("Goals", "Glossary")}
    starts = [(n, title) for title, n in contents(path) if squash(title) in heads]
    assert len(starts) == len(report.parts) + 2
    ends = [n for n, _ in starts[1:]] + [total + 1]
    laid_out = pages_of(path, "-layout")
    for (start, title), end in zip(starts, ends):
        for number in range(start, end):
            head = next(line for line in laid_out[number - 1].splitlines() if line.strip())  # the top line
            assert squash(title) in squash(head) and squash(report.title[lang]) in squash(head), (number, head)


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_lead_to_every_part_and_section(site, pdf, catalogs, report_id, lang):
    report = site.report[report_id]
    path = pdf(report_id, lang)
    marks = outline(path)
    numbers = {squash(title): n for title, n in contents(path)}
    assert [(level, squash(title)) for level, title, _ in marks] == (
        [(1, squash(catalogs[lang].gettext("Contents")))]
        + [mark for part in report.parts
           for mark in [(1, squash(part.title[lang]))] + [(2, squash(s.title[lang])) for s in part.sections]]
        + [(1, squash(catalogs[lang].gettext("Goals")))] + [(2, squash(TARGET_GROUPS[g][lang])) for g in groups_of(report)]
        + [(1, squash(catalogs[lang].gettext("Glossary")))])
    for level, title, page in marks[1:]:
        if squash(title) in numbers:
            assert page == numbers[squash(title)], title  # the bookmark and the contents agree


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_goals_table_is_complete_and_nothing_on_its_pages_runs_off_the_printable_area(
        site, pdf, catalogs, report_id, lang):
    report = site.report[report_id]
    path = pdf(report_id, lang)
    numbers = {squash(title): n for title, n in contents(path)}
    first, last = numbers[squash(catalogs[lang].gettext("Goals"))], numbers[squash(catalogs[lang].gettext("Glossary"))] - 1
    text = squash("".join(pages_of(path)[first - 1:last]))
    for target in report.targets:
        assert squash(target.figure.label[lang]) in text, target.id
        assert squash(l10n.figure_value(target.figure, lang)) in text, target.id
        for d in target.derived:
            assert squash(l10n.formula(d, lang)) in text, target.id  # each formula as a note
    tool = required_tool("pdftotext", "poppler-utils")
    boxes = subprocess.run([tool, "-bbox", "-f", str(first), "-l", str(last), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    assert len(pages) == last - first + 1
    for width, height, words in pages:
        for x0, y0, x1, y1 in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                                         words):
            assert 10 * MM <= float(x0) and float(x1) <= float(width) - 10 * MM, (x0, x1)
            assert 8 * MM <= float(y0) and float(y1) <= float(height) - 8 * MM, (y0, y1)


@pytest.mark.parametrize("report_id", REPORTS)
def test_the_english_handout_gives_each_paragraph_in_english_with_the_official_chinese(site, pdf, report_id):
    report = site.report[report_id]
    en, zh = (squash("".join(pages_of(pdf(report_id, lang)))) for lang in LANGS[::-1])
    for paragraph in report.paragraphs():
        english = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraph.en).replace("**", "")
        assert squash(english)[:60] in en, paragraph.id
        assert squash(paragraph.plain_zh)[:30] in en, paragraph.id  # the Chinese follows it
        assert squash(paragraph.plain_zh)[:30] in zh, paragraph.id
    assert squash(report.parts[-1].sections[-1].paragraphs[-1].plain_zh)[-30:] in zh  # to the last line


def test_every_pdf_is_tagged_for_screen_readers_in_its_own_language(pair_pdfs):
    """Handouts, briefings and scorecards carry a structure tree and MarkInfo (pdfinfo's "Tagged: yes"), and the
    document's language, so that a screen reader reads them, in the right voice."""
    from pypdf import PdfReader

    assert {kind for _, _, kind in pair_pdfs} == {"handout", "briefing", "scorecard"}
    for (report_id, lang, kind), path in pair_pdfs.items():
        assert info(path)["Tagged"] == "yes", path.name
        catalog = PdfReader(path).trailer["/Root"]
        assert catalog["/Lang"] == meta.HTML_LANG[lang] and "/StructTreeRoot" in catalog, path.name


def test_no_chinese_is_set_in_a_machine_slanted_face(pair_pdfs):
    """Noto CJK has no italic: a Chinese face named Oblique or Italic in a PDF is one WeasyPrint slanted itself
    (explainers, pinyin, emphasis). Pinyin may be slanted in a Latin face that has a real oblique."""
    tool = required_tool("pdffonts", "poppler-utils")
    slanted = []
    for path in pair_pdfs.values():
        fonts = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        slanted += [f"{path.name}: {line.split()[0]}" for line in fonts if re.search(r"CJK.*(Oblique|Italic)", line)]
    assert slanted == []


def test_chinese_is_set_in_noto_cjk_and_english_in_a_latin_face(pdf):
    tool = required_tool("pdffonts", "poppler-utils")
    fonts = {lang: subprocess.run([tool, str(pdf("taiyuan-2021", lang))], capture_output=True, text=True,
                                  check=True).stdout for lang in LANGS}
    assert "Noto-Serif-CJK-SC" in fonts["zh"] and "Noto-Sans-CJK-SC" in fonts["zh"]
    assert "Noto-Serif-CJK-SC" in fonts["en"]
    assert re.search(r"(Liberation|DejaVu)-Serif", fonts["en"]) and re.search(r"(Liberation|DejaVu)-Sans", fonts["en"])


# ---- the briefing ---------------------------------------------------------------------------


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_briefing_has_at_most_two_pages_and_names_every_main_indicator_and_five_year_goal(
        site, pdf, catalogs, report_id, lang):
    report = site.report[report_id]
    path = pdf(report_id, lang, "briefing")
    pages = pages_of(path)
    assert info(path)["Pages"] == str(len(pages)) and len(pages) <= 2
    assert all(f"{n} / {len(pages)}" in page for n, page in enumerate(pages, 1))
    text = squash("".join(pages))
    goals = [t for t in report.targets if t.group in ("annual", "five-year")]
    needs = {d for table in goal_tables(report, BRIEFING_GROUPS, needs_only=True) for row in table.rows
             for _, d in row.derived}
    earlier = [squash(s.figure.label[lang]) for b in years_before(site, report) for s in b.shortfalls]  # named too
    assert goals and not [t for t in report.targets if t.group == "task" and squash(t.figure.label[lang]) in text
                          and t.figure.label[lang] not in {g.figure.label[lang] for g in goals}
                          and not any(squash(t.figure.label[lang]) in name for name in earlier)]
    for target in goals:
        assert squash(target.figure.label[lang]) in text, target.id
        assert squash(l10n.figure_value(target.figure, lang)) in text, target.id
        for baseline in target.baselines:
            assert squash(l10n.figure_value(baseline, lang)) in text, target.id
        for d in target.derived:  # what a goal needs is shown with its formula; a mere comparison is not
            shown = squash(l10n.derived_value(d, lang)) in text and squash(l10n.formula(d, lang)) in text
            assert shown == (d in needs), (target.id, d.name)
        if target.verdict:
            assert squash(catalogs[lang].gettext(STATUS_LABELS[target.verdict.status])) in text, target.id
    for needle in (report.title[lang], site.data_hash[:12], report.source.url):
        assert squash(needle) in text, needle
    assert site.data_hash not in text


def lowest_text(path: Path, page: int) -> float:
    """How far down a page its text reaches, above the footer, as a share of the page's height."""
    tool = required_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, "-bbox", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
    bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', out)]
    return max(y for y in bottoms if y < height - 17 * MM) / height  # the footer sits in the bottom margin


@pytest.mark.parametrize("lang", LANGS)
def test_no_briefing_leaves_the_first_of_its_two_pages_half_empty(site, pdf, lang):
    """A briefing starts its second page on purpose only when the first is full; else its groups flow on."""
    for report in site.reports:
        path = pdf(report.id, lang, "briefing")
        if info(path)["Pages"] == "2":
            assert lowest_text(path, 1) > 0.7, report.id


def test_the_briefing_says_how_the_goals_of_the_year_before_went(pair_pdfs, catalogs):
    """The second report's briefing gives the first report's goals as the ledger reads it: each group's goals
    counted by status (word and icon), and each goal that fell short or cannot be compared, by name."""
    project = Project.at(REPO, data=PAIR, content=PAIR_CONTENT)
    site = read_site(project)
    earlier, later = site.reports
    for lang in LANGS:
        tr = catalogs[lang].gettext
        text = squash("".join(pages_of(pair_pdfs[later.id, lang, "briefing"])))
        assert squash(tr("How %(year)s went") % {"year": l10n.period(str(earlier.year), lang)}) in text
        for count in views.fared(site, earlier.id, later.id):
            for status, n in count.by_status:
                assert squash(f"{STATUS_ICONS[status]} {tr(STATUS_LABELS[status])} {n}") in text, (count.group, status)
        judged = [t for t in earlier.targets if t.verdict and t.outcome.report_id == later.id]
        short = [t for t in judged if t.verdict.status in ("partly", "missed", "not_comparable")]
        assert short and len(short) < len(judged)
        shortfalls = text[text.lower().index(squash(tr("Fell short, or cannot be compared")).lower()):]  # a heading
        for t in short:
            row = squash(t.figure.label[lang]) + squash(l10n.figure_value(t.figure, lang))
            assert row in shortfalls and squash(tr(STATUS_LABELS[t.verdict.status])) in shortfalls, t.id
        first = squash(pages_of(pair_pdfs[earlier.id, lang, "briefing"])[0])
        assert squash(tr("How %(year)s went") % {"year": ""}) not in first  # no report before the first


def test_with_a_base_url_every_pdf_prints_its_own_address_and_a_short_data_version(pair_pdfs):
    project = Project.at(REPO, data=PAIR, content=PAIR_CONTENT)
    site = read_site(project)
    names = bundle_names(site)
    assert site.url == "https://example.org/sample/"
    for (report_id, lang, kind), path in pair_pdfs.items():
        first = squash(pages_of(path)[0])
        assert squash(f"{site.url}{BUNDLE_DIR}/{names[f'{report_id}:{lang}:{kind}']}") in first, path.name
        assert site.data_hash[:12] in first and site.data_hash not in first, path.name


# ---- the scorecard -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_judged_year_has_a_one_page_scorecard_with_each_main_indicator_s_verdict(site, pdf, catalogs, lang):
    """"How 2021 went": one A4 page with the ledger's counts and, for each main indicator of the year, its
    target, its status and the rule's reading; a report no later report has judged has none."""
    report = site.report["taiyuan-2021"]
    path = pdf(report.id, lang, "scorecard")
    assert info(path)["Pages"] == "1" and info(path)["Page size"].endswith("(A4)")
    text = squash(pages_of(path)[0])
    tr = catalogs[lang].gettext
    assert squash(tr("How %(year)s went") % {"year": l10n.period("2021", lang)}) in text
    main = [t for t in report.targets if t.group == "annual"]
    assert len(main) == 10 and all(t.verdict for t in main)
    for t in main:
        assert squash(t.figure.label[lang]) in text and squash(l10n.figure_value(t.figure, lang)) in text, t.id
        assert squash(tr(STATUS_LABELS[t.verdict.status])) in text, t.id
    names = bundle_names(site)
    judged = [r.id for r in site.reports if any(t.verdict for t in r.targets)]
    assert all(f"{rid}:{lang}:scorecard" in names for rid in judged)
    assert f"{site.reports[-1].id}:{lang}:scorecard" not in names  # the newest report's goals await the next


# ---- the same bytes, nothing fetched --------------------------------------------------------


def test_the_pdfs_are_the_same_bytes_every_time_and_fetch_nothing(project, site, pdf):
    """Rendered again in this process: the same bytes as the bundle's, and WeasyPrint asked for no URL."""
    report, requests = site.report["taiyuan-2022"], []
    assert handout_pdf(project, site, report, "zh", requests) == pdf(report.id, "zh").read_bytes()
    assert briefing_pdf(project, site, report, "en", requests) == pdf(report.id, "en", "briefing").read_bytes()
    assert requests == []
    for lang in LANGS:
        meta = info(pdf(report.id, lang))
        assert meta["CreationDate"].startswith(site.last_updated.isoformat())
        assert meta["ModDate"].startswith(site.last_updated.isoformat())


def test_the_url_fetcher_refuses_the_network_and_files_outside_the_project(project):
    requests: list[str] = []
    inside = f'<img src="{(project.assets / "favicon.svg").as_uri()}" alt="">'
    document = render_pdf(f"<p>ok</p>{inside}", "", project.root, requests)
    assert len(document.pages) == 1 and requests == [(project.assets / "favicon.svg").as_uri()]
    for url in ("https://example.org/logo.png", "file:///etc/hostname", "ftp://example.org/x.css"):
        requests.clear()
        with pytest.raises(OutputError, match="outside the project"):
            render_pdf(f'<p>x</p><img src="{url}" alt="">', "", project.root, requests)
        assert requests == [url]


def test_a_css_mistake_is_an_error_not_a_silent_blank(project):
    with pytest.raises(OutputError, match="WeasyPrint"):
        render_pdf("<p>x</p>", "p { colour: red; font-size: }", project.root)


# ---- text the PDFs print --------------------------------------------------------------------


def test_chinese_in_the_handouts_briefings_and_scorecards_uses_chinese_punctuation(project, site):
    """As on the site's pages (test_punctuation.py): Chinese marks, and no space beside them."""
    renderer = handout_renderer(project, site)
    lines = []
    for report in site.reports:
        for lang in LANGS:
            printed = [("handout", handout_html(renderer, site, report, lang)),
                       ("briefing", briefing_html(renderer, site, report, lang, "flow"))]
            if judged_by(site, report):
                printed.append(("scorecard", scorecard_html(renderer, site, report, lang)))
            lines += [(f"{report.id} {lang} {name}", text) for name, html in printed for text in chinese_texts(html)]
    assert mistakes(lines, ASCII_IN_CHINESE, SPACE_BESIDE_A_MARK) == []


def test_the_plain_site_build_never_imports_weasyprint(tmp_path):
    code = ("import sys; from pathlib import Path; from reportsite.cli import main; "
            f"main(root=Path({str(REPO)!r}), argv=['--data', {str(REPO / 'tests/fixtures/mini')!r}, '--content', "
            f"{str(REPO / 'tests/fixtures/mini-content')!r}, '--dist', {str(tmp_path / 'dist')!r}]); "
            "import reportsite.bundle, reportsite.handout; print('weasyprint' in sys.modules, 'segno' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines()[-1] == "False False"
