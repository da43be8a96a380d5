"""Stage 5, build: the one place that writes files.

The site is built in a staging folder and only then swapped in, so a failed build leaves the
previous `site/` as it was.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import fcntl
import gc
import gzip
import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import urls
from .catalogue_data import render_catalogue_data, render_result_cards
from .engine import build_with_engine, read_settings
from .engine.search_index import INDEX_FOLDER, index_languages, search_index_started
from .errors import BuildError, Problem
from .frames import NAVIGATION, FrameKey, fill_frames, plan_frames
from .load import scan_folder
from .model import Collection, Practice
from .open_data import render_open_data, render_redirects, render_sitemaps
from .pages import Pages
from .pipeline import Project, collect_project, load_project_vocabularies
from .render import SOURCES_FOLDER, STRINGS_FILE, Share, SiteContext, load_strings, render_site
from .render_collections import render_collection_pages
from .render_light import render_light_pages
from .templates import safe


def write_files(files: Mapping[str, str] | Iterable[tuple[str, str]], folder: Path) -> None:
    """Write {relative path: text}, or (relative path, text) pairs as they come, below `folder`."""
    made: set[Path] = set()
    for relative, text in files.items() if isinstance(files, Mapping) else files:
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


def write_sitemap(
    site_dir: Path, pages: Sequence[str], practices: Sequence[Practice], ctx: SiteContext, newest: dt.date | None
) -> frozenset[str]:
    """The sitemap (and gzip copies) of every page (`pages`: their addresses), listing each page's
    languages; dated by the data. Gives the names of the files written."""
    changed = {f"practices/{p.id}/": p.last_reviewed for p in practices}
    addresses = {}
    for address in pages:
        addresses[address] = changed.get(address) or (newest.isoformat() if newest else "")
    written = set()
    for name, sitemap in render_sitemaps(addresses, ctx.languages, ctx.site_url, templates_dir=ctx.templates_dir).items():
        (site_dir / name).write_text(sitemap, encoding="utf-8")
        (site_dir / f"{name}.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
        written |= {name, f"{name}.gz"}
    return frozenset(written)


def empty_folder(folder: Path) -> None:
    """`folder`, existing and empty."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def check_replaceable(target: Path) -> None:
    """Raise BuildError, before anything is changed, if `target` (the site) could not be swapped and removed."""
    folders = [target.parent]
    if target.exists():
        folders += [target] + [Path(where, name) for where, dirs, _ in os.walk(target) for name in dirs]
    for folder in folders:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        if read_only or not os.access(folder, os.W_OK | os.X_OK):
            shown = folder.name + "/"
            raise BuildError(
                f"{shown} is read-only, so the new site cannot replace the old one; make it writable "
                f"(chmod -R u+w {target.name}) and build again. {target.name}/ is unchanged"
            )


