"""A deck from a stranger is untrusted: hostile files are refused quickly, with one line, never a traceback.

The hostile files are made here at test time rather than kept in the repository.
"""

from __future__ import annotations

import os
import random
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import yamlsafe
from game.content.deck_cards import MAX_CARDS
from game.content.decks import load_deck
from tests.budget import examples

CARD = "  - prompt: Tell about a morning that surprised you. How did you feel?\n"
HEAD = "format: 1\nid: hostile\nname: Hostile\ncards:\n"


def only_line(path: Path) -> str:
    result = load_deck(str(path))
    assert result.deck is None
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    return result.problems[0].format()


def write(tmp_path: Path, data: str | bytes, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['touch pwned']", "!!python/object/apply:os.system"),
        ("!!python/object/new:subprocess.Popen [['touch', 'pwned']]", "!!python/object/new:subprocess.Popen"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2001-12-14", "!!timestamp"),
        ("!<tag:yaml.org,2002:python/tuple> [1, 2]", "!!python/tuple"),
        ("!include other.yaml", "!include"),
    ],
)  # fmt: skip
def test_tags_that_build_objects_are_refused_with_their_position(
    tmp_path: Path, value: str, tag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, HEAD + f"  - prompt: {value}\n")
    assert only_line(Path("hostile.yaml")) == (
        f"hostile.yaml:5:13: error: the tag '{tag}' is not allowed "
        "(content files hold only text, numbers, true/false, lists and mappings)"
    )
    assert not (tmp_path / "pwned").exists()


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["format: 1", "id: bomb", "name: Bomb", f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines += ["cards:", f"  - prompt: *a{levels - 1}"]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_in_well_under_a_second_with_little_memory(tmp_path: Path) -> None:
    path = write(tmp_path, alias_bomb())
    tracemalloc.start()
    started = time.perf_counter()
    line = only_line(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert line.endswith(
        ":4:5: error: anchors ('&a0') are not allowed (write each value out in full)"
    )
    assert elapsed < 0.2
    assert peak < 2_000_000


def test_an_alias_alone_is_refused_too(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - prompt: *nowhere\n")
    assert only_line(path).endswith(
        ":5:13: error: aliases ('*nowhere') are not allowed (write the value out in full)"
    )


def test_a_50_megabyte_file_is_refused_from_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.write((HEAD + CARD * (50_000_000 // len(CARD))).encode())
    assert path.stat().st_size >= 50_000_000
    reads: list[int] = []
    real_open = open

    def counting_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real_open(*args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    started = time.perf_counter()
    line = only_line(path)
    assert time.perf_counter() - started < 0.1
    assert reads == []
    assert line == f"{path}: error: the file is 50.0 MB; the limit is 16 MiB"


def test_an_endless_stream_is_refused_without_reading_it(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    with pytest.raises(yamlsafe._Refused) as refused:
        yamlsafe.read_limited("/dev/zero", max_bytes=4096)
    assert refused.value.message == "cannot be read: it is a device, not a file"


OPENINGS = (
    "Tell about",
    "Go back to",
    "Picture",
    "Bring back",
    "Remember",
    "Talk about",
    "Name",
    "Recall",
)


@pytest.mark.slow  # writes and loads 8 MiB; the refusals below stay quick
def test_a_deck_of_more_than_8_mib_loads(tmp_path: Path) -> None:
    follow_ups = "    follow_ups:\n" + "".join(
        f'      - "What did you feel in moment {n} of the story, and what did you think then?"\n'
        for n in range(5)
    )
    cards = "".join(
        f"  - id: card-{n}\n    prompt: {OPENINGS[n % len(OPENINGS)]} a morning that surprised you ({n}). How did you feel?\n"
        + follow_ups
        for n in range(17_000)
    )
    path = write(tmp_path, HEAD + cards)
    assert path.stat().st_size > 8 * 1024 * 1024
    result = load_deck(str(path))
    assert result.problems == ()
    assert result.deck is not None and len(result.deck.cards) == 17_000


def test_more_than_20000_cards_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - prompt: Hi\n" * (MAX_CARDS + 1))
    assert only_line(path).endswith(
        ":5:3: error: the deck has more than 20,000 cards; the limit is 20,000"
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * 10_000 + "]" * 10_000, "1:11"),
        ("{a: " * 10_000 + "}" * 10_000, "1:41"),
        ("- " * 10_000 + "x\n", "1:21"),
        ("cards:\n" + "".join("  " * n + "- \n" for n in range(1_000)), "11:19"),  # 1 MB
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "1000-indented-lists"],
)
def test_nesting_10000_deep_is_one_error_at_the_first_level_too_deep(
    tmp_path: Path, text: str, where: str
) -> None:
    path = write(tmp_path, text)
    assert only_line(path) == (
        f"{path}:{where}: error: lists and mappings are nested more than 10 deep here "
        "(the format never needs this much nesting)"
    )


def test_a_recursion_error_while_composing_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_deep(self, depth):  # type: ignore[no-untyped-def]
        raise RecursionError

    monkeypatch.setattr(yamlsafe._SafeComposer, "_compose", too_deep)
    path = write(tmp_path, HEAD + CARD)
    assert only_line(path) == f"{path}: error: the YAML is nested too deeply to read"


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_one_error_line(tmp_path: Path, seed: int) -> None:
    data = random.Random(seed).randbytes(random.Random(seed).randint(1, 200_000))
    path = write(tmp_path, data)
    line = only_line(path)
    assert line.startswith(f"{path}")
    assert ": error: " in line


@settings(
    max_examples=examples(ci=300, dev=40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=300))
def test_any_bytes_at_all_give_problems_not_exceptions(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    result = load_deck(str(path))
    assert result.deck is None or result.ok
    for problem in result.problems:
        assert "\n" not in problem.format()
        assert "could not check" not in problem.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty (a deck starts with the line 'format: 1')"),
        (b"\n\n   \n", "the file is empty (a deck starts with the line 'format: 1')"),
        (b"\xff\xfe" + "format: 1".encode("utf-16-le"), "the file is UTF-16 or UTF-32 text (save it as UTF-8)"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "this is a binary file, not YAML text"),
        (b"format: 1\nname: \xc3\x28\n", "2:7: error: the file is not valid UTF-8 (byte 0xC3) (save it as UTF-8)"),
        (b"format: 1\nid: \x1b[31m\n", "2:5: error: the character U+001B is not allowed in YAML (remove it)"),
        ((HEAD + CARD + "---\n" + HEAD + CARD).encode(), "6:1: error: a second YAML document starts here; a file holds exactly one (remove the '---' line and everything after it, or split the file)"),
    ],
    ids=["empty", "blank", "utf-16", "binary", "bad-utf-8", "escape-code", "two-documents"],
)  # fmt: skip
def test_files_that_are_not_a_yaml_text_are_one_clear_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, data)
    line = only_line(path)
    assert line.startswith(f"{path}")
    assert line.endswith(message)


def test_a_folder_or_a_missing_file_is_one_line(tmp_path: Path) -> None:
    assert only_line(tmp_path) == f"{tmp_path}: error: cannot be read: it is a folder, not a file"
    assert only_line(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: error: no such file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + CARD)
    path.chmod(0)
    assert only_line(path) == f"{path}: error: cannot be read: permission denied"


def test_a_file_that_cannot_be_opened_says_why_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the test above, where it is skipped (root opens anything): the open refused."""
    path = write(tmp_path, HEAD + CARD)

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.store.safe_read.os.open", refuse)
    assert only_line(path) == f"{path}: error: cannot be read: permission denied"
