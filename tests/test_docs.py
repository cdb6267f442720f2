"""The documentation's walkthrough builds exactly as it says (docs/first-report.md): its files, its
commands, and what they print; and the data format (docs/data-format.md) lists what the build accepts."""

from __future__ import annotations

import re
import subprocess
import sys

from reportsite import vocab_docs
from reportsite.errors import Problems
from reportsite.fields import Field
from reportsite.load import parse_yaml
from reportsite.validate import SiteReader

from .conftest import REPO

WALKTHROUGH = (REPO / "docs" / "first-report.md").read_text(encoding="utf-8")


def files_of(text: str) -> dict[str, str]:
    """Every 'File `path`:' with the fenced block after it."""
    return {m.group(1): m.group(2) for m in re.finditer(r"File `([^`]+)`:\n```[a-z]*\n(.*?)```", text, re.S)}


def run(args: list[str], cwd) -> subprocess.CompletedProcess:
    """build.py run from a project folder (cwd) holding the walkthrough's my-site/."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(cwd), *args], cwd=cwd,
                          capture_output=True, text=True)


def test_the_walkthrough_builds_the_site_it_describes(tmp_path):
    for folder in ("templates", "assets", "locales"):  # a project folder, as the reader's checkout
        (tmp_path / folder).symlink_to(REPO / folder)
    files = files_of(WALKTHROUGH)
    assert len(files) == 11
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    folders = ["--data", "my-site/data", "--content", "my-site/content"]
    check = run(["check", *folders], tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("example-2024: 1 figure covers 1 of 1 number; 0 listed as not figures\n")
    assert check.stdout.endswith("ok: 1 report, 1 section, 1 figure, 1 goal, 1 term; no errors\n")
    assert "    " + check.stdout.replace("\n", "\n    ").rstrip() in WALKTHROUGH

    section = tmp_path / "my-site/data/example-2024/sections/plan-goals.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("value: 5\n", "value: 6\n"), encoding="utf-8")
    wrong = run(["check", *folders], tmp_path)
    assert wrong.returncode == 1 and "    " + wrong.stderr.replace("\n", "\n    ").rstrip() in WALKTHROUGH
    section.write_text(section.read_text(encoding="utf-8").replace("value: 6\n", "value: 5\n"), encoding="utf-8")

    built = run(folders, tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("no base URL set")
    assert re.search(r"built \S+/dist\.my-site-data: 34 pages, \d+ files, 1 report in \d+\.\d\d s", built.stdout)  # time is the benchmark's business
    site = tmp_path / "dist.my-site-data"  # shows what the walkthrough wrote
    section = (site / "en/example-2024/sections/plan-goals/index.html").read_text(encoding="utf-8")
    assert "This year's main goals are: GDP growth of around 5%, and a deeper delegate-regulate-serve reform." \
        in re.sub(r"<[^>]+>", "", section)
    assert 'href="../../../glossary/#fang-guan-fu"' in section  # the term linked to its glossary entry
    figure = (site / "zh/example-2024/figures/gdp-growth-2024/index.html").read_text(encoding="utf-8")
    assert '<p class="big-value">5%左右</p>' in figure and "地区生产总值增长5%左右" in figure
    assert "Example City's government work report, in Chinese and English." in \
        (site / "en/index.html").read_text(encoding="utf-8")


# ---- docs/data-format.md ---------------------------------------------------------------------------

FORMAT = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")


def test_the_lists_of_units_styles_and_qualifiers_are_those_the_build_accepts():
    """Written from reportsite/vocab.yaml; after editing it, run: python3 -m reportsite.vocab_docs"""
    assert vocab_docs.written(FORMAT) == vocab_docs.generated(), "run: python3 -m reportsite.vocab_docs"
    for word in ("奋力", "历史最好", "新高"):  # words the build accepts that the docs once left out
        assert f"| {word}" in FORMAT or f", {word}" in FORMAT


def test_the_documented_site_vocabulary_is_read_as_written(tmp_path):
    example = FORMAT.split("## A site's own vocabulary", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "vocabulary.yaml").write_text(example, encoding="utf-8")
    problems = Problems()
    reader = SiteReader(tmp_path, tmp_path, problems)
    vocabulary = reader.read_vocabulary(Field.root(parse_yaml("topics: {}\n", "site.yaml", problems), problems)["topics"])
    assert not problems
    assert vocabulary.units["air-index"].direction == "down" and vocabulary.qualifiers["holding"].quote_has == ("保持", "稳定在")
    assert set(vocabulary.units) > {"air-index", "percent", "rank"}  # the site's own beside the built-in ones
