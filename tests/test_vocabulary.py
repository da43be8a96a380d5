from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.vocabulary import country_code_for, country_name, is_known_language, language_name, load_vocabulary


@pytest.mark.parametrize(
    ("text", "code"),
    [("Belgium", "BE"), ("be", "BE"), ("BEL", "BE"), ("Norway", "NO"), ("UK", "GB"), ("EL", "GR"), ("Atlantis", None)],
)
def test_country_code_for_what_people_write(text: str, code: str | None) -> None:
    assert country_code_for(text) == code


def test_country_and_language_names_are_translated() -> None:
    assert (country_name("BE", "fr"), country_name("BE", "de"), country_name("BE", "en")) == ("Belgique", "Belgien", "Belgium")
    assert language_name("en", "de") == "Englisch"
    assert language_name("pt-BR", "en") == "Portuguese"


def test_known_languages() -> None:
    assert is_known_language("fr") and is_known_language("pt-BR") and is_known_language("fil")
    assert not is_known_language("xx")


def test_a_broken_vocabulary_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "themes.yaml"
    broken.write_text("name: themes\nterms:\n  employment: {labels: {en: Employment}}\n")
    with pytest.raises(GeneratorError, match=r"themes\.yaml: not a readable vocabulary file"):
        load_vocabulary(broken)
