"""Fuzzing: hostile values in every text and address field, in three languages, end as text only.

Hypothesis writes values from an alphabet of markup, quotes, brackets, Markdown and attribute-list
syntax, control and bidirectional characters into every field of a practice (original, Ukrainian
and Arabic translations) and of a collection. A value either gets a located problem from
validation, or the practice renders: then every page (converted with the site's own Markdown
configuration), the feed, the CSV and the JSON are parsed, and must hold only elements and
attributes the templates write, with the contributor's text as text.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from generator.engine.plugin import theme_meta
from generator.load import parse_text
from generator.markup import safe_href
from generator.model import Practice, build_collection, build_practice
from generator.open_data import render_feed, render_practices_csv, render_practices_json
from generator.pages import SitePage
from generator.pipeline import Project, load_project_vocabularies
from generator.render import SiteContext, load_strings, render_language, render_practice_page
from generator.render_collections import render_collection_page
from generator.render_light import render_light_body
from generator.validate import Checker, check_entry, make_checker

from .conftest import REPO

CHECKER: Checker = make_checker(REPO / "schema" / "practice.schema.json")
COLLECTION_CHECKER: Checker = make_checker(REPO / "schema" / "collection.schema.json")
ALPHABET = [
    *"abc XYZ 123 <>\"'&;=/\\{}[]()!#*_`:.-@+|\t\n",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1) }",
    '{ #id .cls style="position:fixed" }',
    "[x](javascript:alert(1))",
    "[x](https://[a]/)",  # a host urllib cannot parse
    "[r]: https://e.org[",
    "![i](https://tracker.example/p.png)",
    '" onmouseover="alert(1)',
    "javascript:",
    "-->",
    "<!--kb-html",
    "&lt;b&gt;",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u200f",
    "مرحبا",
    "Привіт",
]
VALUES = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=8).map("".join)
ADDRESSES = VALUES.map(lambda v: "https://example.org/" + v)

# What the templates and our converter write inside an article; nothing else may appear.
ALLOWED_TAGS = {
    "div", "p", "h1", "h2", "a", "span", "dl", "dt", "dd", "ul", "ol", "li", "em", "strong", "code", "pre",
    "blockquote", "hr", "br", "section", "article", "script", "nav", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"class", "href", "hreflang", "lang", "dir", "id", "hidden", "type"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_types: list[str | None] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.script_types.append(dict(attrs).get("type"))
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


def check_html(fragment: str, plain_values: list[str]) -> None:
    parsed = Page()
    parsed.feed(fragment)
    for tag, attrs in parsed.elements:
        assert tag in ALLOWED_TAGS, (tag, attrs)
        for name, value in attrs.items():
            assert name in ALLOWED_ATTRIBUTES or name.startswith(("data-pagefind", "aria-")), (tag, name, value)
            if name == "href":
                assert value is not None and safe_href(value) == value, value
    assert set(parsed.script_types) <= {"application/json", "application/ld+json"}
    text = " ".join(" ".join(parsed.text).split())
    for value in plain_values:
        assert " ".join(value.split()) in text, value


def theme_inputs(page: SitePage) -> dict[str, Any]:
    """What the theme prints raw (generator/engine/plugin.py): escaped text, safe as HTML and as an attribute."""
    meta = theme_meta(page)
    for key in ("title", "description"):
        if key in meta:
            assert not re.search(r"[<>\"]", str(meta[key])), meta[key]
            assert html.unescape(str(meta[key])) == getattr(page, key)
    return meta


def entry_problems(data: dict[str, Any], checker: Checker, name: str) -> tuple[Any, list[Any]]:
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    entry, problems = parse_text(raw, name, Path(name))
    if entry is not None:
        problems = check_entry(entry, checker)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and "Traceback" not in problem.message
        assert not re.search("[\x00-\x1f\x7f\u202e]", str(problem)), str(problem)
    return entry, problems


def valid_entry(data: dict[str, Any], checker: Checker, name: str) -> Any:
    """The loaded entry when `data` is valid, None when it gets located problems (counted as events)."""
    entry, problems = entry_problems(data, checker, name)
    event("refused" if problems or entry is None else "rendered")
    return None if problems else entry


@st.composite
def hostile_practice(draw: st.DrawFn) -> dict[str, Any]:
    def text() -> str:
        return draw(VALUES)

    def translation() -> dict[str, Any]:
        return {"reviewed": False, "title": text(), "summary": text(), "description": text()}

    return {
        "id": "hostile",
        "schema_version": 1,
        "language": "en",
        "title": text(),
        "summary": text(),
        "description": text(),
        "results": text(),
        "transferability": text(),
        "countries": ["UA"],
        "places": [text()],
        "scope": "local",
        "themes": ["employment"],
        "target_groups": ["refugees"],
        "organisations": [{"name": text(), "type": "ngo", "role": "lead", "url": draw(ADDRESSES)}],
        "status": "active",
        "evaluation": {"level": "none", "summary": text(), "url": draw(ADDRESSES)},
        "links": [{"title": text(), "url": draw(ADDRESSES)}],
        "sources": [{"title": text(), "publisher": text(), "year": 2020, "url": draw(ADDRESSES)}],
        "contact": draw(st.one_of(ADDRESSES, VALUES)),
        "last_reviewed": "2026-11-23",
        "translations": {"uk": translation(), "ar": translation()},
    }


# The explain phase traces every line of a failing example: minutes here. A failure is shrunk all the same.
NO_EXPLAIN = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
SITE = SiteContext(("en", "uk", "ar", "fr"), load_strings(), load_project_vocabularies(Project(REPO)))


@settings(
    phases=NO_EXPLAIN,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=hostile_practice())
def test_hostile_practice_is_refused_with_lines_or_rendered_as_text(data: dict[str, Any]) -> None:
    entry = valid_entry(data, CHECKER, "practices/hostile.yaml")
    if entry is None:
        return
    check_practice_output(build_practice(entry.data, "practices/hostile.yaml"))


@settings(
    phases=NO_EXPLAIN, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=hostile_practice())
def test_hostile_practice_renders_as_text_even_without_validation(data: dict[str, Any]) -> None:
    """Rendering does not rely on validation: the same values, never validated, still end as text."""
    check_practice_output(build_practice(data, "practices/hostile.yaml"))


def check_practice_output(practice: Practice) -> None:
    site = SITE
    plain = [practice.organisations[0].name, practice.links[0].title, practice.sources[0].publisher, *practice.places]
    for lang in ("en", "uk", "ar"):
        page = render_practice_page(practice, site, lang)
        theme_inputs(page)
        assert page.title == " ".join(practice.title(lang).split())
        check_html(page.body, [practice.title(lang), *plain])
        listing = render_language([practice], site, lang)["countries/ua/"]
        check_html(listing.body, [practice.title(lang)])
    check_html(render_light_body(practice, site, "fr"), [practice.title("fr")])
    for lang in ("en", "uk", "ar"):
        feed = ET.fromstring(render_feed([practice], lang, "https://example.org/", "https://example.org/", "T"))
        titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
        assert re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", practice.title(lang)) in titles
    rows = list(csv.reader(io.StringIO(render_practices_csv([practice]))))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert json.loads(render_practices_json([practice], "https://example.org/"))["practices"][0]["title"] == practice.title("en")


@st.composite
def hostile_collection(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": "hostile",
        "schema_version": 1,
        "language": "en",
        "title": draw(VALUES),
        "description": draw(VALUES),
        "organiser": draw(VALUES),
        "event": draw(VALUES),
        "date": "2026-11-01",
        "practices": [{"id": "duo-for-a-job", "note": draw(VALUES)}],
        "translations": {"ar": {"reviewed": False, "title": draw(VALUES), "notes": {"duo-for-a-job": draw(VALUES)}}},
    }


@settings(phases=NO_EXPLAIN, max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=hostile_collection())
def test_hostile_collection_is_refused_with_lines_or_rendered_as_text(data: dict[str, Any]) -> None:
    entry = valid_entry(data, COLLECTION_CHECKER, "collections/hostile.yaml")
    if entry is None:
        return
    collection = build_collection(entry.data, "collections/hostile.yaml")
    duo_data = yaml.safe_load((REPO / "practices" / "duo-for-a-job.yaml").read_text(encoding="utf-8"))
    duo = build_practice(duo_data, "practices/duo-for-a-job.yaml")
    site = SITE
    for lang in ("en", "ar"):
        page = render_collection_page(collection, {duo.id: duo}, site, lang)
        theme_inputs(page)
        note = collection.note("duo-for-a-job", lang)
        assert note is not None
        check_html(page.body, [collection.text("title", lang).text, collection.organiser, note.text])
