"""Every internal link and anchor of the built site leads somewhere (a crawl of the files)."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(str(values[name]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and not (tag == "link" and values.get("rel") in ("alternate", "canonical")):
                self.links.append(value)


def _target(page: Path, site: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = "/" if parts.path.startswith("/") else "/" + posixpath.dirname(page.relative_to(site).as_posix()) + "/"
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    target = site / path.lstrip("/")
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> dict[str, list[str]]:
    pages = {path: _Page() for path in site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    broken: dict[str, list[str]] = defaultdict(list)
    for path, parser in pages.items():
        for link in parser.links:
            found = _target(path, site, link)
            if found is None:
                continue
            target, fragment = found
            if not target.exists() or (fragment and target in pages and fragment not in pages[target].ids):
                broken[str(path.relative_to(site))].append(link)
    return dict(broken)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) > 500
    assert broken_links(built_site) == {}


def test_the_crawl_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="../b/">gone</a><a href="/a/#nowhere">bad anchor</a><a href="https://example.org/">outside</a>'
    )
    assert broken_links(tmp_path) == {"a/index.html": ["../b/", "/a/#nowhere"]}
