"""Phrases real reports print, each written in the data, read faithfully in both languages, and judged by
the ledger's rules: ranks and a top N, a change from the year before, goals set relative to another
indicator, grades, vague quantities, multiples with their base year, changes between two years, runs
(连续两年), numerals that name (十大), a record of a lower-is-better index, and a report given in part.
The fixture is tests/fixtures/phrases: a plan report and a partial review of it."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from reportsite.coverage import coverage
from reportsite.l10n import figure_value
from reportsite.ledger import RULES, verdict
from reportsite.model import Outcome
from reportsite.numbers import printed_numbers
from reportsite.site import Project, build, read_site

from .conftest import REPO, edit, errors_of

PHRASES = REPO / "tests" / "fixtures" / "phrases"
CONTENT = REPO / "tests" / "fixtures" / "pair-content"
PLAN, REVIEW = "town-2030", "town-2031"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(Project.at(REPO, data=PHRASES, content=CONTENT, dist=tmp_path_factory.mktemp("phrases") / "dist"))


@pytest.fixture
def phrases(tmp_path, monkeypatch) -> Project:
    """A scratch copy of the phrases site, free to break."""
    shutil.copytree(PHRASES, tmp_path / "data")
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)  # errors name files as the editor sees them: data/…
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


def figure(built, report: str, ident: str):
    return built.site.report[report].index.figures[ident]


def goal(built, ident: str):
    return next(t for t in built.site.targets if t.id == ident)


# ---- how each reads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("report, ident, zh, en", [
    (PLAN, "gdp-top-2030", "50强", "the top 50"),  # 保持全国城市GDP50强
    (PLAN, "gdp-capital-rank-2030", "第三位", "No. 3"),  # 居全国省会城市第三位: as printed
    (REVIEW, "gdp-rank-change-2030", "比2029年前进1位", "up 1 place on 2029"),  # 前进1位
    (REVIEW, "good-air-days-rise-2030", "比2029年增加17天", "up 17 days on 2029"),  # 同比增加17天
    (PLAN, "urban-income-growth-2030", "与地区生产总值增速同步", "in step with GDP growth"),  # 与经济增长基本同步
    (PLAN, "rural-income-growth-2030", "高于地区生产总值增速", "above GDP growth"),  # 高于经济增长水平
    (PLAN, "water-grade-2030", "Ⅲ类以上", "Grade III or better"),  # 国考断面水质达到Ⅲ类以上
    (REVIEW, "water-grade-2030", "Ⅱ类", "Grade II"),
    (PLAN, "new-4a-scenic-spots-2030", "2个", "2"),  # 4A级景区: the 4 names the grade, the figure counts spots
    (PLAN, "tech-firms-multiple-2030", "比2025年翻一番", "2 times the 2025 level"),
    (REVIEW, "tech-firms-multiple-2030", "比2025年增长2.4倍", "up 2.4 times on 2025"),  # 比2015年增长3.5倍
    (REVIEW, "tech-firms-2025", "26家", "26"),  # 由26家增至88家: two figures, each with its year
    (REVIEW, "tech-firms-2030", "88家", "88"),
    (REVIEW, "industrial-revenue-2029-2030", "连续2年突破千亿元", "over CNY 100 billion for 2 years running"),
    (REVIEW, "industry-growth-quarterly-2030", "连续4个季度6%以上", "more than 6% for 4 quarters running"),
    (PLAN, "industrial-clusters-2030", "十大", "10"),  # 十大产业集群 stays 十大, never 十个
    (REVIEW, "air-quality-index-2030", "历史最好4.1", "a record-low 4.1"),  # 历史最好 of a lower-is-better index
])
def test_each_phrase_reads_as_the_report_prints_it_in_both_languages(built, report, ident, zh, en):
    f = figure(built, report, ident)
    assert (figure_value(f, "zh"), figure_value(f, "en")) == (zh, en)


def test_a_record_is_high_or_low_as_the_indicator_goes(built):
    """历史最好 of an index the site's vocabulary says is better lower is a record low, never "highest"."""
    index = figure(built, REVIEW, "air-quality-index-2030")
    assert index.direction == "down"  # from the site's own unit, air-index (vocabulary.yaml)
    assert (figure_value(replace(index, direction="up"), "zh"), figure_value(replace(index, direction="up"), "en")) \
        == ("历史最高4.1", "a record-high 4.1")
    page = built.files[f"en/{REVIEW}/figures/air-quality-index-2030/index.html"].decode()
    assert "a record-low 4.1" in page and "record-high" not in page and "历史最高" not in page


