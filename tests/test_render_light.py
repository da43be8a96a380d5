"""Light pages: what they show, and how the build fills the frame the engine rendered."""

from __future__ import annotations

import re

import pytest

from generator.engine import conform_page
from generator.errors import BuildError
from generator.open_data import render_sitemap
from generator.render import SiteContext, practice_href
from generator.render_light import fill_light_frame, render_light_body, render_light_frames

from .conftest import DATA
from .test_render import check_golden, ctx, practice

__all__ = ["ctx"]  # the fixture, shared with test_render

FULL = DATA / "valid" / "full.yaml"  # written in German, with an English and a Norwegian title


def test_light_body_matches_golden(ctx: SiteContext, update_golden: bool) -> None:
    check_golden("light.fr.html", render_light_body(practice(FULL), ctx, "fr") + "\n", update_golden)


def test_light_body_marks_the_original_and_links_to_the_full_text(ctx: SiteContext) -> None:
    body = render_light_body(practice(FULL), ctx, "fr")
    assert '<h1 lang="de" dir="ltr">Ein vollständiges Beispiel</h1>' in body
    assert '<div class="kb-lead kb-untranslated" lang="de" dir="ltr"><p>Jedes Feld des Schemas ist ausgefüllt.</p></div>' in body
    assert "son résumé est affiché en allemand" in body
    # The German page has the whole text; from /fr/practices/full/ it is three folders up.
    assert 'href="../../../de/practices/full/" hreflang="de">' in body
    # Labels in French, with links to the country and theme pages of the French site.
    assert '<dt>Pays</dt><dd><a href="../../countries/de/">Allemagne</a>' in body


def test_light_body_links_to_the_default_language_when_the_original_has_no_site(ctx: SiteContext) -> None:
    narrow = SiteContext(("en", "fr"), ctx.strings, ctx.vocab)
    body = render_light_body(practice(FULL), narrow, "fr")
    assert 'href="../../../practices/full/" hreflang="en">' in body


def test_listings_link_practices_by_their_address() -> None:
    full = practice(FULL)
    assert practice_href(full, "themes/women.md") == "../../practices/full/"
    assert practice_href(full, "practices/index.md") == "../practices/full/"
    assert practice_href(full, "all-practices/2.md") == "../../practices/full/"
    assert practice_href(full, "help-translate.md") == "../practices/full/"
    assert practice_href(full, "index.md") == "practices/full/"


def frame_as_built(ctx: SiteContext, lang: str) -> str:
    """The frame's Markdown content the way the engine writes it into a page (trimmed)."""
    markdown = render_light_frames(ctx)[f"{lang}/practices/kb-light-frame.md"]
    content = markdown.split("---\n\n", 1)[1].strip()
    return (
        "<html><head><title>KB-LIGHT-TITLE - Site</title>"
        '<meta name="description" content="KB-LIGHT-DESCRIPTION">'
        '<link rel="canonical" href="http://x/fr/practices/kb-light-frame/"></head><body>'
        '<a href="../../../de/practices/kb-light-frame/" hreflang="de" class="md-select__link">Deutsch</a>'
        f"<article>{content}</article></body></html>"
    )


def test_filled_frame_is_the_practice_page(ctx: SiteContext) -> None:
    page = fill_light_frame(frame_as_built(ctx, "fr"), practice(FULL), ctx, "fr")
    assert "<title>Et fullstendig eksempel - Site</title>" not in page  # Norwegian is not the page's language
    assert "<title>Ein vollständiges Beispiel - Site</title>" in page
    assert 'content="Jedes Feld des Schemas ist ausgefüllt."' in page
    assert 'href="http://x/fr/practices/full/"' in page
    assert 'href="../../../de/practices/full/" hreflang="de" class="md-select__link"' in page
    assert "KB-LIGHT" not in page and "kb-light-frame" not in page


def test_a_frame_without_its_placeholders_stops_the_build(ctx: SiteContext) -> None:
    with pytest.raises(BuildError, match="placeholders"):
        fill_light_frame("<html><body><h1>Changed theme</h1></body></html>", practice(FULL), ctx, "fr")


SWITCHER = (
    '<link rel="alternate" href="../../../practices/x/" hreflang="en">'
    '<link rel="alternate" href="./" hreflang="fr">'
    '<link rel="alternate" href="../../../de/" hreflang="de">'
    '<a href="../../../de/" hreflang="de" class="md-select__link">Deutsch</a>'
    '<a href="../../../de/" hreflang="de">a link in the content</a>'
)


def test_every_alternate_leads_to_the_same_page_in_its_language() -> None:
    languages = ("en", "fr", "de")
    page = conform_page(SWITCHER, "fr/practices/x/index.html", languages, "http://x/")
    alternates = re.findall(r'<(?:link rel="alternate"|a) href="([^"]*)" hreflang="(\w+)"(?: class)?', page)
    assert alternates == [
        ("../../../practices/x/", "en"),
        ("../../../fr/practices/x/", "fr"),
        ("../../../de/practices/x/", "de"),
        ("../../../de/practices/x/", "de"),
        ("../../../de/", "de"),  # not the theme's: left alone
    ]
    home = conform_page(SWITCHER, "index.html", languages, "http://x/")
    assert re.findall(r'href="([^"]*)" hreflang', home)[:3] == ["./", "fr/", "de/"]
    missing = conform_page(SWITCHER, "404.html", languages, "http://x/")
    assert re.findall(r'href="([^"]*)" hreflang', missing)[:3] == ["http://x/", "http://x/fr/", "http://x/de/"]


def test_sitemap_lists_each_address_in_each_language_with_its_alternates() -> None:
    sitemap = render_sitemap({"": "2026-01-02", "practices/x/": "2025-05-05"}, ("en", "ar"), "https://kb.example/")
    entries = re.findall(
        r"<url>\s*<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>((?:\s*<xhtml:link [^>]+/>)+)\s*</url>", sitemap
    )
    assert [(loc, date) for loc, date, _ in entries] == [
        ("https://kb.example/", "2026-01-02"),
        ("https://kb.example/ar/", "2026-01-02"),
        ("https://kb.example/practices/x/", "2025-05-05"),
        ("https://kb.example/ar/practices/x/", "2025-05-05"),
    ]
    assert re.findall(r'hreflang="(\w+)" href="([^"]+)"', entries[3][2]) == [
        ("en", "https://kb.example/practices/x/"),
        ("ar", "https://kb.example/ar/practices/x/"),
    ]
