"""Deck format v1: what a valid deck file becomes, the defaults, and the checks across cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import decks
from game.content.decks import load_deck
from game.content.problems import Problem
from game.core.cards import DEFAULT_LEVELS, Card, Deck, Level, Mode, WildEffect

FULL = """\
format: 1
id: late-night
name: Late Night
description: For the hours after midnight.
language: en-GB
modes: [pair]
author: Sam
license: CC-BY-4.0
preset: classic
topics:
  family: Parents, siblings and home
levels:
  - name: Warm
    description: Easy stories.
    minutes: 15
  - name: Deep
cards:
  - prompt: "  Tell about a time you were sure you had failed.  "
    id: sure-i-failed
    level: 1
    follow_ups:
      - What did you feel in the minutes before you knew?
    tags: [school, family]
    everyone: true
  - wild: mirror
    text: Retell it before you respond.
    level: 2
  - prompt: Describe the kitchen you grew up in. What do you feel when you picture it?
closing:
  prompt: What do you know about each other now that you didn't this morning?
"""


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def lines(problems: tuple[Problem, ...]) -> list[str]:
    return [problem.format() for problem in problems]


def test_a_full_deck_becomes_exactly_this_deck(tmp_path: Path) -> None:
    result = load_deck(write(tmp_path, FULL), preset_ids={"classic"})
    assert lines(result.problems) == []
    assert result.ok
    assert result.deck == Deck(
        id="late-night",
        name="Late Night",
        description="For the hours after midnight.",
        language="en-GB",
        modes=(Mode.PAIR,),
        author="Sam",
        license="CC-BY-4.0",
        preset="classic",
        topics=(("family", "Parents, siblings and home"),),
        levels=(Level("Warm", "Easy stories.", 15), Level("Deep")),
        cards=(
            Card(
                id="sure-i-failed",
                prompt="Tell about a time you were sure you had failed.",
                level=1,
                follow_ups=("What did you feel in the minutes before you knew?",),
                tags=("school", "family"),
                everyone=True,
            ),
            Card(
                id="wild-mirror",
                level=2,
                wild=WildEffect.MIRROR,
                text="Retell it before you respond.",
            ),
            Card(
                id="describe-the-kitchen-you-grew-up-in-what",
                prompt="Describe the kitchen you grew up in. What do you feel when you picture it?",
            ),
        ),
        closing=Card(
            id="closing",
            prompt="What do you know about each other now that you didn't this morning?",
            everyone=True,
        ),
    )


def test_the_smallest_deck_gets_the_defaults(tmp_path: Path) -> None:
    text = "format: 1\nid: tiny\nname: Tiny\ncards:\n  - prompt: Tell about today.\n"
    deck = load_deck(write(tmp_path, text)).deck
    assert deck is not None
    assert deck.levels == DEFAULT_LEVELS
    assert deck.language == "en"
    assert deck.modes == (Mode.PAIR, Mode.CIRCLE)
    assert (deck.description, deck.author, deck.license, deck.preset) == ("", "", "", "")
    assert deck.topics == () and deck.closing is None
    assert deck.cards == (Card(id="tell-about-today", prompt="Tell about today.", level=1),)


def test_derived_ids_never_clash_with_each_other_or_with_written_ids(tmp_path: Path) -> None:
    text = (
        "format: 1\nid: ids\nname: Ids\ncards:\n"
        "  - prompt: Tell about today.\n"
        "  - prompt: Tell about today!\n"
        "  - id: tell-about-today-3\n    prompt: Something else to tell.\n"
        "  - wild: double\n  - wild: double\n"
        "  - prompt: Καλημέρα\n"
        "  - id: closing\n    prompt: A card called closing.\n"
        "closing:\n  prompt: The end.\n"
    )
    deck = load_deck(write(tmp_path, text)).deck
    assert deck is not None
    assert [card.id for card in deck.cards] == [
        "tell-about-today",
        "tell-about-today-2",
        "tell-about-today-3",
        "wild-double",
        "wild-double-2",
        "card-6",
        "closing",
    ]
    assert deck.closing is not None and deck.closing.id == "closing-2"


def test_a_long_prompt_gives_an_id_cut_at_a_word(tmp_path: Path) -> None:
    text = "format: 1\nid: a\nname: A\ncards:\n  - prompt: Walk us through the first ten minutes of a recent morning.\n"
    deck = load_deck(write(tmp_path, text)).deck
    assert deck is not None and deck.cards[0].id == "walk-us-through-the-first-ten-minutes-of"


def test_a_deck_id_already_loaded_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    result = load_deck(path, taken_ids={"late-night": "decks/other.yaml"})
    assert lines(result.problems) == [
        f"{path}:2:5: error: the deck id 'late-night' is already used by decks/other.yaml "
        "(give this deck another id)"
    ]
    assert result.deck is None


def test_any_preset_name_is_accepted_when_the_presets_are_not_known(tmp_path: Path) -> None:
    result = load_deck(write(tmp_path, FULL.replace("preset: classic", "preset: my-own")))
    assert result.ok


def test_the_path_is_shown_exactly_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "format: 1\nid: x\nname: X\ncards: []\n", "d.yml")
    for given in ("sub/d.yml", "./sub/d.yml", Path("sub/d.yml")):
        result = load_deck(given)
        assert result.path == str(given)
        assert result.problems[0].path == str(given)


def test_yaml_1_1_booleans_are_booleans(tmp_path: Path) -> None:
    text = "format: 1\nid: b\nname: B\ncards:\n  - prompt: Tell about today.\n    everyone: yes\n"
    deck = load_deck(write(tmp_path, text)).deck
    assert deck is not None and deck.cards[0].everyone is True


def test_numbers_in_other_notations_are_whole_numbers(tmp_path: Path) -> None:
    text = "format: 0x1\nid: n\nname: N\nlevels:\n  - name: A\n    minutes: 1_0\ncards:\n  - prompt: Tell about today.\n"
    deck = load_deck(write(tmp_path, text)).deck
    assert deck is not None and deck.levels[0].minutes == 10


def test_warnings_do_not_stop_a_deck_from_loading(tmp_path: Path) -> None:
    text = "format: 1\nid: w\nname: W\ncards:\n  - prompt: Do you like tea?\n"
    result = load_deck(write(tmp_path, text))
    assert result.ok and result.deck is not None
    assert [p.severity for p in result.problems] == ["warning"]
    assert result.warnings == result.problems and result.errors == ()


def test_every_problem_in_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    text = (
        "format: 1\nid: ok\ncards:\n  - prompt: 1\n  - prompt: 2\n    level: x\n"
        "  - wild: nope\nlevels: [{name: A}]\nname: 3\n"
    )
    result = load_deck(write(tmp_path, text))
    assert [(p.line, p.col) for p in result.problems] == [
        (4, 13),
        (5, 13),
        (6, 12),
        (7, 11),
        (9, 7),
    ]


def test_a_bug_in_the_checker_is_one_line_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self, node):  # type: ignore[no-untyped-def]
        raise KeyError("oops")

    monkeypatch.setattr(decks._DeckReader, "read", broken)
    path = write(tmp_path, FULL)
    assert lines(load_deck(path).problems) == [
        f"{path}: error: In Kind could not check this deck (KeyError: 'oops') (please report this)"
    ]


def test_problem_lines_with_and_without_a_position() -> None:
    assert (
        Problem("d.yaml", 3, 7, "error", "bad", "fix it").format()
        == "d.yaml:3:7: error: bad (fix it)"
    )
    assert Problem("d.yaml", 3, None, "warning", "hm").format() == "d.yaml:3: warning: hm"
    assert Problem("d.yaml", None, None, "error", "gone").format() == "d.yaml: error: gone"


def test_text_from_the_file_is_quoted_on_one_line_in_messages(tmp_path: Path) -> None:
    text = (
        'format: 1\nid: q\nname: Q\n"bad\\nkey": 1\nlanguage: "en\\tGB"\n'
        'cards:\n  - prompt: Hi\n    tags: "a\\nb"\n'
    )
    result = load_deck(write(tmp_path, text))
    assert [(p.message, p.hint) for p in result.problems][1:] == [
        ("'en\\tGB' is not a language tag", "write one like 'en' or 'pt-BR'"),
        ("'tags' must be a list, not text", "write a list, like [a\\nb]"),
    ]
    assert result.problems[0].message == "unknown key 'bad\\nkey' in the deck"
    assert all("\n" not in p.format() for p in result.problems)
