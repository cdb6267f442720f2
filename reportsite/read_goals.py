"""data/targets.yaml -> the goals of each report, with their derived numbers and their ledger verdicts.

A goal names its report and its figure there; its baselines are figures of the same report; its
outcome is a figure of a later report, a sentence of it that says the goal was done (a statement),
or "not reported", the later report named. The ledger's status follows ledger.RULES; an editor may
set a status only with a written reason, and the rule's reading stays beside it.
"""

from __future__ import annotations

from dataclasses import replace

from .derive import derive_target
from .fields import ID_LIKENESS, Field, did_you_mean
from .l10n import place_name
from .ledger import STATUSES, judged
from .model import Bi, Figure, Outcome, Report, Statement, Target
from .read_report import ReportsRead
from .vocab import DIRECTIONS, TARGET_GROUPS

TARGET_KEYS = ("id", "report", "group", "figure")
OPTIONAL_KEYS = ("baselines", "no_baseline", "growth", "direction", "outcome", "status", "reason")


def what_goals_read(report: Report) -> tuple:
    """All that the goals read of a report (GoalReader, read_statement): its id, date and place, its figures (a
    goal's figure, baselines and outcome), and its paragraphs' printed Chinese (a statement's words). An edit of
    anything else (a title, an explainer, our English) leaves every goal as it was (validate.read_goals)."""
    return (report.id, report.date, report.place, report.figures,
            tuple((p.id, p.zh) for p in report.paragraphs()))


