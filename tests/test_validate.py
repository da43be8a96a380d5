"""Data-driven: every tests/data/invalid/<case>.yaml gives exactly the lines in <case>.expected.

Also: the quick schema test never passes what jsonschema refuses, and a run split over several
processes says what a run in one process says."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.load import parse_text
from generator.pipeline import Project, collect_practices
from generator.validate import make_checker

from .conftest import DATA, REPO, make_project

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))


def test_there_are_cases() -> None:
    assert len(INVALID) >= 15 and len(VALID) >= 2


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_gives_expected_lines(case: Path, repo_project: Project) -> None:
    collected = collect_practices(repo_project, [case])
    got = "".join(f"{p}\n" for p in collected.problems)
    assert got == case.with_suffix(".expected").read_text(encoding="utf-8")
    assert collected.practices == []


@pytest.mark.parametrize("case", VALID, ids=[p.stem for p in VALID])
def test_valid_case_has_no_problem(case: Path, repo_project: Project) -> None:
    collected = collect_practices(repo_project, [case])
    assert collected.problems == []
    assert [p.id for p in collected.practices] == [case.stem]


def test_all_problems_of_all_files_are_reported_sorted(repo_project: Project) -> None:
    collected = collect_practices(repo_project, [DATA / "invalid"])
    assert len({p.file for p in collected.problems}) == len(INVALID)
    assert collected.problems == sorted(collected.problems)


@pytest.mark.parametrize(
    ("contact", "warned"),
    [("someone@gmail.com", True), ("Jan.Kowalski@WP.PL", True), ("info@duoforajob.be", False), ("https://x.org/", False)],
)
def test_a_personal_mail_address_as_contact_is_a_warning(
    tmp_path: Path, repo_project: Project, contact: str, warned: bool
) -> None:
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "minimal.yaml").write_text(f"{text}contact: {contact}\n", encoding="utf-8")
    collected = collect_practices(repo_project, [tmp_path / "minimal.yaml"])
    assert collected.problems == [] and len(collected.practices) == 1
    warnings = [w for w in collected.warnings if w.field == "contact"]
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].message == (
            f"{contact} looks like a personal address; write an organisation's generic address (info@...) "
            "or its contact page, never a private person's"
        )


def test_same_id_twice_is_reported(tmp_path: Path, repo_project: Project) -> None:
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "minimal.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "minimal.yaml").write_text(text, encoding="utf-8")
    collected = collect_practices(repo_project, [tmp_path])
    assert len(collected.problems) == 1
    problem = collected.problems[0]
    assert problem.field == "id" and problem.line == 2
    assert problem.message.startswith("minimal is already used by ") and problem.message.endswith(
        "a/minimal.yaml; choose another id and rename the file"
    )


def test_alias_of_another_practice_is_reported(tmp_path: Path, repo_project: Project) -> None:
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "minimal.yaml").write_text(text, encoding="utf-8")
    other = text.replace("id: minimal", "id: other\naliases: [old-name, minimal]").replace("A minimal practice", "Other")
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    collected = collect_practices(repo_project, [tmp_path])
    assert [(p.field, p.line) for p in collected.problems] == [("aliases[1]", 3)]
    assert collected.problems[0].message.startswith("minimal is already used by ")


SCHEMAS = {"practice": REPO / "schema" / "practice.schema.json", "collection": REPO / "schema" / "collection.schema.json"}
CHECKERS = {kind: make_checker(path) for kind, path in SCHEMAS.items()}


def _data(path: Path) -> dict[str, Any]:
    entry, problems = parse_text(path.read_bytes(), path.name)
    assert entry is not None, problems
    return entry.data


SEEDS = {
    "practice": [_data(p) for p in [*VALID, REPO / "practices" / "duo-for-a-job.yaml"]],
    "collection": [_data(p) for p in [DATA / "collections" / "demo.yaml", *sorted((REPO / "collections").glob("*.yaml"))]],
}


def _words(schema: Any) -> set[str]:
    """Every property name and every text term of a schema."""
    found: set[str] = set()
    if isinstance(schema, dict):
        found.update(schema.get("properties", {}))
        found.update(t for t in schema.get("enum", []) if isinstance(t, str))
        for value in schema.values():
            found |= _words(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _words(value)
    return found


WORDS = sorted(set().union(*(_words(json.loads(p.read_text(encoding="utf-8"))) for p in SCHEMAS.values())))
# Values near the edges of the schemas' rules.
EDGES = ["", "be", "NO", "pt-BR", "xx-Latn-BE", "2016", "2016-09", "2016-13", "1899", "2026-01-01", "2026-1-1", "-x", "a\n"]
EDGES += ["https://x.org/a", "https://x.org/a b", "info@x.org", "x" * 201, "x" * 601, "duo-for-a-job", "Duo_for"]
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(1890, 2110)
    | st.integers()
    | st.floats()
    | st.sampled_from([2016.0, 1.0, 1, 0])
    | st.sampled_from(WORDS + EDGES)
    | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=2), inner, max_size=3),
    max_leaves=6,
)


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a value, the value's own containers included."""
    found: list[tuple[Any, Any]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found.append((value, key))
        found += _places(child)
    return found


@st.composite
def mutated_data(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(SEEDS[kind])))
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(_places(data)))
        action = draw(st.sampled_from(["replace", "delete", "add", "repeat"]))
        if action == "replace":
            container[key] = draw(VALUES)
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(WORDS))] = draw(VALUES)
        elif isinstance(container, list):
            container.append(draw(VALUES) if action == "add" else container[key])
    return data


