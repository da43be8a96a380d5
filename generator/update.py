"""Stage 5, kb serve's rebuild: the site of the build before, updated in place where an edit shows.

Every save in `kb serve` rebuilt the whole site (20 to 30 s at 1,000 practices x 9 languages).
Yet a practice's pages depend only on the practice (and on the theme, the vocabularies and the
interface texts, which `build.content_inputs` fingerprints), and the engine's frames are kept
(build.BuildCache). So a rebuild renders again the pages of the practices that changed and every
other page (listings, navigation, collections: a small part of the work), and writes only the
pages that came out different, the changed practices' own files and the files made from all
practices together; the search index is made again in the background, into a folder of its own
swapped in language by language, so the reloaded page does not wait for it.

Whatever the build before cannot answer (no build yet, a change to the theme, the configuration,
the vocabularies or the interface texts, a page needing a frame of a kind not rendered yet) takes
a full build (build.build_site). `kb build` always builds whole, in staging; an update writes in
place, and after a failed one the next rebuild is a full build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import urls
from .build import (
    SEARCH_PAGES,
    BuildCache,
    Built,
    Stages,
    build_lock,
    build_site,
    content_inputs,
    describe_os_error,
    engine_inputs,
    is_practice_page,
    publish_sources,
    render_search_pages,
    site_context,
    write_files,
    write_shared_files,
)
from .catalogue_data import DATA_FOLDER, render_result_cards
from .engine.search_index import INDEX_FOLDER, search_index_started
from .errors import BuildError, UpdateError
from .frames import NAVIGATION, fill_frames, plan_frames
from .model import Collection, Practice
from .pages import Pages, SitePage
from .pipeline import Project
from .render import SOURCES_FOLDER, render_listings, render_practice_pages
from .render_collections import render_collection_pages
from .render_light import render_light_pages


def rebuild(
    project: Project,
    practices: Sequence[Practice],
    cache: BuildCache,
    *,
    collections: Sequence[Collection] = (),
    strict: bool = True,
    stages: Stages | None = None,
) -> Path:
    """Update the site of the last build in place if `cache` allows it, else build it whole."""
    stages = stages or Stages()
    cache.wait_for_index()  # the last update's index is swapped into site/ before anything else
    try:
        with build_lock(project):
            languages = _update(project, practices, collections, cache, stages)
    except (BuildError, OSError) as e:
        cache.built = None  # written in part, maybe: the next rebuild builds whole
        if isinstance(e, BuildError):
            raise
        raise UpdateError(f"{describe_os_error(e)}; the site was updated in part, and the next save builds it whole") from e
    if languages is not None:  # updated: the search index, made again once the lock is free for it
        cache.indexing = _INDEXER.submit(_index_into_site, project, languages)
        return project.site_dir
    return build_site(project, practices, strict=strict, collections=collections, stages=stages, cache=cache)


def _practice_of(address: str) -> str:
    return address.split("/")[1]


def _kind(lang: str, address: str, frame: SitePage) -> tuple[str, str, SitePage]:
    """What a frame fits (frames.plan_frames): a page of the navigation, or a folder's pages of a kind."""
    return (lang, address if address in NAVIGATION else address.partition("/")[0], frame)


