"""Rendered pages against golden files (run pytest --update-golden to rewrite them, then review the diff)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import markdown
import pytest

from generator.load import parse_text
from generator.model import Practice, build_practice
from generator.render import (
    SiteContext,
    md_escape,
    raw_html,
    render_language,
    render_practice_page,
    render_site,
    unwrap_raw_html,
)
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


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_practice_page_matches_golden(lang: str, ctx: SiteContext, update_golden: bool) -> None:
    page = render_practice_page(practice(DATA / "valid" / "full.yaml"), ctx, lang)
    check_golden(f"practice-full.{lang}.md", page, update_golden)


def test_catalogue_matches_golden(ctx: SiteContext, update_golden: bool) -> None:
    items = [practice(DATA / "valid" / "full.yaml"), practice(DATA / "valid" / "minimal.yaml")]
    pages = render_language(items, ctx, "fr")
    check_golden("catalogue.fr.md", pages["practices/index.md"], update_golden)


def test_untranslated_fields_carry_their_language_and_a_note(ctx: SiteContext) -> None:
    page = render_practice_page(practice(DATA / "valid" / "minimal.yaml"), ctx, "fr")
    assert '<div class="kb-text kb-untranslated" lang="en" dir="ltr">' in page
    assert "Ce texte n'a pas encore été traduit en français ; il est affiché en anglais." in unescape(page)
    assert '<h1 lang="en" dir="ltr">A minimal practice</h1>' in page  # the untranslated title is marked as English


def test_translated_page_has_no_note(ctx: SiteContext) -> None:
    page = render_practice_page(practice(REPO / "practices" / "duo-for-a-job.yaml"), ctx, "de")
    assert "kb-untranslated" not in page
    assert "## Worum es geht" in page


def test_site_has_every_page_in_every_language(ctx: SiteContext) -> None:
    items = [practice(DATA / "valid" / "full.yaml"), practice(DATA / "valid" / "minimal.yaml")]
    pages = render_site(items, ctx)
    for lang in ("en", "fr", "de"):
        for path in ("index.md", "practices/index.md", "themes/women.md", "countries/no.md"):
            assert f"{lang}/{path}" in pages
    # Practice pages: full in the default language and the original one; in a language with no
    # translation at all the build makes a light page instead (render_light).
    full = sorted(p for p in pages if "/practices/" in p and not p.endswith("index.md"))
    assert full == ["de/practices/full.md", "en/practices/full.md", "en/practices/minimal.md"]
    assert [p.id for p in light_practices(items, ctx, "fr")] == ["full", "minimal"]
    assert [p.id for p in light_practices(items, ctx, "de")] == ["minimal"]
    assert light_practices(items, ctx, "en") == []
    # One page per theme of the vocabulary and one per country that has practices.
    assert sum(p.startswith("en/themes/") for p in pages) == len(ctx.vocab.themes.terms) + 1
    assert sorted(p for p in pages if p.startswith("en/countries/")) == [
        "en/countries/at.md",
        "en/countries/de.md",
        "en/countries/index.md",
        "en/countries/no.md",
    ]


def test_raw_html_is_unwrapped_whole_and_cannot_end_early() -> None:
    fragment = '<ul>\n<li><a href="x/">A &amp; B</a></li>\n</ul>'
    page = markdown.markdown("# Title\n\n" + raw_html(fragment) + "\nAfter.")
    assert unwrap_raw_html(page) == f"<h1>Title</h1>\n{fragment}\n\n<p>After.</p>"
    with pytest.raises(ValueError):
        raw_html("<p>a --> b</p>")


def test_markdown_special_characters_are_escaped() -> None:
    assert md_escape("A [link](x) *and* <b>") == r"A \[link\](x) \*and\* &lt;b\>"
