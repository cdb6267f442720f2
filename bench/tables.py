"""The bench's goals, checked against its results, and the Markdown tables it prints."""

from __future__ import annotations

from pathlib import Path

from .measure import plural

GOALS = {
    "cold_build_s": 1.5,
    "in_process_build_s": 0.5,
    "serve_rebuild_s": 0.3,
    "section_total_gzip_bytes": 30_000,  # 30 KB, decimal
    "section_requests": 3,
    "time_vs_base_per_step": 1.0,  # size N (N reports) in under 1.0 x N x the time of 1x (1 report): linear
    "scale_rss_mb": 500.0,  # the largest size, and the most reports
}
SERVE_EDITS = (("yaml_edit_s", "YAML edit"), ("template_edit_s", "template edit"))


def _get(d: dict | None, *keys):
    for k in keys:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


# -- goals -------------------------------------------------------------------------------------


def _row(name: str, value, shown: str, goal: str, ok, note: str = "") -> dict:
    """One goal: the measure, its value and how it is shown, the goal, met (None: not determined)."""
    return {"measure": name, "value": value, "shown": shown, "goal": goal,
            "met": None if ok is None else bool(ok), "note": note}


def build_goals(r: dict) -> list[dict]:
    v = _get(r, "cold_build", "seconds", "median")
    cold = _row("Cold build (`python build.py`, fresh process)", v, f"{v:.2f} s" if v is not None else "n/a",
                "< 1.5 s", None if v is None else v < GOALS["cold_build_s"])
    v = _get(r, "in_process", "build_s", "median")
    in_process = _row("In-process build (`site.build`)", v, f"{v:.2f} s" if v is not None else "n/a",
                      "< 0.5 s", None if v is None else v < GOALS["in_process_build_s"])
    return [cold, in_process]


def serve_goals(r: dict) -> list[dict]:
    rows = []
    for key, label in SERVE_EDITS:
        v = _get(r, "serve", key, "median")
        rows.append(_row(f"Serve rebuild after a {label} (write → new page served)", v,
                         f"{v * 1000:.0f} ms" if v is not None else "null",
                         "< 300 ms", None if v is None else v < GOALS["serve_rebuild_s"],
                         "" if v is not None else (_get(r, "serve", "reason") or _get(r, "serve", "error") or "")))
    return rows


def page_goals(r: dict) -> list[dict]:
    sec = _get(r, "page_weight", "by_kind", "section")
    v = _get(sec, "total_gzip", "max")
    rows = [_row("Section page, HTML+CSS+JS gzip (largest)", v, f"{v / 1000:.1f} KB" if v is not None else "n/a",
                 "< 30 KB", None if v is None else v < GOALS["section_total_gzip_bytes"],
                 f"median {_get(sec, 'total_gzip', 'median') / 1000:.1f} KB" if v is not None else "")]
    v = _get(sec, "requests", "max")
    rows.append(_row("Section page, requests per load (most)", v, str(v) if v is not None else "n/a", "≤ 3",
                     None if v is None else v <= GOALS["section_requests"]))
    pw = r.get("page_weight") or {}
    if "pages" in pw:
        blocking = pw["section_render_blocking"]
        rows.append(_row("Render-blocking script (section pages)", len(blocking),
                         "none" if not blocking else f"{len(blocking)} pages",
                         "none", not blocking, f"site-wide: {len(pw['render_blocking_pages'])} pages"))
        rows.append(_row("Web font (@font-face)", pw["web_font"], "yes" if pw["web_font"] else "none", "none",
                         not pw["web_font"]))
    return rows


