"""Command line: parses options and calls the run_* functions, each returning an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import build_site
from .engine import read_languages, serve_with_reload
from .errors import GeneratorError
from .pipeline import Project, collect_practices
from .report import REPORTER_BY_NAME, report_text
from .scaffold import render_new_practice
from .translations import coverage_table, report_coverage_json, report_coverage_text

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def run_validate(project: Project, paths: Sequence[Path], fmt: str) -> int:
    collected = collect_practices(project, paths)
    sys.stdout.write(REPORTER_BY_NAME[fmt](collected.problems, collected.files))
    return EXIT_PROBLEMS if collected.problems else EXIT_OK


def run_build(project: Project, *, strict: bool = True) -> int:
    collected = collect_practices(project)
    if collected.problems:
        sys.stderr.write(report_text(collected.problems, collected.files))
        sys.stderr.write("Nothing was built; the previous site, if any, is unchanged.\n")
        return EXIT_PROBLEMS
    try:
        site = build_site(project, collected.practices, strict=strict)
    except GeneratorError as e:
        sys.stderr.write(f"Build failed: {e}\nThe previous site, if any, is unchanged.\n")
        return EXIT_ERROR
    print(f"Built {len(collected.practices)} practices into {site.relative_to(project.root)}/")
    return EXIT_OK


def run_serve(project: Project, host: str, port: int) -> int:
    first = run_build(project)
    if first != EXIT_OK and not project.site_dir.exists():
        return first

    def rebuild() -> None:
        # Problems are printed and the last good site stays online until they are fixed.
        run_build(project)

    print(f"Serving on http://{host}:{port}/ ; edit a file in practices/ and the page reloads. Ctrl+C stops.")
    serve_with_reload(
        project.site_dir,
        [project.practices_dir, project.root / "schema", project.root / "site_overrides", project.engine_config],
        rebuild,
        host=host,
        port=port,
    )
    return EXIT_OK


def run_translations(project: Project, fmt: str) -> int:
    collected = collect_practices(project)
    if collected.problems:
        sys.stderr.write(report_text(collected.problems, collected.files))
        return EXIT_PROBLEMS
    languages = read_languages(project.engine_config)
    table = coverage_table(collected.practices, languages)
    report = report_coverage_json if fmt == "json" else report_coverage_text
    sys.stdout.write(report(table, languages))
    return EXIT_OK


def run_new(project: Project, title: str, language: str, today: dt.date) -> int:
    ident, text = render_new_practice(title, language, today)
    if not ident:
        sys.stderr.write("The title has no letters or digits to make an id from; give a title such as 'Duo for a Job'.\n")
        return EXIT_ERROR
    target = project.practices_dir / f"{ident}.yaml"
    if target.exists():
        sys.stderr.write(f"{target.relative_to(project.root)} already exists; choose another title or edit that file.\n")
        return EXIT_ERROR
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    rel = target.relative_to(project.root)
    print(f"Wrote {rel}. Next: fill in every field, run `kb validate {rel}`, then open a pull request.")
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="Build the knowledge base of good practices in migrant integration.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the site engine's messages and tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check practice files", description="Check practice files and list every problem with its file and line."
    )
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: practices/)")
    validate.add_argument(
        "--format", choices=sorted(REPORTER_BY_NAME), default="text", help="how to print problems (default: text)"
    )

    build = commands.add_parser(
        "build",
        help="validate and build the site into site/",
        description="Validate every practice, then build the static site into site/.",
    )
    build.add_argument("--no-strict", action="store_true", help="do not fail on warnings of the site engine")

    serve = commands.add_parser(
        "serve",
        help="build and serve the site, rebuilding on changes",
        description="Build the site, serve it locally and rebuild when a practice file changes.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    translations = commands.add_parser(
        "translations",
        help="show which practices are translated into which interface language",
        description="Print a table of practices by interface language: original, complete, partial or missing.",
    )
    translations.add_argument("--format", choices=["text", "json"], default="text", help="table or JSON (default: text)")

    new = commands.add_parser(
        "new",
        help="start a new practice file from a template",
        description="Write practices/<id>.yaml from a template, the id made from the title.",
    )
    new.add_argument("title", help="name of the practice, e.g. 'Duo for a Job'")
    new.add_argument("--language", default="en", help="language you write the text in (default: en)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    project = Project(args.root.resolve())
    try:
        if args.command == "validate":
            return run_validate(project, args.paths, args.format)
        if args.command == "build":
            return run_build(project, strict=not args.no_strict)
        if args.command == "serve":
            return run_serve(project, args.host, args.port)
        if args.command == "translations":
            return run_translations(project, args.format)
        return run_new(project, args.title, args.language, dt.date.today())
    except GeneratorError as e:
        if args.verbose:
            raise
        sys.stderr.write(f"kb: {e}\n")
        return EXIT_ERROR
