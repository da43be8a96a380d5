"""A built copy of the bundled site, served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator.build import build_site
from generator.pipeline import collect_collections, collect_practices, practice_ids

from ..conftest import REPO, make_project

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "Chromium is missing, so the browser tests cannot run. On Debian or Ubuntu install it with "
        "`sudo apt-get install -y chromium` (CI does this in .ci/run), then run the tests again.",
        pytrace=False,
    )


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 connections overflows when a page fetches its search index and
    # result cards in parallel on a busy machine: requests then fail at random.
    request_queue_size = 128
    daemon_threads = True


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled practices built once for the whole session."""
    project = make_project(
        tmp_path_factory.mktemp("site"),
        sorted((REPO / "practices").glob("*.yaml")),
        sorted((REPO / "collections").glob("*.yaml")),
    )
    collected = collect_practices(project)
    collections = collect_collections(project, practice_ids(project))
    assert collected.problems == [] and collections.problems == []
    return build_site(project, collected.practices, collections=collections.collections)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    site = built_site
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
