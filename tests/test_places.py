"""A site of several places: each report names its place and its level, and the site keeps places apart.
The fixture (tests/fixtures/places) is a city, Qingshi, and a province, Yunling, two years each, listed
by year rather than by place; both set a GDP growth goal for 2030 and for 2031."""

from __future__ import annotations

import re
import shutil

import pytest

from reportsite import search
from reportsite.links import FOLDERS
from reportsite.site import Project, build

from .conftest import PAIR, PAIR_CONTENT, REPO, edit, errors_of

PLACES = REPO / "tests" / "fixtures" / "places"
PLACES_CONTENT = REPO / "tests" / "fixtures" / "places-content"


@pytest.fixture
def places(tmp_path, monkeypatch) -> Project:
    """A scratch copy of the two-place site, free to break."""
    shutil.copytree(PLACES, tmp_path / "data")
    shutil.copytree(PLACES_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(Project.at(REPO, data=PLACES, content=PLACES_CONTENT,
                            dist=tmp_path_factory.mktemp("places") / "dist"))


@pytest.fixture(scope="module")
def one_place(tmp_path_factory):
    """A site of one place (the two-report city of tests/fixtures/pair)."""
    return build(Project.at(REPO, data=PAIR, content=PAIR_CONTENT, dist=tmp_path_factory.mktemp("pair") / "dist"))


def page(built, path: str) -> str:
    return built.files[path].decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---- a report names its place and its level ----------------------------------------------------


def test_the_site_groups_its_reports_by_place_in_the_order_site_yaml_first_names_them(built):
    assert [(place.id, place.level, [r.id for r in reports]) for place, reports in built.site.places] == [
        ("qingshi-city", "city", ["qingshi-2030", "qingshi-2031"]),
        ("yunling-province", "province", ["yunling-2030", "yunling-2031"])]


def test_an_unknown_level_is_an_error_that_lists_the_levels(places):
    edit(places.data / "yunling-2030" / "report.yaml", "level: province", "level: region")
    assert errors_of(places) == [
        "data/yunling-2030/report.yaml:9:41: place.level: expected the place's level, one of township, county, "
        "city, province, nation, found 'region'"]


def test_a_place_without_a_level_is_an_error_that_lists_the_levels(places):
    edit(places.data / "yunling-2030" / "report.yaml", ", level: province}", "}")
    assert errors_of(places) == [
        "data/yunling-2030/report.yaml:9:8: place.level: expected the place's level, one of township, county, "
        "city, province, nation, found nothing"]


def test_every_report_of_a_place_names_it_alike(places):
    edit(places.data / "qingshi-2031" / "report.yaml", 'en: "Qingshi", level', 'en: "Qing Shi", level')
    assert errors_of(places) == [
        "data/qingshi-2031/report.yaml:9:23: place.en: expected 'Qingshi', the English name qingshi-2030 gives "
        "the city 青石 (every report of a place names it alike), found 'Qing Shi'"]


# ---- the ledger pairs a report only with the next report of the same place -------------------------


def test_a_goal_is_judged_only_by_a_later_report_of_its_own_place(places):
    edit(places.data / "targets.yaml", "outcome: {report: qingshi-2031, figure: gdp-growth-2030}",
         "outcome: {report: yunling-2031, figure: gdp-growth-2030}")
    assert errors_of(places) == [
        "data/targets.yaml:4:24: targets[qingshi-gdp-growth-2030].outcome.report: expected a later report of "
        "Qingshi (city), the place of qingshi-2030 (qingshi-2031): a goal is judged by its own place's reports, "
        "found 'yunling-2031', a report of Yunling (province)"]


def test_a_part_reviews_only_the_report_of_its_own_place_before_it(places):
    """yunling-2030 is earlier than qingshi-2031, and reviewed in yunling-2031: a report of another place."""
    edit(places.data / "qingshi-2031" / "parts" / "review.yaml", "reviews: qingshi-2030", "reviews: yunling-2030")
    assert errors_of(places) == [
        "data/qingshi-2031/parts/review.yaml:4:10: reviews: expected the id of the report of Qingshi (city) before "
        "qingshi-2031, whose goals qingshi-2031 says what became of (qingshi-2030), found 'yunling-2030', a report "
        "of Yunling (province)"]


def test_a_plan_is_reviewed_by_a_report_of_its_own_place(places):
    edit(places.data / "site.yaml", "topics:", "plans:\n  - {id: plan-2030, title: {zh: 规划, en: The plan}, "
         "period: 2030-2034, report: qingshi-2030, reviewed_by: yunling-2031}\ntopics:")
    assert errors_of(places) == [
        "data/site.yaml:8:106: plans[plan-2030].reviewed_by: expected a report of Qingshi (city), the place of "
        "qingshi-2030 (a plan is reviewed by its own place's report), found 'yunling-2031', a report of Yunling "
        "(province)"]


def test_the_ledger_counts_each_place_apart_and_filters_by_place(built):
    ledger = page(built, "en/ledger/index.html")
    counts = text(ledger[ledger.index('id="h-counts"'):ledger.index('id="h-goals"')])
    assert re.search(r"Qingshi \(city\) .*Qingshi 2030 : 2 met .*Yunling \(province\) .*Yunling 2030 : 1 met, "
                     r"1 missed", counts)
    assert "Yunling" not in counts[:counts.index("Yunling (province)")]
    filtered = page(built, "en/ledger/by/place-yunling-province/index.html")
    assert re.findall(r'<tr id="([^"]+)"', filtered) == ["yunling-gdp-growth-2030", "yunling-income-growth-2030"]
    assert "地区：" in page(built, "zh/ledger/index.html")  # the filter by place, in each language


# ---- the pages keep places apart ---------------------------------------------------------------


def test_the_home_lists_each_place_s_reports_under_its_name(built):
    home = page(built, "en/index.html")
    reports = home[home.index('id="h-reports"'):home.index('id="h-ledger"')]
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>|<h4><a[^>]*>(.*?)</a></h4>", reports)
    assert [h3 or h4 for h3, h4 in headings] == [
        "Qingshi (city)", "Qingshi Municipal Government Work Report 2031",
        "Qingshi Municipal Government Work Report 2030",
        "Yunling (province)", "Yunling Provincial Government Work Report 2031",
        "Yunling Provincial Government Work Report 2030"]
    assert "<h3 id=\"place-qingshi-city\">青石（市级）</h3>" in page(built, "zh/index.html")


def test_the_comparison_has_a_table_for_each_place_and_never_merges_two_places(built):
    compare = page(built, "en/compare/index.html")
    tables = re.findall(r"<table class=\"compare\">.*?</table>", compare, re.S)
    assert [re.search(r"<caption>(.*?)</caption>", t)[1] for t in tables] == [
        "Main indicators, year by year: Qingshi (city)", "Main indicators, year by year: Yunling (province)"]
    columns = [re.findall(r'<th scope="col">(.*?)</th>', t) for t in tables]
    assert columns == [
        ["Indicator", "Qingshi 2030 target", "Qingshi 2030 outcome", "Qingshi 2031 target", "Qingshi 2031 outcome"],
        ["Indicator", "Yunling 2030 target", "Yunling 2030 outcome", "Yunling 2031 target", "Yunling 2031 outcome"]]
    for table, other in zip(tables, ("yunling-", "qingshi-")):
        assert other not in table  # no cell of one place in the other's table
    gdp_rows = [row for t in tables for row in re.findall(r"<tr><th scope=\"row\">GDP growth</th>.*?</tr>", t, re.S)]
    assert len(gdp_rows) == 2  # GDP growth once per place, never one row for both
    assert "<th scope=\"col\">青石2030年目标</th>" in page(built, "zh/compare/index.html")


def test_an_indicator_s_chart_follows_one_place(built):
    compare = page(built, "en/compare/index.html")
    charts = re.findall(r'<figure class="chart-box" id="(chart-compare-\d+)".*?</figure>', compare, re.S)
    assert charts == ["chart-compare-1", "chart-compare-3"]  # the GDP growth of each place, ids unique on the page
    for chart_id, place, other in (("chart-compare-1", "Qingshi", "Yunling"),
                                   ("chart-compare-3", "Yunling", "Qingshi")):
        chart = re.search(rf'id="{chart_id}".*?</figure>', compare, re.S)[0]
        assert place in chart and other not in chart


def test_search_entries_carry_their_place_and_come_place_by_place(built):
    for lang, qingshi in (("en", "Qingshi (city)"), ("zh", "青石（市级）")):
        entries = [e.fragment() for e in search.entries(built.site, lang, FOLDERS) if e.kind not in ("g", "w")]
        assert {e["pl"] for e in entries if "qingshi-2030/" in e["u"]} == {qingshi}
        yunling = search.l10n.place_name(built.site.report["yunling-2030"].place, lang)
        assert [e["pl"] for e in entries] == sorted((e["pl"] for e in entries), key=[qingshi, yunling].index)


# ---- one place: nothing of the above shows -----------------------------------------------------------


def test_a_site_of_one_place_shows_no_place_headings_columns_or_filters(one_place):
    home, compare = page(one_place, "en/index.html"), page(one_place, "en/compare/index.html")
    assert "(city)" not in home + compare + page(one_place, "en/ledger/index.html")
    assert re.findall(r'<th scope="col">(.*?)</th>', compare)[1:3] == ["2030 target", "2030 outcome"]
    assert not any(name.startswith("en/ledger/by/place-") for name in one_place.files)
    assert not any("pl" in e.fragment() for e in search.entries(one_place.site, "en", FOLDERS))
