"""The same site from MkDocs 1.6 and from ProperDocs, its maintained fork (KB_ENGINE=properdocs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.pipeline import Project

from .conftest import DATA, REPO, make_project, three_languages


def build_with(engine: str, target: Path) -> dict[str, str]:
    """Every page and data file of the tiny site, in three languages, built by `engine` in a fresh process, by path."""
    project = three_languages(
        make_project(
            target,
            [REPO / "practices" / "duo-for-a-job.yaml", DATA / "valid" / "full.yaml"],
            [DATA / "collections" / "demo.yaml"],
        )
    )
    code = "import sys; from generator.cli import main; sys.exit(main(['--root', sys.argv[1], 'build']))"
    env = {**os.environ, "KB_ENGINE": engine}
    done = subprocess.run([sys.executable, "-c", code, str(project.root)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    site = Project(target).site_dir
    files = {}
    for path in sorted(site.rglob("*")):
        # Pagefind's index is not byte-reproducible between runs (its issue #638); its input, the pages, is compared.
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv"} and "pagefind" not in path.parts:
            files[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    return files


def without_generator_tag(page: str) -> str:
    """The page without `<meta name="generator">`, which names the engine and its version."""
    return "\n".join(line for line in page.splitlines() if '<meta name="generator"' not in line)


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    mkdocs = build_with("mkdocs", tmp_path / "mkdocs")
    properdocs = build_with("properdocs", tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    assert len(mkdocs) > 50
    assert "ProperDocs" in properdocs["index.html"] and "ProperDocs" not in mkdocs["index.html"]
    different = [path for path in mkdocs if without_generator_tag(mkdocs[path]) != without_generator_tag(properdocs[path])]
    assert different == []


def test_an_unknown_engine_is_one_line(tmp_path: Path) -> None:
    code = "import generator.engine"
    env = {**os.environ, "KB_ENGINE": "hugo"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "KB_ENGINE=hugo is not an engine this project runs on; write one of: mkdocs, properdocs\n"
