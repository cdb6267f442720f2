"""The published data: figures, goals, the promise ledger and the glossary as JSON and CSV with
numeric columns, every file described in one Frictionless datapackage.json, and the source texts.

data/ holds the whole site's tables (a report column says whose); data/<report>/ each report's own.
The unprefixed report's files also stay where they were first published (data/figures/<id>.csv,
data/source.zh.txt): addresses are forever.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import l10n
from .cache import digest
from .derive import absolute
from .model import Figure, Range, Relative, Report, Site, Target, Term
from .pages import page_url
from .vocab import SCALES

if TYPE_CHECKING:
    from .kept import Store
    from .reads import DataReads

N, S, I, B = "number", "string", "integer", "boolean"
FIGURE_FIELDS = [
    ("report", S, "Id of the report the figure is in"), ("id", S, "Id of the figure (unique in its report)"),
    ("label_zh", S, "What is measured, in Chinese"), ("label_en", S, "What is measured, in English"),
    ("value", N, "The value as printed (empty for a range)"), ("value_low", N, "Low end of a range"),
    ("value_high", N, "High end of a range"),
    ("scale", S, "Chinese scale word as printed: 万 = 10^4, 亿 = 10^8 …"),
    ("multiplier", I, "What the scale multiplies by: value × multiplier is the amount in the unit"),
    ("value_base", N, "The value in base units of its unit (yuan, people, mu …): value × multiplier"),
    ("value_low_base", N, "Low end of a range in base units"), ("value_high_base", N, "High end of a range in base units"),
    ("unit", S, "Unit (docs/data-format.md: percent, pp, yuan, count, km …)"),
    ("measure_zh", S, "Chinese measure word for counts, which says what is counted: 家 for firms, 所 for schools …"),
    ("qualifier", S, "Qualifiers, ';'-separated (more-than, around, within, striving, towards …)"),
    ("average", B, "true: an average a year over the period, not one year's value"),
    ("period", S, "Year, span, half-year (2021-H2), quarter (2021-Q3) or month (2021-06) it refers to"),
    ("kind", S, "result, baseline, target or plan"), ("topic", S, "Topic id"),
    ("display_zh", S, "The value as shown on the Chinese site"), ("display_en", S, "The value as shown on the English site"),
    ("quote_zh", S, "Verbatim quote from the official text"), ("quote_en", S, "Our English translation of the quote"),
    ("paragraph", S, "Id of the paragraph quoted"), ("section", S, "Id of the section"),
    ("note_zh", S, "Our note on the figure, Chinese"), ("note_en", S, "Our note on the figure, English"),
    ("url_zh", S, "Page of the figure, Chinese (absolute with the site's base URL, else site-relative)"),
    ("url_en", S, "Page of the figure, English (absolute with the site's base URL, else site-relative)"),
]
TARGET_FIELDS = [
    ("report", S, "Id of the report that sets the goal"), ("id", S, "Id of the goal"),
    ("group", S, "annual, five-year or task"), ("figure", S, "Id of the goal's figure"),
    ("label_zh", S, "Indicator, Chinese"), ("label_en", S, "Indicator, English"), ("period", S, "When the goal is due"),
    ("unit", S, "Unit of the goal and its baseline"), ("multiplier", I, "Multiplier of the goal's value (scale)"),
    ("target_value", N, "The goal as printed (empty for a range)"), ("target_low", N, "Low end of a range goal"),
    ("target_high", N, "High end of a range goal"), ("qualifier", S, "The goal's qualifiers, ';'-separated"),
    ("direction", S, "up: more is the aim; down: a ceiling"),
    ("baseline_figure", S, "Id of the latest baseline figure the report gives"),
    ("baseline_value", N, "The latest baseline as printed"), ("baseline_multiplier", I, "Multiplier of the baseline"),
    ("baseline_period", S, "Period of the latest baseline"),
    ("baseline_qualifier", S, "The latest baseline's qualifiers, ';'-separated (a bounded baseline: no change derived)"),
    ("no_baseline_en", S, "Why the report gives no comparable baseline, where it gives another measure"),
    ("change", N, "Derived: goal minus latest baseline, in the unit (percentage points for rates)"),
    ("change_low", N, "Derived: low end of the change for a range goal"), ("change_high", N, "Derived: high end"),
    ("change_bound", S, "lower, upper or around: how the goal's qualifier bounds the change"),
    ("growth_needed_pct", N, "Derived: compound annual growth needed, percent a year"),
    ("growth_needed_low_pct", N, "Derived: low end for a range goal"), ("growth_needed_high_pct", N, "Derived: high end"),
    ("growth_nominal", B, "true: the growth rate is of money amounts at current prices (nominal)"),
    ("target_zh", S, "The goal as shown on the Chinese site"), ("target_en", S, "The goal as shown on the English site"),
    ("baseline_en", S, "The latest baseline as shown on the English site"),
    ("how_computed_en", S, "Derived: the formulas"),
    ("status", S, "Promise ledger status (empty when no later report is in the data)"),
]
LEDGER_FIELDS = [
    ("target", S, "Id of the goal"), ("report", S, "Id of the report that sets it"), ("group", S, "annual, five-year or task"),
    ("label_zh", S, "Indicator, Chinese"), ("label_en", S, "Indicator, English"),
    ("status", S, "The status shown: met, reported_done, partly, missed, in_progress, not_comparable or "
                  "not_reported (the editor's where one is set, else the rule's)"),
    ("computed_status", S, "The status the written rule gives"), ("rule", S, "The written rule that applies (ledger page)"),
    ("editor_status", S, "The status an editor set, with a reason (empty: the rule's status stands)"),
    ("reason_zh", S, "The editor's reason for the status set"), ("reason_en", S, "The same, in English"),
    ("target_value", N, "The goal as printed (empty for a range)"), ("target_low", N, "Low end of a range goal"),
    ("target_high", N, "High end of a range goal"), ("target_scale", S, "The goal's Chinese scale word as printed: 万 or 亿 …"),
    ("target_multiplier", I, "What the goal's scale multiplies by"),
    ("target_base", N, "The goal in base units of its unit (empty for a range)"),
    ("target_low_base", N, "Low end of a range goal in base units"), ("target_high_base", N, "High end in base units"),
    ("target_qualifier", S, "The goal's qualifiers, ';'-separated"),
    ("target_period", S, "When the goal is due"), ("unit", S, "The goal's unit"),
    ("target_measure_zh", S, "What the goal counts (its Chinese measure word), for counts"),
    ("target_quote_zh", S, "Verbatim quote of the report that set the goal"), ("target_quote_en", S, "Our translation"),
    ("outcome_kind", S, "figure (a number), statement (said in words, without a number) or not_reported"),
    ("outcome_value", N, "The outcome as printed (empty for a range or when not reported)"),
    ("outcome_low", N, "Low end of an outcome range"), ("outcome_high", N, "High end of an outcome range"),
    ("outcome_scale", S, "The outcome's Chinese scale word as printed"), ("outcome_multiplier", I, "What it multiplies by"),
    ("outcome_base", N, "The outcome in base units of its unit (empty for a range)"),
    ("outcome_low_base", N, "Low end of an outcome range in base units"),
    ("outcome_high_base", N, "High end of an outcome range in base units"),
    ("outcome_qualifier", S, "The outcome's qualifiers, ';'-separated (more-than: at least that much)"),
    ("outcome_unit", S, "The outcome's unit"), ("outcome_measure_zh", S, "What the outcome counts, for counts"),
    ("outcome_period", S, "The period the outcome refers to"),
    ("outcome_quote_zh", S, "Verbatim quote of the later report (the figure's quote, or the statement)"),
    ("outcome_quote_en", S, "Our translation of it"),
    ("outcome_report", S, "Id of the later report"), ("outcome_figure", S, "Id of the outcome's figure there"),
    ("outcome_paragraph", S, "Id of the paragraph quoted"),
    ("outcome_note_zh", S, "Our note on the outcome, Chinese"), ("outcome_note_en", S, "The same, in English"),
    ("url_zh", S, "The goal's verdict card, Chinese (absolute with the site's base URL, else site-relative)"),
    ("url_en", S, "The goal's verdict card, English (absolute with the site's base URL, else site-relative)"),
]
GLOSSARY_FIELDS = [
    ("id", S, "Stable id of the term"), ("zh", S, "The Chinese term"), ("pinyin", S, "Pinyin"),
    ("en", S, "Our English rendering"), ("explanation_zh", S, "Explanation, Chinese"),
    ("explanation_en", S, "Explanation, English"),
    ("paragraphs", S, "Where it appears: report:paragraph ids, ';'-separated"),
]
TABLES = {"figures": FIGURE_FIELDS, "targets": TARGET_FIELDS, "ledger": LEDGER_FIELDS, "glossary": GLOSSARY_FIELDS}
# A spreadsheet runs a cell that begins with one of these as a formula ("CSV injection", OWASP): a glossary
# name "=1+1" would be computed, and worse formulas fetch or run things. As OWASP recommends, such a text cell
# starts with an apostrophe, which spreadsheets read as "this is text". A number is written as a number, its
# minus sign and all: -0.6 in a numeric column is data that no spreadsheet runs, and an apostrophe would turn
# it into text for every reader of the file. The JSON files hold every text as it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_NOTE = ("Text cells that begin with =, +, -, @, a tab or a carriage return start with an apostrophe (') "
                 "so that spreadsheets do not run them as formulas (the JSON file holds the text as it is); "
                 "numbers are written as numbers, negative ones with their minus sign.")


def _range(v: float | Range | Relative | None) -> tuple:
    if v is None or isinstance(v, Relative):  # a level set by another figure has no number of its own
        return None, None, None
    return (None, v.low, v.high) if isinstance(v, Range) else (v, None, None)


def _base(f: Figure | None) -> tuple:
    """A figure's value, or the ends of its range, in base units of its unit (亿 and 万 multiplied out)."""
    return _range(None if f is None or f.relative else absolute(f))


