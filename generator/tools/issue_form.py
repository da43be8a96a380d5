"""The GitHub issue form "Add a practice", and turning an answered form into a practice file.

One list of fields serves both directions, so the form and the parser cannot drift apart.
GitHub renders each answer in the issue body as `### <label>`, a blank line and the value,
`_No response_` when empty; a dropdown answer is the option text, several joined by ", ".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..vocabulary import Vocabularies, Vocabulary, country_code_for, language_name
from .scaffold import make_id

NO_RESPONSE = "_No response_"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/practice.schema.json\n"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # input, textarea, dropdown, multi (dropdown with several answers), checkbox
    required: bool = False
    description: str = ""
    options: tuple[tuple[str, str], ...] = field(default=())  # (code, shown text)


def _option_text(label: str, code: str) -> str:
    return f"{label} ({code})"


def _vocabulary_options(vocabulary: Vocabulary) -> tuple[tuple[str, str], ...]:
    return tuple((code, _option_text(term.label("en"), code)) for code, term in vocabulary.terms.items())


def form_fields(vocab: Vocabularies, languages: Sequence[str]) -> tuple[FormField, ...]:
    language_options = tuple((code, _option_text(language_name(code, "en"), code)) for code in languages)
    return (
        FormField("title", "Name of the practice", "input", True, "As its organisers call it."),
        FormField(
            "language",
            "Language of your text",
            "dropdown",
            True,
            "The language you write the answers below in.",
            language_options,
        ),
        FormField("summary", "Summary", "textarea", True, "One to three sentences: what the practice does, for whom, where."),
        FormField(
            "description", "Description", "textarea", True, "How it works and who runs it. Only facts a source below gives."
        ),
        FormField("results", "Results", "textarea", False, "What it achieved, with the source of any figure."),
        FormField(
            "transferability", "Transferability", "textarea", False, "What another city or country would need to do the same."
        ),
        FormField(
            "countries",
            "Countries",
            "input",
            True,
            "Where the practice runs: names or two-letter codes, separated by commas (Belgium, FR).",
        ),
        FormField("places", "Cities or regions", "input", False, "Separate several with commas."),
        FormField("scope", "Scope", "dropdown", True, "", _vocabulary_options(vocab.scopes)),
        FormField("themes", "Themes", "multi", True, "", _vocabulary_options(vocab.themes)),
        FormField(
            "target_groups", "Target groups", "multi", True, "Who the practice is for.", _vocabulary_options(vocab.target_groups)
        ),
        FormField("organisation", "Organisation that runs it", "input", True, "Name of the lead organisation."),
        FormField(
            "organisation_type", "Type of that organisation", "dropdown", True, "", _vocabulary_options(vocab.organisation_types)
        ),
        FormField("organisation_url", "Website of that organisation", "input", False, "Starting with https://"),
        FormField(
            "other_organisations",
            "Other organisations",
            "textarea",
            False,
            "One per line: name | type | role (partner or funder) | website. Types: " + ", ".join(vocab.organisation_types.terms),
        ),
        FormField("funding", "Funding", "multi", False, "", _vocabulary_options(vocab.funding)),
        FormField("start", "Start", "input", False, "Year (2016) or year and month (2016-09), if a source gives it."),
        FormField("end", "End", "input", False, "If it ended."),
        FormField("status", "Status", "dropdown", True, "", _vocabulary_options(vocab.statuses)),
        FormField("evaluation_level", "Evaluation", "dropdown", False, "", _vocabulary_options(vocab.evaluation_levels)),
        FormField("evaluation_summary", "What the evaluation found", "textarea", False, ""),
        FormField("evaluation_url", "Link to the evaluation", "input", False, "Starting with https://"),
        FormField("links", "Links", "textarea", False, "One per line: title | https://..."),
        FormField("source_title", "Source: title", "input", True, "The report or page the facts come from."),
        FormField("source_publisher", "Source: publisher", "input", True, ""),
        FormField("source_year", "Source: year", "input", True, "For example 2020."),
        FormField("source_url", "Source: link", "input", False, "Starting with https://"),
        FormField(
            "contact",
            "Contact",
            "input",
            False,
            "An organisation's contact page or generic address (info@...), never a private person's.",
        ),
        FormField(
            "confirm",
            "Check",
            "checkbox",
            True,
            "The information is public, written in my own words, cites its source and contains no private person's contact details.",
        ),
    )


def render_issue_form(fields: Sequence[FormField]) -> str:
    """The YAML of .github/ISSUE_TEMPLATE/add-practice.yml."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": "Thank you for sharing a practice. Answer in one language; a maintainer checks the answers "
                "and a pull request with the practice file is opened for you. Only write what a source says."
            },
        }
    ]
    for f in fields:
        attributes: dict[str, Any] = {"label": f.label}
        if f.description:
            attributes["description"] = f.description
        if f.kind in ("dropdown", "multi"):
            attributes["options"] = [text for _, text in f.options]
            attributes["multiple"] = f.kind == "multi"
            kind = "dropdown"
        elif f.kind == "checkbox":
            attributes = {"label": f.label, "options": [{"label": f.description, "required": True}]}
            kind = "checkboxes"
        else:
            kind = f.kind
        item: dict[str, Any] = {"type": kind, "id": f.id, "attributes": attributes}
        if f.required and f.kind != "checkbox":
            item["validations"] = {"required": True}
        body.append(item)
    form = {
        "name": "Add a practice",
        "description": "Share a good practice in the integration and inclusion of migrants.",
        "title": "Practice: ",
        "labels": ["practice submission"],
        "body": body,
    }
    header = "# Generated by `kb issue-form --write` from the schema and vocabularies; do not edit by hand.\n"
    return header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=1000)


