"""Stage 4, render: pure functions from the model to the pages of the site, one set per language.

Nothing here touches the disk. `render_site` returns {(language, address): SitePage} (pages.py);
the engine package frames each page in the theme. Content is HTML from the project's templates
(site_overrides/kb/, autoescaped), never Markdown. Practice pages are reached from listing pages
only, never from the navigation, so each page stays small however many practices there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from . import urls
from .catalogue_data import DATA_FOLDER
from .facets import Facet, facet_labels, make_facets
from .markup import render_markdown, safe_href
from .model import Collection, LocalizedText, Practice
from .pages import Pages, Section, SitePage
from .templates import TEMPLATES_DIR, render_template, safe, template_macro
from .translations import Coverage, State, count_states, coverage_of, coverage_table
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

    def prose(self, key: str, lang: str, **values: object) -> Markup:
        """An interface text written in Markdown (`kb new` in backticks), as HTML."""
        return safe(render_markdown(self.get(key, lang, **values)))


def load_strings(path: Path = STRINGS_FILE) -> Strings:
    data = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )  # libyaml: ten times faster
    return Strings({str(k): {str(lang): str(t) for lang, t in v.items()} for k, v in data.items()})


@dataclass(frozen=True)
class SiteContext:
    languages: tuple[str, ...]  # interface languages, the default first; urls.py says where each is served
    strings: Strings
    vocab: Vocabularies
    site_url: str = "http://127.0.0.1:8000/"  # the published address, ending with /
    templates_dir: Path = TEMPLATES_DIR  # the project's own templates (site_overrides/kb/)

    def page_url(self, lang: str, address: str) -> str:
        """Absolute address of `address` (such as practices/x/) in language `lang`."""
        return urls.page_url(self.site_url, lang, self.languages, address)

    def to_site_root(self, lang: str, address: str) -> str:
        """The relative path from `address` in `lang` to the site root (shared files: data, search index)."""
        return urls.up_to_site_root(lang, self.languages, address)

    @cached_property
    def facets(self) -> tuple[Facet, ...]:
        return make_facets(self.vocab)

    def render(self, template: str, **data: Any) -> str:
        return render_template(self.templates_dir, template, **data)

    def macro(self, template: str, name: str) -> Callable[..., Markup]:
        """Macro `name` of a template, to call from Python: it returns escaped HTML."""
        return template_macro(self.templates_dir, template, name)


def render_site(practices: Sequence[Practice], ctx: SiteContext, *, share: Share | None = None) -> Pages:
    """Every page of the site in every language, or the pages of one share of it (see Share)."""
    pages = render_listings(practices, ctx, share=share)
    for practice in share.practices(practices) if share is not None else practices:
        pages.update(render_practice_pages(practice, ctx))
    return pages


def render_listings(practices: Sequence[Practice], ctx: SiteContext, *, share: Share | None = None) -> Pages:
    """Every page of the site but the practices' own (render_practice_pages) and the light ones
    (render_light.py), in every language; of one share of the site, its part of them (see Share)."""
    pages: Pages = {}
    table = coverage_table(practices, ctx.languages)
    for lang in ctx.languages:
        for address, page in render_language(practices, ctx, lang, share=share, table=table).items():
            pages[(lang, address)] = page
    return pages


# The listings (catalogue, theme and country pages) take about as long as the pages of 12 % of the
# practices (measured at 10,000 x 3: 3.6 s against 33 s for every practice's pages, full and light).
LISTINGS_WEIGHT = 0.12


@dataclass(frozen=True)
class Share:
    """One of `count` parts of the site, built in parallel: a run of the practices, with their pages;
    the first part also has the listings and the other pages, and so fewer practices, so that the
    parts take about as long. Every part has the pages the engine's navigation names (it warns
    without them)."""

    number: int
    count: int

    def practices(self, practices: Sequence[Practice]) -> list[Practice]:
        if self.count == 1:
            return list(practices)
        first = max(0.0, (1 + LISTINGS_WEIGHT) / self.count - LISTINGS_WEIGHT)
        weights = [first] + [(1 - first) / (self.count - 1)] * (self.count - 1)
        bounds = [round(len(practices) * sum(weights[:k])) for k in range(self.count + 1)]
        return list(practices[bounds[self.number] : bounds[self.number + 1]])


def render_language(
    practices: Sequence[Practice],
    ctx: SiteContext,
    lang: str,
    *,
    share: Share | None = None,
    table: Sequence[Sequence[Coverage]] | None = None,
) -> dict[str, SitePage]:
    """{address: page} of one language (of one share of the site), but the practices' own pages
    (render_practice_pages); `table`: the practices' coverage_table, when the caller has it already."""
    cards = ListingCards(ctx, lang)
    ordered = sorted(practices, key=lambda p: (p.title(lang).casefold(), p.id))
    themes = ctx.vocab.themes.terms
    codes = sorted(countries_of(ordered), key=lambda c: country_name(c, lang).casefold())
    pages = {
        "": render_home(ordered, ctx, lang),
        "themes/": render_terms_index(
            ("themes/", "themes_title", "themes_intro"),
            [(ctx.vocab.themes.label(c, lang), f"themes/{c}/", sum(c in p.themes for p in ordered)) for c in themes],
            ctx,
            lang,
        ),
        "countries/": render_terms_index(
            ("countries/", "countries_title", "countries_intro"),
            [(country_name(c, lang), f"countries/{c.lower()}/", sum(c in p.countries for p in ordered)) for c in codes],
            ctx,
            lang,
        ),
    }
    pages.update(render_catalogue_pages(ordered, ctx, lang, first_only=share is not None and share.number > 0, cards=cards))
    pages["help-translate/"] = render_help_translate(ordered, ctx, lang, table)
    if share is not None and share.number > 0:
        return pages  # the navigation's pages and the practices; no listing
    for code in themes:
        name = ctx.vocab.themes.label(code, lang)
        members = [p for p in ordered if code in p.themes]
        intro = ctx.strings.get("theme_page_intro", lang, name=name)
        pages[f"themes/{code}/"] = render_listing_page(name, intro, members, ctx, lang, f"themes/{code}/", cards)
    for code in codes:
        name = country_name(code, lang)
        members = [p for p in ordered if code in p.countries]
        intro = ctx.strings.get("country_page_intro", lang, name=name)
        pages[f"countries/{code.lower()}/"] = render_listing_page(
            name, intro, members, ctx, lang, f"countries/{code.lower()}/", cards
        )
    return pages


