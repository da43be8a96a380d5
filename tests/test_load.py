from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import (
    MAX_FILE_BYTES,
    Entry,
    check_folder,
    find_node,
    find_practice_files,
    load_file,
    load_files,
    parse_text,
    scan_folder,
)


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


def _tree(node: yaml.Node) -> object:
    """A node tree as plain values: tags, values and positions."""
    children = node.value
    if isinstance(node, yaml.MappingNode):
        children = [(_tree(k), _tree(v)) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [_tree(item) for item in node.value]
    return (type(node).__name__, node.tag, children, node.start_mark.line, node.start_mark.column, node.end_mark.index)


def _composed(text: str) -> object:
    """The tree the loader makes (through an Entry, which composes its text when asked), or the error."""
    try:
        return _tree(Entry(Path("x.yaml"), "x.yaml", {}, text).root)
    except (yaml.YAMLError, AssertionError) as e:
        return type(e).__name__


def _composed_by_pyyaml(text: str) -> object:
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        return type(e).__name__
    return _tree(node) if isinstance(node, yaml.MappingNode) else "AssertionError"


# Plain scalars whose tag YAML 1.1 decides by their look.
LOOKALIKES = ["NO", "no", "Yes", "on", "OFF", "y", "~", "null", "Null", "1.10", "010", "0o17", "0x1F", "0b101", "1_000"]
LOOKALIKES += [
    "+1",
    "-1",
    ".inf",
    "-.Inf",
    ".NaN",
    "1e3",
    "6.8523015e+5",
    "190:20:30",
    "2024-05-01",
    "2001-12-14t21:59:43.10-05:00",
]
LOOKALIKES += ["<<", "=", "true", "FALSE", "text", "'quoted'", '"010"', "!!str 1", "!!int '1'", "", "- x", "[1, a]", "{a: 1}"]


def test_the_loader_has_no_path_resolvers() -> None:
    # The loader's quick tag lookup relies on it (see generator/load.py).
    assert yaml.CSafeLoader.yaml_path_resolvers == {} and yaml.SafeLoader.yaml_path_resolvers == {}


@pytest.mark.parametrize("scalar", LOOKALIKES)
def test_tags_and_positions_are_those_of_pyyaml(scalar: str) -> None:
    text = f"a: {scalar}\nb: [{scalar}, x]\nc:\n  {scalar or 'd'}: {scalar}\n"
    assert _composed(text) == _composed_by_pyyaml(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.:-+_~eExXoObB nNyYtTfF'\"!#&*[]{},<=", max_size=12))
def test_any_scalar_gets_the_tag_pyyaml_gives(scalar: str) -> None:
    text = f"a: {scalar}\nb:\n  - {scalar}\n"
    assert _composed(text) == _composed_by_pyyaml(text)


def test_an_entry_composes_its_tree_again_and_travels_without_it() -> None:
    text = "a:\n  b: [x, y]\n"
    entry, _ = parse(text)
    assert entry is not None
    assert _tree(entry.root) == _tree(yaml.compose(text))
    assert entry.root is entry.root  # composed once
    copy = pickle.loads(pickle.dumps(entry))
    assert copy == entry and "root" not in copy.__dict__
    assert _tree(copy.root) == _tree(entry.root)


def _reference_name(path: Path, base: Path) -> str:
    """How files were named before names were cached per folder."""
    try:
        return (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def test_file_names_are_relative_to_the_project_wherever_the_file_is(tmp_path: Path) -> None:
    base = tmp_path / "project"
    (base / "practices" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(base / "practices", tmp_path / "linked")
    paths = [
        base / "practices" / "a.yaml",
        base / "practices" / "sub" / "b.yaml",
        base / "practices" / ".." / "practices" / "a.yaml",
        base / "c.yaml",
        tmp_path / "elsewhere" / "d.yaml",
        tmp_path / "linked" / "a.yaml",
        Path(os.path.relpath(base / "practices" / "sub" / "b.yaml")),
    ]
    for path in paths:
        if path.parent.exists():
            path.write_text("")
    names = sorted(p.file for p in load_files(paths, base).problems)
    assert names == sorted(_reference_name(p, base) for p in paths)
    assert "practices/sub/b.yaml" in names and (tmp_path / "elsewhere" / "d.yaml").as_posix() in names


def test_folders_are_walked_once_in_path_order_without_following_links(tmp_path: Path) -> None:
    folder = tmp_path / "practices"
    for name in ("b", "a-b", "a"):
        (folder / name).mkdir(parents=True)
        (folder / name / "x.yaml").write_text("x: 1\n")
    (folder / "z.yaml").write_text("x: 1\n")
    (folder / "Notes.txt").write_text("")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "hidden.yaml").write_text("x: 1\n")
    os.symlink(tmp_path / "outside", folder / "link-to-folder")
    os.symlink(folder / "z.yaml", folder / "link.yaml")
    os.mkfifo(folder / "pipe.yaml")
    found = find_practice_files([folder])
    assert found == sorted(found)
    assert [p.relative_to(folder).as_posix() for p in found] == ["a/x.yaml", "a-b/x.yaml", "b/x.yaml", "link.yaml", "z.yaml"]
    problems = check_folder(folder, tmp_path)
    assert [(p.file, p.message.split(";")[0]) for p in problems] == [
        ("practices/Notes.txt", "is not a YAML file"),
        ("practices/link-to-folder", "is a symbolic link, which is not read"),
    ]
    assert scan_folder(folder, tmp_path) == (found, problems)
    for other in (folder / "z.yaml", folder / "link-to-folder", tmp_path / "absent"):
        assert scan_folder(other, tmp_path) == (find_practice_files([other]), check_folder(other, tmp_path))
