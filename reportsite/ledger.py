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
from .model import EACH_MONTHS, Figure, Outcome, Range, Target, Verdict

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
                    "report's own claim, counted apart from goals met by a number). A vague quantity (tens of "
                    "thousands, double-digit growth) is words, not a number."),
    "other-unit": N_("The outcome is measured in another unit than the goal: not comparable. A place in a "
                     "ranking and a top N are one measure (the top 50 is a place from 1 to 50), and so are "
                     "\u201cN times\u201d and \u201cup N times\u201d (up 3.5 times is 4.5 times)."),
    "other-measure": N_("Both are counts, of things counted with another measure word (places against "
                        "kindergartens, homes against projects): not comparable."),
    "other-base": N_("One is a change or a multiple counted from an earlier year, the other is not, or they "
                     "count from different years (up 17 days on the year before against a level of 300 days): "
                     "not comparable."),
    "part-of-period": N_("The outcome covers only part of the goal's period (some months, a half-year): "
                         "not comparable."),
    "before-due": N_("The goal is due after the outcome's period: in progress (the outcome shows progress, "
                     "it is not a verdict)."),
    "other-period": N_("The outcome is for another period than the goal's: not comparable. An outcome held "
                       "in each year (quarter, month) of a run, \u201cfor two years running\u201d, is the "
                       "outcome of each of those periods."),
    "aim": N_("The goal is an aim towards a level (towards, approaching, a push for), not a level: not comparable."),
    "no-level": N_("The goal's level is another goal's outcome (in step with economic growth, above it), and "
                   "the later report gives none of that goal in the same unit and period: not comparable."),
    "outcome-bound": N_("The report gives the outcome only as a bound or a range (more than X, within X, X–Y) "
                        "that lies on both sides of what the goal needs: not comparable. An outcome printed as "
                        "\u201caround X\u201d counts as X."),
    "relative": N_("A level set by another goal's outcome: in step with it, met when the outcome is at least "
                   "95% of it; above it, met when higher; below it, met when lower; missed otherwise."),
    "ceiling": N_("A ceiling (within, no more than, or a goal to hold a number down): met when the outcome "
                  "is at or below it (around a ceiling: up to 5% above), missed when above. A place in a "
                  "ranking or a grade whose first is the best (No. 3, the top 50, Grade III or better) is a "
                  "ceiling on the place."),
    "range": N_("A range to reach: met when the outcome reaches its upper end, partly met when it reaches "
                "only its lower end, missed below that."),
    "level": N_("A level to reach (more than, at least, or a plain number): met when the outcome reaches "
                "it, an outcome exactly at the level included (around a level: within 5% below), missed "
                "when below."),
}

# rule id -> its short name, where a reading names the rule it followed (UI strings)
RULE_NAMES = {
    "not-reported": N_("nothing reported"), "statement": N_("said in words"), "other-unit": N_("another unit"),
    "other-measure": N_("another measure"), "other-base": N_("counted from another year"),
    "part-of-period": N_("part of the period"), "before-due": N_("not yet due"),
    "other-period": N_("another period"), "aim": N_("an aim, not a level"),
    "no-level": N_("no outcome of the goal it follows"), "outcome-bound": N_("an outcome given only as a bound"),
    "relative": N_("a level set by another goal"), "ceiling": N_("a ceiling"), "range": N_("a range to reach"),
    "level": N_("a level to reach"),
}
SAID_BY_STATUS = {"not-reported", "statement"}  # rules whose status names them: a reading need not repeat them
STATUS_ICONS = {  # shown beside the word, never instead of it (and hidden from screen readers)
    "met": "✓", "reported_done": "✓", "partly": "◐", "missed": "✗", "in_progress": "→",
    "not_comparable": "≠", "not_reported": "–",
}
RANKINGS = ("rank", "top")  # unit styles of one measure: a place in a ranking
MULTIPLES = {"multiple": 0, "multiple-increase": 1}  # unit style -> what to add to read it as "N times as many"


def verdict(target: Target, outcome: Outcome, level: Figure | None = None) -> tuple[str, str]:
    """(status, rule id) for a goal and what the later report says. level: for a goal whose level is another
    figure (in step with GDP growth), the outcome of the goal of that figure, where the later report gives one."""
    goal, result = target.figure, outcome.figure
    if result is None and outcome.statement is None:
        return "not_reported", "not-reported"
    if outcome.statement is not None:
        return "reported_done", "statement"
    if not _one_measure(goal, result):
        return "not_comparable", "other-unit"
    if goal.unit.style == "count" and (goal.measure_zh or "") != (result.measure_zh or ""):
        return "not_comparable", "other-measure"
    if goal.since != result.since:
        return "not_comparable", "other-base"
    timing = _timing(goal, result)
    if timing:
        return timing
    if {q.id for q in goal.qualifiers} & AIMS:
        return "not_comparable", "aim"
    if goal.relative:
        if level is None or not _one_measure(goal, level) or _timing(result, level) or level.since != result.since:
            return "not_comparable", "no-level"
        status = _relative(goal.relative.relation, outcome_bounds(result), outcome_bounds(level))
        return (status, "relative") if status else ("not_comparable", "outcome-bound")
    status, rule = _compare(target, goal, result)
    return (status, rule) if status else ("not_comparable", "outcome-bound")


