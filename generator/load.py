"""Stage 1, load: read practice YAML files into plain data, keeping every node's position.

PyYAML follows YAML 1.1, so `NO` becomes false and `2024-05-01` a date. We compose the node
tree ourselves (at C speed when libyaml is present) and convert it with rules made for this
project: dates stay text, mapping keys are always text, duplicate keys, aliases and custom tags
are problems. The text is kept, and the node tree composed again from it when a later stage
needs to point at a line.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

try:
    _BaseLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing: same result, slower
    _BaseLoader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# The safe resolver's rules for plain scalars, by first character, the rules for any character added.
_ANY_CHAR_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, []))
_RULES_BY_FIRST_CHAR: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(rules) + _ANY_CHAR_RULES for first, rules in _BaseLoader.yaml_implicit_resolvers.items() if first is not None
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with its tag rules looked up in one step.

    The safe resolver has no path resolvers (tests/test_load.py checks), so a node's tag
    depends on its kind and, for a plain scalar, on the first rule for its first character
    that matches: the answer of `Resolver.resolve`, which libyaml calls back for every node
    of every file."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _RULES_BY_FIRST_CHAR.get(value[:1], _ANY_CHAR_RULES):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


MAX_FILE_BYTES = 512 * 1024
# What a practice or collection file is called: its id, in lower case, then .yaml (or .yml).
ID_FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml$")
# Characters YAML does not allow in a file at all (it accepts tab, line feed and carriage return).
_NOT_IN_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters refused in a value, even when written as an escape ("\0", "\u0001"): they break
# feeds (XML forbids them), pages and spreadsheets. Line feeds and tabs stay allowed.
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

_PLAIN_TYPES = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class Entry:
    """One loaded file: its data as plain Python values, its text and the YAML node tree of the text."""

    path: Path
    name: str  # the path shown to people, relative to the project
    data: dict[str, Any]
    text: str

    @cached_property
    def root(self) -> yaml.MappingNode:
        """The node tree, composed again when first asked for: only files with a problem or a
        warning need one, and keeping the trees of thousands of valid files alive costs more
        (the garbage collector walks them again and again) than composing a few twice."""
        root = _compose(self.text)
        assert isinstance(root, yaml.MappingNode), "the text was a mapping when it was loaded"
        return root

    def __getstate__(self) -> dict[str, Any]:
        # Sent between processes without the tree, which is composed again where it is needed.
        return {k: v for k, v in self.__dict__.items() if k != "root"}


@dataclass(frozen=True)
class LoadResult:
    entries: list[Entry]
    problems: list[Problem]


def display_name(path: Path, base: Path) -> str:
    """The path shown to people, relative to the project; a symbolic link is named, not followed."""
    return _Namer(base).name(path)


class _Namer:
    """display_name for many paths: each folder is resolved once, not once a file."""

    def __init__(self, base: Path) -> None:
        self.base = base.resolve()
        self.prefixes: dict[Path, str | None] = {}  # a folder's name and "/", or None outside the base

    def name(self, path: Path) -> str:
        try:
            prefix = self.prefixes[path.parent]
        except KeyError:
            prefix = self.prefixes[path.parent] = self._prefix(path.parent)
        if prefix is None or path.name in ("", ".."):
            return self._name(path)
        return prefix + path.name

    def _prefix(self, folder: Path) -> str | None:
        try:
            relative = folder.resolve().relative_to(self.base).as_posix()
        except ValueError:
            return None
        return "" if relative == "." else f"{relative}/"

    def _name(self, path: Path) -> str:
        try:
            return (path.parent.resolve() / path.name).relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()


_LINK, _FOLDER, _FILE, _OTHER = "link", "folder", "file", "other"


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """Every entry below `folder` and its kind, without following symbolic links, sorted by path.

    The kinds come from the folder listing, so no entry is looked at twice (os.walk, then a
    stat per file, took a second for 10,000 files)."""
    found: list[tuple[Path, str]] = []
    pending = [folder]
    while pending:
        where = pending.pop()
        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except OSError:  # unreadable, or gone: os.walk skips it too
            continue
        for entry in entries:
            path = where / entry.name
            kind = _kind(entry)
            found.append((path, kind))
            if kind == _FOLDER:
                pending.append(path)
    # Sorting by parts is the order of paths on POSIX, without a Python comparison per pair.
    return sorted(found, key=lambda entry: entry[0].parts)


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_symlink():
            return _LINK
        if entry.is_dir(follow_symlinks=False):
            return _FOLDER
        return _FILE if entry.is_file(follow_symlinks=False) else _OTHER
    except OSError:  # as Path.is_dir() and Path.is_file(), which say False
        return _OTHER


def find_practice_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the YAML files inside them (symbolic links included, to be refused), sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found.update(_practice_files(_walk(path)))
        else:
            found.add(path)
    return sorted(found, key=lambda p: p.parts)


def check_folder(folder: Path, base: Path) -> list[Problem]:
    """Each entry of a content folder that find_practice_files does not take, as a problem: nothing is skipped without a word."""
    return _unread(_walk(folder), folder, base) if folder.is_dir() else []


def scan_folder(folder: Path, base: Path) -> tuple[list[Path], list[Problem]]:
    """find_practice_files([folder]) and check_folder(folder, base), from one walk of the folder."""
    if not folder.is_dir() or folder.is_symlink():
        return find_practice_files([folder]), check_folder(folder, base)
    walked = _walk(folder)
    return _practice_files(walked), _unread(walked, folder, base)


def _practice_files(walked: list[tuple[Path, str]]) -> list[Path]:
    return [p for p, kind in walked if kind in (_LINK, _FILE) and ID_FILE_NAME.match(p.name)]


def slug_for(name: str) -> str:
    """A valid id made from a file name: lower case, ASCII letters and digits, single hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name)) or "my-practice"


