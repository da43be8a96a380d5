from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.load import MAX_FILE_BYTES, find_node, find_practice_files, load_file, parse_text


def parse(text: str | bytes):  # type: ignore[no-untyped-def]
    raw = text.encode() if isinstance(text, str) else text
    return parse_text(raw, "x.yaml")


def test_dates_stay_text_and_yaml11_values_keep_their_type() -> None:
    entry, problems = parse("a: 2024-05-01\nb: NO\nc: '010'\nd: 1.10\ne: ~\n")
    assert problems == []
    assert entry is not None
    assert entry.data == {"a": "2024-05-01", "b": False, "c": "010", "d": 1.1, "e": None}


def test_keys_are_always_text() -> None:
    entry, problems = parse("translations:\n  no:\n    title: Norsk\n  1: x\n")
    assert problems == []
    assert entry is not None
    assert list(entry.data["translations"]) == ["no", "1"]


def test_byte_order_mark_is_accepted() -> None:
    entry, problems = parse(b"\xef\xbb\xbfa: b\n")
    assert problems == [] and entry is not None and entry.data == {"a": "b"}


def test_invalid_utf8_is_located() -> None:
    _, problems = parse(b"a: b\nc: \xff\n")
    assert [(p.line, p.column) for p in problems] == [(2, 4)]
    assert "UTF-8" in problems[0].message


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_forbidden_characters_are_located_in_plain_words(char: str) -> None:
    text = f"a: b\nsummary: one{char}two\ntitle: x{char}\n"
    _, problems = parse(text.encode("utf-8", "surrogatepass"))
    assert [(p.line, p.column) for p in problems] == [(2, 13), (3, 9)]
    for problem in problems:
        assert problem.message.startswith(f"contains the invisible control character U+{ord(char):04X}")
        assert problem.message.endswith("which is not allowed; delete it")
        assert "position" not in problem.message and "unicode string" not in problem.message


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 20)]
    _, problems = parse("\n".join(lines) + "\n")
    assert problems and all("aliases" in p.message for p in problems)


def test_too_large_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    entry, problems = load_file(big, "big.yaml")
    assert entry is None and "KB" in problems[0].message


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    entry, problems = load_file(tmp_path / "absent.yaml", "absent.yaml")
    assert entry is None and "cannot be read" in problems[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b: c\n", "put the whole value in double quotes"),
        ("a: 'unclosed\n", "is not valid YAML"),
        ("---\na: 1\n---\nb: 2\n", "is not valid YAML"),
    ],
)
def test_syntax_errors_are_explained(text: str, expected: str) -> None:
    entry, problems = parse(text)
    assert entry is None
    assert expected in problems[0].message
    assert problems[0].line >= 1


def test_find_node_points_at_values_and_keys() -> None:
    root = yaml.compose("a:\n  b: [x, y]\n")
    assert find_node(root, ["a", "b", 1]).start_mark.column == 9
    assert find_node(root, ["a", "b"], key=True).start_mark.line == 1
    # A path that does not exist stops at the deepest node found.
    assert find_node(root, ["a", "zzz"]).start_mark.line == 1


def test_find_practice_files_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.yaml", "a.yml", "sub/c.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n")
    found = find_practice_files([tmp_path, tmp_path / "b.yaml"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.yml", "b.yaml", "sub/c.yaml"]
