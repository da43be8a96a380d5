"""A collection page read on screen, printed, and saved as PDF by headless Chromium."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from generator.pipeline import Project, collect_collections, practice_ids

from ..conftest import REPO
from .conftest import site_practices

pytestmark = pytest.mark.browser


def forum_collection():  # type: ignore[no-untyped-def]
    project = Project(REPO)
    collections = collect_collections(project, practice_ids(project)).collections
    return next(c for c in collections if c.id == "european-migration-forum-2018")


def test_collection_page_links_every_practice_in_order(page: Page, site_url: str) -> None:
    collection = forum_collection()
    titles = {p.id: p.title("en") for p in site_practices()}
    page.goto(f"{site_url}/collections/{collection.id}/")
    headings = page.locator(".kb-collection-item h2 a").all_inner_texts()
    assert headings == [titles[i] for i in collection.practice_ids]
    page.locator(".kb-collection-item h2 a").first.click()
    expect(page).to_have_url(f"{site_url}/practices/{collection.practice_ids[0]}/")


def test_printed_collection_has_no_navigation_and_every_practice(page: Page, site_url: str) -> None:
    collection = forum_collection()
    page.goto(f"{site_url}/fr/collections/{collection.id}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).first.is_hidden(), selector
    items = page.locator(".kb-collection-item")
    expect(items).to_have_count(len(collection.practice_ids))
    assert items.nth(1).evaluate("node => getComputedStyle(node).breakBefore") == "page"
    urls = page.locator(".kb-print-url").all_inner_texts()
    assert all(f"/fr/practices/{i}/" in u for u, i in zip(urls, collection.practice_ids, strict=True))

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # Compared without white space: a long title wraps, and a line may break after a hyphen.
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pdf.pages))
    titles = {p.id: p.title("fr") for p in site_practices()}
    for ident in collection.practice_ids:
        assert re.sub(r"\s+", "", titles[ident]) in text, ident
    assert len(pdf.pages) >= len(collection.practice_ids)
