"""The benchmark keeps working (its figures are printed, never asserted)."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.bench import (
    make_synthetic_project,
    run_benchmark,
    run_serve_benchmark,
    run_validate_benchmark,
    synthetic_practice,
)
from generator.engine import read_languages
from generator.pipeline import Project, collect_practices, load_project_vocabularies


def test_synthetic_practices_are_valid(tmp_path: Path, repo_project: Project) -> None:
    project = make_synthetic_project(tmp_path, repo_project, 12)
    collected = collect_practices(project)
    assert collected.problems == []
    assert len(collected.practices) == 12
    assert synthetic_practice(3, random.Random(1)) == synthetic_practice(3, random.Random(1))


def test_benchmark_runs_on_a_few_practices(repo_project: Project) -> None:
    (row,) = list(run_benchmark([3], repo_project, languages=3))
    assert row["practices"] == 3
    # Per language: home, catalogue, theme and country indexes, help page, 3 practices, one page
    # per theme of the vocabulary and one per country used (1 to 3).
    languages = 3
    assert row["languages"] == languages < len(read_languages(repo_project.engine_config))
    themes = len(load_project_vocabularies(repo_project).themes.terms)
    assert languages * (5 + 3 + themes + 1) <= row["pages"] <= languages * (5 + 3 + themes + 3)
    # Synthetic practice 0 has a French title and summary; the others have no translation, so
    # their pages in languages other than English and French are light, as are those in French.
    assert row["light pages"] == (languages - 2) * 3 + 2


def test_validation_benchmark_times_validation_alone(repo_project: Project) -> None:
    (row,) = list(run_validate_benchmark([3], repo_project))
    assert row["practices"] == 3
    assert set(row) == {"practices", "validate s", "ms per practice", "kb validate s (whole command)"}
    assert all(value > 0 for value in row.values())


def test_serve_benchmark_times_an_update_in_place(repo_project: Project) -> None:
    (row,) = list(run_serve_benchmark([4], repo_project, languages=2))
    assert row["practices"] == 4 and row["languages"] == 2
    # The stages are those of an update in place (update.py), not of a full build.
    assert [key.strip() for key in row if key.startswith("  ")] == [
        "load and validate s",
        "render s",
        "pages and files written s",
        "search index, in the background s",
    ]
