"""Inline SVG charts made by the build: no library, no script.

Each chart is a column of rows (label above, bars below) in a narrow viewBox with
large type, so it stays legible on a 360 px phone and scales up on a desktop.
Every chart carries a <title>, a <desc> stating its numbers, and a data table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import l10n
from .derive import absolute
from .model import Figure, Range, Report, Section, Target

WIDTH, BAR, GAP, LABEL = 360, 18, 6, 24
TRACK = 190  # the longest bar; values are written to its right
COLOURS = {"before": "#8a8f98", "after": "#1f5fa8", "goal": "#b3541e", "track": "#e6e8eb"}


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[tuple[str, Figure], ...]  # (role, figure): before/after/goal


def _bar_value(f: Figure) -> float:
    v = absolute(f)
    return v.high if isinstance(v, Range) else v


def before_after_rows(section: Section, lang: str) -> list[Row]:
    """'From A to B' statements in a section: a baseline followed by a result in the same paragraph and unit."""
    rows, figures = [], section.figures
    for i, base in enumerate(figures):
        if base.kind != "baseline":
            continue
        after = next((f for f in figures[i + 1:] if f.paragraph_id == base.paragraph_id and f.kind == "result"
                      and f.unit == base.unit), None)
        if after:
            rows.append(Row(after.label[lang], (("before", base), ("after", after))))
    return rows


def target_rows(targets: list[Target], lang: str) -> list[Row]:
    rows = []
    for t in targets:
        bars = tuple(("before", b) for b in t.baselines[-1:]) + (("goal", t.figure),)
        rows.append(Row(t.figure.label[lang], bars))
    return rows


def render_chart(kind: str, lang: str, report: Report, gettext: Callable[[str], str],
                 section: Section | None = None, group: str | None = None, chart_id: str = "chart") -> Markup:
    """kind: before-after (a section's history), targets (a target group against baselines)."""
    if kind == "before-after":
        rows = before_after_rows(section, lang)
        title = gettext("Before and after")
    else:
        pool = report.targets if section is None else report.index.targets_for_section(section.id)
        chosen = [t for t in pool if t.group == group and t.baselines]
        rows = target_rows(chosen, lang)
        title = gettext("Goals against the report's baselines")
    if not rows:
        return Markup("")
    return _figure(rows, title, lang, chart_id, gettext)


def wrap(text: str, width: int = WIDTH, size: int = 15) -> list[str]:
    """Break a label into lines that fit the chart: CJK characters are about one em wide, Latin about half."""
    lines, line, used = [], "", 0.0
    for word in re.findall(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+", text):
        cost = sum(size if "\u3000" <= ch <= "\uffef" else size * 0.56 for ch in word)
        if line and used + cost > width:
            lines.append(line.rstrip())
            line, used = "", 0.0
        line += word
        used += cost
    return lines + [line.rstrip()] if line.strip() else lines


def _row_svg(row: Row, y: int, lang: str) -> tuple[list[str], int]:
    peak = max(_bar_value(f) for _, f in row.bars) or 1
    parts = []
    for line in wrap(row.label):
        parts.append(f'<text x="0" y="{y + 16}" class="c-label">{escape(line)}</text>')
        y += LABEL
    for role, f in row.bars:
        share = max(_bar_value(f) / peak, 0.004)
        width = round(TRACK * share, 1)
        text = f"{l10n.period(f.period, lang)} {l10n.figure_value(f, lang)}"
        parts.append(f'<rect x="0" y="{y}" width="{TRACK}" height="{BAR}" fill="{COLOURS["track"]}"/>')
        parts.append(f'<rect x="0" y="{y}" width="{width}" height="{BAR}" fill="{COLOURS[role]}"/>')
        parts.append(f'<text x="{TRACK + 6}" y="{y + 14}" class="c-value">{escape(text)}</text>')
        y += BAR + GAP
    return parts, y + GAP


def _figure(rows: list[Row], title: str, lang: str, chart_id: str, _: Callable[[str], str]) -> Markup:
    body, y = [], 0
    for row in rows:
        parts, y = _row_svg(row, y, lang)
        body.extend(parts)
    desc = l10n.LIST_SEPARATOR[lang].join(
        _("%(label)s: %(values)s") % {"label": row.label, "values": l10n.ARROW[lang].join(
            _("%(value)s (%(period)s)") % {"value": l10n.figure_value(f, lang), "period": l10n.period(f.period, lang)}
            for _role, f in row.bars)}
        for row in rows)
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} {y}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
           + "".join(body) + "</svg>")
    head = tuple(escape(h) for h in (_("Indicator"), _("Period"), _("Value"), _("Data table")))
    table_rows = "".join(
        f"<tr><th scope=\"row\">{escape(row.label)}</th><td>{escape(l10n.period(f.period, lang))}</td>"
        f"<td>{escape(l10n.figure_value(f, lang))}</td></tr>"
        for row in rows for _role, f in row.bars)
    table = (f'<details class="chart-data"><summary>{head[3]}</summary><table><thead><tr>'
             f'<th scope="col">{head[0]}</th><th scope="col">{head[1]}</th><th scope="col">{head[2]}</th></tr></thead>'
             f"<tbody>{table_rows}</tbody></table></details>")
    return Markup(f'<figure class="chart-box" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
                  f"{svg}{table}</figure>")
