"""Command line: build, check, serve, bundle, published, draft. Exit 0 on success, 1 on data errors, 2 on usage.

Each command takes exactly the options that apply to it, before or after its name (`build.py check
--data X` = `build.py --data X check`); `build.py COMMAND --help` lists them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .errors import BuildFailed, counted
from .parallel import default_jobs
from .site import Built, Project, base_url_line, build, built_line, read_site
from .write import OutputError

COMMANDS = {
    "build": "validate all data, then write the whole site (the default)",
    "check": "validate only; exit 0 when clean, 1 with every mistake listed",
    "serve": "build, serve it on localhost with live reload, rebuild on every change",
    "bundle": "build the site and the offline bundle (zip, one-file editions, PDF handouts) in DIST/bundle/",
    "published": "add the addresses of a fresh build to DATA/published.txt (addresses are never removed)",
    "draft": "write a new report folder DATA/ID/ from the report as published (SOURCE: Markdown or plain text), "
             "every record marked draft: for review",
}
EVERY = tuple(COMMANDS)
WRITERS = ("build", "serve", "bundle")  # the commands that write DIST


@dataclass(frozen=True)
class Option:
    """A command-line option, and the commands it applies to."""

    flag: str
    commands: tuple[str, ...]
    help: str
    default: object = None
    settings: dict = field(default_factory=dict)  # more of argparse's add_argument: type, metavar, action

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


def option_table(root: Path | None) -> tuple[Option, ...]:
    """Every option, and the commands it applies to: the one place that decides both."""
    jobs = default_jobs()
    return (
        Option("--root", EVERY, "project folder with templates/, assets/, locales/ (default: here)",
               root or Path.cwd(), dict(type=Path)),
        Option("--data", EVERY, "the site's data folder: site.yaml and one folder per report (default: ROOT/data)",
               settings=dict(type=Path)),
        Option("--content", EVERY, "prose pages, content/<lang>/*.md (default: the content/ beside the data "
               "folder, so ROOT/content for ROOT/data; none there is an error)", settings=dict(type=Path)),
        Option("--dist", WRITERS, "output folder (default: ROOT/dist for ROOT/data, ROOT/dist.<name> for another "
               "data folder)", settings=dict(type=Path)),
        Option("--base-url", EVERY, "the published site's address, ending in / (default: $SITE_URL, then "
               "site.yaml's url)", settings=dict(metavar="URL")),
        Option("--jobs", ("build",), f"render with N processes (default: one per processor, here {jobs}; a small "
               "site is rendered in one); 1: one process", jobs, dict(type=jobs_count, metavar="N")),
        Option("--clean", ("build",), "render every page again, reusing nothing of the last build (whose record "
               "of its files, beside DIST, is then made anew)", False, dict(action="store_true")),
        Option("--host", ("serve",), "address to bind (default: 127.0.0.1)", "127.0.0.1"),
        Option("--port", ("serve",), "port (default: 8000)", 8000, dict(type=int)),
        Option("--report", ("draft",), "the new report's id, and its folder's name (required)",
               settings=dict(metavar="ID")),
    )


def jobs_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more, found {text!r}")
    return int(text)


def add_options(parser: argparse.ArgumentParser, table: tuple[Option, ...], command: str | None) -> None:
    """Every option, so that one given to the wrong command gets a plain error rather than argparse's
    "unrecognized arguments"; the help of a command lists only those that apply to it. Nothing has a
    default here: parse() tells what was given from what was not."""
    for option in table:
        if command is None:  # build.py --help: every option, with the commands of those not for all
            shown = option.help + ("" if option.commands == EVERY else f" [{', '.join(option.commands)}]")
        else:
            shown = option.help if command in option.commands else argparse.SUPPRESS
        parser.add_argument(option.flag, default=argparse.SUPPRESS, help=shown, **option.settings)


def parse(argv: list[str] | None, root: Path | None) -> argparse.Namespace:
    """The command and its options; an option that does not apply to the command is a usage error."""
    table = option_table(root)
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the bilingual explainer site.",
        epilog="A command takes its options before or after its name; `build.py COMMAND --help` lists them. "
               "Options in [brackets] apply only to the commands named there.")
    add_options(parser, table, None)
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    parsers = {}
    for name, help_text in COMMANDS.items():
        parsers[name] = commands.add_parser(name, help=help_text, description=help_text)
        add_options(parsers[name], table, name)
    parsers["draft"].add_argument("source", type=Path, nargs="?", metavar="SOURCE",
                                  help="the report as published: .md (front matter, **bold**, HTML entities) or "
                                       "plain text, one paragraph a line")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    for option in table:
        if not hasattr(args, option.dest):
            setattr(args, option.dest, option.default)
        elif args.command not in option.commands:
            parsers[args.command].error(f"{option.flag} does not apply to {args.command} "
                                        f"(it applies to {', '.join(option.commands)})")
    return args


def default_dist(root: Path, data: Path) -> Path:
    """dist/ for the project's own data; for another data folder a folder of its own, so that building
    one site never overwrites another's."""
    root, data = root.resolve(), data.resolve()
    if data == root / "data":
        return root / "dist"
    name = "-".join(data.relative_to(root).parts) if data.is_relative_to(root) else \
        f"{data.name}-{hashlib.sha256(str(data).encode()).hexdigest()[:8]}"
    return root / f"dist.{name}"


