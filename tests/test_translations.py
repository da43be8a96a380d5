"""`kb translations` against a fixture whose coverage is known (see tests/data/translations/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import Project, collect_practices
from generator.translations import Coverage, State, coverage_table, report_coverage_json, report_coverage_text

from .conftest import DATA, REPO, make_project

FIXTURE = sorted((DATA / "translations").glob("*.yaml"))


@pytest.fixture
def table() -> list[list[Coverage]]:
    collected = collect_practices(Project(REPO), FIXTURE)
    assert collected.problems == []
    return coverage_table(collected.practices, ["en", "fr", "de"])


def test_states_and_missing_fields(table: list[list[Coverage]]) -> None:
    cells = {(c.practice_id, c.language): (c.state, c.missing_fields) for row in table for c in row}
    assert cells == {
        ("partly-translated", "en"): (State.ORIGINAL, ()),
        ("partly-translated", "fr"): (State.PARTIAL, ("results",)),
        ("partly-translated", "de"): (State.PARTIAL, ("summary", "description", "results")),
        ("untranslated", "en"): (State.ORIGINAL, ()),
        ("untranslated", "fr"): (State.MISSING, ("title", "summary", "description")),
        ("untranslated", "de"): (State.MISSING, ("title", "summary", "description")),
        ("written-in-french", "en"): (State.COMPLETE, ()),
        ("written-in-french", "fr"): (State.ORIGINAL, ()),
        ("written-in-french", "de"): (State.MISSING, ("title", "summary", "description")),
    }


def test_text_table(table: list[list[Coverage]]) -> None:
    assert report_coverage_text(table, ["en", "fr", "de"]) == (
        "practice           en        fr        de\n"
        "partly-translated  original  partial   partial\n"
        "untranslated       original  missing   missing\n"
        "written-in-french  complete  original  missing\n"
        "\n"
        "en: 3 of 3 available in full (2 original, 1 complete, 0 partial, 0 missing); "
        "title and summary in 3 of 3; translations reviewed 0, not yet reviewed 1\n"
        "fr: 1 of 3 available in full (1 original, 0 complete, 1 partial, 1 missing); "
        "title and summary in 2 of 3; translations reviewed 1, not yet reviewed 0\n"
        "de: 0 of 3 available in full (0 original, 0 complete, 1 partial, 2 missing); "
        "title and summary in 0 of 3; translations reviewed 0, not yet reviewed 1\n"
    )


def test_json_report(table: list[list[Coverage]]) -> None:
    data = json.loads(report_coverage_json(table, ["en", "fr", "de"]))
    assert data["languages"] == ["en", "fr", "de"]
    first = data["practices"][0]
    assert first["id"] == "partly-translated"
    assert first["file"] == "tests/data/translations/partly-translated.yaml"
    assert first["languages"]["de"] == {
        "state": "partial",
        "missing_fields": ["summary", "description", "results"],
        "title_and_summary": False,
        "reviewed": False,
    }
    assert first["languages"]["fr"]["reviewed"] is True and first["languages"]["en"]["reviewed"] is None


def test_command_uses_the_site_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, FIXTURE)
    assert main(["--root", str(project.root), "translations", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["languages"][0] == "en" and "fr" in data["languages"]
    assert [p["id"] for p in data["practices"]] == ["partly-translated", "untranslated", "written-in-french"]