def test_the_pages_show_the_phrases_as_the_data_reads_them(built):
    ledger = built.files["en/ledger/index.html"].decode()
    assert "in step with GDP growth" in ledger and "the top 50" in ledger and "Grade III or better" in ledger
    goals = built.files[f"zh/{PLAN}/targets/index.html"].decode()
    assert "十大" in goals and "十个" not in goals and "比2025年翻一番" in goals


# ---- the ledger --------------------------------------------------------------------------------------


STATUSES = {  # goal -> (status, rule)
    "gdp-growth-2030": ("met", "level"),
    "urban-income-growth-2030": ("met", "relative"),  # 7% in step with GDP's outcome, 7.2% (at least 95% of it)
    "rural-income-growth-2030": ("met", "relative"),  # 8% above 7.2%
    "industry-growth-2030": ("not_reported", "not-reported"),
    "industry-investment-growth-2030": ("not_comparable", "no-level"),  # the goal it follows has no outcome
    "gdp-top-2030": ("met", "ceiling"),  # 45th, in the top 50
    "gdp-capital-rank-2030": ("missed", "ceiling"),  # fourth, not third
    "water-grade-2030": ("met", "ceiling"),  # Grade II is better than Grade III
    "good-air-days-2030": ("met", "level"),
    "good-air-days-rise-2030": ("missed", "level"),  # 17 more days against 20, both on 2029
    "tech-firms-multiple-2030": ("met", "level"),  # up 2.4 times is 3.4 times 2025: more than double
    "industrial-revenue-2030": ("met", "level"),  # past 100 billion in each year of 2029-2030
    "industry-growth-quarterly-2030": ("met", "level"),
    "industrial-clusters-2030": ("met", "level"),
    "new-4a-scenic-spots-2030": ("met", "level"),
    "tourism-revenue-growth-2030": ("reported_done", "statement"),  # "double-digit growth" is words, not 10%
}


def test_every_goal_s_status_follows_its_rule(built):
    assert {t.id: (t.verdict.status, t.verdict.rule) for t in built.site.targets} == STATUSES
    assert {rule for _, rule in STATUSES.values()} <= set(RULES)


def test_a_goal_set_relative_to_another_is_judged_against_that_goal_s_outcome(built):
    urban = goal(built, "urban-income-growth-2030")
    gdp = figure(built, REVIEW, "gdp-growth-2030")  # 7.2%
    slower = replace(urban.outcome.figure, value=6.8)  # below 95% of 7.2%
    assert verdict(urban, replace(urban.outcome, figure=slower), gdp) == ("missed", "relative")
    assert verdict(urban, urban.outcome, None) == ("not_comparable", "no-level")
    rural = goal(built, "rural-income-growth-2030")
    level = replace(rural.outcome.figure, value=7.2)  # as fast as GDP is not above it
    assert verdict(rural, replace(rural.outcome, figure=level), gdp) == ("missed", "relative")


def test_a_change_from_the_year_before_is_no_level_and_counts_only_from_the_same_year(built):
    days, rise = goal(built, "good-air-days-2030"), figure(built, REVIEW, "good-air-days-rise-2030")
    assert verdict(days, Outcome(REVIEW, rise)) == ("not_comparable", "other-base")  # +17 days is not 17 days
    change = goal(built, "good-air-days-rise-2030")
    assert verdict(change, Outcome(REVIEW, replace(rise, since="2028"))) == ("not_comparable", "other-base")


def test_a_place_and_a_top_n_are_one_measure_whose_first_is_the_best(built):
    top = goal(built, "gdp-top-2030")
    rank = figure(built, REVIEW, "gdp-city-rank-2030")
    assert verdict(top, Outcome(REVIEW, replace(rank, value=51))) == ("missed", "ceiling")
    assert verdict(replace(top, direction="up"), Outcome(REVIEW, rank)) == ("met", "ceiling")  # 45th, whatever is said
    top_60 = replace(figure(built, PLAN, "gdp-top-2030"), value=60, period="2030")
    assert verdict(top, Outcome(REVIEW, top_60)) == ("not_comparable", "outcome-bound")  # 1st to 60th: unsettled
    assert verdict(top, Outcome(REVIEW, replace(top_60, value=30))) == ("met", "ceiling")  # the top 30 is in the top 50


def test_a_multiple_counts_from_its_base_year(built):
    double = goal(built, "tech-firms-multiple-2030")
    up = figure(built, REVIEW, "tech-firms-multiple-2030")
    assert verdict(double, Outcome(REVIEW, replace(up, value=1.5))) == ("met", "level")  # up 1.5 times is 2.5 times
    assert verdict(double, Outcome(REVIEW, replace(up, value=0.8))) == ("missed", "level")  # 1.8 times: not double
    assert verdict(double, Outcome(REVIEW, replace(up, since="2020"))) == ("not_comparable", "other-base")


