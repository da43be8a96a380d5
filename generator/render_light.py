"""Stage 4, render: light pages, for practices in a language they have no translation into.

A full page in such a language would repeat the whole original text under a note, in every
language: megabytes of the same words, and one Markdown conversion and one template rendering per
page and language. A light page shows the title and summary in the original language (marked with
their `lang`), the key facts with labels in the reader's language, and links to the full text and
to the translation help.

The engine renders one frame per language: an ordinary page (`practices/<LIGHT_FRAME_ID>/`)
holding placeholders. The build fills a copy of it for each light page, so that light pages carry
the same header, menus and language switcher as every other page at almost no cost. Everything
here is pure; build.py reads the frames and writes the pages.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from . import urls
from .errors import BuildError
from .model import LIGHT_FRAME_ID, Practice
from .pages import Pages, SitePage
from .render import LISTING, SiteContext, facts_rows, has_full_page, index_data
from .templates import render_template
from .vocabulary import language_name, text_direction

_TITLE = "KB-LIGHT-TITLE"
_DESCRIPTION = "KB-LIGHT-DESCRIPTION"
# Material adds no title of its own to a page whose content has an h1.
_CONTENT = f'<div class="kb-light-frame">\n<h1>{_TITLE}</h1>\n<p>KB-LIGHT-BODY</p>\n</div>'
LIGHT_ADDRESS = f"practices/{LIGHT_FRAME_ID}/"  # where the engine renders the light pages' frame


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


def render_light_frames(ctx: SiteContext) -> Pages:
    """The page the engine renders once per language, filled by fill_light_frame."""
    frame = SitePage(_TITLE, _CONTENT, _DESCRIPTION, hide=LISTING, frame=True)
    return {(lang, LIGHT_ADDRESS): frame for lang in ctx.languages}


def render_light_bodies(practices: Iterable[Practice], ctx: SiteContext) -> dict[tuple[str, str], str]:
    """{(language, address): content} of every light page of `practices`."""
    return {
        (lang, f"practices/{practice.id}/"): render_light_body(practice, ctx, lang)
        for lang in ctx.languages
        for practice in light_practices(practices, ctx, lang)
    }


def fill_light_frame(frame: str, practice: Practice, ctx: SiteContext, lang: str, body: str | None = None) -> str:
    """The light page of `practice`: the frame page as the engine wrote it, with this practice (its
    content `body`, from render_light_body) in it."""
    if frame.count(_CONTENT) != 1 or _TITLE not in frame or LIGHT_ADDRESS not in frame:
        raise BuildError(
            f"practices/{LIGHT_FRAME_ID}/index.html ({lang}): the engine did not keep the placeholders of the light "
            "pages; see generator/render_light.py"
        )
    title = practice.title(lang)
    summary = practice.text("summary", lang)
    assert summary is not None
    page = frame.replace(_CONTENT, render_light_body(practice, ctx, lang) if body is None else body)
    page = page.replace(_TITLE, html.escape(title, quote=False))
    page = page.replace(_DESCRIPTION, html.escape(" ".join(summary.text.split())))
    return page.replace(LIGHT_ADDRESS, f"practices/{practice.id}/")


def render_light_pages(
    frames: Mapping[str, str],
    practices: Iterable[Practice],
    ctx: SiteContext,
    bodies: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, str]:
    """{path inside the site: HTML} of every light page, from {language: its frame page} and, when
    already made, their contents (render_light_bodies)."""
    pages: dict[str, str] = {}
    for lang, frame in frames.items():
        for practice in light_practices(practices, ctx, lang):
            address = f"practices/{practice.id}/"
            body = bodies.get((lang, address)) if bodies is not None else None
            pages[urls.site_path(lang, ctx.languages, address) + "index.html"] = fill_light_frame(
                frame, practice, ctx, lang, body
            )
    return pages
