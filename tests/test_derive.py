"""Derived numbers against values computed by hand, never against the code's own formula:
what a reader sees for each (value and formula, in both languages), on the figure page,
in the targets table and in the published data."""

from __future__ import annotations

import json

import pytest

from reportsite.site import build

# The small report's high-tech enterprises, 120 (2025) -> 300 (2029), and a goal added here of
# 500 by 2033. By hand:
#   change          500 - 300                 = +200
#   growth needed   (500 / 300)^(1/4) - 1     = 1.13622 - 1 = 13.6 % a year
#   growth achieved (300 / 120)^(1/4) - 1     = 2.5^0.25 - 1 = 1.25743 - 1 = 25.7 % a year
SHOWN = {
    "en": [
        ("+200", "Change: 500 (2033) − 300 (2029) = +200"),
        ("13.6% a year", "Annual growth needed: (500 ÷ 300)^(1/4) − 1 = 13.6% a year (compound, 2029→2033, 4 years)"),
        ("25.7% a year",
         "Annual growth achieved: (300 ÷ 120)^(1/4) − 1 = 25.7% a year (compound, 2025→2029, 4 years)"),
    ],
    "zh": [
        ("+200家", "变化：2033年500家 − 2029年300家 = +200家"),
        ("每年13.6%", "所需年均增速：（500家 ÷ 300家）^(1/4) − 1 = 每年13.6%（复合增长，2029→2033，4年）"),
        ("每年25.7%", "实际年均增速：（300家 ÷ 120家）^(1/4) − 1 = 每年25.7%（复合增长，2025→2029，4年）"),
    ],
}


def add(folder, name: str, text: str, before: str | None = None) -> None:
    """Append text to the data file (found by name, wherever the report keeps it), or insert it
    before the first occurrence of before."""
    (path,) = folder.rglob(name)
    old = path.read_text(encoding="utf-8")
    if before is None:
        path.write_text(old + text, encoding="utf-8")
    else:
        assert before in old, before
        path.write_text(old.replace(before, text + before, 1), encoding="utf-8")


@pytest.fixture
def goal(mini):
    """The small report with a goal of 500 high-tech enterprises by 2033, measured against
    its two baselines (120 in 2025, 300 in 2029); built."""
    add(mini.data, "source.zh.txt", "\n到2033年高新技术企业达到500家。")
    add(mini.data, "plan-goals.yaml", before="figures:\n", text=(
        "  - id: plan-goals-high-tech\n"
        "    zh: 到2033年高新技术企业达到500家。\n"
        "    en: By 2033 there are to be 500 high-tech enterprises.\n"))
    add(mini.data, "plan-goals.yaml", before="not_figures:\n", text=(
        "  - id: high-tech-2033\n"
        "    paragraph: plan-goals-high-tech\n"
        "    quote_zh: 高新技术企业达到500家\n"
        "    quote_en: 500 high-tech enterprises\n"
        "    label: {zh: 高新技术企业, en: High-tech enterprises}\n"
        "    value: 500\n"
        "    unit: count\n"
        "    measure_zh: 家\n"
        '    period: "2033"\n'
        "    kind: target\n"
        "    topic: innovation\n"))
    add(mini.data, "targets.yaml", (
        "  - id: high-tech-2033\n"
        "    report: example-2030\n"
        "    group: five-year\n"
        "    figure: high-tech-2033\n"
        "    baselines: [high-tech-2025, high-tech-2029]\n"))
    return build(mini).files


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_goal_s_page_shows_each_derived_number_with_its_formula(goal, lang):
    page = goal[f"{lang}/example-2030/figures/high-tech-2033/index.html"].decode("utf-8")
    for value, formula in SHOWN[lang]:
        assert f'<li><strong>{value}</strong> — <span class="formula">{formula}</span></li>' in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_targets_table_shows_each_derived_number_with_its_formula(goal, lang):
    page = goal[f"{lang}/example-2030/targets/index.html"].decode("utf-8")
    shown = "<br>".join(f'<span class="derived">{value}</span><br><span class="formula">{formula}</span>'
                        for value, formula in SHOWN[lang])
    assert shown in page


def test_the_published_targets_carry_the_hand_computed_numbers(goal):
    (target,) = [t for t in json.loads(goal["data/targets.json"]) if t["id"] == "high-tech-2033"]
    assert target["change"] == 200 and target["growth_needed_pct"] == pytest.approx(13.6219, abs=1e-4)
    assert target["growth_nominal"] is False
    assert target["how_computed_en"] == " | ".join(formula for _, formula in SHOWN["en"])


