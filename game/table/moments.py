"""What the evening's marks meant, in words: the summary of a game played with scoring off.

The marks that counted are the ones committed when a turn ended (a skipped card's marks
never were), so they are read by replaying the game's own action log through the engine.
The summary says them one line per person and kind ("Ben's response reached Ana and Eli").
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.core import engine
from game.core.actions import Award, EndGame, EndTurn
from game.core.rules import AwardKind
from game.core.state import GameState, earned_marks

SECTIONS: tuple[tuple[str, tuple[AwardKind, ...]], ...] = (
    ("summary_moments_deeper", (AwardKind.DEEPENING_QUESTION,)),
    (
        "summary_moments_touched",
        (AwardKind.TOUCHED_ME, AwardKind.FELT_RESPONSE, AwardKind.FELT_HEARD),
    ),
    ("summary_moments_shared", (AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT)),
)
# For these the sharer is the one marked: who marked it does not change the moment.
_ABOUT_THE_SHARER = frozenset({AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT})
_KIND_ORDER = {kind: i for i, kind in enumerate(AwardKind)}


@attrs.frozen
class Moment:
    kind: AwardKind
    giver: int  # the sharer for a listener's mark; a listener for the sharer's
    receiver: int
    times: int = 1


def committed_awards(state: GameState) -> list[Award]:
    """Every mark that counted, in the order the turns ended: a mark several listeners
    gave the sharer counts once, in the name of the first who gave it."""
    replayed = engine.new_game(state.setup)
    kept: list[Award] = []
    for action in state.log:
        if isinstance(action, EndTurn | EndGame):
            pending = replayed.pending
            for receiver, kind in earned_marks(pending):
                kept.append(next(a for a in pending if a.receiver == receiver and a.kind is kind))
        replayed = engine.apply(replayed, action)
    return kept


def moments(state: GameState) -> list[tuple[str, list[Moment]]]:
    """(section key, its moments) for each section, each moment once with how often it happened."""
    found: dict[tuple[AwardKind, int, int], Moment] = {}
    for award in committed_awards(state):
        giver = -1 if award.kind in _ABOUT_THE_SHARER else award.giver
        key = (award.kind, giver, award.receiver)
        moment = found.get(key)
        found[key] = (
            Moment(award.kind, award.giver, award.receiver)
            if moment is None
            else attrs.evolve(moment, times=moment.times + 1)
        )
    return [
        (section, [m for m in found.values() if m.kind in kinds]) for section, kinds in SECTIONS
    ]


def moment_words(moment: Moment, names: tuple[str, ...], t: Callable[..., str]) -> str:
    text = t(
        f"moment_{moment.kind.value}", giver=names[moment.giver], receiver=names[moment.receiver]
    )
    return t("moment_again", moment=text) if moment.times > 1 else text


def moment_lines(found: list[Moment], names: tuple[str, ...], t: Callable[..., str]) -> list[str]:
    """One line per person and kind ("Ben's response reached Ana and Eli"), in seating order."""
    groups: dict[tuple[int, AwardKind], list[Moment]] = {}
    for moment in sorted(found, key=lambda m: (m.receiver, _KIND_ORDER[m.kind], m.giver)):
        groups.setdefault((moment.receiver, moment.kind), []).append(moment)
    lines = []
    for (receiver, kind), group in groups.items():
        others = [names[m.giver] for m in group]
        line = t(f"moment_{kind.value}", giver=joined(others, t), receiver=names[receiver])
        if all(m.times > 1 for m in group):
            line = t("moment_again", moment=line)
        lines.append(line)
    return lines


def joined(names: list[str], t: Callable[..., str]) -> str:
    """ "Ana", "Ana and Ben", "Ana, Ben and Chloé"."""
    if len(names) < 2:
        return "".join(names)
    return t("names_and", names=", ".join(names[:-1]), last=names[-1])


def acknowledgement(
    mark: tuple[int, int, AwardKind], names: tuple[str, ...], t: Callable[..., str]
) -> str:
    """One mark, as (giver, receiver, kind), said as thanks with the real names: "Ben, your
    question took Ana deeper."."""
    giver, receiver, kind = mark
    return t(f"ack_{kind.value}", giver=names[giver], receiver=names[receiver])
