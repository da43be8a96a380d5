"""Errors and located problems shared by every stage of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file, located to a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class GeneratorError(Exception):
    """Base of every error the generator raises on purpose."""


class ContentError(GeneratorError):
    """The input files have problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        files = len({p.file for p in self.problems})
        super().__init__(f"{len(self.problems)} problem(s) in {files} file(s)")


class BuildError(GeneratorError):
    """The site engine failed; the previous site was left in place."""