def replace_dir(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the new one is in place; if that fails, the old one stays."""
    check_replaceable(target)
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    # The new site is in place: an old copy that cannot be removed is only left over, and the
    # next build removes it (remove_leftovers).
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(project: Project) -> None:
    """What a failed or killed build left behind: the staging site, the old site, the staged pages."""
    for path in (project.build_dir / "site.new", project.site_dir.with_name(project.site_dir.name + ".old")):
        if path.exists():
            shutil.rmtree(path)


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """One build at a time in a project: a second one stops at once and says why."""
    project.build_dir.mkdir(parents=True, exist_ok=True)
    with (project.build_dir / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise BuildError("another build is running in this folder; wait for it to finish and try again") from e
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def describe_os_error(e: OSError) -> str:
    """An operating-system error in plain words, naming the file."""
    where = f" ({Path(e.filename).name})" if e.filename else ""
    if e.errno == errno.ENOSPC:
        return f"the disk is full{where}; free some space and build again"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied{where}; make the project folder writable and build again"
    return f"{e.strerror or e}{where}"


def publish_sources(project: Project, practices: Sequence[Practice], target: Path) -> None:
    """Copy each practice's YAML file into the site, so that readers can see and reuse the source."""
    target.mkdir(parents=True, exist_ok=True)
    for practice in practices:
        shutil.copyfile(project.root / practice.source_file, target / f"{practice.id}.yaml")


def publish_schema(project: Project, target: Path) -> None:
    """The schema and vocabularies at stable addresses (/schema/practice.schema.json), for editors."""
    shutil.copytree(project.schema_file.parent, target, dirs_exist_ok=True)


def site_context(project: Project) -> SiteContext:
    settings = read_settings(project.engine_config)
    return SiteContext(
        settings.languages,
        load_strings(),
        load_project_vocabularies(project),
        settings.site_url,
        project.root / "site_overrides" / "kb",
    )


@dataclass(frozen=True)
class Built:
    """What a build wrote to site/, kept by kb serve to update the site in place (update.py): the
    data, every page (full and light, as rendered) and the paths of the files made from all the
    practices together (written by write_shared_files), with a fingerprint of what else they depend on."""

    inputs: str
    practices: Mapping[str, Practice]
    collections: tuple[Collection, ...]
    pages: Pages
    shared_files: frozenset[str]


def _report(line: str) -> None:
    sys.stderr.write(line + "\n")


@dataclass
class BuildCache:
    """What the builds of one process (kb serve's) keep for the next one: the engine's frames
    (frames.py) and its other files (the theme's assets, the 404 pages) in `folder`, and the last
    build written to site/ (`built`). A frame depends only on the engine's inputs (mkdocs.yml,
    site_overrides/) and on its own page, so a rebuild whose frames are all kept needs no engine at
    all; update.py updates the last build in place. `indexing`: the search index being made in the
    background after an update; `report` says in one line why it failed, if it does."""

    folder: Path
    frames: dict[FrameKey, str] = field(default_factory=dict)
    inputs: str = ""
    built: Built | None = None
    rendered: Pages = field(default_factory=dict)  # the pages of the build under way
    indexing: Future[None] | None = None
    report: Callable[[str], None] = _report

    def holds(self, keys: Iterable[FrameKey], inputs: str) -> bool:
        return inputs == self.inputs and self.folder.is_dir() and all(key in self.frames for key in keys)

    def wait_for_index(self) -> None:
        """Wait for the search index of the last update, if one is being made; say if it failed."""
        if self.indexing is not None:
            try:
                self.indexing.result()
            except (BuildError, OSError) as e:
                self.report(f"Search was not updated after the last save ({e}); the pages are, and the next save tries again")
            finally:
                self.indexing = None


def engine_inputs(project: Project) -> str:
    """A fingerprint of what the engine's output depends on besides the pages: its configuration
    and the theme's overrides (names, sizes and times of change)."""
    files = [project.engine_config, *sorted(p for p in (project.root / "site_overrides").rglob("*") if p.is_file())]
    return _fingerprint(os.environ.get("KB_ENGINE", ""), files)


def content_inputs(project: Project) -> str:
    """A fingerprint of what every page depends on besides the data: the engine's inputs, the
    vocabularies and schema (schema/), and the interface texts."""
    files = [*sorted(p for p in (project.root / "schema").rglob("*") if p.is_file()), STRINGS_FILE]
    return _fingerprint(engine_inputs(project), files)


def _fingerprint(seed: str, files: Iterable[Path]) -> str:
    """A hash of `seed` and of the names, sizes and times of change of `files`."""
    seen = hashlib.sha256(seed.encode())
    for path in files:
        state = path.stat()
        seen.update(f"{path}:{state.st_size}:{state.st_mtime_ns}\n".encode())
    return seen.hexdigest()


class Stages:
    """Seconds spent in each stage of a build, in order, for the benchmark."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now

    def took(self, seconds: dict[str, float]) -> None:
        """Count stages timed in another process as this one's, up to now."""
        for stage, spent in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent
        self._last = time.perf_counter()


def build_site(
    project: Project,
    practices: Sequence[Practice],
    *,
    strict: bool = True,
    collections: Sequence[Collection] = (),
    stages: Stages | None = None,
    processes: int | None = None,
    cache: BuildCache | None = None,
) -> Path:
    """Render every page, build the site and its search index in staging, then swap it into `site/`.

    One build at a time; any failure leaves `site/` as it was and raises BuildError. `processes`:
    how many processes share the work (by default two for a large site on a machine with two cores).
    `cache`: the engine's output of a previous build in this process, used again where it can be."""
    with one_build(project):
        return _build_site(
            project,
            practices,
            strict=strict,
            collections=collections,
            stages=stages or Stages(),
            processes=processes,
            cache=cache,
        )


@contextmanager
def one_build(project: Project) -> Iterator[None]:
    """The build lock held, the leftovers of a killed build removed, the staging folder removed at
    the end; an error of the operating system becomes a BuildError saying site/ is unchanged."""
    unchanged = f"{project.site_dir.name}/ is unchanged"
    try:
        with build_lock(project):
            remove_leftovers(project)
            try:
                yield
            except OSError as e:
                raise BuildError(f"{describe_os_error(e)}. {unchanged}") from e
            finally:
                shutil.rmtree(project.build_dir / "site.new", ignore_errors=True)
    except OSError as e:  # the lock or the leftovers
        raise BuildError(f"{describe_os_error(e)}. {unchanged}") from e


# Below this many pages (practices x languages) a second process costs more than it saves: each
# process pays the engine's fixed cost per language (theme files, templates), about a second.
PARALLEL_FROM = 3000


def _build_site(
    project: Project,
    practices: Sequence[Practice],
    *,
    strict: bool,
    collections: Sequence[Collection],
    stages: Stages,
    processes: int | None,
    cache: BuildCache | None,
    index: Sequence[str] | None = None,
    swap: bool = True,
) -> Path:
    """The site built in staging with the search index of the languages in `index` (all by
    default), then swapped into site/ (unless `swap` is false: build_project does it)."""
    ctx = site_context(project)
    # Dated by the data, not the clock, so that two builds of the same commit are identical.
    newest = max((dt.date.fromisoformat(p.last_reviewed) for p in practices), default=None)
    staging = project.build_dir / "site.new"
    # The engine's docs folder stays empty (pages are handed over in memory); pages an older
    # version of the build wrote there would be read as pages of the site.
    empty_folder(project.build_dir / "docs")
    empty_folder(project.build_dir / SEARCH_PAGES)
    if cache is not None:  # kb serve: one process, keeping its pages and frames for the next update
        cache.wait_for_index()
        cache.built = None
    large = len(practices) * len(ctx.languages) >= PARALLEL_FROM
    workers = processes or (2 if cache is None and (os.cpu_count() or 1) > 1 and large else 1)
    if workers == 1:
        addresses = build_share(project, practices, collections, Share(0, 1), staging, strict, newest, stages, ctx, cache)
    else:
        # The engine, the pages and the light pages of every practice are shared among processes,
        # each building a site of its own, joined at the end.
        parts = [project.build_dir / f"site.new.{n}" for n in range(1, workers)]
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=spawn) as pool:
            others = [
                pool.submit(build_share, project, practices, collections, Share(n, workers), parts[n - 1], strict, newest, None)
                for n in range(1, workers)
            ]
            addresses = build_share(project, practices, collections, Share(0, workers), staging, strict, newest, stages, ctx)
            try:
                for other in others:
                    addresses |= other.result()
            except BrokenProcessPool as e:
                raise BuildError("a build process stopped unexpectedly (out of memory?); build again") from e
        stages.done("waiting for the other processes")
    give_back_memory()  # what sending the practices to the processes took
    # The search index is made from documents of their own (render_search_pages), meanwhile.
    with search_index_started(project.build_dir / SEARCH_PAGES, staging / INDEX_FOLDER, ctx.languages, index) as indexed:
        for part in parts if workers > 1 else []:
            merge_into(part, staging)
        shared = write_shared_files(project, staging, addresses, practices, ctx, newest)
        stages.done("joining, open data (while indexing)")
        give_back_memory()  # before Pagefind's run for the default language, the largest, starts
        indexed()
    stages.done("search index")
    if not swap:
        return staging
    replace_dir(staging, project.site_dir)
    stages.done("swap")
    if cache is not None:
        cache.built = Built(content_inputs(project), {p.id: p for p in practices}, tuple(collections), cache.rendered, shared)
        cache.rendered = {}
    return project.site_dir