def _unread(walked: list[tuple[Path, str]], folder: Path, base: Path) -> list[Problem]:
    problems = []
    namer = _Namer(base)
    for path, kind in walked:
        if kind == _LINK:
            if not ID_FILE_NAME.match(path.name):  # a link named like a practice file is refused by load_file
                problems.append(Problem(namer.name(path), 1, 1, "", _LINK_MESSAGE))
        elif kind == _FOLDER:
            continue
        elif not ID_FILE_NAME.match(path.name):
            stem, dot, suffix = path.name.rpartition(".")
            if dot and suffix.lower() in ("yaml", "yml"):
                hint = f"rename it to {slug_for(stem)}.yaml: lower-case letters, digits and hyphens, as its id"
                message = f"is not named like a practice file, so it is not read; {hint}"
            else:
                message = f"is not a YAML file; only <id>.yaml files belong in {folder.name}/: move it elsewhere"
            problems.append(Problem(namer.name(path), 1, 1, "", message))
    return problems


_LINK_MESSAGE = "is a symbolic link, which is not read; put the file itself here instead of a link to it"


def load_files(paths: Iterable[Path], base: Path) -> LoadResult:
    entries: list[Entry] = []
    problems: list[Problem] = []
    namer = _Namer(base)
    for path in paths:
        name = namer.name(path)
        entry, found = load_file(path, name)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    return LoadResult(entries, problems)


def load_file(path: Path, name: str) -> tuple[Entry | None, list[Problem]]:
    # A link could point at any file of the machine (in CI, the runner's); it is never opened.
    if path.is_symlink():
        return None, [Problem(name, 1, 1, "", _LINK_MESSAGE)]
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem(name, 1, 1, "", f"cannot be read ({e.strerror}); check the file name")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(name, 1, 1, "", f"is {len(raw) // 1024} KB; a practice file must stay under {MAX_FILE_BYTES // 1024} KB")
        ]
    return parse_text(raw, name, path)


