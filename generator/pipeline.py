"""The stages in order: files -> load -> validate -> model. Shared by every command."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .duplicates import find_lookalikes
from .errors import Problem
from .load import Entry, find_practice_files, load_files, scan_folder
from .model import Collection, Practice, build_collection, build_practice
from .validate import Checker, check_entry, check_references, check_unique_ids, contact_warnings, make_checker
from .vocabulary import Vocabularies, load_vocabularies


@dataclass(frozen=True)
class Project:
    """Where a project's inputs and outputs live. Every path derives from the root."""

    root: Path

    @property
    def practices_dir(self) -> Path:
        return self.root / "practices"

    @property
    def schema_file(self) -> Path:
        return self.root / "schema" / "practice.schema.json"

    @property
    def collections_dir(self) -> Path:
        return self.root / "collections"

    @property
    def collection_schema_file(self) -> Path:
        return self.root / "schema" / "collection.schema.json"

    @property
    def vocabularies_dir(self) -> Path:
        return self.root / "schema" / "vocabularies"

    @property
    def engine_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True)
class Collected:
    practices: list[Practice]
    problems: list[Problem]
    files: int
    warnings: list[Problem] = field(default_factory=list)


def collect_practices(project: Project, paths: Sequence[Path] = ()) -> Collected:
    """Load and validate practice files (all of `practices/` by default) into models.

    Models are built only when no file has a problem, so later stages never see bad data. A large
    run checks the files in every processor, as `kb validate` does (4.1 s instead of 6.4 s for
    10,000 files on two cores, measured, the entries sent back included)."""
    checked = _check_practices(project, paths, processes=_processors())
    if checked.problems:
        return Collected([], checked.problems, checked.files, checked.warnings)
    return Collected([build_practice(e.data, e.name) for e in checked.entries], [], checked.files, checked.warnings)


@dataclass(frozen=True)
class CollectedCollections:
    collections: list[Collection]
    problems: list[Problem]
    files: int


def collect_collections(project: Project, practice_ids: Set[str], paths: Sequence[Path] = ()) -> CollectedCollections:
    """Load and validate collections (all of `collections/` by default); every practice they name must exist."""
    checked = _check_collections(project, practice_ids, paths)
    if checked.problems:
        return CollectedCollections([], checked.problems, checked.files)
    return CollectedCollections([build_collection(e.data, e.name) for e in checked.entries], [], checked.files)


@dataclass(frozen=True)
class CollectedProject:
    """A project's practices and collections as models, or the problems of its files (then no model)."""

    practices: list[Practice]
    collections: list[Collection]
    problems: list[Problem]  # sorted
    files: int


def collect_project(project: Project) -> CollectedProject:
    """collect_practices and collect_collections together, as `kb build` and `kb serve` need them."""
    collected = collect_practices(project)
    collections = collect_collections(project, practice_ids(project))
    problems = sorted(collected.problems + collections.problems)
    files = collected.files + collections.files
    if problems:
        return CollectedProject([], [], problems, files)
    return CollectedProject(collected.practices, collections.collections, [], files)


@dataclass(frozen=True)
class Checked:
    """What `kb validate` found: problems (sorted), the number of files checked, warnings."""

    problems: list[Problem]
    files: int
    warnings: list[Problem]


def validate_project(project: Project, paths: Sequence[Path] = ()) -> Checked:
    """Check practice files and collections (all of both by default), as `kb validate` does.

    No model is built. A large run uses every processor (see check_files)."""
    practice_paths = [p for p in paths if not _is_collection(project, p)]
    problems: list[Problem] = []
    files = 0
    warnings: list[Problem] = []
    ids: set[str] | None = None
    if practice_paths or not paths:
        practices = _check_practices(project, practice_paths, processes=_processors())
        problems, files, warnings = practices.problems, practices.files, practices.warnings
        if not paths:  # every file of practices/ was found: their names are the ids
            ids = {path.stem for path in practices.read}
    if not paths or len(practice_paths) < len(paths):
        collections = _check_collections(project, practice_ids(project) if ids is None else ids)
        problems, files = sorted(problems + collections.problems), files + collections.files
    return Checked(problems, files, warnings)


