"""Collections: validation against the practices, pages in every language, order and notes."""

from __future__ import annotations

import shutil

import pytest

from generator.build import build_site
from generator.cli import main
from generator.engine import read_languages
from generator.pipeline import Project, collect_collections, collect_practices, practice_ids

from .conftest import DATA, REPO

INVALID = sorted((DATA / "invalid-collections").glob("*.yaml"))


@pytest.fixture
def with_collection(tiny_project: Project) -> Project:
    tiny_project.collections_dir.mkdir()
    shutil.copy(DATA / "collections" / "demo.yaml", tiny_project.collections_dir / "demo.yaml")
    return tiny_project


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_collection_gives_expected_lines(case, repo_project: Project) -> None:  # type: ignore[no-untyped-def]
    collected = collect_collections(repo_project, practice_ids(repo_project), [case])
    assert "".join(f"{p}\n" for p in collected.problems) == case.with_suffix(".expected").read_text(encoding="utf-8")


def test_bundled_collections_are_valid_and_name_real_practices(repo_project: Project) -> None:
    collected = collect_collections(repo_project, practice_ids(repo_project))
    assert collected.problems == []
    assert {c.id for c in collected.collections} >= {"european-migration-forum-2018", "mutual-learning-conference-2020"}
    assert all(c.practice_ids for c in collected.collections)


def test_notes_fall_back_to_the_original_language(with_collection: Project) -> None:
    (collection,) = collect_collections(with_collection, practice_ids(with_collection)).collections
    assert collection.practice_ids == ("full", "duo-for-a-job")
    french, german = collection.note("full", "fr"), collection.note("full", "de")
    assert french is not None and (french.text, french.translated) == ("Placée en premier exprès.", True)
    assert german is not None and (german.lang, german.translated) == ("en", False)
    assert collection.note("duo-for-a-job", "fr") is None


def test_collection_pages_in_every_language(with_collection: Project) -> None:
    practices = collect_practices(with_collection).practices
    collections = collect_collections(with_collection, practice_ids(with_collection)).collections
    site = build_site(with_collection, practices, collections=collections)
    for lang in read_languages(REPO / "mkdocs.yml"):
        prefix = "" if lang == "en" else f"{lang}/"
        page = (site / f"{prefix}collections/demo/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        assert page.index("practices/full/") < page.index("practices/duo-for-a-job/")  # the curator's order
        assert (site / f"{prefix}collections/index.html").exists()
    french = (site / "fr/collections/demo/index.html").read_text(encoding="utf-8")
    assert "Une sélection de démonstration" in french and "Placée en premier exprès." in french
    german = (site / "de/collections/demo/index.html").read_text(encoding="utf-8")
    assert '<p class="kb-curator-note" lang="en" dir="ltr">' in german


def test_build_refuses_a_collection_naming_a_missing_practice(
    with_collection: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "invalid-collections" / "unknown-practice.yaml", with_collection.collections_dir / "unknown-practice.yaml")
    assert main(["--root", str(with_collection.root), "build"]) == 1
    err = capsys.readouterr().err
    assert "collections/unknown-practice.yaml:9:9: practices[0].id: 'duo-for-job' is not a practice; write duo-for-a-job" in err
    assert not with_collection.site_dir.exists()