def parse_issue_body(body: str) -> dict[str, str]:
    """{label: answer} from an issue body as GitHub renders a form; empty answers are ''."""
    answers: dict[str, str] = {}
    label: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            if label is not None:
                answers[label] = "\n".join(lines).strip()
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    if label is not None:
        answers[label] = "\n".join(lines).strip()
    return {k: ("" if v == NO_RESPONSE else v) for k, v in answers.items()}


def practice_from_answers(
    answers: Mapping[str, str], fields: Sequence[FormField], today: dt.date
) -> tuple[dict[str, Any], list[str]]:
    """Practice data from form answers, and what is missing or not understood."""
    by_id = {f.id: f for f in fields}
    problems: list[str] = []

    def answer(ident: str) -> str:
        return answers.get(by_id[ident].label, "").strip()

    def codes(ident: str) -> list[str]:
        f = by_id[ident]
        raw = answer(ident)
        if not raw:
            return []
        known = {text: code for code, text in f.options}
        found = []
        for part in _split_options(raw, known):
            if part in known:
                found.append(known[part])
            else:
                problems.append(f"{f.label}: {part!r} is not one of the choices; pick it from the list")
        return found

    for f in fields:
        if f.required and f.kind != "checkbox" and not answer(f.id):
            problems.append(f"{f.label}: missing; {f.description or 'please answer'}")
    if by_id["confirm"].label in answers and "[x]" not in answers[by_id["confirm"].label].lower():
        problems.append(f"{by_id['confirm'].label}: please confirm: {by_id['confirm'].description}")

    language = (codes("language") or ["en"])[0]
    data: dict[str, Any] = {"id": make_id(answer("title")), "schema_version": 1, "language": language}
    for name in ("title", "summary", "description", "results", "transferability"):
        if answer(name):
            data[name] = answer(name)
    data["countries"] = _countries(answer("countries"), by_id["countries"], problems)
    if answer("places"):
        data["places"] = [p.strip() for p in answer("places").split(",") if p.strip()]
    data["scope"] = (codes("scope") or [""])[0]
    data["themes"] = codes("themes")
    data["target_groups"] = codes("target_groups")
    lead: dict[str, Any] = {"name": answer("organisation"), "type": (codes("organisation_type") or [""])[0], "role": "lead"}
    if answer("organisation_url"):
        lead["url"] = answer("organisation_url")
    data["organisations"] = [lead, *_other_organisations(answer("other_organisations"), by_id["other_organisations"], problems)]
    if codes("funding"):
        data["funding"] = codes("funding")
    if answer("start"):
        data["period"] = {"start": _year_or_month(answer("start"))}
        if answer("end"):
            data["period"]["end"] = _year_or_month(answer("end"))
    data["status"] = (codes("status") or [""])[0]
    if codes("evaluation_level"):
        data["evaluation"] = {"level": codes("evaluation_level")[0]}
        if answer("evaluation_summary"):
            data["evaluation"]["summary"] = answer("evaluation_summary")
        if answer("evaluation_url"):
            data["evaluation"]["url"] = answer("evaluation_url")
    data["links"] = _links(answer("links"), by_id["links"], problems)
    source: dict[str, Any] = {"title": answer("source_title"), "publisher": answer("source_publisher")}
    year = answer("source_year")
    if year and not year.isdigit():
        problems.append(f"{by_id['source_year'].label}: {year!r} is not a year; write it with four digits, e.g. 2020")
    source["year"] = int(year) if year.isdigit() else 0
    if answer("source_url"):
        source["url"] = answer("source_url")
    data["sources"] = [source]
    if answer("contact"):
        data["contact"] = answer("contact")
    data["last_reviewed"] = today.isoformat()
    return data, problems


