"""Command line: parses options and calls the run_* functions, each returning an exit code.

The site engine (`build`, `engine`) is imported by the commands that use it only: importing
MkDocs took half of the start of `kb validate`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GeneratorError, UpdateError
from .load import find_practice_files, load_files, parse_text
from .pipeline import (
    Project,
    collect_practices,
    collect_project,
    load_project_vocabularies,
    validate_project,
)
from .report import REPORTER_BY_NAME, report_text
from .tools.issue_form import (
    form_fields,
    form_label_for,
    parse_issue_body,
    practice_from_answers,
    render_issue_form,
    render_practice_file,
)
from .tools.scaffold import render_new_practice
from .tools.stale import find_stale, parse_age, report_stale
from .translations import coverage_table, report_coverage_json, report_coverage_text
from .validate import check_entry, make_checker
from .vocabulary import country_code_for

if TYPE_CHECKING:  # the build imports the engine, which kb validate does without
    from .build import BuildCache

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/add-practice.yml"


def run_validate(project: Project, paths: Sequence[Path], fmt: str) -> int:
    checked = validate_project(project, paths)
    sys.stdout.write(REPORTER_BY_NAME[fmt](checked.problems, checked.files, checked.warnings))
    return EXIT_PROBLEMS if checked.problems else EXIT_OK


def run_build(project: Project, *, strict: bool = True, cache: BuildCache | None = None) -> int:
    from .build import ProjectBuild, build_project
    from .update import rebuild

    try:
        if cache is None:
            built = build_project(project, strict=strict)
        else:  # kb serve: the site of the build before, updated in place where it can be (update.py)
            loaded = collect_project(project)
            built = ProjectBuild(loaded.problems, loaded.files)
            if not loaded.problems:
                site = rebuild(project, loaded.practices, cache, strict=strict, collections=loaded.collections)
                built = ProjectBuild([], loaded.files, len(loaded.practices), site)
    except GeneratorError as e:
        unchanged = "" if isinstance(e, UpdateError) else "The previous site, if any, is unchanged.\n"
        sys.stderr.write(f"Build failed: {e}\n{unchanged}")
        return EXIT_ERROR
    if built.problems or built.site is None:
        sys.stderr.write(report_text(built.problems, built.files))
        sys.stderr.write("Nothing was built; the previous site, if any, is unchanged.\n")
        return EXIT_PROBLEMS
    print(f"Built {built.practices} practices into {built.site.relative_to(project.root)}/")
    return EXIT_OK


def run_serve(project: Project, host: str, port: int) -> int:
    from .build import BuildCache
    from .engine import serve_with_reload

    # Checked before the first build, so that a busy port is said at once, not after a traceback.
    problem = port_problem(host, port)
    if problem:
        sys.stderr.write(f"{problem}\n")
        return EXIT_ERROR
    # A rebuild after an edit to practices or collections updates the site of the build before in
    # place (update.py): only a change to mkdocs.yml, site_overrides/, schema/ or the interface
    # texts builds it whole, and only the first two run the engine again.
    cache = BuildCache(project.build_dir / "engine-files")
    first = run_build(project, cache=cache)
    if first != EXIT_OK and not project.site_dir.exists():
        return first

    def rebuild() -> None:
        # Problems are printed and the last good site stays online until they are fixed.
        run_build(project, cache=cache)

    print(f"Serving on http://{host}:{port}/ ; edit a file in practices/ and the page reloads. Ctrl+C stops.")
    try:
        serve_with_reload(
            project.site_dir,
            [
                project.practices_dir,
                project.collections_dir,
                project.root / "schema",
                project.root / "site_overrides",
                project.engine_config,
            ],
            rebuild,
            host=host,
            port=port,
        )
    except OSError as e:
        sys.stderr.write(f"Cannot serve on {host}:{port} ({e.strerror or e}); choose another port with --port\n")
        return EXIT_ERROR
    return EXIT_OK


def port_problem(host: str, port: int) -> str | None:
    """Why `kb serve` cannot listen on host:port, in one line, or None when it can."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            return f"Port {port} on {host} is already in use (another kb serve?); stop that server or choose another port: kb serve --port {port + 1}"
        return f"Cannot listen on {host}:{port} ({e.strerror}); choose another address with --host or --port"
    return None


def run_translations(project: Project, fmt: str) -> int:
    from .engine import read_languages

    collected = collect_practices(project)
    if collected.problems:
        sys.stderr.write(report_text(collected.problems, collected.files))
        return EXIT_PROBLEMS
    languages = read_languages(project.engine_config)
    table = coverage_table(collected.practices, languages)
    report = report_coverage_json if fmt == "json" else report_coverage_text
    sys.stdout.write(report(table, languages))
    return EXIT_OK


def run_issue_form(project: Project, write: bool) -> int:
    from .engine import read_languages

    fields = form_fields(load_project_vocabularies(project), read_languages(project.engine_config))
    text = render_issue_form(fields)
    if not write:
        sys.stdout.write(text)
        return EXIT_OK
    target = project.root / ISSUE_FORM_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {ISSUE_FORM_PATH}")
    return EXIT_OK


