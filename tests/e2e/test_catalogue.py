"""Catalogue search and facets in headless Chromium, checked against the practice data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.model import Practice

from .conftest import site_practices

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    return site_practices()


def titles(practices: list[Practice], lang: str = "en") -> set[str]:
    return {p.title(lang) for p in practices}


def settled(page: Page) -> None:
    """Wait until the results on screen match the view in the address bar."""
    page.wait_for_function("() => document.querySelector('[data-kb-catalogue]').dataset.kbView === location.search")


def shown_titles(page: Page) -> set[str]:
    """Titles of every result, after asking for more until all are shown."""
    settled(page)
    found = re.search(r"\d+", page.locator(".kb-count").inner_text())
    total = int(found.group()) if found else 0
    more = page.locator(".kb-more")
    while more.is_visible():
        more.click()
    expect(page.locator(".kb-result")).to_have_count(total)
    return set(page.locator(".kb-result h2 a").all_inner_texts())


def open_catalogue(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()


def expect_count(page: Page, count: int, lang: str = "en") -> None:
    text = {"en": f"Practices found: {count}", "fr": f"Pratiques trouvées : {count}"}[lang]
    expect(page.locator(".kb-count")).to_have_text(text)


def test_filter_by_country_then_theme(page: Page, site_url: str, practices: list[Practice]) -> None:
    open_catalogue(page, f"{site_url}/practices/")
    expect_count(page, len(practices))
    expect(page.locator(".kb-static-list")).to_be_hidden()

    page.get_by_label(re.compile(r"^Belgium \(\d+\)$")).check()
    in_belgium = [p for p in practices if "BE" in p.countries]
    expect_count(page, len(in_belgium))
    assert "Duo for a Job" in shown_titles(page)
    assert shown_titles(page) == titles(in_belgium)
    expect(page).to_have_url(re.compile(r"\?country=BE$"))

    page.locator("details[data-facet=theme]").evaluate("node => node.open = true")
    page.get_by_label(re.compile(r"^Mentoring \(\d+\)$")).check()
    narrowed = [p for p in in_belgium if "mentoring" in p.themes]
    assert 0 < len(narrowed) < len(in_belgium)
    expect_count(page, len(narrowed))
    assert shown_titles(page) == titles(narrowed)

    # The back button steps back to the country filter alone.
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?country=BE$"))
    expect_count(page, len(in_belgium))


def test_two_values_of_one_facet_combine_with_or(page: Page, site_url: str, practices: list[Practice]) -> None:
    open_catalogue(page, f"{site_url}/practices/?country=BE,SE")
    either = [p for p in practices if {"BE", "SE"} & set(p.countries)]
    expect_count(page, len(either))
    assert shown_titles(page) == titles(either)
    # The count beside Sweden says how many practices Sweden alone has.
    sweden = sum("SE" in p.countries for p in practices)
    expect(page.get_by_label(re.compile(r"^Sweden \(\d+\)$"))).to_be_checked()
    expect(page.locator("label", has_text="Sweden")).to_have_text(f"Sweden ({sweden})")


def test_copied_link_restores_the_same_view(browser: Browser, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_catalogue(page, f"{site_url}/practices/")
    page.get_by_label(re.compile(r"^Belgium \(\d+\)$")).check()
    page.locator("#kb-q").fill("employers")
    expect(page).to_have_url(re.compile(r"q=employers"))
    before = shown_titles(page)
    page.get_by_role("button", name="Copy link to this view").click()
    expect(page.locator(".kb-copy-status")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{site_url}/practices/?")

    other = context.new_page()
    open_catalogue(other, copied)
    expect(other.locator("#kb-q")).to_have_value("employers")
    expect(other.get_by_label(re.compile(r"^Belgium \(\d+\)$"))).to_be_checked()
    expect(other.locator(".kb-count")).to_have_text(page.locator(".kb-count").inner_text())
    assert shown_titles(other) == before and before
    context.close()


def test_french_search_in_the_french_interface(page: Page, site_url: str) -> None:
    open_catalogue(page, f"{site_url}/fr/practices/")
    page.locator("#kb-q").fill("binôme")  # singular: found through stemming of "binômes"
    expect(page.locator(".kb-result h2 a", has_text="Duo for a Job")).to_be_visible()
    result = page.locator(".kb-result", has_text="Duo for a Job")
    expect(result.locator("mark").first).to_contain_text(re.compile("binôme", re.I))
    expect(result.locator(".kb-meta")).to_contain_text("Pays: Belgique")
    link = result.locator("h2 a")
    assert link.get_attribute("href") == "/fr/practices/duo-for-a-job/"


def test_a_filter_works_with_the_keyboard_alone(page: Page, site_url: str, practices: list[Practice]) -> None:
    open_catalogue(page, f"{site_url}/practices/")
    page.locator("#kb-q").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kb-f-country-BE":
            break
    else:
        pytest.fail("Tab never reached the Belgium filter")
    page.keyboard.press("Space")
    expect_count(page, sum("BE" in p.countries for p in practices))
    assert page.evaluate("document.activeElement.id") == "kb-f-country-BE"
    assert page.locator(".kb-count").get_attribute("aria-live") == "polite"


def test_without_javascript_the_static_list_shows_every_practice(
    browser: Browser, site_url: str, practices: list[Practice]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/practices/")
    expect(page.locator(".kb-catalogue")).to_be_hidden()
    assert page.locator(".kb-static-list article.kb-card").count() == len(practices)
    context.close()


def test_switching_language_keeps_the_filtered_view(page: Page, site_url: str, practices: list[Practice]) -> None:
    open_catalogue(page, f"{site_url}/practices/?country=BE")
    expected = sum("BE" in p.countries for p in practices)
    expect_count(page, expected)
    page.get_by_role("button", name="Select language").click()
    page.locator('a.md-select__link[hreflang="fr"]').click()
    expect(page).to_have_url(f"{site_url}/fr/practices/?country=BE")
    expect(page.locator(".kb-catalogue.kb-ready")).to_be_visible()
    expect_count(page, expected, "fr")
    expect(page.get_by_label(re.compile(r"^Belgique \(\d+\)$"))).to_be_checked()


@pytest.mark.parametrize("words", ["", "employers"])
def test_downloaded_csv_has_exactly_the_rows_shown(page: Page, site_url: str, words: str) -> None:
    query = f"?country=BE&q={words}" if words else "?country=BE"
    open_catalogue(page, f"{site_url}/practices/{query}")
    shown = shown_titles(page)
    hrefs = page.locator(".kb-result h2 a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert shown and {r["title"] for r in rows} == shown
    assert sorted(f"/practices/{r['id']}/" for r in rows) == sorted(hrefs)
    assert all(r["url"].startswith(site_url) for r in rows)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download these results (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [p["id"] for p in data["practices"]] == [r["id"] for r in rows]


def test_facet_counts_agree_with_the_results_of_a_word_search(page: Page, site_url: str) -> None:
    # A shared link runs the word search first, before Pagefind has loaded any filter data.
    open_catalogue(page, f"{site_url}/practices/?q=mentoring")
    expect(page.locator(".kb-result").first).to_be_visible()
    expect(page.locator(".kb-count")).to_have_text(re.compile(r"^Practices found: \d+$"))
    found = int(page.locator(".kb-count").inner_text().rsplit(" ", 1)[-1])
    assert found > 1
    country = page.locator('.kb-facet[data-facet="country"]')
    if country.get_attribute("open") is None:
        country.locator("summary").click()
    rows = country.locator(".kb-facet-value")
    counts = [int(t.strip("()")) for t in rows.locator(".kb-facet-count").all_text_contents()]
    assert any(counts), "every count reads (0) during a word search"
    # Choosing a value shows exactly as many practices as its count said.
    best = max(range(len(counts)), key=lambda i: counts[i])
    rows.nth(best).locator("input").check()
    expect_count(page, counts[best])
    assert counts[best] < found or len([c for c in counts if c]) == 1
