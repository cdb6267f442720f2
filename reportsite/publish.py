"""The published data: figures, targets and glossary as JSON and CSV, a Frictionless
datapackage.json describing them, and the source text."""

from __future__ import annotations

import csv
import io
import json

from . import l10n
from .model import Figure, Range, Report, Target
from .pages import page_url
from .vocab import SCALES

FIGURE_FIELDS = [
    ("id", "string", "Stable id of the figure"),
    ("label_zh", "string", "What is measured, in Chinese"),
    ("label_en", "string", "What is measured, in English"),
    ("value", "number", "The value as printed (empty for a range)"),
    ("value_low", "number", "Low end of a range"),
    ("value_high", "number", "High end of a range"),
    ("scale", "string", "Chinese scale word as printed (万 = 10^4, 亿 = 10^8 …)"),
    ("multiplier", "integer", "What the scale multiplies by"),
    ("unit", "string", "Unit: percent, yuan, usd, count, mu, hectare, km, sqm, tonne, jin, index, rank, times"),
    ("measure_zh", "string", "Chinese measure word for counts"),
    ("qualifier", "string", "Qualifiers, separated by ';' (more-than, around, within, at-least, over, striving …)"),
    ("period", "string", "Year or span the figure refers to"),
    ("kind", "string", "result, baseline, target or plan"),
    ("topic", "string", "Topic id"),
    ("display_zh", "string", "The value as shown on the Chinese site"),
    ("display_en", "string", "The value as shown on the English site"),
    ("quote_zh", "string", "Verbatim quote from the source text"),
    ("quote_en", "string", "Our English translation of the quote"),
    ("paragraph", "string", "Id of the paragraph quoted"),
    ("section", "string", "Id of the section"),
    ("url_zh", "string", "Page of the figure, Chinese"),
    ("url_en", "string", "Page of the figure, English"),
]
TARGET_FIELDS = [
    ("id", "string", "Stable id of the goal"),
    ("group", "string", "annual, five-year or task"),
    ("figure", "string", "Id of the goal's figure"),
    ("label_zh", "string", "Indicator, Chinese"),
    ("label_en", "string", "Indicator, English"),
    ("period", "string", "When the goal is due"),
    ("target_zh", "string", "The goal as shown on the Chinese site"),
    ("target_en", "string", "The goal as shown on the English site"),
    ("baselines", "string", "Ids of the baseline figures the report gives, ';'-separated, oldest first"),
    ("baseline_en", "string", "The latest baseline as shown on the English site"),
    ("change_en", "string", "Derived: goal minus latest baseline"),
    ("growth_needed_en", "string", "Derived: compound annual growth needed"),
    ("how_computed_en", "string", "Derived: the formulas"),
]
GLOSSARY_FIELDS = [
    ("id", "string", "Stable id of the term"),
    ("zh", "string", "The Chinese term"),
    ("pinyin", "string", "Pinyin"),
    ("en", "string", "Our English rendering"),
    ("explanation_zh", "string", "Explanation, Chinese"),
    ("explanation_en", "string", "Explanation, English"),
    ("paragraphs", "string", "Ids of paragraphs where it appears, ';'-separated"),
]


def figure_row(report: Report, f: Figure) -> dict:
    is_range = isinstance(f.value, Range)
    return {
        "id": f.id, "label_zh": f.label.zh, "label_en": f.label.en,
        "value": None if is_range else f.value,
        "value_low": f.value.low if is_range else None, "value_high": f.value.high if is_range else None,
        "scale": f.scale, "multiplier": SCALES.get(f.scale or "", 1), "unit": f.unit, "measure_zh": f.measure_zh,
        "qualifier": ";".join(f.qualifiers) or None, "period": f.period, "kind": f.kind, "topic": f.topic,
        "display_zh": l10n.figure_value(f, "zh"), "display_en": l10n.figure_value(f, "en"),
        "quote_zh": f.quote_zh, "quote_en": f.quote_en, "paragraph": f.paragraph_id, "section": f.section_id,
        "url_zh": report.site_url + page_url("figure", "zh", f.id),
        "url_en": report.site_url + page_url("figure", "en", f.id),
    }


