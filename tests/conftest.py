from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import Project, load_project_vocabularies
from generator.render import SiteContext, load_strings

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo_project() -> Project:
    return Project(REPO)


@pytest.fixture
def ctx(repo_project: Project) -> SiteContext:
    """Rendering context for English, French and German with this project's strings and vocabularies."""
    return SiteContext(("en", "fr", "de"), load_strings(), load_project_vocabularies(repo_project))


def make_project(target: Path, practices: list[Path], collections: list[Path] | None = None) -> Project:
    """A copy of this project's configuration with the given practice and collection files."""
    for name in ("schema", "site_overrides"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    (target / "practices").mkdir()
    for path in practices:
        shutil.copy(path, target / "practices" / path.name)
    if collections:
        (target / "collections").mkdir()
        for path in collections:
            shutil.copy(path, target / "collections" / path.name)
    return Project(target)


# A real practice translated into every language, and the valid test files (the full one is
# written in German with only its title in English; the minimal one has no translation).
TINY = [REPO / "practices" / "duo-for-a-job.yaml", DATA / "valid" / "full.yaml", DATA / "valid" / "minimal.yaml"]


@pytest.fixture
def tiny_project(tmp_path: Path) -> Project:
    """The tiny project, in a folder of the test's own, to change or build."""
    return make_project(tmp_path, TINY)


def three_languages(project: Project) -> Project:
    """`project` built in its first three interface languages only (en, fr, de: the default one, one
    with translations, and the language "full" is written in), for tests of the build's workings,
    not of languages: a third of the engine's and the index's runs."""
    from benchmarks.bench import limit_languages

    limit_languages(project.engine_config, 3)
    return project


@pytest.fixture
def three_language_project(tmp_path: Path) -> Project:
    """The tiny project in three languages (three_languages), in a folder of the test's own."""
    return three_languages(make_project(tmp_path, TINY))


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(folder)`, which gives a built site, run once for all the test processes of a run
    (pytest-xdist's workers share the parent of their temporary folders): the first to need it
    builds it under a lock, the others read what it built. Only for sites tests do not change."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / name
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = base / f"{name}.built"
        if not done.exists():
            done.write_text(str(build(folder)), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built once, for the tests that only read the built site."""
    from generator.build import build_site
    from generator.pipeline import collect_practices

    def build(folder: Path) -> Path:
        project = make_project(folder, TINY)
        return build_site(project, collect_practices(project).practices)

    return built_once(tmp_path_factory, "tiny-site", build)