@dataclass(frozen=True)
class ProjectBuild:
    """What `kb build` did: the problems it found (then nothing is built), the files it read, the
    practices the site holds and the site."""

    problems: list[Problem]
    files: int
    practices: int = 0
    site: Path | None = None


def build_project(project: Project, *, strict: bool = True, stages: Stages | None = None) -> ProjectBuild:
    """`kb build`: load and check the practices and collections, and if none has a problem, build the site.

    A large project (PARALLEL_FROM pages or more, two processors or more) is loaded and built in
    a process of its own, all but the search index of the default language, which this process
    makes once that one has ended. That index is the build's largest moment in memory (Pagefind
    alone took 855 to 880 MB for 10,000 English practices), and the practices, which this process
    never loads, are then held by none: at 10,000 x 3 the sum of all processes at that moment
    went from 1,094 to 1,123 MB to 943 MB (this process: 50 MB), for no more time (measured)."""
    stages = stages or Stages()
    languages = read_settings(project.engine_config).languages
    files, _ = scan_folder(project.practices_dir, project.root)
    if len(files) * len(languages) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        loaded = collect_project(project)
        stages.done("load and validate")
        if loaded.problems:
            return ProjectBuild(loaded.problems, loaded.files)
        site = build_site(project, loaded.practices, strict=strict, collections=loaded.collections, stages=stages)
        return ProjectBuild([], loaded.files, len(loaded.practices), site)
    staging = project.build_dir / "site.new"
    with one_build(project):
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            try:
                done, seconds = pool.submit(_load_and_build_all_but, project, strict, languages[1:]).result()
            except BrokenProcessPool as e:
                raise BuildError("the build process stopped unexpectedly (out of memory?); build again") from e
        stages.took(seconds)
        if done.problems:
            return done
        index_languages(project.build_dir / SEARCH_PAGES, staging / INDEX_FOLDER, languages, only=languages[:1])
        stages.done("search index, default language")
        replace_dir(staging, project.site_dir)
        stages.done("swap")
        return replace(done, site=project.site_dir)