def run_from_issue(project: Project, body_file: Path, today: dt.date) -> int:
    """Turn an answered issue form into practices/<id>.yaml, or list what is missing (exit 1)."""
    from .engine import read_languages

    fields = form_fields(load_project_vocabularies(project), read_languages(project.engine_config))
    data, missing = practice_from_answers(parse_issue_body(body_file.read_text(encoding="utf-8")), fields, today)
    ident = data["id"]
    target = project.practices_dir / f"{ident}.yaml"
    if ident and target.exists():
        missing.append(
            f"Name of the practice: {target.relative_to(project.root)} already exists; check whether it is the same practice"
        )
    if not missing:
        text = render_practice_file(data)
        entry, problems = parse_text(text.encode("utf-8"), f"practices/{ident}.yaml", target)
        if entry is not None:
            problems = check_entry(entry, make_checker(project.schema_file))
        missing = [f"{form_label_for(p.field)}: {p.message}" for p in sorted(problems)]
    if missing:
        sys.stdout.write("".join(f"- {line}\n" for line in dict.fromkeys(missing)))
        return EXIT_PROBLEMS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target.relative_to(project.root)}")
    return EXIT_OK


def run_stale(project: Project, older_than: str, today: dt.date) -> int:
    age = parse_age(older_than)
    files = find_practice_files([project.practices_dir])
    loaded = load_files(files, project.root)
    sys.stdout.write(report_stale(find_stale(loaded.entries, age, today), older_than, len(loaded.entries)))
    return EXIT_OK


def _ask(question: str) -> str:
    try:
        return input(question).strip()
    except EOFError:
        return ""


def _checked_list(raw: str, check: Callable[[str], str | None], what: str) -> tuple[list[str], list[str]]:
    """Split 'a, b' and check each part: (codes, complaints)."""
    codes, complaints = [], []
    for part in filter(None, (p.strip() for p in raw.split(","))):
        code = check(part)
        if code is None:
            complaints.append(f"{part!r} is not a known {what}")
        elif code not in codes:
            codes.append(code)
    return codes, complaints


def run_new(project: Project, args: argparse.Namespace, today: dt.date) -> int:
    interactive = sys.stdin.isatty()
    title = args.title or (_ask("Name of the practice: ") if interactive else "")
    if not title:
        sys.stderr.write('Give the name of the practice, e.g. kb new "Duo for a Job".\n')
        return EXIT_ERROR
    language = args.language or (_ask("Language of your text [en]: ") if interactive else "") or "en"
    themes_vocabulary = load_project_vocabularies(project).themes
    countries_raw = (
        args.countries if args.countries is not None else (_ask("Countries (e.g. Belgium, FR): ") if interactive else "")
    )
    themes_raw = (
        args.themes
        if args.themes is not None
        else (_ask(f"Themes ({', '.join(themes_vocabulary.terms)}): ") if interactive else "")
    )
    countries, bad_countries = _checked_list(
        countries_raw, country_code_for, "country; write its English name or two-letter code"
    )
    themes, bad_themes = _checked_list(themes_raw, lambda t: t if t in themes_vocabulary.terms else None, "theme")
    if bad_countries or bad_themes:
        for complaint in bad_countries + bad_themes:
            sys.stderr.write(f"{complaint}\n")
        sys.stderr.write(f"Themes are: {', '.join(themes_vocabulary.terms)}.\n")
        return EXIT_ERROR
    ident, text = render_new_practice(title, language, today, countries or ["BE"], themes or ["employment"])
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
    print(
        f"Wrote {rel}.\nNext: fill in every field (each is explained in the file and in schema/practice.schema.json), "
        f"run `kb validate {rel}`, then open a pull request."
    )
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

    stale = commands.add_parser(
        "stale",
        help="list practices not reviewed for a long time",
        description="List practices whose last_reviewed date is older than the given age, oldest first.",
    )
    stale.add_argument("--older-than", default="2y", help="age such as 2y, 18m or 90d (default: 2y)")

    form = commands.add_parser(
        "issue-form",
        help="print or write the GitHub issue form for new practices",
        description=f"Make the issue form from the schema and vocabularies; --write saves it as {ISSUE_FORM_PATH}.",
    )
    form.add_argument("--write", action="store_true", help=f"write {ISSUE_FORM_PATH} instead of printing it")

    from_issue = commands.add_parser(
        "from-issue",
        help="turn an answered issue form into a practice file",
        description="Read an issue body made with the 'Add a practice' form; write practices/<id>.yaml, "
        "or list what is missing and exit 1.",
    )
    from_issue.add_argument("--body-file", type=Path, required=True, help="file holding the issue body")

    new = commands.add_parser(
        "new",
        help="start a new practice file from a template",
        description="Write practices/<id>.yaml from a template, the id made from the title.",
    )
    new.add_argument("title", nargs="?", help="name of the practice, e.g. 'Duo for a Job' (asked if missing)")
    new.add_argument("--language", help="language you write the text in (default: en; asked if missing)")
    new.add_argument("--countries", help="countries, by name or code, separated by commas: 'Belgium, FR'")
    new.add_argument("--themes", help="themes from schema/vocabularies/themes.yaml, separated by commas")
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
        if args.command == "stale":
            return run_stale(project, args.older_than, dt.date.today())
        if args.command == "issue-form":
            return run_issue_form(project, args.write)
        if args.command == "from-issue":
            return run_from_issue(project, args.body_file, dt.date.today())
        return run_new(project, args, dt.date.today())
    except GeneratorError as e:
        if args.verbose:
            raise
        sys.stderr.write(f"kb: {e}\n")
        return EXIT_ERROR
