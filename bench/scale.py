"""Stages 5 and 6, scale: synthetic sites of growing size (one report N times the real one), then
sites of growing number of reports (R copies of the real report; the real data where it holds R).
Each site is built in a fresh process: wall time, peak RSS, pages and time per page, against the
first (1x, 1 report)."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .measure import (copy_project, count_pages, log, measured_run, new_file_cost_us, plural, set_aside, stats,
                      tail)
from .synthetic import Made, make_synthetic

FIRST_LIMIT_S = 900.0  # the smallest build, before there is a time to scale from
LIMIT_FLOOR_S = 30.0


@dataclass(frozen=True)
class Dimension:
    """What grows: its name in results.json and on screen, and how to make the data of one step."""

    key: str  # "sizes" or "sites"
    label: Callable[[int], str]  # 100 -> "100x", 26 -> "26 reports"
    make: Callable[[int, Path], Made]  # step, folder for synthetic data -> the data to build


@dataclass
class Builds:
    """The runs of one step: wall times and peak RSS of the builds that finished, the pages
    written, and why the runs stopped early (empty when they did not)."""

    walls: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    pages: int | None = None
    no_change_s: float | None = None  # the same build once more, nothing changed (the last run's dist/)
    failure: dict = field(default_factory=dict)


def time_limit(step: int, base_s: float | None, slack: float, cap: float | None) -> float:
    """How long one build of this step may run: slack x step x t(1), at least the floor, at most cap."""
    limit = FIRST_LIMIT_S if base_s is None else max(LIMIT_FLOOR_S, slack * step * base_s)
    return min(limit, cap) if cap else limit


def run_builds(site: Path, data: Path, tmp: Path, tag: str, runs: int, limit: float) -> Builds:
    """Build the data folder runs times, each in a fresh helper; stop at the first failure."""
    builds = Builds()
    for i in range(runs):
        dist = tmp / f"scale-dist-{tag}-{i}"
        cmd = [sys.executable, "build.py", "--root", str(site), "--data", str(data), "--content", str(site / "content"),
               "--dist", str(dist)]  # a made-up data folder has no prose pages beside it: the copy's are used
        r = measured_run(cmd, site, limit)
        if r["rc"] is None:
            builds.failure.update(timed_out=True, killed_after_s=r["wall"], peak_rss_mb_at_kill=r["maxrss_kb"] / 1024,
                                  error=f"killed after {r['wall']:.0f} s (limit {limit:.0f} s)")
        elif r["rc"] != 0:
            builds.failure["error"] = f"exit {r['rc']}: {tail(r['stderr'] or r['stdout'])}"
        else:
            builds.walls.append(r["wall"])
            builds.rss.append(r["maxrss_kb"] / 1024)
            builds.pages = count_pages(dist)
            if i == runs - 1:
                again = measured_run(cmd, site, limit)
                builds.no_change_s = again["wall"] if again["rc"] == 0 else None
        set_aside(dist)
        if "error" in builds.failure:
            break
    return builds


def measure_step(site: Path, tmp: Path, dim: Dimension, step: int, runs: int, limit: float) -> dict:
    """Make the data of one step, build it and measure: its entry in the results."""
    start = time.perf_counter()
    made = dim.make(step, tmp / f"synthetic-{dim.key}-{step}")
    generated = time.perf_counter() - start
    c = made.counts
    log(f"{dim.label(step)} ({made.source}): {plural(c['reports'], 'report')}, {c['sections']} sections, "
        f"{c['paragraphs']} paragraphs, {c['figures']} figures, made in {generated:.1f} s; "
        f"building x{runs} (limit {limit:.0f} s each)")
    new_file_us = new_file_cost_us(tmp / f"new-file-probe-{dim.key}-{step}")  # the file system, as the builds find it
    builds = run_builds(site, made.data, tmp, f"{dim.key}-{step}", runs, limit)
    if made.source == "synthetic":
        set_aside(made.data)
    entry = {"data": made.source, "report_ids": list(made.report_ids), **c, "generate_s": generated,
             "time_limit_s": limit,
             "seconds": stats(builds.walls), "peak_rss_mb": stats(builds.rss), "pages": builds.pages,
             "no_change_s": builds.no_change_s, "new_file_us": new_file_us, **builds.failure}
    if builds.walls and builds.pages:
        entry["ms_per_page"] = 1000 * statistics.median(builds.walls) / builds.pages
    return entry


def compare_to_base(entry: dict, base: dict | None) -> None:
    """The time against step 1's (a lower bound for a build that was stopped)."""
    if not base:
        return
    base_s = base["seconds"]["median"]
    if entry.get("seconds"):
        entry["time_vs_base"] = entry["seconds"]["median"] / base_s
    elif entry.get("timed_out"):
        entry["time_vs_base_at_least"] = entry["killed_after_s"] / base_s


def expected_pages(entries: dict[int, dict]) -> None:
    """For a build that did not finish: the pages it should have written, from the two smallest
    finished steps (pages grow linearly with the copies of the sections, or with the reports)."""
    done = sorted(step for step, e in entries.items() if e.get("pages"))
    if len(done) < 2:
        return
    (a, b), (pa, pb) = done[:2], (entries[done[0]]["pages"], entries[done[1]]["pages"])
    for step, e in entries.items():
        if not e.get("pages"):
            e["expected_pages"] = round(pa + (step - a) * (pb - pa) / (b - a))


