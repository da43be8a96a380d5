"""The project's MkDocs plugin: what the site needs from the engine, on the engine's documented events.

`on_env` gives the templates `kb_policy(base_url)`, the page's Content-Security-Policy. The
policy allows scripts from this site and, for the theme's few inline scripts, their SHA-256
hashes. Those hashes are computed here from the theme's script partials, rendered for the
page's `base_url` (the only value they contain), before any content exists: a script that
reaches a page through content is never hashed, so the browser refuses to run it. Styles come
only from the site's stylesheets (`style-src 'self'`, no 'unsafe-inline'): neither the theme's
templates nor ours write a style attribute, and the theme's scripts set styles through the DOM,
which the policy does not restrict; a `style` attribute that content brought would be ignored.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from typing import Any

from jinja2 import Environment, TemplateError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

# The theme's partials with inline scripts that base.html includes with this project's settings
# (Material 9; announce, outdated and consent are off). A theme update that adds one shows as a
# refused script in the browser tests and in the console.
SCRIPT_PARTIALS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: list[str]) -> str:
    """The Content-Security-Policy of a page whose inline scripts have these hashes."""
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(set(hashes))]),
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def template_script_hashes(env: Environment, context: dict[str, Any]) -> list[str]:
    """The hashes of the inline scripts the theme's script partials write with `context`."""
    hashes = []
    for name in SCRIPT_PARTIALS:
        try:
            text = env.get_template(name).render(**context)
        except TemplateError:  # a partial this theme version does not have
            continue
        hashes += [script_hash(body) for body in _INLINE_SCRIPT.findall(text)]
    return hashes


class KbPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Registered as `kb` (pyproject.toml, entry point mkdocs.plugins); listed under `plugins` in mkdocs.yml."""

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        @cache
        def kb_policy(base_url: str) -> str:
            return policy(template_script_hashes(env, {"config": config, "base_url": base_url}))

        env.globals["kb_policy"] = kb_policy
        return env
