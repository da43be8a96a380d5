"""Reporters: problems as text lines, JSON, or GitHub Actions annotations, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict

from .errors import Problem

# GitHub shows at most 10 error annotations per step: the summary line comes first so that
# the count is never lost.
GITHUB_ANNOTATION_LIMIT = 10


def _summary(problems: Sequence[Problem], files: int) -> str:
    if not problems:
        return f"{files} file(s) checked, no problems."
    in_files = len({p.file for p in problems})
    return f"{len(problems)} problem(s) in {in_files} of {files} file(s)."


def report_text(problems: Sequence[Problem], files: int) -> str:
    return "".join(f"{p}\n" for p in problems) + _summary(problems, files) + "\n"


def report_json(problems: Sequence[Problem], files: int) -> str:
    return json.dumps({"files": files, "problems": [asdict(p) for p in problems]}, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(problems: Sequence[Problem], files: int) -> str:
    lines = [_summary(problems, files)]
    for p in problems:
        title = _escape_property(p.field or "file")
        message = _escape_data(f"{p.field}: {p.message}" if p.field else p.message)
        lines.append(f"::error file={_escape_property(p.file)},line={p.line},col={p.column},title={title}::{message}")
    if len(problems) > GITHUB_ANNOTATION_LIMIT:
        lines.append(f"GitHub shows only the first {GITHUB_ANNOTATION_LIMIT} annotations; all problems are listed above.")
    return "\n".join(lines) + "\n"


REPORTER_BY_NAME: dict[str, Callable[[Sequence[Problem], int], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
