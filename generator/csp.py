"""Build stage helper: a Content-Security-Policy in every page, allowing only this site.

Scripts run only from this origin or, for the theme's few inline scripts, by their SHA-256
hash, computed page by page after the engine has written them. JSON blocks (type
application/json or ld+json) are data, not scripts, and need no hash. Pagefind compiles
WebAssembly ('wasm-unsafe-eval') and runs a worker from this origin.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPES = re.compile(r'\btype="application/(?:ld\+)?json"', re.I)


def policy_for(html: str) -> str:
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
            for attrs, body in _INLINE_SCRIPT.findall(html)
            if not _DATA_TYPES.search(attrs)
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    ).replace("  ", " ")


def add_policy(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head>", "<head>\n" + meta, html, count=1, flags=re.I)
