"""Site layer: the HTML the project writes itself comes from Jinja templates with autoescaping.

The templates are in `site_overrides/kb/`, beside the theme overrides. Every value given to them
is escaped unless a template says otherwise, so contributor text can only ever be text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

# This repository's templates; a build uses its project's (SiteContext.templates_dir).
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "site_overrides" / "kb"


@cache
def environment(folder: Path) -> Environment:
    return Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def render_template(folder: Path, name: str, **data: Any) -> str:
    """Template `name` of `folder` filled with `data`, every value escaped."""
    return environment(folder).get_template(name).render(**data)


def template_macro(folder: Path, name: str, macro: str) -> Callable[..., Markup]:
    """Macro `macro` of template `name` of `folder`: called from Python, it returns its HTML, every value escaped."""
    made: Callable[..., Markup] = getattr(environment(folder).get_template(name).module, macro)
    return made


def safe(html: str) -> Markup:
    """HTML the project made safe already (markup.render_markdown, another fragment), not to be escaped again."""
    return Markup(html)