def countries_of(practices: Iterable[Practice]) -> list[str]:
    return sorted({c for p in practices for c in p.countries})


def one_line(text: str) -> str:
    return " ".join(text.split())


def render_home(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> SitePage:
    s = ctx.strings
    up = ctx.to_site_root(lang, "")
    browse = [("catalogue_title", "practices/"), ("themes_title", "themes/"), ("countries_title", "countries/")]
    body = ctx.render(
        "home.html",
        title=s.get("home_title", lang),
        intro=s.prose("home_intro", lang),
        count=s.get("practice_count", lang, count=len(practices), countries=len(countries_of(practices))),
        browse=s.get("browse", lang),
        browse_links=[{"text": s.get(key, lang), "href": urls.link("", address)} for key, address in browse],
        contribute_title=s.get("contribute_title", lang),
        contribute=s.prose("contribute_text", lang),
        open_data_title=s.get("open_data_title", lang),
        open_data_text=s.prose("open_data_text", lang),
        # Files the build writes beside the pages: the data is shared, the feed is the language's.
        open_data=[
            {"text": "practices.json", "href": f"{up}practices.json"},
            {"text": "practices.csv", "href": f"{up}practices.csv"},
            {"text": s.get("feed_label", lang), "href": "feed.xml"},
            {"text": "practice.schema.json", "href": f"{up}schema/practice.schema.json"},
        ],
    )
    sections = (
        Section("browse", s.get("browse", lang)),
        Section("contribute", s.get("contribute_title", lang)),
        Section("open-data", s.get("open_data_title", lang)),
    )
    return SitePage(s.get("home", lang), body, s.get("home_intro", lang), toc=sections)


def render_terms_index(
    page: tuple[str, str, str], terms: Sequence[tuple[str, str, int]], ctx: SiteContext, lang: str
) -> SitePage:
    """The page listing the themes or the countries, `page` being (its address, title key, intro key),
    and `terms` (name, address, number of practices) each."""
    s = ctx.strings
    here, title_key, intro_key = page
    title = s.get(title_key, lang)
    items = [{"text": name, "href": urls.link(here, address), "count": count} for name, address, count in terms]
    return SitePage(title, ctx.render("terms.html", title=title, intro=s.prose(intro_key, lang), items=items))


def card_data(practice: Practice, ctx: SiteContext, lang: str, here: str) -> dict[str, object]:
    """What the card of `practice` shows in a listing on the page at address `here`."""
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    return {
        "title": one_line(title.text),
        "title_lang": None if title.translated else title.lang,
        "title_dir": text_direction(title.lang),
        "summary": one_line(summary.text),
        "summary_lang": None if summary.translated else summary.lang,
        "summary_dir": text_direction(summary.lang),
        "countries": ", ".join(country_name(c, lang) for c in practice.countries),
        "themes": ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes),
        "unreviewed": practice.unreviewed(lang),
        "href": urls.link(here, f"practices/{practice.id}/"),
    }