def project_of(args: argparse.Namespace) -> Project:
    root = args.root.resolve()
    data = (args.data or root / "data").resolve()
    base_url = args.base_url if args.base_url is not None else os.environ.get("SITE_URL") or None
    return Project.at(root, data, args.dist or default_dist(root, data), args.content, base_url)


def leave(code: int) -> NoReturn:
    """End the process with a command's code once it is done (its files written and closed, its workers joined):
    what it printed flushed, and without taking the build's objects apart one by one (60-80 ms after an edit of
    six reports, as long as a third of its pages take to render)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parse(argv, root)
    project = project_of(args)
    command = args.command
    if command == "draft" and (args.source is None or args.report is None):
        print("build.py draft: error: expected the report as published and the new report's id: "
              "build.py draft SOURCE --report ID", file=sys.stderr)
        return 2
    try:
        if command == "check":
            site = read_site(project)
            print(coverage_summary(site))
            counts = ((len(site.reports), "report"), (sum(len(r.sections) for r in site.reports), "section"),
                      (sum(len(r.figures) for r in site.reports), "figure"), (len(site.targets), "goal"),
                      (len(site.terms), "term"))
            print(f"ok: {', '.join(counted(n, noun) for n, noun in counts)}; no errors")
        elif command == "serve":
            from .serve import serve_forever
            serve_forever(project, args.host, args.port)
        elif command == "bundle":
            from .bundle import build_bundle
            for line in build_bundle(project):
                print(line)
        elif command == "draft":
            from .draft import draft_report, summary_lines
            drafted = draft_report(args.source, args.report, project.data, project.root, project.content)
            print("\n".join(summary_lines(drafted, project)))
        elif command == "published":
            from .record import record_build
            print(record_build(project))
        else:
            built = build(project, keep_files=False, jobs=args.jobs, reuse=not args.clean)
            print(base_url_line(built.url))
            print(summary(project, built))
    except BuildFailed as failed:
        print(failed.problems.report(), file=sys.stderr)
        return 1
    except OutputError as failed:  # the output cannot be made as the data stands (a briefing too long for its
        # pages, a one-file edition with a link inside it to nothing): said in one line, dist/ left as it was
        print(f"error: {failed}; nothing was written", file=sys.stderr)
        return 1
    return 0


def summary(project: Project, built: Built) -> str:
    """The build in one line; with how many pages the last build gave unchanged, when it gave any."""
    line = built_line(project.dist, built.pages, len(built.paths), built.reports, built.seconds)
    if built.nothing_changed:
        line += " (nothing changed since the last build)"
    elif built.reused:
        line += f" ({counted(built.reused, 'page')} unchanged since the last build, {built.rendered} rendered)"
    return line


def coverage_summary(site) -> str:
    """Each report's printed numbers: how many its figures take and how many it lists as not figures."""
    from .coverage import COUNTED, coverage

    return "\n".join([coverage(r).line() for r in site.reports] + [COUNTED])
