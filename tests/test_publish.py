"""Published data: figures, goals, the ledger and the glossary as CSV (Excel and pandas) and JSON with
numeric columns, every file described by a datapackage that the Frictionless validator accepts."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest

from reportsite.publish import to_csv_bytes
from reportsite.site import build

from .conftest import MINI_REPORT, edit


def test_figures_json_and_csv_hold_every_field_and_both_pages(mini):
    files = build(mini).files
    figures = json.loads(files["data/figures.json"])
    assert [f["id"] for f in figures] == ["gdp-2029", "gdp-growth-2029", "high-tech-2025", "high-tech-2029",
                                          "gdp-growth-2030", "living-circles-2030"]
    gdp = figures[0]
    assert gdp["report"] == MINI_REPORT and gdp["quote_zh"] == "全年地区生产总值达到1200.5亿元"
    assert gdp["value"] == 1200.5 and gdp["scale"] == "亿" and gdp["multiplier"] == 100000000
    assert gdp["display_en"] == "CNY 120.05 billion" and gdp["display_zh"] == "1200.5亿元"
    assert gdp["value_base"] == 120050000000  # 1200.5亿 yuan, in yuan
    assert gdp["url_en"] == "https://example.org/report/en/example-2030/figures/gdp-2029/"  # under site.yaml's url
    assert "地区生产总值".encode() in files["data/figures.json"]  # Chinese unescaped
    raw = files["data/figures.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["label_zh"] == "地区生产总值" and rows[4]["value_low"] == "" and rows[4]["qualifier"] == "around"
    assert set(rows[0]) == set(gdp)
    assert files[f"data/{MINI_REPORT}/figures.json"] == files["data/figures.json"]  # one report: the same rows


def test_goals_carry_numbers_a_journalist_can_compute_with(mini):
    files = build(mini).files
    rows = list(csv.DictReader(io.StringIO(files["data/targets.csv"].decode("utf-8-sig"))))
    gdp = rows[0]
    assert (gdp["target_value"], gdp["unit"], gdp["qualifier"]) == ("6", "percent", "around")
    assert (gdp["baseline_value"], gdp["baseline_period"], gdp["change"]) == ("5.2", "2029", "0.8")
    assert gdp["change_bound"] == "around"
    assert gdp["target_en"] == "around 6%" and gdp["baseline_en"] == "5.2% (2029)"
    assert gdp["how_computed_en"] == "Change: 6% (2030) − 5.2% (2029) = around +0.8 percentage points"


def test_the_datapackage_describes_every_file_with_typed_schemas(mini):
    files = build(mini).files
    package = json.loads(files["data/datapackage.json"])
    # written without json's indenting encoder, byte for byte as it writes it
    assert files["data/datapackage.json"] == (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode()
    assert package["profile"] == "data-package"  # not every resource is a table
    paths = {r["path"] for r in package["resources"]}
    assert paths == {name.removeprefix("data/") for name in files if name.startswith("data/")} - {"datapackage.json"}
    tables = [r for r in package["resources"] if r["format"] == "csv"]
    assert len(tables) > 10 and all(r["profile"] == "tabular-data-resource" for r in tables)
    for resource in tables:
        header = files["data/" + resource["path"]].decode("utf-8-sig").splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    assert files[f"data/{MINI_REPORT}/source.zh.txt"] == (mini.data / MINI_REPORT / "source.zh.txt").read_bytes()


def test_the_frictionless_validator_finds_no_error(site, real_project):
    """The real site's datapackage.json, checked by the Frictionless validator itself."""
    tool = shutil.which("frictionless")
    if tool is None:
        pytest.fail("the frictionless command is missing (pip install frictionless)")
    run = subprocess.run([tool, "validate", "--json", "datapackage.json"], cwd=real_project.dist / "data",
                         capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    assert report["valid"], [t["errors"][:3] for t in report["tasks"] if not t["valid"]][:3]
    assert report["stats"]["tasks"] > 300 and report["stats"]["errors"] == 0


def test_a_text_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(mini):
    edit(mini.data / "glossary.yaml", "en: one-network service", 'en: "=1+1"')
    edit(mini.data / "glossary.yaml", "pinyin: yī wǎng tōng bàn", 'pinyin: "\\tyī wǎng tōng bàn"')
    edit(mini.data / "glossary.yaml", "en: Government services handled through one online platform.",
         "en: \"@SUM(1+1) -2+3 +cmd\"")
    files = build(mini).files
    term = next(r for r in csv.DictReader(io.StringIO(files["data/glossary.csv"].decode("utf-8-sig")))
                if r["id"] == "one-network")
    assert (term["en"], term["pinyin"], term["explanation_en"]) == ("'=1+1", "'\tyī wǎng tōng bàn", "'@SUM(1+1) -2+3 +cmd")
    assert next(t for t in json.loads(files["data/glossary.json"]) if t["id"] == "one-network")["en"] == "=1+1"
    package = json.loads(files["data/datapackage.json"])
    assert all("apostrophe" in r["description"] for r in package["resources"] if r["format"] == "csv")


def csv_rows(rows: list[dict], fields: list[tuple]) -> list[dict]:
    return list(csv.DictReader(io.StringIO(to_csv_bytes(rows, fields).decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-4.5"])
def test_every_formula_start_is_neutralised_in_text_cells(text):
    assert csv_rows([{"note": text}], [("note", "string", "")]) == [{"note": "'" + text}]


def test_a_number_stays_a_number_its_minus_sign_and_all():
    fields = [("change", "number", ""), ("count", "integer", ""), ("average", "boolean", ""), ("note", "string", "")]
    text = to_csv_bytes([{"change": -4.5, "count": -3, "average": False, "note": "4.5-"}], fields).decode("utf-8-sig")
    assert text == "change,count,average,note\r\n-4.5,-3,false,4.5-\r\n"
