"""Rules presets as values: points per award, passes, rounds, the level schedule, scoring, timers."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs


class AwardKind(enum.Enum):
    """What a player can be given points for.

    The sharer gives the first four to listeners; the listeners give the last two to the sharer.
    """

    DEEPENING_QUESTION = (
        "deepening_question"  # asked a question that went deeper into the experience
    )
    FELT_RESPONSE = "felt_response"  # said how it felt, or what they thought, on hearing it
    TOUCHED_ME = "touched_me"  # a bonus to one listener per turn
    FELT_HEARD = "felt_heard"  # mirror wild card: the sharer felt heard by the retelling
    SHARED_FEELING = "shared_feeling"  # the sharer said what they felt
    SHARED_THOUGHT = "shared_thought"  # the sharer said what they thought

    @property
    def for_listener(self) -> bool:
        return self in LISTENER_AWARDS

    # Members are singletons: hashed by identity, in C (Enum hashes its name in Python,
    # and every move looks its stage, phase and marks up in dicts and sets).
    __hash__ = object.__hash__


LISTENER_AWARDS = frozenset(
    {
        AwardKind.DEEPENING_QUESTION,
        AwardKind.FELT_RESPONSE,
        AwardKind.TOUCHED_ME,
        AwardKind.FELT_HEARD,
    }
)
SHARER_AWARDS = frozenset({AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT})
# At most one listener per turn can receive these.
ONE_PER_TURN_AWARDS = frozenset({AwardKind.TOUCHED_ME, AwardKind.FELT_HEARD})


class Scoring(enum.Enum):
    VERSUS = "versus"  # each player has a score
    TOGETHER = "together"  # one shared score toward a goal
    OFF = "off"  # no numbers anywhere: awards are shown as acknowledgements


class LevelPace(enum.Enum):
    ROUNDS = "rounds"  # move up after a number of rounds per level
    MINUTES = "minutes"  # move up after a number of minutes per level
    AGREEMENT = (
        "agreement"  # at each round's end, move up only when every player says they are ready
    )


def _default_points() -> dict[AwardKind, int]:
    return {
        AwardKind.DEEPENING_QUESTION: 2,
        AwardKind.FELT_RESPONSE: 2,
        AwardKind.TOUCHED_ME: 1,
        AwardKind.FELT_HEARD: 2,
        AwardKind.SHARED_FEELING: 1,
        AwardKind.SHARED_THOUGHT: 1,
    }


def _points_dict(points: Mapping[AwardKind, int]) -> dict[AwardKind, int]:
    """A plain dict of the points (a typed converter: mypy sees what Rules accepts)."""
    return dict(points)


@attrs.frozen
class Rules:
    """A rules preset. Every number the engine uses to run a game comes from here.

    `rounds` is None for a game that runs until the cards run out or the players end it.
    `rounds_per_level` None spreads the rounds evenly over the deck's levels.
    `minutes_per_level` None uses the deck's suggested minutes for each level.
    `goal` is the shared score that ends a `together` game (None: no goal).
    Timers are gentle: a chime after `share_seconds`, never a hard stop (0 turns it off).
    """

    id: str = "classic"
    name: str = "Classic"
    description: str = ""
    points: dict[AwardKind, int] = attrs.field(
        factory=_default_points, converter=_points_dict, eq=True
    )
    passes_per_player: int = 2
    rounds: int | None = 6
    level_pace: LevelPace = LevelPace.ROUNDS
    rounds_per_level: int | None = None
    minutes_per_level: int | None = None
    scoring: Scoring = Scoring.VERSUS
    goal: int | None = None
    closing_card: bool = True
    share_seconds: int = 180
    respond_seconds: int = 120
    modes: tuple[str, ...] = ("pair", "circle")

    def points_for(self, kind: AwardKind) -> int:
        return self.points.get(kind, 0)

    def __hash__(self) -> int:  # points is a dict; hash what identifies a preset
        return hash(
            (self.id, self.name, tuple(sorted((k.value, v) for k, v in self.points.items())))
        )


# The order awards are listed in on screen and in legal_actions.
AWARD_ORDER: tuple[AwardKind, ...] = (
    AwardKind.DEEPENING_QUESTION,
    AwardKind.FELT_RESPONSE,
    AwardKind.TOUCHED_ME,
    AwardKind.FELT_HEARD,
    AwardKind.SHARED_FEELING,
    AwardKind.SHARED_THOUGHT,
)