def _url(site: Site, kind: str, lang: str, ident: str, report_id: str | None = None) -> str:
    """A page's address: absolute under the site's base URL, or site-relative without one."""
    path = page_url(kind, lang, ident, report_id)
    return site.url + path if site.url else "/" + path


def figure_row(f: Figure, site: Site) -> dict:
    value, low, high = _range(f.value)
    base, base_low, base_high = _base(f)
    return {
        "report": f.report_id, "id": f.id, "label_zh": f.label.zh, "label_en": f.label.en,
        "value": value, "value_low": low, "value_high": high, "scale": f.scale,
        "multiplier": SCALES.get(f.scale or "", 1), "value_base": _round(base), "value_low_base": _round(base_low),
        "value_high_base": _round(base_high), "unit": f.unit.id, "measure_zh": f.measure_zh,
        "qualifier": ";".join(q.id for q in f.qualifiers) or None, "average": f.average, "period": f.period,
        "kind": f.kind, "topic": f.topic,
        "display_zh": l10n.figure_value(f, "zh"), "display_en": l10n.figure_value(f, "en"),
        "quote_zh": f.quote_zh, "quote_en": f.quote_en, "paragraph": f.paragraph_id, "section": f.section_id,
        "note_zh": f.note.zh if f.note else None, "note_en": f.note.en if f.note else None,
        "url_zh": _url(site, "figure", "zh", f.id, f.report_id), "url_en": _url(site, "figure", "en", f.id, f.report_id),
    }


