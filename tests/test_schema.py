"""Drift tests: the schema, the vocabularies and the interface strings stay in step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from generator.engine import read_languages
from generator.pipeline import Project, load_project_vocabularies
from generator.render import load_strings
from generator.vocabulary import COUNTRY_CODES

from .conftest import REPO

SCHEMA: dict[str, Any] = json.loads((REPO / "schema" / "practice.schema.json").read_text(encoding="utf-8"))
LANGUAGES = read_languages(REPO / "mkdocs.yml")


def properties(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}{name}", sub
        yield from properties(sub, f"{path}{name}.")
        if "items" in sub:
            yield from properties(sub["items"], f"{path}{name}[].")
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from properties(extra, f"{path}<lang>.")


def test_schema_is_valid_draft_07_for_editors() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["practice.schema.json", "collection.schema.json"])
def test_every_property_has_a_description_and_an_example(name: str) -> None:
    schema = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    found = list(properties(schema))
    assert len(found) > 10
    for name, sub in found:
        assert sub.get("description"), f"{name} has no description"
        assert sub.get("examples"), f"{name} has no example"
        for example in sub["examples"]:
            assert not list(jsonschema.Draft7Validator(sub).iter_errors(example)), f"{name}: example {example!r} is invalid"


@pytest.mark.parametrize(
    ("pointer", "vocabulary"),
    [
        (("themes", "items"), "themes"),
        (("target_groups", "items"), "target_groups"),
        (("organisations", "items", "properties", "type"), "organisation_types"),
        (("organisations", "items", "properties", "role"), "organisation_roles"),
        (("funding", "items"), "funding"),
        (("scope",), "scopes"),
        (("status",), "statuses"),
        (("evaluation", "properties", "level"), "evaluation_levels"),
    ],
)
def test_schema_enums_match_the_vocabulary_files(pointer: tuple[str, ...], vocabulary: str, repo_project: Project) -> None:
    node: dict[str, Any] = SCHEMA["properties"]
    for key in pointer:
        node = node[key]
    vocab = getattr(load_project_vocabularies(repo_project), vocabulary)
    assert node["enum"] == list(vocab.terms)


def test_country_enum_is_iso_3166() -> None:
    assert set(SCHEMA["properties"]["countries"]["items"]["enum"]) == COUNTRY_CODES


def test_every_vocabulary_term_has_a_description_and_a_label_in_every_language(repo_project: Project) -> None:
    vocabs = load_project_vocabularies(repo_project)
    for name in type(vocabs).__dataclass_fields__:
        for term in getattr(vocabs, name).terms.values():
            assert term.description, f"{name}.{term.code} has no description"
            missing = [lang for lang in LANGUAGES if not term.labels.get(lang)]
            assert not missing, f"{name}.{term.code} has no label in {missing}"


def test_every_interface_string_exists_in_every_language_with_the_same_placeholders() -> None:
    strings = load_strings()
    for key, by_lang in strings.table.items():
        missing = [lang for lang in LANGUAGES if not by_lang.get(lang)]
        assert not missing, f"interface string {key} is missing in {missing}"
        placeholders = {lang: sorted(part.split("}")[0] for part in text.split("{")[1:]) for lang, text in by_lang.items()}
        assert len({tuple(v) for v in placeholders.values()}) == 1, f"{key}: placeholders differ {placeholders}"


def test_every_interface_string_is_used() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in (REPO / "generator").glob("*.py"))
    prefixed = ("facet_", "field_", "section_")  # looked up by a key built from a name
    unused = [k for k in load_strings().table if not k.startswith(prefixed) and f'"{k}"' not in code and f"'{k}'" not in code]
    assert unused == []
