"""With libyaml, a file's bytes are not decoded before they are composed (issue 27, deck load):
libyaml refuses what `decode` refuses as it reads, and `decode` judges only a file libyaml did
not compose whole into a mapping or list. Whatever the bytes, the answer is the one decoding
first gave: the same node, or the same problem at the same place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content import yamlsafe
from game.content.problems import Problem
from game.content.yamlsafe import LIBYAML, ListLimit, compose_file, compose_text, decode
from tests.budget import examples

pytestmark = pytest.mark.skipif(not LIBYAML, reason="libyaml is not here")
LIMIT = ListLimit("cards", 5, "the deck has more than 5 cards; the limit is 5")
BASE = (
    "format: 1\nid: bytes\nname: 'Bytes'\ncards:\n  - prompt: \"Tell about {x} a day\"\n"
    "  - {prompt: Tell about a walk, tags: [a, b]}\n# a comment {x}\n"
)
PIECES = [
    b"", b"\x00", b"\x01", b"\x0b", b"\x0c", b"\x1f", b"\x7f", b"\x80", b"\xbf", b"\xc0\xaf",
    b"\xc2", b"\xc2\x85", b"\xc2\xa0", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf",
    b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xe2\x80\xa8", b"\xe3\x80\x80", b"\xf0\x9f\x98\x80",
    b"\xf4\x90\x80\x80", b"\xf5", b"\xff", b"\xfe\xff", b"\t", b"\r", b"\n", b" ", b"&a ",
    b"*a", b"!x ", b"- ", b"- - - - - - - - - - - - ", b"[[[[[[[[[[[[", b":", b"'", b'"',
    b"---\n", b"\xc3\xa9",
]  # fmt: skip


def decoded_first(data: bytes, shown: str) -> tuple[Node | None, tuple[Problem, ...]]:
    """What compose_file said before: decode, then compose the bytes."""
    try:
        decode(data)
    except yamlsafe._Refused as refused:
        return None, (yamlsafe._problem(shown, refused),)
    return compose_text(data.removeprefix(b"\xef\xbb\xbf"), shown, list_limit=LIMIT)


def shape(node: Node | None) -> Iterator[object]:
    if node is None:
        yield None
        return
    yield type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column
    if isinstance(node, ScalarNode):
        yield node.value
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from shape(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from shape(key)
            yield from shape(value)


def same(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(data)
    node, problems = compose_file(path, list_limit=LIMIT)
    old_node, old_problems = decoded_first(data, str(path))
    assert [p.format() for p in problems] == [p.format() for p in old_problems], data
    assert list(shape(node)) == list(shape(old_node)), data


@settings(
    max_examples=examples(ci=1500, dev=250),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    where=st.lists(st.integers(0, len(BASE) + 10), max_size=3),
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=3),
    start=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00\xfe\xff", b" \n"]),
)
def test_any_bytes_say_what_decoding_first_said(
    tmp_path: Path, where: list[int], pieces: list[bytes], start: bytes
) -> None:
    data = BASE.encode("utf-8")
    for at, piece in zip(where, pieces, strict=False):
        data = data[:at] + piece + data[at:]
    same(tmp_path, start + data)


@pytest.mark.parametrize(
    "data",
    [
        b"", b" ", b"\n\n", b"\xc2\xa0", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe3\x80\x80\n",
        b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", b"# only a comment\n", b"just words\n", b"42",
        b"a: 1\n\xff", b"a: [1\n\xff", b"&x a: 1\n\xff", b"a: 1\n---\nb: \xc0\n",
        b"- " * 12 + b"x\n\x00", b"[" * 1500 + b"\xff", b"\xef\xbb\xbf\xff\xfea: 1\n",
        b"cards: [1, 2, 3, 4, 5, 6]\n\xff", b"cards: [1, 2, 3]\n\x01",
    ],
)  # fmt: skip
def test_files_decode_would_refuse_are_refused_by_it(tmp_path: Path, data: bytes) -> None:
    same(tmp_path, data)


def test_a_whole_mapping_is_not_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[bytes] = []
    monkeypatch.setattr(yamlsafe, "decode", lambda data: decoded.append(data))
    path = tmp_path / "deck.yaml"
    path.write_bytes(BASE.replace("{x}", "é").encode("utf-8"))
    node, problems = compose_file(path, list_limit=LIMIT)
    assert isinstance(node, MappingNode) and problems == ()
    assert decoded == []


@pytest.mark.parametrize("bad", [b"\xff", b"\x01", b"\xed\xa0\x80", b"\xc2", b""])
@pytest.mark.parametrize("shift", [-2, -1, 0, 1, 2])
def test_a_big_file_is_checked_a_piece_at_a_time_as_decode_checks_it(
    tmp_path: Path, bad: bytes, shift: int
) -> None:
    """Pieces of 65,536 bytes: a character split between two, or a bad byte near the seam."""
    head = b"cards: [1, 2, 3, 4, 5, 6]\n# "
    filler = "\u00e9" * 40_000  # two bytes each: the seam falls inside one when shifted
    data = head + filler.encode("utf-8")[: 65_536 - len(head) + shift] + bad + b"\n"
    same(tmp_path, data)
    same(tmp_path, b"\xef\xbb\xbf" + data)


def test_a_big_blank_file_is_empty(tmp_path: Path) -> None:
    same(tmp_path, b" \n" * 70_000)
    same(tmp_path, b" \n" * 70_000 + b"\xc2\xa0")
