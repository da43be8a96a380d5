"""Real builds with the site engine in strict mode, on a tiny project in tmp_path."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from generator import build, urls
from generator.build import Stages, build_site, replace_dir
from generator.cli import main
from generator.engine import build_with_engine, read_languages
from generator.errors import BuildError
from generator.pages import SitePage
from generator.pipeline import Project, collect_practices

from .conftest import REPO


def test_languages_come_from_the_engine_config() -> None:
    assert read_languages(REPO / "mkdocs.yml")[:3] == ("en", "fr", "de")


def test_strict_build_has_every_practice_in_every_language(tiny_project: Project, tiny_site: Path) -> None:
    collected = collect_practices(tiny_project)
    assert collected.problems == []
    site = tiny_site  # built in strict mode, the default
    for lang_prefix, lang in (("", "en"), ("fr/", "fr"), ("de/", "de")):
        for ident in ("duo-for-a-job", "minimal", "full"):
            html = (site / f"{lang_prefix}practices/{ident}/index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
        catalogue = (site / f"{lang_prefix}practices/index.html").read_text(encoding="utf-8")
        assert catalogue.count('class="kb-card"') == 3
    french = (site / "fr/practices/duo-for-a-job/index.html").read_text(encoding="utf-8")
    duo = next(p for p in collected.practices if p.id == "duo-for-a-job")
    opening = " ".join(duo.texts["fr"]["description"].split()[:6])
    assert opening in " ".join(french.split()) and "kb-untranslated" not in french
    # "full" is written in German with an English title: its English page shows each other
    # field in German under a note; its French page, with nothing in French, is a light page.
    fallback = (site / "practices/full/index.html").read_text(encoding="utf-8")
    note = "This text has not been translated into English yet; it is shown in German."
    assert re.search(
        rf'<div class="kb-text kb-untranslated" lang="de" dir="ltr">\s*<p class="kb-note" lang="en"[^>]*>{note}', fallback
    )
    light = (site / "fr/practices/full/index.html").read_text(encoding="utf-8")
    assert "Cette pratique n'a pas encore été traduite en français ; son résumé est affiché en allemand." in unescape(light)
    assert 'href="../../../de/practices/full/" hreflang="de">Lire la description complète (allemand)</a>' in light
    assert re.search(r'<div class="kb-lead kb-untranslated" lang="de" dir="ltr"><p>\S', light)
    assert not list(site.rglob("kb-frame-*"))  # the frames the engine rendered are no pages of the site
    assert '<article class="kb-card">' in (site / "fr/themes/employment/index.html").read_text(encoding="utf-8")


def test_practice_pages_stay_out_of_the_navigation(tiny_site: Path) -> None:
    site = tiny_site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "practices/duo-for-a-job/" not in home


def test_no_page_requests_another_origin(tiny_site: Path) -> None:
    site = tiny_site
    loading_links = re.compile(
        r'<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|manifest|prefetch)")[^>]*href="(?:https?:)?//'
    )
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe|source|video|audio)\b[^>]*\bsrc="(https?:)?//', text), page
        assert not loading_links.search(text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_theme_toggles_lose_only_their_invalid_attribute(tiny_site: Path) -> None:
    site = tiny_site
    for page in ("index.html", "ar/practices/duo-for-a-job/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        toggles = re.findall(r'<input class="md-toggle"[^>]*>', text)
        assert [re.search(r'id="(\w+)"', tag).group(1) for tag in toggles] == ["__drawer", "__search"]  # type: ignore[union-attr]
        assert not any("autocomplete" in tag for tag in toggles)
    # The catalogue's search field keeps its own autocomplete="off", which is valid there.
    catalogue = (site / "practices/index.html").read_text(encoding="utf-8")
    assert '<input id="kb-q" name="q" type="search" autocomplete="off"' in catalogue


def test_strict_mode_fails_on_an_engine_warning(tmp_path: Path) -> None:
    """Pages that the navigation names are missing (collections/, help-translate/): a warning, so a failure."""
    (tmp_path / "docs").mkdir()
    pages = {
        (lang, address): SitePage("Page", "<h1>Page</h1>")
        for lang in ("en", "fr", "de")
        for address in ("", "practices/", "themes/", "countries/")
    }
    with pytest.raises(BuildError, match="strict mode"):
        build_with_engine(
            REPO / "mkdocs.yml",
            tmp_path / "docs",
            tmp_path / "site",
            languages=("en", "fr", "de"),
            site_url="http://x/",
            pages=pages,
            strict=True,
        )


def test_replace_dir_swaps_and_removes_the_old_one(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.txt").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new.txt").write_text("new")
    replace_dir(tmp_path / "new", tmp_path / "site")
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_engine_failure_keeps_the_previous_site(three_language_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    practices = collect_practices(three_language_project).practices
    site = build_site(three_language_project, practices)
    before = sorted((p.relative_to(site), p.read_bytes()) for p in site.rglob("*") if p.is_file())

    def fail(*args: object, **kwargs: object) -> None:
        raise BuildError("the site engine failed: simulated")

    monkeypatch.setattr("generator.build.build_with_engine", fail)
    with pytest.raises(BuildError):
        build_site(three_language_project, practices[:1])
    assert sorted((p.relative_to(site), p.read_bytes()) for p in site.rglob("*") if p.is_file()) == before


def test_sitemap_lists_every_language_of_a_practice(tiny_site: Path) -> None:
    site = tiny_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>[^<]*/practices/duo-for-a-job/</loc>(.*?)</url>", sitemap, re.S)
    assert entry is not None
    languages = re.findall(r'hreflang="([a-z-]+)" href="[^"]*practices/duo-for-a-job/"', entry.group(1))
    assert sorted(languages) == sorted(read_languages(REPO / "mkdocs.yml"))


def test_schema_and_sources_are_published(tiny_site: Path) -> None:
    site = tiny_site
    assert (site / "schema" / "practice.schema.json").read_bytes() == (REPO / "schema" / "practice.schema.json").read_bytes()
    assert (site / "schema" / "vocabularies" / "themes.yaml").exists()
    assert (site / "sources" / "practices" / "duo-for-a-job.yaml").read_bytes() == (
        REPO / "practices" / "duo-for-a-job.yaml"
    ).read_bytes()


def test_two_builds_of_the_same_data_are_identical(tiny_project: Project, tiny_site: Path) -> None:
    """Built again in another folder, the same data gives the same files (tiny_site was the first build)."""
    practices = collect_practices(tiny_project).practices

    def snapshot(site: Path) -> dict[str, bytes]:
        # Pagefind's own index files vary from run to run (its hash maps are unordered).
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts
        }

    first = snapshot(tiny_site)
    second = snapshot(build_site(tiny_project, practices))
    assert first.keys() == second.keys() and len(first) > 100
    assert [name for name in first if first[name] != second[name]] == []
    newest = max(p.last_reviewed for p in practices)
    assert newest != dt.date.today().isoformat()
    assert f"<lastmod>{newest}</lastmod>".encode() in first["sitemap.xml"]  # the newest last_reviewed, not today


def test_former_ids_redirect_in_every_language(tiny_site: Path) -> None:
    site = tiny_site
    for lang in read_languages(REPO / "mkdocs.yml"):
        prefix = "" if lang == "en" else f"{lang}/"
        page = (site / f"{prefix}practices/complete-example/index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../../practices/full/">' in page
        assert (site / f"{prefix}practices/full/index.html").exists()


def alternates(page: str) -> list[tuple[str, str]]:
    """The language switcher's links; a page has no <link rel="alternate"> (the sitemap has them)."""
    assert '<link rel="alternate"' not in page
    return re.findall(r'<a href="([^"]*)" hreflang="([\w-]+)" class="md-select__link">', page)


