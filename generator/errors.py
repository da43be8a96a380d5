"""Errors and located problems shared by every stage of the pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters and the bidirectional controls that reorder what a terminal shows: in a
# message they could forge a line, colour the screen or hide text. They are shown as escapes.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` with control and bidirectional-control characters written as escapes such as \\x1b or \\u202e."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file, located to a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Field names and values quoted in messages come from contributors' files.
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class GeneratorError(Exception):
    """Base of every error the generator raises on purpose."""


class BuildError(GeneratorError):
    """The site engine failed; the previous site was left in place."""


class UpdateError(BuildError):
    """kb serve's update in place (update.py) stopped part-way: the site holds part of it."""
