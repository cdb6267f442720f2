"""The bench's command line and its stages in order: cold and in-process builds (stage 1),
serve (2), page weight (3), the offline bundle (4), scale (5), reports (6), the Hugo twin (7),
the profile (8), rebuilds (9); then goals, results.json, tables."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import __doc__ as bench_doc
from .hugo import bench_hugo
from .measure import (ROOT, build_command, gz, log, machine, measured_run, new_file_cost_us, set_aside, stats,
                      tail)
from .profiling import bench_profile
from .rebuild import bench_rebuild
from .scale import bench_reports, bench_scale
from .serve import bench_serve
from .tables import GOALS, goals, markdown
from .weight import bench_weight

STAGES = ("cold_build", "in_process", "page_weight", "serve", "bundle", "scale", "reports", "hugo", "profile",
          "rebuild")

# The package is imported inside the stages that call it, so that a package broken in the
# middle of an edit fails those stages only and the others are still measured.


# -- 1. cold and in-process builds ---------------------------------------------------------------


def bench_cold(root: Path, tmp: Path, runs: int) -> dict:
    """`python build.py` (--clean: reuse nothing) in a fresh process, runs times; interpreter start-up
    and imports alone."""
    builds, rss = [], []
    cmd_build = build_command(root)
    for i in range(runs + 1):  # the first run only warms the OS file cache and __pycache__
        dist = tmp / f"cold-{i}"
        r = measured_run(cmd_build + ["--dist", str(dist)], root, 120)
        if r["rc"] != 0:
            return {"error": f"build.py exited {r['rc']}: {tail(r['stderr'] or r['stdout'])}"}
        if i:
            builds.append(r["wall"])
            rss.append(r["maxrss_kb"] / 1024)
        set_aside(dist)
    startup, imports = [], []
    for _ in range(runs):
        startup.append(measured_run([sys.executable, "-c", "pass"], root, 60)["wall"])
        imports.append(measured_run([sys.executable, "-c", "import reportsite.cli, reportsite.site"], root, 60)["wall"])
    return {
        "command": f"python {' '.join(['build.py', *cmd_build[2:]])} --dist TMP (sys.executable, cwd = project root)",
        "seconds": stats(builds), "peak_rss_mb": stats(rss),
        "interpreter_startup_s": stats(startup), "import_reportsite_s": stats(imports),
    }


def time_steps(project, runs: int) -> dict:
    """The build's steps, each timed on its own: load (validate), render, write, and the check that
    every published address still resolves (which the build runs on the written folder)."""
    from reportsite.site import check_published, read_site, render_site
    from reportsite.write import write_site

    loads, renders, writes, checks = [], [], [], []

    def verify(written) -> None:
        start = time.perf_counter()
        check_published(project, written, rendered.redirects)
        checks.append(time.perf_counter() - start)

    for _ in range(runs):
        start = time.perf_counter()
        site = read_site(project)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        rendered = render_site(project, site)
        renders.append(time.perf_counter() - start)
        start = time.perf_counter()
        write_site(rendered.files.items(), project.dist, verify)
        writes.append(time.perf_counter() - start - checks[-1])
    return {"load_validate_s": stats(loads), "render_s": stats(renders), "write_s": stats(writes),
            "check_published_s": stats(checks)}


def bench_in_process(root: Path, tmp: Path, runs: int) -> dict:
    """reportsite.site.build in this process: the first call, then runs more; then its steps."""
    from reportsite.site import Project, build

    project = Project.at(root, dist=tmp / "inproc-dist")
    first = time.perf_counter()
    built = build(project)
    first = time.perf_counter() - first
    totals = []
    for _ in range(runs):  # as the command line builds: pages stream to the disk
        start = time.perf_counter()
        build(project, keep_files=False)
        totals.append(time.perf_counter() - start)
    steps = time_steps(project, runs)
    set_aside(project.dist)
    reports = built.site.reports
    return {
        "call": "reportsite.site.build(Project.at(root, dist=TMP), keep_files=False)",
        "first_build_s": first, "build_s": stats(totals), **steps,
        "pages": built.pages, "files": len(built.files),
        "bytes": sum(len(b) for b in built.files.values()), "reports": len(reports),
        "sections": sum(len(r.sections) for r in reports), "figures": sum(len(r.figures) for r in reports),
        "paragraphs": sum(len(r.paragraphs()) for r in reports),
    }


# -- 4. offline bundle ------------------------------------------------------------------------------


def find_build_bundle():
    """reportsite.bundle.build_bundle, or the reason there is none to measure."""
    try:
        module = importlib.import_module("reportsite.bundle")
    except ImportError as exc:
        return None, f"reportsite.bundle not importable: {exc}"
    except Exception as exc:  # noqa: BLE001 (a module being written may not import yet)
        return None, f"reportsite.bundle failed to import: {type(exc).__name__}: {exc}"
    build_bundle = getattr(module, "build_bundle", None)
    return build_bundle, None if build_bundle else "reportsite.bundle has no build_bundle"


def bundle_sizes(dist: Path) -> dict:
    """Where the bundle went, each zip's size, and each single-file HTML's size and gzip."""
    folder = dist / "bundle"
    where = folder if folder.is_dir() else dist
    zips = sorted(where.rglob("*.zip"))
    if folder.is_dir():
        singles = sorted(p for p in folder.rglob("*.html"))
    else:  # no bundle/ folder: HTML files next to the zip(s)
        singles = sorted({h for z in zips for h in z.parent.glob("*.html")})
    return {
        "folder": where.relative_to(dist).as_posix() or ".",
        "zips": {p.relative_to(dist).as_posix(): p.stat().st_size for p in zips},
        "zip_bytes": sum(p.stat().st_size for p in zips) if zips else None,
        "single_file_html": {p.relative_to(dist).as_posix(): {"bytes": p.stat().st_size, "gzip": gz(p.read_bytes())}
                             for p in singles},
    }


def bench_bundle(root: Path, tmp: Path) -> dict:
    """Time reportsite.bundle.build_bundle and weigh what it writes; null with a reason if it can't run."""
    build_bundle, reason = find_build_bundle()
    if build_bundle is None:
        return {"zip_bytes": None, "reason": reason}
    from reportsite.site import Project

    project = Project.at(root, dist=tmp / "bundle-dist")
    start = time.perf_counter()
    try:
        lines = build_bundle(project)
        lines = [str(x) for x in lines] if lines is not None else []
    except Exception as exc:  # noqa: BLE001 (record why, measure the rest)
        return {"zip_bytes": None, "reason": f"build_bundle raised {type(exc).__name__}: {exc}",
                "traceback": tail(traceback.format_exc(), 8)}
    result = {"seconds": time.perf_counter() - start, "output": lines[-10:], **bundle_sizes(project.dist)}
    if not result["zips"]:
        result["reason"] = f"build_bundle ran but wrote no .zip under {result['folder']}"
    set_aside(project.dist)
    return result


