"""The promise ledger: what became of each goal, decided by a written rule and shown with its reasoning.

A goal's outcome is a figure of a later report, a sentence of it that says in words that the goal
was done, or "not reported". The rules below are applied in order; the first that fits decides.
An editor may read the outcome otherwise only by writing a reason (targets.yaml: status + reason);
every page, download and handout then shows both readings, the rule's and the editor's.
"""

from __future__ import annotations

import math

from .derive import AIMS, LOWER_BOUND, NEAR, UPPER_BOUND, absolute
from .l10n import N_
from .model import Figure, Outcome, Range, Target, Verdict

STATUSES = ("met", "reported_done", "partly", "missed", "in_progress", "not_comparable", "not_reported")
STATUS_LABELS = {  # UI strings
    "met": N_("met"), "reported_done": N_("reported done"), "partly": N_("partly met"), "missed": N_("missed"),
    "in_progress": N_("in progress"), "not_comparable": N_("not comparable"), "not_reported": N_("not reported"),
}
NEAR_TOLERANCE = 0.05  # "around X" is met within 5% of X

# rule id -> what it says, in the order the rules are tried (UI strings: the ledger page prints the table)
RULES = {
    "not-reported": N_("The later report says nothing of it, in figures or in words: not reported."),
    "statement": N_("The later report says in words, without a number, that it was done: reported done (the "
                    "report's own claim, counted apart from goals met by a number)."),
    "other-unit": N_("The outcome is measured in another unit than the goal: not comparable."),
    "other-measure": N_("Both are counts, of things counted with another measure word (places against "
                        "kindergartens, homes against projects): not comparable."),
    "part-of-period": N_("The outcome covers only part of the goal's period (some months, a half-year): "
                         "not comparable."),
    "before-due": N_("The goal is due after the outcome's period: in progress (the outcome shows progress, "
                     "it is not a verdict)."),
    "other-period": N_("The outcome is for another period than the goal's: not comparable."),
    "aim": N_("The goal is an aim towards a level (towards, approaching, a push for), not a level: not comparable."),
    "outcome-bound": N_("The report gives the outcome only as a bound or a range (more than X, within X, X–Y) "
                        "that lies on both sides of what the goal needs: not comparable. An outcome printed as "
                        "\u201caround X\u201d counts as X."),
    "ceiling": N_("A ceiling (within, no more than, or a goal to hold a number down): met when the outcome "
                  "is at or below it (around a ceiling: up to 5% above), missed when above."),
    "range": N_("A range to reach: met when the outcome reaches its upper end, partly met when it reaches "
                "only its lower end, missed below that."),
    "level": N_("A level to reach (more than, at least, or a plain number): met when the outcome reaches "
                "it, an outcome exactly at the level included (around a level: within 5% below), missed "
                "when below."),
}

# rule id -> its short name, where a reading names the rule it followed (UI strings)
RULE_NAMES = {
    "not-reported": N_("nothing reported"), "statement": N_("said in words"), "other-unit": N_("another unit"),
    "other-measure": N_("another measure"), "part-of-period": N_("part of the period"),
    "before-due": N_("not yet due"), "other-period": N_("another period"), "aim": N_("an aim, not a level"),
    "outcome-bound": N_("an outcome given only as a bound"), "ceiling": N_("a ceiling"),
    "range": N_("a range to reach"), "level": N_("a level to reach"),
}
SAID_BY_STATUS = {"not-reported", "statement"}  # rules whose status names them: a reading need not repeat them
STATUS_ICONS = {  # shown beside the word, never instead of it (and hidden from screen readers)
    "met": "✓", "reported_done": "✓", "partly": "◐", "missed": "✗", "in_progress": "→",
    "not_comparable": "≠", "not_reported": "–",
}


def verdict(target: Target, outcome: Outcome) -> tuple[str, str]:
    """(status, rule id) for a goal and what the later report says."""
    goal, result = target.figure, outcome.figure
    if result is None and outcome.statement is None:
        return "not_reported", "not-reported"
    if outcome.statement is not None:
        return "reported_done", "statement"
    if result.unit.id != goal.unit.id:
        return "not_comparable", "other-unit"
    if goal.unit.style == "count" and (goal.measure_zh or "") != (result.measure_zh or ""):
        return "not_comparable", "other-measure"
    timing = _timing(goal, result)
    if timing:
        return timing
    if {q.id for q in goal.qualifiers} & AIMS:
        return "not_comparable", "aim"
    status, rule = _compare(target, goal, result)
    return (status, rule) if status else ("not_comparable", "outcome-bound")


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


def outcome_bounds(result: Figure) -> tuple[float, float]:
    """The least and the most the outcome may be, as printed: "more than X" is at least X, "within X"
    at most X; "around X" counts as X, the number the report gives."""
    got = absolute(result)
    low, high = (got.low, got.high) if isinstance(got, Range) else (got, got)
    ids = {q.id for q in result.qualifiers}
    if ids & LOWER_BOUND:
        high = math.inf
    if ids & UPPER_BOUND:
        low = -math.inf
    return low, high


def _compare(target: Target, goal: Figure, result: Figure) -> tuple[str | None, str]:
    """(status, rule) by the goal's kind of test; status None where the outcome's bound does not settle it."""
    ids = {q.id for q in goal.qualifiers}
    near = bool(ids & NEAR)
    want = absolute(goal)
    got_low, got_high = outcome_bounds(result)
    if target.direction == "down" or ids & UPPER_BOUND:
        ceiling = want.high if isinstance(want, Range) else want
        limit = ceiling * (1 + NEAR_TOLERANCE) if near else ceiling
        return _settled(got_high <= limit, got_low > limit, "met", "missed"), "ceiling"
    if isinstance(want, Range):
        if got_low >= want.high:
            return "met", "range"
        if got_low >= want.low:
            return ("partly" if got_high < want.high else None), "range"
        return ("missed" if got_high < want.low else None), "range"
    floor = want * (1 - NEAR_TOLERANCE) if near and not ids & LOWER_BOUND else want
    return _settled(got_low >= floor, got_high < floor, "met", "missed"), "level"


def _settled(yes: bool, no: bool, if_yes: str, if_no: str) -> str | None:
    return if_yes if yes else if_no if no else None


def judged(target: Target, outcome: Outcome, override: str | None, reason) -> Verdict:
    """The rule's verdict, and the editor's status with its reason where one is written."""
    status, rule = verdict(target, outcome)
    return Verdict(override or status, rule, status, reason)
