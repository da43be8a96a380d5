"""`kb new`: a new practice file from a template, with an id made from the title."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence

TEMPLATE = """\
# yaml-language-server: $schema=../schema/practice.schema.json
# A new practice. Fill in every field, then run `kb validate {id_}`.
# Each field is described in schema/practice.schema.json; terms for themes, target groups and
# organisation types are listed in schema/vocabularies/.
id: {id_}
schema_version: 1
language: {language}  # language of the text below (en, fr, de...)
title: {title}
summary: >-
  One to three sentences: what the practice does, for whom, where.
description: |
  What the practice does and how it works. Plain text or Markdown; blank lines between
  paragraphs.
countries: [{countries}]  # ISO codes; write Norway as "NO" in quotes
scope: local  # local, regional, national, cross-border or european
themes: [{themes}]  # terms from schema/vocabularies/themes.yaml
target_groups: [refugees]
organisations:
  - name: Name of the organisation that runs it
    type: ngo
    role: lead
status: active  # active, ended or mainstreamed
links: []  # - title: Project website
           #   url: https://example.org/
sources:
  - title: Title of the report or page the facts come from
    publisher: Who published it
    year: {year}
last_reviewed: "{today}"
"""


def make_id(title: str) -> str:
    """A file-name-safe id: ASCII letters and digits, lower case, joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:80].strip("-")


def render_new_practice(
    title: str, language: str, today: dt.date, countries: Sequence[str] = ("BE",), themes: Sequence[str] = ("employment",)
) -> tuple[str, str]:
    """The id and text of a new practice file."""
    ident = make_id(title)
    text = TEMPLATE.format(
        id_=ident,
        title=json.dumps(title, ensure_ascii=False),
        language=language,
        year=today.year,
        today=today.isoformat(),
        # Quoted, so that Norway's code stays text.
        countries=", ".join(f'"{c}"' for c in countries),
        themes=", ".join(themes),
    )
    return ident, text
