from __future__ import annotations

from generator.duplicates import find_lookalikes, normalise_title, normalise_url
from generator.load import Entry, parse_text

from .conftest import DATA

BASE = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def entry(name: str, title: str, extra: str = "") -> Entry:
    text = BASE.replace("id: minimal", f"id: {name}").replace("title: A minimal practice", f"title: {title}") + extra
    found, problems = parse_text(text.encode(), f"practices/{name}.yaml")
    assert found is not None and not problems
    return found


def test_titles_and_addresses_are_normalised() -> None:
    assert normalise_title("  Duo for a JOB! ") == normalise_title("duo for a job") == "duo for a job"
    assert normalise_title("Économie sociale") == "economie sociale"
    assert normalise_url("https://www.Duoforajob.be/") == normalise_url("http://duoforajob.be") == "duoforajob.be"


def test_same_title_in_another_language_is_a_warning_naming_the_other_file() -> None:
    first = entry("a-practice", "Duo for a Job")
    second = entry(
        "b-practice", "Mentoring in Brussels", "translations:\n  fr:\n    reviewed: false\n    title: Duo for a job!\n"
    )
    (warning,) = find_lookalikes([second, first])
    assert (warning.file, warning.line, warning.field) == ("practices/b-practice.yaml", 27, "translations.fr.title")
    assert "'Duo for a job!' has the same title as practices/a-practice.yaml" in warning.message


def test_same_website_is_a_warning() -> None:
    link = "links:\n  - title: Site\n    url: {}\n"
    text_a = BASE.replace("links: []\n", link.format("https://www.example.org/project/"))
    text_b = BASE.replace("links: []\n", link.format("http://example.org/project")).replace("id: minimal", "id: other")
    text_b = text_b.replace("title: A minimal practice", "title: Another practice")
    a, _ = parse_text(text_a.encode(), "practices/minimal.yaml")
    b, _ = parse_text(text_b.encode(), "practices/other.yaml")
    assert a is not None and b is not None
    (warning,) = find_lookalikes([a, b])
    assert warning.file == "practices/other.yaml" and warning.field == "links[0].url"
    assert "links to the same website as practices/minimal.yaml" in warning.message


def test_different_practices_give_no_warning() -> None:
    assert find_lookalikes([entry("a", "Duo for a Job"), entry("b", "Startup Refugees")]) == []


def test_the_bundled_practices_have_no_lookalikes() -> None:
    from generator.pipeline import Project, collect_practices

    from .conftest import REPO

    assert collect_practices(Project(REPO)).warnings == []