def target_row(t: Target) -> dict:
    derived = {d.name: d for d in t.derived}
    latest = t.baselines[-1] if t.baselines else None
    value, low, high = _range(t.figure.value)
    change, needed = derived.get("change"), derived.get("growth-needed")
    c_value, c_low, c_high = _range(change.value if change else None)
    g_value, g_low, g_high = _range(needed.value if needed else None)
    return {
        "report": t.report_id, "id": t.id, "group": t.group, "figure": t.figure.id,
        "label_zh": t.figure.label.zh, "label_en": t.figure.label.en, "period": t.figure.period,
        "unit": t.figure.unit.id, "multiplier": SCALES.get(t.figure.scale or "", 1),
        "target_value": value, "target_low": low, "target_high": high,
        "qualifier": ";".join(q.id for q in t.figure.qualifiers) or None, "direction": t.direction,
        "baseline_figure": latest.id if latest else None,
        "baseline_value": _range(latest.value)[0] if latest else None,
        "baseline_multiplier": SCALES.get(latest.scale or "", 1) if latest else None,
        "baseline_period": latest.period if latest else None,
        "baseline_qualifier": ";".join(q.id for q in latest.qualifiers) or None if latest else None,
        "no_baseline_en": t.no_baseline.en if t.no_baseline else None,
        "change": _round(c_value), "change_low": _round(c_low), "change_high": _round(c_high),
        "change_bound": _bound_side(change),
        "growth_needed_pct": _round(g_value), "growth_needed_low_pct": _round(g_low),
        "growth_needed_high_pct": _round(g_high), "growth_nominal": needed.nominal if needed else None,
        "target_zh": l10n.figure_value(t.figure, "zh"), "target_en": l10n.figure_value(t.figure, "en"),
        "baseline_en": f"{l10n.figure_value(latest, 'en')} ({l10n.period(latest.period, 'en')})" if latest else None,
        "how_computed_en": " | ".join(l10n.formula(d, "en") for d in t.derived) or None,
        "status": t.verdict.status if t.verdict else None,
    }


