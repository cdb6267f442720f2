"""Inline SVG charts made by the build: no library, no script, nothing that says more than the data.

Each chart is a column of rows in a narrow viewBox with large type, legible on a 360 px phone:
a label, then for each value a line of text (period and value, never cut: text is measured and
wrapped to the width) and its bar from a common zero baseline. Ranks are different: a smaller
number is better, so they are dots on an axis running from the last place to No. 1, not bars.
The ledger chart shows each main goal as a band (or a mark) and its outcome as a dot.
Every chart has a <title>, a <desc> that states its numbers, a one-line takeaway, the source
(which paragraph of which report), units in every value, and a data table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import l10n
from .derive import absolute
from .ledger import STATUS_ICONS, STATUS_LABELS
from .model import Figure, Range, Report, Section, Target
from .vocab import SCALES

WIDTH, BAR, GAP, LINE, SIZE = 360, 14, 10, 20, 14
TOP = 4.0  # room above the first line: a CJK face rises higher than its font size
# Fills that stay apart in black and white: light grey (before), dark blue-black (after, an outcome's dot), and a
# light band with a dark edge for a goal (its range, or a mark at its level).
FILLS = {"before": "#9aa1ab", "after": "#1f4f8a", "track": "#eceef1", "band": "#f3d9c4", "band-edge": "#9a4716"}
TRIVIAL = 12  # a comparison of two small counts (9 titles -> 10 titles) is said in words, not drawn


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[tuple[str, Figure], ...]  # (role, figure): before / after / goal


def text_width(text: str, size: int = SIZE) -> float:
    """The width of a line of text in the chart's units: CJK about one em, Latin about 0.58 em."""
    return sum(size if "\u2e80" <= ch <= "\uffef" else size * 0.58 for ch in text)