def test_every_alternate_leads_to_the_same_page_in_its_language(tiny_site: Path) -> None:
    site = tiny_site
    languages = read_languages(REPO / "mkdocs.yml")
    # "minimal" has no French file at all: its French page is a light page, linked all the same.
    for path in ("fr/practices/minimal/index.html", "fr/practices/duo-for-a-job/index.html", "fr/themes/index.html"):
        address = path.removeprefix("fr/").removesuffix("index.html")
        up = "../" * address.count("/") + "../"
        expected = [("./" if lang == "fr" else up + urls.site_path(lang, languages, address), lang) for lang in languages]
        found = alternates((site / path).read_text(encoding="utf-8"))
        assert found == expected, path
    home = alternates((site / "index.html").read_text(encoding="utf-8"))
    assert home[: len(languages)] == [("." if lang == "en" else f"{lang}/", lang) for lang in languages]
    missing = alternates((site / "404.html").read_text(encoding="utf-8"))
    site_url = "http://127.0.0.1:8000/"
    assert missing[: len(languages)] == [(site_url + ("" if lang == "en" else f"{lang}/"), lang) for lang in languages]


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of a built site, by path. Pagefind's own index files vary from run to run (its
    hash maps are unordered); its fragments, one per indexed page, do not."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and (p.parent.name == "fragment" or "pagefind" not in p.parts)
    }


