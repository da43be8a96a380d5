from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.pipeline import Project, collect_practices
from generator.tools.scaffold import make_id, render_new_practice


def test_make_id_is_file_name_safe() -> None:
    assert make_id("Duo for a Job") == "duo-for-a-job"
    assert make_id("  Économie sociale & solidaire: l'accès ! ") == "economie-sociale-solidaire-l-acces"
    assert make_id("../../etc/passwd") == "etc-passwd"
    assert make_id("日本") == ""


def test_new_practice_validates_as_written(tmp_path: Path, repo_project: Project) -> None:
    ident, text = render_new_practice('Mentoring "plus"', "fr", dt.date(2026, 11, 23))
    assert ident == "mentoring-plus"
    path = tmp_path / f"{ident}.yaml"
    path.write_text(text, encoding="utf-8")
    collected = collect_practices(repo_project, [path])
    assert collected.problems == []
    practice = collected.practices[0]
    assert (practice.title("fr"), practice.language, practice.last_reviewed) == ('Mentoring "plus"', "fr", "2026-11-23")
    assert text.startswith("# yaml-language-server: $schema=../schema/practice.schema.json\n")
