from __future__ import annotations

from generator.load import parse_text
from generator.model import build_practice

from .conftest import DATA


def load(name: str):  # type: ignore[no-untyped-def]
    entry, problems = parse_text((DATA / "valid" / f"{name}.yaml").read_bytes(), name)
    assert entry is not None and not problems
    return build_practice(entry.data, f"practices/{name}.yaml")


def test_fields_are_copied_into_the_model() -> None:
    practice = load("full")
    assert practice.countries == ("DE", "AT")
    assert practice.period is not None and (practice.period.start, practice.period.end) == ("2016-09", "2019")
    assert [o.role for o in practice.organisations] == ["lead", "funder"]
    assert practice.evaluation is not None and practice.evaluation.level == "external"
    assert practice.funding == ("ESF+", "local")
    assert practice.source_file == "practices/full.yaml"


def test_translated_field_is_used_in_its_language() -> None:
    text = load("full").text("title", "en")
    assert text is not None
    assert (text.text, text.lang, text.translated) == ("A complete example", "en", True)


def test_untranslated_field_falls_back_to_the_original_language() -> None:
    text = load("full").text("summary", "en")
    assert text is not None
    assert (text.lang, text.translated) == ("de", False)
    assert text.text.startswith("Jedes Feld")


def test_original_language_counts_as_translated() -> None:
    text = load("full").text("summary", "de")
    assert text is not None and text.translated


def test_missing_optional_field_is_none() -> None:
    assert load("minimal").text("results", "fr") is None
    assert load("minimal").period is None
