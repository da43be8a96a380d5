"""Stage 2, validate: the JSON Schema and the checks across files, as problems people can act on.

jsonschema reports JSON paths; each error is mapped back to the YAML node it came from, so
every problem names a line and a column, and is rewritten to say what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fastjsonschema
import jsonschema
import yaml

from .errors import GeneratorError, Problem
from .load import ID_FILE_NAME, Entry, find_node, slug_for
from .markup import MARKDOWN_FIELDS, markup_problems
from .model import RESERVED_ID_PREFIX
from .vocabulary import country_code_for, is_known_language

# What a list of terms is called in messages, and where its terms are defined.
_VOCABULARY_OF_FIELD = {
    "themes": ("theme", "schema/vocabularies/themes.yaml"),
    "target_groups": ("target group", "schema/vocabularies/target_groups.yaml"),
    "type": ("organisation type", "schema/vocabularies/organisation_types.yaml"),
    "role": ("role", "schema/vocabularies/organisation_roles.yaml"),
    "funding": ("funding instrument", "schema/vocabularies/funding.yaml"),
    "scope": ("scope", "schema/vocabularies/scopes.yaml"),
    "status": ("status", "schema/vocabularies/statuses.yaml"),
    "level": ("evaluation level", "schema/vocabularies/evaluation_levels.yaml"),
}

# How to write a value that does not match its pattern, by field name.
_PATTERN_HINTS = {
    "id": "use lower-case letters, digits and single hyphens, e.g. duo-for-a-job",
    "language": "write a language code such as en, fr, de or pt-BR",
    "url": "write a full address starting with https:// (or http://), with spaces, quotes, < > and ( ) percent-encoded (%20, %22, %3C, %3E, %28, %29)",
    "start": 'write a year between 1900 and 2099 such as 2016, or a year and month in quotes such as "2016-09"',
    "end": 'write a year between 1900 and 2099 such as 2019, or a year and month in quotes such as "2019-06"',
    "last_reviewed": 'write the date as "YYYY-MM-DD" in quotes, with a year between 2000 and 2099, e.g. "2026-11-23"',
    "date": 'write the date as "YYYY-MM-DD" in quotes, with a year between 2000 and 2099, e.g. "2018-03-06"',
    "contact": "write an organisation's contact page (https://...) or a generic e-mail address such as info@example.org",
}

_KIND = {bool: "a yes/no value", int: "a number", float: "a number", type(None): "an empty value"}
_JSON_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_TYPE_HINTS = {
    "array": "write a list, e.g. [a, b] or one `- item` per line below",
    "object": "write its fields indented on the lines below",
    "integer": "write a whole number without quotes",
}


@dataclass(frozen=True)
class Checker:
    """The practice schema with its validator, built once per run (30x faster than per file),
    and the quick test that lets valid files skip the validator (see quick_test)."""

    schema: dict[str, Any]
    validator: jsonschema.protocols.Validator
    quick: Callable[[Any], bool] | None = None


def make_checker(schema_path: Path) -> Checker:
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        raise GeneratorError(f"{schema_path}: the schema cannot be used ({e})") from e
    return Checker(schema, jsonschema.Draft7Validator(schema), quick_test(schema))


def quick_test(schema: Any) -> Callable[[Any], bool] | None:
    """A test that passes data the schema accepts, or None if it cannot be made for this schema.

    jsonschema creates a validator object for each part of the schema it enters: on thousands of
    valid files it was the slowest stage. fastjsonschema compiles the schema into Python once and
    answers for valid files about twenty times faster; what it does not pass goes to jsonschema,
    which decides and explains. It neither fills in defaults nor checks formats, like jsonschema
    (tests/test_validate.py compares the two on generated data)."""
    try:
        compiled = fastjsonschema.compile(schema, use_default=False, use_formats=False)
    except fastjsonschema.JsonSchemaDefinitionException:
        return None

    def test(instance: Any) -> bool:
        try:
            compiled(instance)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return test


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check_entry(entry: Entry, checker: Checker) -> list[Problem]:
    found: dict[tuple[str | int, ...], Problem] = {}
    surely_valid = checker.quick is not None and checker.quick(entry.data)
    errors = [] if surely_valid else sorted(checker.validator.iter_errors(entry.data), key=_error_rank)
    for error in errors:
        for path, node, message in _explain(error, entry, checker.schema):
            # One problem per place: a `NO` in countries fails both `type` and `enum`; the
            # first (best ranked) explanation is the useful one.
            found.setdefault(path, _problem(entry, node, path, message))
    schema_ok = not found
    for path, node, message in _semantic_checks(entry, schema_ok):
        found.setdefault(path, _problem(entry, node, path, message))
    return list(found.values())


def _error_rank(error: jsonschema.ValidationError) -> tuple[list[str], int]:
    order = ["type", "additionalProperties", "required", "const", "enum", "pattern"]
    rank = order.index(error.validator) if error.validator in order else len(order)
    return [str(p) for p in error.absolute_path], rank


def _problem(entry: Entry, node: yaml.Node, path: tuple[str | int, ...], message: str) -> Problem:
    return Problem(entry.name, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message)


Explained = tuple[tuple[str | int, ...], yaml.Node, str]


def _explain(error: jsonschema.ValidationError, entry: Entry, schema: dict[str, Any]) -> list[Explained]:
    path = tuple(error.absolute_path)
    node = find_node(entry.root, path)
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    # jsonschema types these loosely (they may be "Unset"); for a reported error they are set.
    value: Any = error.instance
    rule: Any = error.validator_value
    here: Any = error.schema
    kind = error.validator

    if kind == "additionalProperties":
        allowed = sorted(here.get("properties", {}))
        out: list[Explained] = []
        for extra in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            hint = f"write `{close[0]}`" if close else f"remove it, or use one of: {', '.join(allowed)}"
            out.append(((*path, extra), find_node(entry.root, (*path, extra), key=True), f"unknown field; {hint}"))
        return out
    if kind == "required":
        missing = str(rule[0]) if len(rule) == 1 else ""
        names = [n for n in rule if n not in value]
        out = []
        for name in names or [missing]:
            about = here.get("properties", {}).get(name, {}).get("description", "")
            hint = f"add `{name}:`" + (f" ({_first_sentence(about)})" if about else "")
            out.append(((*path, name), node, f"missing; {hint}"))
        return out
    if kind == "type":
        expected = rule if isinstance(rule, list) else [rule]
        if "string" in expected and isinstance(node, yaml.ScalarNode) and not node.style and not isinstance(value, str):
            read_as = _KIND.get(type(value), "a value")
            shown = json.dumps(value) if value is not None else "nothing"
            src = node.value or ""
            if value is None:
                return [(path, node, "is empty; write a value after the colon")]
            return [(path, node, f'{src} was read as {read_as} ({shown}), not as text; write it in quotes: "{src}"')]
        words = " or ".join(_JSON_TYPE_WORDS.get(str(t), str(t)) for t in expected)
        hint = next((_TYPE_HINTS[t] for t in expected if t in _TYPE_HINTS), f"write {words}")
        return [(path, node, f"must be {words}, not {_describe(value)}; {hint}")]
    if kind == "enum":
        return [(path, node, _enum_message(value, list(rule), field, path))]
    if kind == "const":
        return [(path, node, f"must be {json.dumps(rule)}; write {json.dumps(rule)}")]
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(field, f"see the description of `{field}` in schema/practice.schema.json")
        return [(path, node, f"{json.dumps(value, ensure_ascii=False)} is not in the expected form; {hint}")]
    if kind == "propertyNames":
        return [(path, node, "a translation must be keyed by a language code such as fr, de or pt-BR")]
    if kind == "minItems":
        return [(path, node, f"needs at least {rule} item(s); add one")]
    if kind == "uniqueItems":
        return [(path, node, f"lists {_first_repeat(value)} more than once; remove the repeat")]
    if kind == "minLength":
        return [(path, node, "is empty; write some text")]
    if kind == "maxLength":
        return [(path, node, f"is {len(value)} characters long; shorten it to at most {rule}")]
    if kind in ("minimum", "maximum"):
        return [(path, node, f"{value} is out of range; write a year between 1900 and 2099")]
    return [(path, node, error.message)]  # pragma: no cover - every keyword of the schema is handled above


def _enum_message(value: Any, allowed: list[Any], field: str, path: tuple[str | int, ...]) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    if field == "countries":
        code = country_code_for(value) if isinstance(value, str) else None
        if code:
            return f"{shown} is not a country code; write {code}"
        return f'{shown} is not an ISO 3166-1 country code; write two capital letters such as BE, FR or "NO"'
    name, where = _VOCABULARY_OF_FIELD.get(field, (field, "schema/practice.schema.json"))
    texts = [str(a) for a in allowed]
    same_but_case = [t for t in texts if isinstance(value, str) and t.lower() == value.lower()]
    close = same_but_case or (difflib.get_close_matches(str(value), texts, n=1, cutoff=0.5) if isinstance(value, str) else [])
    if close:
        return f"{shown} is not a known {name}; write {close[0]}"
    if len(texts) <= 10:
        return f"{shown} is not a known {name}; write one of: {', '.join(texts)}"
    return f"{shown} is not a known {name}; choose a term from {where}"


def _first_repeat(items: list[Any]) -> str:
    seen: set[str] = set()
    for item in items:
        key = json.dumps(item, ensure_ascii=False, sort_keys=True)
        if key in seen:
            return key
        seen.add(key)
    return "an item"  # pragma: no cover - only called when jsonschema found a repeat


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return _KIND.get(type(value), "a value")


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def _semantic_checks(entry: Entry, schema_ok: bool) -> list[Explained]:
    """Checks JSON Schema cannot express. Run field by field, so that they add to schema errors."""
    data, stem = entry.data, entry.path.stem
    out: list[Explained] = []
    ident = data.get("id")
    if isinstance(ident, str) and ident != stem:
        out.append(
            (
                ("id",),
                find_node(entry.root, ["id"]),
                f"is {ident!r} but the file is named {stem}.yaml; write id: {stem} (or rename the file)",
            )
        )
    if isinstance(ident, str) and ident != stem and not ID_FILE_NAME.match(f"{stem}.yaml"):
        # Renaming the file is the fix: `id: <stem>` would itself be invalid.
        out[-1] = (
            ("id",),
            find_node(entry.root, ["id"]),
            f"is {ident!r} but the file is named {stem}.yaml, which is not a valid id; "
            f"rename the file to {slug_for(stem)}.yaml and write id: {slug_for(stem)}",
        )
    if isinstance(ident, str) and ident.startswith(RESERVED_ID_PREFIX):
        out.append(
            (("id",), find_node(entry.root, ["id"]), f"{ident} is the name of a page of the site itself; choose another id")
        )
    language = data.get("language")
    if isinstance(language, str) and not is_known_language(language):
        out.append(
            (
                ("language",),
                find_node(entry.root, ["language"]),
                f"{language!r} is not a known language code; write e.g. en, fr or de",
            )
        )
    translations = data.get("translations")
    if isinstance(translations, dict):
        for lang in translations:
            where = ("translations", lang)
            if lang == language:
                out.append(
                    (
                        where,
                        find_node(entry.root, where, key=True),
                        f"the original text is already in {lang}; remove this translation or change `language`",
                    )
                )
            elif not is_known_language(lang):
                out.append(
                    (
                        where,
                        find_node(entry.root, where, key=True),
                        f"{lang!r} is not a known language code; write e.g. fr, de or uk",
                    )
                )
    for path, text in _markdown_texts(data):
        messages = markup_problems(text)
        if messages:
            out.append((path, find_node(entry.root, path), "; also ".join(messages)))
    for name in ("last_reviewed", "date"):
        value = data.get(name)
        if not (isinstance(value, str) and len(value) == 10):
            continue
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            out.append(
                (
                    (name,),
                    find_node(entry.root, [name]),
                    f'{value} is not a real date; write a date that exists, e.g. "2026-11-23"',
                )
            )
            continue
        # A day of margin: the contributor's time zone may be ahead of the build's.
        if name == "last_reviewed" and day > dt.date.today() + dt.timedelta(days=1):
            out.append(
                (
                    (name,),
                    find_node(entry.root, [name]),
                    f"{value} is in the future; write the date you checked this entry, today or earlier",
                )
            )
    out += _url_problems(entry)
    period = data.get("period")
    if schema_ok and isinstance(period, dict) and "end" in period and str(period["end"]) < str(period["start"]):
        out.append(
            (
                ("period", "end"),
                find_node(entry.root, ["period", "end"]),
                f"{period['end']} is before the start {period['start']}; correct one of them",
            )
        )
    return out


def url_problem(value: str) -> str | None:
    """What is wrong with a web address, in plain words, or None when a browser can follow it as written."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "is not a valid web address; check the part after https://"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must start with https:// (or http://) followed by a host name"
    if parts.username is not None or parts.password is not None:
        return "contains a name before @ in the host part; write the address without it"
    host = parts.hostname or ""
    if not host or not all(label and all(c.isalnum() or c == "-" for c in label) for label in host.rstrip(".").split(".")):
        return f"has no valid host name ({host!r}); write the address as the browser shows it"
    del port
    return None


