"""Validation: every kind of data mistake gets a clear error naming file, line, key path,
what was expected and what was found; all of a run's mistakes are reported together."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reportsite.errors import BuildFailed
from reportsite.site import build, read_site

from .conftest import REPO, edit, errors_of


@pytest.fixture(autouse=True)
def in_scratch_folder(mini, monkeypatch):
    """Messages name files relative to the working folder, as a person at a terminal sees them."""
    monkeypatch.chdir(mini.data.parent)


def test_the_small_report_is_valid(mini):
    report = read_site(mini).report["example-2030"]
    assert [s.id for s in report.sections] == ["front-salutation", "review-economy", "plan-goals"]
    assert len(report.figures) == 6


def test_malformed_yaml(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "title: {zh: 今年目标, en: Goals for the year}", "title: {zh: 今年目标")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:3:10: expected a {zh: …, en: …} mapping closed by }: quote a text "
        "that has a comma, colon or brace in it, or write the mapping in block style, found expected ',' or '}', "
        "but got ':'"]


def test_unknown_key(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    kind: plan\n", "    kind: plan\n    colour: red\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:34:5: figures[living-circles-2030].colour: expected one of the keys "
        "as_printed, average, direction, draft, each, id, kind, label, measure_zh, note, paragraph, period, qualifier, "
        "quote_en, quote_zh, scale, since, topic, unit, value, found the unknown key 'colour'"]


def test_missing_required_key(mini):
    edit(mini.data / "example-2030/sections/review-economy.yaml", "    unit: percent\n", "")
    assert errors_of(mini) == [
        "data/example-2030/sections/review-economy.yaml:20:5: figures[gdp-growth-2029].unit: expected the required key 'unit', found nothing"]


def test_wrong_type(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 20\n", "    value: twenty\n")
    assert errors_of(mini) == ["data/example-2030/sections/plan-goals.yaml:28:12: figures[living-circles-2030].value: expected a number, found 'twenty'"]


def test_duplicate_id(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "  - id: plan-goals-reform", "  - id: plan-goals-growth")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:8:9: paragraphs[plan-goals-growth].id: expected an id used once in the "
        "report (it is already used at data/example-2030/sections/plan-goals.yaml:5:9), found 'plan-goals-growth'"]


def test_reference_to_a_missing_id(mini):
    edit(mini.data / "targets.yaml", "    baselines: [gdp-growth-2029]", "    baselines: [gdp-growth-2028]")
    assert errors_of(mini) == [
        "data/targets.yaml:6:17: targets[gdp-growth-2030].baselines[0]: expected the id of a figure of the report "
        "example-2030 (in example-2030/sections/*.yaml), found 'gdp-growth-2028' (did you mean 'gdp-growth-2029'?)"]


def test_reference_to_a_missing_section_file(mini):
    edit(mini.data / "example-2030/parts/plan.yaml", "sections: [plan-goals]", "sections: [plan-goal]")
    assert errors_of(mini) == [
        "data/example-2030/parts/plan.yaml:6:12: sections[0]: expected a section with a file data/example-2030/sections/plan-goal.yaml, "
        "found 'plan-goal' (did you mean 'plan-goals'?)"]  # and not also "plan-goals.yaml is listed nowhere"


def test_missing_english_side(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", ", en: Goals for the year}", "}")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:2:8: title.en: expected the English text (a non-empty string), found nothing"]


def test_missing_chinese_side(mini):
    edit(mini.data / "example-2030/parts/review.yaml", "title: {zh: 工作回顾, en: Review}", "title: {en: Review}")
    assert errors_of(mini) == [
        "data/example-2030/parts/review.yaml:3:8: title.zh: expected the Chinese text (a non-empty string), found nothing"]


def test_empty_required_string(mini):
    edit(mini.data / "example-2030/sections/front-salutation.yaml", 'en: "Fellow deputies,"', 'en: "  "')
    assert errors_of(mini) == [
        "data/example-2030/sections/front-salutation.yaml:7:9: paragraphs[front-deputies].en: "
        "expected the English translation (a non-empty string), found '  '"]


def test_quote_not_in_the_source(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "quote_zh: 今年地区生产总值增长6%左右", "quote_zh: 今年生产总值增长6%左右")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:14:15: figures[gdp-growth-2030].quote_zh: expected a verbatim substring of paragraph "
        "plan-goals-growth, found '今年生产总值增长6%左右'"]


def test_value_not_printed_in_its_quote(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 6\n", "    value: 7\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:17:12: figures[gdp-growth-2030].value: expected a number printed whole "
        "in quote_zh ('今年地区生产总值增长6%左右' prints 6), found 7"]


def test_paragraphs_must_be_the_source_text_in_order(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", 'zh: "深入推进“放管服”改革', 'zh: "深化“放管服”改革')
    errors = errors_of(mini)
    assert errors == [
        "data/example-2030/sections/plan-goals.yaml:9:9: paragraph plan-goals-reform.zh: expected the verbatim text of "
        "line 6 of source.zh.txt, which at character 2 reads '深入推进“放管服”改革，实', found '深化“放管服”改革，实现政'"]


def test_unknown_glossary_term_link(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "(term:fang-guan-fu)", "(term:fang-guan)")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:10:9: paragraph plan-goals-reform.en: "
        "expected a link (term:<id>) to a term in glossary.yaml, found term:fang-guan"]


def test_missing_translation_of_a_content_page(mini):
    (mini.content / "zh" / "about.md").unlink()
    assert errors_of(mini) == ["content/zh/about.md: expected a translation of content/en/about.md, found no file"]


def test_all_errors_of_a_run_are_reported_together(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 20\n", "    value: twenty\n")
    edit(mini.data / "example-2030/sections/review-economy.yaml", "    unit: percent\n", "")
    edit(mini.data / "glossary.yaml", "    pinyin: yī wǎng tōng bàn\n", "")
    errors = errors_of(mini)
    assert len(errors) == 3
    assert {e.split(":")[0] for e in errors} == {
        "data/example-2030/sections/plan-goals.yaml", "data/example-2030/sections/review-economy.yaml", "data/glossary.yaml"}


def test_a_failed_build_leaves_the_previous_site_untouched(mini):
    build(mini)
    before = sorted(p.relative_to(mini.dist) for p in mini.dist.rglob("*"))
    marker = (mini.dist / "en" / "index.html").read_bytes()
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 20\n", "    value: twenty\n")
    with pytest.raises(BuildFailed):
        build(mini)
    assert sorted(p.relative_to(mini.dist) for p in mini.dist.rglob("*")) == before
    assert (mini.dist / "en" / "index.html").read_bytes() == marker
    assert not [p for p in mini.dist.parent.iterdir() if p.name.startswith(".dist.")]


def test_the_command_line_prints_errors_without_a_traceback(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 20\n", "    value: twenty\n")
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--data", str(mini.data), "--content",
                          str(mini.content), "check"], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.endswith("figures[living-circles-2030].value: expected a number, found 'twenty'\n1 error; nothing was written.\n")


def test_a_ui_string_without_a_chinese_translation_fails_late_and_leaves_the_site(mini, tmp_path):
    """Missing catalog entries are found while pages stream to the disk; dist/ must still be the old one."""
    import shutil

    from reportsite.site import Project

    root = tmp_path / "project"
    for folder in ("templates", "assets", "locales"):
        shutil.copytree(REPO / folder, root / folder)
    project = Project.at(root, data=mini.data, content=mini.content, dist=mini.dist)
    build(project, keep_files=False)
    before = (mini.dist / "zh" / "index.html").read_bytes()
    edit(root / "templates" / "base.html", '{{ _("Skip to content") }}', '{{ _("Skip to the text") }}')
    with pytest.raises(BuildFailed) as failed:
        build(project, keep_files=False)
    assert [str(e) for e in failed.value.problems.errors] == [
        "templates/base.html:27: msgid 'Skip to the text': "
        "expected a Chinese translation of this UI string in locales/zh/LC_MESSAGES/messages.po, found none"]
    assert "pybabel extract" in failed.value.problems.report()  # the three steps, said once
    assert (mini.dist / "zh" / "index.html").read_bytes() == before
    assert not [p for p in mini.dist.parent.iterdir() if p.name.startswith(".dist.")]


def test_a_file_must_carry_the_id_it_is_named_after(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "id: plan-goals\n", "id: plan-aims\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:1:5: id: expected the id 'plan-goals' the file is named after and its part "
        "refers to, found 'plan-aims'"]


def test_content_and_data_mistakes_are_reported_in_the_same_run(mini):
    (mini.content / "zh" / "about.md").unlink()
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    value: 20\n", "    value: twenty\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:28:12: figures[living-circles-2030].value: expected a number, found 'twenty'",
        "content/zh/about.md: expected a translation of content/en/about.md, found no file"]


# ---- mistakes an editor makes, in words an editor understands (issue 12) --------------------


def test_a_tab_says_yaml_indents_with_spaces(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    kind: plan\n", "\tkind: plan\n")
    assert errors_of(mini) == ["data/example-2030/sections/plan-goals.yaml:33:1: expected spaces: YAML indents "
                               "with spaces, not tabs, found a tab (replace it with spaces)"]


def test_an_unclosed_quote_is_reported_where_it_opens(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", 'quote_en: This year GDP is to grow by around 6%',
         'quote_en: "This year GDP is to grow by around 6%')
    assert errors_of(mini) == ["data/example-2030/sections/plan-goals.yaml:15:15: expected a closing quote for the "
                               "quote that opens here, found no closing quote on this line (the text runs on to "
                               "line 20)"]


def test_a_file_saved_as_gbk_says_so_and_how_to_convert_it(mini):
    path = mini.data / "example-2030/sections/plan-goals.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("“", '"').replace("”", '"').encode("gbk"))
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:2: expected a file saved as UTF-8, found a file that is not "
        "UTF-8 (it looks like GBK); save it as UTF-8, e.g. iconv -f gbk -t utf-8 "
        "data/example-2030/sections/plan-goals.yaml > converted && mv converted data/example-2030/sections/plan-goals.yaml"]


def test_a_comma_inside_unquoted_chinese_in_a_flow_mapping_is_explained(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "label: {zh: 地区生产总值增速, en: GDP growth}",
         "label: {zh: 地区生产总值,增速, en: GDP growth}")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:16:24: figures[gdp-growth-2030].label: expected text in quotes "
        "where it holds a comma: in {zh: …, en: …} an unquoted comma ends the value (write zh: \"…，…\" with the whole "
        "text in quotes, or use block style), found the value cut at a comma, and '增速' read as a key"]


def test_a_misspelt_key_gets_a_suggestion(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    measure_zh: 个\n", "    measure: 个\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:30:5: figures[living-circles-2030].measure: expected one of the "
        "keys as_printed, average, direction, draft, each, id, kind, label, measure_zh, note, paragraph, period, "
        "qualifier, quote_en, quote_zh, scale, since, topic, unit, value, found the unknown key 'measure' (did you mean "
        "'measure_zh'?)",
        "data/example-2030/sections/plan-goals.yaml:23:5: figures[living-circles-2030].measure_zh: expected "
        "a Chinese measure word (家, 个, 人 …) for unit count, found nothing"]


def test_an_unquoted_year_is_read_as_the_year(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", 'period: "2030"', "period: 2030")
    site = read_site(mini)
    assert site.report["example-2030"].index.figures["gdp-growth-2030"].period == "2030"


def test_the_source_text_may_end_with_a_newline_and_use_windows_line_ends(mini):
    source = mini.data / "example-2030/source.zh.txt"
    source.write_bytes(source.read_bytes().replace(b"\n", b"\r\n") + b"\r\n")
    assert len(read_site(mini).report["example-2030"].paragraphs()) == 6


def test_the_preview_says_which_kind_of_file_to_fix():
    from reportsite.serve import what_to_fix
    assert what_to_fix("templates/base.html:28: msgid 'X': expected …\n1 error; nothing was written.") == \
        "Fix the template or the catalog"
    assert what_to_fix("data/x/sections/a.yaml:3:1: …\n1 error; nothing was written.") == "Fix the data"


# ---- errors an editor understands (issue 20) -------------------------------------------------


def test_blank_lines_at_the_end_of_the_source_text_are_not_lines_of_it(mini):
    source = mini.data / "example-2030/source.zh.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n\n \n", encoding="utf-8")
    assert len(read_site(mini).report["example-2030"].paragraphs()) == 6


def test_a_section_file_no_part_lists_is_one_error_that_says_to_list_it(mini):
    """Not also its lines "not in any section", its figures "not found" by the goals, its glossary
    terms "in no report": those follow from the one mistake."""
    edit(mini.data / "example-2030/parts/plan.yaml", "sections: [plan-goals]", "sections: []")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml: expected a section that is listed (add plan-goals to the "
        "sections: of its part in data/example-2030/parts/, or delete this file), found a section file that no "
        "part lists"]


def test_a_part_file_report_yaml_does_not_list_is_one_error_that_says_to_list_it(mini):
    edit(mini.data / "example-2030/report.yaml", "parts: [front, review, plan]", "parts: [front, review]")
    assert errors_of(mini) == [
        "data/example-2030/parts/plan.yaml: expected a part that is listed (add plan to the parts: of report.yaml, "
        "or delete this file), found a part file that report.yaml does not list"]


def test_a_terms_uses_are_the_paragraphs_printing_its_words_or_linking_it_in_the_reports_it_names(tmp_path):
    """In the reports' order; words of one character too; a link from our English counts where the words are not
    printed (validate.Paragraphs finds them by an index, the definition is this one)."""
    import shutil

    from reportsite.site import Project

    shutil.copytree(REPO / "tests/fixtures/pair", tmp_path / "pair" / "data")
    shutil.copytree(REPO / "tests/fixtures/pair-content", tmp_path / "pair" / "content")
    folder = tmp_path / "pair"
    project = Project.at(REPO, data=folder / "data", dist=folder / "dist", content=folder / "content")
    edit(project.data / "city-2030/sections/plan-goals.yaml", 'en: "This year', 'en: "[New jobs](term:new-jobs): This year')
    with (project.data / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write(
            '  - {id: ten-thousand, zh: "万", pinyin: "wàn", en: "ten thousand", reports: [city-2031],\n'
            '     explanation: {zh: "数目。", en: "A number."}}\n'
            '  - {id: new-jobs, zh: "新增就业", pinyin: "xīnzēng jiùyè", en: "new jobs", match_zh: ["全年新增就业"],\n'
            '     explanation: {zh: "新增的就业岗位。", en: "Jobs added."}}\n')
    site = read_site(project)
    for term in site.terms:
        expected = tuple((r.id, p.id) for r in site.reports if not term.reports or r.id in term.reports
                         for p in r.paragraphs() if any(m in p.plain_zh for m in term.match_zh)
                         or f"(term:{term.id})" in p.en)
        assert term.uses == expected, term.id
    uses = {term.id: term.uses for term in site.terms}
    assert {r for r, _ in uses["built-up-area"]} == {"city-2030", "city-2031"}
    assert uses["ten-thousand"] and {r for r, _ in uses["ten-thousand"]} == {"city-2031"}
    assert {r for r, _ in uses["new-jobs"]} == {"city-2030", "city-2031"}  # linked in 2030, printed in 2031


def test_a_glossary_term_no_report_prints_says_what_to_do(mini):
    edit(mini.data / "glossary.yaml", "zh: 一网通办", "zh: 一网办通")
    assert errors_of(mini) == [
        "data/glossary.yaml:10:9: terms[one-network].zh: expected words printed in the text of a report (fix zh "
        "to the words as printed, or remove the term if no report uses it), found '一网办通'"]


def test_a_glossary_match_no_report_prints_says_what_to_do(mini):
    edit(mini.data / "glossary.yaml", "    pinyin: yī wǎng tōng bàn\n",
         "    pinyin: yī wǎng tōng bàn\n    match_zh: [一网通办, 一网统管]\n    reports: [example-2030]\n")
    assert errors_of(mini) == [
        "data/glossary.yaml:12:22: terms[one-network].match_zh[1]: expected words printed in the text of "
        "example-2030 (fix it to words as printed, or remove it from match_zh), found '一网统管'"]


def test_an_unknown_figure_in_a_goal_gets_a_suggestion(mini):
    edit(mini.data / "targets.yaml", "figure: living-circles-2030", "figure: living-circle-2030")
    assert errors_of(mini) == [
        "data/targets.yaml:10:13: targets[living-circles-2030].figure: expected the id of a figure of the report "
        "example-2030 (in example-2030/sections/*.yaml), found 'living-circle-2030' (did you mean "
        "'living-circles-2030'?)"]


def test_a_comma_in_unquoted_english_in_a_flow_mapping_is_explained_once(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "title: {zh: 今年目标, en: Goals for the year}",
         "title: {zh: 今年目标, en: Goals, targets, tasks for the year}")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:2:30: title: expected text in quotes where it holds a comma: "
        "in {zh: …, en: …} an unquoted comma ends the value (write en: \"…, …\" with the whole text in quotes, or "
        "use block style), found the value cut at a comma, and 'targets' read as a key"]


def test_a_key_without_a_value_in_block_style_is_an_unknown_key(mini):
    edit(mini.data / "example-2030/sections/plan-goals.yaml", "    kind: plan\n", "    kind: plan\n    targets:\n")
    assert errors_of(mini) == [
        "data/example-2030/sections/plan-goals.yaml:34:5: figures[living-circles-2030].targets: expected one of the "
        "keys as_printed, average, direction, draft, each, id, kind, label, measure_zh, note, paragraph, period, "
        "qualifier, quote_en, quote_zh, scale, since, topic, unit, value, found the unknown key 'targets'"]


def test_a_report_id_with_a_space_is_one_error(mini):
    """Not also every goal, glossary term and correction of that report found in no report of the site."""
    edit(mini.data / "site.yaml", "reports: [example-2030]", "reports: [example 2030]")
    assert errors_of(mini) == [
        "data/site.yaml:6:11: reports[0]: expected an id of lowercase letters, digits and single hyphens "
        "(e.g. plan-1-innovation), found 'example 2030'"]


def test_what_names_a_report_that_could_not_be_read_waits_for_it(mini):
    edit(mini.data / "site.yaml", "reports: [example-2030]", "reports: [example-2030]\nunprefixed_report: example-2030")
    edit(mini.data / "glossary.yaml", "    pinyin: yī wǎng tōng bàn\n", "    pinyin: yī wǎng tōng bàn\n    reports: [example-2030]\n")
    (mini.data / "corrections.yaml").write_text(
        "corrections:\n  - date: 2030-02-01\n    what: {zh: 改正, en: Corrected}\n    why: {zh: 笔误, en: A slip}\n"
        "    affects: [{report: example-2030, figure: gdp-2029}]\n", encoding="utf-8")
    edit(mini.data / "example-2030/report.yaml", "year: 2030", "year: twenty")
    assert errors_of(mini) == ["data/example-2030/report.yaml:3:7: year: expected a whole number, found 'twenty'"]


def test_a_site_of_no_reports_is_one_error(mini):
    edit(mini.data / "site.yaml", "reports: [example-2030]", "reports: []")
    assert errors_of(mini) == [
        "data/site.yaml:6:10: reports: expected the ids of the site's reports, one or more (each a folder beside "
        "site.yaml), found none"]


def test_an_unknown_report_in_a_goal_gets_a_suggestion(mini):
    edit(mini.data / "targets.yaml", "report: example-2030", "report: example-2031")
    assert errors_of(mini) == [
        "data/targets.yaml:3:13: targets[gdp-growth-2030].report: expected the id of a report of the site "
        "(example-2030), found 'example-2031' (did you mean 'example-2030'?)"]


def test_a_review_of_a_report_that_could_not_be_read_waits_for_it(tmp_path, monkeypatch):
    import shutil

    from reportsite.site import Project

    shutil.copytree(REPO / "tests/fixtures/pair", tmp_path / "pair" / "data")
    monkeypatch.chdir(tmp_path / "pair")
    pair = Project.at(REPO, data=tmp_path / "pair" / "data", content=REPO / "tests/fixtures/pair-content")
    edit(pair.data / "city-2030/report.yaml", "year: 2030", "year: twenty")
    assert errors_of(pair) == ["data/city-2030/report.yaml:3:7: year: expected a whole number, found 'twenty'"]


def test_a_goal_naming_no_report_lists_the_reports_even_those_that_could_not_be_read(mini):
    edit(mini.data / "example-2030/report.yaml", "year: 2030", "year: twenty")
    edit(mini.data / "targets.yaml", "report: example-2030", "report: sample-2030")
    assert errors_of(mini) == [
        "data/example-2030/report.yaml:3:7: year: expected a whole number, found 'twenty'",
        "data/targets.yaml:3:13: targets[gdp-growth-2030].report: expected the id of a report of the site "
        "(example-2030), found 'sample-2030' (did you mean 'example-2030'?)"]
