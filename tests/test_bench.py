"""The benchmark runs from the project root as `python3 -m bench`: a quick run writes its results
file with every stage measured and prints the Markdown tables."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO

STAGES = ("cold_build", "in_process", "page_weight", "bundle", "scale")  # serve has tests of its own
TOP_LEVEL = {"machine", "root", "started", "settings", "goals_defined", "load_average_start", *STAGES,
             "stage_seconds", "load_average", "goals", "total_seconds", "finished", "table_markdown"}


def test_a_quick_bench_run_writes_results_and_prints_the_tables(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--runs", "1", "--sizes", "1", "--scale-runs", "1",
                          "--skip", "serve", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))

    assert set(results) == TOP_LEVEL
    assert set(results["stage_seconds"]) == set(STAGES)
    for stage in STAGES:
        assert "error" not in results[stage], f"{stage}: {results[stage]['error']}"
    assert results["in_process"]["pages"] > 0
    assert results["page_weight"]["pages"] == results["in_process"]["pages"]
    assert results["bundle"]["zip_bytes"] > 0, results["bundle"].get("reason")
    one = results["scale"]["sizes"]["1"]
    assert "error" not in one and one["pages"] == results["in_process"]["pages"]
    assert [g["measure"] for g in results["goals"]][:2] == [
        "Cold build (`python build.py`, fresh process)", "In-process build (`site.build`)"]

    assert run.stdout == results["table_markdown"]
    for heading in ("| Measure | Result | Goal | Met |", "| Build timing | Median (min, max) |",
                    "| Page kind | Pages | HTML bytes |", "| Scale | Sections | Paragraphs |"):
        assert heading in run.stdout
    assert "Offline bundle: zip " in run.stdout
    assert "failed:**" not in run.stdout