def growth(entries: dict[int, dict], dim: Dimension) -> dict:
    """Whether the largest step grew no worse than linearly, in words; {} when not measured."""
    top = max(entries)
    if top <= 1:
        return {}
    big, base, top_name = entries[top], dim.label(1), dim.label(top)
    if "time_vs_base" in big:
        ratio = big["time_vs_base"]
        return {"linear": ratio < top,
                "growth": f"{top_name} took {ratio:.1f}x the {base} time "
                          f"({'no worse than linear' if ratio < top else 'super-linear'})"}
    if "time_vs_base_at_least" in big:
        at_least = big["time_vs_base_at_least"]
        return {"linear": False if at_least >= top else None,
                "growth": (f"{top_name} was stopped after {big['killed_after_s']:.0f} s, at least "
                           f"{at_least:.0f}x the {base} time: "
                           + ("super-linear" if at_least >= top else "not determined (limit too low)"))}
    return {}


def measure_dimension(site: Path, tmp: Path, dim: Dimension, steps: list[int], runs_for: dict[int, int],
                      cap: float | None, slack: float) -> dict:
    """Every step in increasing order; above 1, each build is limited to slack x step x t(1) seconds (and cap)."""
    entries: dict[int, dict] = {}
    base = None  # the 1x (1-report) entry, once one of its builds has finished
    for step in sorted(steps):
        limit = time_limit(step, base["seconds"]["median"] if base else None, slack, cap)
        entry = measure_step(site, tmp, dim, step, runs_for[step], limit)
        if step == 1 and entry.get("seconds"):
            base = entry
        compare_to_base(entry, base)
        entries[step] = entry
    expected_pages(entries)
    return {"time_limit_rule": f"min({slack} x step x median(step 1), {cap or 'no cap'}) s per build above 1",
            dim.key: {str(step): e for step, e in entries.items()}, **growth(entries, dim)}


def site_copy(root: Path, tmp: Path) -> Path:
    """One copy of the project for both scale stages: built with --root COPY --data SYNTHETIC --content COPY/content;
    built once first, untimed, as the project itself has been: a copy's first build compiles the package and the
    templates into it, which every later build reads back (a 1-report build took 1.18 s, then 0.75 and 0.70 s), so
    that the first build timed, the 1-report one the others are compared with, would pay for all of them."""
    site = tmp / "scale-site"
    if not site.exists():
        copy_project(root, site)
        warm_up = tmp / "scale-warm-up"
        measured_run([sys.executable, "build.py", "--root", str(site), "--dist", str(warm_up)], site, FIRST_LIMIT_S)
        set_aside(warm_up)
    return site


def bench_scale(root: Path, tmp: Path, sizes: list[int], runs_for: dict[int, int], cap: float | None,
                slack: float) -> dict:
    """Build one synthetic report of growing size, each run in a fresh helper process.

    A size above 1x may run for at most slack * size * t(1x) seconds (and at most cap):
    a build killed then has already missed the "under size x the 1x time" goal, and
    its elapsed time is a lower bound; this keeps the whole bench within minutes.
    """
    site = site_copy(root, tmp)
    dim = Dimension("sizes", lambda n: f"{n}x", lambda n, out: make_synthetic(site / "data", out, factor=n))
    return {"command": "python build.py --root COPY --data SYNTHETIC --content COPY/content --dist TMP",
            **measure_dimension(site, tmp, dim, sizes, runs_for, cap, slack)}


def real_site(data: Path) -> Made:
    """The real data folder, counted by the package's own reading of it."""
    from reportsite.site import Project, read_site  # here, so a broken package fails this stage only

    site = read_site(Project.at(data.parent, data=data))
    counts = {"reports": len(site.reports), "sections": sum(len(r.sections) for r in site.reports),
              "paragraphs": sum(len(r.paragraphs()) for r in site.reports),
              "figures": sum(len(r.figures) for r in site.reports), "targets": len(site.targets)}
    return Made(data, tuple(r.id for r in site.reports), counts, source="real")


def bench_reports(root: Path, tmp: Path, counts: list[int], runs_for: dict[int, int], cap: float | None,
                  slack: float) -> dict:
    """Build sites of 1, 2 … R reports, each in a fresh helper process: the real data folder for
    the number of reports it holds, synthetic copies of its report for any other number. Time
    limits as bench_scale, against the 1-report build."""
    site = site_copy(root, tmp)
    real_count = len(yaml.safe_load((site / "data" / "site.yaml").read_text(encoding="utf-8"))["reports"])

    def make(n: int, out: Path) -> Made:
        return real_site(site / "data") if n == real_count else make_synthetic(site / "data", out, reports=n)

    dim = Dimension("sites", lambda n: plural(n, "report"), make)
    return {"command": "python build.py --root COPY --data DATA --content COPY/content --dist TMP",
            "real_reports": real_count,
            **measure_dimension(site, tmp, dim, counts, runs_for, cap, slack)}
