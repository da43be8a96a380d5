"""The one address rule: where each language is served and how pages link."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given
from hypothesis import strategies as st

from generator import urls

LANGUAGES = ("en", "fr", "de", "ar")
SEGMENT = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)
ADDRESS = st.lists(SEGMENT, max_size=3).map(lambda parts: "".join(f"{p}/" for p in parts))


@given(lang=st.sampled_from(LANGUAGES), address=ADDRESS)
def test_a_page_is_found_again_from_where_it_is_served(lang: str, address: str) -> None:
    path = urls.site_path(lang, LANGUAGES, address)
    assert path.startswith("" if lang == "en" else f"{lang}/")
    assert urls.locate(path + "index.html", LANGUAGES) == (lang, address)


@given(lang=st.sampled_from(LANGUAGES), here=ADDRESS, there=ADDRESS)
def test_links_between_pages_of_a_language_resolve_to_the_page(lang: str, here: str, there: str) -> None:
    site = "https://kb.example/"
    page = urljoin(site, urls.site_path(lang, LANGUAGES, here))
    assert urljoin(page, urls.link(here, there)) == urls.page_url(site, lang, LANGUAGES, there)