def test_the_real_report_s_high_tech_goal_needs_and_achieved_what_the_arithmetic_says(site):
    """2132 (2020) -> 4500 (2025): (4500 / 2132)^(1/5) - 1 = 16.1 % a year needed;
    380 (2015) -> 2132 (2020): (2132 / 380)^(1/5) - 1 = 41.2 % a year achieved."""
    page = site.files["en/taiyuan-2021/figures/high-tech-enterprises-2025/index.html"].decode("utf-8")
    assert "<strong>16.1% a year</strong>" in page
    assert "<strong>41.2% a year</strong>" in page


def derived(site, target_id: str, lang: str = "en") -> list[str]:
    from reportsite.l10n import derived_value

    target = next(t for t in site.site.targets if t.id == target_id)
    return [derived_value(d, lang) for d in target.derived]


def figure(value, period: str, qualifiers: tuple[str, ...] = (), unit: str = "count", average: bool = False):
    """A figure as derive.py reads it: value, period, unit, qualifiers (with the vocabulary's words)."""
    from reportsite.model import Bi, Figure, Qualifier, Unit

    return Figure(id=f"f-{period}", report_id="r", paragraph_id="p", section_id="s", quote_zh="", quote_en="",
                  label=Bi("", ""), value=value, unit=Unit(unit, "", "", "count", True), measure_zh="座",
                  scale=None, as_printed=None, period=period, kind="target", topic="economy", average=average,
                  qualifiers=tuple(Qualifier(q, "", "", "after", ()) for q in qualifiers))


def derive(goal, *baselines):
    from reportsite.derive import derive_target
    from reportsite.model import Target

    return derive_target(Target("t", "r", "task", goal, baselines)).derived


def test_a_change_keeps_the_goal_s_qualifier():
    """More than 5,000 against 4,293: a change of more than +707 (by hand: 5000 - 4293 = 707)."""
    (change, needed) = derive(figure(5000, "2021", ("more-than",)), figure(4293, "2020"))
    assert (change.name, change.value, change.bound.id) == ("change", 707, "more-than")
    assert needed.name == "growth-needed"


def test_a_floor_below_its_baseline_or_a_ceiling_above_it_derives_nothing(site):
    """5万人次以上 trained against 81,400 the year before: a floor to stay above, not "a fall of at most
    31,400"; likewise a ceiling above its baseline."""
    assert derive(figure(5, "2021", ("more-than",)), figure(8.14, "2020")) == ()
    assert derive(figure(5, "2021", ("more-than",)), figure(5, "2020")) == ()  # at the baseline: no change
    assert derive(figure(9, "2021", ("within",)), figure(8, "2020")) == ()
    assert derive(figure(7, "2021", ("within",)), figure(8, "2020"))[0].value == -1  # below: a fall to make
    assert next(t for t in site.site.targets if t.id == "skills-training-2021").derived == ()


def test_one_year_s_goal_is_never_set_against_an_average_a_year(site):
    """Fixed-asset investment +10% in 2021 against 10.6% a year over 2016–2020: different periods, so no
    "−0.6 percentage points"; the same for budget revenue in both reports."""
    assert derive(figure(10, "2021", unit="percent"), figure(10.6, "2016-2020", unit="percent", average=True)) == ()
    for goal in ("fixed-asset-investment-growth-2021", "budget-revenue-growth-2021", "budget-revenue-growth-2022"):
        target = next(t for t in site.site.targets if t.id == goal)
        assert target.baselines[-1].average and target.derived == (), goal


def test_a_count_of_stations_built_is_no_baseline_for_the_number_in_service(site):
    """建成开通5G基站4293座 (2020) does not say how many are in service: nothing is derived for the goal of
    more than 5,000 base stations at the end of 2021, and the goals table says why."""
    target = next(t for t in site.site.targets if t.id == "5g-base-stations-2021")
    assert target.baselines == () and target.derived == () and target.no_baseline.en.startswith("The 2021 report")
    built = site.site.report["taiyuan-2021"].index.figures["base-stations-5g-2020"]
    assert built.label.en == "5G base stations built and opened"