def target_row(t: Target) -> dict:
    derived = {d.name: d for d in t.derived}
    latest = t.baselines[-1] if t.baselines else None
    return {
        "id": t.id, "group": t.group, "figure": t.figure.id, "label_zh": t.figure.label.zh,
        "label_en": t.figure.label.en, "period": t.figure.period,
        "target_zh": l10n.figure_value(t.figure, "zh"), "target_en": l10n.figure_value(t.figure, "en"),
        "baselines": ";".join(b.id for b in t.baselines) or None,
        "baseline_en": f"{l10n.figure_value(latest, 'en')} ({latest.period})" if latest else None,
        "change_en": l10n.derived_value(derived["change"], "en") if "change" in derived else None,
        "growth_needed_en": l10n.derived_value(derived["growth-needed"], "en") if "growth-needed" in derived else None,
        "how_computed_en": " | ".join(l10n.formula(d, "en") for d in t.derived) or None,
    }


def term_row(t) -> dict:
    return {"id": t.id, "zh": t.zh, "pinyin": t.pinyin, "en": t.en, "explanation_zh": t.explanation.zh,
            "explanation_en": t.explanation.en, "paragraphs": ";".join(t.paragraph_ids) or None}


def to_json_bytes(rows: list[dict]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def to_csv_bytes(rows: list[dict], fields: list[tuple]) -> bytes:
    """UTF-8 with a BOM (so Excel reads the Chinese) and a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f[0] for f in fields], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _resource(name: str, path: str, fields: list[tuple], fmt: str, title: str) -> dict:
    resource = {"name": name, "path": path, "format": fmt, "encoding": "utf-8", "title": title,
                "mediatype": "text/csv" if fmt == "csv" else "application/json"}
    if fmt == "csv":
        resource["schema"] = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}
    return resource


def data_files(report: Report) -> dict[str, bytes]:
    figures = [figure_row(report, f) for f in report.figures]
    targets = [target_row(t) for t in report.targets]
    terms = [term_row(t) for t in report.terms]
    package = {
        "profile": "tabular-data-package",
        "name": report.id,
        "title": f"{report.site_name.en} — data",
        "description": f"Every figure, goal and glossary term of the {report.title.en} ({report.date.isoformat()}), "
                       "each figure with its verbatim source quote.",
        "version": report.last_updated.isoformat(),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": f"{report.title.zh} ({report.date.isoformat()})", "path": "source.zh.txt"}],
        "hash": report.data_hash,
        "resources": [
            _resource("figures", "figures.csv", FIGURE_FIELDS, "csv", "Figures"),
            _resource("targets", "targets.csv", TARGET_FIELDS, "csv", "Goals with derived numbers"),
            _resource("glossary", "glossary.csv", GLOSSARY_FIELDS, "csv", "Glossary of policy shorthand"),
            _resource("figures-json", "figures.json", FIGURE_FIELDS, "json", "Figures (JSON)"),
            _resource("targets-json", "targets.json", TARGET_FIELDS, "json", "Goals (JSON)"),
            _resource("glossary-json", "glossary.json", GLOSSARY_FIELDS, "json", "Glossary (JSON)"),
        ],
    }
    files = {
        "data/figures.json": to_json_bytes(figures),
        "data/figures.csv": to_csv_bytes(figures, FIGURE_FIELDS),
        "data/targets.json": to_json_bytes(targets),
        "data/targets.csv": to_csv_bytes(targets, TARGET_FIELDS),
        "data/glossary.json": to_json_bytes(terms),
        "data/glossary.csv": to_csv_bytes(terms, GLOSSARY_FIELDS),
        "data/datapackage.json": (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode(),
        "data/source.zh.txt": report.source_text.encode("utf-8"),
    }
    for f in figures:  # one small file each, linked from the figure's page
        files[f"data/figures/{f['id']}.json"] = to_json_bytes([f])
        files[f"data/figures/{f['id']}.csv"] = to_csv_bytes([f], FIGURE_FIELDS)
    return files
