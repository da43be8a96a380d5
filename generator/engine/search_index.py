"""Build stage helper: the Pagefind search index, written into the built site.

Pagefind reads HTML documents, makes one index per document language (`<html lang>`), chunked
so that a browser downloads only the parts a query needs, and keeps the facet values of each
practice page (`data-pagefind-filter`). Only practice pages are indexed: they alone carry
`data-pagefind-body`. It reads documents the build writes for it (build.render_search_pages): each
practice page's language and content at the page's path, without the theme's 16 KB around them,
so the index is the one the built pages would give, made in a third of the time and while the
build writes its other files. Each language gets a bundle of its own, `pagefind/<lang>/`, which
the catalogue of that language loads (catalogue.js tells Pagefind where the site's root is).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from .. import urls
from ..errors import BuildError

INDEX_FOLDER = "pagefind"


def index_languages(pages_dir: Path, target: Path, languages: Sequence[str], only: Sequence[str] | None = None) -> None:
    """Index each language of the site (`languages`, the default one first), or those in `only`,
    in a run of its own, into a bundle of its own (`target/<lang>/`): Pagefind makes one index per language anyway, and its memory grows with what one run holds
    (1.5 GB for 30,000 pages in one run, measured at 10,000 practices x 3 languages). Each run is
    Pagefind's command (`python -m pagefind`, from the pagefind wheel): its Python API took half
    as long again for the same files (16 s against 10.4 s for 10,000 English pages, measured).
    The default language, which has a page for every practice, is indexed last: its run takes the
    most memory, and by then the build's other work is done."""
    for lang in [*languages[1:], *languages[:1]]:
        if only is not None and lang not in only:
            continue
        glob = urls.site_path(lang, languages, "practices/*/index.html")  # practice pages only
        command = [sys.executable, "-m", "pagefind", "--site", str(pages_dir), "--glob", glob]
        done = subprocess.run(
            [*command, "--output-path", str(target / lang), "--silent"], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise BuildError(f"the search index could not be built: {_reason(done.stderr + done.stdout, done.returncode)}")


def _reason(output: str, status: int) -> str:
    """What Pagefind said went wrong, in one line: the operating system's message when it stopped
    on one (a full disk, a folder that cannot be written), else its first line of its own."""
    said = re.search(r'message: "([^"]+)"', output)
    if said:
        return said.group(1)
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith(_BOILERPLATE)]
    return lines[0].strip() if lines else f"Pagefind stopped with exit status {status}"


_BOILERPLATE = ("thread '", "stack backtrace", "note: ", "Running Pagefind")


@contextmanager
def search_index_started(
    pages_dir: Path, target: Path, languages: Sequence[str], only: Sequence[str] | None = None
) -> Iterator[Callable[[], None]]:
    """Start indexing the pages in `pages_dir` (laid out as in the site) into `target`, a bundle
    per language (of those in `only`, if given: see index_languages), and give a function that
    waits for the index to be written. Pagefind runs in processes of its own."""
    if target.exists():  # an old index would keep entries of pages that no longer exist
        shutil.rmtree(target)
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(index_languages, pages_dir, target, languages, only)

        def indexed() -> None:
            running.result()

        yield indexed