def time_goal(label: str, base: str, step: int, e: dict) -> dict:
    """A step of a scale stage against step 1: no worse than linear (under step x the time)."""
    name, goal = f"{label}, build time vs {base}", f"< {step}×"
    if e.get("time_vs_base") is not None:
        v = e["time_vs_base"]
        return _row(name, v, f"{v:.1f}×", goal, v < GOALS["time_vs_base_per_step"] * step)
    if e.get("time_vs_base_at_least") is not None:
        v = e["time_vs_base_at_least"]
        return _row(name, v, f"> {v:.0f}×", goal, False if v >= GOALS["time_vs_base_per_step"] * step else None,
                    f"killed after {e['killed_after_s']:.0f} s")
    return _row(name, None, "n/a", goal, None, e.get("error") or "")


def memory_goal(label: str, e: dict) -> dict:
    name = f"{label}, peak memory (RSS)"
    v = _get(e, "peak_rss_mb", "max")
    if v is not None:
        return _row(name, v, f"{v:.0f} MB", "< 500 MB", v < GOALS["scale_rss_mb"])
    if e.get("peak_rss_mb_at_kill") is not None:
        v = e["peak_rss_mb_at_kill"]
        return _row(name, v, f"≥ {v:.0f} MB", "< 500 MB", False if v >= GOALS["scale_rss_mb"] else None,
                    "when killed, so a lower bound")
    return _row(name, None, "n/a", "< 500 MB", None)


def scale_goals(r: dict) -> list[dict]:
    """The largest synthetic size against 1x, time and peak memory; every site of more than one
    report against 1 report, and the largest one's peak memory."""
    rows = []
    sizes = _get(r, "scale", "sizes") or {}
    if sizes:
        top = max(sizes, key=int)
        rows += [time_goal(f"{top}x report", "1x", int(top), sizes[top]), memory_goal(f"{top}x report", sizes[top])]
    sites = _get(r, "reports", "sites") or {}
    many = sorted((k for k in sites if int(k) > 1), key=int)
    rows += [time_goal(plural(int(k), "report"), "1 report", int(k), sites[k]) for k in many]
    if many:
        rows.append(memory_goal(plural(int(many[-1]), "report"), sites[many[-1]]))
    return rows


def goals(r: dict) -> list[dict]:
    """Every goal checked against the results r (a goal not measured is "not determined")."""
    return build_goals(r) + serve_goals(r) + page_goals(r) + scale_goals(r)


# -- Markdown ------------------------------------------------------------------------------------


def _mark(ok) -> str:
    return "–" if ok is None else ("✓" if ok else "✗")


def _fmt_s(d: dict | None, ms: bool = False) -> str:
    if not d:
        return "n/a"
    if ms:
        return f"{d['median'] * 1000:.0f} ms (min {d['min'] * 1000:.0f}, max {d['max'] * 1000:.0f})"
    return f"{d['median']:.3f} s (min {d['min']:.3f}, max {d['max']:.3f})"


def _head(*columns: str) -> list[str]:
    """A Markdown table's heading and rule."""
    return ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]


def machine_line(r: dict) -> str:
    m = r["machine"]
    highest = max([x for v in (r.get("load_average") or {}).values() for x in v] or [0])
    return (f"Machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu'] or m['machine']}, "
            f"{m['memory_mb']} MB RAM; Python {m['python']} ({m['implementation']}); {m['platform']}. "
            f"Medians of {r['settings']['runs']} runs; {r['finished']}, whole bench {r['total_seconds']:.0f} s; "
            f"load average (1 min) at start {r['load_average_start'][0]:.2f}, highest around a stage "
            f"{highest:.2f}.")


def goal_table(r: dict) -> list[str]:
    out = _head("Measure", "Result", "Goal", "Met")
    for g in r["goals"]:
        note = f" ({g['note']})" if g["note"] else ""
        out.append(f"| {g['measure']} | {g['shown']}{note} | {g['goal']} | {_mark(g['met'])} |")
    return out