def ledger_row(t: Target, site: Site) -> dict:
    goal, o, v = t.figure, t.outcome.figure, t.verdict
    said = o or t.outcome.statement
    value, low, high = _range(goal.value)
    base, base_low, base_high = _base(goal)
    o_value, o_low, o_high = _range(o.value if o else None)
    o_base, o_base_low, o_base_high = _base(o)
    note = t.outcome.note
    return {
        "target": t.id, "report": t.report_id, "group": t.group, "label_zh": goal.label.zh,
        "label_en": goal.label.en, "status": v.status, "computed_status": v.computed, "rule": v.rule,
        "editor_status": v.status if v.by_editor else None,
        "reason_zh": v.reason.zh if v.reason else None, "reason_en": v.reason.en if v.reason else None,
        "target_value": value, "target_low": low, "target_high": high, "target_scale": goal.scale,
        "target_multiplier": SCALES.get(goal.scale or "", 1), "target_base": _round(base),
        "target_low_base": _round(base_low), "target_high_base": _round(base_high),
        "target_qualifier": _qualifiers(goal), "target_period": goal.period, "unit": goal.unit.id,
        "target_measure_zh": goal.measure_zh, "target_quote_zh": goal.quote_zh, "target_quote_en": goal.quote_en,
        "outcome_kind": "figure" if o else "statement" if t.outcome.statement else "not_reported",
        "outcome_value": o_value, "outcome_low": o_low, "outcome_high": o_high,
        "outcome_scale": o.scale if o else None, "outcome_multiplier": SCALES.get(o.scale or "", 1) if o else None,
        "outcome_base": _round(o_base), "outcome_low_base": _round(o_base_low), "outcome_high_base": _round(o_base_high),
        "outcome_qualifier": _qualifiers(o) if o else None,
        "outcome_unit": o.unit.id if o else None, "outcome_measure_zh": o.measure_zh if o else None,
        "outcome_period": o.period if o else None,
        "outcome_quote_zh": said.quote_zh if said else None, "outcome_quote_en": said.quote_en if said else None,
        "outcome_report": t.outcome.report_id, "outcome_figure": o.id if o else None,
        "outcome_paragraph": said.paragraph_id if said else None,
        "outcome_note_zh": note.zh if note else None, "outcome_note_en": note.en if note else None,
        "url_zh": _url(site, "verdict", "zh", t.id), "url_en": _url(site, "verdict", "en", t.id),
    }


def _qualifiers(f: Figure) -> str | None:
    return ";".join(q.id for q in f.qualifiers) or None


def term_row(t: Term, report: Report | None = None) -> dict:
    uses = [(r, p) for r, p in t.uses if report is None or r == report.id]
    return {"id": t.id, "zh": t.zh, "pinyin": t.pinyin, "en": t.en, "explanation_zh": t.explanation.zh,
            "explanation_en": t.explanation.en, "paragraphs": ";".join(f"{r}:{p}" for r, p in uses) or None}


def _round(v):
    return None if v is None else round(v, 6)


def _bound_side(change) -> str | None:
    from .derive import LOWER_BOUND, NEAR, UPPER_BOUND

    if change is None or change.bound is None:
        return None
    q = change.bound.id
    return "lower" if q in LOWER_BOUND else "upper" if q in UPPER_BOUND else "around" if q in NEAR else None


