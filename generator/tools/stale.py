"""`kb stale`: practices whose `last_reviewed` date is older than a given age."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import GeneratorError
from ..load import Entry, find_node


@dataclass(frozen=True, order=True)
class StaleEntry:
    reviewed: str
    file: str
    line: int


def parse_age(text: str) -> dt.timedelta:
    """'2y', '18m' or '90d' as a duration (a year is 365 days, a month 30)."""
    found = re.fullmatch(r"\s*(\d+)\s*([ymd])\s*", text)
    if not found:
        raise GeneratorError(f"{text!r} is not an age; write a number and y, m or d, such as 2y, 18m or 90d")
    days_per_unit = {"y": 365, "m": 30, "d": 1}
    return dt.timedelta(days=int(found.group(1)) * days_per_unit[found.group(2)])


def find_stale(entries: Sequence[Entry], older_than: dt.timedelta, today: dt.date) -> list[StaleEntry]:
    """Entries last reviewed before `today - older_than`, oldest first."""
    limit = today - older_than
    stale = []
    for entry in entries:
        reviewed = entry.data.get("last_reviewed")
        try:
            date = dt.date.fromisoformat(str(reviewed))
        except ValueError:
            continue  # reported by validation
        if date < limit:
            node = find_node(entry.root, ["last_reviewed"])
            stale.append(StaleEntry(str(reviewed), entry.name, node.start_mark.line + 1))
    return sorted(stale)


def report_stale(stale: Sequence[StaleEntry], older_than: str, checked: int) -> str:
    lines = [
        f"{s.file}:{s.line}: last reviewed {s.reviewed}; check it against its sources and update last_reviewed" for s in stale
    ]
    lines.append(f"{len(stale)} of {checked} practice(s) last reviewed more than {older_than} ago.")
    return "\n".join(lines) + "\n"
