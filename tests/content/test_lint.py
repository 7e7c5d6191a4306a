"""The authors' warnings, exactly as the content writers were told them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import lint
from game.content.decks import load_deck

CLOSED = (
    "do does did have has had is are was were can could would will should shall may might am must"
)
STEMS = """feel felt think thought wonder afraid fear hope wish miss proud asham shame scare glad sad
angry anger hurt tender love lonel grate regret mean realis realiz learn heart moved touch joy worr
long relie believ surpris happ cry cried laugh embarrass nervous excit safe comfort envy jealous
guilt upset calm peace alone brave courage"""


def test_the_word_lists_are_the_ones_the_writers_were_given() -> None:
    assert frozenset(CLOSED.split()) == lint.CLOSED_QUESTION_WORDS
    assert set(lint.FEELING_STEMS) == set(STEMS.split())
    assert (lint.PROMPT_FITS, lint.FOLLOW_UP_FITS, lint.FEELINGS_FROM_LEVEL) == (170, 140, 2)


@pytest.mark.parametrize("word", CLOSED.split())
def test_a_prompt_starting_with_a_closed_word_in_any_case_warns(word: str) -> None:
    for text in (f"{word.capitalize()} you feel it?", f"{word.upper()} you?", f'"{word} you?"'):
        assert lint.closed_question(text, "the prompt") is not None


@pytest.mark.parametrize(
    "text",
    ["What did you feel?", "Don't you think so?", "Doing what you love?", "Tell about it.", ""],
)
def test_open_prompts_do_not_warn(text: str) -> None:
    assert lint.closed_question(text, "the prompt") is None


@pytest.mark.parametrize("stem", STEMS.split())
def test_any_word_starting_with_a_stem_invites_feelings(stem: str) -> None:
    assert lint.invites_feelings(f"Tell about the {stem.upper()}xyz part.")


def test_a_stem_must_start_the_word() -> None:
    assert not lint.invites_feelings("Describe the unfeeling machine.")
    assert lint.prompt_warnings("Describe the unfeeling machine.", 1) == []
    assert [m for m, _ in lint.prompt_warnings("Describe the unfeeling machine.", 2)] == [
        "the prompt at level 2 does not invite feelings or thoughts"
    ]


def test_the_closing_card_is_not_held_to_the_feelings_rule() -> None:
    assert lint.prompt_warnings("Describe the street.", None) == []


def test_lengths_count_after_trimming_and_stop_at_the_limit() -> None:
    assert lint.prompt_warnings("x" * 170, 1) == []
    assert lint.prompt_warnings("x" * 171, 1) == [
        (
            "the prompt is 171 characters and may not fit on a card at the smallest text size",
            "keep it to 170",
        )
    ]
    assert lint.follow_up_warnings("x" * 140) == []
    assert lint.follow_up_warnings("x" * 141)[0][1] == "keep it to 140"


def test_repeated_follow_ups_ignore_case() -> None:
    assert lint.repeated_follow_ups(["What then?", "How so?", "WHAT THEN?", "what then?"]) == [2, 3]


def test_warnings_come_out_with_positions_in_a_deck(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "format: 1\nid: w\nname: W\nlevels: [{name: A}, {name: B}]\ncards:\n"
        "  - prompt: Is it late?\n    level: 2\n"
        "    follow_ups: [Can you say more?, '" + "y" * 141 + "']\n"
        "closing:\n  prompt: Will you come back?\n",
        encoding="utf-8",
    )
    result = load_deck(str(path))
    assert result.ok
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (6, 13, "the prompt starts with 'Is', so it reads as a yes/no question"),
        (6, 13, "the prompt at level 2 does not invite feelings or thoughts"),
        (8, 18, "the follow-up starts with 'Can', so it reads as a yes/no question"),
        (
            8,
            37,
            "the follow-up is 141 characters and may not fit on a card at the smallest text size",
        ),
        (10, 11, "the prompt starts with 'Will', so it reads as a yes/no question"),
    ]