# -- the command line ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m bench", description=bench_doc.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--out", type=Path, help="results file (default: ROOT/bench/results.json)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (default 3)")
    parser.add_argument("--sizes", default="1,10,100", help="synthetic report sizes (default 1,10,100)")
    parser.add_argument("--scale-runs", default="3,1,1",
                        help="runs per size, in --sizes order; the last value repeats (default 3,1,1)")
    parser.add_argument("--reports", default="1,2,26",
                        help="numbers of reports in one site: the real data for the number it holds, "
                             "synthetic copies of its report for any other (default 1,2,26)")
    parser.add_argument("--reports-runs", default="3,2,1",
                        help="runs per number of reports, in --reports order; the last value repeats (default 3,2,1)")
    parser.add_argument("--scale-slack", type=float, default=1.1,
                        help="a build of size N (or N reports) is stopped after slack x N x t(1) seconds, "
                             "the goal being under N x t(1) (default 1.1)")
    parser.add_argument("--scale-cap", type=float, default=None,
                        help="an absolute cap in seconds per build of the scale and reports stages")
    parser.add_argument("--skip", default="", help=f"comma-separated stages to skip: {','.join(STAGES)}")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (path printed on stderr)")
    return parser.parse_args(argv)


def _numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def steps(text: str, runs: str) -> tuple[list[int], dict[int, int]]:
    """The steps of a scale stage ("1,10,100") and the runs of each ("3,1,1": the last one repeats)."""
    numbers, counts = _numbers(text), _numbers(runs) or [1]
    return numbers, {s: counts[min(i, len(counts) - 1)] for i, s in enumerate(numbers)}


def _stage(results: dict, name: str, tmp: Path, fn, *args) -> None:
    # the file system as the stage finds it: a build on disk writes thousands of files
    results.setdefault("new_file_us", {})[name] = new_file_cost_us(tmp / "new-file-probe" / name)
    log(f"{name} …")
    start = time.perf_counter()
    load_before = os.getloadavg()[0]
    try:
        results[name] = fn(*args)
    except Exception as exc:  # noqa: BLE001 (one broken stage must not lose the others)
        results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": tail(traceback.format_exc(), 12)}
    results.setdefault("stage_seconds", {})[name] = round(time.perf_counter() - start, 2)
    # other work on the machine skews timings: keep the 1-minute load average around each stage
    results.setdefault("load_average", {})[name] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    log(f"{name} done in {results['stage_seconds'][name]:.1f} s")


def run_stages(results: dict, args: argparse.Namespace, root: Path) -> None:
    """Every stage not skipped, in order, in a temporary folder deleted afterwards (unless --keep)."""
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    tmp = Path(tempfile.mkdtemp(prefix="reportsite-bench-"))
    if args.keep:
        log(f"temporary folder: {tmp}")
    try:
        stages = [
            ("cold_build", bench_cold, root, tmp, args.runs),
            ("in_process", bench_in_process, root, tmp, args.runs),
            ("page_weight", bench_weight, root, tmp),
            ("serve", bench_serve, root, tmp, args.runs),
            ("bundle", bench_bundle, root, tmp),
            ("scale", bench_scale, root, tmp, *steps(args.sizes, args.scale_runs), args.scale_cap,
             args.scale_slack),
            ("reports", bench_reports, root, tmp, *steps(args.reports, args.reports_runs), args.scale_cap,
             args.scale_slack),
            ("hugo", bench_hugo, root, tmp, args.runs),
            ("profile", bench_profile, root, tmp),
            ("rebuild", bench_rebuild, root, tmp, args.runs),
        ]
        for name, fn, *fn_args in stages:
            if name not in skip:
                _stage(results, name, tmp, fn, *fn_args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Run the bench: write results.json, print the Markdown tables."""
    args = parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "bench" / "results.json").resolve()
    sizes, scale_runs = steps(args.sizes, args.scale_runs)
    reports, reports_runs = steps(args.reports, args.reports_runs)
    started = time.perf_counter()
    results: dict = {
        "machine": machine(), "root": str(root),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "settings": {"runs": args.runs, "sizes": sizes, "scale_runs": scale_runs, "reports": reports,
                     "reports_runs": reports_runs, "scale_slack": args.scale_slack, "scale_cap": args.scale_cap},
        "goals_defined": GOALS, "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    run_stages(results, args, root)
    results["goals"] = goals(results)
    results["total_seconds"] = time.perf_counter() - started
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    table = markdown(results)
    results["table_markdown"] = table
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    print(table, end="")
    return 0
