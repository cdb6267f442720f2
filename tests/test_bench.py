"""The benchmark runs from the project root as `python3 -m bench`: a quick run writes its results
file with every stage measured and prints the Markdown tables."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO

STAGES = ("cold_build", "in_process", "page_weight", "bundle", "scale", "reports")  # serve has tests of its own
TOP_LEVEL = {"machine", "root", "started", "settings", "goals_defined", "load_average_start", *STAGES,
             "stage_seconds", "load_average", "goals", "total_seconds", "finished", "table_markdown"}


def test_a_quick_bench_run_writes_results_and_prints_the_tables(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--runs", "1", "--sizes", "1", "--scale-runs", "1",
                          "--reports", "1,2", "--reports-runs", "1", "--skip", "serve", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))

    assert set(results) == TOP_LEVEL
    assert set(results["stage_seconds"]) == set(STAGES)
    for stage in STAGES:
        assert "error" not in results[stage], f"{stage}: {results[stage]['error']}"
    built = results["in_process"]
    assert built["pages"] > 0
    assert results["bundle"]["zip_bytes"] > 0, results["bundle"].get("reason")
    assert [g["measure"] for g in results["goals"]][:2] == [
        "Cold build (`python build.py`, fresh process)", "In-process build (`site.build`)"]

    # every page is weighed, as its kind: a redirect page left at an old address is not a section page
    weight = results["page_weight"]
    assert weight["pages"] == built["pages"]
    assert sum(kind["pages"] for kind in weight["by_kind"].values()) == built["pages"]
    assert weight["by_kind"]["section"]["pages"] == 2 * built["sections"]
    assert weight["by_kind"]["figure"]["pages"] == 2 * built["figures"]

    one = results["scale"]["sizes"]["1"]
    assert "error" not in one
    if built["reports"] == 1:  # the 1x site is a made-up copy of the real one-report site
        assert one["pages"] == built["pages"]

    sites, real = results["reports"]["sites"], results["reports"]["real_reports"]
    assert set(sites) == {"1", "2"}
    for n, site in sites.items():
        assert "error" not in site, site["error"]
        assert site["reports"] == int(n)
        assert site["data"] == ("real" if int(n) == real else "synthetic")
    assert sites["2"]["pages"] > sites["1"]["pages"]
    assert sites["2"]["time_vs_base"] > 0
    assert "2 reports, build time vs 1 report" in [g["measure"] for g in results["goals"]]

    assert run.stdout == results["table_markdown"]
    for heading in ("| Measure | Result | Goal | Met |", "| Build timing | Median (min, max) |",
                    "| Page kind | Pages | HTML bytes |", "| Scale | Sections | Paragraphs |",
                    "| Reports | Data | Sections | Paragraphs |", "| redirect | "):
        assert heading in run.stdout
    assert "Offline bundle: zip " in run.stdout
    assert "failed:**" not in run.stdout
