"""Controlled vocabularies (schema/vocabularies/*.yaml) and country and language names.

Codes are checked against pycountry (ISO 3166 and ISO 639); names shown to readers come from
babel (Unicode CLDR), which spells and capitalises them as each language does. Nobody keeps a
hand-written list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml
from babel import Locale, UnknownLocaleError

from .errors import GeneratorError


@dataclass(frozen=True)
class Term:
    code: str
    description: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.code


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: dict[str, Term]

    def label(self, code: str, lang: str) -> str:
        term = self.terms.get(code)
        return term.label(lang) if term else code


@dataclass(frozen=True)
class Vocabularies:
    themes: Vocabulary
    target_groups: Vocabulary
    organisation_types: Vocabulary
    organisation_roles: Vocabulary
    funding: Vocabulary
    scopes: Vocabulary
    statuses: Vocabulary
    evaluation_levels: Vocabulary


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )  # libyaml: ten times faster
        terms = {
            str(code): Term(str(code), str(body["description"]), {str(k): str(v) for k, v in body["labels"].items()})
            for code, body in data["terms"].items()
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise GeneratorError(f"{path}: not a readable vocabulary file ({e})") from e
    return Vocabulary(str(data.get("name", path.stem)), terms)


def load_vocabularies(folder: Path) -> Vocabularies:
    return Vocabularies(**{name: load_vocabulary(folder / f"{name}.yaml") for name in Vocabularies.__dataclass_fields__})


COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)


# Codes people write that ISO 3166 spells otherwise (the EU itself writes EL for Greece).
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


def country_code_for(text: str) -> str | None:
    """The ISO code a person probably meant by `text` ('Belgium', 'be', 'BEL', 'UK'), if any."""
    t = text.strip()
    if t.upper() in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[t.upper()]
    if t.upper() in COUNTRY_CODES:
        return t.upper()
    try:
        country = pycountry.countries.lookup(t)
    except LookupError:
        try:
            matches = pycountry.countries.search_fuzzy(t)
        except LookupError:
            return None
        return str(matches[0].alpha_2) if len(matches) == 1 else None
    return str(country.alpha_2)


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def country_name(code: str, lang: str) -> str:
    """Name of country `code` (ISO 3166-1 alpha-2) in language `lang`."""
    for locale in (_locale(lang), _locale("en")):
        if locale is not None and code in locale.territories:
            return str(locale.territories[code])
    return code


def language_name(code: str, lang: str) -> str:
    """Name of language `code` (a BCP 47 tag) in language `lang`, as written inside a sentence."""
    primary = code.split("-")[0]
    for locale in (_locale(lang), _locale("en")):
        if locale is not None and primary in locale.languages:
            return str(locale.languages[primary])
    return code


def is_known_language(code: str) -> bool:
    primary = code.split("-")[0]
    return bool(pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary))


def text_direction(lang: str) -> str:
    """ "rtl" for languages written right to left (ar, fa, he...), else "ltr"."""
    locale = _locale(lang)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"
