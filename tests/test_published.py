"""Addresses are forever (reportsite/published.py): every page, download and anchor listed in the site's
published.txt must still resolve, or the build fails and leaves dist/ as it was. A page that moved
leaves a redirect page behind, which satisfies the check when its target has the anchor."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from reportsite.errors import BuildFailed
from reportsite.site import Project, build

from .conftest import MINI, MINI_CONTENT, MINI_REPORT, REPO

HEADER = "# Every address this site has published.\n# (site-relative)\n# Never delete a line.\n"
SECTION = f"/en/{MINI_REPORT}/sections/review-economy/"
SECTION_FILE = f"data/{MINI_REPORT}/sections/review-economy.yaml"
NOTHING_THERE = ": expected a page, file or anchor at this published address (or a redirect page to its new " \
                "place), found nothing"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    """A scratch copy of the small site; errors name its files from tmp_path (data/published.txt)."""
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(MINI_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


def publish(project: Project, *addresses: str) -> None:
    """The site's list of published addresses, as `build.py published` writes it: a header, then one a line."""
    (project.data / "published.txt").write_text(HEADER + "".join(f"{a}\n" for a in addresses), encoding="utf-8")


def replace(project: Project, path: str, old: str, new: str) -> None:
    """Replace every occurrence of old (an id is named by its record and by the records that point at it)."""
    file = project.data.parent / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def build_errors(project: Project, reuse: bool = False) -> list[str]:
    """Every error of a build that must fail (reuse: an incremental build); dist/ is left as it was."""
    before = sorted(p for p in project.dist.rglob("*")) if project.dist.exists() else None
    with pytest.raises(BuildFailed) as failed:
        build(project, keep_files=False, reuse=reuse)
    after = sorted(p for p in project.dist.rglob("*")) if project.dist.exists() else None
    assert after == before, "a failed build wrote dist/"
    return [str(e) for e in failed.value.problems.errors]


def test_a_build_that_keeps_every_published_address_succeeds(project):
    publish(project, "/", "/en/", SECTION, f"{SECTION}#review-economy-growth", f"{SECTION}#gdp-2029",
            f"/zh/{MINI_REPORT}/figures/high-tech-2025/", "/en/glossary/#one-network",
            f"/data/{MINI_REPORT}/figures.csv")
    assert "en/glossary/index.html" in build(project).files


def test_a_page_or_a_download_removed_fails_the_build(project):
    publish(project, f"/en/{MINI_REPORT}/figures/high-tech-2025/", f"/data/{MINI_REPORT}/figures/high-tech-2025.csv",
            f"/zh/{MINI_REPORT}/figures/high-tech-2029/")
    build(project)
    replace(project, SECTION_FILE, "id: high-tech-2025", "id: high-tech-firms-2025")  # the figure's page moves
    assert build_errors(project) == [
        f"data/published.txt:4: /en/{MINI_REPORT}/figures/high-tech-2025/{NOTHING_THERE}",
        f"data/published.txt:5: /data/{MINI_REPORT}/figures/high-tech-2025.csv{NOTHING_THERE}",
    ]


def test_an_anchor_removed_fails_the_build(project):
    """A paragraph's or a figure's id is an anchor on its section's page; the page stays, the anchor goes."""
    publish(project, f"{SECTION}#review-economy-growth", f"{SECTION}#gdp-2029", f"{SECTION}#gdp-growth-2029")
    build(project)
    replace(project, SECTION_FILE, "review-economy-growth", "review-economy-output")
    replace(project, SECTION_FILE, "id: gdp-2029", "id: gdp-total-2029")
    assert build_errors(project) == [
        f"data/published.txt:4: {SECTION}#review-economy-growth{NOTHING_THERE}",
        f"data/published.txt:5: {SECTION}#gdp-2029{NOTHING_THERE}",
    ]


def test_an_address_an_incremental_build_breaks_fails_it(project):
    """An incremental build checks the addresses whose files it writes or deletes: this one is caught."""
    publish(project, f"{SECTION}#review-economy-growth", f"/en/{MINI_REPORT}/figures/high-tech-2025/")
    build(project)
    replace(project, SECTION_FILE, "review-economy-growth", "review-economy-output")
    replace(project, SECTION_FILE, "id: high-tech-2025", "id: high-tech-firms-2025")
    assert build_errors(project, reuse=True) == [
        f"data/published.txt:4: {SECTION}#review-economy-growth{NOTHING_THERE}",
        f"data/published.txt:5: /en/{MINI_REPORT}/figures/high-tech-2025/{NOTHING_THERE}",
    ]


