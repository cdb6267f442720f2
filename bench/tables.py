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
    "vs_hugo": 2.0,  # our cold build at most 2 x Hugo's build of the twin (median of the paired ratios)
    "no_change_s": 0.3,  # build.py again with nothing changed
    "one_text_s": 1.0,  # build.py again after editing one section's text (and never slower than a clean build)
    "one_section_s": 1.0,  # build.py again after editing one section's title (and never slower than a clean build)
    "one_figure_s": 1.0,  # build.py again after editing one figure
    "reports_vs_one": 3.0,  # the real site's reports, clean, at most 3 x one report
}
REBUILDS = (("cold_one_process_s", "Cold build, one process (`--jobs 1`)"),
            ("cold_all_cores_s", "Cold build, a process per processor (the default)"),
            ("no_change_s", "Rebuild, nothing changed"),
            ("one_text_s", "Rebuild after editing one section's text (a paragraph's English)"),
            ("one_section_s", "Rebuild after editing one section's title (in its report's contents rail)"),
            ("one_figure_s", "Rebuild after editing one figure (its English label)"),
            ("one_template_s", "Rebuild after editing a template two pages use (`glossary.html`)"))
SERVE_EDITS = (("yaml_edit_s", "YAML edit"), ("template_edit_s", "template edit"),
               ("first_write_edit_s", "YAML edit during the first write of dist/"))


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


def hugo_goal(r: dict) -> list[dict]:
    """Our cold build against Hugo's build of the twin, paired: the median of the per-pair ratios; and the
    peak memory of each."""
    h = r.get("hugo") or {}
    v = _get(h, "ratio", "median_of_pair_ratios")
    name = "Cold build vs Hugo twin (same pages, paired)"
    if v is None:
        return [_row(name, None, "null" if h else "n/a", "≤ 2×", None, h.get("reason") or h.get("error") or "")]
    shown = f"ours {h['ours_s']['median']:.2f} s, Hugo {h['hugo_s']['median']:.2f} s: {v:.1f}×"
    ours, hugo = h["ours_peak_rss_mb"]["median"], h["hugo_peak_rss_mb"]["median"]
    return [_row(name, v, shown, "≤ 2×", v <= GOALS["vs_hugo"]),
            _row("Peak memory vs Hugo twin (largest process)", ours, f"ours {ours:.0f} MB, Hugo {hugo:.0f} MB",
                 "≤ Hugo's", ours <= hugo)]


def rebuild_goals(r: dict) -> list[dict]:
    """A build with nothing changed, after editing one section's text, its title and one figure, each a fresh
    `python build.py`; a section edited never slower than a clean build."""
    rows = []
    for key, name, goal in (("no_change_s", "Rebuild with nothing changed (`python build.py` again)", "≤ 0.3 s"),
                            ("one_text_s", "Rebuild after editing one section's text", "≤ 1 s"),
                            ("one_section_s", "Rebuild after editing one section's title", "≤ 1 s"),
                            ("one_figure_s", "Rebuild after editing one figure", "≤ 1 s")):
        v = _get(r, "rebuild", key, "median")
        rows.append(_row(name, v, f"{v:.2f} s" if v is not None else "n/a", goal,
                         None if v is None else v <= GOALS[key]))
    clean = _get(r, "rebuild", "cold_all_cores_s", "median")
    for key, what in (("one_text_s", "text"), ("one_section_s", "title")):
        v = _get(r, "rebuild", key, "median")
        rows.append(_row(f"Rebuild after editing one section's {what} vs a clean build", v,
                         f"{v:.2f} s vs {clean:.2f} s" if v is not None and clean is not None else "n/a",
                         "never slower", None if v is None or clean is None else v <= clean))
    return rows


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
    return build_goals(r) + hugo_goal(r) + rebuild_goals(r) + serve_goals(r) + page_goals(r) + scale_goals(r)


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
            f"{m['memory_mb']} MB RAM; Python {m['python']} ({m['implementation']}{interpreter_home(m)}); "
            f"{m['platform']}. "
            f"Medians of {r['settings']['runs']} runs; {r['finished']}, whole bench {r['total_seconds']:.0f} s; "
            f"load average (1 min) at start {r['load_average_start'][0]:.2f}, highest around a stage "
            f"{highest:.2f}.{file_system_note(r.get('new_file_us') or {})}")


def interpreter_home(m: dict) -> str:
    """Where the interpreter that ran the builds is installed: two builds of one Python differ in speed (Debian 12's
    python3.11 made a clean build in 18 % less time than pyenv's 3.11.7, built from source as a shared library)."""
    return f", from {m['base_prefix']}" if m.get("base_prefix") else ""


def file_system_note(costs: dict[str, float]) -> str:
    """What a new file cost the file system before each stage (a slow one slows every build on disk)."""
    if not costs:
        return ""
    each = ", ".join(f"{stage} {us:.0f}" for stage, us in costs.items())
    return f" A new empty file took (µs, before each stage): {each}."


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


