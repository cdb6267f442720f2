"""The data as the last build read it (reportsite/datacache.py): a build reads again only what changed.

The model read with the cache is the model read without it, after any kind of edit; an edit to one
section parses that file again and reads only its report; a mistake is reported as a read without a
cache reports it, and nothing read in a run with a mistake is kept; a damaged, foreign or other
version's cache file is ignored; --clean reads no cache, and writes it anew.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from reportsite import datacache, read_report
from reportsite.cache import digest
from reportsite.datacache import cache_path, read_cache, write_cache
from reportsite.errors import BuildFailed
from reportsite.site import Project, build, data_cache, read_data, read_site

from .conftest import PAIR, PAIR_CONTENT, REPO, edit


@pytest.fixture
def pair(tmp_path) -> Project:
    """A scratch copy of the two-report site (a goal of city-2030 judged by city-2031's figures)."""
    shutil.copytree(PAIR, tmp_path / "data")
    shutil.copytree(PAIR_CONTENT, tmp_path / "content")
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


def cached_read(project: Project):
    return read_site(project, reuse=True)


def errors(project: Project, reuse: bool) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        read_site(project, reuse)
    return [str(e) for e in failed.value.problems.errors]


def kept(project: Project) -> dict:
    return read_cache(cache_path(project.dist), digest(project.root, project.data))


EDITS = {  # a valid edit of each kind of data file: (file, old, new)
    "a section": ("city-2030/sections/plan-goals.yaml", 'en: "Goals"}', 'en: "The goals"}'),
    "a later report's figure, by which a goal is judged": (
        "city-2031/sections/review-2030.yaml", 'en: "GDP growth"}, value: 7', 'en: "Growth of GDP"}, value: 7'),
    "a paragraph, whose links the glossary finds": (
        "city-2030/sections/plan-goals.yaml", 'consumer prices at around 3%."',
        'consumer prices at around 3% ([built-up area](term:built-up-area))."'),
    "a report's metadata": ("city-2031/report.yaml", 'en: "Wang Fang"', 'en: "Fang Wang"'),
    "a part": ("city-2030/parts/plan.yaml", "", ""),
    "the glossary": ("glossary.yaml", "The part of a city that has been developed.", "The developed part of a city."),
    "the goals": ("targets.yaml", "Editor's judgement:", "The editor's judgement:"),
    "site.yaml's topics": ("site.yaml", 'en: "Energy"', 'en: "Power"'),
    "site.yaml's name": ("site.yaml", "an explainer", "the explainer"),
}


@pytest.mark.parametrize("kind", EDITS)
def test_after_an_edit_the_model_read_with_the_cache_is_the_model_read_without(pair, kind):
    cached_read(pair)
    name, old, new = EDITS[kind]
    path = pair.data / name
    if old:
        edit(path, old, new)
    else:  # a part's title
        text = path.read_text(encoding="utf-8")
        edit(path, text.split("title: ", 1)[1].split("\n", 1)[0], '{zh: "计划", en: "The plan"}')
    with_cache = cached_read(pair)
    assert repr(with_cache) == repr(read_site(pair))
    assert repr(cached_read(pair)) == repr(with_cache)  # and again, from what the edited read kept


def test_a_new_vocabulary_file_and_an_edited_prose_page_are_read(pair):
    cached_read(pair)
    (pair.data / "vocabulary.yaml").write_text(  # a built-in unit, that figures of both reports use, named anew
        'units:\n  sqkm: {zh: 平方公里, en: sq km, style: amount, growth: true, description: "area"}\n',
        encoding="utf-8")
    edit(pair.content / "en" / "about.md", "For tests.", "For the tests.")
    site = cached_read(pair)
    assert site.report["city-2031"].index.figures["built-up-area-2030"].unit.en == "sq km"
    assert any("For the tests." in p.body_md.en for p in site.pages)
    assert repr(site) == repr(read_site(pair))


def test_an_edit_to_one_section_parses_that_file_again_and_reads_only_that_section_of_its_report(pair, monkeypatch):
    cached_read(pair)
    edit(pair.data / "city-2030/sections/plan-goals.yaml", 'en: "Goals"}', 'en: "The goals"}')
    parsed, reports, sections = [], [], []
    load_yaml, report, section = datacache.load_yaml, read_report.ReportReader.report, \
        read_report.ReportReader.read_section_file
    monkeypatch.setattr(datacache, "load_yaml", lambda path, *args: parsed.append(path.name) or load_yaml(path, *args))
    # (the built-in vocabulary, outside the data, a few milliseconds, is parsed every time)
    monkeypatch.setattr(read_report.ReportReader, "report", lambda self, rid: reports.append(rid) or report(self, rid))
    monkeypatch.setattr(read_report.ReportReader, "read_section_file",
                        lambda self, ref, part: sections.append(ref.value) or section(self, ref, part))
    assert cached_read(pair).report["city-2030"].index.sections["plan-goals"].title.en == "The goals"
    assert (parsed, reports, sections) == (["vocab.yaml", "plan-goals.yaml"], ["city-2030"], ["plan-goals"])
    sections.clear()  # and the report's other section was kept again, for the next edit
    edit(pair.data / "city-2030/sections/plan-services.yaml", 'en: "', 'en: "The ')
    with_cache = cached_read(pair)
    assert sections == ["plan-services"] and repr(with_cache) == repr(read_site(pair))


def test_the_goals_are_judged_again_only_when_what_they_read_of_a_report_changed(pair, monkeypatch):
    """A section's title or our English edited: the goals as the last read judged them; a figure edited (a goal's
    outcome): judged again (read_goals.what_goals_read)."""
    from reportsite import validate

    cached_read(pair)
    judged, read_targets = [], validate.SiteReader.read_targets
    monkeypatch.setattr(validate.SiteReader, "read_targets", lambda self, read: judged.append(1) or read_targets(self, read))
    edit(pair.data / "city-2030/sections/plan-goals.yaml", 'en: "Goals"}', 'en: "The goals"}')
    edit(pair.data / "city-2030/sections/plan-goals.yaml", 'en: "This year GDP', 'en: "This year, GDP')
    assert repr(cached_read(pair)) == repr(read_site(pair)) and judged == [1]  # the read without the cache
    judged.clear()
    edit(pair.data / EDITS["a later report's figure, by which a goal is judged"][0],
         *EDITS["a later report's figure, by which a goal is judged"][1:])
    assert repr(cached_read(pair)) == repr(read_site(pair)) and judged == [1, 1]


def test_the_glossary_is_read_again_only_when_a_paragraph_s_chinese_or_its_links_to_terms_changed(pair, monkeypatch):
    """Our English edited: the terms as the last read found their uses; a link to a term added, or the printed
    Chinese edited: read again (each read equal to a read without the cache)."""
    from reportsite import validate

    cached_read(pair)
    read, read_terms = [], validate.SiteReader.read_terms
    monkeypatch.setattr(validate.SiteReader, "read_terms", lambda self, r: read.append(1) or read_terms(self, r))
    section = pair.data / "city-2030/sections/plan-goals.yaml"
    edit(section, 'en: "This year GDP', 'en: "This year, GDP')
    assert repr(cached_read(pair)) == repr(read_site(pair)) and read == [1]  # the read without the cache
    read.clear()
    edit(section, *EDITS["a paragraph, whose links the glossary finds"][1:])
    assert repr(cached_read(pair)) == repr(read_site(pair)) and read == [1, 1]
    read.clear()
    for printed in (section, pair.data / "city-2030/source.zh.txt"):  # the official text, and the paragraph's
        edit(printed, "今年地区生产总值", "今年全市地区生产总值")
    assert repr(cached_read(pair)) == repr(read_site(pair)) and read == [1, 1]


def test_nothing_changed_reads_no_report_and_parses_no_data_file(pair, monkeypatch):
    cached_read(pair)
    read = repr(read_site(pair))
    load_yaml = datacache.load_yaml

    def parse_only_the_built_in_vocabulary(path, *args):
        assert not path.is_relative_to(pair.data), f"{path.name} was parsed again"
        return load_yaml(path, *args)

    monkeypatch.setattr(datacache, "load_yaml", parse_only_the_built_in_vocabulary)
    monkeypatch.setattr(read_report.ReportReader, "report", lambda *args: pytest.fail("a report was read again"))
    assert repr(cached_read(pair)) == read


# ---- mistakes ---------------------------------------------------------------------------------

MISTAKES = {  # (file, old, new)
    "YAML syntax in a section": ("city-2030/sections/plan-goals.yaml", 'title: {zh: "目标"', 'title: {zh: "目标'),
    "a wrong value in a section": ("city-2030/sections/plan-goals.yaml", "value: 3, unit: percent",
                                   "value: 4, unit: percent"),
    # the place named otherwise in city-2030 than in city-2031, which the cache holds: said at city-2031's place
    "a place named two ways": ("city-2030/report.yaml", 'en: "Sample City"', 'en: "Sample Town"'),
    "a goal's figure missing from a report the cache holds": (
        "targets.yaml", "figure: capacity-growth-2030", "figure: capacity-growth-2031"),
    "a glossary term no report prints": ("glossary.yaml", 'zh: "建成区"', 'zh: "建成区域"'),
    "a draft": ("city-2031/sections/review-2030.yaml", "id: review-2030\n", "id: review-2030\ndraft: untranslated\n"),
    # read before plan-services, which the cache holds: said where plan-services claims it
    "an id that a section the cache holds claims too": (
        "city-2030/sections/plan-goals.yaml", "  - id: plan-goals-indicators\n",
        "  - id: plan-goals-indicators\n    aliases: [plan-services-tasks]\n"),
}


@pytest.mark.parametrize("kind", MISTAKES)
def test_a_mistake_is_reported_as_without_a_cache_and_nothing_of_that_read_is_kept(pair, kind):
    cached_read(pair)
    before = cache_path(pair.dist).read_bytes()
    name, old, new = MISTAKES[kind]
    edit(pair.data / name, old, new)
    with pytest.raises(BuildFailed) as with_cache:
        cached_read(pair)
    with pytest.raises(BuildFailed) as without:
        read_site(pair)
    assert with_cache.value.problems.report() == without.value.problems.report()
    assert cache_path(pair.dist).read_bytes() == before


def read_on_two_processes(project: Project):
    """A read that may use two processes (a build's, with two jobs), and the cache it keeps."""
    kept = data_cache(project, jobs=2)
    site = read_data(project, kept)
    kept.save()
    return site


def test_a_first_read_on_two_processes_reads_a_report_on_each_and_keeps_what_a_read_on_one_keeps(pair, tmp_path,
                                                                                               monkeypatch):
    readers, report = tmp_path / "readers", read_report.ReportReader.report

    def noting_the_process(reader, rid):
        with readers.open("a") as f:  # a file: the other process's own memory is not this one's
            f.write(f"{rid} {os.getpid()}\n")
        return report(reader, rid)

    monkeypatch.setattr(read_report.ReportReader, "report", noting_the_process)
    assert repr(read_on_two_processes(pair)) == repr(read_site(pair))
    read_by = dict(line.split() for line in readers.read_text().splitlines()[:2])
    assert sorted(read_by) == ["city-2030", "city-2031"] and len(set(read_by.values())) == 2
    on_two = kept(pair)
    cache_path(pair.dist).unlink()
    cached_read(pair)
    on_one = kept(pair)
    assert (on_two["units"].keys(), on_two["docs"].keys()) == (on_one["units"].keys(), on_one["docs"].keys())


@pytest.mark.parametrize("kind", MISTAKES)
def test_a_mistake_in_a_first_read_on_two_processes_is_reported_as_by_one(pair, kind):
    name, old, new = MISTAKES[kind]
    edit(pair.data / name, old, new)
    with pytest.raises(BuildFailed) as on_two:
        read_on_two_processes(pair)
    with pytest.raises(BuildFailed) as on_one:
        read_site(pair)
    assert on_two.value.problems.report() == on_one.value.problems.report()
    assert not cache_path(pair.dist).exists()


def test_a_place_named_two_ways_is_said_where_the_report_the_cache_holds_names_it(pair):
    cached_read(pair)
    edit(pair.data / "city-2030/report.yaml", 'en: "Sample City"', 'en: "Sample Town"')
    assert errors(pair, reuse=True) == [
        f"{pair.data}/city-2031/report.yaml:9:24: place.en: expected 'Sample Town', the English name city-2030 "
        "gives the city 样板市 (every report of a place names it alike), found 'Sample City'"]


def test_a_mistake_read_first_is_never_kept_and_its_fix_is_read(pair):
    path = pair.data / "city-2030/sections/plan-goals.yaml"
    edit(path, 'en: "Goals"}', 'en: }')
    assert errors(pair, reuse=True) == errors(pair, reuse=False)
    assert not cache_path(pair.dist).exists()
    edit(path, 'en: }', 'en: "Goals"}')
    assert repr(cached_read(pair)) == repr(read_site(pair))


def test_a_file_edited_while_the_data_is_read_keeps_nothing(pair, monkeypatch):
    """Its units could be kept under the key of the bytes it held before."""
    section = pair.data / "city-2031/sections/review-2030.yaml"
    report = read_report.ReportReader.report

    def read_then_save_a_section(self, rid):
        read = report(self, rid)
        if rid == "city-2031":
            edit(section, 'en: "GDP growth"}', 'en: "Growth of GDP"}')
        return read

    monkeypatch.setattr(read_report.ReportReader, "report", read_then_save_a_section)
    cached_read(pair)
    assert not cache_path(pair.dist).exists()


# ---- the cache file ---------------------------------------------------------------------------


def test_the_cache_lives_beside_dist_and_is_never_published(pair):
    build(pair, keep_files=False, reuse=True)
    assert cache_path(pair.dist) == pair.dist.parent / "dist.data.pickle" and cache_path(pair.dist).is_file()
    assert not list(pair.dist.rglob("*.pickle"))


def forge(project: Project, title: str) -> None:
    """Rewrite the cache file, well formed, with city-2031's title changed: a model no data gives."""
    units = kept(project)
    for key, unit in units["units"].items():
        if isinstance(unit, read_report.KeptReport) and unit.report.id == "city-2031":
            report = unit.report
            units["units"][key] = read_report.KeptReport(
                type(report)(**{**{f: getattr(report, f) for f in report.__dataclass_fields__},
                                "title": type(report.title)(report.title.zh, title)}),
                unit.incomplete, unit.reviews, unit.place, unit.goals_read)
    write_cache(cache_path(project.dist), digest(project.root, project.data), pickle.dumps(units))


def test_clean_reads_no_cache_and_writes_it_anew(pair):
    cached_read(pair)
    forge(pair, "Forged")
    assert cached_read(pair).report["city-2031"].title.en == "Forged"  # the cache is read when reused
    assert build(pair, keep_files=False, reuse=False).site.report["city-2031"].title.en != "Forged"
    assert repr(cached_read(pair)) == repr(read_site(pair))


def damaged(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-50] ^= 1
    path.write_bytes(bytes(data))


def garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x05not a cache at all")


class MakesAFolder:
    """What a foreign pickle may hold: a call of anything (here os.mkdir) when it is unpickled."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __reduce__(self):
        import os

        return os.mkdir, (str(self.folder),)


def foreign(path: Path) -> None:
    """A well-formed file (its header, its checksum) whose pickle would make a folder: never run."""
    project = path.read_bytes().split(b"\n")[3].decode()
    write_cache(path, project, pickle.dumps({"units": MakesAFolder(path.parent / "ran"), "docs": {}}))


def other_version(path: Path) -> None:
    lines = path.read_bytes().split(b"\n", 5)
    lines[2] = digest("another version of the code").encode()
    path.write_bytes(b"\n".join(lines))


def other_project(path: Path) -> None:
    lines = path.read_bytes().split(b"\n", 5)
    write_cache(path, digest("another project"), lines[5])


@pytest.mark.parametrize("spoil", [damaged, flipped, garbage, foreign, other_version, other_project])
def test_a_cache_file_that_is_damaged_foreign_or_of_another_version_is_ignored(pair, spoil):
    cached_read(pair)
    forge(pair, "Forged")
    spoil(cache_path(pair.dist))
    assert repr(cached_read(pair)) == repr(read_site(pair))
    assert repr(cached_read(pair)) == repr(read_site(pair))  # and it is written anew


def test_a_foreign_cache_file_runs_nothing(pair):
    cached_read(pair)
    foreign(cache_path(pair.dist))
    assert repr(cached_read(pair)) == repr(read_site(pair))
    assert not (pair.dist.parent / "ran").exists()


def test_a_report_folder_that_is_a_link_is_read_through_it(pair, tmp_path):
    """Its files are in the report's key as reading finds them; a link to a folder above ends nowhere."""
    shutil.move(pair.data / "city-2031", tmp_path / "elsewhere")
    (pair.data / "city-2031").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "loop").symlink_to(pair.data)
    cached_read(pair)
    edit(tmp_path / "elsewhere/report.yaml", 'en: "Wang Fang"', 'en: "Fang Wang"')
    assert cached_read(pair).report["city-2031"].speaker.en == "Fang Wang"


def test_a_read_through_the_last_one_in_memory_saves_what_it_used(pair):
    """The preview reads through its last read, unsaved (the writer of dist/ saves it): nothing changed since
    that read, the file is still written."""
    from reportsite.site import data_cache, read_data

    first = data_cache(pair)
    read_data(pair, first)
    second = data_cache(pair, first)
    assert repr(read_data(pair, second)) == repr(read_site(pair))
    assert not cache_path(pair.dist).exists()
    second.save()
    assert kept(pair)["units"].keys() == second.new.keys() == first.new.keys()
