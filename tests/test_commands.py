"""The command line: each command takes exactly the options that apply to it, before or after its
name, and its --help lists them; another data folder brings its own prose pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from reportsite.cli import main, parse, project_of
from reportsite.site import read_site

from .conftest import MINI, MINI_CONTENT, REPO, errors_of

EVERY = {"--root", "--data", "--content", "--base-url"}
APPLIES = {  # the options each command takes, written out: the specification the parser must meet
    "build": EVERY | {"--dist", "--jobs", "--clean"},
    "check": EVERY,
    "serve": EVERY | {"--dist", "--host", "--port"},
    "bundle": EVERY | {"--dist"},
    "published": EVERY,
}
GIVEN = {"--root": ["/r"], "--data": ["d"], "--content": ["c"], "--dist": ["x"], "--base-url": ["https://e.org/"],
         "--jobs": ["3"], "--clean": [], "--host": ["0.0.0.0"], "--port": ["8001"]}
EVERY_OPTION = set(GIVEN)


def dest(option: str) -> str:
    return option.removeprefix("--").replace("-", "_")


# ---- options, before or after the command --------------------------------------------------


@pytest.mark.parametrize("command", APPLIES)
def test_each_option_is_taken_before_or_after_each_command_it_applies_to(command):
    for option in sorted(APPLIES[command]):
        after = parse([command, option, *GIVEN[option]], REPO)
        before = parse([option, *GIVEN[option], command], REPO)
        assert after.command == before.command == command
        assert getattr(after, dest(option)) == getattr(before, dest(option)) != getattr(parse([command], REPO),
                                                                                         dest(option)), option


@pytest.mark.parametrize("command", APPLIES)
def test_an_option_that_does_not_apply_is_a_usage_error_before_or_after(command, capsys):
    for option in sorted(EVERY_OPTION - APPLIES[command]):
        for argv in ([command, option, *GIVEN[option]], [option, *GIVEN[option], command]):
            with pytest.raises(SystemExit) as exited:
                parse(argv, REPO)
            assert exited.value.code == 2
            last = capsys.readouterr().err.splitlines()[-1]
            assert last.startswith(f"build.py {command}: error: {option} does not apply to {command} (it applies to "), argv


def test_check_says_which_commands_an_option_is_for(capsys):
    with pytest.raises(SystemExit):
        parse(["check", "--jobs", "1"], REPO)
    assert capsys.readouterr().err.splitlines()[-1] == \
        "build.py check: error: --jobs does not apply to check (it applies to build)"


def test_without_a_command_the_options_are_those_of_build(capsys):
    args = parse(["--jobs", "1", "--clean"], REPO)
    assert (args.command, args.jobs, args.clean) == ("build", 1, True)
    with pytest.raises(SystemExit):
        parse(["--port", "8001"], REPO)
    assert capsys.readouterr().err.splitlines()[-1] == \
        "build.py build: error: --port does not apply to build (it applies to serve)"


def test_an_option_after_the_command_wins_over_the_same_one_before_it():
    assert parse(["--data", "a", "check", "--data", "b"], REPO).data.name == "b"


def options_in(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))


@pytest.mark.parametrize("command", APPLIES)
def test_each_commands_help_lists_exactly_its_options(command):
    run = subprocess.run([sys.executable, str(REPO / "build.py"), command, "--help"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert options_in(run.stdout) == APPLIES[command] | {"--help"}


def test_the_help_without_a_command_lists_every_command_and_option():
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert options_in(run.stdout) == EVERY_OPTION | {"--help"}
    assert "{build,check,serve,bundle,published}" in run.stdout
    assert re.search(r"--port PORT\s+port \(default: 8000\) \[serve\]", run.stdout)


# ---- another data folder brings its own prose pages ----------------------------------------


def test_another_data_folder_takes_the_content_beside_it(tmp_path):
    shutil.copytree(MINI, tmp_path / "site" / "data")
    shutil.copytree(MINI_CONTENT, tmp_path / "site" / "content")
    home = tmp_path / "site" / "content" / "en" / "home.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nThis site shows Example City's report.\n", encoding="utf-8")
    project = project_of(parse(["check", "--data", str(tmp_path / "site" / "data")], REPO))
    assert project.content == tmp_path / "site" / "content"
    pages = {page.slug: page for page in read_site(project).pages}
    assert "This site shows Example City's report." in pages["home"].body_md.en
    assert project_of(parse([], REPO)).content == REPO / "content"  # the project's data/: its content/


def test_another_data_folder_without_content_beside_it_is_one_plain_error(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "site" / "data")
    monkeypatch.chdir(tmp_path)
    project = project_of(parse(["check", "--data", "site/data"], REPO))
    assert errors_of(project) == [
        "site/content: expected a folder of the site's prose pages, <lang>/home.md and <lang>/about.md (make it, or "
        "name another with --content), found no such folder"]


def test_check_of_another_data_folder_prints_that_error_and_exits_1(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "site" / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "site/data"], REPO) == 1
    assert capsys.readouterr().err.startswith("site/content: expected a folder of the site's prose pages")