def hugo_table(r: dict) -> list[str]:
    """Our cold build and Hugo's build of the twin side by side, the ratio; a line when not measured."""
    h = r.get("hugo")
    if h is None:
        return []
    if not h.get("ratio"):
        return [f"Hugo twin: null ({h.get('reason') or h.get('error') or 'not measured'}).", ""]
    pages, ratio = h["pages"], h["ratio"]
    rss = {who: h[f"{who}_peak_rss_mb"]["median"] for who in ("ours", "hugo")}
    return _head("Cold build vs Hugo twin", "Ours", "Hugo") + [
        f"| Command | `{h['commands']['ours']}` | `{h['commands']['hugo']}` |",
        f"| Build, median (min, max) | {_fmt_s(h['ours_s'])} | {_fmt_s(h['hugo_s'])} |",
        f"| Peak RSS (median) | {rss['ours']:.0f} MB | {rss['hugo']:.0f} MB |",
        f"| HTML pages | {pages['ours_without_redirects']} (and {pages['ours'] - pages['ours_without_redirects']} "
        f"redirect pages) | {pages['hugo']} |",
    ] + ["", f"Ours / Hugo: {ratio['median_of_pair_ratios']:.2f}× (median of {len(ratio['pairs'])} paired runs), "
             f"{ratio['ratio_of_medians']:.2f}× (ratio of the medians). {h['hugo_version'].split(' BuildDate')[0]}; "
             f"the twin holds {h['twin']['text_bytes'] / 1e6:.1f} MB of text"
             + ("" if pages["close"] else "; **the page counts differ by more than 5 %**") + ".", ""]


def rebuild_table(r: dict) -> list[str]:
    """Each kind of build in a fresh process, with what it rendered (from its own summary line)."""
    b = r.get("rebuild")
    if not b or "error" in b:
        return []
    return _head("Build of the real site", "Median (min, max)", "Rendered") + [
        f"| {name} | {_fmt_s(b[key])} | {b['rendered'].get(key, '–')} |" for key, name in REBUILDS if b.get(key)] + [""]


def profile_table(r: dict) -> list[str]:
    """Where one build's time goes, by step; Jinja's part; the functions taking the most time."""
    p = r.get("profile") or {}
    if not p.get("steps_s"):
        return []
    steps, shares = p["steps_s"], p["shares"]
    names = {"import": "import the build's modules (in the build's process)", "load": "load (`read_site`)",
             "render": "render (`render_site`)", "check_published": "check the published addresses",
             "write": "write (`write_site`)"}
    out = _head("Where the time goes (one build, one process)", "Seconds", "Share")
    out += [f"| {names.get(k, k)} | {v:.3f} | {shares[k]:.0%} |" for k, v in steps.items()]
    out.append(f"| total | {p['total_s']:.3f} | 100% |")
    prof = p["profiled_steps_s"]
    out += ["", f"`python -X importtime -c \"import reportsite.cli\"`: {p['imports']['reportsite_cli_s']:.3f} s. "
                f"Under cProfile (slower: the render took {prof['render']:.2f} s), Jinja's `Template.render` is "
                f"{p['jinja_render_s'] / prof['render']:.0%} of the render; imports take "
                f"{p['imports_in_profile_s']:.2f} s in all.", ""]
    out += _head("Function (cProfile, by cumulative time)", "Calls", "Own s", "Cumulative s")
    out += [f"| `{f['function']}` | {f['calls']} | {f['own_s']:.3f} | {f['cumulative_s']:.3f} |"
            for f in p["top_cumulative"][:10]]
    return out + [""]


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
    again = f"{e['no_change_s']:.2f} s" if e.get("no_change_s") else "–"
    new_file = f"{e['new_file_us']:.0f} µs" if e.get("new_file_us") else "–"
    return [str(pages), build, str(len(s["runs"]) if s else 0), vs, per_page, peak, again, new_file]


def step_table(stage: dict, key: str, first: tuple[str, ...], base: str, cells) -> list[str]:
    """A scale stage's table: a row a step (first columns from cells(step, entry)), then its growth."""
    if not stage.get(key):
        return []
    out = _head(*first, "Pages", "Build (median)", "Runs", f"vs {base}", "ms / page", "Peak RSS", "Nothing changed",
                "A new file")
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
    """The results as Markdown: the machine, goals, timings, Hugo twin, rebuilds, profile, page weight, bundle,
    scale, reports, failures."""
    scale, reports = scale_table(r), reports_table(r)
    lines = [machine_line(r), "", *goal_table(r), "", *timing_table(r), "", *hugo_table(r), *rebuild_table(r), *profile_table(r),
             *weight_table(r), bundle_line(r), "", *scale, *([""] if scale and reports else []), *reports,
             *failures(r)]
    return "\n".join(lines) + "\n"
