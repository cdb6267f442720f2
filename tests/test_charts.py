"""Charts are inline SVG with a title, a text alternative that states the numbers, and a data table."""

from __future__ import annotations

import re

from reportsite.charts import render_chart
from reportsite.site import read_report


def test_before_and_after_chart_states_its_numbers(mini, catalogs):
    report = read_report(mini)
    svg = str(render_chart("before-after", "en", report, catalogs["en"].gettext, section=report.index.sections["review-economy"],
                           chart_id="c"))
    assert '<svg class="chart"' in svg and 'role="img"' in svg and 'aria-labelledby="c-t c-d"' in svg
    assert '<title id="c-t">Before and after</title>' in svg
    assert '<desc id="c-d">High-tech enterprises: 120 (2025) → 300 (2029)</desc>' in svg
    assert re.search(r"<th scope=\"row\">High-tech enterprises</th><td>2025</td><td>120</td>", svg)
    assert re.search(r"<th scope=\"row\">High-tech enterprises</th><td>2029</td><td>300</td>", svg)


def test_target_chart_uses_the_page_language_and_babel_formatting(mini, catalogs):
    report = read_report(mini)
    svg = str(render_chart("targets", "zh", report, catalogs["zh"].gettext, group="annual", chart_id="c"))
    assert '<desc id="c-d">地区生产总值增速：5.2%（2029年）→6%左右（2030年）</desc>' in svg


def test_bars_are_proportional_to_the_values(mini, catalogs):
    report = read_report(mini)
    svg = str(render_chart("before-after", "en", report, catalogs["en"].gettext, section=report.index.sections["review-economy"]))
    widths = [float(w) for w in re.findall(r'<rect x="0" y="\d+" width="([\d.]+)" height="18" fill="#(?:8a8f98|1f5fa8)"', svg)]
    assert widths == [76.0, 190.0]  # 120 : 300


def test_no_chart_when_there_is_nothing_to_compare(mini, catalogs):
    report = read_report(mini)
    assert str(render_chart("before-after", "en", report, catalogs["en"].gettext, section=report.index.sections["plan-goals"])) == ""


def test_long_labels_wrap_inside_the_chart():
    from reportsite.charts import WIDTH, wrap
    lines = wrap("Per capita GDP rank among provincial capitals of China")
    assert lines == ["Per capita GDP rank among provincial", "capitals of China"]
    assert all(len(line) * 15 * 0.56 <= WIDTH for line in lines)
    assert wrap("规模以上工业企业研发活动全覆盖率和上水平的比例数字很长") == ["规模以上工业企业研发活动全覆盖率和上水平的比例数", "字很长"]
