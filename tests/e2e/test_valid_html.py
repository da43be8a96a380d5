"""Key pages of the built site are valid HTML, checked by the Nu Html Checker (vnu.jar) with Java.

`make test` fetches vnu.jar into the virtual environment (tests/tools/fetch_vnu.py); set VNU_JAR to
use another copy. Like the browser tests, this fails (never skips) when a part is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import REPO

# Home, catalogue, a practice in English, in Arabic (RTL), in a language it has no translation into
# (a light page) and in one it is partly translated into (notes), theme and country pages,
# collections, the help page and 404, in two languages each where the layout differs.
KEY_PAGES = (
    "index.html",
    "ar/index.html",
    "practices/index.html",
    "fr/practices/index.html",
    "practices/duo-for-a-job/index.html",
    "ar/practices/duo-for-a-job/index.html",
    "pl/practices/minimal/index.html",  # a light page
    "it/practices/red-cross-barcelona/index.html",  # title and summary translated, the rest under notes
    "themes/index.html",
    "themes/employment/index.html",
    "countries/index.html",
    "de/countries/be/index.html",
    "collections/index.html",
    "collections/european-migration-forum-2018/index.html",
    "ar/collections/european-migration-forum-2018/index.html",
    "help-translate/index.html",
    "404.html",
)


def vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR", REPO / ".venv" / "vnu.jar"))
    if java is None or not jar.is_file():
        pytest.fail(
            "The HTML check needs Java and vnu.jar. Install Java with `sudo apt-get install -y "
            "default-jre-headless` and fetch the checker with `python tests/tools/fetch_vnu.py .venv/vnu.jar` "
            "(`make test` and .ci/run do both), or point VNU_JAR at a copy.",
            pytrace=False,
        )
    return [java, "-jar", str(jar)]


def check(paths: list[Path]) -> list[dict[str, object]]:
    result = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages: list[dict[str, object]] = json.loads(result.stderr)["messages"]
    return messages


def test_key_pages_are_valid_html(built_site: Path) -> None:
    pages = [built_site / relative for relative in KEY_PAGES]
    missing = [str(p.relative_to(built_site)) for p in pages if not p.is_file()]
    assert missing == []
    errors = [
        f"{Path(str(m['url']).removeprefix('file:')).relative_to(built_site)}:{m.get('lastLine')}: {m['message']}"
        for m in check(pages)
    ]
    assert errors == []


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    """The check above can fail: a page with the faults the theme once had is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="t" autocomplete="off"><label for="missing">x</label>'
        "<h1>a</h1><h3>b</h3></body></html>",
        encoding="utf-8",
    )
    messages = check([page])
    text = "\n".join(str(m["message"]) for m in messages)
    assert "autocomplete" in text and "label" in text and "heading" in text
