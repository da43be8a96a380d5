"""Translation coverage: which text fields of which practice exist in which language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .model import TEXT_FIELDS, Practice


class State(StrEnum):
    ORIGINAL = "original"
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(frozen=True)
class Coverage:
    """How far practice `practice_id` is translated into `language`."""

    practice_id: str
    source_file: str
    language: str
    state: State
    missing_fields: tuple[str, ...]
    reviewed: bool | None = None  # for a translation: whether a native speaker reviewed it; None for the original or none

    @property
    def has_title_and_summary(self) -> bool:
        """Whether a reader of the language sees the title and summary in it (in a listing, a feed, a search)."""
        return self.state is not State.MISSING and "title" not in self.missing_fields and "summary" not in self.missing_fields


def coverage_of(practice: Practice, language: str) -> Coverage:
    if language == practice.language:
        return Coverage(practice.id, practice.source_file, language, State.ORIGINAL, ())
    present = [f for f in TEXT_FIELDS if practice.texts[practice.language].get(f)]
    translated = practice.texts.get(language, {})
    missing = tuple(f for f in present if not translated.get(f))
    if not missing:
        state = State.COMPLETE
    elif len(missing) == len(present):
        state = State.MISSING
    else:
        state = State.PARTIAL
    reviewed = None if state is State.MISSING else practice.reviewed.get(language, False)
    return Coverage(practice.id, practice.source_file, language, state, missing, reviewed)


def coverage_table(practices: Sequence[Practice], languages: Sequence[str]) -> list[list[Coverage]]:
    """One row per practice (sorted by id), one cell per language."""
    return [[coverage_of(p, lang) for lang in languages] for p in sorted(practices, key=lambda p: p.id)]


def count_states(table: Sequence[Sequence[Coverage]], column: int) -> dict[State, int]:
    counts = dict.fromkeys(State, 0)
    for row in table:
        counts[row[column].state] += 1
    return counts


def report_coverage_text(table: Sequence[Sequence[Coverage]], languages: Sequence[str]) -> str:
    width = max([len("practice"), *(len(row[0].practice_id) for row in table)])
    cell = max(len(s.value) for s in State)
    lines = [("practice".ljust(width) + "  " + "  ".join(lang.ljust(cell) for lang in languages)).rstrip()]
    for row in table:
        lines.append(row[0].practice_id.ljust(width) + "  " + "  ".join(c.state.value.ljust(cell) for c in row).rstrip())
    lines.append("")
    for i, lang in enumerate(languages):
        counts = count_states(table, i)
        done = counts[State.COMPLETE] + counts[State.ORIGINAL]
        lines.append(
            f"{lang}: {done} of {len(table)} available in full "
            f"({counts[State.ORIGINAL]} original, {counts[State.COMPLETE]} complete, "
            f"{counts[State.PARTIAL]} partial, {counts[State.MISSING]} missing); "
            f"title and summary in {sum(row[i].has_title_and_summary for row in table)} of {len(table)}; "
            f"translations reviewed {sum(row[i].reviewed is True for row in table)}, "
            f"not yet reviewed {sum(row[i].reviewed is False for row in table)}"
        )
    return "\n".join(lines) + "\n"


def report_coverage_json(table: Sequence[Sequence[Coverage]], languages: Sequence[str]) -> str:
    practices = [
        {
            "id": row[0].practice_id,
            "file": row[0].source_file,
            "languages": {
                c.language: {
                    "state": c.state.value,
                    "missing_fields": list(c.missing_fields),
                    "title_and_summary": c.has_title_and_summary,
                    "reviewed": c.reviewed,
                }
                for c in row
            },
        }
        for row in table
    ]
    return json.dumps({"languages": list(languages), "practices": practices}, indent=2, ensure_ascii=False) + "\n"
