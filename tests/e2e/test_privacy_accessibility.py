"""Accessibility (axe-core, WCAG 2.1 AA), and privacy: every request stays on the site and the
pages satisfy their Content-Security-Policy, while readers browse, filter and search."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/",
    "/practices/?country=BE",
    "/practices/duo-for-a-job/",
    "/practices/minimal/",  # untranslated: in Arabic a light page
    "/collections/european-migration-forum-2018/",
]


@pytest.mark.parametrize("lang", ["", "/ar"], ids=["en", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violation(page: Page, site_url: str, lang: str, path: str) -> None:
    page.goto(f"{site_url}{lang}{path}")
    page.wait_for_load_state("networkidle")
    if "practices/?" in path:
        expect(page.locator(".kb-result").first).to_be_visible()
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


@pytest.mark.parametrize("lang", ["", "/ar"], ids=["en", "ar"])
def test_printed_collection_is_accessible(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}{lang}/collections/european-migration-forum-2018/")
    page.emulate_media(media="print")
    assert Axe().run(page, options=WCAG_21_AA).response["violations"] == []


def test_requests_stay_on_the_site_and_satisfy_the_policy(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith((site_url, "blob:", "data:")) else outside.append(request.url)
    )
    violations: list[str] = []
    for path in ("/", "/fr/practices/duo-for-a-job/", "/de/themes/", "/ar/collections/european-migration-forum-2018/"):
        page.goto(f"{site_url}{path}")
        page.wait_for_load_state("networkidle")
        violations += page.evaluate("window.__csp")
    # Browse, filter and search with words (Pagefind, its WebAssembly and worker).
    page.goto(f"{site_url}/fr/practices/")
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()
    page.get_by_label(re.compile(r"^Belgique \(\d+\)$")).check()
    page.locator("#kb-q").fill("mentorat")
    expect(page.locator(".kb-result h2 a", has_text="Duo for a Job")).to_be_visible()
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__csp")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    context.close()
    assert outside == []
    assert violations == []