def test_a_change_between_two_years_is_two_figures_and_the_later_one_is_the_outcome(built):
    """由2025年的26家增至88家: a goal of 80 firms for 2030 is met by the 88 of 2030; the 26 of 2025 would only be
    progress towards it."""
    spots = goal(built, "new-4a-scenic-spots-2030")
    firms = replace(spots, figure=replace(spots.figure, value=80, measure_zh="家"))
    assert verdict(firms, Outcome(REVIEW, figure(built, REVIEW, "tech-firms-2030"))) == ("met", "level")
    assert verdict(firms, Outcome(REVIEW, figure(built, REVIEW, "tech-firms-2025"))) == ("in_progress", "before-due")


def test_a_run_is_the_outcome_of_each_of_its_periods_and_of_no_other(built):
    revenue = goal(built, "industrial-revenue-2030")
    run = figure(built, REVIEW, "industrial-revenue-2029-2030")
    assert verdict(revenue, Outcome(REVIEW, run)) == ("met", "level")
    earlier = replace(revenue, figure=replace(revenue.figure, period="2028"))
    assert verdict(earlier, Outcome(REVIEW, run)) == ("not_comparable", "other-period")
    quarterly = goal(built, "industry-growth-quarterly-2030")
    one_reading = replace(quarterly.outcome.figure, each=None, period="2030")  # not a quarterly goal's outcome
    assert verdict(quarterly, Outcome(REVIEW, one_reading)) == ("not_comparable", "other-period")


def test_a_goal_goes_the_way_its_figure_does(phrases):
    """A goal on an index the site's vocabulary says is better lower is a ceiling without saying so again."""
    edit(phrases.data / "targets.yaml", "targets:\n",
         "targets:\n  - {id: air-quality-index-2030, report: town-2031, group: annual, figure: air-quality-index-2030}\n")
    index = next(t for t in read_site(phrases).targets if t.id == "air-quality-index-2030")
    assert index.direction == "down"


# ---- the numbers a sentence prints -----------------------------------------------------------------


def test_vague_quantities_and_names_are_never_numbers_and_a_top_n_is_one(built):
    counted = {c.number.printed for r in built.site.reports for c in coverage(r).numbers}
    assert {"数万", "两"}.isdisjoint(counted)  # 新增就业数万名, 两位数增长
    assert "50" in counted  # GDP50强: after Latin letters, yet a place in a ranking
    assert [(n.printed, n.role) for n in printed_numbers("新增就业数万名，实现两位数增长，4A级景区")] == [
        ("万", "vague"), ("两", "vague"), ("4", "code")]


def test_a_vague_quantity_given_as_a_figure_is_refused(phrases):
    edit(phrases.data / PLAN / "sections/plan-tasks.yaml", "value: 2, unit: count, measure_zh: 个, period",
         "value: 2, unit: count, measure_zh: 个, as_printed: 数万, period")
    edit(phrases.data / PLAN / "sections/plan-tasks.yaml", 'quote_zh: "新创建4A级景区2个"', 'quote_zh: "新增就业数万名"')
    assert errors_of(phrases) == [
        f"data/{PLAN}/sections/plan-tasks.yaml:13:245: figures[new-4a-scenic-spots-2030].as_printed: expected a "
        "number the quote prints: a vague quantity (数万, 两位数) is no figure's value; leave it to the paragraph's "
        "English, or an outcome's statement, found '数万'"]


def test_a_chinese_numeral_without_as_printed_names_as_printed(phrases):
    edit(phrases.data / PLAN / "sections/plan-tasks.yaml", "measure_zh: 个, as_printed: 十大, period",
         "measure_zh: 个, period")
    assert errors_of(phrases) == [
        f"data/{PLAN}/sections/plan-tasks.yaml:12:200: figures[industrial-clusters-2030].value: expected a number "
        "printed whole in quote_zh ('打造十大产业集群' prints none; in Chinese numerals 十: give them as as_printed: 十), "
        "found 10"]


def test_a_numeral_that_names_with_da_is_shown_with_it_however_as_printed_is_written(built):
    clusters = figure(built, PLAN, "industrial-clusters-2030")
    assert figure_value(replace(clusters, as_printed="十"), "zh") == "十大"  # never 十个
    breakthrough = figure(built, PLAN, "industrial-revenue-2030")  # 突破千亿大关: 大关 is no name
    assert figure_value(replace(breakthrough, quote_zh="规上工业营业收入突破千亿大关"), "zh") == "突破千亿元"


