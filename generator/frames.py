"""Stage 4, render: practice pages filled into frames that the engine renders once.

What the theme puts around a practice page depends only on the page's language, its table of
contents and the sidebars it hides, never on the practice: the engine renders one frame page for
each such kind (a handful per language) with placeholders for the title, the description and the
content, and the build fills a copy of the frame for each practice, in memory. The frame's own
address, written by the theme into the canonical link and the language switcher, becomes the
practice's; frames are practice pages themselves (at ids no practice may take), so every
relative link holds. Light
pages (render_light.py) are made the same way from a frame of their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import escape

from .errors import BuildError
from .model import RESERVED_ID_PREFIX
from .pages import Pages, SitePage

TITLE = "KB-FRAME-TITLE"
DESCRIPTION = "KB-FRAME-DESCRIPTION"
# Material adds no title of its own to a page whose content has an h1.
CONTENT = f'<div class="kb-frame">\n<h1>{TITLE}</h1>\n</div>'


def is_framed(address: str) -> bool:
    """Whether the page at `address` is filled into a frame: a practice's page."""
    return address.startswith("practices/") and address.count("/") == 2


def plan_frames(pages: Pages) -> tuple[Pages, dict[tuple[str, str], str]]:
    """The pages the engine renders (the frames instead of the framed pages), and for each framed
    page, the address of its frame (in the same language)."""
    rendered: Pages = {}
    kinds: dict[tuple[str, tuple[str, ...], tuple[object, ...], bool], str] = {}
    frame_of: dict[tuple[str, str], str] = {}
    for (lang, address), page in pages.items():
        if not is_framed(address) or page.frame:
            rendered[(lang, address)] = page
            continue
        kind = (lang, page.hide, page.toc, bool(page.description))
        if kind not in kinds:
            kinds[kind] = f"practices/{RESERVED_ID_PREFIX}frame-{len(kinds) + 1}/"
            rendered[(lang, kinds[kind])] = SitePage(
                TITLE, CONTENT, DESCRIPTION if page.description else "", page.hide, page.toc, frame=True
            )
        frame_of[(lang, address)] = kinds[kind]
    return rendered, frame_of


def fill_frame(frame: str, frame_address: str, page: SitePage, address: str) -> str:
    """The page at `address`: its frame as the engine wrote it, with the page in it."""
    if frame.count(CONTENT) != 1 or TITLE not in frame or frame_address not in frame:
        raise BuildError(
            f"{frame_address}index.html: the engine did not keep the placeholders of the frame pages; see generator/frames.py"
        )
    filled = frame.replace(CONTENT, page.body)
    # Escaped as the engine package escapes the metadata of the pages it renders itself.
    filled = filled.replace(TITLE, str(escape(page.title))).replace(DESCRIPTION, str(escape(page.description)))
    return filled.replace(frame_address, address)


def fill_frames(
    frames: Mapping[tuple[str, str], str], frame_of: Mapping[tuple[str, str], str], pages: Pages
) -> dict[tuple[str, str], str]:
    """{(language, address): HTML} of every framed page."""
    return {
        (lang, address): fill_frame(frames[(lang, frame)], frame, pages[(lang, address)], address)
        for (lang, address), frame in frame_of.items()
    }
