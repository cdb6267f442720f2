"""One verdict card per goal of the promise ledger (/<lang>/ledger/<goal-id>/): the promise and the outcome
in the reports' own words, the rule, the indicator's path across every report of the site, and a line a
journalist can quote that never says more than the two sentences it rests on.

Every sentence here is a UI string of the catalog, filled in from the data; the status decides which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import l10n
from .l10n import N_
from .model import Figure, Site, Target

QUOTABLE = {  # status shown -> the line, with the outcome a figure; a statement and "not reported" below
    "met": N_("%(place)s's %(label)s was %(outcome)s in %(period)s, meeting its target of %(target)s, "
              "according to the %(later)s government work report."),
    "missed": N_("%(place)s's %(label)s was %(outcome)s in %(period)s, short of its target of %(target)s, "
                 "according to the %(later)s government work report."),
    "partly": N_("%(place)s's %(label)s was %(outcome)s in %(period)s, within its target range of %(target)s but "
                 "below its upper end, according to the %(later)s government work report."),
    "in_progress": N_("%(place)s's %(label)s was %(outcome)s in %(period)s; its target is %(target)s for "
                      "%(due)s, according to the %(earlier)s and %(later)s government work reports."),
    "not_comparable": N_("The %(later)s government work report gives %(outcome)s for %(label)s in %(period)s, "
                         "which does not measure the %(earlier)s report's target of %(target)s for %(goal)s."),
}
QUOTABLE_DONE = N_("The %(later)s government work report says: \u201c%(statement)s\u201d. It gives no figure for "
                   "the %(earlier)s report's target of %(target)s for %(goal)s.")
QUOTABLE_SILENT = N_("The %(later)s government work report does not say what became of the %(earlier)s report's "
                     "target of %(target)s for %(goal)s.")
EDITORS_READING = N_("(The editor's reading; by the written rules: %(status)s.)")


def judged(site: Site) -> list[Target]:
    """The goals with a verdict: one card each, in the ledger's order."""
    return [t for t in site.targets if t.verdict]


def history(site: Site, target: Target) -> list[Target]:
    """The goals of every report of the site for the same indicator, in the same unit and of the same place,
    oldest report first: the path a card's chart draws (the goal's own included)."""
    place = site.report[target.report_id].place.id
    return [t for t in _by_indicator(site).targets.get(_indicator_key(target.figure), ())
            if site.report[t.report_id].place.id == place]


def quotable(site: Site, target: Target, lang: str, gettext: Callable[[str], str]) -> str:
    """A line to quote, in lang: what the later report says of the goal, by the status shown."""
    v, o = target.verdict, target.outcome
    earlier, later = site.report[target.report_id], site.report[o.report_id]
    names = {"earlier": earlier.label[lang], "later": later.label[lang], "place": earlier.place[lang],
             "target": l10n.figure_value(target.figure, lang), "goal": _mid(target.figure.label[lang], lang)}
    if o.statement is not None:
        line = gettext(QUOTABLE_DONE) % {**names, "statement": o.statement.quote_zh if lang == "zh"
                                         else o.statement.quote_en}
    elif o.figure is None:
        line = gettext(QUOTABLE_SILENT) % names
    else:
        line = gettext(QUOTABLE[v.status if v.status in QUOTABLE else "not_comparable"]) % {
            **names, "label": _mid(o.figure.label[lang], lang), "outcome": l10n.figure_value(o.figure, lang),
            "period": l10n.period(o.figure.period, lang), "due": l10n.period(target.figure.period, lang)}
    if v.overridden:
        from .ledger import STATUS_LABELS

        line += (" " if lang == "en" else "") + gettext(EDITORS_READING) % {"status": gettext(STATUS_LABELS[v.computed])}
    return line


def _mid(label: str, lang: str) -> str:
    """A label inside an English sentence: "Growth in retail sales" -> "growth in retail sales", but "GDP
    growth" stays (a capital followed by a capital is an abbreviation)."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def plan_goals(site: Site, plan) -> list[Target]:
    """The goals a plan's report set for the plan period (its five-year goals due within the period)."""
    first, last = (int(y) for y in plan.period.split("-"))
    return [t for t in site.report[plan.report_id].targets
            if t.group == "five-year" and t.figure.end_year is not None and first <= t.figure.end_year <= last]


def indicator_path(site: Site, target: Target) -> list:
    """Every figure of the goal's indicator, in its unit and of its place, in every report of the site, by
    period: what each report set or said of it, year by year (a goal's whole path)."""
    place = site.report[target.report_id].place.id
    found = [f for f in _by_indicator(site).figures.get(_indicator_key(target.figure), ())
             if site.report[f.report_id].place.id == place and f.period]
    return sorted(found, key=lambda f: (f.months or (0, 0), site.report[f.report_id].date))


@dataclass(frozen=True)
class IndicatorIndex:
    """The site's goals and figures by (indicator, unit), in the reports' order: a card looks its indicator up
    instead of scanning every figure of every report (758 cards × 1,800 figures)."""

    site: Site  # the site it indexes (kept so that its id is not reused while the index is)
    targets: dict[tuple[str, str], tuple[Target, ...]]
    figures: dict[tuple[str, str], tuple[Figure, ...]]


_index: list[IndicatorIndex] = []  # the last site's index: one site is built at a time


def _by_indicator(site: Site) -> IndicatorIndex:
    if not _index or _index[0].site is not site:
        targets: dict[tuple[str, str], list[Target]] = {}
        figures: dict[tuple[str, str], list[Figure]] = {}
        for r in site.reports:
            for t in r.targets:
                targets.setdefault(_indicator_key(t.figure), []).append(t)
            for f in r.figures:
                figures.setdefault(_indicator_key(f), []).append(f)
        _index[:] = [IndicatorIndex(site, {k: tuple(v) for k, v in targets.items()},
                                    {k: tuple(v) for k, v in figures.items()})]
    return _index[0]


def _indicator_key(figure: Figure) -> tuple[str, str]:
    return figure.indicator, figure.unit.id
