"""Stage 4, render: pages filled into frames that the engine renders once.

What the theme puts around a page depends only on the page's language, its table of contents,
the sidebars it hides and, for the pages of the navigation, which one it is; never on the
practices: the engine renders one frame page for each such kind (a handful per language) with
placeholders for the title, the description and the content, and the build fills a copy of the
frame for each page, in memory. The frame's own address, written by the theme into the
canonical link and the language switcher, becomes the page's; frames sit beside the pages they
frame (at ids no practice may take), so every relative link holds. Light pages
(render_light.py) are pages like the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from markupsafe import escape

from .errors import BuildError
from .model import RESERVED_ID_PREFIX
from .pages import Pages, Section, SitePage
from .templates import TEMPLATES_DIR, render_template

TITLE = "KB-FRAME-TITLE"
DESCRIPTION = "KB-FRAME-DESCRIPTION"
# The frame's content (site_overrides/kb/frame.html): Material adds no title of its own to a page
# whose content has an h1.
CONTENT = render_template(TEMPLATES_DIR, "frame.html", title=TITLE).rstrip("\n")


# The pages of the engine's navigation (mkdocs.yml, `nav`): the theme marks each one as the
# current page in its own menus, so each has a frame of its own, at its own address, holding its
# title (an interface text, shown in every page's menus); only its content is filled in.
NAVIGATION = ("", "practices/", "themes/", "countries/", "collections/", "help-translate/")

FrameKey = tuple[str, str, SitePage]  # language, address, the frame: what the engine renders


def plan_frames(pages: Pages) -> tuple[Pages, dict[tuple[str, str], str]]:
    """The frames the engine renders, and for each page, the address of its frame (in the same
    language). Every other page is a folder of a folder (practices/x/, themes/x/, all-practices/2/),
    and its frame a folder beside it (practices/kb-frame-1/), so the theme's relative links are
    the same for both. Ids, codes and numbers never start with kb- (validate.py refuses them)."""
    rendered: Pages = {}
    kind_of: dict[tuple[str, str], tuple[str, str, tuple[str, ...], tuple[Section, ...], bool]] = {}
    frame_of: dict[tuple[str, str], str] = {}
    for (lang, address), page in pages.items():
        if address in NAVIGATION:
            rendered[(lang, address)] = SitePage(page.title, CONTENT, page.description, page.hide, page.toc, frame=True)
            frame_of[(lang, address)] = address
        else:
            folder, _, rest = address.partition("/")
            assert rest.count("/") == 1, address
            kind_of[(lang, address)] = (lang, folder, page.hide, page.toc, bool(page.description))
    # Numbered in the order of their kinds, not of the pages: a frame keeps its address when
    # pages come and go (kb serve keeps the frames of the build before, by address).
    kinds = sorted(set(kind_of.values()), key=lambda k: (k[0], k[1], k[2], [(s.id, s.title) for s in k[3]], k[4]))
    frame_address = {}
    for number, (lang, folder, hide, toc, described) in enumerate(kinds, start=1):
        frame_address[(lang, folder, hide, toc, described)] = address = f"{folder}/{RESERVED_ID_PREFIX}frame-{number}/"
        rendered[(lang, address)] = SitePage(TITLE, CONTENT, DESCRIPTION if described else "", hide, toc, frame=True)
    for key, kind in kind_of.items():
        frame_of[key] = frame_address[kind]
    return rendered, frame_of


def fill_frame(frame: str, frame_address: str, page: SitePage, address: str) -> str:
    """The page at `address`: its frame as the engine wrote it, with the page in it."""
    if frame.count(CONTENT) != 1 or frame_address not in frame:
        raise BuildError(
            f"{frame_address}index.html: the engine did not keep the placeholders of the frame pages; see generator/frames.py"
        )
    filled = frame.replace(CONTENT, page.body)
    # The theme printed the placeholders where it prints a page's title and description, raw; the
    # page's own go there escaped by markupsafe, the escaping of the project's autoescaped templates
    # (the engine package escapes the metadata of the pages it renders itself the same way).
    filled = filled.replace(TITLE, str(escape(page.title))).replace(DESCRIPTION, str(escape(page.description)))
    return filled.replace(frame_address, address)


def fill_frames(
    frames: Mapping[tuple[str, str], str], frame_of: Mapping[tuple[str, str], str], pages: Pages
) -> Iterator[tuple[tuple[str, str], str]]:
    """((language, address), HTML) of every framed page, made as they are taken (a site's pages
    together are hundreds of megabytes); a missing frame is reported at once."""
    missing = sorted({(lang, frame) for (lang, _), frame in frame_of.items() if (lang, frame) not in frames})
    if missing:
        lang, frame = missing[0]
        raise BuildError(
            f"the engine rendered no page {frame}index.html in {lang}: did mkdocs.yml change during the build? build again"
        )
    return (
        ((lang, address), fill_frame(frames[(lang, frame)], frame, pages[(lang, address)], address))
        for (lang, address), frame in frame_of.items()
    )
