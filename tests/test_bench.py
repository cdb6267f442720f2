"""The benchmark runs from the project root as `python3 -m bench`: a quick run writes its results
file with every stage measured and prints the Markdown tables."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.hugo import content_file, markdown, visible_text
from bench.rebuild import RENDERED
from reportsite.cli import summary
from reportsite.site import Built, Project

from .conftest import REPO

# serve and the bundle have tests of their own (and the bundle, with its PDFs, takes longer than the rest)
STAGES = ("cold_build", "in_process", "page_weight", "scale", "reports", "hugo", "profile", "rebuild")
STEPS = {"import", "load", "render", "check_published", "write"}
TOP_LEVEL = {"machine", "root", "started", "settings", "goals_defined", "load_average_start", *STAGES,
             "stage_seconds", "load_average", "new_file_us", "goals", "total_seconds", "finished", "table_markdown"}


def test_a_quick_bench_run_writes_results_and_prints_the_tables(tmp_path):
    """What the bench writes and prints, not how fast this machine is today: no time bound but CI's own
    (a busy machine makes the run slower, never wrong)."""
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--runs", "1", "--sizes", "1", "--scale-runs", "1",
                          "--reports", "1,2", "--reports-runs", "1", "--skip", "serve,bundle", "--out", str(out),
                          "--keep"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    kept = Path(re.search(r"temporary folder: (\S+)", run.stderr).group(1))
    try:  # each run's output set aside until the end, not deleted between runs (measure.set_aside)
        hugo = {"hugo-ours-0", "hugo-hugo-0"} if shutil.which("hugo") else set()
        assert {p.name.partition(".set-aside-")[0] for p in kept.glob("*.set-aside-*")} >= {
            "cold-0", "cold-1", "inproc-dist", "scale-warm-up", "scale-dist-sizes-1-0", "scale-dist-sites-2-0",
            "rebuild-dist", *hugo}
        assert (next(kept.glob("cold-1.set-aside-*")) / "en" / "index.html").is_file()
    finally:
        shutil.rmtree(kept, ignore_errors=True)

    assert set(results) == TOP_LEVEL
    assert set(results["stage_seconds"]) == set(results["new_file_us"]) == set(STAGES)
    assert all(us > 0 for us in results["new_file_us"].values())
    for stage in STAGES:
        assert "error" not in results[stage], f"{stage}: {results[stage]['error']}"
    built = results["in_process"]
    assert built["pages"] > 0
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

    check_hugo(results, built["pages"], weight["by_kind"]["redirect"]["pages"])
    check_profile(results["profile"])
    check_rebuilds(results["rebuild"], built["pages"])
    assert all(site["no_change_s"] > 0 for site in sites.values())

    assert run.stdout == results["table_markdown"]
    assert f"A new empty file took (µs, before each stage): cold_build {results['new_file_us']['cold_build']:.0f}, " \
        in run.stdout
    assert f"(CPython, from {sys.base_prefix});" in run.stdout, \
        "the interpreter's own installation, which sets its speed"
    for heading in ("| Measure | Result | Goal | Met |", "| Build timing | Median (min, max) |",
                    "| Page kind | Pages | HTML bytes |", "| Scale | Sections | Paragraphs |",
                    "| Reports | Data | Sections | Paragraphs |", "| redirect | ",
                    "| Build of the real site | Median (min, max) | Rendered |"):
        assert heading in run.stdout
    assert "Offline bundle: null (not measured)." in run.stdout
    assert "| Where the time goes (one build, one process) | Seconds | Share |" in run.stdout
    assert "failed:**" not in run.stdout


def check_rebuilds(rebuild: dict, pages: int) -> None:
    """Each rebuild in a fresh process says what it rendered: nothing with nothing changed, the pages that
    show a section's text, its title or a figure after it is edited (not a tenth of the site), the two
    glossary pages after their template."""
    rendered = dict(rebuild["rendered"])
    edits = [rendered.pop("one_text_s"), rendered.pop("one_section_s"), rendered.pop("one_figure_s")]
    assert rendered == {"cold_one_process_s": "all", "cold_all_cores_s": "all", "no_change_s": "none",
                        "one_template_s": f"2 of {pages} pages"}
    for what in edits:
        some, total = map(int, re.fullmatch(r"(\d+) of (\d+) pages", what).groups())
        assert 0 < some < total // 10, what
    for key in rebuild["rendered"]:
        assert rebuild[key]["median"] > 0


def check_hugo(results: dict, pages: int, redirects: int) -> None:
    """The Hugo twin: a page per page of ours but the redirect pages, built by Hugo into about as many
    pages, timed in pairs; without hugo (on a developer machine) null, with the reason."""
    hugo, goal = results["hugo"], results["goals"][2]
    assert goal["measure"] == "Cold build vs Hugo twin (same pages, paired)"
    if shutil.which("hugo") is None:
        if os.environ.get("CI"):
            pytest.fail("hugo is missing (apt-get install hugo)")
        assert hugo["ratio"] is None and "hugo" in hugo["reason"]
        return
    assert hugo["pages"]["ours"] == pages
    assert hugo["twin"]["redirect_pages_left_out"] == redirects
    assert hugo["pages"]["ours_without_redirects"] == hugo["twin"]["content_files"] == pages - redirects
    assert abs(hugo["pages"]["hugo"] - (pages - redirects)) <= 0.05 * (pages - redirects)
    assert hugo["pages"]["close"]
    assert hugo["ratio"]["median_of_pair_ratios"] > 0 and hugo["ratio"]["ratio_of_medians"] > 0
    assert len(hugo["ours_s"]["runs"]) == len(hugo["hugo_s"]["runs"]) == 1  # --runs 1: one timed pair
    assert hugo["ours_peak_rss_mb"]["median"] > 0 and hugo["hugo_peak_rss_mb"]["median"] > 0
    assert goal["value"] == hugo["ratio"]["median_of_pair_ratios"]
    assert "| Cold build vs Hugo twin | Ours | Hugo |" in results["table_markdown"]


def check_profile(profile: dict) -> None:
    """Where one build's time goes: its steps and their shares, Jinja's part, the top functions."""
    assert set(profile["steps_s"]) == set(profile["profiled_steps_s"]) == STEPS
    assert abs(sum(profile["shares"].values()) - 1) < 1e-6
    assert profile["imports"]["reportsite_cli_s"] > 0 and "reportsite" in profile["imports"]["by_package_s"]
    assert 0 < profile["jinja_render_s"] < profile["profiled_steps_s"]["render"]
    assert len(profile["top_cumulative"]) == 15 and len(profile["top_own"]) == 10
    assert any("render_site" in f["function"] for f in profile["top_cumulative"])


def test_the_hugo_twin_holds_a_pages_visible_text_at_its_address():
    html = ("<html><head><title>A &amp; B</title><style>p{}</style></head><body><nav><a>Home</a></nav>"
            "<main><h1>Goal <b>1</b></h1><p>GDP *up* 6%, see [1] {{< x >}}</p><script>var x = 1;</script>"
            "</main></body></html>")
    title, lines = visible_text(html)
    assert (title, lines) == ("A & B", ["Home", "Goal 1", "GDP *up* 6%, see [1] {{< x >}}"])
    text = markdown(title, lines, None)
    assert text.startswith('---\ntitle: "A & B"\n---\n')
    assert r"GDP \*up\* 6\%\, see \[1\] \{\{\< x \>\}\}" in text  # shown as written, not Markdown
    assert content_file("index.html", True) == "_index.md"
    assert content_file("en/index.html", True) == "en/_index.md"
    assert content_file("en/r/sections/s/index.html", False) == "en/r/sections/s/index.md"
    assert content_file("404.html", False) == "404.md"
    assert '\nurl: "/404.html"\n' in markdown("Not found", [], "/404.html")


@pytest.mark.parametrize("reused", [1, 2])
def test_the_rebuild_stage_reads_the_build_line_whatever_its_counts(reused):
    line = summary(Project.at(REPO), Built(None, ("a.html",), 0.5, rendered=1, reused=reused, reports=1))
    assert RENDERED.search(line).groups() == (str(reused), "1")