def build_timings(cold: dict, inp: dict) -> list[tuple[str, str | None]]:
    """Rows of the timing table for the builds: (measure, shown), shown None for a row left out."""
    rss, first = cold.get("peak_rss_mb"), inp.get("first_build_s")
    return [
        ("Cold build, fresh process", _fmt_s(cold.get("seconds"))),
        ("… of which interpreter start-up (`python -c pass`)", _fmt_s(cold.get("interpreter_startup_s"))),
        ("… and start-up + `import reportsite.cli, reportsite.site`", _fmt_s(cold.get("import_reportsite_s"))),
        ("Cold build peak RSS", f"{rss['median']:.0f} MB" if rss else None),
        ("In-process build (first call in the process)", f"{first:.3f} s") if first
        else ("In-process build (first call)", "n/a"),
        ("In-process build", _fmt_s(inp.get("build_s"))),
        ("… load (validate)", _fmt_s(inp.get("load_validate_s"))),
        ("… render", _fmt_s(inp.get("render_s"))),
        ("… write", _fmt_s(inp.get("write_s"))),
        ("… check the published addresses", _fmt_s(inp.get("check_published_s"))),
    ]


def serve_timings(serve: dict) -> list[tuple[str, str | None]]:
    """Rows of the timing table for the preview, as build_timings."""
    validate, write = serve.get("server_reported_validate_s"), serve.get("server_reported_write_s")
    edits = [(f"Serve: {label} → page served", _fmt_s(serve[key], ms=True) if serve.get(key) else "null")
             for key, label in SERVE_EDITS]
    return edits + [
        ("Serve: validate and swap in the new site (server log)", _fmt_s(validate, ms=True) if validate else None),
        ("Serve: background write of dist/ (server log)", _fmt_s(write, ms=True) if write else None),
    ]


def site_notes(inp: dict, serve: dict) -> list[tuple[str, str | None]]:
    """The last rows of the timing table: the size of the site, and why serve was not measured."""
    site = (f"{inp['pages']} pages, {inp['files']} files, {inp['bytes'] / 1e6:.1f} MB; "
            f"{plural(inp['reports'], 'report')}, {inp['sections']} sections, "
            f"{inp['paragraphs']} paragraphs, {inp['figures']} figures" if inp.get("pages") else None)
    reason = serve.get("reason")
    return [("Site", site),
            ("Serve note", reason[:300].replace("|", "/").replace("\n", " ") if reason else None)]


def timing_table(r: dict) -> list[str]:
    cold, inp, serve = r.get("cold_build") or {}, r.get("in_process") or {}, r.get("serve") or {}
    rows = build_timings(cold, inp) + serve_timings(serve) + site_notes(inp, serve)
    return _head("Build timing", "Median (min, max)") + [f"| {m} | {shown} |" for m, shown in rows if shown is not None]


def _spread_cell(d: dict, key: str, fmt: str = "{:.0f}") -> str:
    x = d.get(key)
    if not x:
        return "–"
    return " / ".join(fmt.format(x[k]) for k in ("min", "median", "max"))


def weight_table(r: dict) -> list[str]:
    """The page weight by kind, then a line of notes and a blank line; nothing when not measured."""
    pw = r.get("page_weight") or {}
    if not pw.get("by_kind"):
        return []
    out = _head("Page kind", "Pages", "HTML bytes", "HTML gzip", "CSS gzip", "JS gzip", "Total gzip", "Requests",
                "Total / text gzip")
    for kind, d in pw["by_kind"].items():
        cells = [_spread_cell(d, key) for key in ("html_bytes", "html_gzip", "css_gzip", "js_gzip", "total_gzip",
                                                  "requests")]
        out.append(f"| {kind} | {d['pages']} | {' | '.join(cells)} | "
                   f"{_spread_cell(d, 'ratio_total_to_text', fmt='{:.2f}')} |")
    out.append("")
    out.append("Each cell is min / median / max; bytes. Render-blocking scripts: "
               f"{len(pw['render_blocking_pages'])} pages; web fonts: {'yes' if pw['web_font'] else 'none'}"
               + (f"; missing references: {len(pw['missing_refs'])}" if pw.get("missing_refs") else "") + ".")
    return out + [""]