def to_json_bytes(rows: list[dict]) -> bytes:
    """The rows as json.dumps(rows, ensure_ascii=False, indent=1) writes them, and a newline."""
    return json_rows([json_row(row) for row in rows])


def json_rows(texts: list[str]) -> bytes:
    """A list of rows, each already written by json_row."""
    return (("[\n" + ",\n".join(texts) + "\n]") if texts else "[]").encode("utf-8") + b"\n"


def json_row(row: dict) -> str:
    """A row as an item of a list written by json.dumps(..., ensure_ascii=False, indent=1), byte for byte: json's
    own string and number writers, without its pure-Python indenting encoder (indent= turns off the fast
    one, and it cost ten times this)."""
    if not row:
        return " {}"
    return " {\n" + ",\n".join(f"  {_STRING(key)}: {_json_scalar(value)}" for key, value in row.items()) + "\n }"


_STRING = json.encoder.encode_basestring  # the string writer of json.dumps(..., ensure_ascii=False)


def _json_scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _STRING(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    raise TypeError(f"not a value a table's cell holds: {value!r}")  # NaN, a list …: rows hold none


def to_csv_bytes(rows: list[dict], fields: list[tuple]) -> bytes:
    """UTF-8 with a BOM (so Excel reads the Chinese) and a header row; booleans as true/false."""
    return csv_file(csv_lines(rows, fields), fields)


def csv_file(lines: list[str], fields: list[tuple]) -> bytes:
    """A CSV file of rows already written by csv_lines."""
    return b"\xef\xbb\xbf" + (csv_lines([{f[0]: f[0] for f in fields}], fields)[0] + "".join(lines)).encode("utf-8")


def csv_lines(rows: list[dict], fields: list[tuple]) -> list[str]:
    """Each row as one CSV record, its line ending included, its cells in the fields' order (csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names, out = [f[0] for f in fields], []
    for row in rows:
        writer.writerow([csv_cell(row.get(name, "")) for name in names])
        out.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return out


def csv_cell(value: object) -> object:
    """A value as a CSV cell: empty for None, true/false, a number as it is, a text that a spreadsheet would
    run as a formula behind an apostrophe (FORMULA_STARTS)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def tables(site: Site, report: Report | None) -> dict[str, list[dict]]:
    """The rows of each table: the whole site's (report None) or one report's."""
    reports = site.reports if report is None else (report,)
    terms = [t for t in site.terms if report is None or t.used_in(report.id)]
    goals = [t for r in reports for t in r.targets]
    return {"figures": [figure_row(f, site) for r in reports for f in r.figures],
            "targets": [target_row(t) for t in goals], "ledger": [ledger_row(t, site) for t in goals if t.verdict],
            "glossary": [term_row(t, report) for t in terms]}


def download_files(site: Site, report: Report | None) -> list[tuple[str, str]]:
    """(path, media type) of the downloads of a report, or of the whole site: the one list the downloads
    pages, the JSON-LD distributions and datapackage.json all read."""
    folder = "data/" if report is None else f"data/{report.id}/"
    names = ["figures", "targets", "glossary"] + (["ledger"] if report is None else [])
    out = [(f"{folder}{n}.{ext}", kind) for n in names for ext, kind in (("csv", "text/csv"), ("json", "application/json"))]
    if report is not None:
        out.append((f"{folder}source.zh.txt", "text/plain"))
    return out + [("data/datapackage.json", "application/json")]


def data_files(site: Site) -> dict[str, bytes]:
    """Every data file of the site, and datapackage.json describing them all."""
    files = site_tables(site)
    for report in site.reports:
        files.update(report_files(site, report))
    files["data/datapackage.json"] = datapackage(site, files)
    return files


# Each report's rows of the site's tables, written (JSON, CSV): name -> (each row's JSON, each row's CSV line)
Written = dict[str, tuple[list[str], list[str]]]
REPORT_TABLES = ("figures", "targets", "ledger")  # the site's tables made of each report's rows, in its order
ROWS_FORMAT = 1  # of the kept rows' file (kept.py): raise it when what a report's rows hold changes meaning


def site_tables(site: Site, kept: Store[Written] | None = None, data: DataReads | None = None) -> dict[str, bytes]:
    """The whole site's tables (data/): every report's rows, a report column says whose. With a store (and the data's
    hashes), a report's rows are taken from it when it holds them made from the same figures and goals (the site's
    address in their links too): a figure edited writes its report's rows again, not six reports'."""
    written = [kept.get(digest(ROWS_FORMAT, site.url, data.hash(f"tables:{r.id}")), partial(report_rows, site, r))
               if kept is not None and data is not None else report_rows(site, r) for r in site.reports]
    files = {}
    for name in REPORT_TABLES:
        files[f"data/{name}.json"] = json_rows([text for rows in written for text in rows[name][0]])
        files[f"data/{name}.csv"] = csv_file([line for rows in written for line in rows[name][1]], TABLES[name])
    glossary = [term_row(t) for t in site.terms]
    files.update({"data/glossary.json": to_json_bytes(glossary),
                  "data/glossary.csv": to_csv_bytes(glossary, GLOSSARY_FIELDS)})
    return files


def report_rows(site: Site, report: Report) -> Written:
    """A report's rows of the site's figures, goals and ledger, written; what they read: its figures and goals (its
    tables:R, reads.py), the site's address."""
    rows = {"figures": [figure_row(f, site) for f in report.figures],
            "targets": [target_row(t) for t in report.targets],
            "ledger": [ledger_row(t, site) for t in report.targets if t.verdict]}
    return {name: ([json_row(row) for row in table], csv_lines(table, TABLES[name])) for name, table in rows.items()}


def kept_rows(dist: Path, use_previous: bool = True) -> Store[Written]:
    """The reports' rows the last build wrote, kept beside dist/ (dist.tables.bin)."""
    from .kept import Store, beside

    return Store(beside(dist, "tables"), ROWS_FORMAT, written_rows, use_previous)


def written_rows(value: object) -> Written:
    """A report's rows as the store keeps them (kept.Store's check)."""
    if not (isinstance(value, dict) and set(value) == set(REPORT_TABLES) and all(
            isinstance(pair, tuple) and len(pair) == 2 and len(pair[0]) == len(pair[1])
            and all(isinstance(text, str) for column in pair for text in column) for pair in value.values())):
        raise ValueError("not a report's rows")
    return value


def report_files(site: Site, report: Report) -> dict[str, bytes]:
    """One report's files (data/<id>/): its tables (the ledger is the site's alone), its source text, a small
    file for each figure; and for the unprefixed report, the copies where they were first published."""
    folder = f"data/{report.id}/"
    rows = {name: table for name, table in tables(site, report).items() if name != "ledger"}
    figures = [json_row(row) for row in rows["figures"]]  # each written once, for the table and its own file
    lines = csv_lines(rows["figures"], FIGURE_FIELDS)
    files = table_files(folder, rows, figures, lines)
    files[f"{folder}source.zh.txt"] = report.source_text.encode("utf-8")
    for f, text, line in zip(report.figures, figures, lines):  # linked from the figure's page
        files[f"{folder}figures/{f.id}.json"] = json_rows([text])
        files[f"{folder}figures/{f.id}.csv"] = csv_file([line], FIGURE_FIELDS)
    if report.id == site.unprefixed_report:
        files.update(first_addresses(report, files))
    return files


def table_files(folder: str, rows: dict[str, list[dict]], figures: list[str] | None = None,
                lines: list[str] | None = None) -> dict[str, bytes]:
    """Each table as JSON and CSV (figures, lines: the figures' rows as JSON and CSV, when already written)."""
    files = {}
    for name, table in rows.items():
        mine = name == "figures" and figures is not None
        files[f"{folder}{name}.json"] = json_rows(figures) if mine else to_json_bytes(table)
        files[f"{folder}{name}.csv"] = csv_file(lines, FIGURE_FIELDS) if mine else to_csv_bytes(table, TABLES[name])
    return files


def first_addresses(report: Report, files: dict[str, bytes]) -> dict[str, bytes]:
    """The unprefixed report's per-figure files and source text where they were first published."""
    out = {"data/source.zh.txt": files[f"data/{report.id}/source.zh.txt"]}
    for f in report.figures:
        for ext in ("json", "csv"):
            out[f"data/figures/{f.id}.{ext}"] = files[f"data/{report.id}/figures/{f.id}.{ext}"]
    return out


def data_paths(site: Site) -> list[str]:
    """The path of every data file (what data_files makes), without making them."""
    paths = [f"data/{name}.{ext}" for name in TABLES for ext in ("json", "csv")]
    for report in site.reports:
        folder = f"data/{report.id}/"
        paths += [f"{folder}{name}.{ext}" for name in TABLES if name != "ledger" for ext in ("json", "csv")]
        paths.append(f"{folder}source.zh.txt")
        figures = [f"figures/{f.id}.{ext}" for f in report.figures for ext in ("json", "csv")]
        paths += [folder + name for name in figures]
        if report.id == site.unprefixed_report:
            paths += ["data/source.zh.txt"] + ["data/" + name for name in figures]
    return paths


def datapackage(site: Site, paths) -> bytes:
    """A Frictionless data package of the files at these paths: every CSV a tabular resource with its typed schema,
    JSON and text as plain resources (the data-package profile, since not every resource is a table)."""
    schemas = {table: json.dumps(schema(fields), ensure_ascii=False, indent=1).replace("\n", "\n   ")
               for table, fields in TABLES.items()}  # each written once, as it stands in a resource
    shapes: dict[tuple, list[str]] = {}  # a resource's text but for its name and path, by its other fields
    resources = []
    for path in sorted(paths):
        resource = _resource(path)
        shape = tuple(item for item in resource.items() if item[0] not in ("name", "path"))
        if shape not in shapes:  # its text cut where the name and the path go (hundreds of figures share a shape)
            shapes[shape] = _resource_text({**resource, "name": "\0", "path": "\0"}, schemas).split(_STRING("\0"))
        before, between, after = shapes[shape]
        resources += (",\n" if resources else "", before, _STRING(resource["name"]), between,
                      _STRING(resource["path"]), after)
    package = {
        "profile": "data-package", "name": _resource_name(site.name.en.lower()),
        "title": f"{site.name.en} — data", "version": site.last_updated.isoformat(),
        "description": "Every figure of each report with its verbatim source quote, the goals with their derived "
                       "numbers, the promise ledger and the glossary.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": f"{r.source.title}（{r.source.publisher.zh}）", "path": r.source.url}
                    for r in site.reports],
        "hash": site.data_hash, "resources": RESOURCES_MARK,
    }
    listed = "".join(["[\n", *resources, "\n ]"]) if resources else "[]"
    return (json.dumps(package, ensure_ascii=False, indent=1).replace(_STRING(RESOURCES_MARK), listed) + "\n").encode()


