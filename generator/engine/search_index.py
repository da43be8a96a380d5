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

import asyncio
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .. import urls
from ..errors import BuildError

INDEX_FOLDER = "pagefind"


async def _index(pages_dir: Path, target: Path, languages: Sequence[str]) -> int:
    """Index each language in a run of its own, into a bundle of its own (`target/<lang>/`):
    Pagefind makes one index per language anyway, and its memory grows with what one run holds
    (1.5 GB for 30,000 pages in one run, measured at 10,000 practices x 3 languages)."""
    count = 0
    for lang in languages:
        async with PagefindIndex(config=IndexConfig(output_path=str(target / lang))) as index:
            # add_directory reads the files in parallel; adding them one by one over Pagefind's
            # pipe was measured far slower. Leaving the block writes the files, once. Their names
            # and bytes vary from run to run (Pagefind's hash maps are unordered).
            glob = urls.site_path(lang, languages, "practices/*/index.html")  # practice pages only
            result = await index.add_directory(path=str(pages_dir), glob=glob)
        count += int(result["page_count"])
    return count


@contextmanager
def search_index_started(pages_dir: Path, target: Path, languages: Sequence[str]) -> Iterator[Callable[[], int]]:
    """Start indexing the pages in `pages_dir` (laid out as in the site) into `target`, a bundle
    per language, and give a function that waits for the number of pages indexed. Pagefind runs
    in a process of its own."""
    if target.exists():  # an old index would keep entries of pages that no longer exist
        shutil.rmtree(target)
    # Pagefind's Python API is async. A thread of our own gets a fresh event loop, so this
    # also works when the caller already runs one (a test driving a browser, a notebook).
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(asyncio.run, _index(pages_dir, target, languages))

        def indexed() -> int:
            try:
                return running.result()
            except Exception as e:  # Pagefind reports failures as plain exceptions from its service
                raise BuildError(f"the search index could not be built: {e}") from e

        yield indexed
