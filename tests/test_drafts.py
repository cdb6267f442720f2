"""Drafts: records marked `draft:` (as `build.py draft` writes them) are read, listed with their file and line,
counted by report, and never published."""

from __future__ import annotations

import pytest

from reportsite.cli import main
from reportsite.errors import BuildFailed
from reportsite.site import build, read_site

from .conftest import edit

GOALS = "example-2030/sections/plan-goals.yaml"
REFORM_EN = ('    en: "We will deepen the [delegate-regulate-serve reform](term:fang-guan-fu) and offer government '
             'services through a single online portal."\n')


@pytest.fixture(autouse=True)
def messages_name_files_from_the_scratch_folder(mini, monkeypatch):
    """Messages name files relative to the working folder, as a person at a terminal sees them."""
    monkeypatch.chdir(mini.data.parent)


def report_of(project) -> str:
    with pytest.raises(BuildFailed) as failed:
        read_site(project)
    return failed.value.problems.report()


def untranslate(project) -> None:
    """Mark the plan's reform paragraph as a draft still to translate, with its English empty."""
    edit(project.data / GOALS, REFORM_EN, '    draft: untranslated\n    en: ""\n')


def test_a_draft_paragraph_may_leave_its_english_empty_and_is_listed_with_its_line(mini):
    untranslate(mini)
    assert report_of(mini).splitlines() == [
        "data/example-2030/sections/plan-goals.yaml:10:12: paragraphs[plan-goals-reform].draft: untranslated",
        "example-2030: 1 draft left",
        "A record is reviewed when its draft: line is deleted; nothing is published while a draft is left.",
        "1 draft left; nothing was written."]


def test_without_its_draft_mark_an_empty_english_is_a_mistake(mini):
    edit(mini.data / GOALS, REFORM_EN, '    en: ""\n')
    assert report_of(mini).splitlines() == [
        "data/example-2030/sections/plan-goals.yaml:10:9: paragraphs[plan-goals-reform].en: expected the English "
        "translation (a non-empty string), found ''",
        "1 error; nothing was written."]


def test_a_draft_figure_is_still_checked_against_its_quote(mini):
    edit(mini.data / GOALS, "    value: 6\n", "    value: 7\n    draft: \"value guessed\"\n")
    assert report_of(mini).splitlines() == [
        "data/example-2030/sections/plan-goals.yaml:17:12: figures[gdp-growth-2030].value: expected a number printed "
        "whole in quote_zh ('今年地区生产总值增长6%左右' prints 6), found 7",
        "data/example-2030/sections/plan-goals.yaml:18:12: figures[gdp-growth-2030].draft: value guessed",
        "example-2030: 1 draft left",
        "A record is reviewed when its draft: line is deleted; nothing is published while a draft is left.",
        "1 error, 1 draft left; nothing was written."]


def test_check_lists_the_drafts_and_fails(mini, capsys):
    untranslate(mini)
    code = main(["check", "--root", str(mini.root), "--data", str(mini.data), "--content", str(mini.content)])
    assert code == 1
    assert "plan-goals.yaml:10:12: paragraphs[plan-goals-reform].draft: untranslated" in capsys.readouterr().err


def test_the_build_refuses_to_publish_a_report_with_drafts(mini):
    untranslate(mini)
    with pytest.raises(BuildFailed):
        build(mini)
    assert not mini.dist.exists()
