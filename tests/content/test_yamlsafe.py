"""The safe composer: positions, typing, and the same refusals from libyaml and from pure Python."""

from __future__ import annotations

import pytest
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from game.content import yamlsafe
from game.content.decks import load_deck
from game.content.yamlsafe import compose_text

BOTH = pytest.mark.parametrize(
    "pure_python",
    [
        pytest.param(False, marks=pytest.mark.skipif(not yamlsafe.LIBYAML, reason="no libyaml")),
        True,
    ],
    ids=["libyaml", "pure-python"],
)


@BOTH
def test_nodes_keep_their_position_and_yaml_1_1_types(pure_python: bool) -> None:
    node, problems = compose_text(
        "a: 1\nb: [yes, '2', x]\nc:\n  d: ~\n", "f.yaml", pure_python=pure_python
    )
    assert problems == ()
    assert isinstance(node, MappingNode)
    (a_key, a), (b_key, b), (c_key, c) = node.value
    assert yamlsafe.position(a) == (1, 4) and a.tag == yamlsafe.INT_TAG
    assert isinstance(b, SequenceNode) and yamlsafe.position(b) == (2, 4)
    assert [item.tag for item in b.value] == [
        yamlsafe.BOOL_TAG,
        yamlsafe.STR_TAG,
        yamlsafe.STR_TAG,
    ]
    assert isinstance(c, MappingNode) and yamlsafe.position(c) == (4, 3)
    assert isinstance(c.value[0][1], ScalarNode) and c.value[0][1].tag == yamlsafe.NULL_TAG


@BOTH
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x 1\n", "f.yaml:1:4: error: anchors ('&x') are not allowed (write each value out in full)"),
        ("a: *x\n", "f.yaml:1:4: error: aliases ('*x') are not allowed (write the value out in full)"),
        ("a: !!python/name:os.system\n", "f.yaml:1:4: error: the tag '!!python/name:os.system' is not allowed (content files hold only text, numbers, true/false, lists and mappings)"),
        ("a: !!set {x}\n", "f.yaml:1:4: error: the tag '!!set' is not allowed (content files hold only text, numbers, true/false, lists and mappings)"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: a second YAML document starts here; a file holds exactly one (remove the '---' line and everything after it, or split the file)"),
        ("a: b: c\n", "f.yaml:1:5: error: a ':' here starts a key, which is not allowed at this place (put text that contains ': ' in quotes, or check the indentation)"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: error: a tab cannot indent YAML (indent with spaces)"),
        ("a: `x`\n", "f.yaml:1:4: error: a value cannot start with '`' (put text that starts with '`' in quotes)"),
        ("a: 'open\n", "f.yaml:1:4: error: this quoted text has no closing quote (add the closing quote)"),
        ("# nothing\n", "f.yaml: error: the file holds only comments (add the content)"),
        ("[" * 11 + "]" * 11, "f.yaml:1:11: error: lists and mappings are nested more than 10 deep here (the format never needs this much nesting)"),
    ],
)  # fmt: skip
def test_libyaml_and_pure_python_refuse_the_same_way(
    pure_python: bool, text: str, line: str
) -> None:
    node, problems = compose_text(text, "f.yaml", pure_python=pure_python)
    assert node is None
    assert [problem.format() for problem in problems] == [line]


@BOTH
def test_explicit_plain_tags_are_allowed_and_ten_levels_of_nesting_too(pure_python: bool) -> None:
    node, problems = compose_text(
        "a: !!str 42\nb: " + "[" * 9 + "]" * 9, "f", pure_python=pure_python
    )
    assert problems == ()
    assert node is not None and node.value[0][1].tag == yamlsafe.STR_TAG


def test_without_libyaml_the_pure_python_parser_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "LIBYAML", False)
    created = []
    real = yamlsafe._PythonLoader

    class Watching(real):  # type: ignore[misc, valid-type]
        def __init__(self, text: str) -> None:
            created.append(text)
            super().__init__(text)

    monkeypatch.setattr(yamlsafe, "_PythonLoader", Watching)
    node, problems = compose_text("a: 1\n", "f.yaml")
    assert problems == () and node is not None
    assert created == ["a: 1\n"]


def test_a_byte_order_mark_and_windows_line_ends_load_with_the_right_positions(tmp_path) -> None:
    text = "format: 1\r\nid: bom\r\nname: BOM\r\ncards:\r\n  - prompt: 42\r\n"
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = load_deck(str(path))
    assert [(p.line, p.col) for p in result.problems] == [(5, 13)]


def test_short_tags_are_shown_the_way_authors_write_them() -> None:
    assert yamlsafe.short_tag("tag:yaml.org,2002:python/object:x") == "!!python/object:x"
    assert yamlsafe.short_tag("!card") == "!card"