def test_an_incremental_build_checks_the_files_it_writes_as_they_pass_and_reads_none_of_them_back(project,
                                                                                                 monkeypatch):
    from reportsite.write import UpdatedFiles

    publish(project, SECTION, f"{SECTION}#review-economy-growth", "/en/glossary/")
    build(project)
    read, read_file = [], UpdatedFiles.read
    monkeypatch.setattr(UpdatedFiles, "read", lambda self, path: read.append(path) or read_file(self, path))
    replace(project, SECTION_FILE, "The economy grew and so did", "The economy grew and so too did")
    built = build(project, keep_files=False, reuse=True)
    assert 0 < built.rendered < built.pages and read == []
    replace(project, SECTION_FILE, "review-economy-growth", "review-economy-output")
    assert build_errors(project, reuse=True) == [f"data/published.txt:5: {SECTION}#review-economy-growth{NOTHING_THERE}"]
    assert read == []


def test_an_address_added_to_the_list_is_checked_though_the_build_writes_nothing_it_reads(project):
    publish(project, SECTION)
    build(project)
    publish(project, SECTION, "/en/nowhere/")
    assert build_errors(project, reuse=True) == [f"data/published.txt:5: /en/nowhere/{NOTHING_THERE}"]


def test_the_index_of_who_reads_what_is_kept_until_the_list_changes(project, monkeypatch):
    """The addresses by the files they read (published.Seen) are kept beside dist/ (dist.published.bin, with the list
    and the redirect pages they were made from): an edit's build takes them from there; an address added to the list
    indexes it again, and is checked (broken, it fails the build); --clean indexes it again too."""
    from reportsite import published

    indexed, index = [], published.Seen._index
    monkeypatch.setattr(published.Seen, "_index", lambda self: indexed.append(1) or index(self))
    addresses = [SECTION, f"{SECTION}#review-economy-growth", f"/en/{MINI_REPORT}/figures/high-tech-2025/"]
    publish(project, *addresses)
    build(project)
    assert len(indexed) == 1 and (project.dist.parent / "dist.published.bin").is_file()
    replace(project, SECTION_FILE, "The economy grew and so did", "The economy grew and so too did")
    build(project, keep_files=False, reuse=True)
    assert len(indexed) == 1  # taken from the file
    publish(project, *addresses, f"{SECTION}#gdp-2029")
    replace(project, SECTION_FILE, "id: gdp-2029", "id: gdp-total-2029")
    assert build_errors(project, reuse=True) == [f"data/published.txt:7: {SECTION}#gdp-2029{NOTHING_THERE}"]
    assert len(indexed) == 2  # the list changed
    replace(project, SECTION_FILE, "id: gdp-total-2029", "id: gdp-2029")
    build(project, keep_files=False, reuse=True)
    assert len(indexed) == 2  # the list as the file's index was made of
    build(project, keep_files=False, reuse=False)
    assert len(indexed) == 3  # --clean


def test_an_incremental_build_checks_only_the_addresses_that_read_a_file_it_touched(tmp_path):
    """The others resolved in the last build, over files still the same. An address at a redirect page reads its
    target's file too."""
    from reportsite.errors import Problems
    from reportsite.published import check

    files = {"en/a/index.html": b"<p>", "en/old/index.html": b"<meta>", "en/b/index.html": b"<p>"}
    redirects = {"en/old/index.html": "en/b/"}
    listed = ["/en/a/#gone", "/en/old/#gone", "/en/b/#gone", "/en/c/"]
    (tmp_path / "published.txt").write_text("".join(f"{a}\n" for a in listed), encoding="utf-8")
    for touched, found in (({"en/a/index.html"}, listed[:1]), ({"en/b/index.html"}, listed[1:3]),
                           ({"en/c/index.html"}, listed[3:]), (set(), []), (None, listed)):
        problems = Problems()
        check(tmp_path, tmp_path, files, redirects, problems, touched)
        assert [error.key_path for error in problems.errors] == found, touched