def _url_fields(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any]]:
    found: list[tuple[tuple[str | int, ...], Any]] = []
    for group in ("links", "organisations", "sources"):
        items = data.get(group)
        if isinstance(items, list):
            found += [((group, i, "url"), item.get("url")) for i, item in enumerate(items) if isinstance(item, dict)]
    evaluation = data.get("evaluation")
    if isinstance(evaluation, dict):
        found.append((("evaluation", "url"), evaluation.get("url")))
    contact = data.get("contact")
    if isinstance(contact, str) and "@" not in contact.split("/")[0]:
        found.append((("contact",), contact))
    return found


def _url_problems(entry: Entry) -> list[Explained]:
    out: list[Explained] = []
    for path, value in _url_fields(entry.data):
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            problem = url_problem(value)
            if problem:
                out.append((path, find_node(entry.root, path), f"{json.dumps(value, ensure_ascii=False)} {problem}"))
    return out


# Mail services where an address belongs to a person, not an organisation.
PERSONAL_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.de",
        "yahoo.es",
        "yahoo.it",
        "yahoo.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "hotmail.de",
        "hotmail.es",
        "hotmail.it",
        "hotmail.co.uk",
        "outlook.com",
        "outlook.fr",
        "outlook.de",
        "live.com",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.com",
        "web.de",
        "t-online.de",
        "proton.me",
        "protonmail.com",
        "yandex.ru",
        "yandex.com",
        "mail.ru",
        "ukr.net",
        "i.ua",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "wanadoo.fr",
        "skynet.be",
        "telenet.be",
        "ziggo.nl",
        "kpnmail.nl",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "interia.pl",
        "seznam.cz",
    ]
)


