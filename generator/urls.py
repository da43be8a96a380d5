"""The site's one address rule: where a page of a language is served, and how pages link.

Every page exists in every interface language at the same address. The default language (the
first configured) is served at the site root, every other one in a folder named by its code:
`practices/x/` is `/practices/x/` in English and `/fr/practices/x/` in French. An *address* is
a page's path inside its language, ending with `/` (`""` is the language's home page). Pages,
listings, the sitemap, redirects, feeds, collections and the catalogue all use these functions.
"""

from __future__ import annotations

from collections.abc import Sequence


def language_folder(lang: str, languages: Sequence[str]) -> str:
    """Where language `lang` is served, from the site root: nothing for the default one, else `fr/`."""
    return "" if lang == languages[0] else f"{lang}/"


def site_path(lang: str, languages: Sequence[str], address: str) -> str:
    """The path inside the site of `address` in `lang`: `fr/practices/x/`."""
    return language_folder(lang, languages) + address


def locate(path: str, languages: Sequence[str]) -> tuple[str, str]:
    """The language and address of the page at `path` inside the site (`fr/practices/x/index.html`
    -> ("fr", "practices/x/")): the inverse of site_path."""
    first, _, rest = path.partition("/")
    lang, inside = (first, rest) if first in languages and first != languages[0] else (languages[0], path)
    return lang, inside.removesuffix("index.html")


def page_url(site_url: str, lang: str, languages: Sequence[str], address: str) -> str:
    """The absolute address of `address` in `lang`; `site_url` ends with `/`."""
    return site_url + site_path(lang, languages, address)


def address_of(docs_path: str) -> str:
    """The address the engine serves a page file at: `practices/x.md` -> `practices/x/`, `themes/index.md` -> `themes/`."""
    return docs_path.removesuffix("index.md") if docs_path.endswith("index.md") else docs_path.removesuffix(".md") + "/"


def up_to_language_root(address: str) -> str:
    """The relative path from the page at `address` to its language's home page."""
    return "../" * address.count("/")


def link(from_address: str, to_address: str) -> str:
    """The relative link between two pages of the same language."""
    return up_to_language_root(from_address) + to_address


def up_to_site_root(lang: str, languages: Sequence[str], address: str) -> str:
    """The relative path from the page at `address` in `lang` to the site root (shared files: data, search index)."""
    return up_to_language_root(site_path(lang, languages, address))
