"""Shared fixtures: the repository, a scratch copy of the small test report, and the real site built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportsite.site import Project, build

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
MINI_CONTENT = REPO / "tests" / "fixtures" / "mini-content"


@pytest.fixture
def mini(tmp_path) -> Project:
    """A scratch copy of the small test report, free to break; builds into tmp_path/dist."""
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(MINI_CONTENT, tmp_path / "content")
    return Project.at(REPO, data=tmp_path / "data", dist=tmp_path / "dist", content=tmp_path / "content")


@pytest.fixture(scope="session")
def catalogs() -> dict:
    """The UI string catalogs by language, as the renderer loads them."""
    from reportsite.errors import Problems
    from reportsite.l10n import load_translations

    problems = Problems()
    translations = load_translations(REPO / "locales", REPO, problems)
    assert not problems
    return translations


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Project:
    return Project.at(REPO, dist=tmp_path_factory.mktemp("site") / "dist")


@pytest.fixture(scope="session")
def site(real_project):
    """The real Taiyuan site, built once into a temporary folder (real_project.dist)."""
    return build(real_project)


@pytest.fixture(scope="session")
def real_report(site):
    return site.report


def browser_required() -> None:
    """In CI a missing browser is a failure; on a developer machine, a skip."""
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (install Debian's chromium package)")
        pytest.skip("Chromium is not installed")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for all browser tests."""
    browser_required()
    from .browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def base(site, real_project):
    """The real site over a local HTTP server; the base URL ends in /."""
    browser_required()
    from .browser import serve_folder

    with serve_folder(real_project.dist) as url:
        yield url
