"""Benchmark helpers run in headless Chromium: what a reader downloads and waits for.

Used by `python -m benchmarks.bench --browser`; needs Playwright and Debian's Chromium.
"""

from __future__ import annotations

import functools
import gzip
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

_TIME_ONE_FILTER_CLICK = """
async (id) => {
  const root = document.querySelector("[data-kb-catalogue]");
  const done = new Promise((resolve) => root.addEventListener("kb:updated", resolve, { once: true }));
  const start = performance.now();
  document.getElementById(id).click();
  await done;
  return performance.now() - start;
}
"""


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default 5 overflows when a page fetches many files at once
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser left the page before the answer was sent: not an error
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _compressed_size(url: str, body: bytes) -> int:
    # Pagefind's index files are stored gzip-compressed already; the rest a server would gzip.
    if "/pagefind/" in url and not url.endswith((".js", ".css", ".json")):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def measure_catalogue(site: Path, query: str = "training", clicks: int = 7) -> dict[str, float]:
    """Bytes to open the catalogue and to run one search, and the time of one filter update."""
    from playwright.sync_api import Response, sync_playwright

    transferred: list[tuple[int, int]] = []

    def record(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        transferred.append((len(body), _compressed_size(response.url, body)))

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", record)
        page.goto(f"{url}/practices/")
        page.wait_for_selector(".kb-result")
        page.wait_for_load_state("networkidle")
        first = list(transferred)
        transferred.clear()
        page.evaluate(
            """(q) => new Promise((resolve) => {
                const root = document.querySelector("[data-kb-catalogue]");
                root.addEventListener("kb:updated", resolve, { once: true });
                const input = document.getElementById("kb-q");
                input.value = q;
                input.closest("form").requestSubmit();
            })""",
            query,
        )
        page.wait_for_load_state("networkidle")
        searched = list(transferred)
        page.evaluate("() => { document.querySelector('.kb-clear').click(); }")
        page.wait_for_selector(".kb-result")
        box = page.locator(".kb-facet[data-facet=country] input").first.get_attribute("id")
        times = [float(page.evaluate(_TIME_ONE_FILTER_CLICK, box)) for _ in range(clicks)]
        browser.close()
    return {
        "catalogue KB": sum(raw for raw, _ in first) / 1e3,
        "catalogue KB gz": sum(gz for _, gz in first) / 1e3,
        "search KB gz": sum(gz for _, gz in searched) / 1e3,
        "filter update ms": statistics.median(times),
    }
