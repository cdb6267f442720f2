"""What the ledger and comparison pages show, gathered from the model: one small function per view."""

from __future__ import annotations

from dataclasses import dataclass

from .ledger import STATUS_LABELS, STATUSES
from .l10n import place_name
from .model import Bi, Place, Report, Site, Target


@dataclass(frozen=True)
class Count:
    """How the goals of one group of one report fared."""

    report: Report
    group: str
    by_status: tuple[tuple[str, int], ...]  # (status, number), in the order of STATUSES, zeros left out
    total: int


def place_title(place: Place) -> Bi:
    """A place's name with its level, in both languages: 太原（市级） / Taiyuan (city)."""
    return Bi(place_name(place, "zh"), place_name(place, "en"))


def ledger_counts(site: Site) -> list[Count]:
    """For each report with judged goals and each group: how many goals have each status."""
    return [count for report in site.reports for count in _counts(report, report.targets)]


def fared(site: Site, earlier_id: str, later_id: str) -> list[Count]:
    """How the goals of an earlier report fared by what a later report says: its part that reviews them."""
    earlier = site.report[earlier_id]
    return _counts(earlier, [t for t in earlier.targets if t.outcome and t.outcome.report_id == later_id])


def _counts(report: Report, targets) -> list[Count]:
    out = []
    for group in ("annual", "five-year", "task"):
        goals = [t for t in targets if t.group == group and t.verdict]
        if goals:
            counts = tuple((s, n) for s in STATUSES if (n := sum(t.verdict.status == s for t in goals)))
            out.append(Count(report, group, counts, len(goals)))
    return out


def judged_goals(site: Site) -> list[Target]:
    """Every goal that has an outcome (or a 'not reported'), in report order."""
    return [t for t in site.targets if t.verdict]


@dataclass(frozen=True)
class Comparison:
    """One main indicator across a place's reports: per report, its goal (and what became of it)."""

    label: object  # Bi
    cells: tuple[Target | None, ...]  # one per report of the place, None where that report sets no such goal


@dataclass(frozen=True)
class PlaceComparison:
    """A place's main indicators year by year: its reports (a pair of columns each) and a row per indicator. Two
    places are never compared in one table: their GDP growth is two indicators, not one."""

    place: Place
    reports: tuple[Report, ...]
    rows: tuple[Comparison, ...]


def compare_main_indicators(site: Site) -> list[PlaceComparison]:
    """For each place, its main expected indicators year by year, matched by indicator (a figure id without its
    period)."""
    out = []
    for place, reports in site.places:
        rows: dict[str, dict[str, Target]] = {}
        labels = {}
        for report in reports:
            for t in report.targets:
                if t.group == "annual":
                    rows.setdefault(t.figure.indicator, {})[report.id] = t
                    labels.setdefault(t.figure.indicator, t.figure.label)
        out.append(PlaceComparison(place, reports, tuple(
            Comparison(labels[key], tuple(cells.get(r.id) for r in reports)) for key, cells in rows.items())))
    return out


@dataclass(frozen=True)
class LedgerFilter:
    """The ledger's goals of one status, topic or report: a page of their own, so that filtering works
    without JavaScript and a filtered view has an address to cite (/<lang>/ledger/by/status-missed/)."""

    id: str  # by-what-value: status-missed, topic-economy, report-taiyuan-2021, place-shanxi-province
    by: str  # status | topic | report | place (a site of several places)
    value: str
    title: Bi | str  # a report's, topic's or place's name, or a status's gettext message id
    goals: tuple[Target, ...]


def ledger_filters(site: Site) -> list[LedgerFilter]:
    """One filter for each status, topic and report that some judged goal has, in the ledger's orders, and for
    each place when the site has several."""
    goals = judged_goals(site)
    out = []
    for status in STATUSES:
        out.append(LedgerFilter(f"status-{status.replace('_', '-')}", "status", status, STATUS_LABELS[status],
                                tuple(t for t in goals if t.verdict.status == status)))
    for topic, name in site.topics.items():
        out.append(LedgerFilter(f"topic-{topic}", "topic", topic, name, tuple(t for t in goals if t.figure.topic == topic)))
    for report in site.reports:
        out.append(LedgerFilter(f"report-{report.id}", "report", report.id, report.label,
                                tuple(t for t in goals if t.report_id == report.id)))
    for place, reports in site.places if len(site.places) > 1 else ():
        ids = {r.id for r in reports}
        out.append(LedgerFilter(f"place-{place.id}", "place", place.id, place_title(place),
                                tuple(t for t in goals if t.report_id in ids)))
    return [f for f in out if f.goals]