def test_two_processes_build_the_same_site(tiny_project: Project, tiny_site: Path) -> None:
    """A large site is built by two processes (build.Share), joined at the end: the same files, byte for byte."""
    site = build_site(tiny_project, collect_practices(tiny_project).practices, processes=2)
    alone, shared = site_files(tiny_site), site_files(site)
    assert sorted(alone) == sorted(shared) and len(alone) > 100
    assert [name for name in alone if alone[name] != shared[name]] == []
    assert not list(tiny_project.build_dir.glob("site.new*"))


def test_a_large_project_is_loaded_and_built_in_a_process_of_its_own(
    tiny_project: Project, tiny_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_project loads and builds a large project in another process, all but the default
    language's search index, which it makes once that process has ended: the same site."""
    monkeypatch.setattr(build, "PARALLEL_FROM", 0)  # the tiny project counts as large here
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    stages = Stages()
    done = build.build_project(tiny_project, stages=stages)
    assert done.problems == [] and done.practices == 3 and done.site == tiny_project.site_dir
    assert "search index, default language" in stages.seconds and "load and validate" in stages.seconds
    alone, apart = site_files(tiny_site), site_files(done.site)
    assert sorted(alone) == sorted(apart)
    assert [name for name in alone if alone[name] != apart[name]] == []
    for lang in read_languages(tiny_project.engine_config):
        assert (done.site / "pagefind" / lang / "pagefind-entry.json").is_file()
    assert not list(tiny_project.build_dir.glob("site.new*"))


def test_a_large_project_with_a_problem_builds_nothing(
    tiny_project: Project, tiny_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(build, "PARALLEL_FROM", 0)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    shutil.copytree(tiny_site, tiny_project.site_dir)
    before = site_files(tiny_project.site_dir)
    (tiny_project.practices_dir / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    assert main(["--root", str(tiny_project.root), "build"]) == 1
    said = capsys.readouterr().err
    assert said.startswith("practices/broken.yaml:1:1: ") and said.endswith(
        "Nothing was built; the previous site, if any, is unchanged.\n"
    )
    assert site_files(tiny_project.site_dir) == before


def test_a_rebuild_uses_the_engines_frames_again_until_the_theme_changes(
    three_language_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kb serve's rebuilds: with the frames of the build before, no engine; the same site; edits show."""
    import generator.build as build

    cache = build.BuildCache(three_language_project.build_dir / "engine-files")
    practices = collect_practices(three_language_project).practices
    first = {p: p.read_bytes() for p in build_site(three_language_project, practices, cache=cache).rglob("*.html")}
    engine = build.build_with_engine
    runs: list[int] = []

    def counted(*args: object, **kwargs: object) -> dict[tuple[str, str], str]:
        runs.append(1)
        return engine(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "build_with_engine", counted)
    edited = [
        replace(p, texts={**p.texts, "en": {**p.texts["en"], "title": "Edited title"}}) if p.id == "minimal" else p
        for p in practices
    ]
    site = build_site(three_language_project, edited, cache=cache)
    assert runs == []
    again = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert [p.relative_to(site).as_posix() for p in first if first[p] != again[p]] != []
    assert all(first[p] == again[p] for p in first if b"A minimal practice" not in first[p])
    assert "<h1>Edited title</h1>" in (site / "practices/minimal/index.html").read_text(encoding="utf-8")
    # A change to the theme's overrides runs the engine again.
    css = three_language_project.root / "site_overrides" / "assets" / "stylesheets" / "kb.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    build_site(three_language_project, edited, cache=cache)
    assert runs == [1]


def test_the_projects_own_templates_are_not_published(tiny_site: Path) -> None:
    """site_overrides/kb/ holds the templates of the pages and of the feed and sitemap (XML): the
    engine would copy whatever of the theme is not HTML; the plugin keeps them out of the site."""
    assert (tiny_site / "feed.xml").is_file() and (tiny_site / "sitemap.xml").is_file()
    assert not (tiny_site / "kb").exists()
