"""What every stage of the bench shares: progress lines, statistics, gzip sizes, timing a
child process, a copy of the project to edit, and a description of the machine."""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "content", "templates", "assets", "locales")
PACKAGES = ("Jinja2", "PyYAML", "markdown-it-py", "Babel", "MarkupSafe", "livereload", "tornado")

# Runs a command, then reports its wall time and the peak RSS of that one child.
# A fresh helper per run, so RUSAGE_CHILDREN's maximum belongs to this run alone.
_CHILD = r"""
import json, resource, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
try:
    p = subprocess.run(sys.argv[2:], capture_output=True, timeout=timeout)
    rc, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as exc:
    rc, out, err = None, exc.stdout or b"", exc.stderr or b""
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": rc, "maxrss_kb": ru.ru_maxrss, "user": ru.ru_utime, "sys": ru.ru_stime,
                  "stdout": out.decode("utf-8", "replace")[-3000:], "stderr": err.decode("utf-8", "replace")[-3000:]}))
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def stats(values: list[float]) -> dict | None:
    """Median, min, max and every run of a timing; None when nothing was measured."""
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": [round(v, 6) for v in values]}


def gz(data: bytes) -> int:
    """Gzipped size, level 9, mtime 0."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def measured_run(cmd: list[str], cwd: Path, timeout: float) -> dict:
    """Run cmd in a fresh helper process; wall time and peak RSS of cmd alone."""
    helper = subprocess.run([sys.executable, "-c", _CHILD, str(timeout), *cmd], cwd=cwd, check=False,
                            capture_output=True, text=True, timeout=timeout + 60)
    if helper.returncode != 0:
        raise RuntimeError(f"measuring helper failed: {tail(helper.stderr)}")
    return json.loads(helper.stdout)


def build_command(root: Path) -> list[str]:
    """Our cold build, `python build.py`, with --clean (reuse nothing of an earlier build) when this
    build.py has that option."""
    cmd = [sys.executable, str(root / "build.py")]
    helped = subprocess.run(cmd + ["--help"], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    return cmd + (["--clean"] if "--clean" in helped.stdout else [])


def copy_project(src: Path, dest: Path) -> Path:
    """A copy of the project: data/, content/, templates/, assets/, locales/, build.py, reportsite/."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_PARTS + ("reportsite",):
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, ignore=ignore)
    shutil.copy2(src / "build.py", dest / "build.py")
    # compile now, so the first timed build of the copy does not pay for it
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "reportsite")], check=False,
                   capture_output=True)
    return dest


def plural(n: int, word: str) -> str:
    """"1 report", "2 reports"."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def count_pages(dist: Path) -> int:
    return sum(1 for _ in dist.rglob("*.html")) if dist.exists() else 0


# -- the machine ----------------------------------------------------------------------------


def _proc_line(path: str, prefix: str) -> str | None:
    """The first line of a /proc file that starts with prefix; None where there is none."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line for line in lines if line.startswith(prefix)), None)


def _package_versions() -> dict[str, str | None]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


PROBE_FILES = 200


def new_file_cost_us(folder: Path) -> float:
    """What making one empty file costs the file system of folder now, in microseconds (the median of
    PROBE_FILES). A build writes thousands: where this is high, every build on disk is slower, ours and Hugo's.
    (ext4 without a journal, as on the machine of bench/README.md's ninth round, looks at each inode deleted
    in the last minutes before it hands out a new one.) The files stay, so that the probe deletes nothing."""
    folder.mkdir(parents=True)
    times = []
    for i in range(PROBE_FILES):
        start = time.perf_counter()
        os.close(os.open(folder / f"{i}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1e6, 1)


def set_aside(path: Path) -> None:
    """Move a run's output out of the way, to be deleted with the bench's temporary folder when the bench ends, not
    now: on a file system that looks at each recently deleted inode before it hands out a new one
    (new_file_cost_us), deleting a build's thousands of files would make the next run's files dearer, so that each
    run paid for the ones before it (in one stage of pairs: ours 7.2, 9.7, 10.1 s, Hugo 4.6, 4.9, 5.3 s)."""
    global _set_aside
    if path.exists():
        _set_aside += 1
        path.rename(path.with_name(f"{path.name}.set-aside-{_set_aside}"))


_set_aside = 0


def machine() -> dict:
    """Cores, CPU, RAM, Python, platform and the versions of the packages that do the work."""
    cpu = _proc_line("/proc/cpuinfo", "model name")
    mem = _proc_line("/proc/meminfo", "MemTotal:")
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cores": os.cpu_count(), "usable_cores": usable,
        "cpu": cpu.split(":", 1)[1].strip() if cpu else None,
        "memory_mb": round(int(mem.split()[1]) / 1024) if mem else None,
        "python": platform.python_version(), "implementation": platform.python_implementation(),
        "executable": sys.executable, "base_prefix": sys.base_prefix,  # the interpreter's own installation
        "platform": platform.platform(), "machine": platform.machine(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)), "packages": _package_versions(),
    }
