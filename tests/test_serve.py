"""`kb serve` really serves the site and rebuilds it when a practice or a collection changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from generator.pipeline import Project

from .conftest import DATA


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def test_serve_rebuilds_when_a_practice_changes(three_language_project: Project) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/practices/duo-for-a-job/"
    log = three_language_project.root / "serve.log"
    three_language_project.collections_dir.mkdir()  # as in the repository: kb serve watches the folders that exist
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(three_language_project.root), "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_for(lambda: "Duo for a Job" in fetch(url), 60), log.read_text()
            source = three_language_project.practices_dir / "duo-for-a-job.yaml"
            text = source.read_text(encoding="utf-8").replace("title: Duo for a Job", "title: Duo for a Job, renamed")
            source.write_text(text, encoding="utf-8")
            assert wait_for(lambda: "Duo for a Job, renamed" in fetch(url), 60), log.read_text()
            # A new collection is a new page, without restarting the server.
            shutil.copy(DATA / "collections" / "demo.yaml", three_language_project.collections_dir / "demo.yaml")
            collection = f"http://127.0.0.1:{port}/collections/demo/"
            assert wait_for(lambda: "Duo for a Job, renamed" in fetch(collection), 60), log.read_text()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
