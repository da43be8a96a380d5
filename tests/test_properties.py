"""Property tests: whatever bytes a contributor saves, the result is a model or located problems."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import parse_text
from generator.model import build_practice
from generator.validate import Checker, check_entry, make_checker

from .conftest import DATA, REPO

CHECKER: Checker = make_checker(REPO / "schema" / "practice.schema.json")
SEEDS = [p.read_bytes() for p in sorted((DATA / "valid").glob("*.yaml"))]
NAME = "practices/minimal.yaml"


def outcome(raw: bytes) -> None:
    entry, problems = parse_text(raw, NAME, Path(NAME))
    if entry is not None:
        problems = check_entry(entry, CHECKER)
        if not problems:
            build_practice(entry.data, NAME)  # valid data always makes a model
    for problem in problems:
        assert problem.file == NAME
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and "Traceback" not in problem.message


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(
            st.sampled_from([b":", b"-", b" ", b"\t", b"\n", b"'", b'"', b"&a", b"*a", b"!!", b"NO", b"[", b"{", b"\xff", b"#"])
        )
        if action == "insert":
            data[position:position] = piece
        elif action == "delete":
            del data[position : position + len(piece)]
        else:
            data[position : position + len(piece)] = piece
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_give_a_model_or_located_problems(raw: bytes) -> None:
    outcome(raw)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_located_problems(raw: bytes) -> None:
    outcome(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_gives_located_problems(text: str) -> None:
    outcome(text.encode("utf-8", "surrogatepass"))
