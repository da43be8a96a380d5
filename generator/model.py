"""Stage 3, model: frozen dataclasses built only from data that passed validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT_FIELDS = ("title", "summary", "description", "results", "transferability")


# Practice and collection ids that would name pages of the site itself (frames.py): refused.
RESERVED_ID_PREFIX = "kb-"


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    role: str
    url: str | None = None


@dataclass(frozen=True)
class Period:
    start: str
    end: str | None = None


@dataclass(frozen=True)
class Evaluation:
    level: str
    summary: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    year: int
    url: str | None = None


@dataclass(frozen=True)
class LocalizedText:
    """One text field in the language asked for, or in the original language when untranslated."""

    text: str
    lang: str
    translated: bool  # False when `lang` is not the language that was asked for


@dataclass(frozen=True)
class Practice:
    id: str
    language: str
    texts: Mapping[str, Mapping[str, str]]  # language -> field -> text, original language included
    countries: tuple[str, ...]
    scope: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    organisations: tuple[Organisation, ...]
    status: str
    links: tuple[Link, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    places: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    period: Period | None = None
    evaluation: Evaluation | None = None
    contact: str | None = None
    aliases: tuple[str, ...] = ()
    reviewed: Mapping[str, bool] = field(default_factory=dict)  # translation language -> reviewed by a native speaker
    source_file: str = field(default="", compare=False)

    def unreviewed(self, lang: str) -> bool:
        """Whether the page in `lang` shows a translation that no native speaker has reviewed yet."""
        return lang != self.language and lang in self.texts and not self.reviewed.get(lang, False)

    def text(self, name: str, lang: str) -> LocalizedText | None:
        """Field `name` in `lang`, falling back to the original language."""
        wanted = self.texts.get(lang, {}).get(name)
        if wanted is not None:
            return LocalizedText(wanted, lang, True)
        original = self.texts[self.language].get(name)
        if original is None:
            return None
        return LocalizedText(original, self.language, lang == self.language)

    def title(self, lang: str) -> str:
        found = self.text("title", lang)
        assert found is not None  # title is required
        return found.text


def build_practice(data: Mapping[str, Any], source_file: str = "") -> Practice:
    """Build the model of one practice from validated data."""
    texts: dict[str, dict[str, str]] = {data["language"]: {k: data[k] for k in TEXT_FIELDS if k in data}}
    for lang, fields in (data.get("translations") or {}).items():
        texts[lang] = {k: v for k, v in fields.items() if k in TEXT_FIELDS}
    period = data.get("period")
    evaluation = data.get("evaluation")
    return Practice(
        id=data["id"],
        language=data["language"],
        texts=texts,
        countries=tuple(data["countries"]),
        scope=data["scope"],
        themes=tuple(data["themes"]),
        target_groups=tuple(data["target_groups"]),
        organisations=tuple(Organisation(o["name"], o["type"], o["role"], o.get("url")) for o in data["organisations"]),
        status=data["status"],
        links=tuple(Link(x["title"], x["url"]) for x in data["links"]),
        sources=tuple(Source(s["title"], s["publisher"], s["year"], s.get("url")) for s in data["sources"]),
        last_reviewed=data["last_reviewed"],
        places=tuple(data.get("places") or ()),
        funding=tuple(data.get("funding") or ()),
        period=Period(str(period["start"]), str(period["end"]) if "end" in period else None) if period else None,
        evaluation=Evaluation(evaluation["level"], evaluation.get("summary"), evaluation.get("url")) if evaluation else None,
        contact=data.get("contact"),
        aliases=tuple(data.get("aliases") or ()),
        reviewed={lang: bool(fields.get("reviewed", False)) for lang, fields in (data.get("translations") or {}).items()},
        source_file=source_file,
    )


@dataclass(frozen=True)
class Collection:
    """A curated, ordered list of practices, e.g. those presented at a conference."""

    id: str
    language: str
    texts: Mapping[str, Mapping[str, str]]  # language -> title / description
    notes: Mapping[str, Mapping[str, str]]  # language -> practice id -> curator's note
    organiser: str
    date: str
    practice_ids: tuple[str, ...]
    event: str | None = None
    reviewed: Mapping[str, bool] = field(default_factory=dict)  # translation language -> reviewed by a native speaker
    source_file: str = field(default="", compare=False)

    def unreviewed(self, lang: str) -> bool:
        """Whether the page in `lang` shows a translation that no native speaker has reviewed yet."""
        return lang != self.language and lang in self.texts and not self.reviewed.get(lang, False)

    def text(self, name: str, lang: str) -> LocalizedText:
        wanted = self.texts.get(lang, {}).get(name)
        if wanted is not None:
            return LocalizedText(wanted, lang, True)
        return LocalizedText(self.texts[self.language][name], self.language, lang == self.language)

    def note(self, practice_id: str, lang: str) -> LocalizedText | None:
        wanted = self.notes.get(lang, {}).get(practice_id)
        if wanted is not None:
            return LocalizedText(wanted, lang, True)
        original = self.notes.get(self.language, {}).get(practice_id)
        return LocalizedText(original, self.language, lang == self.language) if original is not None else None


def practice_to_data(practice: Practice) -> dict[str, Any]:
    """The data of a practice as its file would hold it: the inverse of build_practice."""
    original = practice.texts[practice.language]
    data: dict[str, Any] = {"id": practice.id}
    if practice.aliases:
        data["aliases"] = list(practice.aliases)
    data.update(schema_version=1, language=practice.language)
    data.update({name: original[name] for name in TEXT_FIELDS if name in original})
    data["countries"] = list(practice.countries)
    if practice.places:
        data["places"] = list(practice.places)
    data.update(scope=practice.scope, themes=list(practice.themes), target_groups=list(practice.target_groups))
    data["organisations"] = [
        {"name": o.name, "type": o.type, "role": o.role, **({"url": o.url} if o.url else {})} for o in practice.organisations
    ]
    if practice.funding:
        data["funding"] = list(practice.funding)
    if practice.period:
        period: dict[str, Any] = {"start": _year_or_text(practice.period.start)}
        if practice.period.end:
            period["end"] = _year_or_text(practice.period.end)
        data["period"] = period
    data["status"] = practice.status
    if practice.evaluation:
        ev = practice.evaluation
        data["evaluation"] = {
            "level": ev.level,
            **({"summary": ev.summary} if ev.summary else {}),
            **({"url": ev.url} if ev.url else {}),
        }
    data["links"] = [{"title": x.title, "url": x.url} for x in practice.links]
    data["sources"] = [
        {"title": s.title, "publisher": s.publisher, "year": s.year, **({"url": s.url} if s.url else {})}
        for s in practice.sources
    ]
    if practice.contact:
        data["contact"] = practice.contact
    data["last_reviewed"] = practice.last_reviewed
    translations = {
        lang: {"reviewed": practice.reviewed.get(lang, False), **fields}
        for lang, fields in practice.texts.items()
        if lang != practice.language
    }
    if translations:
        data["translations"] = translations
    return data


def _year_or_text(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def build_collection(data: Mapping[str, Any], source_file: str = "") -> Collection:
    """Build the model of one collection from validated data."""
    language = data["language"]
    texts: dict[str, dict[str, str]] = {language: {"title": data["title"], "description": data["description"]}}
    notes: dict[str, dict[str, str]] = {language: {p["id"]: p["note"] for p in data["practices"] if "note" in p}}
    for lang, fields in (data.get("translations") or {}).items():
        texts[lang] = {k: fields[k] for k in ("title", "description") if k in fields}
        notes[lang] = dict(fields.get("notes") or {})
    return Collection(
        id=data["id"],
        language=language,
        texts=texts,
        notes=notes,
        organiser=data["organiser"],
        date=data["date"],
        practice_ids=tuple(p["id"] for p in data["practices"]),
        event=data.get("event"),
        reviewed={lang: bool(fields.get("reviewed", False)) for lang, fields in (data.get("translations") or {}).items()},
        source_file=source_file,
    )
