"""Completeness as a check (issue 22): every number a report prints is the value of a figure or is listed
under its section's not_figures with a reason; `build.py check` prints the coverage of each report."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reportsite.coverage import COUNTED, coverage, zh_index
from reportsite.site import read_site

from .conftest import MINI_REPORT, REPO, edit, errors_of

SECTION = f"{MINI_REPORT}/sections/plan-goals.yaml"
LISTING = '  - {quote: "“15分钟生活圈”", number: "15", reason: name, note: "the name of a kind of neighbourhood"}\n'
REASONS = "date | session | name | scope | unit | phrase | missing"


@pytest.fixture(autouse=True)
def in_scratch_folder(mini, monkeypatch):
    """Messages name files relative to the working folder, as a person at a terminal sees them."""
    monkeypatch.chdir(mini.data.parent)


def list_instead(mini, entry: str) -> None:
    edit(mini.data / SECTION, LISTING, entry)


def test_check_prints_the_coverage_of_each_report(mini):
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--data", str(mini.data),
                          "--content", str(mini.content)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[:2] == [
        "example-2030: 6 figures cover 6 of 7 numbers; 1 listed as not a figure (1 name)", COUNTED]


def test_the_small_report_is_covered_by_its_figures_and_its_listing(mini):
    c = coverage(read_site(mini).report[MINI_REPORT])
    assert [x.number.printed for x in c.covered] == ["1200.5亿", "5.2", "120", "300", "6", "20"]
    assert [(x.number.printed, x.listed[0].reason) for x in c.listed] == [("15", "name")]
    assert c.uncovered == ()


def test_a_number_neither_a_figure_nor_listed_is_an_error_at_its_source_line(mini):
    list_instead(mini, "")
    edit(mini.data / SECTION, "not_figures:\n", "")
    assert errors_of(mini) == [
        f"data/{MINI_REPORT}/source.zh.txt:5:19: paragraph plan-goals-growth: expected each number it prints to be the "
        f"value of a figure, or listed under not_figures in data/{SECTION} (add a figure, or an entry "
        f'{{quote: "…", number: "15", reason: {REASONS}}}), found 15 in \'总值增长6%左右，新建“15分钟生活圈”20个以上。\', '
        "neither"]


def test_a_figure_covers_only_its_own_value_in_its_quote(mini):
    """20 of 新建“15分钟生活圈”20个以上 is the figure's; were its value 15, 20 would be uncovered."""
    edit(mini.data / SECTION, "    value: 20\n", "    value: 15\n")
    edit(mini.data / SECTION, "    qualifier: more-than\n", "")
    list_instead(mini, "")
    edit(mini.data / SECTION, "not_figures:\n", "")
    assert [e.split(": expected")[0] for e in errors_of(mini)] == [
        f"data/{MINI_REPORT}/source.zh.txt:5:27: paragraph plan-goals-growth"]


def test_the_coverage_counts_chinese_numerals_with_a_magnitude_but_not_dates_markers_or_lone_digits(mini):
    """二、今年工作安排 (a heading), 一网通办 (a lone digit in a slogan): nothing to list; 十大 is counted."""
    c = coverage(read_site(mini).report[MINI_REPORT])
    assert all(x.number.printed not in ("二", "一", "2025") for x in c.numbers)
    for path in (mini.data / f"{MINI_REPORT}/source.zh.txt", mini.data / SECTION):
        edit(path, "实现政务服务“一网通办”", "实现政务服务“一网通办”，壮大十大产业集群")
    assert [e.split(": expected")[1].split(", found")[1] for e in errors_of(mini)] == [
        " 十 in '务服务“一网通办”，壮大十大产业集群。', neither"]


def test_a_listed_number_that_a_figure_takes_is_an_error(mini):
    list_instead(mini, LISTING + '  - {quote: "生活圈”20个以上", number: "20", reason: name}\n')
    assert errors_of(mini) == [
        f"data/{SECTION}:37:5: not_figures[1]: expected a number no figure takes: figure living-circles-2030 takes 20, "
        "so remove this entry, found '生活圈”20个以上'"]


@pytest.mark.parametrize(("entry", "error"), [
    ('  - {quote: "“15分钟生活区”", number: "15", reason: name}\n',
     "36:13: not_figures[0].quote: expected verbatim words of a paragraph of this section, found '“15分钟生活区”'"),
    ('  - {quote: "”", number: "15", reason: name}\n',
     "36:13: not_figures[0].quote: expected words that occur once in the section (they occur 3 times: quote more), "
     "found '”'"),
    ('  - {quote: "“15分钟生活圈”", number: "1", reason: name}\n',
     "36:34: not_figures[0].number: expected a number the quote prints, as printed (it prints 15), found '1'"),
    ('  - {quote: "“15分钟生活圈”", number: 15.0, reason: name}\n',
     "36:34: not_figures[0].number: expected the number as the quote prints it, in quotes (\"2.5\", \"十九\"), found 15.0"),
    ('  - {quote: "“15分钟生活圈”", number: "15", reason: slogan}\n',
     f"36:48: not_figures[0].reason: expected one of {', '.join(sorted(REASONS.split(' | ')))}, found 'slogan'"),
], ids=["quote-not-in-section", "quote-twice", "number-not-printed", "number-unquoted-decimal", "unknown-reason"])
def test_a_listing_names_a_number_its_quote_prints_once_with_a_known_reason(mini, entry, error):
    list_instead(mini, entry)
    assert errors_of(mini) == [f"data/{SECTION}:{error}"]


def test_an_entry_lists_only_its_own_number_of_those_its_quote_prints(mini):
    """The quote holds 20 too, which the figure takes: listing 15 says nothing of 20."""
    list_instead(mini, '  - {quote: "新建“15分钟生活圈”20个以上", number: "15", reason: name}\n')
    c = coverage(read_site(mini).report[MINI_REPORT])
    assert [(x.number.printed, bool(x.figures), bool(x.listed)) for x in c.numbers[-2:]] == [
        ("15", False, True), ("20", True, False)]


def test_a_whole_number_may_be_written_without_quotes(mini):
    list_instead(mini, '  - {quote: "“15分钟生活圈”", number: 15, reason: name}\n')
    assert coverage(read_site(mini).report[MINI_REPORT]).uncovered == ()


def test_the_column_of_a_number_counts_the_bold_marks_of_its_line():
    line = "**今年主要预期指标是：**地区生产总值增长8%"
    plain = line.replace("**", "")
    assert line[zh_index(line, plain.index("8"))] == "8"
    assert zh_index(line, 0) == 2
