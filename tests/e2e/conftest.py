"""A built copy of the bundled site, served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.browser import CHROMIUM_ARGS, serve
from generator.build import build_site
from generator.model import Practice
from generator.pipeline import Project, collect_collections, collect_practices, practice_ids

from ..conftest import DATA, REPO, make_project

# The bundled practices, and one written in English only: every bundled practice now has a title
# and summary in every language, and the light pages need a practice without any translation.
UNTRANSLATED = "minimal"
SITE_PRACTICES = [*sorted((REPO / "practices").glob("*.yaml")), DATA / "valid" / f"{UNTRANSLATED}.yaml"]


def site_practices() -> list[Practice]:
    """The practices of the site the browser tests build."""
    return collect_practices(Project(REPO), SITE_PRACTICES).practices


def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "Chromium is missing, so the browser tests cannot run. On Debian or Ubuntu install it with "
        "`sudo apt-get install -y chromium` (CI does this in .ci/run), then run the tests again.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled practices built once for the whole session."""
    project = make_project(
        tmp_path_factory.mktemp("site"),
        SITE_PRACTICES,
        sorted((REPO / "collections").glob("*.yaml")),
    )
    collected = collect_practices(project)
    collections = collect_collections(project, practice_ids(project))
    assert collected.problems == [] and collections.problems == []
    return build_site(project, collected.practices, collections=collections.collections)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