def _load_and_build_all_but(project: Project, strict: bool, index: Sequence[str]) -> tuple[ProjectBuild, dict[str, float]]:
    """In build_project's process: load, check and build in staging, with the search index of the
    languages in `index`. Gives what it did and the seconds of its stages (an OSError raised here
    reaches build_project whole, which says it in plain words)."""
    stages = Stages()
    loaded = collect_project(project)
    stages.done("load and validate")
    if loaded.problems:
        return ProjectBuild(loaded.problems, loaded.files), stages.seconds
    _build_site(
        project,
        loaded.practices,
        strict=strict,
        collections=loaded.collections,
        stages=stages,
        processes=None,
        cache=None,
        index=index,
        swap=False,
    )
    return ProjectBuild([], loaded.files, len(loaded.practices)), stages.seconds


def give_back_memory() -> None:
    """Hand the memory this process has freed back to the system. Python frees it, but the C
    library keeps it for the process; beside Pagefind's largest run it counted: sending 10,000
    practices to the build processes left 52 MB behind in this one, the open data about 40 MB
    (measured). glibc's malloc_trim; elsewhere nothing is done."""
    gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def write_shared_files(
    project: Project,
    site: Path,
    addresses: Iterable[str],
    practices: Sequence[Practice],
    ctx: SiteContext,
    newest: dt.date | None,
) -> frozenset[str]:
    """Write into `site` the files made from all the practices together: sitemaps, redirects of
    former addresses, the catalogue's data but the result cards, the open data, the schema; give
    the paths of those that depend on the data (the schema does not)."""
    files = render_redirects(practices, ctx.languages, ctx.templates_dir)
    files.update(render_catalogue_data(practices, ctx.facets, ctx.vocab, ctx.languages))
    feed_titles = {lang: ctx.strings.get("home_title", lang) for lang in ctx.languages}
    files.update(render_open_data(practices, ctx.languages, ctx.site_url, feed_titles, ctx.templates_dir))
    write_files(files, site)
    sitemaps = write_sitemap(site, sorted(addresses), practices, ctx, newest)
    publish_schema(project, site / "schema")
    return frozenset(files) | sitemaps


