"""Stage 2, rebuild under `build.py serve`: on a copy of the project, the time from writing a
YAML or a template edit until the edited page is served with the new text."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from .measure import copy_project, stats, tail

STARTUP_LIMIT_S = 90
WRITE_LIMIT_S = 120  # the longest wait for the server's background write of dist/
SETTLE_S = 0.5  # after that write, before the next edit
WRITE_LINE = re.compile(r"wrote \d+ pages? to \S+ in ([\d.]+) s")  # the server's log of a write of dist/

Edit = tuple[str, Path, Callable[[Path, str], None]]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5.0) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, OSError, ValueError):
        return None


def edit_title(path: Path, marker: str) -> None:
    """Replace the section's top-level title with one whose English side ends in marker."""
    text = path.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    en = re.sub(r" · bench-edit-\S+$", "", title["en"]) + f" · {marker}"
    new = f"title: {{zh: {json.dumps(title['zh'], ensure_ascii=False)}, en: {json.dumps(en, ensure_ascii=False)}}}"
    path.write_text("\n".join(lines[:start] + [new] + lines[end:]), encoding="utf-8")


def edit_figure_label(path: Path, marker: str) -> None:
    """Make the English label of the section file's first figure end in marker (its label a flow mapping on
    one line, `label: {zh: …, en: …}`, as the project's section files write it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    figures = lines.index("figures:")
    at = next(i for i, line in enumerate(lines) if i > figures and "label: {" in line)
    line = lines[at]
    start = line.index("label: {")
    end = line.index("}", start)
    label = yaml.safe_load(line[start + len("label: "):end + 1])
    en = re.sub(r" · bench-edit-\S+$", "", label["en"]) + f" · {marker}"
    lines[at] = (line[:start] + f"label: {{zh: {json.dumps(label['zh'], ensure_ascii=False)}, "
                 f"en: {json.dumps(en, ensure_ascii=False)}}}" + line[end + 1:])
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_paragraph(path: Path, marker: str) -> None:
    """Make the English of the section file's first paragraph end in marker (a folded block, `en: >-`, or
    a string on one line, as the project's section files write it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if i > lines.index("paragraphs:") and line.strip().startswith("en:"))
    if lines[at].rstrip().endswith(">-"):
        at += 1
        while at + 1 < len(lines) and lines[at + 1].startswith(" " * (len(lines[at]) - len(lines[at].lstrip()))) \
                and lines[at + 1].strip():
            at += 1
        lines[at] = re.sub(r" · bench-edit-\S+$", "", lines[at]) + f" · {marker}"
    else:
        key, _, value = lines[at].partition("en: ")
        text = re.sub(r" · bench-edit-\S+$", "", yaml.safe_load(value))
        lines[at] = f"{key}en: {json.dumps(text + f' · {marker}', ensure_ascii=False)}"
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_template(path: Path, marker: str) -> None:
    """Add an HTML comment holding marker before </body>."""
    text = path.read_text(encoding="utf-8")
    comment = f"<!-- {marker} -->"
    text = text.replace("</body>", comment + "</body>", 1) if "</body>" in text else text + comment + "\n"
    path.write_text(text, encoding="utf-8")


def edited_section(site: Path) -> tuple[str, Path]:
    """The report and section file the bench edits: plan-1-innovation of the site's first report
    (data/<report>/sections/), else that report's first section."""
    report = yaml.safe_load((site / "data" / "site.yaml").read_text(encoding="utf-8"))["reports"][0]
    sections = site / "data" / report / "sections"
    chosen = sections / "plan-1-innovation.yaml"
    return report, chosen if chosen.exists() else sorted(sections.glob("*.yaml"))[0]


def wait_until_serving(proc: subprocess.Popen, base: str, start: float) -> float | None:
    """Seconds from start until the server answers /en/; None if it exits or takes too long."""
    while time.perf_counter() - start < STARTUP_LIMIT_S:
        if proc.poll() is not None:
            return None
        if fetch(base + "/en/", timeout=2) is not None:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def not_serving(proc: subprocess.Popen, err_path: Path) -> str:
    why = (f"exited with code {proc.returncode}" if proc.poll() is not None
           else f"did not serve /en/ in {STARTUP_LIMIT_S} s")
    return f"`serve` not available: {why}: {tail(err_path.read_text(errors='replace'), 4)}"


