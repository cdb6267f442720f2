"""Stage 5, scale: synthetic reports of growing size, each built in a fresh process; wall
time, peak RSS, pages and time per page, against the 1x build."""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .measure import copy_project, count_pages, log, measured_run, stats, tail
from .synthetic import make_synthetic

FIRST_LIMIT_S = 900.0  # the 1x build, before there is a 1x time to scale from
LIMIT_FLOOR_S = 30.0


@dataclass
class Builds:
    """The runs of one size: wall times and peak RSS of the builds that finished, the pages
    written, and why the runs stopped early (empty when they did not)."""

    walls: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    pages: int | None = None
    failure: dict = field(default_factory=dict)


def time_limit(factor: int, base_s: float | None, slack: float, cap: float | None) -> float:
    """How long one build of this size may run: slack x size x t(1x), at least the floor, at most cap."""
    limit = FIRST_LIMIT_S if base_s is None else max(LIMIT_FLOOR_S, slack * factor * base_s)
    return min(limit, cap) if cap else limit


def synthesize(site: Path, data: Path, factor: int) -> tuple[dict, float]:
    """Write the synthetic data folder of this size; what it holds, and the seconds it took."""
    start = time.perf_counter()
    counts = make_synthetic(site / "data", data, factor)
    return counts, time.perf_counter() - start


def run_builds(site: Path, data: Path, tmp: Path, factor: int, runs: int, limit: float) -> Builds:
    """Build the synthetic report runs times, each in a fresh helper; stop at the first failure."""
    builds = Builds()
    for i in range(runs):
        dist = tmp / f"scale-dist-{factor}x-{i}"
        cmd = [sys.executable, "build.py", "--root", str(site), "--data", str(data), "--dist", str(dist)]
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
        shutil.rmtree(dist, ignore_errors=True)
        if "error" in builds.failure:
            break
    return builds


def compare_to_1x(entry: dict, walls: list[float], factor: int, base: dict | None) -> None:
    """Add the pages a build that did not finish should have written, and the time against 1x."""
    if not base:
        return
    if entry["pages"] is None and base.get("pages"):
        # only sections and figures repeat: 2 languages x (sections + figures) more pages per copy
        per_copy = 2 * (base["sections"] + base["figures"])
        entry["expected_pages"] = base["pages"] + (factor - 1) * per_copy
    base_s = base["seconds"]["median"]
    if walls:
        entry["time_vs_1x"] = statistics.median(walls) / base_s
    elif entry.get("timed_out"):
        entry["time_vs_1x_at_least"] = entry["killed_after_s"] / base_s


def measure_size(site: Path, tmp: Path, factor: int, runs: int, limit: float) -> tuple[dict, list[float]]:
    """Generate, build and measure one size: its entry in results["scale"]["sizes"], and the
    wall times of the builds that finished."""
    data = tmp / f"synthetic-{factor}x"
    counts, generated = synthesize(site, data, factor)
    log(f"scale {factor}x: {counts['sections']} sections, {counts['paragraphs']} paragraphs, "
        f"{counts['figures']} figures generated in {generated:.1f} s; building x{runs} "
        f"(limit {limit:.0f} s each)")
    builds = run_builds(site, data, tmp, factor, runs, limit)
    shutil.rmtree(data, ignore_errors=True)
    entry = {**counts, "generate_s": generated, "time_limit_s": limit, "seconds": stats(builds.walls),
             "peak_rss_mb": stats(builds.rss), "pages": builds.pages, **builds.failure}
    if builds.walls and builds.pages:
        entry["ms_per_page"] = 1000 * statistics.median(builds.walls) / builds.pages
    return entry, builds.walls


def growth(big: dict, top: int) -> dict:
    """Whether the largest size grew no worse than linearly, in words; {} when not measured."""
    if "time_vs_1x" in big:
        ratio = big["time_vs_1x"]
        return {"linear": ratio < top,
                "growth": f"{top}x took {ratio:.1f}x the 1x time "
                          f"({'no worse than linear' if ratio < top else 'super-linear'})"}
    if "time_vs_1x_at_least" in big:
        at_least = big["time_vs_1x_at_least"]
        return {"linear": False if at_least >= top else None,
                "growth": (f"{top}x was stopped after {big['killed_after_s']:.0f} s, at least "
                           f"{at_least:.0f}x the 1x time: "
                           + ("super-linear" if at_least >= top else "not determined (limit too low)"))}
    return {}


def bench_scale(root: Path, tmp: Path, sizes: list[int], runs_for: dict[int, int], cap: float | None,
                slack: float) -> dict:
    """Build synthetic reports of growing size, each run in a fresh helper process.

    A size above 1x may run for at most slack * size * t(1x) seconds (and at most cap):
    a build killed then has already missed the "under size x the 1x time" goal, and
    its elapsed time is a lower bound; this keeps the whole bench within minutes.
    """
    site = copy_project(root, tmp / "scale-site")
    results: dict = {"command": "python build.py --root COPY --data SYNTHETIC --dist TMP", "sizes": {},
                     "time_limit_rule": f"min({slack} x size x median(1x), {cap or 'no cap'}) s per build above 1x"}
    base = None  # the 1x entry, once a 1x build has finished
    for factor in sorted(sizes):
        limit = time_limit(factor, base["seconds"]["median"] if base else None, slack, cap)
        entry, walls = measure_size(site, tmp, factor, runs_for[factor], limit)
        if factor == 1 and walls:
            base = entry
        compare_to_1x(entry, walls, factor, base)
        results["sizes"][str(factor)] = entry
    top = max(sizes)
    if top > 1 and base:
        results.update(growth(results["sizes"].get(str(top), {}), top))
    return results
