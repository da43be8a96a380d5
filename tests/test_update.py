"""kb serve's rebuild (generator/update.py): the site updated in place is the one a full build makes."""

from __future__ import annotations

import errno
import gzip
from dataclasses import replace
from pathlib import Path

import pytest

import generator.update as update
from generator.build import BuildCache, build_site
from generator.model import Practice
from generator.pipeline import Project, collect_practices

from .conftest import TINY, make_project, three_languages


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (whose file names vary from run to run)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def indexed_text(site: Path, lang: str) -> str:
    """What the search index of a language holds: its fragments, each a page's text."""
    fragments = (site / "pagefind" / lang / "fragment").glob("*.pf_fragment")
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8") for f in fragments)


def edited(practices: list[Practice]) -> list[Practice]:
    """A title changed, a practice removed, one added: what a contributor's saves do."""
    kept = [p for p in practices if p.id != "minimal"]
    changed = [
        replace(p, texts={**p.texts, "en": {**p.texts["en"], "title": "An edited title"}}) if p.id == "full" else p for p in kept
    ]
    duo = next(p for p in practices if p.id == "duo-for-a-job")
    return [*changed, replace(duo, id="duo-copy")]


def test_an_update_writes_the_site_a_full_build_makes(
    three_language_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[str] = []
    cache = BuildCache(three_language_project.build_dir / "engine-files", report=reported.append)
    practices = collect_practices(three_language_project).practices
    update.rebuild(three_language_project, practices, cache)  # the first build is whole
    before = snapshot(three_language_project.site_dir)
    full_builds: list[int] = []
    monkeypatch.setattr(update, "build_site", lambda *a, **k: full_builds.append(1))

    site = update.rebuild(three_language_project, edited(practices), cache)
    assert full_builds == []  # updated in place
    cache.wait_for_index()
    assert reported == []  # the index made in the background did not fail
    after = snapshot(site)
    whole = three_languages(make_project(tmp_path / "whole", TINY))
    assert after == snapshot(build_site(whole, edited(practices)))
    # What changed, and only that, was written.
    assert "practices/minimal/index.html" in before and "practices/minimal/index.html" not in after
    assert "sources/practices/duo-copy.yaml" in after and "fr/practices/duo-copy/index.html" in after
    assert "<h1>An edited title</h1>" in after["practices/full/index.html"].decode("utf-8")
    # The search index, made again in the background, has the edit and no longer the removed practice.
    assert "An edited title" in indexed_text(site, "en") and "A minimal practice" not in indexed_text(site, "en")
    assert "/fr/practices/duo-copy/" in indexed_text(site, "fr")


def test_what_the_build_before_cannot_answer_is_built_whole(
    three_language_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = BuildCache(three_language_project.build_dir / "engine-files")
    practices = collect_practices(three_language_project).practices
    update.rebuild(three_language_project, practices, cache)
    full_builds: list[int] = []
    whole = update.build_site

    def counted(*args: object, **kwargs: object) -> Path:
        full_builds.append(1)
        return whole(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(update, "build_site", counted)
    # A vocabulary's labels are on every page.
    themes = three_language_project.root / "schema" / "vocabularies" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("Employment", "Work and employment", 1), encoding="utf-8")
    site = update.rebuild(three_language_project, practices, cache)
    assert full_builds == [1]
    assert "Work and employment" in (site / "practices" / "duo-for-a-job" / "index.html").read_text(encoding="utf-8")
    # Without "full", the only practice with an unreviewed translation, the translation help has
    # no review section: a table of contents of a new kind, whose frame the engine renders.
    site = update.rebuild(three_language_project, [p for p in practices if p.id != "full"], cache)
    assert full_builds == [1, 1]
    assert not (site / "practices" / "full").exists()
    update.rebuild(three_language_project, practices, cache)  # and the next save updates in place again
    assert full_builds == [1, 1]
    assert (site / "practices" / "full" / "index.html").exists()


def test_a_fault_during_an_update_is_one_line_and_the_next_save_builds_whole(
    three_language_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import run_build

    cache = BuildCache(three_language_project.build_dir / "engine-files")
    assert run_build(three_language_project, cache=cache) == 0
    source = three_language_project.practices_dir / "minimal.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("A minimal practice", "A full disk"), encoding="utf-8")

    def full(files: object, folder: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "feed.xml"))

    with monkeypatch.context() as patched:
        patched.setattr(update, "write_files", full)
        assert run_build(three_language_project, cache=cache) == 2
    err = capsys.readouterr().err
    assert err == (
        "Build failed: the disk is full (feed.xml); free some space and build again; the site was updated in part, "
        "and the next save builds it whole\n"
    )
    assert cache.built is None
    assert run_build(three_language_project, cache=cache) == 0  # built whole, in staging
    assert "A full disk" in (three_language_project.site_dir / "practices" / "minimal" / "index.html").read_text(encoding="utf-8")
