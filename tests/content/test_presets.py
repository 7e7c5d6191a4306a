"""Rules presets: the built-in ones become these exact Rules, and broken presets are reported like decks."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.presets import load_presets
from game.core.rules import AwardKind, LevelPace, Rules, Scoring

POINTS = {
    AwardKind.DEEPENING_QUESTION: 2,
    AwardKind.FELT_RESPONSE: 2,
    AwardKind.TOUCHED_ME: 1,
    AwardKind.FELT_HEARD: 2,
    AwardKind.SHARED_FEELING: 1,
    AwardKind.SHARED_THOUGHT: 1,
}
VALID = """\
format: 1
id: quick
name: Quick
modes: [pair, circle]
points:
  deepening_question: 3
  felt_response: 3
  touched_me: 1
  felt_heard: 2
  shared_feeling: 1
  shared_thought: 0
passes: 0
rounds: 2
levels:
  pace: minutes
  minutes_per_level: 5
scoring: versus
closing_card: false
timers:
  share_seconds: 0
  respond_seconds: 60
"""


def test_the_built_in_presets_load_without_problems() -> None:
    presets, problems = load_presets()
    assert problems == ()
    assert sorted(presets) == ["classic", "gathering", "together"]


def test_classic_is_for_pairs_and_keeps_the_default_numbers() -> None:
    classic = load_presets()[0]["classic"]
    assert classic.points == POINTS
    assert (classic.passes_per_player, classic.rounds) == (2, 6)
    assert (classic.level_pace, classic.rounds_per_level) == (LevelPace.ROUNDS, None)
    assert (classic.scoring, classic.goal, classic.closing_card) == (Scoring.VERSUS, None, True)
    assert (classic.share_seconds, classic.respond_seconds) == (180, 120)
    assert classic.modes == ("pair",)


def test_gathering_is_for_circles_and_paces_levels_by_the_minute() -> None:
    gathering = load_presets()[0]["gathering"]
    assert gathering.modes == ("circle",)
    assert (gathering.passes_per_player, gathering.rounds) == (1, 3)
    assert gathering.level_pace is LevelPace.MINUTES and gathering.minutes_per_level is None
    assert (gathering.share_seconds, gathering.respond_seconds) == (150, 90)


def test_together_plays_for_one_shared_goal_with_no_round_limit() -> None:
    together = load_presets()[0]["together"]
    assert (together.scoring, together.goal, together.rounds) == (Scoring.TOGETHER, 40, None)
    assert together.rounds_per_level == 2
    assert together.modes == ("pair", "circle")


def test_every_key_of_a_preset_reaches_the_rules(tmp_path: Path) -> None:
    (tmp_path / "quick.yaml").write_text(VALID, encoding="utf-8")
    presets, problems = load_presets(tmp_path)
    assert problems == ()
    assert presets["quick"] == Rules(
        id="quick",
        name="Quick",
        description="",
        points={
            **POINTS,
            AwardKind.DEEPENING_QUESTION: 3,
            AwardKind.FELT_RESPONSE: 3,
            AwardKind.SHARED_THOUGHT: 0,
        },
        passes_per_player=0,
        rounds=2,
        level_pace=LevelPace.MINUTES,
        rounds_per_level=None,
        minutes_per_level=5,
        scoring=Scoring.VERSUS,
        goal=None,
        closing_card=False,
        share_seconds=0,
        respond_seconds=60,
        modes=("pair", "circle"),
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("scoring: versus", "scoring: versus\ngoal: 10"), ["18:7: error: 'goal' is only for 'scoring: together' (remove it)"]),
        (("  minutes_per_level: 5", "  rounds_per_level: 2"), ["16:21: error: 'rounds_per_level' is only for 'pace: rounds' (remove it)"]),
        (("pace: minutes", "pace: agreement"), ["16:22: error: 'minutes_per_level' is only for 'pace: minutes' (remove it)"]),
        (("  shared_thought: 0\n", ""), ["6:3: error: 'points' has no 'shared_thought' (add 'shared_thought:')"]),
        (("touched_me: 1", "touched_me: one"), ["8:15: error: the points for 'touched_me' must be a whole number, not text"]),
        (("scoring: versus", "scoring: team"), ["17:10: error: the scoring 'team' is not one of 'versus', 'together', 'off'"]),
        (("passes: 0", "passes: -1"), ["12:9: error: 'passes' is -1; it must be from 0 to 20"]),
        (("rounds: 2", "rounds: 2\nround: 3"), ["14:1: error: unknown key 'round' in the preset (did you mean 'rounds'?)"]),
        (("format: 1", "format: 3"), ["1:9: error: this preset uses format 3; this version of In Kind reads format 1 (update In Kind to use it)"]),
        (("modes: [pair, circle]", "modes: [pair, pair]"), ["4:15: error: the mode 'pair' is listed twice (remove one)"]),
        (("timers:\n  share_seconds: 0\n", "timers:\n"), ["20:3: error: 'timers' has no 'share_seconds' (add 'share_seconds:')"]),
        (("closing_card: false", "closing_card: 0"), ["18:15: error: 'closing_card' must be true or false, not a number"]),
    ],
)  # fmt: skip
def test_a_broken_preset_is_reported_with_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, str], expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    old, new = change
    assert old in VALID
    Path("quick.yaml").write_text(VALID.replace(old, new), encoding="utf-8")
    presets, problems = load_presets(tmp_path)
    assert [problem.format() for problem in problems] == [f"quick.yaml:{line}" for line in expected]
    assert presets == {}


def test_two_presets_with_one_id_keep_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(VALID, encoding="utf-8")
    Path("b.yaml").write_text(VALID.replace("name: Quick", "name: Other"), encoding="utf-8")
    presets, problems = load_presets(tmp_path)
    assert presets["quick"].name == "Quick"
    assert [p.format() for p in problems] == [
        "b.yaml: error: the preset id 'quick' is already used by a.yaml"
    ]


def test_a_folder_without_presets_is_a_problem(tmp_path: Path) -> None:
    presets, problems = load_presets(tmp_path / "none")
    assert presets == {}
    assert [p.message for p in problems] == ["no rules presets found here"]
