"""Render stage, data for the catalogue's browsing without a search term.

Pagefind answers a filter-only query by loading every chunk of its word index (464 KB for
1,000 practices, measured), which does not scale. So the catalogue browses with a compact
index of its own: per language, the practice ids in title order with, for each facet, the
indices of their values; and one small file per practice with what a result shows.
Pagefind is loaded only when the reader types search words.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .facets import Facet
from .model import Practice
from .vocabulary import Vocabularies, country_name

# /catalogue/<lang>/index.json, /catalogue/<lang>/cards/<id>.json and /catalogue/<lang>/all-cards.json
DATA_FOLDER = "catalogue"


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def render_browse_index(practices: Sequence[Practice], facets: Sequence[Facet], lang: str) -> str:
    """{"facets": [...], "values": {facet: [codes]}, "ids": [...], "rows": [[[value index, ...] per facet], ...]}"""
    ordered = sorted(practices, key=lambda p: (p.title(lang).casefold(), p.id))
    values = {f.key: sorted({code for p in ordered for code in f.values(p)}) for f in facets}
    position = {key: {code: i for i, code in enumerate(codes)} for key, codes in values.items()}
    rows = [[[position[f.key][code] for code in f.values(p)] for f in facets] for p in ordered]
    return _dumps({"facets": [f.key for f in facets], "values": values, "ids": [p.id for p in ordered], "rows": rows})


def result_card(practice: Practice, vocab: Vocabularies, lang: str) -> dict[str, object]:
    """What one result shows: title (with its language), summary, countries and themes."""
    title = practice.text("title", lang)
    summary = practice.text("summary", lang)
    assert title is not None and summary is not None
    return {
        "title": title.text,
        "titleLang": title.lang,
        "summary": " ".join(summary.text.split()),
        "summaryLang": summary.lang,
        "countries": ", ".join(country_name(c, lang) for c in practice.countries),
        "themes": ", ".join(vocab.themes.label(t, lang) for t in practice.themes),
        "unreviewed": practice.unreviewed(lang),
    }


def render_result_cards(practices: Sequence[Practice], vocab: Vocabularies, languages: Sequence[str]) -> dict[str, str]:
    """The result card of each practice in each language, a file each: {path inside the site: JSON
    text}. Written by the process that builds the practice's pages (build.build_share)."""
    return {
        f"{DATA_FOLDER}/{lang}/cards/{practice.id}.json": _dumps(result_card(practice, vocab, lang))
        for lang in languages
        for practice in practices
    }


def render_catalogue_data(
    practices: Sequence[Practice], facets: Sequence[Facet], vocab: Vocabularies, languages: Sequence[str]
) -> dict[str, str]:
    """The catalogue's data files of each language but the result cards (render_result_cards):
    its browsing index, and every card in one file, fetched only to download a view's results."""
    files: dict[str, str] = {}
    for lang in languages:
        files[f"{DATA_FOLDER}/{lang}/index.json"] = render_browse_index(practices, facets, lang)
        files[f"{DATA_FOLDER}/{lang}/all-cards.json"] = _dumps({p.id: result_card(p, vocab, lang) for p in practices})
    return files
