"""The built site in a real headless Chromium: language switcher, fallback notes, no outside requests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from generator.translations import State, coverage_of

from .conftest import site_practices

pytestmark = pytest.mark.browser


def test_language_switcher_keeps_the_reader_on_the_same_practice(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/practices/duo-for-a-job/")
    expect(page.locator("h1")).to_have_text("Duo for a Job")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Select language").click()
    page.locator('a.md-select__link[hreflang="fr"]').click()

    expect(page).to_have_url(f"{site_url}/fr/practices/duo-for-a-job/")
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", name="En quoi cela consiste")).to_be_visible()
    duo = next(p for p in site_practices() if p.id == "duo-for-a-job")
    expect(page.locator(".kb-lead")).to_contain_text(" ".join(duo.texts["fr"]["summary"].split()[:8]))
    expect(page.locator(".kb-untranslated")).to_have_count(0)


def test_untranslated_text_shows_a_note_and_keeps_its_language(page: Page, site_url: str) -> None:
    """A practice with only its title and summary in Italian: the other fields are in English, marked."""
    practices = site_practices()
    partial = next(p for p in practices if coverage_of(p, "it").state is State.PARTIAL and p.language == "en")
    page.goto(f"{site_url}/it/practices/{partial.id}/")
    assert page.locator("html").get_attribute("lang") == "it"
    expect(page.locator("h1")).to_have_text(" ".join(partial.texts["it"]["title"].split()))
    assert page.locator("h1").get_attribute("lang") is None
    blocks = page.locator(".kb-untranslated")
    assert blocks.count() >= 2
    first = blocks.first
    assert first.get_attribute("lang") == "en"
    note = first.locator(".kb-note")
    expect(note).to_be_visible()
    assert note.get_attribute("lang") == "it"
    expect(note).to_have_text("Questo testo non è ancora stato tradotto in italiano; viene mostrato in inglese.")


def test_switching_to_a_language_without_translation_gives_the_light_page(page: Page, site_url: str) -> None:
    practices = site_practices()
    untranslated = next(p for p in practices if coverage_of(p, "de").state is State.MISSING and p.language == "en")
    page.goto(f"{site_url}/practices/{untranslated.id}/")
    page.get_by_role("button", name="Select language").click()
    page.locator('a.md-select__link[hreflang="de"]').click()

    expect(page).to_have_url(f"{site_url}/de/practices/{untranslated.id}/")
    assert page.locator("html").get_attribute("lang") == "de"
    heading = page.locator("h1")
    expect(heading).to_have_text(untranslated.title("en"))
    assert heading.get_attribute("lang") == "en"
    expect(page.locator(".kb-light .kb-note")).to_have_text(
        "Diese Praxis wurde noch nicht ins Deutsche übersetzt; ihre Zusammenfassung wird auf Englisch angezeigt."
    )
    assert page.locator(".kb-lead").get_attribute("lang") == "en"
    expect(page.get_by_role("term").first).to_have_text("Länder")

    page.get_by_role("link", name="Vollständige Beschreibung lesen (Englisch)").click()
    expect(page).to_have_url(f"{site_url}/practices/{untranslated.id}/")
    expect(page.get_by_role("heading", name="What it is")).to_be_visible()


def test_catalogue_links_to_the_practice_pages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/fr/practices/?country=BE")
    page.locator(".kb-result").get_by_role("link", name="Duo for a Job").click()
    expect(page).to_have_url(f"{site_url}/fr/practices/duo-for-a-job/")


def test_country_page_lists_its_practices(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/countries/")
    page.get_by_role("link", name=re.compile(r"^Belgium")).click()
    expect(page).to_have_url(f"{site_url}/countries/be/")
    expect(page.locator("article.kb-card").get_by_role("link", name="Duo for a Job")).to_be_visible()


def test_practice_page_reads_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/practices/duo-for-a-job/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_phone_menu_opens_and_is_closed_again_after_going_back(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The menu toggle works without its autocomplete attribute, and languages.js closes it on return."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/practices/duo-for-a-job/")
    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    assert page.locator("#__drawer").is_checked()
    page.locator(".md-sidebar--primary").get_by_role("link", name="Collections").click()
    page.wait_for_url("**/collections/")
    page.go_back()
    page.wait_for_url("**/practices/duo-for-a-job/")
    expect(page.locator("#__drawer")).not_to_be_checked()
    context.close()