def build_share(
    project: Project,
    practices: Sequence[Practice],
    collections: Sequence[Collection],
    share: Share,
    staging: Path,
    strict: bool,
    newest: dt.date | None,
    stages: Stages | None,
    ctx: SiteContext | None = None,
    cache: BuildCache | None = None,
) -> set[str]:
    """Build one share of the site (render.Share) into `staging`: its pages, full and light, and
    its practices' result cards (catalogue_data.py) and published files.

    Returns the addresses of its pages in the default language (every page exists in every language)."""
    stages = stages or Stages()
    ctx = ctx or site_context(project)  # a spawned process makes its own
    pages = render_site(practices, ctx, share=share)
    pages.update(render_collection_pages(collections if share.number == 0 else (), practices, ctx))
    pages.update(render_light_pages(share.practices(practices), ctx))
    if cache is not None:
        cache.rendered = pages
    write_files(render_search_pages(pages, ctx), project.build_dir / SEARCH_PAGES)
    stages.done("render")
    docs_dir = project.build_dir / "docs"
    if staging.exists():
        shutil.rmtree(staging)
    rendered, frame_of = plan_frames(pages)
    keys = [(lang, address, page) for (lang, address), page in rendered.items()]
    inputs = engine_inputs(project) if cache is not None else ""
    if cache is not None and cache.holds(keys, inputs):
        shutil.copytree(cache.folder, staging)
        frames = {(lang, address): cache.frames[(lang, address, page)] for lang, address, page in keys}
    else:
        frames = build_with_engine(
            project.engine_config,
            docs_dir,
            staging,
            languages=ctx.languages,
            site_url=ctx.site_url,
            pages=rendered,
            strict=strict,
            date=newest,
        )
        for lang, address in frames:  # kept in memory; a frame of a kind is no page of the site
            if address not in NAVIGATION:
                shutil.rmtree(staging / urls.site_path(lang, ctx.languages, address))
        if cache is not None:
            if cache.folder.exists():
                shutil.rmtree(cache.folder)
            shutil.copytree(staging, cache.folder)
            # Frames of kinds this build has no page of stay, while the engine's inputs are the
            # same: a practice removed and added back in kb serve needs no engine run.
            kept = cache.frames if cache.inputs == inputs else {}
            cache.frames = {**kept, **{(lang, address, page): frames[(lang, address)] for lang, address, page in keys}}
            cache.inputs = inputs
    stages.done("engine")
    # Every page comes finished from its frame.
    filled = fill_frames(frames, frame_of, pages)
    write_files(((urls.site_path(lang, ctx.languages, a) + "index.html", page) for (lang, a), page in filled), staging)
    stages.done("filling frames")
    own = share.practices(practices)  # what comes with each practice's pages: its result cards, its file
    write_files(render_result_cards(own, ctx.vocab, ctx.languages), staging)
    publish_sources(project, own, staging / SOURCES_FOLDER)
    stages.done("result cards, sources")
    return {address for lang, address in pages if lang == ctx.languages[0]}


SEARCH_PAGES = "search-pages"  # inside build/: what the search index reads, one document per indexed page


def render_search_pages(pages: Pages, ctx: SiteContext) -> Iterator[tuple[str, str]]:
    """(path, document) of each page the search index reads (practice pages, full and light), at
    the paths of the site, holding only their language and content (site_overrides/kb/search-page.html)."""
    for (lang, address), page in pages.items():
        if is_practice_page(address):
            path = urls.site_path(lang, ctx.languages, address) + "index.html"
            yield path, ctx.render("search-page.html", lang=lang, body=safe(page.body))


def is_practice_page(address: str) -> bool:
    return address.startswith("practices/") and address.count("/") == 2


def merge_into(part: Path, target: Path) -> None:
    """Move what `part` holds into `target`; files `target` has already (the same theme files and
    navigation pages, built in each process) are kept."""
    for entry in part.iterdir():
        there = target / entry.name
        if not there.exists():
            entry.rename(there)
        elif entry.is_dir() and there.is_dir():
            merge_into(entry, there)
    shutil.rmtree(part)
