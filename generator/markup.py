"""What Markdown text fields may contain, and the one converter that turns them into HTML.

Contributions come from anyone who can open a pull request. Validation refuses raw HTML,
attribute lists (`{: onclick=... }`), images and links that are not web or mail addresses,
with a located error. Rendering does not rely on that: `render_markdown` converts contributor
Markdown with its own Python-Markdown instance, with no extension at all, raw HTML switched off
(shown as text), images shown as their text, and every link checked again; the result is a
fragment of HTML the site can place as it is.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

MARKDOWN_FIELDS = ("summary", "description", "results", "transferability")
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>", re.I)
_TAG = re.compile(r"<(?=[A-Za-z/!?])[^>\n]{0,40}>?")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
# The attribute-list syntax of Python-Markdown's attr_list extension: `{: .class #id key=value }`
# or `{ key=value }` at the end of a line or after an element. The site never enables it for
# contributor text, but a contributor who writes it expects an effect that will not happen.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[.#][\w-]|[\w-]+[ \t]*=)[^{}\n]*\}")
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[\[(]")


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
        elif target.strip().lower().startswith(("http://", "https://")) and safe_href(target.split(' "')[0].strip()) is None:
            problems.append(f"links to {target.strip()[:40]!r}, which is not a valid web address; check the part after https://")
    attrs = _ATTR_LIST.search(text)
    if attrs:
        problems.append(f"contains {attrs.group(0)[:40]!r}, an attribute list, which is not allowed; remove it")
    if _IMAGE.search(text):
        problems.append("contains an image (`![...](...)`), which is not allowed; write a link instead: [text](https://...)")
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


def safe_href(address: str) -> str | None:
    """`address` if a browser would follow it to a web page, a mail address or a place on this site; else None."""
    target = re.sub(r"[\x00-\x20]", "", address)
    if not target:
        return None
    if target.startswith(("#", "/", "./", "../")) and not target.startswith("//"):
        return address
    try:
        parts = urlsplit(target)
    except ValueError:  # a malformed host ("https://example.org[", "https://[a]"): no address to follow
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return address if parts.netloc else None
    if scheme == "mailto":
        return address
    return None if scheme or ":" in target.split("/")[0] else address


class _SafeTree(Treeprocessor):  # type: ignore[misc]
    """Links only to web, mail or local addresses; no images (the site loads nothing from other origins)."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for i, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = etree.Element("span")
                    span.text = child.get("alt") or ""
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(i, span)
        for link in root.iter("a"):
            href = safe_href(link.get("href", ""))
            for name in list(link.attrib):
                if name != "href":
                    del link.attrib[name]
            if href is None:
                link.attrib.pop("href", None)
            else:
                link.set("href", href)


# Python-Markdown looks for each inline pattern all along every paragraph. Four of its expressions
# start with a lookbehind, which keeps the regular-expression engine from skipping ahead to the
# characters they need: on plain prose they took 60 % of a conversion (measured: 290 of 480 us for
# a paragraph of 150 words). The same expressions starting with those characters find the same
# matches (tests/test_markup.py compares with Python-Markdown's own on generated text), 6 to 15 times
# faster. {pattern name: (Python-Markdown's expression, the same starting with what it matches)}
FASTER_INLINE = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", r"(?=[\\`])(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"),
    "reference": (r"(?<!\!)\[", r"\[(?<=(?<!\!)\[)"),
    "link": (r"(?<!\!)\[", r"\[(?<=(?<!\!)\[)"),
    "short_reference": (r"(?<!\!)\[", r"\[(?<=(?<!\!)\[)"),
}


def _make_converter(*, faster: bool = True) -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # Raw HTML is shown as text: the block and inline HTML readers are removed, so "<" reaches
    # the serialiser as a character and is escaped there.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeTree(md), "kb_safe", 0)
    for name, (theirs, ours) in FASTER_INLINE.items() if faster else ():
        pattern = md.inlinePatterns[name]
        if pattern.pattern == theirs:  # another version of Python-Markdown keeps its own
            pattern.compiled_re = re.compile(ours, pattern.compiled_re.flags)
    return md


_local = threading.local()


def render_markdown(text: str) -> str:
    """Contributor Markdown as a fragment of safe HTML: paragraphs, lists, emphasis, web links."""
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _make_converter()
    md.reset()
    return str(md.convert(text))