def _is_collection(project: Project, path: Path) -> bool:
    return project.collections_dir.resolve() in (path.resolve(), *path.resolve().parents)


@dataclass(frozen=True)
class _CheckedFiles:
    entries: list[Entry]  # the files that could be read, valid or not
    read: list[Path]
    problems: list[Problem]  # sorted
    files: int  # the files read, and those in the folder that were not
    warnings: list[Problem] = field(default_factory=list)


def _check_practices(project: Project, paths: Sequence[Path], *, processes: int) -> _CheckedFiles:
    files, unread = (find_practice_files(paths), []) if paths else scan_folder(project.practices_dir, project.root)
    checker = make_checker(project.schema_file)
    entries, problems = check_files(files, project.root, checker, project.schema_file, processes=processes)
    problems += check_unique_ids(entries)
    warnings = find_lookalikes(entries) + contact_warnings(entries)
    return _CheckedFiles(entries, files, sorted(problems + unread), len(files) + len(unread), warnings)


def _check_collections(project: Project, practice_ids: Set[str], paths: Sequence[Path] = ()) -> _CheckedFiles:
    files: list[Path] = []
    unread: list[Problem] = []
    if paths:
        files = find_practice_files(paths)
    elif project.collections_dir.exists():
        files, unread = scan_folder(project.collections_dir, project.root)
    checker = make_checker(project.collection_schema_file)
    entries, problems = check_files(files, project.root, checker, project.collection_schema_file, processes=1)
    problems += check_unique_ids(entries) + check_references(entries, practice_ids)
    return _CheckedFiles(entries, files, sorted(problems + unread), len(files) + len(unread))


# Below this many files per process, starting one costs more than it saves (a spawned one, about
# 0.4 s: Python and the checking modules; a forked one, almost nothing).
FILES_PER_PROCESS = 1000


def check_files(
    files: Sequence[Path], base: Path, checker: Checker, schema_file: Path, *, processes: int = 1
) -> tuple[list[Entry], list[Problem]]:
    """Load files and check each on its own (the schema and what needs no other file).

    The entries come in the order of `files`. With `processes` above 1 and enough files, the
    files are split into consecutive parts: this process checks the first, worker processes
    (each making its own checker from `schema_file`) the others."""
    parts = max(1, min(processes, len(files) // FILES_PER_PROCESS))
    if parts == 1:
        return _load_and_check(files, base, checker)
    size = -(-len(files) // parts)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    try:
        # Forked when this process runs no other thread (it starts at once); spawned otherwise,
        # since forking a process with threads (kb serve's rebuilds, a test's) is unsafe.
        start = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(len(chunks) - 1, mp_context=multiprocessing.get_context(start))
    except (NotImplementedError, OSError):  # no process semaphores on this system
        return _load_and_check(files, base, checker)
    with pool:
        others = [pool.submit(_load_and_check_with, chunk, base, schema_file) for chunk in chunks[1:]]
        entries, problems = _load_and_check(chunks[0], base, checker)
        for other in others:
            more_entries, more_problems = other.result()
            entries += more_entries
            problems += more_problems
    return entries, problems


def _load_and_check(files: Sequence[Path], base: Path, checker: Checker) -> tuple[list[Entry], list[Problem]]:
    loaded = load_files(files, base)
    return loaded.entries, loaded.problems + [p for entry in loaded.entries for p in check_entry(entry, checker)]


def _load_and_check_with(files: Sequence[Path], base: Path, schema_file: Path) -> tuple[list[Entry], list[Problem]]:
    return _load_and_check(files, base, make_checker(schema_file))


def _processors() -> int:
    """How many processors this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def practice_ids(project: Project) -> set[str]:
    """The ids of the practice files that exist (their names), valid or not."""
    return {path.stem for path in find_practice_files([project.practices_dir])}


def load_project_vocabularies(project: Project) -> Vocabularies:
    return load_vocabularies(project.vocabularies_dir)
