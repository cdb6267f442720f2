"""Command line: build, check, serve, bundle, published. Exit 0 on success, 1 on data errors, 2 on usage.

Options go before or after the command (`build.py check --data X` = `build.py --data X check`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from .errors import BuildFailed
from .parallel import default_jobs
from .site import Built, Project, build, read_site

COMMANDS = {
    "build": "validate all data, then write the whole site (the default)",
    "check": "validate only; exit 0 when clean, 1 with every mistake listed",
    "serve": "build, serve it on localhost with live reload, rebuild on every change",
    "bundle": "build the site and the offline bundle (zip, one-file editions, PDF handouts) in DIST/bundle/",
    "published": "add the addresses of a fresh build to DATA/published.txt (addresses are never removed)",
}


def options(parser: argparse.ArgumentParser, root: Path | None, top: bool) -> None:
    """The options every command takes; on a command they override the same option given before it."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=default(root or Path.cwd()),
                        help="project folder with templates/, assets/, locales/ (default: here)")
    parser.add_argument("--data", type=Path, default=default(None),
                        help="the site's data folder: site.yaml and one folder per report (default: ROOT/data)")
    parser.add_argument("--content", type=Path, default=default(None),
                        help="prose pages, content/<lang>/*.md (default: ROOT/content)")
    parser.add_argument("--dist", type=Path, default=default(None),
                        help="output folder (default: ROOT/dist for ROOT/data, ROOT/dist.<name> for another data folder)")
    parser.add_argument("--base-url", default=default(None), metavar="URL",
                        help="the published site's address, ending in / (default: $SITE_URL, then site.yaml's url)")


def build_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """How the build command runs (not what it makes): its processes, and whether it reuses the last build."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--jobs", type=jobs_count, default=default(default_jobs()), metavar="N",
                        help=f"render with N processes (default: one per processor, here {default_jobs()}; "
                             "a small site is rendered in one); 1: one process")
    parser.add_argument("--clean", action="store_true", default=default(False),
                        help="render every page again, reusing nothing of the last build (whose record "
                             "of its files, beside DIST, is then made anew)")


def jobs_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more, found {text!r}")
    return int(text)


def parse(argv: list[str] | None, root: Path | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the bilingual explainer site.")
    options(parser, root, top=True)
    build_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for name, help_text in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        options(sub, root, top=False)
        if name == "build":
            build_options(sub, top=False)
        if name == "serve":
            sub.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
            sub.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    return parser.parse_args(argv)


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


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parse(argv, root)
    project = project_of(args)
    command = args.command or "build"
    try:
        if command == "check":
            site = read_site(project)
            print(f"ok: {len(site.reports)} reports, {sum(len(r.sections) for r in site.reports)} sections, "
                  f"{sum(len(r.figures) for r in site.reports)} figures, {len(site.targets)} goals, "
                  f"{len(site.terms)} terms; no errors")
        elif command == "serve":
            from .serve import serve_forever
            serve_forever(project, args.host, args.port)
        elif command == "bundle":
            from .bundle import build_bundle
            for line in build_bundle(project):
                print(line)
        elif command == "published":
            from .published import record_build
            print(record_build(project))
        else:
            built = build(project, keep_files=False, jobs=args.jobs, reuse=not args.clean)
            print(base_url_line(built.url))
            print(summary(project, built))
    except BuildFailed as failed:
        print(failed.problems.report(), file=sys.stderr)
        return 1
    return 0


def summary(project: Project, built: Built) -> str:
    """The build in one line; with how many pages the last build gave unchanged, when it gave any."""
    line = (f"built {project.dist}: {built.pages} pages, {len(built.paths)} files, "
            f"{built.reports} reports in {built.seconds:.2f} s")
    if built.site is None:
        line += " (nothing changed since the last build)"
    elif built.reused:
        line += f" ({built.reused} pages unchanged since the last build, {built.rendered} rendered)"
    return line


def base_url_line(url: str | None) -> str:
    """One line on where the site will live, or that it has no address yet."""
    if url:
        return f"base URL: {url}"
    return ("no base URL set (site.yaml url, --base-url or SITE_URL): pages have no canonical or social-card "
            "addresses, there is no sitemap, and citations cite the edition")
