"""The facets readers filter by: which values a practice has and how each value is labelled.

Shared by the practice pages (which carry the values for the search index) and the catalogue
(which labels them in the reader's language). Codes go into the index; labels never do, so
one index serves every label language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Practice
from .vocabulary import Vocabularies, Vocabulary, country_name


@dataclass(frozen=True)
class Facet:
    key: str  # name in the search index and in the catalogue URL (?country=BE)
    title_key: str  # interface string naming the facet
    values: Callable[[Practice], tuple[str, ...]]
    label: Callable[[str, str], str]  # (code, language) -> label


def _start_decade(practice: Practice) -> tuple[str, ...]:
    if practice.period is None:
        return ()
    year = int(practice.period.start[:4])
    return (str(year - year % 10),)


def _decade_label(code: str, lang: str) -> str:
    return f"{code}\u2013{int(code) + 9}"


def _vocabulary_label(vocabulary: Vocabulary) -> Callable[[str, str], str]:
    return vocabulary.label


def make_facets(vocab: Vocabularies) -> tuple[Facet, ...]:
    return (
        Facet("country", "facet_country", lambda p: p.countries, country_name),
        Facet("theme", "facet_theme", lambda p: p.themes, _vocabulary_label(vocab.themes)),
        Facet("target", "facet_target", lambda p: p.target_groups, _vocabulary_label(vocab.target_groups)),
        Facet(
            "organisation",
            "facet_organisation",
            lambda p: tuple(dict.fromkeys(o.type for o in p.organisations)),
            _vocabulary_label(vocab.organisation_types),
        ),
        Facet("funding", "facet_funding", lambda p: p.funding, _vocabulary_label(vocab.funding)),
        Facet("status", "facet_status", lambda p: (p.status,), _vocabulary_label(vocab.statuses)),
        Facet(
            "evaluation",
            "facet_evaluation",
            lambda p: (p.evaluation.level,) if p.evaluation else (),
            _vocabulary_label(vocab.evaluation_levels),
        ),
        Facet("decade", "facet_decade", _start_decade, _decade_label),
    )


def facet_labels(facets: Iterable[Facet], practices: Iterable[Practice], lang: str) -> dict[str, dict[str, str]]:
    """{facet key: {code: label}} for every value some practice has, in `lang`."""
    items = list(practices)
    labels: dict[str, dict[str, str]] = {}
    for facet in facets:
        codes = sorted({code for p in items for code in facet.values(p)})
        labels[facet.key] = {code: facet.label(code, lang) for code in codes}
    return labels