def test_both_schemas_have_a_quick_test() -> None:
    assert all(checker.quick is not None for checker in CHECKERS.values())


def test_the_quick_test_passes_valid_files_and_never_invalid_ones() -> None:
    for kind, seeds in SEEDS.items():
        assert all(CHECKERS[kind].quick(data) for data in seeds)  # type: ignore[misc]
    checker = CHECKERS["practice"]
    assert checker.quick is not None
    for case in INVALID:
        entry, _ = parse_text(case.read_bytes(), case.name)
        if entry is not None and not checker.validator.is_valid(entry.data):
            assert not checker.quick(entry.data), case.name


# Values near the edges of the schemas' rules, to put in every place of a valid file in turn.
CANDIDATES: list[Any] = [None, True, False, 0, 1, 1.5, 2016, 2016.0, 1899, 2100, 2101, float("nan"), [], {}, {"a": 1}]
CANDIDATES += [["x"], ["BE", "BE"], [1, 1], [1, True], [{"a": 1}, {"a": 1}], ["employment", "employment"]]
CANDIDATES += ["", "x", "NO", "be", "BE", "en", "pt-BR", "xx-Latn-BE", "2016", "2016-09", "2016-13", "2026-01-01", "2026-1-1"]
CANDIDATES += ["https://x.org/a", "https://x.org/a b", "info@x.org", "x" * 201, "x" * 601, "a" * 81, "duo-for-a-job", "-x"]
CANDIDATES += ["employment", "refugees", "lead", "ngo", "active", "local", "none"]


def _each_change(data: dict[str, Any]) -> Iterator[None]:
    """Changes `data` in place, once for each change, and undoes it before the next: every value
    replaced by every candidate, every field or item removed, every field name of the schemas
    added at the top and an unknown one in every group of fields."""
    for container, key in _places(data):
        kept = container[key]
        for value in [*CANDIDATES, f"{kept}x" if isinstance(kept, str) else "x"]:
            container[key] = value
            yield
        container[key] = kept
        del container[key]
        yield
        if isinstance(container, list):
            container.insert(key, kept)
        else:
            container[key] = kept
    for group in [data, *(c[k] for c, k in _places(data) if isinstance(c[k], dict))]:
        for word in ["zzz", "ZZ", *(WORDS if group is data else [])]:
            if word not in group:
                group[word] = "x"
                yield
                del group[word]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_the_quick_test_never_passes_a_change_jsonschema_refuses(kind: str) -> None:
    checker = CHECKERS[kind]
    assert checker.quick is not None
    passed = changes = 0
    for seed in sorted(SEEDS[kind], key=lambda d: len(_places(d)))[:2]:  # longer files take longer, not more kinds
        data = copy.deepcopy(seed)
        for _ in _each_change(data):
            changes += 1
            if checker.quick(data):
                passed += 1
                assert checker.validator.is_valid(data), next(checker.validator.iter_errors(data)).message
        assert data == seed
    assert 0 < passed < changes


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_test_never_passes_what_jsonschema_refuses(kind: str, data: st.DataObject) -> None:
    instance = data.draw(mutated_data(kind))
    checker = CHECKERS[kind]
    assert checker.quick is not None
    if checker.quick(instance):
        assert checker.validator.is_valid(instance), next(checker.validator.iter_errors(instance)).message


def test_a_run_split_over_processes_says_what_one_process_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, [*INVALID, *VALID, REPO / "practices" / "duo-for-a-job.yaml"])
    (project.practices_dir / "Notes.txt").write_text("")
    one = pipeline.validate_project(project)
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, workers: int, **options: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(pipeline, "FILES_PER_PROCESS", 2)
    monkeypatch.setattr(pipeline, "_processors", lambda: 3)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", CountedPool)
    several = pipeline.validate_project(project)
    assert pools == [2]
    assert several == one
    assert one.problems and one.warnings and one.files == len(INVALID) + len(VALID) + 2
