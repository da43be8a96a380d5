"""The only package that knows the site engine (MkDocs 1.x with Material and mkdocs-static-i18n).

Moving to another engine that reads Markdown means rewriting this package, not the pipeline.

The engine is MkDocs 1.6 by default. With KB_ENGINE=properdocs in the environment it is
ProperDocs, the maintained fork of MkDocs 1.x (pip install properdocs): ProperDocs' own
`replacement` module makes every `mkdocs` import, ours and the theme's and plugins', load
ProperDocs instead, so the same configuration, theme and plugins build the same site.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("KB_ENGINE", "mkdocs")
if ENGINE == "properdocs":
    try:
        importlib.import_module("properdocs.replacement")
    except ImportError as e:
        raise SystemExit("KB_ENGINE=properdocs, but ProperDocs is not installed: pip install properdocs") from e
elif ENGINE != "mkdocs":
    raise SystemExit(f"KB_ENGINE={ENGINE} is not an engine this project runs on; write one of: {', '.join(ENGINES)}")

import yaml  # noqa: E402 - after the engine choice, which decides what `mkdocs` is
from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402
from mkdocs.utils.yaml import get_yaml_loader  # noqa: E402

from ..errors import BuildError  # noqa: E402
from ..pages import Pages  # noqa: E402
from .plugin import KbPlugin  # noqa: E402


@dataclass(frozen=True)
class SiteSettings:
    """What the site layer needs from the engine's configuration, read once."""

    languages: tuple[str, ...]  # the interface languages configured for the i18n plugin, the default first
    site_url: str  # the published address of the site (site_url), with a trailing slash


def read_settings(config_file: Path) -> SiteSettings:
    try:
        with config_file.open(encoding="utf-8") as f:
            config: dict[str, Any] = yaml.load(f, Loader=get_yaml_loader())
    except (OSError, yaml.YAMLError) as e:
        raise BuildError(f"{config_file.name}: cannot be read ({e})") from e
    try:
        plugins = config.get("plugins") or []
        i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
        languages = [lang for lang in i18n["languages"] if lang.get("build", True)]
    except (AttributeError, StopIteration, KeyError, TypeError) as e:
        raise BuildError(f"{config_file.name}: cannot read the i18n languages ({e})") from e
    default = [lang["locale"] for lang in languages if lang.get("default")]
    others = [lang["locale"] for lang in languages if not lang.get("default")]
    site_url = str(config.get("site_url") or "http://127.0.0.1:8000/").rstrip("/") + "/"
    return SiteSettings(tuple(default + others), site_url)


def read_languages(config_file: Path) -> tuple[str, ...]:
    return read_settings(config_file).languages


@contextmanager
def _build_date(date: dt.date | None) -> Iterator[None]:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH when set (a caller's value wins)."""
    if date is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(date, dt.time(), dt.UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def build_with_engine(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    languages: Sequence[str],
    site_url: str,
    pages: Pages,
    strict: bool = True,
    date: dt.date | None = None,
) -> dict[tuple[str, str], str]:
    """Build `pages` into `site_dir`, dated `date`. With strict, any engine warning fails.

    `docs_dir` is the engine's docs folder, left empty: the plugin hands it the pages in memory.
    Returns the frame pages (pages.SitePage.frame) as the engine wrote them, {(language, address): HTML}."""
    try:
        with _build_date(date):
            config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict)
            plugin = config.plugins.get("kb")
            if not isinstance(plugin, KbPlugin):
                raise BuildError(f"{config_file.name}: the plugin `kb` is missing under `plugins`; add `- kb`")
            plugin.setup(languages, site_url, pages)
            mkdocs_build(config)
    except (MkDocsException, OSError) as e:
        raise BuildError(f"the site engine failed: {e}") from e
    return dict(plugin.frames)


def serve_with_reload(site_dir: Path, watched: list[Path], rebuild: Callable[[], None], *, host: str, port: int) -> None:
    """Serve `site_dir` and call `rebuild` when a watched file changes; browsers then reload."""
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watched:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
