"""Many reports in one site, and the promise ledger: each goal beside what the next report says
happened, a status by a written rule, an override only with a reason. Two tiny reports
(tests/fixtures/pair) use every status, and the units, qualifiers and periods a city report needs."""

from __future__ import annotations

import csv

import io
import json
import posixpath
import re
import shutil

import pytest
from markupsafe import escape

from reportsite import search
from reportsite.bundle import bundle_files, bundle_names
from reportsite.ledger import RULES, verdict
from reportsite.model import Bi, Figure, Outcome, Qualifier, Range, Target, Unit
from reportsite.site import Project, build

from .conftest import PAIR, PAIR_CONTENT, REPO, edit, errors_of


@pytest.fixture
def pair(tmp_path, monkeypatch) -> Project:
    """A scratch copy of the two-report site, free to break."""
    shutil.copytree(PAIR, tmp_path / "data")
    shutil.copytree(PAIR_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    dist = tmp_path_factory.mktemp("pair") / "dist"
    return build(Project.at(REPO, data=PAIR, content=PAIR_CONTENT, dist=dist))


# ---- the rules --------------------------------------------------------------------------------


STATUSES = {  # goal -> (status, the rule that decided, the status the rule gives)
    "gdp-growth-2030": ("met", "range", "met"),  # 6–6.5%, outcome 7%
    "retail-growth-2030": ("partly", "range", "partly"),  # 8–9%, outcome 8.5%: the lower end reached
    "unemployment-rate-2030": ("met", "ceiling", "met"),  # within 5%, outcome 4.2%
    "cpi-2030": ("met", "ceiling", "met"),  # around 3% (a ceiling), outcome 3.1%: within 5% above
    "new-capacity-2030": ("not_comparable", "other-unit", "not_comparable"),  # kW against a growth rate
    "built-up-area-2030": ("met", "level", "missed"),  # 298 of 300 km²: the editor reads met, with a reason
    "housing-started-2030": ("not_reported", "not-reported", "not_reported"),
    "new-jobs-2030-h2": ("not_comparable", "other-period", "not_comparable"),  # a half-year goal, a year's outcome
    "industry-share-rise-2030": ("missed", "level", "missed"),  # +2 points, outcome +1.2
    "population-2035": ("in_progress", "before-due", "in_progress"),  # due 2035, outcome of 2030
    "income-2035": ("not_reported", "not-reported", "not_reported"),
    "community-canteens-2030": ("reported_done", "statement", "reported_done"),  # "all delivered", in words
    "parking-spaces-2030": ("not_comparable", "outcome-bound", "not_comparable"),  # more than 5,000 vs 6,000
    "kindergartens-2030": ("not_comparable", "other-measure", "not_comparable"),  # 5,000 places vs 20 所
}


def test_every_status_follows_its_written_rule(built):
    verdicts = {t.id: (t.verdict.status, t.verdict.rule, t.verdict.computed) for t in built.site.targets}
    assert verdicts == STATUSES
    assert {s for s, _, _ in STATUSES.values()} == {"met", "reported_done", "partly", "missed", "in_progress",
                                                    "not_comparable", "not_reported"}


# ---- the rules at their boundaries ------------------------------------------------------------
# Every comparison the rules make, at the value where its answer changes, and one step past it: an
# outcome exactly at the goal is met (以上, 不低于, 以内, 不超过 all include the number itself).


def figure(value: float | Range, period: str = "2030", qualifiers: tuple[str, ...] = (), unit: str = "percent",
           scale: str | None = None) -> Figure:
    """A figure as the ledger reads it: its value, period, unit and qualifiers."""
    return Figure(id=f"figure-{period}", report_id="r", paragraph_id="p", section_id="s", quote_zh="",
                  quote_en="", label=Bi("", ""), value=value, unit=Unit(unit, "", "", "amount", True),
                  measure_zh=None, scale=scale, as_printed=None,
                  qualifiers=tuple(Qualifier(q, "", "", "after", ()) for q in qualifiers), period=period,
                  kind="target", topic="economy")


def judge(goal: Figure, outcome: Figure, direction: str = "up") -> tuple[str, str]:
    return verdict(Target("goal", "r", "annual", goal, (), direction=direction), Outcome("later", outcome))


BOUNDARIES = {  # what the goal and its outcome are -> (goal, outcome, direction, (status, rule))
    # a level: met when the outcome reaches it
    "a level reached exactly": (figure(8), figure(8), "up", ("met", "level")),
    "a level missed by a tenth": (figure(8), figure(7.9), "up", ("missed", "level")),
    "more than a level, reached exactly": (figure(8, qualifiers=("more-than",)), figure(8), "up", ("met", "level")),
    "1万 reached by 10000": (figure(1, unit="count", scale="万"), figure(10000, unit="count"), "up",
                            ("met", "level")),
    "around a level, 5% below": (figure(20, qualifiers=("around",)), figure(19), "up", ("met", "level")),
    "around a level, more than 5% below": (figure(20, qualifiers=("around",)), figure(18.9), "up",
                                           ("missed", "level")),
    "more than around a level, 5% below": (figure(20, qualifiers=("around", "more-than")), figure(19), "up",
                                           ("missed", "level")),  # a lower bound takes no tolerance
    "a level reached by the lower end of an outcome range": (figure(8), figure(Range(8, 9)), "up", ("met", "level")),
    "a level reached by the upper end only": (figure(8), figure(Range(7.9, 9)), "up",
                                              ("not_comparable", "outcome-bound")),  # may or may not be reached
    # a range: met at its upper end, partly met at its lower end
    "a range's upper end reached exactly": (figure(Range(6, 6.5)), figure(6.5), "up", ("met", "range")),
    "a range's upper end missed by a tenth": (figure(Range(6, 6.5)), figure(6.4), "up", ("partly", "range")),
    "a range's lower end reached exactly": (figure(Range(6, 6.5)), figure(6), "up", ("partly", "range")),
    "a range's lower end missed by a tenth": (figure(Range(6, 6.5)), figure(5.9), "up", ("missed", "range")),
    # a ceiling: met at or below it
    "within a ceiling, reached exactly": (figure(4.5, qualifiers=("within",)), figure(4.5), "up",
                                          ("met", "ceiling")),
    "within a ceiling, passed by a tenth": (figure(4.5, qualifiers=("within",)), figure(4.6), "up",
                                            ("missed", "ceiling")),
    "a number held down, reached exactly": (figure(3), figure(3), "down", ("met", "ceiling")),
    "a range held down, at its upper end": (figure(Range(3, 3.5)), figure(3.5), "down", ("met", "ceiling")),
    "around a ceiling, 5% above": (figure(20, qualifiers=("around",)), figure(21), "down", ("met", "ceiling")),
    "around a ceiling, more than 5% above": (figure(20, qualifiers=("around",)), figure(21.1), "down",
                                             ("missed", "ceiling")),
    "a ceiling reached by the upper end of an outcome range": (figure(5, qualifiers=("within",)),
                                                               figure(Range(4, 5)), "up", ("met", "ceiling")),
    "a ceiling passed by the upper end of an outcome range": (figure(5, qualifiers=("within",)),
                                                              figure(Range(4, 5.1)), "up",
                                                              ("not_comparable", "outcome-bound")),
    "a ceiling passed by the lower end of an outcome range": (figure(5, qualifiers=("within",)),
                                                              figure(Range(5.1, 6)), "up", ("missed", "ceiling")),
    "a level missed by the upper end of an outcome range": (figure(8), figure(Range(6, 7.9)), "up",
                                                            ("missed", "level")),
    "more than X reaching a level at X": (figure(8), figure(8, qualifiers=("more-than",)), "up", ("met", "level")),
    "more than X below a level": (figure(8), figure(7, qualifiers=("more-than",)), "up",
                                  ("not_comparable", "outcome-bound")),
    "within X below a level": (figure(8), figure(7, qualifiers=("within",)), "up", ("missed", "level")),
    # periods: the outcome's months against the goal's
    "the first half of the goal's year": (figure(8), figure(8, "2030-H1"), "up", ("not_comparable", "part-of-period")),
    "the second half of the goal's year": (figure(8), figure(8, "2030-H2"), "up",
                                           ("not_comparable", "part-of-period")),
    "eleven months of a two-year goal": (figure(8, "2030-2031"), figure(8, "2030-01/2030-11"), "up",
                                         ("not_comparable", "part-of-period")),
    "the first year of a two-year goal": (figure(8, "2030-2031"), figure(8, "2030"), "up",
                                          ("in_progress", "before-due")),
    "the last year of a two-year goal": (figure(8, "2030-2031"), figure(8, "2031"), "up",
                                         ("not_comparable", "other-period")),
    "five years ending with the goal's year": (figure(8), figure(8, "2026-2030"), "up",
                                               ("not_comparable", "other-period")),
}


@pytest.mark.parametrize("case", BOUNDARIES)
def test_each_rule_at_its_boundary(case):
    goal, outcome, direction, expected = BOUNDARIES[case]
    assert judge(goal, outcome, direction) == expected


def test_an_aim_towards_a_level_is_not_judged_as_a_level(built):
    income = next(t for t in built.site.targets if t.id == "income-2035")
    population = built.site.report["city-2031"].index.figures["population-2030"]
    assert verdict(income, Outcome("city-2031", population)) == ("not_comparable", "other-unit")
    same_unit = next(t for t in built.site.targets if t.id == "gdp-growth-2030")
    assert verdict(same_unit, Outcome("city-2031", None)) == ("not_reported", "not-reported")


def test_the_ledger_page_shows_the_rules_the_counts_and_each_row_s_reasoning(built):
    page = built.files["en/ledger/index.html"].decode()
    for rule in RULES:
        assert f'id="rule-{rule}"' in page
    assert "Main expected indicators for the year · Sample City 2030</strong>: 3 met, 1 partly met (4 goals)" in page
    assert "target 6–6.5% (2030), outcome 7% (GDP growth, 2030) → met (a range to reach)" in page
    # an override shows the rule's reading beside the editor's, and the editor's reason
    assert ("target 300 km² (2030), outcome 298 km² (Built-up area, 2030) → the rules give missed (a level to "
            "reach)<br><strong>The editor reads it as met, because:</strong> Editor&#39;s judgement: 298 km² is "
            "within 1% of 300 km².") in page
    assert page.count('<tr id="') == 14
    zh = built.files["zh/ledger/index.html"].decode()
    assert "目标6%–6.5%（2030年），结果7%（地区生产总值增速，2030年）→完成（需要达到的区间）" in zh


def as_seen_from(built, url: str, pattern: str) -> tuple[str, list[str]]:
    """The markup a pattern finds on a page, its links left out, and the address each link resolves to from there."""
    found = re.search(pattern, built.files[f"{url}index.html"].decode(), re.S)[0]
    hrefs = re.findall(r'href="([^"]*)"', found)
    return re.sub(r'href="[^"]*"', "href", found), [posixpath.normpath(posixpath.join(url, h)) for h in hrefs]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_goal_s_row_is_the_same_on_the_ledger_and_its_filtered_pages_each_linking_from_where_it_is(built, lang):
    """A row is rendered once per language for all of them (render.Once), and its links written for each page."""
    row = r'<tr id="built-up-area-2030".*?</tr>'
    on_ledger = as_seen_from(built, f"{lang}/ledger/", row)
    assert on_ledger[1] == [f"{lang}/ledger/built-up-area-2030", f"{lang}/city-2031/figures/built-up-area-2030"]
    for by in ("status-met", "topic-urban", "report-city-2030"):
        assert as_seen_from(built, f"{lang}/ledger/by/{by}/", row) == on_ledger


def test_a_figure_s_card_is_the_same_wherever_it_is_shown_each_linking_from_where_it_is(built):
    """A card is rendered once per language and report for the pages that show it (render.Once): its section's, its
    report's figures, another figure's related ones; a figure of the same id in another report has a card of its own."""
    card = r'<li class="card" id="gdp-growth-2030".*?</li>'
    on_section = as_seen_from(built, "en/city-2030/sections/plan-goals/", card)
    assert on_section[1] == ["en/city-2030/figures/gdp-growth-2030"] and "6–6.5%" in on_section[0]
    for url in ("en/city-2030/figures/", "en/city-2030/figures/retail-growth-2030/"):
        assert as_seen_from(built, url, card) == on_section
    outcome = as_seen_from(built, "en/city-2031/figures/retail-growth-2030/", card)
    assert outcome[1] == ["en/city-2031/figures/gdp-growth-2030"] and ">7%<" in outcome[0]


def test_the_part_that_reviews_a_year_counts_its_goals_from_the_ledger(built):
    """The review part of the later report says how the earlier report's goals fared; the counts are the
    ledger's, computed by the build, in both languages."""
    page = re.sub(r"<[^>]+>", "", built.files["en/city-2031/parts/review/index.html"].decode())
    assert "What this part says became of the goals of Sample City 2030, as the promise ledger reads it:" in page
    assert "Main expected indicators for the year: 3 met, 1 partly met (4 goals)" in page
    assert ("Quantified tasks of the year: 1 met, 1 reported done, 1 missed, 4 not comparable, 1 not reported "
            "(8 goals)"
            in page)
    zh = re.sub(r"<[^>]+>", "", built.files["zh/city-2031/parts/review/index.html"].decode())
    assert "完成1项，报告称已完成1项，未完成1项，不可比较4项，未报告1项（8个目标）" in zh
    project = Project.at(REPO, data=PAIR, content=PAIR_CONTENT, dist=REPO / "unused-dist")
    names = bundle_names(built.site)
    single = bundle_files(project, built.site, names)[names["city-2031:en"]].decode()
    assert "1 in progress, 1 not reported" in single  # the one-file edition says it too
    assert "promise ledger reads" not in built.files["en/city-2030/parts/plan/index.html"].decode()


def test_a_part_reviews_only_the_report_before_its_own(pair):
    edit(pair.data / "city-2031" / "parts" / "review.yaml", "reviews: city-2030", "reviews: city-2031")
    (error,) = errors_of(pair)
    assert error == "data/city-2031/parts/review.yaml:4:10: reviews: expected the id of the report of Sample City " \
           "(city) before city-2031, whose goals city-2031 says what became of (city-2030), found 'city-2031'"


def test_a_review_before_any_outcome_is_written_says_what_to_write(pair):
    """The earlier report is the right one: what is missing is the outcomes, and the error says so."""
    (pair.data / "targets.yaml").write_text(
        "targets:\n  - {id: gdp-growth-2030, report: city-2030, group: annual, figure: gdp-growth-2030}\n",
        encoding="utf-8")
    (error,) = errors_of(pair)
    assert error == (
        "data/city-2031/parts/review.yaml:4:10: reviews: expected outcomes in city-2031 of the goals of city-2030: "
        "write them in targets.yaml (a goal's outcome: {report: city-2031, figure: …}), or leave reviews: out until "
        "they are written, found no goal of city-2030 with an outcome in city-2031 yet")


def test_a_goal_s_page_and_the_goals_table_show_what_happened(built):
    figure = built.files["en/city-2030/figures/retail-growth-2030/index.html"].decode()
    assert "partly met" in figure and "社会消费品零售总额增长8.5%" in figure
    goals = built.files["en/city-2030/targets/index.html"].decode()
    assert ('class="status status-not_reported"><span class="status-icon" aria-hidden="true">–</span> not reported'
            in goals)  # the word and an icon, never colour alone


def test_the_comparison_page_sets_each_year_s_goal_beside_its_outcome(built):
    page = built.files["en/compare/index.html"].decode()
    assert "<th scope=\"col\">2030 target</th><th scope=\"col\">2030 outcome</th>" in page
    row = re.search(r"<tr><th scope=\"row\">GDP growth</th>(.*?)</tr>", page, re.S).group(1)
    assert "6–6.5%" in row and "7%" in row and "status-met" in row


def test_the_ledger_is_published_as_csv_and_json_with_numbers(built):
    rows = json.loads(built.files["data/ledger.json"])
    assert len(rows) == 14
    gdp = next(r for r in rows if r["target"] == "gdp-growth-2030")
    assert (gdp["status"], gdp["target_low"], gdp["target_high"], gdp["outcome_value"]) == ("met", 6, 6.5, 7)
    assert gdp["outcome_quote_zh"] == "2030年地区生产总值增长7%" and gdp["outcome_paragraph"] == "review-2030-indicators"
    table = list(csv.DictReader(io.StringIO(built.files["data/ledger.csv"].decode("utf-8-sig"))))
    area = next(r for r in table if r["target"] == "built-up-area-2030")
    # both readings: the rule's, and the editor's with its reason
    assert (area["status"], area["computed_status"], area["rule"], area["editor_status"]) == (
        "met", "missed", "level", "met")
    assert area["reason_en"].startswith("Editor's judgement")
    said = next(r for r in table if r["target"] == "community-canteens-2030")
    assert (said["outcome_kind"], said["status"], said["outcome_quote_zh"], said["outcome_value"]) == (
        "statement", "reported_done", "承诺的民生实事全部兑现", "")
    jobs = next(r for r in rows if r["target"] == "new-jobs-2030-h2")  # 1.5万 in base units: 15,000 people
    assert (jobs["target_value"], jobs["target_scale"], jobs["target_base"], jobs["target_measure_zh"]) == (
        1.5, "万", 15000, "人")
    parking = next(r for r in rows if r["target"] == "parking-spaces-2030")
    assert (parking["outcome_qualifier"], parking["outcome_base"]) == ("more-than", 5000)
    assert gdp["url_en"] == "https://example.org/sample/en/ledger/gdp-growth-2030/"  # its verdict card


# ---- what a report may say: units, qualifiers, periods -------------------------------------


@pytest.mark.parametrize("figure, zh, en", [
    ("new-capacity-2030", "突破50万千瓦", "over 500,000 kW"),
    ("built-up-area-2030", "300平方公里", "300 km²"),
    ("industry-share-rise-2030", "2个百分点", "2 percentage points"),
])
def test_new_units_and_qualifiers_read_faithfully(built, figure, zh, en):
    assert f'<p class="big-value">{zh}</p>' in built.files[f"zh/city-2030/figures/{figure}/index.html"].decode()
    assert f'<p class="big-value">{en}</p>' in built.files[f"en/city-2030/figures/{figure}/index.html"].decode()


def test_a_qualifier_is_glossed_in_english_marked_as_english_on_both_pages(built):
    for lang in ("zh", "en"):
        page = built.files[f"{lang}/city-2030/figures/new-capacity-2030/index.html"].decode()
        assert '<span lang="zh-Hans">突破</span>' in page and '<span lang="en">over</span>' in page, lang


def test_a_half_year_period_reads_as_one(built):
    assert "<dd>2030年下半年</dd>" in built.files["zh/city-2030/figures/new-jobs-2030-h2/index.html"].decode()
    assert "<dd>H2 2030</dd>" in built.files["en/city-2030/figures/new-jobs-2030-h2/index.html"].decode()


def test_a_qualifier_must_be_shown_by_its_quote(pair):
    edit(pair.data / "city-2030/sections/plan-goals.yaml", "unit: kw, qualifier: breakthrough",
         "unit: kw, qualifier: more-than")
    assert errors_of(pair) == [
        "data/city-2030/sections/plan-goals.yaml:19:242: figures[new-capacity-2030].qualifier: expected a qualifier "
        "the quote shows (more-than needs one of 以上, 多 in quote_zh), found 'more-than'"]


# ---- mistakes in the ledger --------------------------------------------------------------------


def test_a_status_set_by_hand_needs_a_reason(pair):
    edit(pair.data / "targets.yaml", "     outcome: {report: city-2031, not_reported: true}}                          # not reported\n",
         "     outcome: {report: city-2031, not_reported: true}, status: met}\n")
    assert errors_of(pair) == [
        "data/targets.yaml:16:64: targets[housing-started-2030].status: expected a written reason "
        "(reason: {zh: …, en: …}) for a status set by hand, found 'met'"]


def test_an_outcome_must_be_a_figure_of_the_later_report(pair):
    edit(pair.data / "targets.yaml", "outcome: {report: city-2031, figure: gdp-growth-2030}",
         "outcome: {report: city-2031, figure: gdp-2030}")
    edit(pair.data / "targets.yaml", "outcome: {report: city-2031, figure: retail-growth-2030}",
         "outcome: {report: city-2030, figure: retail-growth-2030}")
    assert errors_of(pair) == [
        "data/targets.yaml:3:43: targets[gdp-growth-2030].outcome.figure: expected the id of a figure of the report "
        "city-2031 (in city-2031/sections/*.yaml), found 'gdp-2030'",
        "data/targets.yaml:5:24: targets[retail-growth-2030].outcome.report: expected a report later than city-2030 "
        "(an outcome is what a later report says happened), found 'city-2030'"]


# ---- one site, many reports -------------------------------------------------------------------


def test_each_report_has_its_own_pages_and_the_site_its_own(built):
    files = set(built.files)
    for lang in ("zh", "en"):
        for report in ("city-2030", "city-2031"):
            for page in ("", "parts/plan/" if report == "city-2030" else "parts/review/", "figures/", "targets/",
                         "text/", "downloads/"):
                assert f"{lang}/{report}/{page}index.html" in files, (report, page)
            assert f"data/{report}/figures.csv" in files and f"data/{report}/source.zh.txt" in files
        for page in ("", "ledger/", "compare/", "glossary/", "search/", "corrections/", "downloads/"):
            assert f"{lang}/{page}index.html" in files, page
    home = built.files["en/index.html"].decode()
    assert "Sample City Government Work Report 2031" in home and "Sample City Government Work Report 2030" in home


def test_the_unprefixed_report_s_old_addresses_are_redirect_pages(built):
    old = built.files["en/sections/plan-goals/index.html"].decode()
    assert '<meta http-equiv="refresh" content="0; url=../../city-2030/sections/plan-goals/">' in old
    assert '<link rel="canonical" href="https://example.org/sample/en/city-2030/sections/plan-goals/">' in old
    assert "en/sections/review-2030/index.html" not in built.files  # only the unprefixed report moved


def test_breadcrumbs_and_titles_name_the_report(built):
    page = built.files["en/city-2031/sections/review-2030/index.html"].decode()
    assert "<title>2030 · Sample City 2031 · Sample City Work Reports: an explainer</title>" in page
    assert re.search(r'<li><a href="../../">Sample City 2031</a></li>', page)


def test_search_spans_every_report_and_says_which(built):
    entries = search.read_fragments(built.files, "en")
    reports = {e.get("r") for e in entries if e["k"] in ("f", "t")}
    assert reports == {"Sample City 2030", "Sample City 2031"}
    figure = next(e for e in entries if e["k"] in ("f", "t") and e["u"] == "../city-2031/figures/gdp-growth-2030/")
    assert figure["v"] == "2030 · 7%"


def test_the_glossary_lists_a_term_s_uses_per_report(built):
    page = built.files["en/glossary/index.html"].decode()
    assert "Appears in Sample City 2030" in page and "Appears in Sample City 2031" in page
    page = built.files["zh/glossary/index.html"].decode()  # Chinese runs on: no space after 出现于
    assert "出现于样板市2030年：" in page and "出现于样板市2031年：" in page


# ---- one verdict card per goal --------------------------------------------------------------


def card(built, goal: str, lang: str = "en") -> str:
    return built.files[f"{lang}/ledger/{goal}/index.html"].decode()


def test_every_judged_goal_has_a_card_in_both_languages_linked_from_the_ledger_its_figure_and_paragraph(built):
    judged = [t for t in built.site.targets if t.verdict]
    assert len(judged) == 14
    for t in judged:
        for lang in ("zh", "en"):
            assert f"{lang}/ledger/{t.id}/index.html" in built.files, (t.id, lang)
    ledger = built.files["en/ledger/index.html"].decode()
    assert '<th scope="row"><a href="gdp-growth-2030/">GDP growth</a>' in ledger
    figure = built.files["en/city-2030/figures/gdp-growth-2030/index.html"].decode()
    assert 'href="../../../ledger/gdp-growth-2030/"' in figure
    section = built.files["en/city-2030/sections/plan-goals/index.html"].decode()
    paragraph = section[section.index('id="plan-goals-indicators"'):]
    paragraph = paragraph[:paragraph.index('<div class="para')]
    assert "What became of the goals set here:" in paragraph
    assert '<a href="../../../ledger/gdp-growth-2030/">GDP growth</a>' in paragraph


def test_a_card_sets_the_promise_beside_the_outcome_in_the_reports_own_words(built):
    page = card(built, "gdp-growth-2030")
    assert "<p>地区生产总值增长6%-6.5%</p>" in page and "“GDP is to grow by 6%–6.5%”" in page  # the promise
    assert "<p>2030年地区生产总值增长7%</p>" in page and "“In 2030 GDP grew by 7%”" in page  # what happened
    assert 'class="status status-met"><span class="status-icon" aria-hidden="true">✓</span> met' in page
    assert 'href="../#rule-range"' in page  # the rule, on the ledger page
    silent = card(built, "housing-started-2030")
    assert "The Sample City 2031 report does not say what became of this goal." in silent
    said = card(built, "community-canteens-2030")
    assert "<p>承诺的民生实事全部兑现</p>" in said and "reported done" in said


def test_a_card_shows_the_editor_s_reading_beside_the_rule_s(built):
    page = card(built, "built-up-area-2030")
    assert "→ the rules give missed (a level to reach)" in page
    assert "<strong>The editor reads it as met, because:</strong> Editor&#39;s judgement" in page


QUOTABLE = {  # goal -> (English, Chinese): what a journalist may quote, no more than the two sentences say
    "gdp-growth-2030": (
        "Sample City's GDP growth was 7% in 2030, meeting its target of 6–6.5%, according to the Sample City 2031 "
        "government work report.",
        "据样板市2031年政府工作报告，样板市2030年地区生产总值增速为7%，达到6%–6.5%的目标。"),
    "retail-growth-2030": (
        "Sample City's retail sales growth was 8.5% in 2030, within its target range of 8–9% but below its upper "
        "end, according to the Sample City 2031 government work report.",
        "据样板市2031年政府工作报告，样板市2030年社会消费品零售总额增速为8.5%，在8%–9%的目标区间内，但未达到上限。"),
    "industry-share-rise-2030": (
        "Sample City's rise in the share of industrial value added was 1.2 percentage points in 2030, short of its "
        "target of 2 percentage points, according to the Sample City 2031 government work report.",
        "据样板市2031年政府工作报告，样板市2030年工业增加值占比提高为1.2个百分点，未达到2个百分点的目标。"),
    "housing-started-2030": (
        "The Sample City 2031 government work report does not say what became of the Sample City 2030 report's "
        "target of 2,000 for subsidised homes started.",
        "样板市2031年政府工作报告没有说明样板市2030年报告提出的新开工保障房目标（2000套）完成得如何。"),
    "community-canteens-2030": (
        "The Sample City 2031 government work report says: “The practical projects promised for people's "
        "livelihoods were all delivered”. It gives no figure for the Sample City 2030 report's target of 30 for "
        "new community canteens.",
        "样板市2031年政府工作报告称：“承诺的民生实事全部兑现”。报告没有给出样板市2030年报告提出的新建社区食堂目标（30个）的数字。"),
    "built-up-area-2030": (
        "Sample City's built-up area was 298 km² in 2030, meeting its target of 300 km², according to the Sample "
        "City 2031 government work report. (The editor's reading; by the written rules: missed.)",
        "据样板市2031年政府工作报告，样板市2030年建成区面积为298平方公里，达到300平方公里的目标。（这是编者的判定；按成文规则为“未完成”。）"),
}


@pytest.mark.parametrize("goal", QUOTABLE)
def test_a_card_gives_a_line_to_quote_in_both_languages(built, goal):
    en, zh = QUOTABLE[goal]
    for lang in ("en", "zh"):
        page = card(built, goal, lang)
        for line in (en, zh):
            assert f"data-copy>{escape(line)}</p>" in page, (lang, line)


def test_a_card_draws_the_indicator_on_axes_and_describes_itself_as_a_claim_review(built):
    page = card(built, "gdp-growth-2030")
    chart = page[page.index('<figure class="chart-box" id="chart-history">'):]
    chart = chart[:chart.index("</figure>")]
    assert [t for t in re.findall(r'class="c-axis"[^>]*>([^<]+)<', chart)] == ["0%", "2%", "4%", "6%", "8%", "2030"]
    assert 'class="c-band"' in chart and 'class="c-outcome c-met"' in chart  # the dot in its status's colour
    (ld,) = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    assert ld["@type"] == "ClaimReview" and ld["reviewRating"]["alternateName"] == "met"
    assert ld["itemReviewed"]["appearance"]["url"] == "https://www.example.gov.cn/sample/2030.html"
    assert ld["url"] == "https://example.org/sample/en/ledger/gdp-growth-2030/"
    assert ld["claimReviewed"] == "GDP is to grow by 6%–6.5%"


def test_a_card_is_cited_as_the_later_report_with_the_card_s_address(built):
    page = card(built, "gdp-growth-2030")
    news = page[page.index('id="cite-text-inline"'):]
    news = news[:news.index("</pre>")]
    assert "Sample City Government Work Report, 2031" in news
    assert "https://example.org/sample/en/ledger/gdp-growth-2030/" in news


def test_a_statement_quotes_its_paragraph_word_for_word_and_an_outcome_is_of_one_kind(pair):
    edit(pair.data / "targets.yaml", 'quote_zh: "承诺的民生实事全部兑现"', 'quote_zh: "民生实事都兑现了"')
    edit(pair.data / "targets.yaml", "outcome: {report: city-2031, not_reported: true}}",
         "outcome: {report: city-2031, not_reported: true, figure: gdp-growth-2030}}")
    errors = errors_of(pair)
    assert any("targets.yaml:" in e and "targets[community-canteens-2030].outcome.statement.quote_zh: expected words "
               "copied exactly from the paragraph review-services-results, found '民生实事都兑现了'" in e for e in errors), errors
    assert any("targets[housing-started-2030].outcome: expected exactly one of figure: <id>, statement: {paragraph, "
               "quote_zh, quote_en} or not_reported: true, found figure and not_reported" in e for e in errors), errors


def test_a_verdict_s_citation_is_three_clicks_from_the_home_page(built):
    """Home → the ledger (main navigation) → the goal's card → its "Cite this page" box."""
    home = built.files["en/index.html"].decode()
    nav = home[home.index('<nav class="site-nav"'):] if '<nav class="site-nav"' in home else home
    assert 'href="ledger/">Promise ledger</a>' in nav
    assert '<a href="gdp-growth-2030/">GDP growth</a>' in built.files["en/ledger/index.html"].decode()
    page = card(built, "gdp-growth-2030")
    assert '<details class="cite" id="cite">' in page and 'id="cite-text-inline"' in page



# ---- a plan period on a page of its own ----------------------------------------------------


def test_a_plan_has_a_page_with_its_goals_their_paths_and_the_review_s_own_words(built):
    """site.yaml plans: the five-year goals its report set within the period, each with its status and card
    and every figure of its indicator; the reviewing report's sentence on the period, quoted."""
    for lang in ("zh", "en"):
        assert f"{lang}/plans/plan-2031-2035/index.html" in built.files
    page = built.files["en/plans/plan-2031-2035/index.html"].decode()
    assert "<h1>The 2031–2035 plan</h1>" in page
    assert "<p>承诺的民生实事全部兑现</p>" in page  # the review's own words, verbatim
    assert 'id="population-2035"' in page and 'id="income-2035"' in page  # the plan's two goals
    assert "1 in progress, 1 not reported (2 goals)" in page
    population = page[page.index('id="population-2035"'):page.index('id="income-2035"')]
    assert '<a href="../../ledger/population-2035/">Its verdict card</a>' in population
    assert "5.8 million" in population and "6 million" in population  # its path: 2030's figure, the 2035 goal
    assert '<a href="../plans/plan-2031-2035/">The 2031–2035 plan</a>' in built.files["en/ledger/index.html"].decode()


def test_a_plan_period_is_a_span_of_years(pair):
    edit(pair.data / "site.yaml", 'period: "2031-2035"', 'period: "2031 to 2035"')
    assert errors_of(pair) == [
        "data/site.yaml:12:13: plans[plan-2031-2035].period: expected a span of years (2021-2025), found '2031 to 2035'"]


def test_a_card_lists_every_figure_of_its_indicator_year_by_year(built):
    """A goal's path: what each report set or said of its indicator (the goal, and the outcome so far)."""
    page = card(built, "population-2035")
    table = page[page.index('<table class="plan-path">'):page.index("</table>", page.index('<table class="plan-path">'))]
    assert [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table)] == [
        "20305.8 millionresultSample City 2031", "20356 milliontargetSample City 2030"]
