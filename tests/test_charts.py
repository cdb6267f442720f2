"""Charts are inline SVG with a title, a text alternative that states the numbers, a takeaway, the
source, and a data table; they never draw more than the data (ranks as dots, no clipped text)."""

from __future__ import annotations

import html
import re

from reportsite.charts import WIDTH, render_chart, text_width, wrap
from reportsite.site import read_site

from .conftest import MINI_REPORT


def report_of(mini):
    return read_site(mini).report[MINI_REPORT]


def test_before_and_after_chart_states_its_numbers_and_its_source(mini, catalogs):
    report = report_of(mini)
    svg = str(render_chart("before-after", "en", report, catalogs["en"].gettext,
                           section=report.index.sections["review-economy"], chart_id="c"))
    assert '<svg class="chart"' in svg and 'role="img"' in svg and 'aria-labelledby="c-t c-d"' in svg
    assert '<title id="c-t">Before and after</title>' in svg
    assert '<desc id="c-d">High-tech enterprises: 120 (2025) → 300 (2029)</desc>' in svg
    assert "High-tech enterprises: from 120 (2025) to 300 (2029)." in svg  # the takeaway
    assert '<p class="c-source">Source: Example City 2030, The economy</p>' in svg
    assert re.search(r"<th scope=\"row\">High-tech enterprises</th><td>2025</td><td>120</td>", svg)
    assert re.search(r"<th scope=\"row\">High-tech enterprises</th><td>2029</td><td>300</td>", svg)


def test_target_chart_uses_the_page_language_and_full_width_punctuation(mini, catalogs):
    report = report_of(mini)
    svg = str(render_chart("targets", "zh", report, catalogs["zh"].gettext, group="annual", chart_id="c"))
    assert '<desc id="c-d">地区生产总值增速：5.2%（2029年）→6%左右（2030年）</desc>' in svg


def test_bars_are_proportional_to_the_values_from_a_zero_baseline(mini, catalogs):
    report = report_of(mini)
    svg = str(render_chart("before-after", "en", report, catalogs["en"].gettext,
                           section=report.index.sections["review-economy"]))
    widths = [float(w) for w in re.findall(r'<rect x="0" y="[\d.]+" width="([\d.]+)" height="14" fill="#[0-9a-f]+" '
                                           r'class="c-(?:before|after)"', svg)]
    assert widths == [144.0, 360.0]  # 120 : 300 of the full width


def test_no_chart_when_there_is_nothing_to_compare(mini, catalogs):
    report = report_of(mini)
    assert str(render_chart("before-after", "en", report, catalogs["en"].gettext,
                            section=report.index.sections["plan-goals"])) == ""


def test_long_labels_wrap_inside_the_chart():
    lines = wrap("Per capita GDP rank among provincial capitals of China and of the whole country")
    assert len(lines) == 2 and all(text_width(line) <= WIDTH for line in lines)
    assert all(text_width(line) <= WIDTH for line in wrap("规模以上工业企业研发活动全覆盖率和上水平的比例数字很长很长"))


def test_no_text_of_the_real_charts_runs_past_the_chart(real_site, catalogs):
    """Every line of text in every chart of the real reports fits the viewBox, in both languages."""
    checked = 0
    for report in real_site.reports:
        for lang in ("zh", "en"):
            charts = [render_chart("before-after", lang, report, catalogs[lang].gettext, section=s)
                      for s in report.sections]
            charts += [render_chart("targets", lang, report, catalogs[lang].gettext, group=g)
                       for g in ("annual", "five-year", "task")]
            for svg in map(str, charts):
                for x, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="c-(?:label|value)">([^<]*)</text>', svg):
                    text = html.unescape(text)  # measured as the reader sees it: &#34; is one character
                    assert float(x) + text_width(text, 15) <= WIDTH + 1, text
                    checked += 1
    assert checked > 50


def test_a_rank_is_drawn_as_dots_on_an_axis_where_no_1_is_best(real_site, catalogs):
    report = real_site.report["taiyuan-2021"]
    section = next(s for s in report.sections if any(f.unit.id == "rank" for f in s.figures))
    svg = str(render_chart("before-after", "en", report, catalogs["en"].gettext, section=section))
    assert "No. 18" in svg and "No. 15" in svg and ">No. 1<" in svg  # the values, and the axis's best end
    later = float(re.search(r'<circle cx="([\d.]+)"', svg).group(1))  # 2020: No. 15, a dot
    earlier = float(re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="12"', svg).group(1)) + 6  # 2015: No. 18
    assert later > earlier  # a better rank sits further right: never a longer bar for a worse place
