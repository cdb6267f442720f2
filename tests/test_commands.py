"""The command line: each command takes exactly the options that apply to it, before or after its
name, and its --help lists them; another data folder brings its own prose pages; and every command
the docs print runs as printed after the README's install."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
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
    "draft": EVERY | {"--report"},
}
GIVEN = {"--root": ["/r"], "--data": ["d"], "--content": ["c"], "--dist": ["x"], "--base-url": ["https://e.org/"],
         "--jobs": ["3"], "--clean": [], "--host": ["0.0.0.0"], "--port": ["8001"], "--report": ["r"]}
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
    assert "{build,check,serve,bundle,published,draft}" in run.stdout
    assert re.search(r"--port PORT\s+port \(default: 8000\) \[serve\]", run.stdout)


def test_build_py_ends_with_its_whole_output_and_its_code_through_a_pipe(tmp_path):
    """build.py leaves as soon as the command is done, without taking the build apart (cli.leave): what it printed
    still comes through a pipe, and its exit code is the command's, for a build and for a data mistake."""
    shutil.copytree(MINI, tmp_path / "site" / "data")
    shutil.copytree(MINI_CONTENT, tmp_path / "site" / "content")
    command = [sys.executable, str(REPO / "build.py"), "--data", str(tmp_path / "site" / "data"),
               "--dist", str(tmp_path / "dist"), "--jobs", "1"]
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # a pipe's buffering
    built = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert built.returncode == 0 and "\nbuilt " in built.stdout and built.stdout.endswith(" s\n")
    (tmp_path / "site" / "data" / "site.yaml").write_text("name: [", encoding="utf-8")
    failed = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert failed.returncode == 1 and "site.yaml:1:" in failed.stdout + failed.stderr


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


# ---- every command the docs print works as printed ------------------------------------------

DOCS = ["README.md", "docs/deploy.md", "docs/first-report.md", "docs/data-format.md", "tools/TRANSLATORS.md"]
VENV_TOOLS = {"python", "python3", "pip", "pip3", "pybabel", "pytest"}  # what the install puts in .venv/bin/
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


def doc_texts() -> dict[str, str]:
    """The docs a reader copies commands from: the README, docs/ and tools/ guides, how to run the bench
    (bench/README.md up to what each number means: past that it describes what the bench runs, with
    placeholders, and records past runs) and the header of data/published.txt."""
    texts = {name: (REPO / name).read_text(encoding="utf-8") for name in DOCS}
    bench = (REPO / "bench/README.md").read_text(encoding="utf-8")
    texts["bench/README.md"] = bench.split("\n## What each number means")[0]
    published = (REPO / "data/published.txt").read_text(encoding="utf-8").splitlines()
    texts["data/published.txt"] = "\n".join(line for line in published if line.startswith("#"))
    return texts


def command_lines(text: str) -> list[str]:
    """Every line of a code block (fenced, or indented by four spaces) and every code span."""
    lines = [line for block in FENCE.findall(text) for line in block.splitlines()]
    lines += [line for line in text.splitlines() if line.startswith("    ")]
    return lines + CODE_SPAN.findall(text)


def commands_in(line: str) -> list[list[str]]:
    """The commands of a shell line (a workflow's `- run:` too) that run a tool of the virtual
    environment, each as argv, the environment settings before it left out."""
    line = re.sub(r"^\s*- run:\s*", "", line)
    try:
        words = shlex.split(line, comments=True)
    except ValueError:  # not shell: an unbalanced quote in prose or YAML
        return []
    commands, current = [], []
    for word in words + ["&&"]:
        if word in ("&&", "||", ";", "|"):
            while current and re.match(r"^[A-Z_]+=", current[0]):
                current.pop(0)
            if len(current) > 1 and current[0].rsplit("/", 1)[-1] in VENV_TOOLS:
                commands.append(current)
            current = []
        else:
            current.append(word)
    return commands


