"""Numbers the build derives from figures: never typed by hand, never saying more than the report.

For a goal and the baseline the report gives:
- change: goal minus baseline (percentage points when both are rates);
- growth-needed: the compound annual growth from the baseline's year to the goal's;
- growth-achieved: the same between two baselines (history the report gives).

A goal's qualifier carries over: "more than 5,000" against 4,293 is a change of more than +707.
A baseline with such a qualifier ("over 13,000") leaves the change unknown: nothing is derived.
An aim "towards" or "approaching" a level is not a level: nothing is derived from it. A growth
rate of money amounts is nominal (current prices), and says so.
Nothing is derived between different kinds of period (one year's goal against an average a year
over five years; a change from an earlier period against a level; a run against one period), from a
place counted from the best (第3位, Ⅲ类) or a level set by another figure (in step with GDP growth),
nor from a floor set below its baseline ("more than 50,000" against 81,400) or a ceiling above it:
such a goal says what to stay above or below, not a change to make.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Derivation, Figure, Qualifier, Range, Target
from .vocab import SCALES

LOWER_BOUND = {"more-than", "over", "at-least", "exceeding", "breakthrough"}  # the goal is at least this
UPPER_BOUND = {"within", "no-more-than"}  # the goal is at most this
NEAR = {"around"}
AIMS = {"towards", "approaching", "bid"}  # a direction, not a level: no derived numbers


def measured(figure: Figure) -> bool:
    """A level the build may compute with: a number, not a level set by another figure (in step with GDP growth),
    not a place counted from the best (第3位, Ⅲ类以上), whose change is no growth."""
    return figure.relative is None and not figure.first_is_best


def absolute(figure: Figure) -> float | Range:
    """The figure's value in its plain unit (亿 and 万 multiplied out)."""
    factor = SCALES.get(figure.scale or "", 1)
    v = figure.value
    return Range(v.low * factor, v.high * factor) if isinstance(v, Range) else v * factor


def _apply(fn, a: float | Range, b: float | Range) -> float | Range:
    """fn over values that may be ranges (a range stays a range)."""
    if isinstance(a, Range) or isinstance(b, Range):
        alo, ahi = (a.low, a.high) if isinstance(a, Range) else (a, a)
        blo, bhi = (b.low, b.high) if isinstance(b, Range) else (b, b)
        lo, hi = fn(alo, blo), fn(ahi, bhi)
        return Range(min(lo, hi), max(lo, hi)) if lo != hi else lo
    return fn(a, b)


def compound_growth(start: float, end: float, years: int) -> float:
    """Compound annual growth rate, in percent, from start to end over years."""
    return ((end / start) ** (1 / years) - 1) * 100


def _positive(v: float | Range) -> bool:
    return (v.low > 0) if isinstance(v, Range) else v > 0


def bound_of(figure: Figure) -> Qualifier | None:
    """The goal's qualifier that bounds its value (more than, within, around …), if any."""
    return next((q for q in figure.qualifiers if q.id in LOWER_BOUND | UPPER_BOUND | NEAR), None)


def _holds_a_line(goal: Figure, base: Figure) -> bool:
    """A floor at or below the baseline, or a ceiling at or above it: a line to hold, not a change to make."""
    ids = {q.id for q in goal.qualifiers}
    want, was = absolute(goal), absolute(base)
    if isinstance(want, Range) or isinstance(was, Range):
        return False
    return bool(ids & LOWER_BOUND and want <= was or ids & UPPER_BOUND and want >= was)


def is_need(derivation: Derivation) -> bool:
    """What reaching a goal needs from its baseline: a level to add, or growth a year. A difference of two
    growth rates (this year's target against last year's growth) is a comparison, not a need."""
    return derivation.name == "growth-needed" or (derivation.name == "change" and derivation.unit != "pp")


def derive_target(target: Target) -> Target:
    """The target with its derivations filled in."""
    goal = target.figure
    if not target.baselines or {q.id for q in goal.qualifiers} & AIMS or goal.period is None or not measured(goal):
        return target
    base = target.baselines[-1]
    if base.period is None or bound_of(base) or base.average != goal.average or _holds_a_line(goal, base) \
            or not measured(base) or (base.since, base.each) != (goal.since, goal.each):
        return target
    years = goal.end_year - base.end_year
    bound = bound_of(goal)
    if goal.unit.is_rate:
        change = _apply(lambda g, b: g - b, goal.value, base.value)
        return replace(target, derived=(Derivation("change", change, "pp", base, goal, years, bound=bound),))
    derived = [Derivation("change", _apply(lambda g, b: g - b, absolute(goal), absolute(base)), goal.unit.id,
                          base, goal, years, bound=bound)]
    grows = target.growth and goal.unit.growth
    nominal = goal.unit.style == "currency"
    if grows and years > 0 and _positive(absolute(base)):
        rate = _apply(lambda g, b: compound_growth(b, g, years), absolute(goal), absolute(base))
        derived.append(Derivation("growth-needed", rate, "percent", base, goal, years, nominal, bound))
    if grows and len(target.baselines) > 1:
        first = target.baselines[-2]
        span = base.end_year - first.end_year
        if span > 0 and _positive(absolute(first)):
            rate = _apply(lambda b, a: compound_growth(a, b, span), absolute(base), absolute(first))
            derived.append(Derivation("growth-achieved", rate, "percent", first, base, span, nominal))
    return replace(target, derived=tuple(derived))
