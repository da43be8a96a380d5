"""Rendered pages, and what readers get against golden files (pytest --update-golden rewrites them; review the diff)."""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.load import parse_text
from generator.model import Practice, build_practice, practice_to_data
from generator.render import LISTINGS_WEIGHT, Share, SiteContext, render_language, render_practice_page, render_site
from generator.render_light import light_practices

from .conftest import DATA, REPO

GOLDEN = Path(__file__).parent / "golden"


def practice(path: Path) -> Practice:
    entry, problems = parse_text(path.read_bytes(), path.name)
    assert entry is not None and not problems
    return build_practice(entry.data, f"practices/{path.name}")


def check_golden(name: str, text: str, update: bool) -> None:
    target = GOLDEN / name
    if update:
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert text == target.read_text(encoding="utf-8"), f"{name} differs; if intended, run pytest --update-golden"


def article(page: Path) -> str:
    """The page's content as the reader gets it: its <article> element, from the built site."""
    html = page.read_text(encoding="utf-8")
    start, end = html.index("<article"), html.index("</article>") + len("</article>")
    return html[start:end] + "\n"


# The full test practice is written in German with an English title: its English page shows the
# German text under notes, its German page is the original, its French page is a light page.
@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_practice_page_matches_golden(lang: str, tiny_site: Path, update_golden: bool) -> None:
    folder = "" if lang == "en" else f"{lang}/"
    check_golden(f"practice-full.{lang}.html", article(tiny_site / f"{folder}practices/full/index.html"), update_golden)


def test_catalogue_matches_golden(ctx: SiteContext, update_golden: bool) -> None:
    items = [practice(DATA / "valid" / "full.yaml"), practice(DATA / "valid" / "minimal.yaml")]
    pages = render_language(items, ctx, "fr")
    check_golden("catalogue.fr.html", pages["practices/"].body, update_golden)


def test_untranslated_fields_carry_their_language_and_a_note(ctx: SiteContext) -> None:
    page = render_practice_page(practice(DATA / "valid" / "minimal.yaml"), ctx, "fr").body
    assert '<div class="kb-text kb-untranslated" lang="en" dir="ltr">' in page
    assert "Ce texte n'a pas encore été traduit en français ; il est affiché en anglais." in unescape(page)
    assert '<h1 lang="en" dir="ltr">A minimal practice</h1>' in page  # the untranslated title is marked as English


def test_translated_page_has_no_note(ctx: SiteContext) -> None:
    page = render_practice_page(practice(REPO / "practices" / "duo-for-a-job.yaml"), ctx, "de")
    assert "kb-untranslated" not in page.body
    assert '<h2 id="description">Worum es geht</h2>' in page.body
    assert [(s.id, s.title) for s in page.toc][:2] == [("description", "Worum es geht"), ("results", "Ergebnisse")]


def test_site_has_every_page_in_every_language(ctx: SiteContext) -> None:
    items = [practice(DATA / "valid" / "full.yaml"), practice(DATA / "valid" / "minimal.yaml")]
    pages = render_site(items, ctx)
    for lang in ("en", "fr", "de"):
        for address in ("", "practices/", "themes/women/", "countries/no/"):
            assert (lang, address) in pages
    # Practice pages: full in the default language and the original one; in a language with no
    # translation at all the build makes a light page instead (render_light).
    full = sorted(f"{lang}/{address}" for lang, address in pages if address.startswith("practices/") and address != "practices/")
    assert full == ["de/practices/full/", "en/practices/full/", "en/practices/minimal/"]
    assert [p.id for p in light_practices(items, ctx, "fr")] == ["full", "minimal"]
    assert [p.id for p in light_practices(items, ctx, "de")] == ["minimal"]
    assert light_practices(items, ctx, "en") == []
    # One page per theme of the vocabulary and one per country that has practices.
    assert sum(lang == "en" and address.startswith("themes/") for lang, address in pages) == len(ctx.vocab.themes.terms) + 1
    assert sorted(address for lang, address in pages if lang == "en" and address.startswith("countries/")) == [
        "countries/",
        "countries/at/",
        "countries/de/",
        "countries/no/",
    ]


def test_titles_and_descriptions_are_text(ctx: SiteContext) -> None:
    """The page gives the engine its title and description as the contributor wrote them (the engine
    package escapes them for the theme); in the content they are escaped by the templates."""
    duo = practice(REPO / "practices" / "duo-for-a-job.yaml")
    hostile = build_practice(
        {**practice_to_data(duo), "title": 'A <b>"bold"</b> & [link](x)', "summary": "<script>alert(1)</script>"},
        "practices/x.yaml",
    )
    page = render_practice_page(hostile, ctx, "en")
    assert page.title == 'A <b>"bold"</b> & [link](x)' and page.description == "<script>alert(1)</script>"
    assert "<h1>A &lt;b&gt;&#34;bold&#34;&lt;/b&gt; &amp; [link](x)</h1>" in page.body
    assert "<script>alert" not in page.body


@given(size=st.integers(0, 3000), count=st.integers(1, 6))
def test_shares_split_the_practices_in_runs_the_first_lighter_by_the_listings(size: int, count: int) -> None:
    items: list[Any] = list(range(size))  # a share takes any sequence; numbers show the order
    shares = [Share(n, count).practices(items) for n in range(count)]
    assert [i for share in shares for i in share] == items  # each practice in one share, in order
    if count > 1 and size >= 100:
        others = [len(share) for share in shares[1:]]
        assert max(others) - min(others) <= 1
        # The first does the listings besides its practices: about the work of the others.
        assert abs(len(shares[0]) + LISTINGS_WEIGHT * size - others[0]) <= 2