def test_the_briefing_shows_only_what_a_goal_needs_from_its_baseline(real_site):
    """GDP growth of 8–8.5% against 2.6% the year before is a comparison, not a need: the briefing's "What it
    needs" leaves it out, and a group where most goals would show a dash has no such column."""
    from reportsite.derive import is_need
    from reportsite.handout import BRIEFING_GROUPS, goal_tables

    gdp = next(t for t in real_site.targets if t.id == "gdp-growth-2021")
    assert [d.name for d in gdp.derived] == ["change"] and not is_need(gdp.derived[0])
    high_tech = next(t for t in real_site.targets if t.id == "high-tech-enterprises-2025")
    assert [d.name for d in high_tech.derived if is_need(d)] == ["change", "growth-needed"]
    for report in real_site.reports:
        for table in goal_tables(report, BRIEFING_GROUPS, needs_only=True):
            with_needs = sum(1 for row in table.rows if row.derived)
            assert with_needs == 0 or 2 * with_needs >= len(table.rows), (report.id, table.group)
            assert all(is_need(d) for row in table.rows for _, d in row.derived)
    full = goal_tables(real_site.report["taiyuan-2021"], BRIEFING_GROUPS)
    assert any(row.derived for table in full for row in table.rows)  # the handout's tables keep them all


def test_a_baseline_with_a_qualifier_leaves_the_change_unknown(site):
    """新增公共停车位1万个以上 in 2022 against 1.3万余个 in 2021: at least 10,000 against over 13,000 could be
    a fall or a rise of any size, so nothing is derived; the baseline itself is still shown."""
    target = next(t for t in site.site.targets if t.id == "new-parking-spaces-2022")
    assert [b.id for b in target.baselines] == ["new-parking-spaces-2021"] and target.derived == ()


def test_a_growth_rate_of_money_says_it_is_nominal(mini):
    """Amounts in yuan are at current prices: the growth a money goal needs is nominal, unlike the real
    growth rates of the report's indicators. By hand: (1500 / 1200.5)^(1/4) - 1 = 5.7 % a year."""
    add(mini.data, "source.zh.txt", "\n到2033年地区生产总值达到1500亿元。")
    add(mini.data, "plan-goals.yaml", before="figures:\n", text=(
        "  - id: plan-goals-gdp\n    zh: 到2033年地区生产总值达到1500亿元。\n    en: By 2033 GDP is to reach 150 billion yuan.\n"))
    add(mini.data, "plan-goals.yaml", before="not_figures:\n", text=(
        "  - id: gdp-2033\n    paragraph: plan-goals-gdp\n    quote_zh: 地区生产总值达到1500亿元\n"
        "    quote_en: GDP is to reach 150 billion yuan\n    label: {zh: 地区生产总值, en: GDP}\n    value: 1500\n"
        '    unit: yuan\n    scale: 亿\n    period: "2033"\n    kind: target\n    topic: economy\n'))
    add(mini.data, "targets.yaml", (
        "  - id: gdp-2033\n    report: example-2030\n    group: five-year\n    figure: gdp-2033\n    baselines: [gdp-2029]\n"))
    files = build(mini).files
    page = files["en/example-2030/figures/gdp-2033/index.html"].decode("utf-8")
    assert "<strong>5.7% a year (nominal)</strong>" in page
    assert "<strong>每年5.7%（名义）</strong>" in files["zh/example-2030/figures/gdp-2033/index.html"].decode("utf-8")
    (row,) = [t for t in json.loads(files["data/targets.json"]) if t["id"] == "gdp-2033"]
    assert row["growth_nominal"] is True


def test_a_goal_whose_report_gives_another_measure_says_there_is_no_comparable_baseline(site):
    """高新技术企业1000家 to cultivate in 2021 against 2,132 in existence in 2020: another measure, so no
    baseline and nothing derived; the goals table says why, in both languages."""
    target = next(t for t in site.site.targets if t.id == "high-tech-enterprises-2021")
    assert target.baselines == () and target.derived == ()
    en = site.files["en/taiyuan-2021/targets/index.html"].decode()
    row = en[en.index('id="high-tech-enterprises-2021"'):][:3000]
    assert "no comparable baseline" in row and "The report&#39;s 2,132 is the number" in row
    zh = site.files["zh/taiyuan-2021/targets/index.html"].decode()
    assert "没有可比的基数" in zh[zh.index('id="high-tech-enterprises-2021"'):][:3000]
    (row,) = [t for t in json.loads(site.files["data/targets.json"]) if t["id"] == "high-tech-enterprises-2021"]
    assert row["no_baseline_en"].startswith("The report's 2,132") and row["baseline_value"] is None


def test_a_goal_has_baselines_or_a_reason_for_none_not_both(mini):
    from reportsite.errors import BuildFailed

    path = next(mini.data.rglob("targets.yaml"))
    text = path.read_text(encoding="utf-8")
    first = text.index("baselines:")
    path.write_text(text[:first] + "no_baseline: {zh: 口径不同。, en: Another measure.}\n    " + text[first:],
                    encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(mini)
    (error,) = [str(e) for e in failed.value.problems.errors]
    assert "no_baseline: expected either baselines or no_baseline (why the report gives none comparable), " \
           "not both, found both" in error
