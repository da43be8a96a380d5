from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.errors import GeneratorError
from generator.load import parse_text
from generator.pipeline import Project
from generator.tools.stale import find_stale, parse_age

from .conftest import DATA


def test_ages() -> None:
    assert parse_age("2y") == dt.timedelta(days=730)
    assert parse_age(" 18m ") == dt.timedelta(days=540)
    assert parse_age("90d") == dt.timedelta(days=90)
    with pytest.raises(GeneratorError, match="not an age"):
        parse_age("two years")


def test_old_entries_are_listed_oldest_first() -> None:
    base = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    entries = []
    for name, date in (("recent", "2026-06-01"), ("old", "2021-03-02"), ("older", "2019-12-31")):
        entry, _ = parse_text(
            base.replace("last_reviewed: 2026-11-23", f"last_reviewed: {date}").encode(), f"practices/{name}.yaml"
        )
        assert entry is not None
        entries.append(entry)
    stale = find_stale(entries, dt.timedelta(days=730), dt.date(2026, 11, 23))
    assert [(s.file, s.reviewed, s.line) for s in stale] == [
        ("practices/older.yaml", "2019-12-31", 23),
        ("practices/old.yaml", "2021-03-02", 23),
    ]


def test_command_lists_nothing_when_all_are_recent(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tiny_project.root), "stale", "--older-than", "20y"]) == 0
    assert capsys.readouterr().out == "0 of 3 practice(s) last reviewed more than 20y ago.\n"
