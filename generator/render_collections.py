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
from .render import SiteContext, _front_matter, _heading, _text_block, md_escape, practice_href, unreviewed_note
from .templates import fragment, safe
from .vocabulary import country_name, language_name, text_direction


def render_collection_page(
    collection: Collection, practices: Mapping[str, Practice], ctx: SiteContext, lang: str, site_url: str
) -> str:
    s = ctx.strings
    folder = ctx.templates_dir
    title = collection.text("title", lang)
    description = collection.text("description", lang)
    meta = [f"{s.get('label_organiser', lang)} {collection.organiser}"]
    if collection.event:
        meta.append(f"{s.get('label_event', lang)}: {collection.event}")
    meta.append(f"{s.get('label_date', lang)}: {collection.date}")
    fallback = None
    if not description.translated:
        fallback = s.get("untranslated_note", lang, language=language_name(description.lang, lang))
    parts = [
        _front_matter(title.text, description.text, listing=True),
        _heading(title, 1, ctx),
        fragment(folder, "collection_meta", meta, safe(unreviewed_note(collection, ctx, lang))),
        fragment(
            folder,
            "collection_description",
            safe(render_markdown(description.text.strip())),
            None if description.translated else description.lang,
            text_direction(description.lang),
            fallback,
            lang,
            text_direction(lang),
        ),
    ]
    labels = {"countries": s.get("label_countries", lang), "themes": s.get("label_themes", lang)}
    for number, ident in enumerate(collection.practice_ids, start=1):
        practice = practices[ident]
        practice_title = practice.text("title", lang)
        assert practice_title is not None
        note = collection.note(ident, lang)
        parts.append(
            fragment(
                folder,
                "collection_item",
                number,
                " ".join(practice_title.text.split()),
                practice_href(practice, f"collections/{collection.id}.md"),
                None if practice_title.translated else practice_title.lang,
                text_direction(practice_title.lang),
                safe(_text_block(practice, "summary", ctx, lang) or ""),
                s.get("curator_note", lang),
                note.text if note is not None else None,
                None if note is None or note.translated else note.lang,
                text_direction(note.lang) if note is not None else None,
                labels,
                ", ".join(country_name(c, lang) for c in practice.countries),
                ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes),
                urls.page_url(site_url, lang, ctx.languages, f"practices/{ident}/"),
            )
        )
    return "\n".join(parts)


def render_collections_index(collections: Sequence[Collection], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = s.get("collections_title", lang)
    items = []
    for c in sorted(collections, key=lambda c: (c.date, c.id), reverse=True):
        name = c.text("title", lang)
        details = " · ".join(filter(None, [c.event, c.date, s.get("count_in_list", lang, count=len(c.practice_ids))]))
        lang_of = None if name.translated else name.lang
        items.append(
            {
                "href": f"{c.id}/",
                "lang": lang_of,
                "dir": text_direction(name.lang),
                "title": " ".join(name.text.split()),
                "details": details,
            }
        )
    body = fragment(ctx.templates_dir, "collection_list", items) if items else s.get("no_collections", lang)
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
