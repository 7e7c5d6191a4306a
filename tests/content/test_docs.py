"""docs/deck-format.md stays true: its examples load cleanly and it names every key and warning word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content import deck_cards, decks, lint, presets
from game.content.decks import load_deck
from game.content.presets import load_presets

DOC = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = re.findall(r"<!-- example: (deck|preset) -->\n```yaml\n(.*?)```", TEXT, re.DOTALL)


def test_the_doc_has_a_deck_example_and_a_preset_example() -> None:
    assert {kind for kind, _ in EXAMPLES} == {"deck", "preset"}


@pytest.mark.parametrize(
    ("kind", "body"), EXAMPLES, ids=[f"{kind}-{n}" for n, (kind, _) in enumerate(EXAMPLES)]
)
def test_every_marked_example_loads_with_no_problems(tmp_path: Path, kind: str, body: str) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    if kind == "deck":
        result = load_deck(str(path), preset_ids=load_presets()[0])
        assert [problem.format() for problem in result.problems] == []
        assert result.deck is not None
    else:
        found, problems = load_presets(tmp_path)
        assert [problem.format() for problem in problems] == []
        assert len(found) == 1


@pytest.mark.parametrize(
    "key",
    sorted(
        set(
            decks.DECK_KEYS
            + decks.LEVEL_KEYS
            + deck_cards.PROMPT_CARD_KEYS
            + deck_cards.WILD_CARD_KEYS
        )
        | set(deck_cards.CLOSING_KEYS + deck_cards.WILD_EFFECTS + decks.MODES)
        | set(presets.PRESET_KEYS + presets.LEVELS_KEYS + presets.TIMER_KEYS + presets.AWARD_KEYS)
        | set(presets.PACES + presets.SCORINGS)
    ),
)
def test_the_doc_names_every_key_and_value(key: str) -> None:
    assert f"`{key}`" in TEXT


def test_the_doc_lists_exactly_the_warning_words_and_limits() -> None:
    warnings = TEXT.split("## Warnings", 1)[1].split("\n## ", 1)[0]
    closed, stems, false_friends = re.findall(r"\*([a-z, \n]+)\*", warnings)
    assert set(re.findall(r"[a-z]+", false_friends)) == lint.FALSE_FRIENDS
    assert set(re.findall(r"[a-z]+", closed)) == lint.CLOSED_QUESTION_WORDS
    assert set(re.findall(r"[a-z]+", stems)) == set(lint.FEELING_STEMS)
    assert f"**{lint.PROMPT_FITS}**" in warnings and f"**{lint.FOLLOW_UP_FITS}**" in warnings
