"""Site layer: a page of the site as the engine receives it, one per address and language.

The render modules say which pages exist and fill them from the model through the project's
templates (site_overrides/kb/, autoescaped); the engine package frames them in the theme. A page
is data: its title and description as text, the theme parts it does without, the sections of its
table of contents and its content as HTML. No Markdown is involved.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A heading of the page's content, listed in its table of contents."""

    id: str
    title: str


@dataclass(frozen=True)
class SitePage:
    title: str  # text: the theme writes it in <title> and in its header, escaped by the engine package
    body: str  # HTML made by the project's templates
    description: str = ""  # text, for <meta name="description">
    hide: tuple[str, ...] = ()  # the theme's "navigation" and "toc" sidebars, hidden on this page
    toc: tuple[Section, ...] = ()
    frame: bool = False  # a frame (frames.py): the engine keeps it in memory for the build to fill


# Every page of a site: {(language, address): page}; addresses as in urls.py ("" is the home page).
Pages = dict[tuple[str, str], SitePage]