RESOURCES_MARK = "\0resources\0"  # where datapackage writes the resources: no text of the data holds a NUL


def _resource(path: str) -> dict[str, str]:
    """A file's resource; a CSV's schema: the name of its table."""
    name = path.removeprefix("data/")
    resource = {"name": _resource_name(name), "path": name, "encoding": "utf-8"}
    if path.endswith(".csv"):
        base = name.rsplit("/", 1)[-1].removesuffix(".csv")
        resource.update(profile="tabular-data-resource", format="csv", mediatype="text/csv", encoding="utf-8-sig",
                        description=CSV_TEXT_NOTE, schema="figures" if "/figures/" in f"/{name}" else base)
    else:
        ext = path.rsplit(".", 1)[-1]
        resource.update(format=ext, mediatype="application/json" if ext == "json" else "text/plain")
    return resource


def _resource_text(resource: dict[str, str], schemas: dict[str, str]) -> str:
    """A resource as json.dumps(package, ensure_ascii=False, indent=1) writes it in the package's list of resources
    (its schema as schemas writes its table's), byte for byte, without json's pure-Python indenting encoder."""
    return "  {\n" + ",\n".join(f"   {_STRING(key)}: {schemas[value] if key == 'schema' else _STRING(value)}"
                                  for key, value in resource.items()) + "\n  }"


def schema(fields: list[tuple]) -> dict:
    """A table's Frictionless schema."""
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}


def _resource_name(path: str) -> str:
    """A Frictionless resource name: lowercase, digits, - _ . only."""
    return NOT_IN_A_NAME.sub("-", path.lower()).strip("-") or "data"


NOT_IN_A_NAME = re.compile(r"[^a-z0-9._-]")  # (the path in lower case: no capital is left)