def wrap(text: str, width: int = WIDTH, size: int = SIZE) -> list[str]:
    """Break text into lines that fit the width: at spaces in English, between characters in Chinese."""
    lines, line = [], ""
    for word in re.findall(r"[\u2e80-\uffef]|[^\s\u2e80-\uffef]+\s*|\s+", text):
        if line and text_width((line + word).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = ""
        line += word
    return lines + [line.rstrip()] if line.strip() else lines


def drawn(f: Figure) -> bool:
    """A level a bar or a dot can stand for: not a change from an earlier period, a run, a grade or a top N,
    nor a level set by another figure (in step with GDP growth), which have no place on one axis with levels."""
    return not (f.relative or f.since or f.each) and f.unit.style not in ("top", "grade", "a-grade")


def _bar_value(f: Figure) -> float:
    v = absolute(f)
    return v.high if isinstance(v, Range) else v


def _trivial(row: Row) -> bool:
    return all(f.unit.style == "count" and _bar_value(f) <= TRIVIAL for _, f in row.bars)


def before_after_rows(section: Section, lang: str) -> list[Row]:
    """'From A to B' statements in a section: a baseline followed by a result in the same paragraph and unit."""
    rows, figures = [], section.figures
    for i, base in enumerate(figures):
        if base.kind != "baseline":
            continue
        after = next((f for f in figures[i + 1:] if f.paragraph_id == base.paragraph_id and f.kind == "result"
                      and f.unit == base.unit), None)
        if after and drawn(base) and drawn(after):
            rows.append(Row(after.label[lang], (("before", base), ("after", after))))
    return [r for r in rows if not _trivial(r)]


def _measured_outcome(t: Target) -> tuple[tuple[str, Figure], ...]:
    """The outcome to draw beside a goal: one measured like it (met, partly met, missed, or progress)."""
    o = t.outcome.figure if t.verdict and t.outcome else None
    if o is None or t.verdict.status not in SHOWN_OUTCOMES or o.unit != t.figure.unit or not drawn(o):
        return ()
    return (("outcome", o),)


def target_rows(targets: list[Target], lang: str) -> list[Row]:
    rows = [Row(t.figure.label[lang], tuple(("before", b) for b in t.baselines[-1:]) + (("goal", t.figure),)
                + _measured_outcome(t))
            for t in targets if t.figure.period and all(b.period and drawn(b) for b in t.baselines) and drawn(t.figure)]
    return [r for r in rows if not _trivial(r)]


def series_rows(report: Report, figure: Figure, lang: str) -> list[Row]:
    """The whole series of a figure's indicator in its report (same unit), oldest period first."""
    same = [f for f in report.index.series(figure) if f.unit == figure.unit and f.period and drawn(f)]
    roles = tuple(("goal" if f.kind in ("target", "plan") else "after" if f is figure else "before", f) for f in same)
    return [Row(figure.label[lang], roles)] if len(same) > 1 else []


def render_chart(kind: str, lang: str, report: Report, gettext: Callable[[str], str],
                 section: Section | None = None, group: str | None = None, figure: Figure | None = None,
                 chart_id: str = "chart") -> Markup:
    """kind: before-after (a section's history), targets (goals against their baselines), series (every
    period of one indicator), ledger (main goals against their outcomes)."""
    _ = gettext
    if kind == "ledger":
        return _ledger(report, lang, _, chart_id)
    if kind == "before-after":
        rows, title = before_after_rows(section, lang), _("Before and after")
    elif kind == "series":
        rows, title = series_rows(report, figure, lang), _("Every year the report gives")
    else:
        pool = report.targets if section is None else report.index.targets_for_section(section.id)
        rows = target_rows([t for t in pool if t.group == group and t.baselines], lang)
        title = _("Goals against the report's baselines")
    if not rows:
        return Markup("")
    return _figure(rows, title, lang, chart_id, _, report)


def _value_line(f: Figure, lang: str) -> str:
    return f"{l10n.period(f.period, lang)} · {l10n.figure_value(f, lang)}"


def _row_svg(row: Row, y: float, lang: str, _) -> tuple[list[str], float]:
    """A row: its label; each value's line of text over its bar (before, after) or its band (a goal: the range
    it sets, or a mark at its level), the outcome as a dot on the goal's line; then an axis with ticks in the
    row's unit, from zero."""
    if row.bars[0][1].unit.style == "rank":
        return _rank_row(row, y, lang)
    reference = row.bars[0][1]
    factor = SCALES.get(reference.scale or "", 1)
    ticks = nice_ticks(0.0, max(max(_values(f)) for _, f in row.bars) / factor, most=4)
    x_of = lambda v: round(WIDTH * max(v / factor / ticks[-1], 0.004), 1)  # noqa: E731
    outcome = next((f for role, f in row.bars if role == "outcome"), None)
    parts = []
    for line in wrap(row.label, size=SIZE + 1):
        parts.append(f'<text x="0" y="{y + 15}" class="c-label">{escape(line)}</text>')
        y += LINE + 2
    for role, f in row.bars:
        if role == "outcome":
            continue
        text = _value_line(f, lang)
        if role == "goal":
            text = _("%(period)s · goal %(value)s") % {"period": l10n.period(f.period, lang),
                                                      "value": l10n.figure_value(f, lang)}
            if outcome is not None:
                text += " · " + _("outcome %(value)s") % {"value": l10n.figure_value(outcome, lang)}
        for line in wrap(text, size=SIZE + 1):  # measured a size up: a CJK face and a bold digit run wide
            parts.append(f'<text x="0" y="{y + 14}" class="c-value">{escape(line)}</text>')
            y += LINE
        parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{BAR}" fill="{FILLS["track"]}"/>')
        if role == "goal":
            low, high = min(_values(f)), max(_values(f))
            x = x_of(low) - (2 if low == high else 0)
            parts.append(f'<rect x="{max(x, 0):g}" y="{y - 2}" width="{max(x_of(high) - x_of(low), 4):g}" '
                         f'height="{BAR + 4}" fill="{FILLS["band"]}" stroke="{FILLS["band-edge"]}" stroke-width="2" '
                         f'class="c-goal"/>')
            if outcome is not None:
                parts.append(f'<circle cx="{x_of(max(_values(outcome)))}" cy="{y + BAR / 2}" r="7" '
                             f'fill="{FILLS["after"]}" stroke="#fff" stroke-width="1.5" class="c-outcome"/>')
        else:
            parts.append(f'<rect x="0" y="{y}" width="{x_of(_bar_value(f))}" height="{BAR}" fill="{FILLS[role]}" '
                         f'class="c-{role}"/>')
        y += BAR + GAP
    parts_axis, y = _value_axis(ticks, reference, y - GAP / 2, lang)
    return parts + parts_axis, y + GAP


def _value_axis(ticks: list[float], reference: Figure, y: float, lang: str) -> tuple[list[str], float]:
    """A scale under a row: a tick at each round value, labelled in the unit (the ends only, when the labels
    would crowd each other)."""
    text = [l10n.quantity(t, reference.unit, reference.scale, reference.measure_zh, (), lang) for t in ticks]
    crowded = sum(text_width(t, AXIS_SIZE) for t in text) > WIDTH * 0.7
    parts = [f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#59616c" stroke-width="1"/>']
    for i, (tick, label) in enumerate(zip(ticks, text)):
        x = round(WIDTH * tick / ticks[-1], 1)
        parts.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="#59616c" stroke-width="1"/>')
        if crowded and 0 < i < len(ticks) - 1:
            continue
        anchor = "start" if i == 0 else "end" if i == len(ticks) - 1 else "middle"
        parts.append(f'<text x="{x}" y="{y + 17}" class="c-axis" text-anchor="{anchor}">{escape(label)}</text>')
    return parts, y + 22


def _rank_row(row: Row, y: float, lang: str) -> tuple[list[str], float]:
    """Ranks as dots on an axis from the last place (left) to No. 1 (right): higher is better, drawn so."""
    worst = max(_bar_value(f) for _, f in row.bars) + 2
    x_of = lambda rank: round(WIDTH * (worst - rank) / (worst - 1), 1)  # noqa: E731
    parts = []
    for line in wrap(row.label, size=SIZE + 1):
        parts.append(f'<text x="0" y="{y + 15}" class="c-label">{escape(line)}</text>')
        y += LINE + 2
    for _role, f in row.bars:
        for line in wrap(_value_line(f, lang)):
            parts.append(f'<text x="0" y="{y + 14}" class="c-value">{escape(line)}</text>')
            y += LINE
    axis = y + 12
    parts.append(f'<line x1="0" y1="{axis}" x2="{WIDTH}" y2="{axis}" stroke="#9aa1ab" stroke-width="2"/>')
    for i, (_role, f) in enumerate(row.bars):
        shape = "circle" if i == len(row.bars) - 1 else "rect"
        x = x_of(_bar_value(f))
        parts.append(f'<circle cx="{x}" cy="{axis}" r="7" fill="{FILLS["after"]}"/>' if shape == "circle" else
                     f'<rect x="{x - 6}" y="{axis - 6}" width="12" height="12" fill="#fff" stroke="#1b1f24" stroke-width="2"/>')
    unit = row.bars[0][1].unit
    ends = (l10n.quantity(int(worst - 1), unit, None, None, (), lang), l10n.quantity(1, unit, None, None, (), lang))
    parts.append(f'<text x="0" y="{axis + 26}" class="c-axis">{escape(ends[0])}</text>')
    parts.append(f'<text x="{WIDTH}" y="{axis + 26}" class="c-axis" text-anchor="end">{escape(ends[1])}</text>')
    return parts, axis + 26 + GAP * 2


def takeaway(rows: list[Row], lang: str, _) -> str:
    """One sentence: how the first row's values moved (the data, nothing more)."""
    row = rows[0]
    bars = [(role, f) for role, f in row.bars if role != "outcome"]  # the outcome has its own line
    first, last = bars[0][1], bars[-1][1]
    goal = bars[-1][0] == "goal"
    text = _("%(label)s: from %(start)s (%(p1)s) to a goal of %(end)s (%(p2)s).") if goal else \
        _("%(label)s: from %(start)s (%(p1)s) to %(end)s (%(p2)s).")
    return text % {"label": row.label, "start": l10n.figure_value(first, lang), "p1": l10n.period(first.period, lang),
                   "end": l10n.figure_value(last, lang), "p2": l10n.period(last.period, lang)}


def source_line(rows: list[Row], report: Report, lang: str, _) -> str:
    """Where the numbers come from: the report and the sections of its paragraphs (and, for outcomes drawn
    beside their goals, the next year's report)."""
    sections, outcomes = [], False
    for row in rows:
        for role, f in row.bars:
            if role == "outcome":
                outcomes = True
                continue
            title = report.index.sections[f.section_id].title[lang]
            if title not in sections:
                sections.append(title)
    line = _("Source: %(report)s, %(sections)s") % {"report": report.label[lang],
                                                     "sections": l10n.LIST_COMMA[lang].join(sections)}
    if outcomes:
        line += l10n.FULL_STOP[lang] + l10n.SPACE[lang] + _("Outcomes (dots): the next year's report.")
    return line


def _figure(rows: list[Row], title: str, lang: str, chart_id: str, _, report: Report) -> Markup:
    body, y = [], TOP
    for row in rows:
        parts, y = _row_svg(row, y, lang, _)
        body.extend(parts)
    desc = l10n.LIST_SEPARATOR[lang].join(
        _("%(label)s: %(values)s") % {"label": row.label, "values": l10n.ARROW[lang].join(
            _("%(value)s (%(period)s)") % {"value": l10n.figure_value(f, lang), "period": l10n.period(f.period, lang)}
            for _role, f in row.bars)}
        for row in rows)
    table_rows = [(row.label, l10n.period(f.period, lang), l10n.figure_value(f, lang)) for row in rows for _r, f in row.bars]
    return _wrap(chart_id, title, desc, "".join(body), y, takeaway(rows, lang, _), source_line(rows, report, lang, _),
                 (_("Indicator"), _("Period"), _("Value")), table_rows, _("Data table"))


def _wrap(chart_id, title, desc, body, height, takeaway_text, source, head, table_rows, table_name) -> Markup:
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} {height:g}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
           f"{body}</svg>")
    cells = "".join(f'<tr><th scope="row">{escape(a)}</th><td>{escape(b)}</td><td>{escape(c)}</td></tr>'
                    for a, b, c in table_rows)
    table = (f'<details class="chart-data"><summary>{escape(table_name)}</summary><table><thead><tr>'
             + "".join(f'<th scope="col">{escape(h)}</th>' for h in head) + f"</tr></thead><tbody>{cells}</tbody></table></details>")
    return Markup(f'<figure class="chart-box" id="{chart_id}"><figcaption><span class="c-title">{escape(title)}</span> '
                  f'<span class="c-takeaway">{escape(takeaway_text)}</span></figcaption>{svg}'
                  f'<p class="c-source">{escape(source)}</p>{table}</figure>')


