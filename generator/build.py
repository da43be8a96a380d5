"""Stage 5, build: the one place that writes files.

The site is built in a staging folder and only then swapped in, so a failed build leaves the
previous `site/` as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from .catalogue_data import render_catalogue_data
from .csp import add_policy
from .engine import build_with_engine, conform_page, read_languages, read_site_url
from .model import LIGHT_FRAME_ID, Collection, Practice
from .open_data import render_open_data, render_redirects, render_sitemaps
from .pipeline import Project, load_project_vocabularies
from .render import SOURCES_FOLDER, SiteContext, load_strings, render_site, unwrap_raw_html
from .render_collections import render_collection_pages
from .render_light import built_frame, render_light_frames, render_light_pages
from .search_index import write_search_index


def write_files(files: Mapping[str, str], folder: Path) -> None:
    """Write {relative path: text} below `folder`."""
    made: set[Path] = set()
    for relative, text in files.items():
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


def finish_page(html: str, path: str, ctx: SiteContext) -> str:
    """A page as the engine wrote it at `path`, with its markup and links corrected and its policy."""
    return add_policy(conform_page(unwrap_raw_html(html), path, ctx.languages, ctx.site_url))


def finish_pages(site_dir: Path, ctx: SiteContext) -> None:
    """finish_page on every page in `site_dir`."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "Content-Security-Policy" not in text:
            page.write_text(finish_page(text, page.relative_to(site_dir).as_posix(), ctx), encoding="utf-8")


def take_frames(site_dir: Path, ctx: SiteContext) -> dict[str, str]:
    """The light-page frame the engine wrote in each language, finished, {language: HTML}; removed from the site.

    Finishing the frame once finishes every light page made from it: filling it changes neither
    its scripts (the policy) nor its links to other languages (the frame's address is replaced)."""
    frames = {}
    for lang in ctx.languages:
        path = built_frame(ctx, lang)
        frames[lang] = finish_page((site_dir / path).read_text(encoding="utf-8"), path, ctx)
        shutil.rmtree((site_dir / path).parent)
    return frames


def write_sitemap(
    site_dir: Path, pages: Mapping[str, str], practices: Sequence[Practice], ctx: SiteContext, newest: dt.date | None
) -> None:
    """The sitemap (and gzip copies) of every page, listing each page's languages; dated by the data."""
    default = ctx.languages[0] + "/"
    changed = {f"practices/{p.id}/": p.last_reviewed for p in practices}
    addresses = {}
    for key in pages:
        if key.startswith(default) and not key.endswith(f"/{LIGHT_FRAME_ID}.md"):
            path = key.removeprefix(default)
            address = path.removesuffix("index.md") if path.endswith("index.md") else path.removesuffix(".md") + "/"
            addresses[address] = changed.get(address) or (newest.isoformat() if newest else "")
    for name, sitemap in render_sitemaps(addresses, ctx.languages, ctx.site_url).items():
        (site_dir / name).write_text(sitemap, encoding="utf-8")
        (site_dir / f"{name}.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))


def write_pages(pages: Mapping[str, str], docs_dir: Path) -> None:
    """Replace the contents of `docs_dir` with `pages`."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    write_files(pages, docs_dir)


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


def publish_sources(project: Project, practices: Sequence[Practice], target: Path) -> None:
    """Copy each practice's YAML file into the site, so that readers can see and reuse the source."""
    target.mkdir(parents=True, exist_ok=True)
    for practice in practices:
        shutil.copyfile(project.root / practice.source_file, target / f"{practice.id}.yaml")


def publish_schema(project: Project, target: Path) -> None:
    """The schema and vocabularies at stable addresses (/schema/practice.schema.json), for editors."""
    shutil.copytree(project.schema_file.parent, target, dirs_exist_ok=True)


def site_context(project: Project) -> SiteContext:
    return SiteContext(
        read_languages(project.engine_config),
        load_strings(),
        load_project_vocabularies(project),
        read_site_url(project.engine_config),
    )


def build_site(
    project: Project, practices: Sequence[Practice], *, strict: bool = True, collections: Sequence[Collection] = ()
) -> Path:
    """Render every page, build the site and its search index in staging, then swap it into `site/`."""
    ctx = site_context(project)
    pages = render_site(practices, ctx)
    pages.update(render_collection_pages(collections, practices, ctx, ctx.site_url))
    pages.update(render_light_frames(ctx))
    docs_dir = project.build_dir / "docs"
    write_pages(pages, docs_dir)
    staging = project.build_dir / "site.new"
    if staging.exists():
        shutil.rmtree(staging)
    # Dated by the data, not the clock, so that two builds of the same commit are identical.
    newest = max((dt.date.fromisoformat(p.last_reviewed) for p in practices), default=None)
    build_with_engine(project.engine_config, docs_dir, staging, strict=strict, date=newest)
    frames = take_frames(staging, ctx)
    write_files(render_redirects(practices, ctx.languages), staging)
    finish_pages(staging, ctx)
    # Light pages come finished from their frames: thousands of files not read back.
    write_files(render_light_pages(frames, practices, ctx), staging)
    write_sitemap(staging, pages, practices, ctx, newest)
    write_files(render_catalogue_data(practices, ctx.facets, ctx.vocab, ctx.languages), staging)
    feed_titles = {lang: ctx.strings.get("home_title", lang) for lang in ctx.languages}
    write_files(render_open_data(practices, ctx.languages, ctx.site_url, feed_titles), staging)
    publish_sources(project, practices, staging / SOURCES_FOLDER)
    publish_schema(project, staging / "schema")
    write_search_index(staging)
    replace_dir(staging, project.site_dir)
    return project.site_dir
