"""Numbers the build derives from figures: never typed by hand.

For a goal and the baseline the report gives:
- change: goal minus baseline (percentage points when both are rates);
- growth-needed: the compound annual growth from the baseline's year to the goal's;
- growth-achieved: the same between two baselines (history the report gives).
"""

from __future__ import annotations

from dataclasses import replace

from .model import Derivation, Figure, Range, Target
from .vocab import SCALES

NO_GROWTH_UNITS = {"percent", "rank", "index", "times"}


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


def derive_target(target: Target) -> Target:
    """The target with its derivations filled in."""
    if not target.baselines:
        return target
    goal, base = target.figure, target.baselines[-1]
    derived = []
    years = goal.end_year - base.end_year
    if goal.unit == "percent":
        derived.append(Derivation("change", _apply(lambda g, b: g - b, goal.value, base.value), "pp", base, goal, years))
    else:
        change = _apply(lambda g, b: g - b, absolute(goal), absolute(base))
        derived.append(Derivation("change", change, goal.unit, base, goal, years))
        grows = target.growth and goal.unit not in NO_GROWTH_UNITS
        if grows and years > 0 and _positive(absolute(base)):
            rate = _apply(lambda g, b: compound_growth(b, g, years), absolute(goal), absolute(base))
            derived.append(Derivation("growth-needed", rate, "percent", base, goal, years))
        if grows and len(target.baselines) > 1:
            first = target.baselines[-2]
            span = base.end_year - first.end_year
            if span > 0 and _positive(absolute(first)):
                rate = _apply(lambda b, a: compound_growth(a, b, span), absolute(base), absolute(first))
                derived.append(Derivation("growth-achieved", rate, "percent", first, base, span))
    return replace(target, derived=tuple(derived))
