"""Validate stage, warnings: a practice that looks like another one (same website, same title).

Warnings never fail a run: two entries may rightly share a website. They name the other file
so that a contributor can check before a duplicate is published.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence

from .errors import Problem
from .load import Entry, find_node
from .validate import format_path


def normalise_title(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'Duo for a Job!' -> 'duo for a job'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())
    return " ".join(words) if words else text.casefold().strip()


def normalise_url(url: str) -> str:
    """Scheme, 'www.', case of the host and a trailing slash do not make another website."""
    rest = re.sub(r"^https?://", "", url.strip(), flags=re.I)
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def _titles(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    data = entry.data
    if isinstance(data.get("title"), str):
        yield ("title",), data["title"]
    translations = data.get("translations")
    if isinstance(translations, dict):
        for lang, fields in translations.items():
            if isinstance(fields, dict) and isinstance(fields.get("title"), str):
                yield ("translations", lang, "title"), fields["title"]


def _websites(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    links = entry.data.get("links")
    if isinstance(links, list):
        for i, link in enumerate(links):
            if isinstance(link, dict) and isinstance(link.get("url"), str):
                yield ("links", i, "url"), link["url"]


def find_lookalikes(entries: Sequence[Entry]) -> list[Problem]:
    """One warning per later file that shares a website or a title (in any language) with an earlier one."""
    first_seen: dict[tuple[str, str], Entry] = {}
    warned: defaultdict[str, set[str]] = defaultdict(set)
    warnings: list[Problem] = []
    for entry in sorted(entries, key=lambda e: e.name):
        candidates = [("title", path, normalise_title(text), text) for path, text in _titles(entry)]
        candidates += [("website", path, normalise_url(url), url) for path, url in _websites(entry)]
        for kind, path, key, shown in candidates:
            other = first_seen.setdefault((kind, key), entry)
            if other is entry or other.name in warned[entry.name]:
                continue
            warned[entry.name].add(other.name)
            node = find_node(entry.root, path)
            what = "has the same title as" if kind == "title" else "links to the same website as"
            warnings.append(
                Problem(
                    entry.name,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    format_path(path),
                    f"{shown!r} {what} {other.name}; check that it is not the same practice (a warning, not an error)",
                )
            )
    return sorted(warnings)
