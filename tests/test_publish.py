"""Published data: figures, targets and glossary as CSV (Excel and pandas) and JSON, described by a datapackage."""

from __future__ import annotations

import csv
import io
import json

from reportsite.site import build


def test_figures_json_and_csv_hold_every_field_and_both_urls(mini):
    files = build(mini).files
    figures = json.loads(files["data/figures.json"])
    assert [f["id"] for f in figures] == ["gdp-2029", "gdp-growth-2029", "high-tech-2025", "high-tech-2029",
                                          "gdp-growth-2030", "living-circles-2030"]
    gdp = figures[0]
    assert gdp["quote_zh"] == "全年地区生产总值达到1200.5亿元" and gdp["value"] == 1200.5 and gdp["scale"] == "亿"
    assert gdp["multiplier"] == 100000000 and gdp["display_en"] == "CNY 120.05 billion"
    assert gdp["url_en"] == "https://example.org/report/en/figures/gdp-2029/"
    assert "地区生产总值".encode() in files["data/figures.json"]  # Chinese unescaped
    raw = files["data/figures.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["label_zh"] == "地区生产总值" and rows[4]["value_low"] == "" and rows[4]["qualifier"] == "around"
    assert set(rows[0]) == set(gdp)


def test_targets_carry_their_derived_numbers_and_formulas(mini):
    targets = json.loads(build(mini).files["data/targets.json"])
    gdp = targets[0]
    assert gdp["change_en"] == "+0.8 percentage points"
    assert gdp["how_computed_en"] == "Change: 6% (2030) − 5.2% (2029) = +0.8 percentage points"


def test_the_datapackage_describes_every_resource(mini):
    files = build(mini).files
    package = json.loads(files["data/datapackage.json"])
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        assert "data/" + resource["path"] in files
        if resource["format"] == "csv":
            header = files["data/" + resource["path"]].decode("utf-8-sig").splitlines()[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]
    assert files["data/source.zh.txt"] == (mini.data / "source.zh.txt").read_bytes()