def parse_text(raw: bytes, name: str, path: Path | None = None) -> tuple[Entry | None, list[Problem]]:
    """Parse one file's bytes into an Entry, or the problems that prevent it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [Problem(name, line, col, "", "is not UTF-8 text; save the file as UTF-8")]
    forbidden = [_character_problem(text, m.start(), name) for m in _NOT_IN_YAML.finditer(text)]
    if forbidden:
        return None, forbidden
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, name)]
    except yaml.YAMLError as e:  # pragma: no cover - every PyYAML parse error carries a mark
        return None, [Problem(name, 1, 1, "", f"is not valid YAML ({e})")]
    if root is None:
        return None, [Problem(name, 1, 1, "", "is empty; start from a template with `kb new`")]
    if not isinstance(root, yaml.MappingNode):
        line, col = _position(root)
        return None, [Problem(name, line, col, "", "must be a list of fields (`key: value` lines), not a single value or a list")]
    converter = _Converter(name)
    data = converter.convert(root, "")
    if converter.problems:
        return None, converter.problems
    assert isinstance(data, dict)
    return Entry(path or Path(name), name, data, text), []


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


def character_name(char: str) -> str:
    """A character as people can look it up: U+0000 (NULL)."""
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def _character_problem(text: str, index: int, name: str) -> Problem:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    char = character_name(text[index])
    return Problem(name, line, col, "", f"contains the invisible control character {char}, which is not allowed; delete it")


def _tag(node: yaml.Node) -> str:
    return str(node.tag).replace("tag:yaml.org,2002:", "!!")


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current or "'\\t'" in str(e.problem):
        hint = "a tab is used for indentation; indent with spaces only"
    elif e.problem and "mapping values are not allowed" in e.problem:
        hint = "a value contains `: `; put the whole value in double quotes"
    elif e.problem and "could not find expected ':'" in e.problem:
        hint = "a line is missing its `key:` or is indented wrongly; check the lines above"
    else:
        hint = f"{e.problem or e.context}; check indentation and quotes on this line or the one above"
    return Problem(name, line, col, "", f"is not valid YAML: {hint}")


class _Converter:
    """Turns a composed node tree into dicts, lists, str, int, float, bool and None."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.seen: set[yaml.Node] = set()  # nodes hash by identity
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, field: str, message: str) -> None:
        line, col = _position(node)
        self.problems.append(Problem(self.name, line, col, field, message))

    def convert(self, node: yaml.Node, field: str) -> Any:
        # An alias makes the composer hand us the same node twice; refusing it also bounds the
        # work an "alias bomb" could cause.
        if node in self.seen:
            self.problem(node, field, "anchors and aliases (& and *) are not allowed; write the value out")
            return None
        self.seen.add(node)
        # Scalars first: most nodes are text.
        if isinstance(node, yaml.ScalarNode):
            tag, value = node.tag, node.value
            if tag in (_STR, _TIMESTAMP):
                bad = _NOT_IN_TEXT.search(value)
                if bad:
                    message = f"contains the control character {character_name(bad.group(0))}, which is not allowed; remove it"
                    self.problem(node, field, message)
                return value
            if tag in _PLAIN_TYPES:
                return self.constructor.construct_object(node, deep=True)
            self.problem(node, field, f"the tag {_tag(node)} is not allowed; remove it and write plain text")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, field)
        assert isinstance(node, yaml.SequenceNode)
        if node.tag != _SEQ:
            self.problem(node, field, f"the tag {_tag(node)} is not allowed; remove it")
        return [self.convert(item, f"{field}[{i}]") for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, field: str) -> dict[str, Any]:
        if node.tag != _MAP:
            self.problem(node, field, f"the tag {_tag(node)} is not allowed; remove it")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, field, "a field name must be plain text; write `name: value`")
                continue
            # Keys are always text: `no:` (Norwegian) must not become False.
            key = key_node.value
            path = f"{field}.{key}" if field else key
            if key in result:
                self.problem(key_node, path, f"`{key}` appears twice here; keep only one of them")
                continue
            result[key] = self.convert(value_node, path)
        return result


def find_node(root: yaml.Node, path: Iterable[str | int], *, key: bool = False) -> yaml.Node:
    """The node at a JSON path, or the deepest existing node on the way there.

    With key=True and a path ending in a mapping key, the key's node is returned instead of
    its value (to point at an unknown field name)."""
    node = root
    parts = list(path)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == part:
                    node = k if (key and last) else v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node