class GoalReader:
    """Reads targets.yaml against the reports already read; notes problems rather than raising."""

    def __init__(self, read: ReportsRead):
        self.reports_read = read  # a report that could not be read whole: its missing figures are not news
        self.readings: dict[str, tuple[str | None, Bi | None]] = {}  # goal id -> the editor's status and reason

    def read(self, f: Field) -> dict[str, tuple[Target, ...]]:
        """The goals of each report, in the order of the file."""
        f.mapping(("targets",))
        out: dict[str, list[Target]] = {rid: [] for rid in self.reports_read.reports}
        seen: dict[str, str] = {}
        for t in f["targets"].items():
            target = self.read_target(t, seen)
            if target is not None:
                out[target.report_id].append(target)
        return {rid: tuple(self.judge(t, ts) for t in ts) for rid, ts in out.items()}

    def judge(self, target: Target, goals: list[Target]) -> Target:
        """The goal with the ledger's verdict on its outcome: a goal whose level is another figure (in step with
        GDP growth) is judged against the outcome of that figure's goal, read from the whole file."""
        if target.outcome is None:
            return target
        override, reason = self.readings[target.id]
        follows = target.figure.relative.figure.id if target.figure.relative else None
        level = next((g.outcome.figure for g in goals if follows and g.figure.id == follows and g.outcome
                      and g.outcome.report_id == target.outcome.report_id), None)
        return replace(target, verdict=judged(target, target.outcome, override, reason, level))

    def read_target(self, t: Field, seen: dict[str, str]) -> Target | None:
        t.mapping(TARGET_KEYS, OPTIONAL_KEYS)
        tid = t["id"].ident()
        if tid in seen:
            t["id"].fail(f"a goal id used once (it is already used at {seen[tid]})", repr(tid))
            tid = None
        elif tid:
            seen[tid] = str(t["id"].mark)
        report = self.report_ref(t["report"])
        group = t["group"].choice(tuple(TARGET_GROUPS))
        figure = self.figure_ref(t["figure"], report)
        baselines = tuple(self.figure_ref(b, report) for b in t["baselines"].items()) if t.get("baselines") else ()
        direction = t["direction"].choice(DIRECTIONS) if t.get("direction") else figure.direction if figure else "up"
        growth = t["growth"].boolean() if t.get("growth") is not None else True
        no_baseline = t["no_baseline"].bi() if t.get("no_baseline") else None
        if no_baseline and baselines:
            t["no_baseline"].fail("either baselines or no_baseline (why the report gives none comparable), "
                                  "not both", "both")
        if None in (tid, report, group, figure, direction, growth) or None in baselines:
            return None
        if figure.relative and baselines:
            t["baselines"].fail(f"no baselines: the goal's level is {figure.relative.figure.id}'s outcome, not a "
                                "number to reach from them", ", ".join(b.id for b in baselines))
            return None
        for b, field in zip(baselines, t["baselines"].items() if t.get("baselines") else []):
            if b.unit.id != figure.unit.id:
                field.fail(f"a baseline in the goal's unit ({figure.unit.id})", f"{b.id} in {b.unit.id}")
        target = derive_target(Target(tid, report.id, group, figure, baselines, growth=growth, direction=direction,
                                      no_baseline=no_baseline))
        return self.with_outcome(t, target, report)

    def with_outcome(self, t: Field, target: Target, report: Report) -> Target | None:
        """The goal with what a later report says of it, and the ledger's verdict."""
        if not t.get("outcome"):
            for key in ("status", "reason"):
                if t.get(key):
                    t[key].fail("an outcome first: a status judges an outcome", "a status without an outcome")
            return target
        outcome = self.read_outcome(t["outcome"], report)
        override = t["status"].choice(STATUSES) if t.get("status") else None
        reason = t["reason"].bi() if t.get("reason") else None
        if override and reason is None:
            t["status"].fail("a written reason (reason: {zh: …, en: …}) for a status set by hand", repr(override))
            return None
        if reason is not None and override is None:
            t["reason"].fail("a status set by hand (status: …) that the reason explains", "a reason alone")
        if outcome is None or (t.get("status") and override is None):
            return None
        self.readings[target.id] = (override, reason)
        return replace(target, outcome=outcome)  # judged once every goal is read (judge)

    def read_outcome(self, f: Field, report: Report) -> Outcome | None:
        f.mapping(("report",), ("figure", "statement", "not_reported", "note"))
        later = self.report_ref(f["report"])
        if later is not None and later.date <= report.date:
            f["report"].fail(f"a report later than {report.id} (an outcome is what a later report says happened)",
                             repr(later.id))
            return None
        if later is not None and self.reports_read.places_agree and later.place.id != report.place.id:
            mine = [r.id for r in self.reports_read.reports.values()
                    if r.place.id == report.place.id and r.date > report.date]
            f["report"].fail(f"a later report of {place_name(report.place, 'en')}, the place of {report.id} "
                             f"({', '.join(mine) or 'none on the site yet'}): a goal is judged by its own place's "
                             "reports", f"{later.id!r}, a report of {place_name(later.place, 'en')}")
            return None
        note = f["note"].bi() if f.get("note") else None
        given = [key for key in ("figure", "statement", "not_reported") if f.get(key) is not None]
        if len(given) != 1:
            f.fail("exactly one of figure: <id>, statement: {paragraph, quote_zh, quote_en} or not_reported: true",
                   " and ".join(given) or "none of them")
            return None
        if given == ["not_reported"]:
            if f["not_reported"].boolean() is not True:
                f["not_reported"].fail("true (or another kind of outcome: figure, statement)", "false")
                return None
            return Outcome(later.id, None, note) if later else None
        if given == ["statement"]:
            statement = read_statement(f["statement"], later)
            return Outcome(later.id, None, note, statement) if later and statement else None
        figure = self.figure_ref(f["figure"], later)
        return Outcome(later.id, figure, note) if later and figure else None

    def report_ref(self, f: Field) -> Report | None:
        rid = self.reports_read.report_id(f)
        return self.reports_read.reports.get(rid) if rid else None

    def figure_ref(self, f: Field, report: Report | None) -> Figure | None:
        fid = f.text("the id of a figure")
        if report is None or fid is None:
            return None
        figure = report.index.figures.get(fid)
        if figure is None and report.id not in self.reports_read.incomplete:
            f.fail(f"the id of a figure of the report {report.id} (in {report.id}/sections/*.yaml)",
                   repr(fid) + did_you_mean(fid, report.index.figures, ID_LIKENESS))
        return figure


def read_statement(f: Field, later: Report | None) -> Statement | None:
    """A sentence of a later report, quoted word for word from one of its paragraphs (a goal done, said without
    a number; a plan period reviewed as a whole)."""
    f.mapping(("paragraph", "quote_zh", "quote_en"))
    pid = f["paragraph"].text("the id of a paragraph of the later report")
    quote_zh, quote_en = f["quote_zh"].text(), f["quote_en"].text()
    if later is None or None in (pid, quote_zh, quote_en):
        return None
    paragraph = later.index.paragraphs.get(pid)
    if paragraph is None:
        f["paragraph"].fail(f"the id of a paragraph of the report {later.id}", repr(pid))
        return None
    if quote_zh not in paragraph.plain_zh:
        f["quote_zh"].fail(f"words copied exactly from the paragraph {pid}", repr(quote_zh))
        return None
    return Statement(pid, quote_zh, quote_en)
