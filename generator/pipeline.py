"""The stages in order: files -> load -> validate -> model. Shared by every command."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from .duplicates import find_lookalikes
from .errors import Problem
from .load import check_folder, find_practice_files, load_files
from .model import Collection, Practice, build_collection, build_practice
from .validate import check_references, contact_warnings, make_checker, validate_entries
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

    Models are built only when no file has a problem, so later stages never see bad data."""
    files = find_practice_files(paths or [project.practices_dir])
    loaded = load_files(files, project.root)
    problems = loaded.problems + validate_entries(loaded.entries, make_checker(project.schema_file))
    if not paths:
        unread = check_folder(project.practices_dir, project.root)
        problems, files = problems + unread, files + [Path(p.file) for p in unread]
    warnings = find_lookalikes(loaded.entries) + contact_warnings(loaded.entries)
    if problems:
        return Collected([], sorted(problems), len(files), warnings)
    return Collected([build_practice(e.data, e.name) for e in loaded.entries], [], len(files), warnings)


@dataclass(frozen=True)
class CollectedCollections:
    collections: list[Collection]
    problems: list[Problem]
    files: int


def collect_collections(project: Project, practice_ids: Set[str], paths: Sequence[Path] = ()) -> CollectedCollections:
    """Load and validate collections (all of `collections/` by default); every practice they name must exist."""
    folder = [project.collections_dir] if project.collections_dir.exists() else []
    files = find_practice_files(paths or folder)
    loaded = load_files(files, project.root)
    problems = loaded.problems + validate_entries(loaded.entries, make_checker(project.collection_schema_file))
    problems += check_references(loaded.entries, practice_ids)
    if not paths:
        unread = check_folder(project.collections_dir, project.root)
        problems, files = problems + unread, files + [Path(p.file) for p in unread]
    if problems:
        return CollectedCollections([], sorted(problems), len(files))
    return CollectedCollections([build_collection(e.data, e.name) for e in loaded.entries], [], len(files))


def practice_ids(project: Project) -> set[str]:
    """The ids of the practice files that exist (their names), valid or not."""
    return {path.stem for path in find_practice_files([project.practices_dir])}


def load_project_vocabularies(project: Project) -> Vocabularies:
    return load_vocabularies(project.vocabularies_dir)