class ListingCards:
    """The cards of one language's listings (site_overrides/kb/card.html). A practice has a card on
    three pages of a language or more (the catalogue, its themes, its countries) and only the
    card's link depends on the page, so each card is rendered once per link to it (listings sit at
    two depths) and placed as it is wherever it shows."""

    def __init__(self, ctx: SiteContext, lang: str) -> None:
        self.ctx = ctx
        self.lang = lang
        self.labels = card_labels(ctx, lang)
        self._card = ctx.macro("card.html", "card")
        self._made: dict[tuple[str, str], Markup] = {}

    def of(self, practices: Iterable[Practice], here: str) -> list[Markup]:
        """The cards of `practices` on the page at address `here`."""
        return [self.card(practice, here) for practice in practices]

    def card(self, practice: Practice, here: str) -> Markup:
        key = (practice.id, urls.link(here, "practices/"))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._card(card_data(practice, self.ctx, self.lang, here), self.labels)
        return made


def card_labels(ctx: SiteContext, lang: str) -> dict[str, str]:
    s = ctx.strings
    return {
        "countries": s.get("label_countries", lang),
        "themes": s.get("label_themes", lang),
        "unreviewed": s.get("unreviewed_badge", lang),
        "none": s.get("no_practices", lang),
    }


# A listing's headings are practice titles: a table of contents would repeat them all.
LISTING = ("toc",)


def render_listing_page(
    name: str,
    intro: str,
    practices: Sequence[Practice],
    ctx: SiteContext,
    lang: str,
    here: str,
    cards: ListingCards | None = None,
) -> SitePage:
    """A theme's or a country's page: its practices as cards (`cards`: the language's, when the caller has them)."""
    cards = cards or ListingCards(ctx, lang)
    body = ctx.render("listing.html", title=name, intro=intro, cards=cards.of(practices, here), labels=cards.labels)
    return SitePage(name, body, hide=LISTING)


def has_full_page(practice: Practice, ctx: SiteContext, lang: str) -> bool:
    """Whether the practice's page in `lang` shows its whole text.

    Pages in the default language always do, and so do pages in a language with at least one
    translated field (the rest is shown in the original, with a note). In a language without any
    translation the page is light: title, summary, key facts and a link to the full text, so that
    nine languages do not repeat megabytes of the same text (see render_light_body)."""
    return lang == ctx.languages[0] or coverage_of(practice, lang).state is not State.MISSING


STATIC_PAGE_SIZE = 100  # practices per page of the catalogue as served without JavaScript


def static_page_address(number: int) -> str:
    return "practices/" if number == 1 else f"all-practices/{number}/"


def catalogue_widget(practices: Sequence[Practice], ctx: SiteContext, lang: str) -> dict[str, object]:
    """The search and filter controls' texts and their configuration, which catalogue.js reads."""
    s = ctx.strings
    up = ctx.to_site_root(lang, "practices/")
    facets = [{"key": f.key, "title": s.get(f.title_key, lang)} for f in ctx.facets]
    config = {
        "pagefind": up + f"pagefind/{lang}/pagefind.js",  # engine/search_index.py: a bundle per language
        "root": up,
        "data": up + f"{DATA_FOLDER}/{lang}/",
        "facets": facets,
        "labels": facet_labels(ctx.facets, practices, lang),
        "strings": {key: s.get(key, lang) for key in _CATALOGUE_STRINGS},
        "pageSize": 20,
    }
    texts = (
        "search_label",
        "search_placeholder",
        "filters_title",
        "clear_all",
        "copy_link",
        "download_csv",
        "download_json",
        "show_more",
    )
    return {"config": config, "facets": facets, **{key: s.get(key, lang) for key in texts}}


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


