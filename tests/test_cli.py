from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main, make_parser
from generator.pipeline import Project, collect_practices

from .conftest import DATA, REPO


def subcommands() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert subcommands() == ["build", "from-issue", "issue-form", "new", "serve", "stale", "translations", "validate"]
    for name in subcommands():
        with pytest.raises(SystemExit) as exit:
            main([name, "--help"])
        assert exit.value.code == 0
        assert f"usage: kb {name}" in capsys.readouterr().out
    # The command line itself, as `kb` and `python -m generator` start it.
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: kb ")


def test_validate_passes_on_the_bundled_practices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "validate"]) == 0
    assert capsys.readouterr().out.endswith("checked, no problems.\n")


def test_validate_reports_every_problem_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    cases = [DATA / "invalid" / "norway-unquoted.yaml", DATA / "invalid" / "country-misspelled.yaml"]
    assert main(["--root", str(REPO), "validate", *map(str, cases)]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = [line for case in sorted(cases) for line in case.with_suffix(".expected").read_text().splitlines()]
    assert out[:-2] == expected
    # Both test files are called "Test practice": a warning, which does not count as a problem.
    assert out[-2].startswith(
        "tests/data/invalid/norway-unquoted.yaml:4:8: warning: title: 'Test practice' has the same title as"
    )
    assert out[-1] == "3 problem(s) in 2 of 2 file(s). 1 warning(s)."


def test_validate_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "validate", "--format", "json", str(DATA / "invalid" / "unknown-theme.yaml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["problems"][0]["field"] == "themes[1]" and data["problems"][0]["line"] == 10


def test_new_writes_a_file_that_validates(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tiny_project.root)
    assert main(["--root", root, "new", "Job shadowing for newcomers"]) == 0
    assert (tiny_project.practices_dir / "job-shadowing-for-newcomers.yaml").exists()
    assert "kb validate practices/job-shadowing-for-newcomers.yaml" in capsys.readouterr().out
    assert main(["--root", root, "validate"]) == 0
    # A second time the file exists: refused, nothing overwritten.
    assert main(["--root", root, "new", "Job shadowing for newcomers"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_bad_input_builds_nothing_and_keeps_the_previous_site(
    three_language_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(three_language_project.root)
    assert main(["--root", root, "build"]) == 0
    page = three_language_project.site_dir / "practices" / "duo-for-a-job" / "index.html"
    before = page.read_bytes()
    docs_before = sorted(p.relative_to(three_language_project.build_dir) for p in three_language_project.build_dir.rglob("*"))

    bad = three_language_project.practices_dir / "norway-unquoted.yaml"
    bad.write_bytes((DATA / "invalid" / "norway-unquoted.yaml").read_bytes())
    capsys.readouterr()
    assert main(["--root", root, "build"]) == 1
    err = capsys.readouterr().err
    assert (
        'practices/norway-unquoted.yaml:8:13: countries[0]: NO was read as a yes/no value (false), not as text; write it in quotes: "NO"'
        in err
    )
    assert "Nothing was built" in err
    assert page.read_bytes() == before
    assert (
        sorted(p.relative_to(three_language_project.build_dir) for p in three_language_project.build_dir.rglob("*"))
        == docs_before
    )


def test_missing_schema_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "practices").mkdir()
    assert main(["--root", str(tmp_path), "validate"]) == 2
    assert "schema" in capsys.readouterr().err


def test_new_takes_countries_and_themes_as_flags(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tiny_project.root)
    args = ["--root", root, "new", "Peer support for women", "--countries", "Belgium, no", "--themes", "women,mentoring"]
    assert main(args) == 0
    collected = collect_practices(tiny_project)
    assert collected.problems == []
    practice = next(p for p in collected.practices if p.id == "peer-support-for-women")
    assert practice.countries == ("BE", "NO") and practice.themes == ("women", "mentoring")


def test_new_refuses_unknown_themes_and_countries(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--root", str(tiny_project.root), "new", "Anything", "--countries", "Atlantis", "--themes", "gardening"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "'Atlantis' is not a known country" in err and "'gardening' is not a known theme" in err
    assert not (tiny_project.practices_dir / "anything.yaml").exists()


def test_new_asks_for_what_is_missing_when_run_in_a_terminal(
    tiny_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["Women's job club", "fr", "France, Belgium", "women, employment"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["--root", str(tiny_project.root), "new"]) == 0
    practice = next(p for p in collect_practices(tiny_project).practices if p.id == "women-s-job-club")
    assert (practice.language, practice.countries, practice.themes) == ("fr", ("FR", "BE"), ("women", "employment"))
