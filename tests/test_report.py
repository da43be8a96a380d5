from __future__ import annotations

import json

from generator.errors import Problem
from generator.report import report_github, report_json, report_text

PROBLEMS = [
    Problem(
        "practices/a.yaml", 3, 5, "countries[0]", 'NO was read as a yes/no value (false), not as text; write it in quotes: "NO"'
    ),
    Problem("practices/b,c.yaml", 1, 1, "", "is empty; start from a template with `kb new`"),
]


def test_text_lists_one_line_per_problem_then_a_summary() -> None:
    assert report_text(PROBLEMS, 4).splitlines() == [
        'practices/a.yaml:3:5: countries[0]: NO was read as a yes/no value (false), not as text; write it in quotes: "NO"',
        "practices/b,c.yaml:1:1: is empty; start from a template with `kb new`",
        "2 problem(s) in 2 of 4 file(s).",
    ]


def test_github_annotations_escape_properties_and_come_after_a_summary() -> None:
    assert report_github(PROBLEMS, 4).splitlines() == [
        "2 problem(s) in 2 of 4 file(s).",
        '::error file=practices/a.yaml,line=3,col=5,title=countries[0]::countries[0]: NO was read as a yes/no value (false), not as text; write it in quotes: "NO"',
        "::error file=practices/b%2Cc.yaml,line=1,col=1,title=file::is empty; start from a template with `kb new`",
    ]


def test_github_says_when_annotations_are_cut() -> None:
    many = [Problem("p.yaml", i, 1, "f", "m") for i in range(1, 12)]
    assert report_github(many, 1).splitlines()[-1].startswith("GitHub shows only the first 10")


def test_json_round_trips() -> None:
    data = json.loads(report_json(PROBLEMS, 4))
    assert data["files"] == 4
    assert [Problem(**p) for p in data["problems"]] == PROBLEMS


def test_no_problems_says_so() -> None:
    assert report_text([], 3) == "3 file(s) checked, no problems.\n"


def test_warnings_follow_problems_and_do_not_count_as_problems() -> None:
    warning = Problem("practices/c.yaml", 5, 8, "title", "'X' has the same title as practices/a.yaml; check it")
    assert report_text([], 3, [warning]).splitlines() == [
        "practices/c.yaml:5:8: warning: title: 'X' has the same title as practices/a.yaml; check it",
        "3 file(s) checked, no problems. 1 warning(s).",
    ]
    assert report_github([], 3, [warning]).splitlines()[1] == (
        "::warning file=practices/c.yaml,line=5,col=8,title=title::title: 'X' has the same title as practices/a.yaml; check it"
    )