def render_catalogue_pages(
    practices: Sequence[Practice], ctx: SiteContext, lang: str, *, first_only: bool = False, cards: ListingCards | None = None
) -> dict[str, SitePage]:
    """The catalogue: search and filters, over a static A-Z list split into pages for readers without JavaScript."""
    s = ctx.strings
    cards = cards or ListingCards(ctx, lang)
    title = s.get("catalogue_title", lang)
    chunks = [practices[i : i + STATIC_PAGE_SIZE] for i in range(0, len(practices), STATIC_PAGE_SIZE)] or [[]]
    pages: dict[str, SitePage] = {}
    for number, chunk in enumerate(chunks[:1] if first_only else chunks, start=1):
        here = static_page_address(number)
        heading = title if number == 1 else f"{title} ({s.get('page_number', lang, number=number)})"
        pagination = []
        if len(chunks) > 1:
            for n in range(1, len(chunks) + 1):
                label = s.get("page_number", lang, number=n)
                pagination.append({"text": label, "href": None if n == number else urls.link(here, static_page_address(n))})
        body = ctx.render(
            "catalogue.html",
            title=heading,
            intro=f"{s.get('catalogue_intro', lang)} {s.get('count_in_list', lang, count=len(practices))}.",
            widget=catalogue_widget(practices, ctx, lang) if number == 1 else None,
            cards=cards.of(chunk, here),
            labels=cards.labels,
            pagination=pagination,
        )
        pages[here] = SitePage(heading, body, hide=("navigation", "toc") if number == 1 else LISTING)
    return pages


Converted = dict[str, Markup]  # Markdown text -> its HTML, for a text that shows on several pages


def convert(text: str, converted: Converted | None = None) -> Markup:
    """A Markdown field as HTML (markup.render_markdown, never the engine); `converted` keeps the
    texts converted already (a field left untranslated shows in every language without it)."""
    key = text.strip()
    html = converted.get(key) if converted is not None else None
    if html is None:
        html = safe(render_markdown(key))
        if converted is not None:
            converted[key] = html
    return html


def text_block(found: LocalizedText, ctx: SiteContext, lang: str, converted: Converted | None = None) -> tuple[object, ...]:
    """The arguments of the `text_block` template macro for a Markdown field: its HTML (see convert)
    and, when untranslated, its language and a note."""
    body = convert(found.text, converted)
    if found.translated:
        return (body,)
    note = ctx.strings.get("untranslated_note", lang, language=language_name(found.lang, lang))
    return (body, found.lang, text_direction(found.lang), note, lang, text_direction(lang))


def _item(text: str, href: str | None = None, detail: str | None = None) -> dict[str, str | None]:
    return {"text": one_line(text), "href": href, "detail": detail}


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


def unreviewed_note(item: Practice | Collection, ctx: SiteContext, lang: str) -> str | None:
    """The note that the page shows a translation no native speaker has reviewed yet, or None."""
    if not item.unreviewed(lang):
        return None
    return ctx.strings.get("unreviewed_note", lang, language=language_name(item.language, lang))


def marked(text: LocalizedText) -> dict[str, str | None]:
    """Text on one line with the language to mark it with when it is not the page's."""
    return {"text": one_line(text.text), "lang": None if text.translated else text.lang, "dir": text_direction(text.lang)}


def render_practice_pages(practice: Practice, ctx: SiteContext) -> Pages:
    """The full pages of `practice`, in each language that has one (has_full_page; the others have
    light pages, render_light.py), each text converted from Markdown once for all of them."""
    converted: Converted = {}
    address = f"practices/{practice.id}/"
    return {
        (lang, address): render_practice_page(practice, ctx, lang, converted)
        for lang in ctx.languages
        if has_full_page(practice, ctx, lang)
    }


def render_practice_page(practice: Practice, ctx: SiteContext, lang: str, converted: Converted | None = None) -> SitePage:
    """The full page of `practice` in `lang`; `converted`: see convert."""
    s = ctx.strings
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    sections: list[dict[str, object]] = []
    for name in ("description", "results", "transferability"):
        found = practice.text(name, lang)
        if found is not None:
            sections.append({"id": name, "block": text_block(found, ctx, lang, converted)})
    if practice.evaluation:
        ev = practice.evaluation
        args = (
            ctx.vocab.evaluation_levels.label(ev.level, lang),
            convert(ev.summary, converted) if ev.summary else None,
            practice.language,
            text_direction(practice.language),
            one_line(ev.url) if ev.url else None,
            safe_href(ev.url) if ev.url else None,
        )
        sections.append({"id": "evaluation", "evaluation": args})
    if practice.links:
        sections.append({"id": "links", "links": [{"text": one_line(x.title), "href": safe_href(x.url)} for x in practice.links]})
    sources = [
        {"title": one_line(x.title), "href": safe_href(x.url) if x.url else None, "publisher": x.publisher, "year": x.year}
        for x in practice.sources
    ]
    sections.append({"id": "sources", "sources": sources})
    if practice.contact:
        target = practice.contact if "://" in practice.contact else f"mailto:{practice.contact}"
        sections.append({"id": "contact", "contact": (one_line(practice.contact), safe_href(target))})
    for section in sections:
        section["title"] = s.get(f"section_{section['id']}", lang)
    body = ctx.render(
        "practice.html",
        title=marked(title),
        index_data=safe(index_data(practice, ctx, lang)),
        unreviewed=unreviewed_note(practice, ctx, lang),
        summary=text_block(summary, ctx, lang, converted),
        facts=safe(ctx.render("facts.html", rows=facts_rows(practice, ctx, lang))),
        sections=sections,
        edit_source=s.get("edit_source", lang, file=practice.source_file) if practice.source_file else None,
        json_ld=json_ld(practice, ctx, lang),
    )
    toc = tuple(Section(str(x["id"]), str(x["title"])) for x in sections)
    return SitePage(one_line(title.text), body, one_line(summary.text), toc=toc)


