"""The project's MkDocs plugin: what the site needs from the engine, on the engine's documented events.

`on_files` hands the engine every page of the site (pages.py) in memory: nothing is written to
the docs folder. static-i18n accepts only pages it finds in the docs folder and makes its own
copies of them, so each page is announced at its path there (`<lang>/<address>index.md`) before
static-i18n picks the current language's pages, and given its (empty) source after. The page's
title, description and hidden sidebars go to the theme as its metadata in `on_page_markdown`;
its content, HTML from the project's templates, and its table of contents in `on_page_content`:
no Markdown is converted. The theme prints a page's title and description without escaping
them, so they are given escaped (as markupsafe.Markup, which no filter escapes twice).

`on_page_context` gives the theme's language switcher (site_overrides/partials/alternate.html)
the same page in every language (urls.py: every page exists in every language at the same
address); static-i18n would link a page that has no file in a language to that language's home.
Pages carry no `<link rel="alternate" hreflang>`: Material's script fetches a `sitemap.xml`
beside every such link (nine requests a page that end in 404, and the whole sitemap on the home
page), so the hreflang alternates are given where search engines also read them, in the sitemap.
`on_post_page` makes the few touches the theme's markup needs, in memory, and keeps the frame
pages (frames.py) for the build, which fills a copy of them for every page: no built page is
read back from disk. `on_env` keeps the theme's compiled templates for the next language.

`on_env` gives the templates `kb_policy(base_url)`, the page's Content-Security-Policy. The
policy allows scripts from this site and, for the theme's few inline scripts, their SHA-256
hashes. Those hashes are computed here from the theme's script partials, rendered for the
page's `base_url` (the only value they contain), before any content exists: a script that
reaches a page through content is never hashed, so the browser refuses to run it. Styles come
only from the site's stylesheets (`style-src 'self'`, no 'unsafe-inline'): neither the theme's
templates nor ours write a style attribute, and the theme's scripts set styles through the DOM,
which the policy does not restrict; a `style` attribute that content brought would be ignored.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping, Sequence
from functools import cache
from html.parser import HTMLParser
from typing import Any

from jinja2 import BytecodeCache, Environment, TemplateError
from jinja2.bccache import Bucket
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .. import urls
from ..pages import SitePage

OWN_TEMPLATES = "kb/"  # inside site_overrides/ (templates.TEMPLATES_DIR)

# Material gives its two header toggles autocomplete="off" so that Firefox does not restore them
# when a page is reloaded, but HTML allows the attribute on no checkbox; they sit outside any
# template block. languages.js closes the two toggles on pageshow instead.
TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">': (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    )
    for name in ("drawer", "search")
}

# The theme's partials with inline scripts that base.html includes with this project's settings
# (Material 9; announce, outdated and consent are off). A theme update that adds one shows as a
# refused script in the browser tests and in the console.
SCRIPT_PARTIALS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled, kept in memory for the engine's next template environment."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


class _InlineScripts(HTMLParser):
    """The bodies of the inline scripts in a piece of HTML (JSON data blocks are not scripts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._inside = tag == "script" and "src" not in found and found.get("type") in (None, "text/javascript", "module")
        if self._inside:
            self.bodies.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.bodies[-1] += data


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: list[str]) -> str:
    """The Content-Security-Policy of a page whose inline scripts have these hashes."""
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(set(hashes))]),
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def template_script_hashes(env: Environment, context: dict[str, Any]) -> list[str]:
    """The hashes of the inline scripts the theme's script partials write with `context`."""
    hashes = []
    for name in SCRIPT_PARTIALS:
        try:
            text = env.get_template(name).render(**context)
        except TemplateError:  # a partial this theme version does not have
            continue
        scripts = _InlineScripts()
        scripts.feed(text)
        scripts.close()
        hashes += [script_hash(body) for body in scripts.bodies]
    return hashes


def without_invalid_toggles(html: str) -> str:
    for before, after in TOGGLES.items():
        html = html.replace(before, after, 1)
    return html


def theme_meta(page: SitePage) -> dict[str, object]:
    """The page's metadata for the theme, which prints title and description raw: escaped, once."""
    meta: dict[str, object] = {"title": escape(page.title)}
    if page.description:
        meta["description"] = escape(page.description)
    if page.hide:
        meta["hide"] = list(page.hide)
    return meta


def source_path(lang: str, address: str) -> str:
    """Where the page at `address` in `lang` is announced in the docs folder (static-i18n's folder layout)."""
    return f"{lang}/{address}index.md"


def where(dest_uri: str, languages: Sequence[str]) -> tuple[str, str]:
    """The language and the address (urls.py) of the page the engine writes at `dest_uri`."""
    return urls.locate(dest_uri, languages)


class KbPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Registered as `kb` (pyproject.toml, entry point mkdocs.plugins); listed under `plugins` in mkdocs.yml.

    The build calls `setup` before it runs the engine and reads `frames` after."""

    languages: tuple[str, ...] = ()
    site_url = ""
    frames: dict[tuple[str, str], str]  # (language, address) -> the frame page (pages.SitePage.frame) as written
    names: dict[str, str]  # language -> its name in the switcher, as static-i18n configures it
    pages: dict[str, SitePage]  # the path of each page in the docs folder -> the page

    def __init__(self) -> None:
        super().__init__()
        self.compiled = _CompiledTemplates()
        self.setup((), "", {})

    def setup(self, languages: Sequence[str], site_url: str, pages: Mapping[tuple[str, str], SitePage]) -> None:
        self.languages, self.site_url, self.frames, self.names = tuple(languages), site_url, {}, {}
        self.pages = {source_path(lang, address): page for (lang, address), page in pages.items()}

    @event_priority(0)  # before static-i18n (-100), which picks the current language's pages
    def _announce_pages(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # static-i18n builds one language after the other and, in each, compares every page it is
        # given with every other: the pages of other languages would only make it slower (81,000
        # pages handled for 1,000 practices in 9 languages instead of 9,000).
        current = getattr(config.plugins.get("i18n"), "current_language", None)
        prefix = f"{current}/" if current in self.languages else ""
        # The project's own templates (site_overrides/kb/, the HTML and XML the build renders
        # itself) are no files of the site; MkDocs copies whatever of the theme is not *.html.
        for file in [f for f in files if f.src_uri.startswith(OWN_TEMPLATES) and not f.is_documentation_page()]:
            files.remove(file)
        for path in self.pages:
            if path.startswith(prefix):
                files.append(File.generated(config, path, abs_src_path=os.path.join(config.docs_dir, path)))
        return files

    @event_priority(-110)  # after static-i18n, on its copies
    def _give_sources(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            if file.src_uri in self.pages:
                file.content_string = ""
        return files

    on_files = CombinedEvent(_announce_pages, _give_sources)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self.pages.get(page.file.src_uri)
        if found is not None:
            page.meta.update(theme_meta(found))
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self.pages.get(page.file.src_uri)
        if found is None:
            return html
        page.toc = get_toc([{"level": 2, "id": s.id, "name": str(escape(s.title)), "children": []} for s in found.toc])
        return found.body

    def _alternates(self, config: MkDocsConfig, context: TemplateContext, links: dict[str, str]) -> None:
        """The switcher's entries in `context`, one per language, linking to `links[language]`."""
        extra = config.extra
        # static-i18n sets the list again for every page; after the first page of a language
        # build it may still be the True set below, so the names are kept from the first list.
        found = getattr(extra, "alternate", None)
        if isinstance(found, list) and not self.names:
            self.names = {alt["lang"]: alt["name"] for alt in found if isinstance(alt, dict)}
        names = self.names
        context["kb_alternates"] = [{"name": names.get(lang, lang), "link": links[lang], "lang": lang} for lang in self.languages]  # type: ignore[typeddict-unknown-key]
        # True, not a list: the header still includes the switcher, and base.html, which writes a
        # <link rel="alternate"> for each item only when the value is iterable, writes none.
        # static-i18n sets it as an attribute, which templates read before the item: set both.
        extra["alternate"] = True
        setattr(extra, "alternate", True)  # noqa: B010

    # After static-i18n (priority 50), which sets the alternates of a page without a file in a
    # language to that language's home page.
    @event_priority(-50)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if len(self.languages) > 1:  # one language: no switcher
            _, address = where(page.file.dest_uri, self.languages)
            # Paths from the site root: the theme's `url` filter makes them relative to the page.
            links = {lang: urls.site_path(lang, self.languages, address) for lang in self.languages}
            self._alternates(config, context, links)
        return context

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        if len(self.languages) > 1 and template_name == "404.html":
            # Served at any address: its languages lead to each language's home, absolutely.
            links = {lang: urls.page_url(self.site_url, lang, self.languages, "") for lang in self.languages}
            self._alternates(config, context, links)
        return context

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html): the same touch to the toggles as every page."""
        return without_invalid_toggles(output_content)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        output = without_invalid_toggles(output)
        found = self.pages.get(page.file.src_uri)
        if found is not None and found.frame:
            self.frames[where(page.file.dest_uri, self.languages)] = output
        return output

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The engine makes a new template environment for each language and compiles the theme's
        # templates again in each (a second per language); compiled once, they are kept here.
        env.bytecode_cache = self.compiled

        @cache
        def kb_policy(base_url: str) -> str:
            return policy(template_script_hashes(env, {"config": config, "base_url": base_url}))

        env.globals["kb_policy"] = kb_policy
        return env