def printed_commands() -> list[tuple[str, list[str]]]:
    """(document, argv) of every command the docs print, each once."""
    found = dict.fromkeys((name, tuple(argv)) for name, text in doc_texts().items() for line in command_lines(text)
                          for argv in commands_in(line))
    return [(name, list(argv)) for name, argv in found]


def test_the_docs_print_the_commands_a_reader_runs():
    printed = {(name, " ".join(argv)) for name, argv in printed_commands()}
    assert {("README.md", ".venv/bin/python3 build.py check"),
            ("README.md", ".venv/bin/python3 -m bench"),
            ("docs/deploy.md", ".venv/bin/python3 build.py bundle"),
            ("docs/deploy.md", ".venv/bin/python3 build.py published"),
            ("docs/first-report.md", ".venv/bin/python3 build.py check --data my-site/data --content my-site/content"),
            ("bench/README.md", ".venv/bin/python3 -m bench --help"),
            ("tools/TRANSLATORS.md", ".venv/bin/python3 build.py check"),
            ("data/published.txt", ".venv/bin/python3 build.py published")} <= printed


def test_every_printed_command_runs_a_tool_of_the_virtual_environment_on_something_that_exists():
    """After the README's install the tools are in .venv/bin/ (a plain `python3` has no Babel); only
    the command that makes the environment runs the system's python3."""
    wrong = []
    for name, argv in printed_commands():
        program, args = argv[0], argv[1:]
        if argv[:3] == ["python3", "-m", "venv"]:
            continue
        if program.rsplit("/", 1)[-1].startswith("python"):
            if program != ".venv/bin/python3":
                wrong.append(f"{name}: {shlex.join(argv)}: run with .venv/bin/python3")
            elif args[0] == "-m" and not (REPO / args[1] / "__main__.py").is_file() \
                    and importlib.util.find_spec(args[1]) is None:
                wrong.append(f"{name}: {shlex.join(argv)}: no module {args[1]}")
            elif args[0] != "-m" and not (REPO / args[0]).is_file():
                wrong.append(f"{name}: {shlex.join(argv)}: no script {args[0]}")
        elif not program.startswith(".venv/bin/"):
            wrong.append(f"{name}: {shlex.join(argv)}: run with .venv/bin/{program}")
    assert wrong == []


def test_every_printed_build_command_is_one_the_command_line_takes(capsys):
    for name, argv in printed_commands():
        if argv[1:2] == ["build.py"] and "--help" not in argv:
            parse(argv[2:], REPO)  # a usage error exits, failing the test with its message


def test_the_printed_help_commands_run(tmp_path):
    helps = [argv for _, argv in printed_commands() if argv[-1] == "--help" and argv[0] == ".venv/bin/python3"]
    assert len(helps) >= 2
    for argv in helps:
        run = subprocess.run([sys.executable, *argv[1:]], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and run.stdout.startswith("usage:"), (argv, run.stderr[-2000:])


def test_the_published_list_keeps_the_header_that_build_py_published_writes():
    """The header checked above is the one every `build.py published` writes anew."""
    from reportsite.published import HEADER

    assert (REPO / "data/published.txt").read_text(encoding="utf-8").startswith(HEADER)


def test_output_the_data_cannot_make_is_one_plain_error_not_a_traceback(mini, monkeypatch, capsys):
    """A printed or one-file edition the data cannot make (a briefing too long for two pages, a link inside a
    one-file edition to nothing) ends the command with its reason in one line, exit 1."""
    import reportsite.bundle
    from reportsite.write import OutputError

    def cannot(project):
        raise OutputError("taiyuan-2030-zh-briefing fits no layout on exactly 2 pages")
        yield  # a generator, like the real one

    monkeypatch.setattr(reportsite.bundle, "build_bundle", cannot)
    code = main(["bundle", "--data", str(mini.data), "--content", str(mini.content), "--dist", str(mini.dist)],
                root=REPO)
    assert code == 1
    assert capsys.readouterr().err == ("error: taiyuan-2030-zh-briefing fits no layout on exactly 2 pages; "
                                       "nothing was written\n")
