"""Command line: build, check, serve, bundle. Exit 0 on success, 1 on data errors, 2 on usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BuildFailed
from .site import Project, build, read_report


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the bilingual explainer site.")
    parser.add_argument("--root", type=Path, default=root or Path.cwd(),
                        help="project folder with data/, content/, templates/, assets/, locales/ (default: here)")
    parser.add_argument("--data", type=Path, help="the report's data folder (default: ROOT/data)")
    parser.add_argument("--content", type=Path, help="prose pages, content/<lang>/*.md (default: ROOT/content)")
    parser.add_argument("--dist", type=Path, help="output folder (default: ROOT/dist)")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,serve,bundle}")
    commands.add_parser("build", help="validate all data, then write the whole site to dist/ (the default)")
    commands.add_parser("check", help="validate only; exit 0 when clean")
    serve = commands.add_parser("serve", help="build, serve dist/ on localhost with live reload, rebuild on change")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    commands.add_parser("bundle", help="build the site and the offline bundle in dist/bundle/")
    args = parser.parse_args(argv)
    project = Project.at(args.root, args.data, args.dist, args.content)
    command = args.command or "build"
    try:
        if command == "check":
            report = read_report(project)
            print(f"ok: {len(report.sections)} sections, {len(report.figures)} figures, "
                  f"{len(report.targets)} targets, {len(report.terms)} terms; no errors")
        elif command == "serve":
            from .serve import serve_forever
            serve_forever(project, args.host, args.port)
        elif command == "bundle":
            from .bundle import build_bundle
            for line in build_bundle(project):
                print(line)
        else:
            built = build(project, keep_files=False)
            print(f"built {project.dist}: {built.pages} pages, {len(built.paths)} files, "
                  f"{len(built.report.figures)} figures in {built.seconds:.2f} s")
    except BuildFailed as failed:
        print(failed.problems.report(), file=sys.stderr)
        return 1
    return 0
