"""A built copy of the bundled site, served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import CHROMIUM_ARGS, serve
from generator.build import build_site
from generator.model import Practice
from generator.pipeline import Project, collect_collections, collect_practices, practice_ids

from ..conftest import DATA, REPO, built_once, make_project

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
    """The bundled practices built once for the whole run."""

    def build(folder: Path) -> Path:
        project = make_project(folder, SITE_PRACTICES, sorted((REPO / "collections").glob("*.yaml")))
        collected = collect_practices(project)
        collections = collect_collections(project, practice_ids(project))
        assert collected.problems == [] and collections.problems == []
        return build_site(project, collected.practices, collections=collections.collections)

    return built_once(tmp_path_factory, "bundled-site", build)


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


class Tab:
    """The worker's one tab (see `page`), opened again if a test leaves it unusable."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()

    def reset(self) -> None:
        """Back to what a new tab is: storage emptied, print emulation and viewport undone, blank."""
        try:
            if self.page.url.startswith("http"):
                self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            self.context.clear_cookies()
            self.page.emulate_media(media="null")  # None would leave the emulation as it is
            self.page.set_viewport_size(VIEWPORT)
            self.page.goto("about:blank")
        except PlaywrightError:  # a test that failed half-way: a new tab instead
            self.page.close()
            self.page = self.context.new_page()


VIEWPORT = ViewportSize(width=1280, height=720)  # Playwright's default for a new context


@pytest.fixture(scope="session")
def tab(browser: Browser) -> Iterator[Tab]:
    """One tab for all the tests of a worker that take `page`. Opening a tab costs headless Chromium
    about 1.2 s of processor time (a page loaded in a tab already open: 0.3 s), which made tabs the
    largest part of the browser tests' time on two cores."""
    tab = Tab(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def page(tab: Tab) -> Iterator[Page]:
    """The worker's tab, given back as a new one would be (Tab.reset). Tests that add listeners add
    them with `listen`."""
    page = tab.page
    # What the last test could have left: checked, so that a leak fails here and not in a later test.
    assert page.url == "about:blank" and page.evaluate("matchMedia('screen').matches"), "the shared tab was not reset"
    assert page.viewport_size == VIEWPORT, "the shared tab was not reset"
    yield page
    tab.reset()


Listen = Callable[[str, Callable[..., object]], None]


@pytest.fixture
def listen(page: Page) -> Iterator[Listen]:
    """`listen(event, handler)`: `page.on` for the length of one test (the tab outlives it)."""
    added: list[tuple[str, Callable[..., object]]] = []

    def add(event: str, handler: Callable[..., object]) -> None:
        page.on(event, handler)  # type: ignore[call-overload]
        added.append((event, handler))

    yield add
    for event, handler in added:
        page.remove_listener(event, handler)
