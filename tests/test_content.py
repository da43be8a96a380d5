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
