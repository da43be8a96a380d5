"""Stage 4, render: light pages, for practices in a language they have no translation into.

A full page in such a language would repeat the whole original text under a note, in every
language: megabytes of the same words, and one Markdown conversion and one template rendering per
page and language. A light page shows the title and summary in the original language (marked with
their `lang`), the key facts with labels in the reader's language, and links to the full text and
to the translation help.

The engine renders one frame per language: an ordinary page (`practices/<LIGHT_FRAME_ID>.md`)
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
from .render import SiteContext, _index_data, _lang_attr, has_full_page
from .vocabulary import country_name, language_name, text_direction

_TITLE = "KB-LIGHT-TITLE"
_DESCRIPTION = "KB-LIGHT-DESCRIPTION"
# A raw HTML block: Markdown passes it through unchanged, and Material adds no title of its own
# to a page whose content has an h1.
_CONTENT = f'<div class="kb-light-frame">\n<h1>{_TITLE}</h1>\n<p>KB-LIGHT-BODY</p>\n</div>'
_ADDRESS = f"practices/{LIGHT_FRAME_ID}/"


def light_practices(practices: Iterable[Practice], ctx: SiteContext, lang: str) -> list[Practice]:
    return [p for p in practices if not has_full_page(p, ctx, lang)]


def full_text_language(practice: Practice, ctx: SiteContext) -> str:
    """The interface language whose page shows the practice's whole text in its original wording."""
    return practice.language if practice.language in ctx.languages else ctx.languages[0]


def render_light_body(practice: Practice, ctx: SiteContext, lang: str) -> str:
    """The content of the practice's light page in `lang`, as HTML."""
    s, v = ctx.strings, ctx.vocab
    e = html.escape
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    up = ctx.root_prefix(lang, 2)  # the page is served at <lang>/practices/<id>/
    full_lang = full_text_language(practice, ctx)
    full = up + ctx.language_folder(full_lang) + f"practices/{practice.id}/"
    here = f"practices/{practice.id}/"
    countries = ", ".join(
        f'<a href="{urls.link(here, f"countries/{c.lower()}/")}">{e(country_name(c, lang))}</a>' for c in practice.countries
    )
    themes = ", ".join(f'<a href="{urls.link(here, f"themes/{t}/")}">{e(v.themes.label(t, lang))}</a>' for t in practice.themes)
    facts = [
        (s.get("label_countries", lang), countries),
        (s.get("label_themes", lang), themes),
        (s.get("label_target_groups", lang), e(", ".join(v.target_groups.label(t, lang) for t in practice.target_groups))),
        (s.get("label_organisations", lang), e("; ".join(o.name for o in practice.organisations))),
        (s.get("label_status", lang), e(v.statuses.label(practice.status, lang))),
    ]
    rows = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in facts)
    note = s.get("light_note", lang, language=language_name(summary.lang, lang))
    read_full = s.get("light_full_text", lang, language=language_name(summary.lang, lang))
    return (
        '<div class="kb-practice kb-light" data-pagefind-body>\n'
        f"<h1{_lang_attr(title)}>{e(title.text, quote=False)}</h1>\n"
        + _index_data(practice, ctx, lang)
        + f'<p class="kb-note" data-pagefind-ignore>{e(note, quote=False)}</p>\n'
        f'<div class="kb-lead kb-untranslated" lang="{summary.lang}" dir="{text_direction(summary.lang)}">'
        f"<p>{e(' '.join(summary.text.split()), quote=False)}</p></div>\n"
        f'<div class="kb-facts" data-pagefind-ignore><dl>{rows}</dl></div>\n'
        f'<p class="kb-light-links" data-pagefind-ignore><a class="md-button md-button--primary" href="{full}" hreflang="{full_lang}">'
        f'{e(read_full, quote=False)}</a> <a href="{urls.link(here, "help-translate/")}">{e(s.get("light_help", lang), quote=False)}</a></p>\n'
        "</div>"
    )


def render_light_frames(ctx: SiteContext) -> dict[str, str]:
    """The Markdown page the engine renders once per language, filled by fill_light_frame: {docs path: text}."""
    frame = f'---\ntitle: "{_TITLE}"\ndescription: "{_DESCRIPTION}"\nhide: [toc]\n---\n\n{_CONTENT}\n'
    return {f"{lang}/practices/{LIGHT_FRAME_ID}.md": frame for lang in ctx.languages}


def built_frame(ctx: SiteContext, lang: str) -> str:
    """Where the engine writes the frame page of `lang`, inside the site."""
    return ctx.language_folder(lang) + _ADDRESS + "index.html"


def fill_light_frame(frame: str, practice: Practice, ctx: SiteContext, lang: str) -> str:
    """The light page of `practice`: the frame page as the engine wrote it, with this practice in it."""
    if frame.count(_CONTENT) != 1 or _TITLE not in frame or _ADDRESS not in frame:
        raise BuildError(
            f"practices/{LIGHT_FRAME_ID}/index.html ({lang}): the engine did not keep the placeholders of the light "
            "pages; see generator/render_light.py"
        )
    title = practice.title(lang)
    summary = practice.text("summary", lang)
    assert summary is not None
    page = frame.replace(_CONTENT, render_light_body(practice, ctx, lang))
    page = page.replace(_TITLE, html.escape(title, quote=False))
    page = page.replace(_DESCRIPTION, html.escape(" ".join(summary.text.split())))
    return page.replace(_ADDRESS, f"practices/{practice.id}/")


def render_light_pages(frames: Mapping[str, str], practices: Iterable[Practice], ctx: SiteContext) -> dict[str, str]:
    """{path inside the site: HTML} of every light page, from {language: its frame page}."""
    pages: dict[str, str] = {}
    for lang, frame in frames.items():
        for practice in light_practices(practices, ctx, lang):
            pages[f"{ctx.language_folder(lang)}practices/{practice.id}/index.html"] = fill_light_frame(frame, practice, ctx, lang)
    return pages
