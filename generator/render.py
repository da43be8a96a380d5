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
from functools import cached_property
from pathlib import Path

import yaml

from . import urls
from .catalogue_data import DATA_FOLDER
from .facets import Facet, facet_labels, make_facets
from .markup import render_markdown, safe_href
from .model import Collection, LocalizedText, Practice
from .templates import TEMPLATES_DIR, fragment, render_template, safe
from .translations import State, count_states, coverage_of, coverage_table
from .vocabulary import Vocabularies, country_name, language_name, text_direction

STRINGS_FILE = Path(__file__).with_name("ui_strings.yaml")
SOURCES_FOLDER = "sources/practices"  # where the build publishes each practice's YAML file


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
    languages: tuple[str, ...]  # interface languages, the default first; it is served at the root
    strings: Strings
    vocab: Vocabularies
    site_url: str = "http://127.0.0.1:8000/"  # the published address, ending with /
    templates_dir: Path = TEMPLATES_DIR  # the project's own templates (site_overrides/kb/)

    def language_folder(self, lang: str) -> str:
        """Where language `lang` is served, from the site root (urls.language_folder)."""
        return urls.language_folder(lang, self.languages)

    def page_url(self, lang: str, path: str) -> str:
        """Absolute address of `path` (such as practices/x/) in language `lang`."""
        return urls.page_url(self.site_url, lang, self.languages, path)

    @cached_property
    def facets(self) -> tuple[Facet, ...]:
        return make_facets(self.vocab)

    def root_prefix(self, lang: str, depth: int) -> str:
        """Relative path from a page `depth` folders below its language root to the site root."""
        return urls.up_to_site_root(lang, self.languages, "x/" * depth)


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
        "themes/index.md": render_themes_index(ordered, ctx, lang),
        "countries/index.md": render_countries_index(ordered, ctx, lang),
    }
    pages.update(render_catalogue_pages(ordered, ctx, lang))
    pages["help-translate.md"] = render_help_translate(ordered, ctx, lang)
    for practice in ordered:
        if has_full_page(practice, ctx, lang):
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
    """Escape text so that Markdown shows it literally inside a line.

    Python-Markdown has no backslash escape for "<", so it becomes an entity, which also keeps
    any tag in the text from reaching the page as HTML."""
    escaped = re.sub(r"([\\`*_\[\]>#{}!])", r"\\\1", " ".join(text.split()))
    return escaped.replace("<", "&lt;")


def _front_matter(title: str, description: str = "", *, listing: bool = False, wide: bool = False) -> str:
    """The page's front matter. The theme prints `title` and `description` into the page without
    escaping them (in <title>, the header and <meta name="description" content="...">), so they
    are given to it escaped: as HTML text that shows the contributor's characters, quotes included."""
    lines = ["---", f"title: {json.dumps(html.escape(' '.join(title.split())), ensure_ascii=False)}"]
    if listing:
        # A listing's headings are practice titles: a table of contents would repeat them all.
        lines.append("hide: [navigation, toc]" if wide else "hide: [toc]")
    if description:
        lines.append(f"description: {json.dumps(html.escape(' '.join(description.split())), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def render_home(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    count = s.get("practice_count", lang, count=len(practices), countries=len(countries_of(practices)))
    up = ctx.root_prefix(lang, 0)
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
        + f"{s.get('contribute_text', lang)}\n\n"
        + f"## {s.get('open_data_title', lang)}\n\n{s.get('open_data_text', lang)}\n\n"
        # Raw links: these files are written by the build, not pages the engine knows.
        + f'<ul class="kb-open-data"><li><a href="{up}practices.json">practices.json</a></li>'
        + f'<li><a href="{up}practices.csv">practices.csv</a></li>'
        + f'<li><a href="feed.xml">{html.escape(s.get("feed_label", lang))}</a></li>'
        + f'<li><a href="{up}schema/practice.schema.json">practice.schema.json</a></li></ul>\n'
    )