def test_a_grade_in_roman_numerals_must_read_the_value(phrases):
    edit(phrases.data / PLAN / "sections/plan-goals.yaml", "value: 3, unit: grade", "value: 4, unit: grade")
    assert errors_of(phrases) == [
        f"data/{PLAN}/sections/plan-goals.yaml:19:260: figures[water-grade-2030].value: expected the value that "
        "as_printed 'Ⅲ' reads (3), found 4"]


def test_a_change_counts_from_an_earlier_period(phrases):
    edit(phrases.data / PLAN / "sections/plan-goals.yaml", 'since: "2029", period: "2030"',
         'since: "2030", period: "2030"')
    assert errors_of(phrases) == [
        f"data/{PLAN}/sections/plan-goals.yaml:21:226: figures[good-air-days-rise-2030].since: expected a period "
        "before the figure's period '2030', found '2030'"]


def test_a_run_is_as_long_as_the_quote_says(phrases):
    edit(phrases.data / REVIEW / "sections/review-industry.yaml", 'each: year, period: "2029-2030"',
         'each: year, period: "2028-2030"')
    assert errors_of(phrases) == [
        f"data/{REVIEW}/sections/review-industry.yaml:15:367: figures[industrial-revenue-2029-2030].each: expected "
        "a run quote_zh prints as 连续N年 (N the years of the period '2028-2030': 3) or 每年; make the period the "
        'whole run (连续12个季度 to the end of 2021: "2019-Q1/2021-Q4"), found year (the quote prints: 2 years)']


def test_a_goal_set_relative_to_another_names_a_figure_of_its_section_with_a_number(phrases):
    edit(phrases.data / PLAN / "sections/plan-goals.yaml", "value: {above: gdp-growth-2030}",
         "value: {above: good-air-days-2030}")
    assert errors_of(phrases) == [
        f"data/{PLAN}/sections/plan-goals.yaml:14:265: figures[rural-income-growth-2030].value.above: expected the "
        "id of a figure of this section with a number, in percent (gdp-growth-2030, industry-growth-2030), found "
        "'good-air-days-2030'"]


# ---- a report given in part --------------------------------------------------------------------------


def test_a_report_given_in_part_says_so_and_counts_only_its_lines(built):
    assert coverage(built.site.report[REVIEW]).line() == (
        f"{REVIEW}: 18 figures cover 17 of 17 numbers; 0 listed as not figures; given in part: 4 of the text's 6 lines")
    home = built.files[f"en/{REVIEW}/index.html"].decode()
    assert "Only part of this report is on this site: Only the review of 2030;" in home
    assert "本站只收录了这份报告的一部分：只收录对2030年的回顾" in built.files[f"zh/{REVIEW}/index.html"].decode()
    assert "Given in part" in built.files[f"en/{REVIEW}/text/index.html"].decode()


def test_a_subset_of_the_text_is_allowed_only_when_declared(phrases):
    edit(phrases.data / REVIEW / "report.yaml", "partial: {zh:", "# partial: {zh:")
    errors = errors_of(phrases)
    assert "    " + errors[0] in (REPO / "docs" / "first-report.md").read_text(encoding="utf-8")  # as the docs say
    assert errors == [
        f"data/{REVIEW}/sections/review-industry.yaml:6:9: paragraph review-industry-growth.zh: expected line 3 of "
        "source.zh.txt: lines 3-3 are in no paragraph (add them to a section, or, for a report given in part, say "
        "which part in report.yaml: partial: {zh: …, en: …}), found the text of line 4"]


def test_a_partial_report_s_numbers_are_found_on_their_own_lines(phrases):
    """Lines left out still count: an uncovered number of the fifth line is said to be on line 5."""
    edit(phrases.data / REVIEW / "sections/review-industry.yaml",
         '  - {id: new-4a-scenic-spots-2030, paragraph: review-industry-tourism, quote_zh: "新创建4A级景区2个", '
         'quote_en: "2 new 4A-grade scenic spots were created", label: {zh: "新创建4A级景区", en: "New 4A-grade '
         'scenic spots"}, value: 2, unit: count, measure_zh: 个, period: "2030", kind: result, topic: economy}\n', "")
    edit(phrases.data / "targets.yaml", "outcome: {report: town-2031, figure: new-4a-scenic-spots-2030}",
         "outcome: {report: town-2031, not_reported: true}")
    (error,) = errors_of(phrases)
    assert error.startswith(f"data/{REVIEW}/source.zh.txt:5:20: paragraph review-industry-tourism: expected each "
                            "number it prints to be the value of a figure")
