"""Render stage, collections: one page per collection and language, and their index.

A collection page lists its practices in the curator's order with their summaries and notes;
printed, it becomes an A4 handout (site_overrides/assets/stylesheets/kb.css, @media print):
no navigation, the address of each practice written out, one practice per page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from . import urls
from .markup import render_markdown
from .model import Collection, LocalizedText, Practice
from .render import SiteContext, _front_matter, _heading, _lang_attr, _text_block, md_escape, practice_href, unreviewed_note
from .vocabulary import country_name, language_name, text_direction


def _fallback_note(text: LocalizedText, ctx: SiteContext, lang: str) -> str:
    if text.translated:
        return ""
    note = ctx.strings.get("untranslated_note", lang, language=language_name(text.lang, lang))
    return f'<p class="kb-note" lang="{lang}" dir="{text_direction(lang)}">{html.escape(note, quote=False)}</p>\n\n'


def render_collection_page(
    collection: Collection, practices: Mapping[str, Practice], ctx: SiteContext, lang: str, site_url: str
) -> str:
    s = ctx.strings
    title = collection.text("title", lang)
    description = collection.text("description", lang)
    meta = [f"{html.escape(s.get('label_organiser', lang))} {html.escape(collection.organiser)}"]
    if collection.event:
        meta.append(f"{html.escape(s.get('label_event', lang))}: {html.escape(collection.event)}")
    meta.append(f"{html.escape(s.get('label_date', lang))}: {html.escape(collection.date)}")
    parts = [
        _front_matter(title.text, description.text, listing=True),
        _heading(title, 1),
        f'<div class="kb-collection-meta">\n<p>{" · ".join(meta)}</p>\n{unreviewed_note(collection, ctx, lang)}</div>\n',
        f'<div class="kb-collection-description"{_lang_attr(description)}>\n'
        f"{_fallback_note(description, ctx, lang)}{render_markdown(description.text.strip())}\n</div>\n",
    ]
    for number, ident in enumerate(collection.practice_ids, start=1):
        practice = practices[ident]
        practice_title = practice.text("title", lang)
        assert practice_title is not None
        url = urls.page_url(site_url, lang, ctx.languages, f"practices/{ident}/")
        href = practice_href(practice, f"collections/{collection.id}.md")
        heading = f'<a href="{href}">{html.escape(" ".join(practice_title.text.split()), quote=False)}</a>'
        item = [
            f"<h2><span>{number}.</span> <span{_lang_attr(practice_title)}>{heading}</span></h2>\n",
            _text_block(practice, "summary", ctx, lang) or "",
        ]
        note = collection.note(ident, lang)
        if note is not None:
            item.append(
                f'<p class="kb-curator-note"{_lang_attr(note)}><strong>{html.escape(s.get("curator_note", lang))}</strong> '
                f"{html.escape(note.text)}</p>\n"
            )
        countries = ", ".join(country_name(c, lang) for c in practice.countries)
        themes = ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes)
        item.append(
            f'<p class="kb-meta"><span>{html.escape(s.get("label_countries", lang))}: {html.escape(countries)}</span> '
            f"<span>{html.escape(s.get('label_themes', lang))}: {html.escape(themes)}</span></p>\n"
        )
        item.append(f'<p class="kb-print-url">{html.escape(url)}</p>\n')
        parts.append('<section class="kb-collection-item">\n' + "".join(item) + "</section>\n")
    return "\n".join(parts)


def render_collections_index(collections: Sequence[Collection], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = s.get("collections_title", lang)
    lines = []
    for c in sorted(collections, key=lambda c: (c.date, c.id), reverse=True):
        name = c.text("title", lang)
        details = " · ".join(filter(None, [c.event, c.date, s.get("count_in_list", lang, count=len(c.practice_ids))]))
        link = f'<a href="{c.id}/"{_lang_attr(name)}>{html.escape(" ".join(name.text.split()), quote=False)}</a>'
        lines.append(f"<li>{link}: {html.escape(details, quote=False)}</li>\n")
    body = f'<div class="kb-collection-list">\n<ul>\n{"".join(lines)}</ul>\n</div>' if lines else s.get("no_collections", lang)
    return _front_matter(title, listing=True) + f"# {md_escape(title)}\n\n{s.get('collections_intro', lang)}\n\n{body}\n"


def render_collection_pages(
    collections: Sequence[Collection], practices: Sequence[Practice], ctx: SiteContext, site_url: str
) -> dict[str, str]:
    """Every collection page in every language: {'<lang>/collections/<id>.md': markdown}."""
    by_id = {p.id: p for p in practices}
    pages: dict[str, str] = {}
    for lang in ctx.languages:
        pages[f"{lang}/collections/index.md"] = render_collections_index(collections, ctx, lang)
        for collection in collections:
            pages[f"{lang}/collections/{collection.id}.md"] = render_collection_page(collection, by_id, ctx, lang, site_url)
    return pages