def _lang_attr(text: LocalizedText, html_style: bool = True) -> str:
    """The attributes marking text shown in another language than the page, or nothing."""
    if text.translated:
        return ""
    attrs = f'lang="{text.lang}" dir="{text_direction(text.lang)}"'
    return f" {attrs}" if html_style else f" {{ {attrs} }}"


def card_data(practice: Practice, ctx: SiteContext, lang: str, page: str) -> dict[str, object]:
    """What the card of `practice` shows in a listing on the page `page` (its path in the language's docs)."""
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    return {
        "title": " ".join(title.text.split()),
        "title_lang": None if title.translated else title.lang,
        "title_dir": text_direction(title.lang),
        "href": practice_href(practice, page),
        "summary": " ".join(summary.text.split()),
        "summary_lang": None if summary.translated else summary.lang,
        "summary_dir": text_direction(summary.lang),
        "countries": ", ".join(country_name(c, lang) for c in practice.countries),
        "themes": ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes),
        "unreviewed": practice.unreviewed(lang),
    }


def _listing(practices: Sequence[Practice], ctx: SiteContext, lang: str, page: str) -> str:
    """The cards of `practices` on the page `page`, from the template site_overrides/kb/cards.html."""
    s = ctx.strings
    labels = {
        "countries": s.get("label_countries", lang),
        "themes": s.get("label_themes", lang),
        "unreviewed": s.get("unreviewed_badge", lang),
        "none": s.get("no_practices", lang),
    }
    cards = [card_data(p, ctx, lang, page) for p in practices]
    return render_template(ctx.templates_dir, "cards.html", cards=cards, labels=labels).strip("\n") + "\n"


# Listings are HTML made here, with every text escaped. Wrapped in a comment, they pass through
# the Markdown engine untouched and unparsed (a thousand cards convert about 30 times faster
# than the same HTML as a raw block), and the build unwraps them in every page it writes.
_RAW_START, _RAW_END = "<!--kb-html\n", "\nkb-html-->"


def raw_html(fragment: str) -> str:
    """`fragment` as a block of the Markdown page, shown as it is once the build has unwrapped it."""
    if "-->" in fragment:
        raise ValueError("HTML kept from the Markdown engine cannot contain '-->'")
    return f"{_RAW_START}{fragment}{_RAW_END}\n"


def unwrap_raw_html(page: str) -> str:
    """A page as the engine wrote it, with the blocks made by raw_html shown."""
    return page.replace(_RAW_START, "").replace(_RAW_END, "")


def has_full_page(practice: Practice, ctx: SiteContext, lang: str) -> bool:
    """Whether the practice's page in `lang` shows its whole text.

    Pages in the default language always do, and so do pages in a language with at least one
    translated field (the rest is shown in the original, with a note). In a language without any
    translation the page is light: title, summary, key facts and a link to the full text, so that
    nine languages do not repeat megabytes of the same text (see render_light_body)."""
    return lang == ctx.languages[0] or coverage_of(practice, lang).state is not State.MISSING


def practice_href(practice: Practice, page: str) -> str:
    """The link from `page` (a path in the language's docs, such as themes/x.md) to the practice.

    By address, not as a Markdown file: light pages are made by the build after the engine has
    run, and listings with hundreds of links convert much faster without the engine resolving
    each one. The browser tests crawl every link of the built site instead."""
    return urls.link(urls.address_of(page), f"practices/{practice.id}/")


STATIC_PAGE_SIZE = 100  # practices per page of the catalogue as served without JavaScript


def _static_page_path(number: int) -> str:
    return "practices/index.md" if number == 1 else f"all-practices/{number}.md"


