"""Build stage helper: the Pagefind search index, written into the built site.

Pagefind reads the built HTML, makes one index per page language (`<html lang>`), chunked so
that a browser downloads only the parts a query needs, and keeps the facet values of each
practice page (`data-pagefind-filter`). Only practice pages are indexed: they alone carry
`data-pagefind-body`.
"""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from ..errors import BuildError

INDEX_FOLDER = "pagefind"


# Only practice pages carry data-pagefind-body; naming them spares Pagefind reading the rest.
PRACTICE_PAGES = "**/practices/*/index.html"


async def _index(site_dir: Path) -> int:
    output = site_dir / INDEX_FOLDER
    async with PagefindIndex(config=IndexConfig(output_path=str(output))) as index:
        # add_directory reads the files in parallel; adding them one by one over Pagefind's pipe
        # was measured far slower. Leaving the block writes the files, once. Their names and bytes
        # vary from run to run (Pagefind's hash maps are unordered), unlike the rest of the site.
        result = await index.add_directory(path=str(site_dir), glob=PRACTICE_PAGES)
    return int(result["page_count"])


def write_search_index(site_dir: Path) -> int:
    """Index the site in `site_dir` into `site_dir/pagefind/`; returns the number of pages indexed."""
    target = site_dir / INDEX_FOLDER
    if target.exists():  # an old index would keep entries of pages that no longer exist
        shutil.rmtree(target)
    try:
        # Pagefind's Python API is async. A thread of our own gets a fresh event loop, so this
        # also works when the caller already runs one (a test driving a browser, a notebook).
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, _index(site_dir)).result()
    except Exception as e:  # Pagefind reports failures as plain exceptions from its service
        raise BuildError(f"the search index could not be built: {e}") from e
