"""Stage 5, build: the one place that writes files.

The site is built in a staging folder and only then swapped in, so a failed build leaves the
previous `site/` as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from .engine import build_with_engine, read_languages
from .model import Practice
from .pipeline import Project, load_project_vocabularies
from .render import SiteContext, load_strings, render_site
from .search_index import write_search_index


def write_pages(pages: Mapping[str, str], docs_dir: Path) -> None:
    """Replace the contents of `docs_dir` with `pages`."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for relative, text in pages.items():
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def replace_dir(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the new one is in place."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def site_context(project: Project) -> SiteContext:
    return SiteContext(read_languages(project.engine_config), load_strings(), load_project_vocabularies(project))


def build_site(project: Project, practices: Sequence[Practice], *, strict: bool = True) -> Path:
    """Render every page, build the site and its search index in staging, then swap it into `site/`."""
    pages = render_site(practices, site_context(project))
    docs_dir = project.build_dir / "docs"
    write_pages(pages, docs_dir)
    staging = project.build_dir / "site.new"
    if staging.exists():
        shutil.rmtree(staging)
    build_with_engine(project.engine_config, docs_dir, staging, strict=strict)
    write_search_index(staging)
    replace_dir(staging, project.site_dir)
    return project.site_dir