def _pagination(number: int, total: int, ctx: SiteContext, lang: str) -> str:
    if total <= 1:
        return ""
    up = urls.up_to_language_root(urls.address_of(_static_page_path(number)))
    links = []
    for n in range(1, total + 1):
        label = html.escape(ctx.strings.get("page_number", lang, number=n))
        address = "practices/" if n == 1 else f"all-practices/{n}/"
        links.append(f'<strong aria-current="page">{label}</strong>' if n == number else f'<a href="{up}{address}">{label}</a>')
    return f'<nav class="kb-pagination"><p>{" · ".join(links)}</p></nav>\n'


def _catalogue_ui(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    """The search and filter controls, filled in by catalogue.js from the Pagefind index."""
    s = ctx.strings
    config = {
        "pagefind": ctx.root_prefix(lang, 1) + "pagefind/pagefind.js",
        "data": ctx.root_prefix(lang, 1) + f"{DATA_FOLDER}/{lang}/",
        "facets": [{"key": f.key, "title": s.get(f.title_key, lang)} for f in ctx.facets],
        "labels": facet_labels(ctx.facets, practices, lang),
        "strings": {key: s.get(key, lang) for key in _CATALOGUE_STRINGS},
        "pageSize": 20,
    }
    data = json.dumps(config, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    e = html.escape
    fieldsets = "".join(
        f'<details class="kb-facet" data-facet="{f.key}"><summary>{e(s.get(f.title_key, lang))}</summary>'
        f'<fieldset><legend class="kb-visually-hidden">{e(s.get(f.title_key, lang))}</legend>'
        '<div class="kb-facet-values"></div></fieldset></details>'
        for f in ctx.facets
    )
    return (
        '<div class="kb-catalogue" data-kb-catalogue data-pagefind-ignore="all">\n'
        f'<script type="application/json" id="kb-catalogue-config">{data}</script>\n'
        '<form class="kb-search" role="search">'
        f'<label for="kb-q">{e(s.get("search_label", lang))}</label>'
        f'<input id="kb-q" name="q" type="search" autocomplete="off" placeholder="{e(s.get("search_placeholder", lang))}">'
        "</form>\n"
        '<div class="kb-catalogue-body">'
        f'<div class="kb-facets" role="group" aria-label="{e(s.get("filters_title", lang))}">{fieldsets}'
        '<div class="kb-actions">'
        f'<button type="button" class="md-button kb-clear">{e(s.get("clear_all", lang))}</button>'
        f'<button type="button" class="md-button kb-copy">{e(s.get("copy_link", lang))}</button>'
        f'<button type="button" class="md-button kb-download" data-format="csv">{e(s.get("download_csv", lang))}</button>'
        f'<button type="button" class="md-button kb-download" data-format="json">{e(s.get("download_json", lang))}</button>'
        '<span class="kb-copy-status" role="status"></span>'
        "</div></div>"
        '<div class="kb-results"><p class="kb-count" role="status" aria-live="polite"></p>'
        '<ol class="kb-result-list"></ol>'
        f'<button type="button" class="md-button kb-more" hidden>{e(s.get("show_more", lang))}</button>'
        "</div></div>\n</div>\n"
    )


_CATALOGUE_STRINGS = (
    "results_count",
    "no_results",
    "label_countries",
    "label_themes",
    "link_copied",
    "copy_failed",
    "search_unavailable",
    "unreviewed_badge",
)


def render_catalogue_pages(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> dict[str, str]:
    """The catalogue: search and filters, over a static A-Z list split into pages for readers without JavaScript."""
    s = ctx.strings
    title = s.get("catalogue_title", lang)
    chunks = [practices[i : i + STATIC_PAGE_SIZE] for i in range(0, len(practices), STATIC_PAGE_SIZE)] or [[]]
    pages: dict[str, str] = {}
    for number, chunk in enumerate(chunks, start=1):
        path = _static_page_path(number)
        heading = title if number == 1 else f"{title} ({s.get('page_number', lang, number=number)})"
        head = _front_matter(heading, listing=True, wide=number == 1) + f"# {md_escape(heading)}\n\n"
        if number == 1:
            head += f"{s.get('catalogue_intro', lang)} {s.get('count_in_list', lang, count=len(practices))}.\n\n"
            head += _catalogue_ui(practices, ctx, lang) + "\n"
        body = _listing(chunk, ctx, lang, path)
        pages[path] = head + raw_html(f'<div class="kb-static-list">\n{body}{_pagination(number, len(chunks), ctx, lang)}</div>')
    return pages


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
        + raw_html(_listing(practices, ctx, lang, f"themes/{code}.md"))
    )


def render_country_page(code: str, practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    name = country_name(code, lang)
    intro = ctx.strings.get("country_page_intro", lang, name=name)
    return (
        _front_matter(name, listing=True)
        + f"# {md_escape(name)}\n\n{md_escape(intro)}\n\n"
        + raw_html(_listing(practices, ctx, lang, f"countries/{code.lower()}.md"))
    )


def _text_block(practice: Practice, name: str, ctx: SiteContext, lang: str) -> str | None:
    """A Markdown field of the practice as HTML, marked with its language and a note when untranslated.

    The field is converted by markup.render_markdown, never by the engine; the block is a raw
    `<div>` that the engine passes through as it is."""
    found = practice.text(name, lang)
    if found is None:
        return None
    body = safe(render_markdown(found.text.strip()))
    if found.translated:
        return fragment(ctx.templates_dir, "text_block", body)
    note = ctx.strings.get("untranslated_note", lang, language=language_name(found.lang, lang))
    return fragment(
        ctx.templates_dir, "text_block", body, found.lang, text_direction(found.lang), note, lang, text_direction(lang)
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _item(text: str, href: str | None = None, detail: str | None = None) -> dict[str, str | None]:
    return {"text": " ".join(text.split()), "href": href, "detail": detail}


def facts_rows(practice: Practice, ctx: SiteContext, lang: str) -> list[dict[str, object]]:
    """The key facts of the practice's page: [{"label", "sep", "items": [{"text", "href", "detail"}]}]."""
    s, v = ctx.strings, ctx.vocab
    here = f"practices/{practice.id}/"

    def row(label: str, items: list[dict[str, str | None]], sep: str = ", ") -> dict[str, object]:
        return {"label": s.get(label, lang), "sep": sep, "items": items}

    rows = [
        row(
            "label_countries",
            [_item(country_name(c, lang), urls.link(here, f"countries/{c.lower()}/")) for c in practice.countries],
        )
    ]
    if practice.places:
        rows.append(row("label_places", [_item(place) for place in practice.places]))
    rows.append(row("label_scope", [_item(v.scopes.label(practice.scope, lang))]))
    rows.append(row("label_themes", [_item(v.themes.label(t, lang), urls.link(here, f"themes/{t}/")) for t in practice.themes]))
    rows.append(row("label_target_groups", [_item(v.target_groups.label(t, lang)) for t in practice.target_groups]))
    organisations = [
        _item(
            org.name,
            safe_href(org.url) if org.url else None,
            f"{v.organisation_types.label(org.type, lang)}, {v.organisation_roles.label(org.role, lang)}",
        )
        for org in practice.organisations
    ]
    rows.append(row("label_organisations", organisations, "; "))
    if practice.period:
        p = practice.period
        period = f"{p.start}\u2013{p.end}" if p.end else s.get("period_since", lang, start=p.start)
        rows.append(row("label_period", [_item(period)]))
    rows.append(row("label_status", [_item(v.statuses.label(practice.status, lang))]))
    if practice.funding:
        rows.append(row("label_funding", [_item(v.funding.label(f, lang)) for f in practice.funding]))
    rows.append(row("label_last_reviewed", [_item(practice.last_reviewed)]))
    return rows


def _facts(practice: Practice, ctx: SiteContext, lang: str) -> str:
    return render_template(ctx.templates_dir, "facts.html", rows=facts_rows(practice, ctx, lang))


def _heading(text: LocalizedText, level: int, ctx: SiteContext) -> str:
    """A heading of contributor text, inside a <div> so that the engine leaves it as it is."""
    lang = None if text.translated else text.lang
    return fragment(ctx.templates_dir, "heading", _one_line(text.text), level, lang, text_direction(text.lang))


def unreviewed_note(item: Practice | Collection, ctx: SiteContext, lang: str) -> str:
    """The note that the page shows a translation no native speaker has reviewed yet, or nothing."""
    if not item.unreviewed(lang):
        return ""
    note = ctx.strings.get("unreviewed_note", lang, language=language_name(item.language, lang))
    return fragment(ctx.templates_dir, "note", note, "kb-note kb-unreviewed")


def render_practice_page(practice: Practice, ctx: SiteContext, lang: str) -> str:
    s = ctx.strings
    folder = ctx.templates_dir
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    summary_block = _text_block(practice, "summary", ctx, lang)
    assert title is not None and summary is not None and summary_block is not None
    parts = [
        _front_matter(title.text, summary.text) + '<div class="kb-practice" data-pagefind-body markdown="1">\n',
        _heading(title, 1, ctx),
        _index_data(practice, ctx, lang),
        fragment(folder, "lead", safe(unreviewed_note(practice, ctx, lang)), safe(summary_block)),
        _facts(practice, ctx, lang),
    ]

    def section(key: str, body: str) -> None:
        parts.append(f"## {md_escape(s.get(key, lang))}\n\n{body}")

    for name in ("description", "results", "transferability"):
        block = _text_block(practice, name, ctx, lang)
        if block:
            section(f"section_{name}", block)
    if practice.evaluation:
        ev = practice.evaluation
        section(
            "section_evaluation",
            fragment(
                folder,
                "evaluation",
                ctx.vocab.evaluation_levels.label(ev.level, lang),
                safe(render_markdown(ev.summary.strip())) if ev.summary else None,
                practice.language,
                text_direction(practice.language),
                _one_line(ev.url) if ev.url else None,
                safe_href(ev.url) if ev.url else None,
            ),
        )
    if practice.links:
        items = [{"text": _one_line(x.title), "href": safe_href(x.url)} for x in practice.links]
        section("section_links", fragment(folder, "links", items))
    sources = [
        {"title": _one_line(x.title), "href": safe_href(x.url) if x.url else None, "publisher": x.publisher, "year": x.year}
        for x in practice.sources
    ]
    section("section_sources", fragment(folder, "sources", sources))
    if practice.contact:
        target = practice.contact if "://" in practice.contact else f"mailto:{practice.contact}"
        section("section_contact", fragment(folder, "contact", _one_line(practice.contact), safe_href(target)))
    if practice.source_file:
        parts.append(fragment(folder, "source_file", s.get("edit_source", lang, file=practice.source_file)))
    parts.append("</div>\n")
    parts.append(_json_ld(practice, ctx, lang))
    return "\n".join(parts)


def _json_ld(practice: Practice, ctx: SiteContext, lang: str) -> str:
    """schema.org description of the practice, for search engines and other catalogues."""
    summary = practice.text("summary", lang)
    assert summary is not None
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": practice.title(lang),
        "description": " ".join(summary.text.split()),
        "inLanguage": lang,
        "url": ctx.page_url(lang, f"practices/{practice.id}/"),
        "identifier": practice.id,
        "dateModified": practice.last_reviewed,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "keywords": [ctx.vocab.themes.label(t, lang) for t in practice.themes],
        "spatialCoverage": [{"@type": "Country", "name": country_name(c, lang), "identifier": c} for c in practice.countries],
        "creator": [
            {"@type": "Organization", "name": o.name, **({"url": o.url} if o.url else {})} for o in practice.organisations
        ],
        "isBasedOn": [
            {
                "@type": "CreativeWork",
                "name": s.title,
                "publisher": s.publisher,
                "datePublished": str(s.year),
                **({"url": s.url} if s.url else {}),
            }
            for s in practice.sources
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>\n'


def _index_data(practice: Practice, ctx: SiteContext, lang: str) -> str:
    """Facet codes, sort key and display fields for the search index (site_overrides/kb/index-data.html)."""
    filters = [("kind", "practice")] + [(facet.key, code) for facet in ctx.facets for code in facet.values(practice)]
    summary = practice.text("summary", lang)
    assert summary is not None
    meta = [
        ("summary", " ".join(summary.text.split())),
        ("countries", ", ".join(country_name(c, lang) for c in practice.countries)),
        ("themes", ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes)),
    ]
    if practice.unreviewed(lang):
        meta.append(("unreviewed", "yes"))
    data = render_template(
        ctx.templates_dir,
        "index-data.html",
        filters=filters,
        meta=meta,
        sort=practice.title(lang).casefold(),
        organisations=[o.name for o in practice.organisations],
    )
    return data.strip("\n") + "\n"


HELP_TRANSLATE_LIMIT = 500  # entries listed on the page; `kb translations` lists them all


def render_help_translate(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> str:
    """What is missing in this page's language, with the file to edit, and the counts for all languages."""
    s = ctx.strings
    title = s.get("help_translate_title", lang)
    table = coverage_table(practices, ctx.languages)
    summary = []
    for i, code in enumerate(ctx.languages):
        counts = count_states(table, i)
        text = s.get(
            "translation_summary",
            lang,
            complete=counts[State.COMPLETE] + counts[State.ORIGINAL],
            partial=counts[State.PARTIAL],
            missing=counts[State.MISSING],
        )
        summary.append(f"| {md_escape(language_name(code, lang))} | {text} |")
    todo = [(p, c) for p in practices if (c := coverage_of(p, lang)).state in (State.PARTIAL, State.MISSING)]
    up = ctx.root_prefix(lang, 1)  # the page is served as help-translate/index.html

    def item(practice: Practice, what: str | None, marked: bool) -> dict[str, str | None]:
        name = practice.text("title", lang)
        assert name is not None
        return {
            "href": practice_href(practice, "help-translate.md"),
            "lang": None if name.translated or not marked else name.lang,
            "dir": text_direction(name.lang),
            "title": name.text,
            "what": what,
            "source_href": f"{up}{SOURCES_FOLDER}/{practice.id}.yaml",
            "source": practice.source_file,
        }

    items = []
    for practice, c in todo[:HELP_TRANSLATE_LIMIT]:
        if c.state is State.MISSING:
            what = s.get("translation_missing", lang)
        else:
            fields = ", ".join(s.get(f"field_{f}", lang) for f in c.missing_fields)
            what = s.get("translation_partial", lang, fields=fields)
        items.append(item(practice, what, marked=True))
    more = len(todo) - len(items)
    body = (
        raw_html(fragment(ctx.templates_dir, "help_list", "kb-missing-list", items)) if items else s.get("all_translated", lang)
    )
    if more > 0:
        body += f"\n(+{more}; `kb translations`)"
    to_review = [p for p in practices if p.unreviewed(lang)]
    if to_review:
        reviews = [item(practice, None, marked=False) for practice in to_review[:HELP_TRANSLATE_LIMIT]]
        body += f"\n\n## {md_escape(s.get('review_title', lang))}\n\n{s.get('review_intro', lang)}\n\n" + raw_html(
            fragment(ctx.templates_dir, "help_list", "kb-review-list", reviews)
        )
    header = f"| {s.get('label_languages', lang)} | {s.get('label_translations', lang)} |\n| --- | --- |"
    return (
        _front_matter(title, listing=True)
        + f"# {md_escape(title)}\n\n{s.get('help_translate_intro', lang)}\n\n"
        + header
        + "\n"
        + "\n".join(summary)
        + "\n\n"
        + f"## {md_escape(language_name(lang, lang).capitalize())}\n\n{body}\n"
    )
