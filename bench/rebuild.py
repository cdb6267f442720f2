"""Stage 9, rebuilds: `python build.py` again in a fresh process on a copy of the project, after its
cold build: with nothing changed, after editing one section's text (its first paragraph's English), after
editing its title (which its report's contents rail shows on every section page), after editing one
figure (its English label), and after editing a template that few pages use (the glossary's); and the cold build in one process (`--jobs 1`) against
the default (a process per processor). Each build's own summary line says what it rendered."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from .measure import build_command, copy_project, log, measured_run, set_aside, stats, tail
from .serve import edit_figure_label, edit_paragraph, edit_template, edited_section, edit_title

TIMEOUT_S = 300
RENDERED = re.compile(r"\((\d+) pages? unchanged since the last build, (\d+) rendered\)|\(nothing changed")


def bench_rebuild(root: Path, tmp: Path, runs: int) -> dict:
    """Every kind of build and rebuild, runs times each, with what each rendered."""
    site = copy_project(root, tmp / "rebuild-site")
    dist = tmp / "rebuild-dist"
    cold = build_command(site) + ["--dist", str(dist)]  # --clean: every page rendered
    incremental = [sys.executable, str(site / "build.py"), "--dist", str(dist)]
    _report, section = edited_section(site)
    glossary = site / "templates" / "glossary.html"
    result = {"commands": {"cold": " ".join(["python build.py", *cold[2:-2], "--dist TMP"]),
                           "rebuild": "python build.py --dist TMP"}, "edited_section": section.name}
    timings = {"cold_all_cores_s": [], "cold_one_process_s": [], "no_change_s": [], "one_text_s": [], "one_section_s": [],
               "one_figure_s": [], "one_template_s": []}
    rendered = {}
    warm = measured_run(cold, site, TIMEOUT_S)  # not counted: warms the OS file cache and __pycache__
    if warm["rc"] != 0:
        return {**result, "error": f"build.py exited {warm['rc']}: {tail(warm['stderr'] or warm['stdout'])}"}
    for i in range(runs):
        marker = f"bench-edit-{i}-{random.randrange(10**6)}"
        steps = [("cold_one_process_s", cold + ["--jobs", "1"], None), ("cold_all_cores_s", cold, None),
                 ("no_change_s", incremental, None),
                 ("one_text_s", incremental, lambda: edit_paragraph(section, marker)),
                 ("one_section_s", incremental, lambda: edit_title(section, marker)),
                 ("one_figure_s", incremental, lambda: edit_figure_label(section, marker)),
                 ("one_template_s", incremental, lambda: edit_template(glossary, marker))]
        for key, cmd, edit in steps:
            if edit:
                edit()
            r = measured_run(cmd, site, TIMEOUT_S)
            if r["rc"] != 0:
                return {**result, "error": f"{key}: build.py exited {r['rc']}: {tail(r['stderr'] or r['stdout'])}"}
            timings[key].append(r["wall"])
            rendered[key] = what_it_rendered(r["stdout"])
    set_aside(dist)
    log("rebuilds: " + ", ".join(f"{k} {stats(v)['median']:.2f} s" for k, v in timings.items()))
    return {**result, **{k: stats(v) for k, v in timings.items()}, "rendered": rendered}


def what_it_rendered(stdout: str) -> str:
    """From the build's summary line: "all", "none" or "N of M pages"."""
    found = RENDERED.search(stdout)
    if found is None:
        return "all"
    if found.group(1) is None:
        return "none"
    reused, rendered = int(found.group(1)), int(found.group(2))
    return f"{rendered} of {reused + rendered} pages"
