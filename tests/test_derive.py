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
    add(mini.data, "plan-goals.yaml", (
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


def test_a_change_keeps_the_goal_s_qualifier(site):
    """5000座以上 against 4,293 in 2020: more than +707; 5万人以上 trained against 81,400: a fall of at most
    31,400 (computed by hand: 50,000 - 81,400 = -31,400; "more than 50,000" bounds the fall)."""
    assert derived(site, "5g-base-stations-2021")[0] == "more than +707"
    assert derived(site, "5g-base-stations-2021", "zh")[0] == "+707座以上"
    assert derived(site, "skills-training-2021") == ["a fall of at most 31,400"]
    assert derived(site, "skills-training-2021", "zh") == ["减少不超过3.14万人"]


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
    add(mini.data, "plan-goals.yaml", (
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
