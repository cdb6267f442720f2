"""Stage 8, the profile: where one build's time goes. The imports (`python -X importtime -c "import
reportsite.cli"`), then one build in a fresh process under cProfile, its steps timed: load
(read_site), render (render_site; Jinja's part of it), write (write_site), the check of the
published addresses; and the functions that take the most time."""

from __future__ import annotations

import json
import pstats
import re
import subprocess
import sys
from pathlib import Path

from .measure import set_aside, tail

TOP = 15  # functions by cumulative time in results.json
TOP_OWN = 10  # functions by own time
LIBRARY = re.compile(r"^.*/(site-packages|lib/python3\.\d+)/")
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")

# One build, in the order build() runs it (render in this one process), under cProfile when given a
# file for the profile; the steps' wall times as JSON on stdout.
_CHILD = r"""
import cProfile, json, sys, time
from pathlib import Path
root, dist, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
times, profile = {}, cProfile.Profile()
if out:
    profile.enable()
start = time.perf_counter()
from reportsite.site import Project, check_published, read_site, render_site
from reportsite.write import write_site
times["import"] = time.perf_counter() - start
project = Project.at(root, dist=dist)
start = time.perf_counter()
site = read_site(project)
times["load"] = time.perf_counter() - start
start = time.perf_counter()
rendered = render_site(project, site)
times["render"] = time.perf_counter() - start
checked = []
def verify(written):
    begin = time.perf_counter()
    check_published(project, written, rendered.redirects)
    checked.append(time.perf_counter() - begin)
start = time.perf_counter()
write_site(rendered.files.items(), project.dist, verify)
times["check_published"] = checked[0]
times["write"] = time.perf_counter() - start - checked[0]
if out:
    profile.disable()
    profile.dump_stats(out[0])
print(json.dumps(times))
"""


def import_times(root: Path) -> dict:
    """`python -X importtime -c "import reportsite.cli"`: the total, and the own time of each top-level
    package (the modules it imports, summed), largest first."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import reportsite.cli"], cwd=root,
                         capture_output=True, text=True, timeout=120, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"import reportsite.cli failed: {tail(run.stderr)}")
    total, by_package = 0, {}
    for own, cumulative, _, name in IMPORT_LINE.findall(run.stderr):
        package = name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + int(own) / 1e6
        if name == "reportsite.cli":
            total = int(cumulative) / 1e6
    top = dict(sorted(by_package.items(), key=lambda kv: -kv[1])[:10])
    return {"reportsite_cli_s": total, "by_package_s": {k: round(v, 4) for k, v in top.items()}}


def where(key: tuple[str, int, str], root: Path) -> str:
    """A profile entry as `path:line function`, the path from the project or from site-packages."""
    file, line, name = key
    file = LIBRARY.sub("", file.removeprefix(f"{root}/"))
    return f"{file}:{line} {name}" if line else name


def top_functions(stats: pstats.Stats, root: Path, column: int, n: int) -> list[dict]:
    """The n entries with the largest cumulative (column 3) or own (column 2) time."""
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][column])[:n]
    return [{"function": where(key, root), "calls": nc, "own_s": round(tt, 4), "cumulative_s": round(ct, 4)}
            for key, (_, nc, tt, ct, _) in rows]


def cumulative(stats: pstats.Stats, file_part: str, name: str) -> float:
    """The cumulative time of the functions called name in files whose path holds file_part."""
    return sum(ct for (file, _, fn), (_, _, _, ct, _) in stats.stats.items() if fn == name and file_part in file)


def timed_steps(root: Path, tmp: Path, profile: Path | None) -> dict[str, float]:
    """One build in a fresh process, its steps timed: import, load, render, check_published, write."""
    dist = tmp / "profile-dist"
    run = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(dist), *([str(profile)] if profile else [])],
                         cwd=root, capture_output=True, text=True, timeout=600, check=False)
    set_aside(dist)
    if run.returncode != 0:
        raise RuntimeError(f"the build failed: {tail(run.stderr)}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def bench_profile(root: Path, tmp: Path) -> dict:
    """Import times; one build's steps, timed in a fresh process, and their shares; the same build
    again under cProfile (which slows Python code down, so read its shares more than its seconds):
    Jinja's part of the render, the imports, and the functions taking the most time."""
    imports = import_times(root)
    plain = timed_steps(root, tmp, None)
    total = sum(plain.values())
    out = tmp / "profile.pstats"
    profiled = timed_steps(root, tmp, out)
    stats = pstats.Stats(str(out))
    return {
        "how": "import, read_site, render_site, write_site in a fresh process, render in one process; "
               "then the same under cProfile",
        "imports": imports,
        "steps_s": plain, "total_s": total, "shares": {k: v / total for k, v in plain.items()},
        "profiled_steps_s": profiled,
        "jinja_render_s": cumulative(stats, "jinja2/environment.py", "render"),
        "imports_in_profile_s": cumulative(stats, "importlib._bootstrap", "_find_and_load"),
        "top_cumulative": top_functions(stats, root, 3, TOP),
        "top_own": top_functions(stats, root, 2, TOP_OWN),
    }