def _one_measure(goal: Figure, result: Figure) -> bool:
    """The same unit, or two units of one measure: a place and a top N, N times and up N times."""
    styles = {goal.unit.style, result.unit.style}
    return goal.unit.id == result.unit.id or styles <= set(RANKINGS) or styles <= set(MULTIPLES)


def _timing(goal: Figure, result: Figure) -> tuple[str, str] | None:
    if goal.months is None or result.months is None:
        return "not_comparable", "other-period"
    (g0, g1), (r0, r1) = goal.months, result.months
    if (r0, r1) == (g0, g1) and goal.each == result.each or _in_run(goal, result):
        return None
    if goal.each != result.each:  # held in each quarter against one reading for the year
        return "not_comparable", "other-period"
    if g0 <= r0 and r1 <= g1 and r1 - r0 + 1 < 12:
        return "not_comparable", "part-of-period"
    if r1 < g1:
        return "in_progress", "before-due"
    return "not_comparable", "other-period"


def _in_run(goal: Figure, result: Figure) -> bool:
    """The outcome held in each year (quarter …) of a run that covers the goal's period, which is one of those
    years, or a run of them itself (连续两年突破千亿元 is an outcome of a goal for either year)."""
    if result.each is None:
        return False
    (g0, g1), (r0, r1) = goal.months, result.months
    size = EACH_MONTHS[result.each]
    one_of_them = goal.each is None and g1 - g0 + 1 == size and (g0 - r0) % size == 0
    return r0 <= g0 and g1 <= r1 and (one_of_them or goal.each == result.each)


def _level(figure: Figure) -> float | Range:
    """The value on the measure goals and outcomes share: plain units (亿 and 万 multiplied out), and a
    multiple as "N times as many" (up 3.5 times is 4.5 times)."""
    value, extra = absolute(figure), MULTIPLES.get(figure.unit.style, 0)
    if isinstance(value, Range):
        return Range(value.low + extra, value.high + extra)
    return value + extra


def outcome_bounds(result: Figure) -> tuple[float, float]:
    """The least and the most the outcome may be, as printed: "more than X" is at least X, "within X"
    at most X; "around X" counts as X, the number the report gives. A place whose first is the best is
    bounded from the first: the top 50 and "Grade III or better" are at most 50 and III."""
    got = _level(result)
    low, high = (got.low, got.high) if isinstance(got, Range) else (got, got)
    ids = {q.id for q in result.qualifiers}
    if result.first_is_best:
        return (1 if ids & (LOWER_BOUND | UPPER_BOUND) or result.unit.style == "top" else low), high
    if ids & LOWER_BOUND:
        high = math.inf
    if ids & UPPER_BOUND:
        low = -math.inf
    return low, high


def _relative(relation: str, got: tuple[float, float], level: tuple[float, float]) -> str | None:
    """met, missed, or None where the bounds do not settle it, for an outcome against the level it follows."""
    (got_low, got_high), (low, high) = got, level
    if relation == "in-step":
        return _settled(got_low >= high * (1 - NEAR_TOLERANCE), got_high < low * (1 - NEAR_TOLERANCE), "met", "missed")
    if relation == "above":
        return _settled(got_low > high, got_high <= low, "met", "missed")
    return _settled(got_high < low, got_low >= high, "met", "missed")


def _compare(target: Target, goal: Figure, result: Figure) -> tuple[str | None, str]:
    """(status, rule) by the goal's kind of test; status None where the outcome's bound does not settle it."""
    ids = {q.id for q in goal.qualifiers}
    near = bool(ids & NEAR)
    want = _level(goal)
    got_low, got_high = outcome_bounds(result)
    if target.direction == "down" or ids & UPPER_BOUND or goal.first_is_best:
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


def judged(target: Target, outcome: Outcome, override: str | None, reason, level: Figure | None = None) -> Verdict:
    """The rule's verdict, and the editor's status with its reason where one is written."""
    status, rule = verdict(target, outcome, level)
    return Verdict(override or status, rule, status, reason)
