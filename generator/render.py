"""Stage 4, render: pure functions from the model to Markdown pages, one set per language.

Nothing here touches the disk. `render_site` returns {path inside docs/<lang>/: text}; the
build stage writes it. Practice pages are reached from listing pages only, never from the
navigation, so each page stays small however many practices there are.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import LocalizedText, Practice
from .vocabulary import Vocabularies, country_name, language_name

STRINGS_FILE = Path(__file__).with_name("ui_strings.yaml")

# Languages that write the names of languages in lower case inside a sentence.
_LOWERCASE_LANGUAGE_NAMES = {"fr", "es", "it", "pt", "pl", "uk", "ro", "ca"}


@dataclass(frozen=True)
class Strings:
    """Interface text by key and language."""

    table: Mapping[str, Mapping[str, str]]

    def get(self, key: str, lang: str, **values: object) -> str:
        by_lang = self.table[key]
        text = by_lang.get(lang) or by_lang["en"]
        return text.format(**values) if values else text


def load_strings(path: Path = STRINGS_FILE) -> Strings:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    return Strings({str(k): {str(lang): str(t) for lang, t in v.items()} for k, v in data.items()})


@dataclass(frozen=True)
class SiteContext:
    languages: tuple[str, ...]  # interface languages, the default first
    strings: Strings
    vocab: Vocabularies


def render_site(practices: Sequence[Practice], ctx: SiteContext) -> dict[str, str]:
    """Every page of the site: {'<lang>/<path>.md': markdown}."""
    pages: dict[str, str] = {}
    for lang in ctx.languages:
        for path, text in render_language(practices, ctx, lang).items():
            pages[f"{lang}/{path}"] = text
    return pages


def render_language(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> dict[str, str]:
    ordered = sorted(practices, key=lambda p: (p.title(lang).casefold(), p.id))
    pages = {
        "index.md": render_home(ordered, ctx, lang),
        "practices/index.md": render_catalogue(ordered, ctx, lang),
        "themes/index.md": render_themes_index(ordered, ctx, lang),
        "countries/index.md": render_countries_index(ordered, ctx, lang),
    }
    for practice in ordered:
        pages[f"practices/{practice.id}.md"] = render_practice_page(practice, ctx, lang)
    for code in ctx.vocab.themes.terms:
        members = [p for p in ordered if code in p.themes]
        pages[f"themes/{code}.md"] = render_theme_page(code, members, ctx, lang)
    for code in countries_of(ordered):
        members = [p for p in ordered if code in p.countries]
        pages[f"countries/{code.lower()}.md"] = render_country_page(code, members, ctx, lang)
    return pages


def countries_of(practices: Iterable[Practice]) -> list[str]:
    return sorted({c for p in practices for c in p.countries})


def md_escape(text: str) -> str:
    """Escape text so that Markdown shows it literally inside a line."""
    return re.sub(r"([\\`*_\[\]<>#|{}!])", r"\\\1", " ".join(text.split()))


def _front_matter(title: str, description: str = "", *, listing: bool = False) -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if listing:
        # A listing's headings are practice titles: a table of contents would repeat them all.
        lines.append("hide: [toc]")
    if description:
        lines.append(f"description: {json.dumps(' '.join(description.split()), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _language_in_sentence(code: str, lang: str) -> str:
    name = language_name(code, lang)
    return name.lower() if lang in _LOWERCASE_LANGUAGE_NAMES else name


def render_home(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    count = s.get("practice_count", lang, count=len(practices), countries=len(countries_of(practices)))
    return (
        _front_matter(s.get("home", lang), s.get("home_intro", lang))
        + f"# {md_escape(s.get('home_title', lang))}\n\n"
        + f"{s.get('home_intro', lang)}\n\n"
        + f"**{count}**\n\n"
        + f"## {s.get('browse', lang)}\n\n"
        + f"- [{s.get('catalogue_title', lang)}](practices/index.md)\n"
        + f"- [{s.get('themes_title', lang)}](themes/index.md)\n"
        + f"- [{s.get('countries_title', lang)}](countries/index.md)\n\n"
        + f"## {s.get('contribute_title', lang)}\n\n"
        + f"{s.get('contribute_text', lang)}\n"
    )


def _lang_attr(text: LocalizedText, html_style: bool = True) -> str:
    """The attribute marking text shown in another language than the page, or nothing."""
    if text.translated:
        return ""
    return f' lang="{text.lang}"' if html_style else f' {{ lang="{text.lang}" }}'


def _card(practice: Practice, ctx: SiteContext, lang: str, prefix: str) -> str:
    """One practice in a listing. `prefix` leads from the listing page to the site root."""
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    s = ctx.strings
    countries = ", ".join(country_name(c, lang) for c in practice.countries)
    themes = ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes)
    return (
        '<article class="kb-card" markdown="1">\n\n'
        f"### [{md_escape(title.text)}]({prefix}practices/{practice.id}.md){_lang_attr(title, False)}\n\n"
        f'<p class="kb-summary"{_lang_attr(summary)}>{html.escape(" ".join(summary.text.split()))}</p>\n\n'
        f'<p class="kb-meta"><span>{html.escape(s.get("label_countries", lang))}: {html.escape(countries)}</span> '
        f"<span>{html.escape(s.get('label_themes', lang))}: {html.escape(themes)}</span></p>\n\n"
        "</article>\n"
    )


def _listing(practices: Sequence[Practice], ctx: SiteContext, lang: str, prefix: str) -> str:
    if not practices:
        return f"{ctx.strings.get('no_practices', lang)}\n"
    return "\n".join(_card(p, ctx, lang, prefix) for p in practices)


def render_catalogue(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = s.get("catalogue_title", lang)
    return (
        _front_matter(title, listing=True)
        + f"# {md_escape(title)}\n\n{s.get('catalogue_intro', lang)} "
        + f"{s.get('count_in_list', lang, count=len(practices))}.\n\n"
        + _listing(practices, ctx, lang, "../")
    )


def render_themes_index(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = s.get("themes_title", lang)
    lines = []
    for code, term in ctx.vocab.themes.terms.items():
        count = sum(code in p.themes for p in practices)
        lines.append(f"- [{md_escape(term.label(lang))}]({code}.md) ({count})")
    return _front_matter(title) + f"# {md_escape(title)}\n\n{s.get('themes_intro', lang)}\n\n" + "\n".join(lines) + "\n"


def render_countries_index(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = s.get("countries_title", lang)
    codes = sorted(countries_of(practices), key=lambda c: country_name(c, lang).casefold())
    lines = [
        f"- [{md_escape(country_name(c, lang))}]({c.lower()}.md) ({sum(c in p.countries for p in practices)})" for c in codes
    ]
    return _front_matter(title) + f"# {md_escape(title)}\n\n{s.get('countries_intro', lang)}\n\n" + "\n".join(lines) + "\n"


def render_theme_page(code: str, practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    name = ctx.vocab.themes.label(code, lang)
    intro = ctx.strings.get("theme_page_intro", lang, name=name)
    return (
        _front_matter(name, listing=True)
        + f"# {md_escape(name)}\n\n{md_escape(intro)}\n\n"
        + _listing(practices, ctx, lang, "../")
    )


def render_country_page(code: str, practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    name = country_name(code, lang)
    intro = ctx.strings.get("country_page_intro", lang, name=name)
    return (
        _front_matter(name, listing=True)
        + f"# {md_escape(name)}\n\n{md_escape(intro)}\n\n"
        + _listing(practices, ctx, lang, "../")
    )


def _text_block(practice: Practice, name: str, ctx: SiteContext, lang: str) -> str | None:
    """A Markdown field of the practice, marked with its language and a note when untranslated."""
    found = practice.text(name, lang)
    if found is None:
        return None
    if found.translated:
        return found.text.strip() + "\n"
    note = ctx.strings.get("untranslated_note", lang, language=_language_in_sentence(found.lang, lang))
    return (
        f'<div class="kb-untranslated" lang="{found.lang}" markdown="1">\n\n'
        f'<p class="kb-note" lang="{lang}">{html.escape(note, quote=False)}</p>\n\n'
        f"{found.text.strip()}\n\n</div>\n"
    )


def _facts(practice: Practice, ctx: SiteContext, lang: str) -> str:
    s, v = ctx.strings, ctx.vocab
    rows: list[tuple[str, str]] = [
        (
            s.get("label_countries", lang),
            ", ".join(f"[{md_escape(country_name(c, lang))}](../countries/{c.lower()}.md)" for c in practice.countries),
        )
    ]
    if practice.places:
        rows.append((s.get("label_places", lang), md_escape(", ".join(practice.places))))
    rows.append((s.get("label_scope", lang), md_escape(v.scopes.label(practice.scope, lang))))
    rows.append(
        (
            s.get("label_themes", lang),
            ", ".join(f"[{md_escape(v.themes.label(t, lang))}](../themes/{t}.md)" for t in practice.themes),
        )
    )
    rows.append(
        (s.get("label_target_groups", lang), md_escape(", ".join(v.target_groups.label(t, lang) for t in practice.target_groups)))
    )
    organisations = []
    for org in practice.organisations:
        name = f"[{md_escape(org.name)}]({org.url})" if org.url else md_escape(org.name)
        detail = f"{v.organisation_types.label(org.type, lang)}, {v.organisation_roles.label(org.role, lang)}"
        organisations.append(f"{name} ({md_escape(detail)})")
    rows.append((s.get("label_organisations", lang), "; ".join(organisations)))
    if practice.period:
        p = practice.period
        rows.append(
            (s.get("label_period", lang), f"{p.start}\u2013{p.end}" if p.end else s.get("period_since", lang, start=p.start))
        )
    rows.append((s.get("label_status", lang), md_escape(v.statuses.label(practice.status, lang))))
    if practice.funding:
        rows.append((s.get("label_funding", lang), md_escape(", ".join(v.funding.label(f, lang) for f in practice.funding))))
    rows.append((s.get("label_last_reviewed", lang), practice.last_reviewed))
    body = "\n\n".join(f"{md_escape(label)}\n:   {value}" for label, value in rows)
    return f'<div class="kb-facts" markdown="1">\n\n{body}\n\n</div>\n'


def render_practice_page(practice: Practice, ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    summary_block = _text_block(practice, "summary", ctx, lang)
    assert title is not None and summary is not None and summary_block is not None
    heading = f"# {md_escape(title.text)}{_lang_attr(title, False)}"
    parts = [_front_matter(title.text, summary.text), heading + "\n"]
    parts.append(f'<div class="kb-lead" markdown="1">\n\n{summary_block}\n</div>\n')
    parts.append(_facts(practice, ctx, lang))
    for name in ("description", "results", "transferability"):
        block = _text_block(practice, name, ctx, lang)
        if block:
            parts.append(f"## {md_escape(s.get(f'section_{name}', lang))}\n\n{block}")
    if practice.evaluation:
        ev = practice.evaluation
        lines = [f"**{md_escape(ctx.vocab.evaluation_levels.label(ev.level, lang))}**"]
        if ev.summary:
            lines.append(f'<div lang="{practice.language}" markdown="1">\n\n{ev.summary.strip()}\n\n</div>')
        if ev.url:
            lines.append(f"<{ev.url}>")
        parts.append(f"## {s.get('section_evaluation', lang)}\n\n" + "\n\n".join(lines) + "\n")
    if practice.links:
        items = "\n".join(f"- [{md_escape(link.title)}]({link.url})" for link in practice.links)
        parts.append(f"## {s.get('section_links', lang)}\n\n{items}\n")
    sources = []
    for src in practice.sources:
        title_md = f"[{md_escape(src.title)}]({src.url})" if src.url else f"*{md_escape(src.title)}*"
        sources.append(f"- {title_md}, {md_escape(src.publisher)}, {src.year}")
    parts.append(f"## {s.get('section_sources', lang)}\n\n" + "\n".join(sources) + "\n")
    if practice.contact:
        target = practice.contact if practice.contact.startswith("http") else f"mailto:{practice.contact}"
        parts.append(f"## {s.get('section_contact', lang)}\n\n[{md_escape(practice.contact)}]({target})\n")
    if practice.source_file:
        parts.append(
            f'<p class="kb-source-file">{html.escape(s.get("edit_source", lang, file=practice.source_file), quote=False)}</p>\n'
        )
    return "\n".join(parts)
