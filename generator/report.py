"""Reporters: problems as text lines, JSON, or GitHub Actions annotations, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict

from .errors import Problem

# GitHub shows at most 10 error annotations per step: the summary line comes first so that
# the count is never lost.
GITHUB_ANNOTATION_LIMIT = 10


def _summary(problems: Sequence[Problem], files: int, warnings: Sequence[Problem] = ()) -> str:
    also = f" {len(warnings)} warning(s)." if warnings else ""
    if not problems:
        return f"{files} file(s) checked, no problems.{also}"
    in_files = len({p.file for p in problems})
    return f"{len(problems)} problem(s) in {in_files} of {files} file(s).{also}"


def _warning_line(w: Problem) -> str:
    return f"{w.file}:{w.line}:{w.column}: warning: {w.field}: {w.message}"


def report_text(problems: Sequence[Problem], files: int, warnings: Sequence[Problem] = ()) -> str:
    lines = [str(p) for p in problems] + [_warning_line(w) for w in warnings]
    return "".join(f"{line}\n" for line in lines) + _summary(problems, files, warnings) + "\n"


def report_json(problems: Sequence[Problem], files: int, warnings: Sequence[Problem] = ()) -> str:
    data = {"files": files, "problems": [asdict(p) for p in problems], "warnings": [asdict(w) for w in warnings]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(problems: Sequence[Problem], files: int, warnings: Sequence[Problem] = ()) -> str:
    lines = [_summary(problems, files, warnings)]
    for level, items in (("error", problems), ("warning", warnings)):
        for p in items:
            title = _escape_property(p.field or "file")
            message = _escape_data(f"{p.field}: {p.message}" if p.field else p.message)
            lines.append(f"::{level} file={_escape_property(p.file)},line={p.line},col={p.column},title={title}::{message}")
    if len(problems) > GITHUB_ANNOTATION_LIMIT:
        lines.append(f"GitHub shows only the first {GITHUB_ANNOTATION_LIMIT} annotations; all problems are listed above.")
    return "\n".join(lines) + "\n"


REPORTER_BY_NAME: dict[str, Callable[[Sequence[Problem], int, Sequence[Problem]], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