COMPARED = ("met", "partly", "missed")  # the statuses whose outcome is measured like its goal


def _ledger(report: Report, lang: str, _, chart_id: str) -> Markup:
    """Each main goal in percent as a band (a range) or a mark, its outcome as a dot, on one axis per row.
    Only goals judged met, partly met or missed: a dot for a not comparable outcome would compare it."""
    goals = [t for t in report.targets if t.group == "annual" and t.verdict and t.outcome.figure
             and t.verdict.status in COMPARED and t.figure.unit.style == "percent"
             and t.outcome.figure.unit == t.figure.unit and drawn(t.figure) and drawn(t.outcome.figure)]
    if not goals:
        return Markup("")
    top = max(max(_values(t.figure)) for t in goals) * 1.25
    top = max(top, max(max(_values(t.outcome.figure)) for t in goals) * 1.1)
    ticks = nice_ticks(0.0, top, most=4)
    x_of = lambda v: round(WIDTH * max(v, 0) / ticks[-1], 1)  # noqa: E731
    body, y, rows = [], TOP, []
    for t in goals:
        for line in wrap(t.figure.label[lang], size=SIZE + 1):
            body.append(f'<text x="0" y="{y + 15}" class="c-label">{escape(line)}</text>')
            y += LINE + 2
        line = _("target %(target)s · outcome %(outcome)s · %(status)s") % {
            "target": l10n.figure_value(t.figure, lang), "outcome": l10n.figure_value(t.outcome.figure, lang),
            "status": f"{STATUS_ICONS[t.verdict.status]} {_(STATUS_LABELS[t.verdict.status])}"}
        for text in wrap(line):
            body.append(f'<text x="0" y="{y + 14}" class="c-value">{escape(text)}</text>')
            y += LINE
        low, high = min(_values(t.figure)), max(_values(t.figure))
        body.append(f'<line x1="0" y1="{y + 9}" x2="{WIDTH}" y2="{y + 9}" stroke="{FILLS["track"]}" stroke-width="4"/>')
        body.append(f'<rect x="{x_of(low) - (2 if low == high else 0)}" y="{y}" width="{max(x_of(high) - x_of(low), 4)}" '
                    f'height="18" fill="#f3d9c4" stroke="#9a4716" stroke-width="2" class="c-band"/>')
        body.append(f'<circle cx="{x_of(max(_values(t.outcome.figure)))}" cy="{y + 9}" r="7" fill="{FILLS["after"]}" '
                    f'class="c-outcome c-{t.verdict.status}"/>')
        y += 18 + GAP * 2
        rows.append((t.figure.label[lang], l10n.figure_value(t.figure, lang), l10n.figure_value(t.outcome.figure, lang)))
    axis, y = _value_axis(ticks, goals[0].figure, y - GAP, lang)
    body.extend(axis)
    title = _("Main goals and what happened")
    desc = l10n.LIST_SEPARATOR[lang].join(f"{a}{l10n.COLON[lang]}{b} → {c}" for a, b, c in rows)
    key = _("Band or mark: the goal; dot: the outcome the next report gives. Goals whose outcome is not "
            "comparable or not reported are in the table below.")
    later = report.label[lang]
    return _wrap(chart_id, title, desc, "".join(body), y, key,
                 _("Goals: %(report)s; outcomes: the next year's report.") % {"report": later},
                 (_("Indicator"), _("Target"), _("Outcome")), rows, _("Data table"))


