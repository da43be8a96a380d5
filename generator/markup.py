"""What Markdown text fields may contain: Markdown, not raw HTML, and only web or mail links.

Contributions come from anyone who can open a pull request, and the site engine would pass raw
HTML in Markdown straight into the pages. Validation refuses it with a located error; rendering
neutralises it again, so that nothing slips through if validation is ever bypassed.
"""

from __future__ import annotations

import html
import re

MARKDOWN_FIELDS = ("summary", "description", "results", "transferability")
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>", re.I)
_TAG = re.compile(r"<(?=[A-Za-z/!?])[^>\n]{0,40}>?")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def _unsafe_target(raw: str) -> bool:
    # Browsers decode entities and drop tabs and line breaks in addresses: "java&#9;script:" runs.
    target = re.sub(r"[\x00-\x20]", "", html.unescape(raw.split(' "')[0]))
    if not target or target.startswith(("#", "/", "./", "../")):
        return False
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target):
        return not target.lower().startswith(SAFE_SCHEMES)
    return False  # a relative address


def markup_problems(text: str) -> list[str]:
    """What in a Markdown field is not allowed, as messages saying what to write instead."""
    problems = []
    without_autolinks = _AUTOLINK.sub("", text)
    tag = _TAG.search(without_autolinks)
    if tag:
        problems.append(
            f"contains HTML ({tag.group(0)!r}), which is not allowed; write Markdown instead, "
            "e.g. **bold**, *italic* or [a link](https://example.org)"
        )
    for target in _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text):
        if _unsafe_target(target):
            problems.append(f"links to {target.strip()[:40]!r}; a link must start with https://, http:// or mailto:")
    return problems


def neutralise(text: str) -> str:
    """Markdown with any raw HTML shown as text and unsafe link targets made harmless."""
    autolinks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        autolinks.append(match.group(0))
        return f"\x00{len(autolinks) - 1}\x00"

    kept = _AUTOLINK.sub(keep, text)
    kept = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", kept)
    kept = _INLINE_TARGET.sub(lambda m: "](#" if _unsafe_target(m.group(1)) else m.group(0), kept)
    kept = _REFERENCE_TARGET.sub(
        lambda m: m.group(0).replace(m.group(1), "#") if _unsafe_target(m.group(1)) else m.group(0), kept
    )
    return re.sub(r"\x00(\d+)\x00", lambda m: autolinks[int(m.group(1))], kept)
