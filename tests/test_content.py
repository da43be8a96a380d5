"""The bundled practices: valid, real, sourced, and covering what the project promises."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.model import TEXT_FIELDS, Practice
from generator.pipeline import Project, collect_practices


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    from .conftest import REPO

    collected = collect_practices(Project(REPO))
    assert collected.problems == [], "\n".join(map(str, collected.problems))
    return collected.practices


def test_enough_practices_from_enough_countries(practices: list[Practice]) -> None:
    assert len(practices) >= 25
    assert len({c for p in practices for c in p.countries}) >= 12


def test_every_practice_cites_a_source_report(practices: list[Practice]) -> None:
    for p in practices:
        assert p.sources, p.id
        assert all(s.title and s.publisher and 1900 < s.year <= 2026 for s in p.sources), p.id


def test_some_practices_are_fully_translated_into_french_and_german(practices: list[Practice]) -> None:
    def complete(p: Practice, lang: str) -> bool:
        return all(p.texts.get(lang, {}).get(f) for f in TEXT_FIELDS if p.texts[p.language].get(f))

    assert sum(complete(p, "fr") and complete(p, "de") for p in practices) >= 5


def test_ids_and_titles_are_unique(practices: list[Practice]) -> None:
    titles = Counter(p.title("en").casefold() for p in practices)
    assert [t for t, n in titles.items() if n > 1] == []


def test_every_practice_has_title_and_summary_in_every_interface_language(practices: list[Practice]) -> None:
    from generator.engine import read_languages

    from .conftest import REPO

    languages = read_languages(REPO / "mkdocs.yml")
    assert len(languages) == 9
    missing = [
        f"{p.id}: {lang}"
        for p in practices
        for lang in languages
        if not (p.texts.get(lang, {}).get("title") and p.texts.get(lang, {}).get("summary"))
    ]
    assert missing == []


def test_every_translation_states_whether_it_was_reviewed(practices: list[Practice]) -> None:
    import yaml

    from .conftest import REPO

    for path in sorted((REPO / "practices").glob("*.yaml")):
        translations = yaml.safe_load(path.read_text(encoding="utf-8")).get("translations") or {}
        assert translations, path.name
        for lang, fields in translations.items():
            assert isinstance(fields.get("reviewed"), bool), f"{path.name}: translations.{lang}"


def test_the_collections_practices_are_fully_translated_into_french_german_spanish_and_arabic(
    practices: list[Practice],
) -> None:
    from generator.pipeline import collect_collections, practice_ids

    from .conftest import REPO

    project = Project(REPO)
    listed = {i for c in collect_collections(project, practice_ids(project)).collections for i in c.practice_ids}
    for p in practices:
        if p.id in listed:
            for lang in ("fr", "de", "es", "ar"):
                present = [f for f in TEXT_FIELDS if p.texts[p.language].get(f)]
                assert all(p.texts[lang].get(f) for f in present), f"{p.id}: {lang}"
