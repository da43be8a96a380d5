"""Open data: practices.json round-trips and validates, the CSV has one row per practice, the
feeds parse as Atom, and each practice page describes itself in JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import jsonschema
import pytest

from generator.load import parse_text
from generator.model import Practice, build_practice, practice_to_data
from generator.open_data import CSV_COLUMNS, render_feed, render_practices_csv, render_practices_json, render_sitemaps
from generator.pipeline import Project, collect_practices

from .conftest import DATA, REPO

SCHEMA = json.loads((REPO / "schema" / "practice.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    return collect_practices(Project(REPO)).practices


@pytest.mark.parametrize("name", ["minimal", "full"])
def test_model_to_data_is_the_inverse_of_building(name: str) -> None:
    entry, _ = parse_text((DATA / "valid" / f"{name}.yaml").read_bytes(), name)
    assert entry is not None
    assert practice_to_data(build_practice(entry.data)) == entry.data


def test_json_has_every_practice_valid_and_round_trips(practices: list[Practice]) -> None:
    data = json.loads(render_practices_json(practices, "https://example.org/"))
    assert (data["schema_version"], data["licence"]) == (1, "CC BY 4.0")
    assert data["schema"] == "https://example.org/schema/practice.schema.json"
    validator = jsonschema.Draft7Validator(SCHEMA)
    for item in data["practices"]:
        assert list(validator.iter_errors(item)) == [], item["id"]
    by_id = {p.id: p for p in practices}
    assert len(data["practices"]) == len(practices)
    for item in data["practices"]:
        assert build_practice(item) == by_id[item["id"]]


def test_csv_has_one_row_per_practice(practices: list[Practice]) -> None:
    rows = list(csv.DictReader(io.StringIO(render_practices_csv(practices))))
    assert len(rows) == len(practices)
    assert tuple(rows[0]) == CSV_COLUMNS
    duo = next(r for r in rows if r["id"] == "duo-for-a-job")
    model = next(p for p in practices if p.id == "duo-for-a-job")
    languages = "; ".join(sorted(lang for lang in model.texts if lang != "en"))
    assert (duo["title"], duo["countries"], duo["translations"]) == ("Duo for a Job", "BE", languages)


def test_feed_parses_as_atom_and_lists_what_exists_in_its_language(practices: list[Practice]) -> None:
    feed = feedparser.parse(render_feed(practices, "fr", "https://example.org/fr/", "https://example.org/", "Pratiques"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.title == "Pratiques"
    french = {p.id for p in practices if {"title", "summary"} <= set(p.texts.get("fr", {}))}
    assert {e.link.rsplit("/", 2)[-2] for e in feed.entries} == french
    duo = next(e for e in feed.entries if e.link.endswith("/duo-for-a-job/"))
    model = next(p for p in practices if p.id == "duo-for-a-job")
    assert duo.title == model.texts["fr"]["title"] and "mentor" in duo.summary


def test_practice_page_describes_itself_in_json_ld(tiny_project: Project, tiny_site: Path) -> None:
    site = tiny_site
    page = (site / "de/practices/duo-for-a-job/index.html").read_text(encoding="utf-8")
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(raw)
    german_title = next(p for p in collect_practices(tiny_project).practices if p.id == "duo-for-a-job").texts["de"]["title"]
    assert (data["@type"], data["name"], data["inLanguage"]) == ("CreativeWork", german_title, "de")
    assert data["url"].endswith("/de/practices/duo-for-a-job/")
    assert data["spatialCoverage"] == [{"@type": "Country", "identifier": "BE", "name": "Belgien"}]
    assert json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"][0]["id"]
    assert feedparser.parse((site / "fr" / "feed.xml").read_bytes()).version == "atom10"
    assert Path(site / "practices.csv").read_text(encoding="utf-8").startswith("id,language,title")


URL = "https://kb.example/"


def test_sitemap_lists_each_address_in_each_language_with_its_alternates() -> None:
    (name, sitemap), *more = render_sitemaps({"": "2026-01-02", "practices/x/": "2025-05-05"}, ("en", "ar"), URL).items()
    assert name == "sitemap.xml" and more == []
    entries = re.findall(
        r"<url>\s*<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>((?:\s*<xhtml:link [^>]+/>)+)\s*</url>", sitemap
    )
    assert [(loc, date) for loc, date, _ in entries] == [
        (URL, "2026-01-02"),
        (f"{URL}ar/", "2026-01-02"),
        (f"{URL}practices/x/", "2025-05-05"),
        (f"{URL}ar/practices/x/", "2025-05-05"),
    ]
    assert re.findall(r'hreflang="(\w+)" href="([^"]+)"', entries[3][2]) == [
        ("en", f"{URL}practices/x/"),
        ("ar", f"{URL}ar/practices/x/"),
    ]


def test_a_large_sitemap_is_split_under_an_index() -> None:
    addresses = {f"practices/p{i}/": f"2025-01-{i + 1:02d}" for i in range(5)}
    files = render_sitemaps(addresses, ("en", "ar"), URL, limit=4)  # 2 addresses (4 addresses) per file
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ElementTree.fromstring(files["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [e.findtext("s:loc", namespaces=ns) for e in index] == [f"{URL}sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [e.findtext("s:lastmod", namespaces=ns) for e in index] == ["2025-01-02", "2025-01-04", "2025-01-05"]
    listed = [
        loc.text
        for name in ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml")
        for loc in ElementTree.fromstring(files[name]).iter(f"{{{ns['s']}}}loc")
    ]
    assert sorted(listed) == sorted(f"{URL}{prefix}{a}" for a in addresses for prefix in ("", "ar/"))