def _values(f: Figure) -> tuple[float, ...]:
    v = absolute(f)
    return (v.low, v.high) if isinstance(v, Range) else (v,)


# ---- one indicator across the reports (a verdict card) -------------------------------------

PLOT_TOP, PLOT_HEIGHT, AXIS_GAP, AXIS_SIZE = 26, 170, 8, 12  # a chart with axes, in viewBox units (.c-axis)
SHOWN_OUTCOMES = COMPARED + ("in_progress",)  # an outcome drawn beside a goal: measured like it
LABELLED_YEARS = 3  # up to this many years, each target is labelled on the chart


def nice_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round tick values from at most low to at least high, 1, 2 or 5 times a power of ten apart."""
    span = (high - low) or abs(high) or 1
    for exponent in range(int(math.floor(math.log10(span / most))), int(math.log10(span)) + 2):
        for step in (1, 2, 5):
            size = step * 10 ** exponent
            first, last = math.floor(low / size), math.ceil(high / size)
            if last - first <= most:
                return [round(i * size, 10) for i in range(first, last + 1)]
    return [low, high]


def history_chart(targets: list[Target], reports: dict[str, Report], lang: str, _, chart_id: str) -> Markup:
    """The goals for one indicator across the reports as bands (a range) or marks (a level), and each
    outcome the next report gives as a dot, on axes with ticks in the indicator's unit, years along the
    bottom. Only outcomes measured like their goal are drawn (met, partly, missed, or progress towards a
    goal not yet due); the others are in the card's text."""
    reference = targets[-1].figure
    factor = SCALES.get(reference.scale or "", 1)
    goals = [(t, [v / factor for v in _values(t.figure)]) for t in targets if t.figure.period and drawn(t.figure)]
    dots = [(t, [v / factor for v in _values(t.outcome.figure)]) for t in targets
            if t.verdict and t.outcome.figure and t.verdict.status in SHOWN_OUTCOMES and t.outcome.figure.period
            and drawn(t.figure) and drawn(t.outcome.figure)]
    if not drawn(reference) or not dots and len(goals) < 2:  # one goal and nothing beside it: the card's number says it all
        return Markup("")
    years = sorted({t.figure.end_year for t, _v in goals} | {t.outcome.figure.end_year for t, _v in dots})
    values = [v for _t, vs in goals + dots for v in vs]
    ticks = nice_ticks(min(0.0, min(values)), max(values) * 1.1)
    tick_text = {tick: l10n.quantity(tick, reference.unit, reference.scale, reference.measure_zh, (), lang)
                 for tick in ticks}
    left = max(text_width(text, AXIS_SIZE) for text in tick_text.values()) * 1.5 + AXIS_GAP  # digits, % run wide
    x_span = WIDTH - left - 12
    x_of = (lambda year: left + 6 + x_span * (years.index(year) + .5) / len(years))
    y_of = (lambda v: round(PLOT_TOP + PLOT_HEIGHT * (ticks[-1] - v) / (ticks[-1] - ticks[0]), 1))
    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(f'<line x1="{left}" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#dfe3e8" stroke-width="1"/>')
        body.append(f'<text x="{left - AXIS_GAP}" y="{y + 4}" class="c-axis" text-anchor="end">'
                    f'{escape(tick_text[tick])}</text>')
    base = y_of(ticks[0])
    body.append(f'<line x1="{left}" y1="{PLOT_TOP - 6}" x2="{left}" y2="{base}" stroke="#59616c" stroke-width="1.5"/>')
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#59616c" stroke-width="1.5"/>')
    for year in years:
        body.append(f'<text x="{x_of(year)}" y="{base + 20}" class="c-axis" text-anchor="middle">'
                    f'{escape(l10n.period(str(year), lang))}</text>')
    column = x_span / len(years)
    half = min(22, column / 3)
    for t, (low, *rest) in goals:
        high, x = (rest[0] if rest else low), x_of(t.figure.end_year)
        top, bottom = y_of(high), y_of(low)
        body.append(f'<rect x="{x - half}" y="{top - (2 if top == bottom else 0)}" width="{2 * half}" '
                    f'height="{max(bottom - top, 4)}" fill="#f3d9c4" stroke="#9a4716" stroke-width="2" class="c-band"/>')
        label = l10n.figure_value(t.figure, lang)
        if len(years) <= LABELLED_YEARS and text_width(label) < column - 4:  # else the data table gives it
            label_y = bottom + 17 if bottom + 17 < base - 4 else top - 7  # under the band, or over it near the axis
            body.append(f'<text x="{x}" y="{label_y}" class="c-value" text-anchor="middle">{escape(label)}</text>')
    for t, vs in dots:
        x, y = x_of(t.outcome.figure.end_year) + half / 2, y_of(max(vs))
        label = l10n.figure_value(t.outcome.figure, lang)
        right = x + 11 + text_width(label) <= WIDTH  # the label after the dot, or above it near the right edge
        body.append(f'<circle cx="{x}" cy="{y}" r="7" fill="{FILLS["after"]}" class="c-outcome c-{t.verdict.status}"/>')
        if right:
            body.append(f'<text x="{x + 11}" y="{y + 5}" class="c-value c-strong">{escape(label)}</text>')
        else:  # above the dot, inside the plot: clear of the axis and its ticks
            end = min(WIDTH, max(x + 7, left + 4 + text_width(label)))
            body.append(f'<text x="{end:g}" y="{y - 12}" class="c-value c-strong" text-anchor="end">'
                        f'{escape(label)}</text>')
    height = base + 30
    rows = [(reports[t.report_id].label[lang], l10n.figure_value(t.figure, lang),
             l10n.figure_value(t.outcome.figure, lang) if t.outcome and t.outcome.figure else "—") for t in targets]
    desc = l10n.LIST_SEPARATOR[lang].join(f"{a}{l10n.COLON[lang]}{b} → {c}" for a, b, c in rows)
    title = reference.label[lang]
    key = _("Band or mark: the target a report set; dot: the outcome the next report gives.")
    source = _("Source: the government work reports of %(reports)s.") % {
        "reports": l10n.LIST_COMMA[lang].join(reports[t.report_id].label[lang] for t in targets)}
    return _wrap(chart_id, title, desc, "".join(body), height, key, source,
                 (_("Report"), _("Target"), _("Outcome")), rows, _("Data table"))
