"""What the summary shows: each player's points, the cards played, how the evening ended."""

from __future__ import annotations

import attrs

from game.core.rules import AwardKind
from game.core.state import EndReason, GameState


@attrs.frozen
class PlayerResult:
    player: int
    name: str
    total: int
    by_kind: dict[AwardKind, int] = attrs.field(eq=True, hash=False)
    passes_used: int


@attrs.frozen
class Outcome:
    """What the summary screen shows. Available at any time; final once `finished`."""

    finished: bool
    end_reason: EndReason | None
    players: tuple[PlayerResult, ...]
    team_total: int
    goal: int | None
    cards_played: int
    passes: int
    skips: int  # prompt cards put away before they were answered (the closing card is not)
    rounds: int  # completed rounds
    turns: int  # turns taken: a round begun counts in `rounds_begun`
    level: int

    @property
    def leaders(self) -> tuple[int, ...]:
        best = max(p.total for p in self.players)
        return tuple(p.player for p in self.players if p.total == best)

    @property
    def rounds_begun(self) -> int:
        """Rounds played, counting the last one even if not every player shared in it."""
        players = len(self.players)
        return -(-self.turns // players) if players else 0


def outcome(state: GameState) -> Outcome:
    deck = state.setup.deck
    played = sum(1 for card_id in state.discard if not deck.card(card_id).is_wild)
    players = tuple(
        PlayerResult(
            player=i,
            name=player.name,
            total=state.scores.total(i),
            by_kind=state.scores.by_kind(i),
            passes_used=state.passes_used[i],
        )
        for i, player in enumerate(state.players)
    )
    return Outcome(
        finished=state.finished,
        end_reason=state.end_reason,
        players=players,
        team_total=state.scores.team_total,
        goal=state.rules.goal if state.together else None,
        cards_played=played,
        passes=sum(state.passes_used),
        skips=state.skips,
        rounds=state.round,
        turns=state.turn,
        level=state.level,
    )
