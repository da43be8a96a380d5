"""The search index (generator/engine/search_index.py): Pagefind's command, a bundle per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.search_index import search_index_started
from generator.errors import BuildError

PAGE = '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head><body><div data-pagefind-body><h1>{text}</h1></div></body></html>'


def pages(folder: Path) -> Path:
    for lang, where in (("en", ""), ("fr", "fr/")):
        page = folder / f"{where}practices/one/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(lang=lang, text=f"mentoring {lang}"), encoding="utf-8")
    return folder


def test_each_language_gets_a_bundle_of_its_own(tmp_path: Path) -> None:
    with search_index_started(pages(tmp_path / "pages"), tmp_path / "pagefind", ("en", "fr")) as indexed:
        indexed()
    for lang in ("en", "fr"):
        assert (tmp_path / "pagefind" / lang / "pagefind.js").is_file()
        assert [p.name.split("_")[0] for p in (tmp_path / "pagefind" / lang).glob("pagefind.*.pf_meta")] == [f"pagefind.{lang}"]


def test_a_failing_index_is_one_line_saying_why(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    folder = pages(tmp_path / "pages")
    with pytest.raises(BuildError) as failed, search_index_started(folder, blocked / "pagefind", ("en", "fr")) as indexed:
        indexed()
    assert str(failed.value) == "the search index could not be built: Not a directory"
