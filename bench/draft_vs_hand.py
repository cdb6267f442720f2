"""`python3 -m bench.draft_vs_hand`: how many of the hand-made figures `build.py draft` proposes.

For each report of data/ with an official copy (data/<id>/official.zh.md, or <id>*.official.zh.md in
the folder given by --sources), the report is drafted into a temporary folder and each hand-made
figure is looked for among the figures drafted for the same paragraph: one drafted figure answers at
most one hand-made figure. It prints the share of hand-made figures proposed with the same value, unit
and qualifiers (the goal: at least 90 %), and with the same period as well (at least 80 %).
--misses lists the hand-made figures not proposed so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .measure import ROOT

GOALS = {"value, unit and qualifiers": 90, "and period": 80}


@dataclass(frozen=True)
class Fig:
    """A figure as compared: the paragraph it quotes, and what the draft must get right."""

    paragraph: str  # the paragraph's Chinese: the same line in the hand-made and the drafted folder
    quote: str
    value: tuple[float, float]
    unit: str
    qualifiers: frozenset[str]
    period: str | None

    @property
    def key(self) -> tuple:
        return self.paragraph, self.value, self.unit, self.qualifiers


def figures_of(folder: Path) -> list[Fig]:
    """Every figure of a report folder, read from its section files."""
    out = []
    for path in sorted((folder / "sections").glob("*.yaml")):
        section = yaml.safe_load(path.read_text(encoding="utf-8"))
        paragraphs = {p["id"]: p["zh"] for p in section["paragraphs"]}
        if section.get("heading"):
            paragraphs[section["heading"]["id"]] = section["heading"]["zh"]
        for f in section.get("figures") or []:
            value = f["value"]
            low, high = (value["low"], value["high"]) if isinstance(value, dict) else (value, value)
            qualifiers = f.get("qualifier") or []
            out.append(Fig(paragraphs[f["paragraph"]], f["quote_zh"], (float(low), float(high)), f["unit"],
                           frozenset([qualifiers] if isinstance(qualifiers, str) else qualifiers),
                           None if f.get("period") is None else str(f["period"])))
    return out


def compare(hand: list[Fig], drafted: list[Fig]) -> tuple[list[Fig], list[Fig], list[Fig]]:
    """(hand-made figures proposed with the same value, unit and qualifiers; those with the same period too;
    those not proposed). A drafted figure with the same period is taken first."""
    free = list(drafted)
    same, with_period, missed = [], [], []
    for fig in hand:
        candidates = [d for d in free if d.key == fig.key]
        if not candidates:
            missed.append(fig)
            continue
        best = next((d for d in candidates if d.period == fig.period), candidates[0])
        free.remove(best)
        same.append(fig)
        if best.period == fig.period:
            with_period.append(fig)
    return same, with_period, missed


def official_copy(report_id: str, data: Path, sources: Path | None) -> Path | None:
    own = data / report_id / "official.zh.md"
    if own.exists():
        return own
    found = sorted(sources.glob(f"{report_id}*.official.zh.md")) if sources else []
    return found[0] if found else None


def percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f} %" if total else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench.draft_vs_hand", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the site with hand-made figures")
    parser.add_argument("--sources", type=Path, help="a folder of official copies, <report-id>*.official.zh.md "
                                                     "(for reports whose folder has no official.zh.md)")
    parser.add_argument("--misses", action="store_true", help="list the hand-made figures not proposed")
    args = parser.parse_args(argv)
    from reportsite.draft import draft_report

    site = yaml.safe_load((args.data / "site.yaml").read_text(encoding="utf-8"))
    rows, totals = [], [0, 0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for report_id in site["reports"]:
            source = official_copy(report_id, args.data, args.sources)
            if source is None:
                print(f"{report_id}: no official copy (data/{report_id}/official.zh.md or --sources); left out")
                continue
            draft_report(source, report_id, Path(tmp), ROOT)
            hand, drafted = figures_of(args.data / report_id), figures_of(Path(tmp) / report_id)
            same, with_period, missed = compare(hand, drafted)
            row = [len(hand), len(drafted), len(same), len(with_period), len(drafted) - len(same)]
            totals = [a + b for a, b in zip(totals, row)]
            rows.append((report_id, row))
            if args.misses:
                for fig in missed:
                    print(f"  {report_id} missed: {fig.quote} | {fig.value} {fig.unit} {sorted(fig.qualifiers)}")
                wrong = [f for f in same if f not in with_period]
                for fig in wrong:
                    print(f"  {report_id} period: {fig.quote} | hand {fig.period}")
    print("| report | hand-made figures | drafted figures | same value, unit, qualifiers | and period | "
          "drafted, not hand-made |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for report_id, (hand_n, drafted_n, same_n, period_n, extra) in rows + [("all", totals)]:
        print(f"| {report_id} | {hand_n} | {drafted_n} | {same_n} ({percent(same_n, hand_n)}) | "
              f"{period_n} ({percent(period_n, hand_n)}) | {extra} |")
    print(f"goals: at least {GOALS['value, unit and qualifiers']} % with the same value, unit and qualifiers; "
          f"at least {GOALS['and period']} % with the same period as well")
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
