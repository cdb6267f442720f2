"""The Taiyuan 2021 report as data: all of the source, every figure quoted verbatim,
every goal with its derived numbers, and the glossary."""

from __future__ import annotations

import re

import pytest

from reportsite.model import Range

from .conftest import REPO

SOURCE = (REPO / "data" / "source.zh.txt").read_text(encoding="utf-8")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”]")


def test_the_data_rebuilds_the_source_text_exactly(real_report):
    """All of it, in order, nothing twice, nothing altered (defects kept; corrections are separate)."""
    assert "\n".join(p.zh for p in real_report.paragraphs()) == SOURCE


def test_the_source_in_the_project_is_the_shared_source():
    """data/source.zh.txt is a copy of the shared source (beside the checkout, when it is there)."""
    shared = REPO.parent / "shared" / "source" / "taiyuan-2021-government-work-report.zh.txt"
    if not shared.exists():
        pytest.skip("no shared/ folder beside this checkout")
    assert shared.read_text(encoding="utf-8") == SOURCE


def test_known_defects_are_kept_verbatim_and_corrected_separately(real_report):
    corrected = {p.zh[:6]: p.correction.zh for p in real_report.paragraphs() if p.correction}
    assert corrected["力发展3岁以"].startswith("[大]力发展3岁以下")
    assert any("规划[建]设" in c or "规划建[建]设" in c for c in corrected.values())


def test_every_paragraph_has_an_english_translation_without_chinese(real_report):
    for p in real_report.paragraphs():
        text = re.sub(r"\(term:[a-z0-9-]+\)", "", p.en)
        assert text.strip() and not CJK.search(text), p.id


def test_every_figure_quote_is_verbatim_in_the_source_and_in_its_paragraph(real_report):
    paragraphs = real_report.lookup["paragraphs"]
    for f in real_report.figures:
        assert f.quote_zh in SOURCE, f.id
        assert f.quote_zh in paragraphs[f.paragraph_id].zh, f.id


def test_every_quote_shows_its_value_as_printed(real_report):
    for f in real_report.figures:
        if f.as_printed:
            assert f.as_printed in f.quote_zh, f.id
            continue
        values = (f.value.low, f.value.high) if isinstance(f.value, Range) else (f.value,)
        for v in values:
            assert (f"{v:g}" if isinstance(v, float) else str(v)) in f.quote_zh, f.id


def test_there_are_well_over_a_hundred_figures_with_unique_ids(real_report):
    ids = [f.id for f in real_report.figures]
    assert len(ids) > 140 and len(ids) == len(set(ids))


@pytest.mark.parametrize("fid, value", [
    ("gdp-2020", 4153.25), ("gdp-growth-2020", 2.6), ("gdp-growth-2021", Range(8, 8.5)),
    ("high-tech-enterprises-2015", 380), ("high-tech-enterprises-2020", 2132), ("high-tech-enterprises-2025", 4500),
    ("tech-smes-2017", 321), ("tech-smes-2020", 8726), ("air-pollution-index-2015", 6.44),
    ("air-pollution-index-2020", 5.91), ("new-urban-jobs-2021", 8.5), ("unemployment-rate-2021", 4.5),
    ("5g-base-stations-2021", 5000), ("grain-sown-area-2021", 95.3),
])
def test_key_figures_hold_the_numbers_the_report_prints(real_report, fid, value):
    assert real_report.lookup["figures"][fid].value == value


def test_the_main_expected_indicators_are_all_goals(real_report):
    annual = {t.id for t in real_report.targets if t.group == "annual"}
    assert annual == {"gdp-growth-2021", "industrial-value-added-growth-2021", "fixed-asset-investment-growth-2021",
                      "retail-sales-growth-2021", "budget-revenue-growth-2021", "urban-income-growth-2021",
                      "rural-income-growth-2021", "cpi-2021", "new-urban-jobs-2021", "unemployment-rate-2021"}


def test_growth_needed_is_derived_from_the_report_s_own_baseline(real_report):
    target = next(t for t in real_report.targets if t.id == "high-tech-enterprises-2025")
    derived = {d.name: d for d in target.derived}
    assert derived["change"].value == 4500 - 2132
    assert derived["growth-needed"].value == pytest.approx(((4500 / 2132) ** (1 / 5) - 1) * 100)
    assert derived["growth-achieved"].value == pytest.approx(((2132 / 380) ** (1 / 5) - 1) * 100)


def test_gdp_growth_target_is_compared_in_percentage_points(real_report):
    target = next(t for t in real_report.targets if t.id == "gdp-growth-2021")
    (change,) = target.derived
    assert change.unit == "pp"
    assert (round(change.value.low, 6), round(change.value.high, 6)) == (5.4, 5.9)


def test_the_glossary_explains_at_least_forty_terms_that_appear_in_the_report(real_report):
    terms = {t.zh: t for t in real_report.terms}
    assert len(terms) >= 40
    for zh in ("十三五", "十四五", "六新", "四治", "三零", "放管服效", "两个维护", "综改区", "规上工业企业", "揭榜挂帅"):
        assert terms[zh].paragraph_ids, zh
    for t in real_report.terms:
        assert t.pinyin and t.explanation.zh and t.explanation.en and not CJK.search(t.explanation.en), t.id


def test_every_section_has_an_explainer_in_both_languages(real_report):
    for s in real_report.sections:
        assert len(s.explainer.en.split(". ")) >= 2 and s.explainer.zh, s.id


# What a number printed in digits may be when it is not a figure: the issue's own list
# (dates, names and labels that only contain digits), each as a pattern around the number.
NOT_FIGURES = [
    r"\d{4}年", r"\d{1,2}月", r"\d{1,2}日", r"\(\d{4}-\d{4}\)", r"\d{4}-\d{4}\)",  # dates and plan spans
    r"5G", r"PM2\.5", r"7×24", r"1\+30", r"\d+国道", r"\d+号线", r"R1号", r"\dA级", r"500强", r"100周年",
]


def test_every_number_printed_in_digits_is_a_figure_or_a_date_or_name(real_report):
    """No quantity of the report is missing from the figures."""
    values: dict[str, set[str]] = {}
    for f in real_report.figures:
        for v in ((f.value.low, f.value.high) if isinstance(f.value, Range) else (f.value,)):
            values.setdefault(f.paragraph_id, set()).add(f"{v:g}" if isinstance(v, float) else str(v))
    label_spans = lambda text: [m.span() for p in NOT_FIGURES for m in re.finditer(p, text)]  # noqa: E731
    missing = []
    for p in real_report.paragraphs():
        spans = label_spans(p.zh)
        for m in re.finditer(r"\d+(?:\.\d+)?", p.zh):
            if m.group() in values.get(p.id, set()):
                continue
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                missing.append((p.id, p.zh[max(0, m.start() - 8):m.end() + 4]))
    assert missing == []


def test_no_growth_rate_is_derived_where_it_would_mean_nothing(real_report):
    for tid in ("skills-training-2021", "double-support-titles-2021"):
        target = next(t for t in real_report.targets if t.id == tid)
        assert [d.name for d in target.derived] == ["change"], tid
    stations = next(t for t in real_report.targets if t.id == "5g-base-stations-2021")
    assert [d.name for d in stations.derived] == ["change", "growth-needed"]
