"""Render stage, open data: the practices as JSON and CSV, and an Atom feed per language.

Catalogues of practices have closed before and their content was lost; these files let anyone
keep and reuse the data. practices.json holds every field in every language, each practice
exactly as its file (schema/practice.schema.json); practices.csv has one row per practice.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import urls
from .model import Practice, practice_to_data
from .templates import TEMPLATES_DIR, render_template

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DATA_SCHEMA_VERSION = 1

# Characters XML 1.0 does not allow at all, even escaped. Validation refuses them in practices;
# the feed drops them too, so that it stays well-formed whatever reaches it.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML does not allow even escaped; the templates escape the rest."""
    return _NOT_IN_XML.sub("", text)


CSV_COLUMNS = (
    "id",
    "language",
    "title",
    "summary",
    "countries",
    "places",
    "scope",
    "themes",
    "target_groups",
    "organisations",
    "funding",
    "start",
    "end",
    "status",
    "evaluation",
    "links",
    "sources",
    "last_reviewed",
    "translations",
)


def render_practices_json(practices: Sequence[Practice], site_url: str) -> str:
    data = {
        "schema_version": DATA_SCHEMA_VERSION,
        "schema": f"{site_url}schema/practice.schema.json",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "practices": [practice_to_data(p) for p in sorted(practices, key=lambda p: p.id)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _csv_row(p: Practice) -> dict[str, str]:
    original = p.texts[p.language]
    return {
        "id": p.id,
        "language": p.language,
        "title": original["title"],
        "summary": " ".join(original["summary"].split()),
        "countries": "; ".join(p.countries),
        "places": "; ".join(p.places),
        "scope": p.scope,
        "themes": "; ".join(p.themes),
        "target_groups": "; ".join(p.target_groups),
        "organisations": "; ".join(o.name for o in p.organisations),
        "funding": "; ".join(p.funding),
        "start": p.period.start if p.period else "",
        "end": (p.period.end or "") if p.period else "",
        "status": p.status,
        "evaluation": p.evaluation.level if p.evaluation else "",
        "links": "; ".join(x.url for x in p.links),
        "sources": "; ".join(f"{s.title} ({s.publisher}, {s.year})" for s in p.sources),
        "last_reviewed": p.last_reviewed,
        "translations": "; ".join(sorted(lang for lang in p.texts if lang != p.language)),
    }


def csv_cell(text: str) -> str:
    """`text` as a spreadsheet shows it: a cell starting with = + - @, a tab or a carriage return
    would be read as a formula, so it is prefixed with an apostrophe (OWASP's CSV injection rule)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_practices_csv(practices: Sequence[Practice]) -> str:
    """One row per practice, lists joined with '; ', text in the original language."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for practice in sorted(practices, key=lambda p: p.id):
        writer.writerow({key: csv_cell(value) for key, value in _csv_row(practice).items()})
    return out.getvalue()


def render_feed(
    practices: Sequence[Practice],
    lang: str,
    page_root: str,
    site_url: str,
    title: str,
    limit: int = 50,
    templates_dir: Path = TEMPLATES_DIR,
) -> str:
    """Atom feed of the practices available in `lang` (original or translated title and summary),
    newest review first (site_overrides/kb/feed.xml). `page_root` is the absolute address of the
    language's home page."""
    available = [p for p in practices if p.language == lang or {"title", "summary"} <= set(p.texts.get(lang, {}))]
    entries = sorted(available, key=lambda p: (p.last_reviewed, p.id), reverse=True)[:limit]

    def entry(p: Practice) -> dict[str, str]:
        summary = p.texts.get(lang, p.texts[p.language]).get("summary", p.texts[p.language]["summary"])
        return {
            "title": xml_text(p.title(lang)),
            "url": xml_text(f"{page_root}practices/{p.id}/"),
            "updated": p.last_reviewed,
            "author": xml_text(p.organisations[0].name),
            "summary": xml_text(" ".join(summary.split())),
        }

    return render_template(
        templates_dir,
        "feed.xml",
        lang=lang,
        title=xml_text(title),
        feed_url=xml_text(f"{page_root}feed.xml"),
        page_root=xml_text(page_root),
        updated=max((p.last_reviewed for p in entries), default="1970-01-01"),
        licence=LICENCE,
        entries=[entry(p) for p in entries],
    )


def render_redirects(
    practices: Sequence[Practice], languages: Sequence[str], templates_dir: Path = TEMPLATES_DIR
) -> dict[str, str]:
    """Former addresses of renamed practices (their aliases), in every language: pages that send
    readers and search engines to the practice's address now (site_overrides/kb/redirect.html)."""
    files = {}
    for lang in languages:
        for p in practices:
            for alias in p.aliases:
                address = f"practices/{alias}/"
                target = urls.link(address, f"practices/{p.id}/")
                files[urls.site_path(lang, languages, address) + "index.html"] = render_template(
                    templates_dir, "redirect.html", target=target
                )
    return files


SITEMAP_LIMIT = 10_000  # addresses per sitemap file; the protocol allows 50,000 and 50 MB


def render_sitemaps(
    addresses: Mapping[str, str],
    languages: Sequence[str],
    site_url: str,
    limit: int = SITEMAP_LIMIT,
    templates_dir: Path = TEMPLATES_DIR,
) -> dict[str, str]:
    """sitemap.xml: {address inside a language's root: date of its last change}, in every language.

    Every page exists in every language at the same address, so each entry lists all of them as
    alternates. The dates come from the data, so that the files are the same on every build.
    Beyond `limit` addresses, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml...
    (site_overrides/kb/sitemap.xml and sitemap-index.xml). Returns {file name: XML}."""
    items = sorted(addresses.items())
    per_file = max(1, limit // len(languages))
    chunks = [items[i : i + per_file] for i in range(0, len(items), per_file)] or [[]]
    roots = [xml_text(urls.page_url(site_url, lang, languages, "")) for lang in languages]

    def urlset(chunk: Sequence[tuple[str, str]]) -> str:
        alternates = list(zip(languages, roots, strict=True))
        return render_template(templates_dir, "sitemap.xml", items=chunk, roots=roots, alternates=alternates)

    if len(chunks) == 1:
        return {"sitemap.xml": urlset(chunks[0])}
    files = {f"sitemap-{n}.xml": urlset(chunk) for n, chunk in enumerate(chunks, start=1)}
    parts = [(f"sitemap-{n}.xml", max(date for _, date in chunk)) for n, chunk in enumerate(chunks, start=1)]
    files["sitemap.xml"] = render_template(templates_dir, "sitemap-index.xml", site_url=xml_text(site_url), parts=parts)
    return files


def render_open_data(
    practices: Sequence[Practice],
    languages: Sequence[str],
    site_url: str,
    titles: dict[str, str],
    templates_dir: Path = TEMPLATES_DIR,
) -> dict[str, str]:
    """Every open-data file: {path inside the site: text}."""
    files = {
        "practices.json": render_practices_json(practices, site_url),
        "practices.csv": render_practices_csv(practices),
    }
    for lang in languages:
        files[urls.site_path(lang, languages, "feed.xml")] = render_feed(
            practices, lang, urls.page_url(site_url, lang, languages, ""), site_url, titles[lang], templates_dir=templates_dir
        )
    return files