def bundle_line(r: dict) -> str:
    b = r.get("bundle") or {}
    if b.get("zip_bytes") is None:
        return f"Offline bundle: null ({b.get('reason') or b.get('error') or 'not measured'})."
    singles = b.get("single_file_html") or {}
    sizes = ", ".join(f"{Path(k).name} {v['bytes'] / 1e6:.2f} MB" for k, v in singles.items())
    return (f"Offline bundle: zip {b['zip_bytes'] / 1e6:.2f} MB; single-file HTML: {sizes or 'none'}; "
            f"built in {b['seconds']:.2f} s.")


def step_cells(e: dict) -> list[str]:
    """One step of a scale stage: pages, build time, runs, against step 1, per page and peak memory;
    a killed build shows lower bounds, and the pages it should have written in brackets."""
    s = e.get("seconds")
    if s:
        build = f"{s['median']:.2f} s"
    elif e.get("timed_out"):
        build = f"> {e['killed_after_s']:.0f} s (killed)"
    else:
        build = e.get("error", "n/a").splitlines()[0][:80]
    vs = (f"{e['time_vs_base']:.1f}×" if e.get("time_vs_base")
          else f"> {e['time_vs_base_at_least']:.0f}×" if e.get("time_vs_base_at_least") else "–")
    peak = (f"{e['peak_rss_mb']['max']:.0f} MB" if e.get("peak_rss_mb")
            else f"≥ {e['peak_rss_mb_at_kill']:.0f} MB" if e.get("peak_rss_mb_at_kill") else "–")
    per_page = f"{e['ms_per_page']:.2f}" if e.get("ms_per_page") else "–"
    pages = e.get("pages") or (f"({e['expected_pages']})" if e.get("expected_pages") else "–")
    return [str(pages), build, str(len(s["runs"]) if s else 0), vs, per_page, peak]


def step_table(stage: dict, key: str, first: tuple[str, ...], base: str, cells) -> list[str]:
    """A scale stage's table: a row a step (first columns from cells(step, entry)), then its growth."""
    if not stage.get(key):
        return []
    out = _head(*first, "Pages", "Build (median)", "Runs", f"vs {base}", "ms / page", "Peak RSS")
    out += ["| " + " | ".join([*cells(k, e), *step_cells(e)]) + " |" for k, e in stage[key].items()]
    return out + (["", f"Growth: {stage['growth']}."] if stage.get("growth") else [])


def scale_table(r: dict) -> list[str]:
    return step_table(r.get("scale") or {}, "sizes", ("Scale", "Sections", "Paragraphs", "Figures"), "1x",
                      lambda k, e: [f"{k}x", str(e["sections"]), str(e["paragraphs"]), str(e["figures"])])


def reports_table(r: dict) -> list[str]:
    return step_table(r.get("reports") or {}, "sites", ("Reports", "Data", "Sections", "Paragraphs", "Figures"),
                      "1 report", lambda k, e: [k, e["data"], str(e["sections"]), str(e["paragraphs"]),
                                                str(e["figures"])])


def failures(r: dict) -> list[str]:
    """A line for every stage that failed (a step of a scale stage that failed shows in its table)."""
    errors = {k: v["error"] for k, v in r.items() if isinstance(v, dict) and "error" in v}
    return [f"\n**{k} failed:** {v.splitlines()[-1] if v else ''}" for k, v in errors.items()]


def markdown(r: dict) -> str:
    """The results as Markdown: the machine, goals, timings, page weight, bundle, scale, reports, failures."""
    scale, reports = scale_table(r), reports_table(r)
    lines = [machine_line(r), "", *goal_table(r), "", *timing_table(r), "", *weight_table(r),
             bundle_line(r), "", *scale, *([""] if scale and reports else []), *reports, *failures(r)]
    return "\n".join(lines) + "\n"