def contact_warnings(entries: Sequence[Entry]) -> list[Problem]:
    """A `contact` e-mail at a personal mail service is probably a person's: the schema says never."""
    warnings = []
    for entry in entries:
        contact = entry.data.get("contact")
        if isinstance(contact, str) and "@" in contact and contact.rsplit("@", 1)[1].lower() in PERSONAL_MAIL_DOMAINS:
            message = (
                f"{contact} looks like a personal address; write an organisation's generic address "
                "(info@...) or its contact page, never a private person's"
            )
            warnings.append(_problem(entry, find_node(entry.root, ["contact"]), ("contact",), message))
    return warnings


def _markdown_texts(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every Markdown field of a practice, in the original and in every translation."""
    found: list[tuple[tuple[str | int, ...], str]] = [
        ((name,), data[name]) for name in MARKDOWN_FIELDS if isinstance(data.get(name), str)
    ]
    evaluation = data.get("evaluation")
    if isinstance(evaluation, dict) and isinstance(evaluation.get("summary"), str):
        found.append((("evaluation", "summary"), evaluation["summary"]))
    translations = data.get("translations")
    if isinstance(translations, dict):
        for lang, fields in translations.items():
            if isinstance(fields, dict):
                found += [(("translations", lang, n), fields[n]) for n in MARKDOWN_FIELDS if isinstance(fields.get(n), str)]
    return found


def check_unique_ids(entries: Sequence[Entry]) -> list[Problem]:
    """Ids and aliases (former ids, whose addresses redirect) each lead to one practice only."""
    first: dict[str, Entry] = {}
    problems: list[Problem] = []
    ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        ident = entry.data.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            node = find_node(entry.root, ["id"])
            message = f"{ident} is already used by {first[ident].name}; choose another id and rename the file"
            problems.append(_problem(entry, node, ("id",), message))
        else:
            first[ident] = entry
    for entry in ordered:
        aliases = entry.data.get("aliases")
        if not isinstance(aliases, list):
            continue
        for i, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue
            owner = first.get(alias)
            if owner is None:
                first[alias] = entry
                continue
            where = "is this practice's own id" if owner is entry else f"is already used by {owner.name}"
            message = f"{alias} {where}; an alias is a former id that no other practice uses: remove it"
            problems.append(_problem(entry, find_node(entry.root, ["aliases", i]), ("aliases", i), message))
    return problems


def check_references(entries: Sequence[Entry], practice_ids: Set[str]) -> list[Problem]:
    """Every practice a collection lists must exist; suggest the nearest ids when it does not."""
    problems: list[Problem] = []
    known = sorted(practice_ids)
    for entry in entries:
        items = entry.data.get("practices")
        if not isinstance(items, list):
            continue
        listed: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and ident in listed:
                node = find_node(entry.root, ["practices", i, "id"])
                first = find_node(entry.root, ["practices", listed[ident], "id"]).start_mark.line + 1
                message = f"{ident} is already listed at line {first}; list each practice once and remove this one"
                problems.append(_problem(entry, node, ("practices", i, "id"), message))
                continue
            if isinstance(ident, str):
                listed[ident] = i
            if not isinstance(ident, str) or ident in practice_ids:
                continue
            close = difflib.get_close_matches(ident, known, n=3, cutoff=0.5)
            hint = f"write {' or '.join(close)}" if close else "write the id of a file in practices/ (its name without .yaml)"
            node = find_node(entry.root, ["practices", i, "id"])
            problems.append(_problem(entry, node, ("practices", i, "id"), f"{ident!r} is not a practice; {hint}"))
    return problems