def _update(
    project: Project, practices: Sequence[Practice], collections: Sequence[Collection], cache: BuildCache, stages: Stages
) -> tuple[str, ...] | None:
    """Update site/ in place and give its languages; None, having changed nothing, when only a
    full build can make it."""
    built = cache.built
    site = project.site_dir
    if built is None or not site.is_dir() or built.inputs != content_inputs(project):
        return None
    ctx = site_context(project)
    languages = ctx.languages
    now = {p.id: p for p in practices}
    changed = [p for p in practices if built.practices.get(p.id) != p]
    redone = {p.id for p in changed}
    pages: Pages = {
        key: page
        for key, page in built.pages.items()
        if is_practice_page(key[1]) and _practice_of(key[1]) in now and _practice_of(key[1]) not in redone
    }
    pages.update(render_listings(practices, ctx))
    pages.update(render_collection_pages(collections, practices, ctx))
    for practice in changed:
        pages.update(render_practice_pages(practice, ctx))
    pages.update(render_light_pages(changed, ctx))
    # The frames kept, by kind: a frame's number changes when a kind comes or goes, its content not.
    kept = {_kind(lang, address, page): (address, html) for (lang, address, page), html in cache.frames.items()}
    rendered, planned = plan_frames(pages)
    kinds = {(lang, address): _kind(lang, address, page) for (lang, address), page in rendered.items()}
    if cache.inputs != engine_inputs(project) or not all(kind in kept for kind in kinds.values()):
        return None  # a page of a new kind: the engine renders its frame
    frame_of = {(lang, address): kept[kinds[(lang, frame)]][0] for (lang, address), frame in planned.items()}
    frames = {(lang, kept[kind][0]): kept[kind][1] for (lang, _), kind in kinds.items()}
    stages.done("render")

    # Pages: those that came out different, and the folders of those that are gone.
    written = {key: page for key, page in pages.items() if built.pages.get(key) != page}
    filled = fill_frames(frames, {key: frame_of[key] for key in written}, pages)
    write_files(((urls.site_path(lang, languages, a) + "index.html", html) for (lang, a), html in filled), site)
    gone = [key for key in built.pages if key not in pages]
    for lang, address in gone:
        _remove(site, urls.site_path(lang, languages, address) + "index.html")
    searched = project.build_dir / SEARCH_PAGES
    write_files(render_search_pages({k: p for k, p in written.items() if is_practice_page(k[1])}, ctx), searched)
    for lang, address in gone:
        _remove(searched, urls.site_path(lang, languages, address) + "index.html")
    # The practices' own files, and the files made from all of them.
    write_files(render_result_cards(changed, ctx.vocab, languages), site)
    publish_sources(project, changed, site / SOURCES_FOLDER)
    for ident in built.practices.keys() - now.keys():
        _remove(site, f"{SOURCES_FOLDER}/{ident}.yaml")
        for lang in languages:
            _remove(site, f"{DATA_FOLDER}/{lang}/cards/{ident}.json")
    newest = max((dt.date.fromisoformat(p.last_reviewed) for p in practices), default=None)
    addresses = {address for lang, address in pages if lang == languages[0]}
    shared = write_shared_files(project, site, addresses, practices, ctx, newest)
    for path in built.shared_files - shared:
        _remove(site, path)
    stages.done("pages and files written")
    cache.built = Built(content_inputs(project), now, tuple(collections), pages, shared)
    return languages


def _remove(folder: Path, path: str) -> None:
    """Remove the file at `path` inside `folder`, and its folder if that is left empty."""
    target = folder / path
    target.unlink(missing_ok=True)
    if target.parent != folder:
        with contextlib.suppress(OSError):  # not empty, or gone
            target.parent.rmdir()


# One search index at a time, made after the update returns (BuildCache.wait_for_index waits for it).
_INDEXER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-index")


def _index_into_site(project: Project, languages: Sequence[str]) -> None:
    """Index the search documents again into build/, then put each language's bundle in site/;
    under the build lock: a `kb build` started meanwhile in the same folder says that a build is
    running, rather than replacing the site while an index is swapped into it."""
    with build_lock(project):
        _swap_in_new_index(project, languages)


def _swap_in_new_index(project: Project, languages: Sequence[str]) -> None:
    made = project.build_dir / "pagefind.next"
    with search_index_started(project.build_dir / SEARCH_PAGES, made, languages) as indexed:
        indexed()
    index = project.site_dir / INDEX_FOLDER
    index.mkdir(exist_ok=True)
    for lang in languages:
        old = project.build_dir / f"pagefind.old.{lang}"
        if old.exists():
            shutil.rmtree(old)
        if (index / lang).exists():
            os.replace(index / lang, old)
        os.replace(made / lang, index / lang)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(made, ignore_errors=True)
