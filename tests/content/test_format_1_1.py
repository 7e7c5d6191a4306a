"""Format 1.1 in files: each new key has a docs example that loads, the two protocol decks
pass `inkind check --strict` and the schema, a deck's own rules are read like a preset, and
the schema holds a deck that uses a 1.1 key to `format: 1.1`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.content.decks import NEW_IN_1_1, load_deck
from game.content.presets import load_presets
from game.content.schema import schema_text
from game.core.rules import LevelPace, Scoring

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "deck-format.md").read_text(encoding="utf-8")
SECTION = DOC.split("## Format 1.1", 1)[1].split("\n## ", 1)[0]
EXAMPLES = re.findall(r"<!-- example: deck -->\n```yaml\n(.*?)```", SECTION, re.DOTALL)
PROTOCOLS = Path(__file__).parent / "fixtures" / "protocols"
FIXTURES = sorted(PROTOCOLS.glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


def test_every_key_new_in_1_1_has_an_example_in_the_docs_that_loads(tmp_path: Path) -> None:
    used: set[str] = set()
    for number, body in enumerate(EXAMPLES):
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(body, encoding="utf-8")
        result = load_deck(path, preset_ids=load_presets()[0])
        assert [p.format() for p in result.problems] == [], body
        deck = result.deck
        assert deck is not None
        cards = (*deck.cards, *((deck.closing,) if deck.closing else ()))
        if deck.fixed_order:
            used.add("order")
        if deck.rules is not None:
            used.add("rules")
        if any(level.finish for level in deck.levels):
            used.add("pace")
        if any(card.timer is not None for card in cards):
            used.add("timer")
        if any(card.answered_by_next for card in cards):
            used.add("answered_by")
        if any(card.is_action for card in cards):
            used.add("wild: action")
        assert VALIDATOR.is_valid(yaml.safe_load(body)), body
    assert used == set(NEW_IN_1_1)


def test_the_same_examples_say_format_1_are_each_told_to_write_1_1(tmp_path: Path) -> None:
    for number, body in enumerate(EXAMPLES):
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(body.replace("format: 1.1", "format: 1"), encoding="utf-8")
        messages = [p.format() for p in load_deck(path).problems]
        assert messages and all("write 'format: 1.1'" in m for m in messages), messages
        assert not VALIDATOR.is_valid(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_protocol_decks_pass_inkind_check_strict_and_the_schema(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--strict", str(path)]) == 0, capsys.readouterr().out
    assert VALIDATOR.is_valid(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_both_protocols_are_there() -> None:
    assert {p.stem for p in FIXTURES} == {"three-sets", "ask-me-next"}


def test_a_decks_own_rules_are_read_as_a_preset_is() -> None:
    deck = load_deck(PROTOCOLS / "ask-me-next.yaml", preset_ids=load_presets()[0]).deck
    assert deck is not None and deck.rules is not None and deck.preset == ""
    rules = deck.rules
    assert (rules.id, rules.name) == ("ask-me-next", "Read and answer")
    assert rules.level_pace is LevelPace.AGREEMENT and rules.scoring is Scoring.OFF
    assert (rules.share_seconds, rules.respond_seconds) == (120, 60)


def test_rules_without_an_id_take_the_decks_or_one_beside_a_preset_of_that_name(
    tmp_path: Path,
) -> None:
    body = (PROTOCOLS / "three-sets.yaml").read_text(encoding="utf-8")
    path = tmp_path / "deck.yaml"
    path.write_text(body, encoding="utf-8")
    rules = load_deck(path, preset_ids=load_presets()[0]).deck.rules  # type: ignore[union-attr]
    assert rules is not None and rules.id == "three-sets"
    path.write_text(body.replace("id: three-sets", "id: classic"), encoding="utf-8")
    rules = load_deck(path, preset_ids=load_presets()[0]).deck.rules  # type: ignore[union-attr]
    assert rules is not None and rules.id == "classic-rules"


@pytest.mark.parametrize(
    "change",
    [
        {"order": "fixed"},
        {"cards": [{"prompt": "Tell me.", "timer": 60}]},
        {"cards": [{"prompt": "Tell me.", "answered_by": "next"}]},
        {"cards": [{"prompt": "Tell me."}, {"wild": "action", "text": "Stand up."}]},
        {"levels": [{"name": "One", "pace": "finish"}]},
        {"closing": {"prompt": "What now?", "timer": 240}},
    ],
)
def test_the_schema_holds_a_deck_that_uses_a_1_1_key_to_format_1_1(change: dict) -> None:
    deck = {"format": 1, "id": "mine", "name": "Mine", "cards": [{"prompt": "Tell me."}]}
    deck.update(change)
    assert not VALIDATOR.is_valid(deck)
    deck["format"] = 1.1
    assert VALIDATOR.is_valid(deck), [e.message for e in VALIDATOR.iter_errors(deck)]


@pytest.mark.parametrize(
    "card",
    [
        {"wild": "action"},  # an action card is its text
        {"wild": "mirror", "timer": 30},  # only an action card is timed
        {"prompt": "Tell me.", "answered_by": "someone"},
        {"prompt": "Tell me.", "timer": -1},
    ],
)
def test_the_schema_refuses_a_misused_1_1_card(card: dict) -> None:
    deck = {"format": 1.1, "id": "mine", "name": "Mine", "cards": [{"prompt": "Hi."}, card]}
    assert not VALIDATOR.is_valid(deck)
