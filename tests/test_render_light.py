"""Light pages: what they show, and how the build fills the frame the engine rendered."""

from __future__ import annotations

import pytest

from generator import urls
from generator.errors import BuildError
from generator.frames import fill_frame, plan_frames
from generator.render import SiteContext, card_data
from generator.render_light import render_light_body, render_light_pages

from .conftest import DATA
from .test_render import practice

URL = "https://kb.example/"
FULL = DATA / "valid" / "full.yaml"  # written in German, with an English and a Norwegian title


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


def test_listings_link_practices_by_their_address(ctx: SiteContext) -> None:
    full = practice(FULL)
    assert card_data(full, ctx, "fr", "themes/women/")["href"] == "../../practices/full/"
    assert card_data(full, ctx, "fr", "practices/")["href"] == "../practices/full/"
    assert card_data(full, ctx, "fr", "all-practices/2/")["href"] == "../../practices/full/"
    assert urls.link("help-translate/", "practices/full/") == "../practices/full/"
    assert urls.link("", "practices/full/") == "practices/full/"


def light_page_filled(ctx: SiteContext, lang: str) -> str:
    """The light page of the full practice in `lang`, filled into its frame the way the engine writes it (trimmed)."""
    pages = render_light_pages([practice(FULL)], ctx)
    rendered, frame_of = plan_frames(pages)
    address = frame_of[(lang, "practices/full/")]
    frame = rendered[(lang, address)]
    assert (frame.title, frame.description) == ("KB-FRAME-TITLE", "KB-FRAME-DESCRIPTION")
    built = (
        "<html><head><title>KB-FRAME-TITLE - Site</title>"
        '<meta name="description" content="KB-FRAME-DESCRIPTION">'
        f'<link rel="canonical" href="http://x/fr/{address}"></head><body>'
        f'<a href="../../../de/{address}" hreflang="de" class="md-select__link">Deutsch</a>'
        f"<article>{frame.body}</article></body></html>"
    )
    return fill_frame(built, address, pages[(lang, "practices/full/")], "practices/full/")


def test_filled_frame_is_the_practice_page(ctx: SiteContext) -> None:
    page = light_page_filled(ctx, "fr")
    assert "<title>Et fullstendig eksempel - Site</title>" not in page  # Norwegian is not the page's language
    assert "<title>Ein vollständiges Beispiel - Site</title>" in page
    assert 'content="Jedes Feld des Schemas ist ausgefüllt."' in page
    assert 'href="http://x/fr/practices/full/"' in page
    assert 'href="../../../de/practices/full/" hreflang="de" class="md-select__link"' in page
    assert "KB-FRAME" not in page and "kb-frame" not in page


def test_a_frame_without_its_placeholders_stops_the_build(ctx: SiteContext) -> None:
    page = render_light_pages([practice(FULL)], ctx)[("fr", "practices/full/")]
    with pytest.raises(BuildError, match="placeholders"):
        fill_frame("<html><body><h1>Changed theme</h1></body></html>", "practices/kb-frame-1/", page, "practices/full/")


def test_practice_pages_share_a_frame_per_language_and_table_of_contents(ctx: SiteContext) -> None:
    from generator.frames import CONTENT, fill_frames
    from generator.render import render_site

    pages = render_site([practice(FULL), practice(DATA / "valid" / "minimal.yaml")], ctx)
    rendered, frame_of = plan_frames(pages)
    assert set(frame_of) == set(pages)  # every page is filled into a frame
    # The pages of the navigation each have their own, at their own address, with their title.
    assert frame_of[("fr", "practices/")] == "practices/" and rendered[("fr", "practices/")].title == "Toutes les pratiques"
    # "full" has every section, "minimal" fewer: two practice frames in English, one in German.
    practice_frames = sorted(lang for (lang, address), page in rendered.items() if address.startswith("practices/kb-"))
    assert practice_frames == ["de", "en", "en"]
    assert frame_of[("en", "practices/full/")] != frame_of[("en", "practices/minimal/")]
    # Theme pages share one frame per language, beside them.
    assert frame_of[("en", "themes/women/")] == frame_of[("en", "themes/employment/")]
    assert frame_of[("en", "themes/women/")].startswith("themes/kb-frame-")
    # Frames keep their addresses whatever the order of the pages.
    assert plan_frames(dict(reversed(pages.items())))[1] == frame_of
    frame = f'<title>KB-FRAME-TITLE</title><a href="../../../de/{frame_of[("en", "practices/full/")]}">{CONTENT}</a>'
    page = fill_frame(frame, frame_of[("en", "practices/full/")], pages[("en", "practices/full/")], "practices/full/")
    assert page.startswith('<title>A complete example</title><a href="../../../de/practices/full/">')
    with pytest.raises(BuildError, match="build again"):  # the configuration changed under the build
        fill_frames({}, frame_of, pages)
    with pytest.raises(BuildError, match="placeholders"):
        fill_frame("<html>changed theme</html>", "practices/kb-frame-1/", pages[("en", "practices/full/")], "practices/full/")
