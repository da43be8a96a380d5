"""Data-driven: every tests/data/invalid/<case>.yaml gives exactly the lines in <case>.expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import Project, collect_practices

from .conftest import DATA

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
