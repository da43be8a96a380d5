"""Stage 4, render: light pages, for practices in a language they have no translation into.

A full page in such a language would repeat the whole original text under a note, in every
language: megabytes of the same words, and one Markdown conversion and one template rendering per
page and language. A light page shows the title and summary in the original language (marked with
their `lang`), the key facts with labels in the reader's language, and links to the full text and
to the translation help.

Light pages are pages like any other (pages.SitePage): the build fills them into the frames the
engine renders once per kind of page (frames.py), so they carry the same header, menus and
language switcher as every other page at almost no cost. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import urls
from .model import Practice
from .pages import Pages, SitePage
from .render import LISTING, SiteContext, facts_rows, has_full_page, index_data
from .templates import render_template
from .vocabulary import language_name, text_direction


def light_practices(practices: Iterable[Practice], ctx: SiteContext, lang: str) -> list[Practice]:
    return [p for p in practices if not has_full_page(p, ctx, lang)]


def full_text_language(practice: Practice, ctx: SiteContext) -> str:
    """The interface language whose page shows the practice's whole text in its original wording."""
    return practice.language if practice.language in ctx.languages else ctx.languages[0]


def render_light_body(practice: Practice, ctx: SiteContext, lang: str) -> str:
    """The content of the practice's light page in `lang`, as HTML (site_overrides/kb/light.html)."""
    s = ctx.strings
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    here = f"practices/{practice.id}/"
    full_lang = full_text_language(practice, ctx)
    by_name = {row["label"]: row for row in facts_rows(practice, ctx, lang)}
    wanted = ("label_countries", "label_themes", "label_target_groups", "label_organisations", "label_status")
    rows = [by_name[s.get(label, lang)] for label in wanted]
    rows[3] = {**rows[3], "items": [{"text": " ".join(o.name.split()), "href": None} for o in practice.organisations]}
    language = language_name(summary.lang, lang)
    body = render_template(
        ctx.templates_dir,
        "light.html",
        title=" ".join(title.text.split()),
        title_lang=None if title.translated else title.lang,
        title_dir=text_direction(title.lang),
        index_data=index_data(practice, ctx, lang),
        note=s.get("light_note", lang, language=language),
        summary=" ".join(summary.text.split()),
        summary_lang=summary.lang,
        summary_dir=text_direction(summary.lang),
        rows=rows,
        full_href=urls.up_to_site_root(lang, ctx.languages, here) + urls.site_path(full_lang, ctx.languages, here),
        full_lang=full_lang,
        read_full=s.get("light_full_text", lang, language=language),
        help_href=urls.link(here, "help-translate/"),
        help=s.get("light_help", lang),
    )
    return body.strip("\n")


def render_light_pages(practices: Iterable[Practice], ctx: SiteContext) -> Pages:
    """The light page of every practice in every language it has no translation into."""
    pages: Pages = {}
    for lang in ctx.languages:
        for practice in light_practices(practices, ctx, lang):
            summary = practice.text("summary", lang)
            assert summary is not None
            body = render_light_body(practice, ctx, lang)
            pages[(lang, f"practices/{practice.id}/")] = SitePage(
                practice.title(lang), body, " ".join(summary.text.split()), hide=LISTING
            )
    return pages