def _split_options(raw: str, known: Mapping[str, str]) -> list[str]:
    # Options contain no ", " of their own except some country names; match known texts first.
    parts, rest = [], raw
    while rest:
        match = next((text for text in sorted(known, key=len, reverse=True) if rest.startswith(text)), None)
        if match is None:
            match, _, _ = rest.partition(", ")
        parts.append(match)
        rest = rest[len(match) :].removeprefix(", ")
    return parts


def _countries(raw: str, f: FormField, problems: list[str]) -> list[str]:
    found: list[str] = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", raw))):
        code = country_code_for(part)
        if code is None:
            problems.append(f"{f.label}: {part!r} is not a country we know; write its English name or its two-letter code")
        elif code not in found:
            found.append(code)
    return found


def _year_or_month(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _other_organisations(raw: str, f: FormField, problems: list[str]) -> list[dict[str, str]]:
    out = []
    for line in filter(None, (line.strip() for line in raw.splitlines())):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3:
            problems.append(f"{f.label}: {line!r} needs at least name | type | role")
            continue
        org = {"name": parts[0], "type": parts[1], "role": parts[2]}
        if len(parts) > 3 and parts[3]:
            org["url"] = parts[3]
        out.append(org)
    return out


def _links(raw: str, f: FormField, problems: list[str]) -> list[dict[str, str]]:
    out = []
    for line in filter(None, (line.strip() for line in raw.splitlines())):
        title, _, url = line.rpartition("|")
        url = url.strip()
        if not re.match(r"^https?://\S+$", url):
            problems.append(f"{f.label}: {line!r} needs an address starting with https://")
            continue
        out.append({"title": title.strip() or url, "url": url})
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


# Where a schema problem in a generated file points back to in the form.
LABEL_OF_FIELD = {
    "id": "Name of the practice",
    "title": "Name of the practice",
    "language": "Language of your text",
    "summary": "Summary",
    "description": "Description",
    "results": "Results",
    "transferability": "Transferability",
    "countries": "Countries",
    "places": "Cities or regions",
    "scope": "Scope",
    "themes": "Themes",
    "target_groups": "Target groups",
    "organisations": "Organisation that runs it",
    "funding": "Funding",
    "period": "Start",
    "status": "Status",
    "evaluation": "Evaluation",
    "links": "Links",
    "sources": "Source: title",
    "contact": "Contact",
}


def form_label_for(path: str) -> str:
    """The form question a field path of the practice file came from."""
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    if path.startswith("organisations[") and not path.startswith("organisations[0]"):
        return "Other organisations"
    if path.startswith("sources[0]."):
        return {"title": "Source: title", "publisher": "Source: publisher", "year": "Source: year", "url": "Source: link"}.get(
            path.rsplit(".", 1)[-1], "Source: title"
        )
    if path.startswith("organisations[0]."):
        return {"type": "Type of that organisation", "url": "Website of that organisation"}.get(
            path.rsplit(".", 1)[-1], "Organisation that runs it"
        )
    return LABEL_OF_FIELD.get(top, top)


def render_practice_file(data: Mapping[str, Any]) -> str:
    text = yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return SCHEMA_LINE + text
