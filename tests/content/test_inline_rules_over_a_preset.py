"""A deck's own `rules:` give only what they change (issue 25): the rest comes from the preset
they name in `preset:` (default: classic). `rounds` and `goal` are the deck's own: together
scoring with no goal has no goal."""

from __future__ import annotations

from pathlib import Path

import attrs

from game.content.decks import load_deck
from game.content.presets import load_presets
from game.core.rules import LevelPace, Scoring

HEAD = """\
format: 1.1
id: own
name: Own
"""
CARDS = """\
cards:
  - prompt: "Tell about a walk you remember. What were you thinking on the way back?"
"""


def load(tmp_path: Path, rules: str):
    path = tmp_path / "own.yaml"
    path.write_text(HEAD + rules + CARDS, encoding="utf-8")
    return load_deck(path, preset_ids=load_presets()[0])


def test_rules_that_change_one_timer_are_classic_with_that_timer(tmp_path: Path) -> None:
    result = load(tmp_path, "rules:\n  timers:\n    share_seconds: 60\n")
    assert [p.format() for p in result.problems] == []
    assert result.deck is not None and result.deck.rules is not None
    classic = load_presets()[0]["classic"]
    expected = attrs.evolve(
        classic, id="own", name="Own", description="", rounds=None, share_seconds=60
    )
    assert attrs.evolve(result.deck.rules, modes=classic.modes) == expected


def test_rules_over_a_named_preset_take_its_points_and_pace(tmp_path: Path) -> None:
    rules = "rules:\n  preset: together\n  passes: 0\n  points:\n    touched_me: 3\n"
    result = load(tmp_path, rules)
    assert [p.format() for p in result.problems] == []
    assert result.deck is not None and result.deck.rules is not None
    own, together = result.deck.rules, load_presets()[0]["together"]
    assert own.scoring is Scoring.TOGETHER and own.passes_per_player == 0
    assert own.points[next(k for k in own.points if k.value == "touched_me")] == 3
    assert {k: v for k, v in own.points.items() if k.value != "touched_me"} == {
        k: v for k, v in together.points.items() if k.value != "touched_me"
    }
    assert (own.level_pace, own.rounds_per_level) == (LevelPace.ROUNDS, 2)
    assert own.goal is None, "a goal is the deck's own: never taken from the preset"


def test_together_scoring_with_no_goal_has_no_goal(tmp_path: Path) -> None:
    result = load(tmp_path, "rules:\n  scoring: together\n")
    assert result.deck is not None and result.deck.rules is not None
    assert (result.deck.rules.scoring, result.deck.rules.goal) == (Scoring.TOGETHER, None)


def test_a_pace_of_its_own_drops_the_presets_schedule(tmp_path: Path) -> None:
    result = load(tmp_path, "rules:\n  preset: together\n  levels:\n    pace: agreement\n")
    assert result.deck is not None and result.deck.rules is not None
    assert result.deck.rules.level_pace is LevelPace.AGREEMENT
    assert result.deck.rules.rounds_per_level is None


def test_rules_over_a_preset_that_is_not_there_are_refused(tmp_path: Path) -> None:
    result = load(tmp_path, "rules:\n  preset: gentle\n")
    assert [p.format() for p in result.problems] == [
        f"{tmp_path / 'own.yaml'}:5:11: error: there is no rules preset 'gentle'"
        " (the presets are 'classic', 'gathering', 'together')"
    ]
    assert result.deck is None


def test_a_goal_with_versus_scoring_is_still_refused(tmp_path: Path) -> None:
    result = load(tmp_path, "rules:\n  goal: 10\n")
    assert [p.format() for p in result.problems] == [
        f"{tmp_path / 'own.yaml'}:5:9: error: 'goal' is only for 'scoring: together' (remove it)"
    ]