def test_a_page_s_anchors_listed_one_after_another_are_checked_with_one_read_of_the_page(tmp_path):
    """The list names a page's anchors together: the written site is read a page at a time, not an anchor."""
    from reportsite.errors import Problems
    from reportsite.published import check
    from reportsite.write import FolderFiles

    (tmp_path / "en" / "a").mkdir(parents=True)
    (tmp_path / "en" / "a" / "index.html").write_bytes(b'<p id="one"><p id="two"><p id="three">')
    (tmp_path / "published.txt").write_text("/en/a/\n/en/a/#one\n/en/a/#two\n/en/a/#three\n/en/a/#four\n",
                                            encoding="utf-8")
    reads = []

    class Counted(FolderFiles):
        def read(self, path):
            reads.append(path)
            return super().read(path)

    problems = Problems()
    check(tmp_path, tmp_path, Counted(tmp_path), {}, problems)
    assert [error.key_path for error in problems.errors] == ["/en/a/#four"]
    assert reads == ["en/a/index.html"]


def test_a_paragraph_keeps_the_anchor_of_its_former_id(project):
    publish(project, f"{SECTION}#review-economy-growth")
    replace(project, SECTION_FILE, "review-economy-growth", "review-economy-output")
    replace(project, SECTION_FILE, "  - id: review-economy-output\n",
            "  - id: review-economy-output\n    aliases: [review-economy-growth]\n")
    build(project)


OLD_ADDRESSES = ("/en/sections/review-economy/", "/en/sections/review-economy/#review-economy-growth",
                 "/zh/sections/review-economy/#gdp-2029", "/en/figures/gdp-2029/", "/zh/targets/#gdp-growth-2030")


def test_a_redirect_page_at_a_moved_page_s_old_address_satisfies_the_check(project):
    """The report's pages were first published without the report in their address (site.yaml's
    unprefixed_report): a redirect page stands at each old address, and its target has the anchor."""
    publish(project, *OLD_ADDRESSES)
    assert build_errors(project) == [f"data/published.txt:{line}: {a}{NOTHING_THERE}"
                                     for line, a in enumerate(OLD_ADDRESSES, start=4)]  # no page there yet
    replace(project, "data/site.yaml", "reports: [example-2030]", "reports: [example-2030]\nunprefixed_report: "
            "example-2030")
    build(project)


def test_a_redirect_page_does_not_keep_an_anchor_its_target_lost(project):
    replace(project, "data/site.yaml", "reports: [example-2030]", "reports: [example-2030]\nunprefixed_report: "
            "example-2030")
    publish(project, *OLD_ADDRESSES)
    build(project)
    replace(project, SECTION_FILE, "review-economy-growth", "review-economy-output")
    assert build_errors(project) == [f"data/published.txt:5: /en/sections/review-economy/#review-economy-growth"
                                     f"{NOTHING_THERE}"]


def test_the_error_names_the_address_s_own_line(project):
    """Whatever an editor wrote before it: no header, a blank line, a comment."""
    (project.data / "published.txt").write_text(f"{SECTION}\n\n# moved in 2031\n/en/nowhere/\n", encoding="utf-8")
    assert build_errors(project) == [f"data/published.txt:4: /en/nowhere/{NOTHING_THERE}"]


def test_the_published_command_records_a_build_s_addresses_and_never_removes_one(project):
    publish(project, "/en/an-address-of-an-older-edition/")
    command = [sys.executable, str(REPO / "build.py"), "published", "--data", "data", "--content", "content"]
    run = subprocess.run(command, cwd=project.data.parent, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    added = int(run.stdout.split()[0])
    assert run.stdout == f"{added} new addresses added to data/published.txt\n" and added > 100
    lines = (project.data / "published.txt").read_text(encoding="utf-8").splitlines()
    header, addresses = lines[:3], lines[3:]
    assert all(line.startswith("# ") for line in header)
    assert addresses == sorted(addresses) and len(addresses) == added + 1
    assert {"/en/an-address-of-an-older-edition/", "/", "/en/", SECTION, f"{SECTION}#review-economy-growth",
            f"{SECTION}#gdp-2029", "/en/glossary/#one-network", "/zh/glossary/#fang-guan-fu",
            f"/data/{MINI_REPORT}/figures.csv",
            f"/zh/{MINI_REPORT}/figures/high-tech-2025/#high-tech-2025"} <= set(addresses)
    assert not [a for a in addresses if a.startswith(("/assets/", "/bundle/", "/404.html", "/sitemap.xml"))]
    again = subprocess.run(command, cwd=project.data.parent, capture_output=True, text=True)
    assert again.stdout == "0 new addresses added to data/published.txt\n"