def json_ld(practice: Practice, ctx: SiteContext, lang: str) -> dict[str, object]:
    """schema.org description of the practice, for search engines and other catalogues."""
    summary = practice.text("summary", lang)
    assert summary is not None
    return {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": practice.title(lang),
        "description": one_line(summary.text),
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


def index_data(practice: Practice, ctx: SiteContext, lang: str) -> str:
    """Facet codes, sort key and display fields for the search index (site_overrides/kb/index-data.html)."""
    filters = [("kind", "practice")] + [(facet.key, code) for facet in ctx.facets for code in facet.values(practice)]
    summary = practice.text("summary", lang)
    assert summary is not None
    meta = [
        ("summary", one_line(summary.text)),
        ("countries", ", ".join(country_name(c, lang) for c in practice.countries)),
        ("themes", ", ".join(ctx.vocab.themes.label(t, lang) for t in practice.themes)),
    ]
    if practice.unreviewed(lang):
        meta.append(("unreviewed", "yes"))
    data = ctx.render(
        "index-data.html",
        filters=filters,
        meta=meta,
        sort=practice.title(lang).casefold(),
        organisations=[o.name for o in practice.organisations],
    )
    return data.strip("\n") + "\n"


HELP_TRANSLATE_LIMIT = 500  # entries listed on the page; `kb translations` lists them all


def render_help_translate(
    practices: Sequence[Practice], ctx: SiteContext, lang: str, table: Sequence[Sequence[Coverage]] | None = None
) -> SitePage:
    """What is missing in this page's language, with the file to edit, and the counts for all languages."""
    s = ctx.strings
    here = "help-translate/"
    table = table if table is not None else coverage_table(practices, ctx.languages)
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
        summary.append({"language": language_name(code, lang), "text": text})
    todo = [(p, c) for p in practices if (c := coverage_of(p, lang)).state in (State.PARTIAL, State.MISSING)]
    up = ctx.to_site_root(lang, here)

    def item(practice: Practice, what: str | None, mark: bool) -> dict[str, str | None]:
        name = practice.text("title", lang)
        assert name is not None
        return {
            "href": urls.link(here, f"practices/{practice.id}/"),
            "lang": None if name.translated or not mark else name.lang,
            "dir": text_direction(name.lang),
            "title": name.text,
            "what": what,
            "source_href": f"{up}{SOURCES_FOLDER}/{practice.id}.yaml",
            "source": practice.source_file,
        }

    missing = []
    for practice, c in todo[:HELP_TRANSLATE_LIMIT]:
        if c.state is State.MISSING:
            what = s.get("translation_missing", lang)
        else:
            fields = ", ".join(s.get(f"field_{f}", lang) for f in c.missing_fields)
            what = s.get("translation_partial", lang, fields=fields)
        missing.append(item(practice, what, mark=True))
    reviews = [
        item(practice, None, mark=False) for practice in [p for p in practices if p.unreviewed(lang)][:HELP_TRANSLATE_LIMIT]
    ]
    title = s.get("help_translate_title", lang)
    language = language_name(lang, lang).capitalize()
    body = ctx.render(
        "help-translate.html",
        title=title,
        intro=s.prose("help_translate_intro", lang),
        label_languages=s.get("label_languages", lang),
        label_translations=s.get("label_translations", lang),
        summary=summary,
        language=language,
        missing=missing,
        all_translated=s.get("all_translated", lang),
        more=max(0, len(todo) - len(missing)),
        review_title=s.get("review_title", lang),
        review_intro=s.prose("review_intro", lang),
        reviews=reviews,
    )
    toc = [Section("missing", language)] + ([Section("review", s.get("review_title", lang))] if reviews else [])
    return SitePage(title, body, hide=LISTING, toc=tuple(toc))
