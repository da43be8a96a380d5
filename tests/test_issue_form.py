"""The 'Add a practice' issue form and `kb from-issue`, on bodies as GitHub renders them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from generator.cli import ISSUE_FORM_PATH, main
from generator.engine import read_languages
from generator.pipeline import Project, collect_practices, load_project_vocabularies
from generator.tools.issue_form import FormField, form_fields, parse_issue_body, render_issue_form

from .conftest import DATA, REPO

ISSUES = DATA / "issues"


@pytest.fixture
def fields(repo_project: Project) -> tuple[FormField, ...]:
    return form_fields(load_project_vocabularies(repo_project), read_languages(repo_project.engine_config))


def test_committed_form_is_generated_from_the_schema(fields: tuple[FormField, ...]) -> None:
    committed = (REPO / ISSUE_FORM_PATH).read_text(encoding="utf-8")
    assert committed == render_issue_form(fields), "run `kb issue-form --write` and commit the result"


def test_form_is_well_formed_for_github() -> None:
    form = yaml.safe_load((REPO / ISSUE_FORM_PATH).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    items = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in items]
    labels = [item["attributes"]["label"] for item in items]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))
    for item in items:
        assert item["type"] in {"input", "textarea", "dropdown", "checkboxes"}
        options = item["attributes"].get("options", [])
        assert len(options) == len({json.dumps(o) for o in options})


def test_every_required_schema_field_is_asked(fields: tuple[FormField, ...]) -> None:
    schema = json.loads((REPO / "schema" / "practice.schema.json").read_text(encoding="utf-8"))
    asked = {f.id for f in fields} | {"id", "schema_version", "last_reviewed", "organisations", "sources"}
    assert set(schema["required"]) - asked == set()


def test_body_parsing_handles_windows_line_ends_and_empty_answers() -> None:
    body = "### Summary\r\n\r\nTwo\r\nlines\r\n\r\n### Results\r\n\r\n_No response_\r\n"
    assert parse_issue_body(body) == {"Summary": "Two\nlines", "Results": ""}


def test_complete_body_gives_a_file_that_validates(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tiny_project.root)
    assert main(["--root", root, "from-issue", "--body-file", str(ISSUES / "complete.md")]) == 0
    assert capsys.readouterr().out == "Wrote practices/job-shadowing-for-newcomers.yaml\n"
    collected = collect_practices(tiny_project)
    assert collected.problems == []
    practice = next(p for p in collected.practices if p.id == "job-shadowing-for-newcomers")
    assert practice.countries == ("BE", "NO")
    assert [(o.name, o.role) for o in practice.organisations] == [
        ("Example Newcomers Network", "lead"),
        ("City of Ghent", "funder"),
    ]
    assert practice.period is not None and practice.period.start == "2019"
    assert practice.texts["en"]["description"].count("\n\n") == 1
    assert practice.last_reviewed == dt.date.today().isoformat()
    # The same issue again does not overwrite the file.
    assert main(["--root", root, "from-issue", "--body-file", str(ISSUES / "complete.md")]) == 1
    assert "already exists" in capsys.readouterr().out


def test_broken_body_lists_what_is_missing(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tiny_project.root), "from-issue", "--body-file", str(ISSUES / "incomplete.md")]) == 1
    assert capsys.readouterr().out == (ISSUES / "incomplete.expected").read_text(encoding="utf-8")
    assert not (tiny_project.practices_dir / "job-shadowing-for-newcomers.yaml").exists()


def test_schema_problem_in_answers_points_to_the_question(
    tmp_path: Path, tiny_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (ISSUES / "complete.md").read_text(encoding="utf-8").replace("https://example.org/\n", "example.org\n", 1)
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    assert main(["--root", str(tiny_project.root), "from-issue", "--body-file", str(tmp_path / "body.md")]) == 1
    assert capsys.readouterr().out == (
        '- Website of that organisation: "example.org" is not in the expected form; '
        "write a full address starting with https:// (or http://), with spaces, quotes, < > and ( ) percent-encoded "
        "(%20, %22, %3C, %3E, %28, %29)\n"
    )