def time_edit(proc: subprocess.Popen, url: str, marker: str, t0: float, poll: float,
              timeout: float) -> float | None:
    """Seconds from t0 (just before the edit was written) until url serves a page holding
    marker; None on timeout or when the server exits."""
    while time.perf_counter() - t0 < timeout:
        body = fetch(url)
        if body is not None and marker.encode() in body:
            return time.perf_counter() - t0
        if proc.poll() is not None:
            return None
        time.sleep(poll)
    return None


def wait_for_write(proc: subprocess.Popen, log_path: Path, seen: int) -> int:
    """Wait until the server has logged a write of dist/ after the seen ones; the writes logged by then.

    The server writes dist/ in its event loop, so while it writes it answers nothing: an edit is
    timed only once the write that the previous change started is done."""
    end = time.perf_counter() + WRITE_LIMIT_S
    while time.perf_counter() < end and proc.poll() is None:
        writes = len(WRITE_LINE.findall(log_path.read_text(errors="replace")))
        if writes > seen:
            return writes
        time.sleep(0.05)
    return seen


def time_edits(proc: subprocess.Popen, url: str, edits: list[Edit], runs: int, poll: float,
               timeout: float, log_path: Path) -> dict:
    """runs rounds of every edit, each made once the server is idle (dist/ written): the timings per
    edit, and a reason if any edit was never served."""
    samples: dict[str, list[float]] = {key: [] for key, _, _ in edits}
    failures, writes = [], wait_for_write(proc, log_path, 0)
    for i in range(runs):
        for key, path, edit in edits:
            marker = f"bench-edit-{key[:4]}-{i}-{random.randrange(10**6)}"
            t0 = time.perf_counter()
            edit(path, marker)
            seen = time_edit(proc, url, marker, t0, poll, timeout)
            if seen is None:
                failures.append(f"{key} run {i}: new text not served within {timeout:.0f} s"
                                + (" (server exited)" if proc.poll() is not None else ""))
            else:
                samples[key].append(seen)
            writes = wait_for_write(proc, log_path, writes)
            time.sleep(SETTLE_S)
    result = {key: stats(values) for key, values in samples.items()}
    if failures:
        result["reason"] = "; ".join(failures[:4])
    return result


def stop(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (it runs in a session of its own)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def server_log_times(log_text: str) -> dict:
    """The server's own timings: validate and swap in the new site; the background write of dist/."""
    return {
        "server_reported_validate_s": stats([float(s) for s in re.findall(r"validated in ([\d.]+) s", log_text)]),
        "server_reported_write_s": stats([float(s) for s in WRITE_LINE.findall(log_text)]),
    }


def bench_serve(root: Path, tmp: Path, runs: int, poll: float = 0.005, timeout: float = 30.0) -> dict:
    """Start `build.py serve` on a copy; time file write -> new page served, for a YAML and a template edit."""
    from reportsite.pages import page_url  # here, so a broken package fails this stage only

    site = copy_project(root, tmp / "serve-site")
    report, section_file = edited_section(site)
    edits: list[Edit] = [("yaml_edit_s", section_file, edit_title),
                         ("template_edit_s", site / "templates" / "base.html", edit_template)]
    port = free_port()
    base, page = f"http://127.0.0.1:{port}", "/" + page_url("section", "en", section_file.stem, report)
    cmd = [sys.executable, "build.py", "--root", str(site), "serve", "--port", str(port)]
    out_path, err_path = tmp / "serve.stdout", tmp / "serve.stderr"
    result: dict = {"command": "python build.py --root COPY serve --port PORT", "page": page,
                    "yaml_edit_s": None, "template_edit_s": None, "reason": None}
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=site, stdout=out, stderr=err, start_new_session=True)
        try:
            ready = wait_until_serving(proc, base, start)
            if ready is None:
                result["reason"] = not_serving(proc, err_path)
                return result
            result["startup_to_first_page_s"] = ready
            first = f"bench-edit-first-{random.randrange(10**6)}"  # at once: dist/ is being written for the first time
            t0 = time.perf_counter()
            edit_title(section_file, first)
            seen = time_edit(proc, base + page, first, t0, poll, timeout)
            result["first_write_edit_s"] = stats([seen] if seen is not None else [])
            result["first_write_done"] = bool(WRITE_LINE.search(out_path.read_text(errors="replace")))
            result.update(time_edits(proc, base + page, edits, runs, poll, timeout, out_path))
        finally:
            stop(proc)
    result.update(server_log_times(out_path.read_text(errors="replace")))
    return result
