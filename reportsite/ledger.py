"""The promise ledger: what became of each goal, decided by a written rule and shown with its reasoning.

A goal's outcome is a figure of a later report, or "not reported". The rules below are applied
in order; the first that fits decides. An editor may replace the status with another only by
writing a reason (targets.yaml: status + reason), and the page shows both.
"""

from __future__ import annotations

from .derive import LOWER_BOUND, NEAR, UPPER_BOUND, absolute
from .l10n import N_
from .model import Figure, Outcome, Range, Target, Verdict

STATUSES = ("met", "partly", "missed", "in_progress", "not_comparable", "not_reported")
STATUS_LABELS = {  # UI strings
    "met": N_("met"), "partly": N_("partly met"), "missed": N_("missed"), "in_progress": N_("in progress"),
    "not_comparable": N_("not comparable"), "not_reported": N_("not reported"),
}
AIMS = {"towards", "approaching", "bid"}
NEAR_TOLERANCE = 0.05  # "around X" is met within 5% of X

# rule id -> what it says, in the order the rules are tried (UI strings: the ledger page prints the table)
RULES = {
    "not-reported": N_("The later report gives no figure for it: not reported."),
    "other-unit": N_("The outcome is measured in another unit than the goal: not comparable."),
    "part-of-period": N_("The outcome covers only part of the goal's period (some months, a half-year): "
                         "not comparable."),
    "before-due": N_("The goal is due after the outcome's period: in progress (the outcome shows progress, "
                     "it is not a verdict)."),
    "other-period": N_("The outcome is for another period than the goal's: not comparable."),
    "aim": N_("The goal is an aim towards a level (towards, approaching, a push for), not a level: not comparable."),
    "ceiling": N_("A ceiling (within, no more than, or a goal to hold a number down): met when the outcome "
                  "is at or below it (around a ceiling: up to 5% above), missed when above."),
    "range": N_("A range to reach: met when the outcome reaches its upper end, partly met when it reaches "
                "only its lower end, missed below that."),
    "level": N_("A level to reach (more than, at least, or a plain number): met when the outcome reaches "
                "it (around a level: within 5% below), missed when below."),
}


def verdict(target: Target, outcome: Outcome) -> tuple[str, str]:
    """(status, rule id) for a goal and what the later report says."""
    goal, result = target.figure, outcome.figure
    if result is None:
        return "not_reported", "not-reported"
    if result.unit.id != goal.unit.id:
        return "not_comparable", "other-unit"
    timing = _timing(goal, result)
    if timing:
        return timing
    if {q.id for q in goal.qualifiers} & AIMS:
        return "not_comparable", "aim"
    return _compare(target, goal, result)


def _timing(goal: Figure, result: Figure) -> tuple[str, str] | None:
    if goal.months is None or result.months is None:
        return "not_comparable", "other-period"
    (g0, g1), (r0, r1) = goal.months, result.months
    if (r0, r1) == (g0, g1):
        return None
    if g0 <= r0 and r1 <= g1 and r1 - r0 + 1 < 12:
        return "not_comparable", "part-of-period"
    if r1 < g1:
        return "in_progress", "before-due"
    return "not_comparable", "other-period"


def _compare(target: Target, goal: Figure, result: Figure) -> tuple[str, str]:
    ids = {q.id for q in goal.qualifiers}
    near = bool(ids & NEAR)
    want, got = absolute(goal), absolute(result)
    got_low, got_high = (got.low, got.high) if isinstance(got, Range) else (got, got)
    if target.direction == "down" or ids & UPPER_BOUND:
        ceiling = want.high if isinstance(want, Range) else want
        limit = ceiling * (1 + NEAR_TOLERANCE) if near else ceiling
        return ("met" if got_high <= limit else "missed"), "ceiling"
    if isinstance(want, Range):
        if got_low >= want.high:
            return "met", "range"
        return ("partly" if got_low >= want.low else "missed"), "range"
    floor = want * (1 - NEAR_TOLERANCE) if near and not ids & LOWER_BOUND else want
    return ("met" if got_low >= floor else "missed"), "level"


def judged(target: Target, outcome: Outcome, override: str | None, reason) -> Verdict:
    """The verdict the rules give, or the editor's status with its reason."""
    status, rule = verdict(target, outcome)
    if override is None:
        return Verdict(status, rule, status)
    return Verdict(override, "override", status, reason)
