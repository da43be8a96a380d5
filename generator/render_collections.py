"""Render stage, collections: one page per collection and language, and their index.

A collection page lists its practices in the curator's order with their summaries and notes;
printed, it becomes an A4 handout (site_overrides/assets/stylesheets/kb.css, @media print):
no navigation, the address of each practice written out, one practice per page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import urls
from .markup import render_markdown
from .model import Collection, Practice
from .pages import Pages, SitePage
from .render import LISTING, SiteContext, marked, one_line, text_block, unreviewed_note
from .templates import safe
from .vocabulary import country_name, language_name, text_direction


def render_collection_page(collection: Collection, practices: Mapping[str, Practice], ctx: SiteContext, lang: str) -> SitePage:
    s = ctx.strings
    here = f"collections/{collection.id}/"
    title = collection.text("title", lang)
    description = collection.text("description", lang)
    meta = [f"{s.get('label_organiser', lang)} {collection.organiser}"]
    if collection.event:
        meta.append(f"{s.get('label_event', lang)}: {collection.event}")
    meta.append(f"{s.get('label_date', lang)}: {collection.date}")
    items = []
    for ident in collection.practice_ids:
        practice = practices[ident]
        practice_title = practice.text("title", lang)
        summary = practice.text("summary", lang)
        assert practice_title is not None and summary is not None
        note = collection.note(ident, lang)
        items.append(
            {
                "title": marked(practice_title),
                "href": urls.link(here, f"practices/{ident}/"),
                "summary": text_block(summary, ctx, lang),
                "note": marked(note) if note is not None else None,
                "countries": ", ".join(country_name(c, lang) for c in practice.countries),
                "themes": ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes),
                "url": ctx.page_url(lang, f"practices/{ident}/"),
            }
        )
    body = ctx.render(
        "collection.html",
        title=marked(title),
        meta=meta,
        unreviewed=unreviewed_note(collection, ctx, lang),
        description={
            **marked(description),
            "body": safe(render_markdown(description.text.strip())),
            "note": None
            if description.translated
            else s.get("untranslated_note", lang, language=language_name(description.lang, lang)),
        },
        lang=lang,
        dir=text_direction(lang),
        items=items,
        curator_note=s.get("curator_note", lang),
        labels={"countries": s.get("label_countries", lang), "themes": s.get("label_themes", lang)},
    )
    return SitePage(one_line(title.text), body, one_line(description.text), hide=LISTING)


def render_collections_index(collections: Sequence[Collection], ctx: SiteContext, lang: str) -> SitePage:
    s = ctx.strings
    title = s.get("collections_title", lang)
    items = []
    for c in sorted(collections, key=lambda c: (c.date, c.id), reverse=True):
        details = " · ".join(filter(None, [c.event, c.date, s.get("count_in_list", lang, count=len(c.practice_ids))]))
        items.append(
            {
                "href": urls.link("collections/", f"collections/{c.id}/"),
                "title": marked(c.text("title", lang)),
                "details": details,
            }
        )
    body = ctx.render(
        "collections.html", title=title, intro=s.prose("collections_intro", lang), items=items, none=s.get("no_collections", lang)
    )
    return SitePage(title, body, hide=LISTING)


def render_collection_pages(collections: Sequence[Collection], practices: Sequence[Practice], ctx: SiteContext) -> Pages:
    """Every collection page in every language, and the list of collections."""
    by_id = {p.id: p for p in practices}
    pages: Pages = {}
    for lang in ctx.languages:
        pages[(lang, "collections/")] = render_collections_index(collections, ctx, lang)
        for collection in collections:
            pages[(lang, f"collections/{collection.id}/")] = render_collection_page(collection, by_id, ctx, lang)
    return pages
