"""Nine interface languages: right-to-left Arabic, alternates, fallback notes, the help page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from playwright.sync_api import Browser, Page, expect

from generator.engine import read_languages
from generator.translations import State, coverage_of

from ..conftest import REPO
from .conftest import Listen, site_practices

pytestmark = pytest.mark.browser
LANGUAGES = read_languages(REPO / "mkdocs.yml")


def test_nine_interface_languages() -> None:
    assert set(LANGUAGES) >= {"en", "fr", "de", "es", "it", "nl", "pl", "uk", "ar"}


def test_arabic_pages_are_right_to_left_and_mirrored(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/ar/practices/duo-for-a-job/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("body").get_attribute("dir") == "rtl"
    title = page.locator(".md-header__title").bounding_box()
    switcher = (
        page.get_by_role("button", name="اختر اللغة").or_(page.locator(".md-select .md-header__button")).first.bounding_box()
    )
    assert title and switcher and switcher["x"] < title["x"]  # the language menu moved to the left
    # The Arabic text of this practice is shown without a fallback note.
    expect(page.locator(".kb-lead")).not_to_contain_text("Duo for a Job")
    expect(page.locator(".kb-untranslated")).to_have_count(0)

    page.goto(f"{site_url}/fr/practices/duo-for-a-job/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


def test_untranslated_arabic_page_marks_english_text(page: Page, site_url: str) -> None:
    """A practice with no Arabic text: its light page keeps the English summary left-to-right."""
    practice = next(p for p in site_practices() if "ar" not in p.texts)
    page.goto(f"{site_url}/ar/practices/{practice.id}/")
    block = page.locator(".kb-untranslated").first
    assert block.get_attribute("lang") == "en"
    assert block.evaluate("node => getComputedStyle(node).direction") == "ltr"
    note = page.locator(".kb-light .kb-note")
    expect(note).to_be_visible()
    assert note.evaluate("node => getComputedStyle(node).direction") == "rtl"


def test_every_page_names_its_alternates(page: Page, site_url: str) -> None:
    """In the switcher for readers, and in the sitemap for search engines (hreflang alternates)."""
    page.goto(f"{site_url}/uk/practices/singa/")
    switcher = page.locator("a.md-select__link[hreflang]")
    assert sorted(switcher.evaluate_all("links => links.map(l => l.hreflang)")) == sorted(LANGUAGES)
    hrefs = switcher.evaluate_all("links => links.map(l => new URL(l.href).pathname)")
    assert "/practices/singa/" in hrefs and "/ar/practices/singa/" in hrefs
    sitemap = ET.fromstring(page.request.get(f"{site_url}/sitemap.xml").body())
    entry = next(u for u in sitemap if u[0].text and u[0].text.endswith("/uk/practices/singa/"))
    links = {a.get("hreflang"): a.get("href") for a in entry if a.tag.endswith("}link")}
    assert sorted(links) == sorted(LANGUAGES)
    assert links["ar"].endswith("/ar/practices/singa/") and links["en"].endswith("/practices/singa/")


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_pages_make_no_failing_request_and_log_no_error(page: Page, listen: Listen, site_url: str, lang: str) -> None:
    """Home, catalogue, a practice and a collection: no 404 (Material's sitemap lookups), no console error."""
    failed: list[str] = []
    errors: list[str] = []
    listen("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    listen("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    listen("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    listen("pageerror", lambda e: errors.append(str(e)))
    for path in ("", "practices/", "practices/duo-for-a-job/", "collections/european-migration-forum-2018/"):
        page.goto(f"{site_url}/{lang}{path}")
        page.wait_for_load_state("networkidle")
    assert failed == [] and errors == []


def test_switching_to_arabic_and_back_keeps_the_practice(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/de/practices/startup-refugees/")
    page.locator(".md-select .md-header__button").click()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    expect(page).to_have_url(f"{site_url}/ar/practices/startup-refugees/")
    page.locator(".md-select .md-header__button").click()
    page.locator('a.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(f"{site_url}/practices/startup-refugees/")


def test_help_page_lists_what_is_missing_in_its_language(page: Page, site_url: str) -> None:
    practices = site_practices()
    missing = [p for p in practices if coverage_of(p, "uk").state in (State.MISSING, State.PARTIAL)]
    page.goto(f"{site_url}/uk/help-translate/")
    items = page.locator("article .kb-missing-list li")
    expect(items).to_have_count(len(missing))
    first = sorted(missing, key=lambda p: p.title("uk").casefold())[0]
    source = items.first.locator("a code")
    expect(source).to_have_text(f"practices/{first.id}.yaml")
    reviews = page.locator("article .kb-review-list li")
    expect(reviews).to_have_count(sum(p.unreviewed("uk") for p in practices))
    response = page.request.get(items.first.locator("a:has(code)").evaluate("a => a.href"))
    assert response.ok and f"id: {first.id}" in response.text()


def test_arabic_page_does_not_scroll_sideways_on_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("/ar/practices/duo-for-a-job/", "/ar/practices/"):
        page.goto(f"{site_url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    context.close()


def test_polish_search_finds_practices_by_polish_words(page: Page, site_url: str) -> None:
    duo = next(p for p in site_practices() if p.id == "duo-for-a-job")
    assert "pracodawców" in duo.texts["pl"]["summary"] and "pracodawców" not in duo.texts["en"]["summary"]
    page.goto(f"{site_url}/pl/practices/")
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()
    page.locator("#kb-q").fill("pracodawców")
    result = page.locator(".kb-result", has_text=duo.texts["pl"]["title"])
    expect(result).to_be_visible()
    expect(result.locator("mark").first).to_contain_text("pracodawców")


def test_polish_feed_lists_the_practices_with_polish_titles(page: Page, site_url: str) -> None:
    feed = feedparser.parse(page.request.get(f"{site_url}/pl/feed.xml").body())
    assert not feed.bozo, feed.bozo_exception
    polish = {p.texts["pl"]["title"] for p in site_practices() if {"title", "summary"} <= set(p.texts.get("pl", {}))}
    assert len(polish) >= 27
    assert {" ".join(e.title.split()) for e in feed.entries} == {" ".join(t.split()) for t in polish}


@pytest.mark.parametrize(
    ("lang", "note", "badge"),
    [
        ("pl", "To tłumaczenie nie zostało jeszcze sprawdzone", "Tłumaczenie jeszcze niesprawdzone"),
        ("ar", "لم يراجع هذه الترجمةَ بعدُ متحدثٌ أصلي بالعربية", "ترجمة لم تُراجَع بعد"),
    ],
)
def test_unreviewed_translation_shows_its_note(page: Page, site_url: str, lang: str, note: str, badge: str) -> None:
    page.goto(f"{site_url}/{lang}/practices/duo-for-a-job/")
    expect(page.locator(".kb-practice .kb-unreviewed")).to_contain_text(note)
    page.goto(f"{site_url}/{lang}/practices/")
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()
    expect(page.locator(".kb-result .kb-unreviewed").first).to_have_text(badge)
    # A reviewed translation would carry no note: the English original has none.
    page.goto(f"{site_url}/practices/duo-for-a-job/")
    expect(page.locator(".kb-unreviewed")).to_have_count(0)
