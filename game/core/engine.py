"""The reducer: `apply(state, move)` and `replay(setup, log)`; the rest of the rules' API.

`apply` checks a move (game/core/checks.py: who may make it is the table in turns.py),
raising a RuleError and changing nothing, then returns a new state. Every move names its
seat. Nothing here reads a clock or a random source: the seed and the log decide everything.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from game.core.action_log import ActionLog
from game.core.actions import (
    ACTION_TYPES,
    UNKNOWN_SEAT,
    Action,
    AnswerDeeper,
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Retold,
    Skip,
    TakeBack,
)
from game.core.cards import Card, WildEffect
from game.core.checks import check, is_legal, legal_actions, legal_moves
from game.core.dealing import (
    CIRCLE_PLAYERS,
    PAIR_PLAYERS,
    action_on_table,
    deal,
    drawer,
    is_turn_card,
    lighter,
    new_game,
    next_seat,
    round_from,
)
from game.core.outcome import Outcome, PlayerResult, outcome
from game.core.rules import LISTENER_AWARDS, ONE_PER_TURN_AWARDS, AwardKind, LevelPace, Scoring
from game.core.state import (
    AWARD_KINDS,
    EndReason,
    GameState,
    Phase,
    Scores,
    Setup,
    earned_marks,
    evolve,
)
from game.core.turns import Stage, acting_seats, stage, who_may

CARD_PHASES = frozenset({Phase.SHARE, Phase.RESPOND, Phase.AWARD})


def replay(setup: Setup, log: Iterable[Action], start: GameState | None = None) -> GameState:
    """Rebuild a game from its setup and moves: the same inputs always give the same state.

    Every state on the way is this function's own, seen by nobody. A turn's marks (about
    four moves in five of a real evening) are folded into a `_Marks` and written into the
    state once, when the next other move comes; a mark the fold cannot vouch for is
    checked and applied as `apply` does it, so a move `apply` refuses is refused here
    with the same error. Every other move is `apply`'s own. The state at the end is
    exactly the one `apply` after `apply` gives (tests/core/test_replay_fold.py).
    A move saved before moves carried their seat gets the one seat that could make it.

    `start`: a state of this game part-way through (a save's checkpoint), whose log is
    the first moves of `log`: only the moves after it are replayed. The state at the end
    is the one the whole replay gives (tests/store/test_checkpoints.py).
    """
    played = list(log)
    if start is None:
        state, done = new_game(setup), 0
    else:
        if start.setup is not setup and start.setup != setup:
            raise ValueError("the state to start from is another game's")
        done = len(start.log)
        if done > len(played):
            raise ValueError(
                f"the state to start from is {done} moves in; the log has {len(played)}"
            )
        state = evolve(start)  # replay's own: it writes into the states on its way
    moves, played = played[done:], played[:done]
    marks: _Marks | None = None
    players = len(state.players)
    seats = frozenset(seat for seat in state.seats if 0 <= seat < players)  # never change
    for action in moves:
        if action.seat == UNKNOWN_SEAT:
            if marks is not None:
                marks.write()
                marks = None
            action = with_its_seat(state, action)
        played.append(action)
        if type(action) is Award or type(action) is TakeBack:
            if marks is None:
                marks = _Marks.of(state, seats)
            if marks is not None:
                if marks.took(action):
                    continue
                marks.write()
                marks = None
            check(state, action)
            object.__setattr__(state, "pending", _pending_after(state, action))
        else:
            if marks is not None:
                marks.write()
                marks = None
            check(state, action)
            state = _after(state, action)  # its log written once, at the end
    if marks is not None:
        marks.write()
    # The log once, at the end: no state on the way is seen, and none reads its log.
    object.__setattr__(state, "log", ActionLog(played))
    return state


class _Marks:
    """One turn's marks while `replay` folds them: the state's `pending` as a dict by
    (giver, receiver, kind), so a mark costs a look-up or two instead of walks of the
    pending marks and a new tuple. `took` answers True only for a move `check` allows, and
    then does to the dict what `apply` does to `pending`; anything else is left to `check`.

    A listener's kind of mark comes only from the speaker, so "already given this turn"
    (`GameState.marked`) is the speaker's own key in the dict; the kinds given once a turn
    are counted."""

    __slots__ = ("mirror", "once", "pending", "players", "seats", "speaker", "state")

    state: GameState
    pending: dict[tuple[int, int, AwardKind], Award]
    once: dict[AwardKind, int]  # how many of each kind given to one listener a turn
    speaker: int
    seats: frozenset[int]
    players: int
    mirror: bool | None  # whether a mirror card is out (FELT_HEARD), once asked

    @classmethod
    def of(cls, state: GameState, seats: frozenset[int]) -> _Marks | None:
        """The fold of `state`'s marks, or None where marks are not given (`check` says why).
        `seats`: those of `state.seats` that are players' (`_need_player`)."""
        if state.phase is not Phase.AWARD:
            return None
        marks = cls()
        speaker = marks.speaker = state.speaker
        pending = state.pending
        marks.pending = {(a.seat, a.receiver, a.kind): a for a in pending}
        marks.once = dict.fromkeys(ONE_PER_TURN_AWARDS, 0)
        for award in pending:
            if award.kind in LISTENER_AWARDS and award.seat != speaker:
                return None  # no state `apply` makes: left to `check`
            if award.kind in ONE_PER_TURN_AWARDS:
                marks.once[award.kind] += 1
        if len(marks.pending) != len(pending):
            return None  # the same mark twice: no state `apply` makes either
        marks.state = state
        marks.players = len(state.players)
        marks.seats = seats
        marks.mirror = None
        return marks

    def took(self, action: Award | TakeBack) -> bool:
        seat, receiver, kind = action.seat, action.receiver, action.kind
        if type(seat) is not int or type(receiver) is not int or type(kind) is not AwardKind:
            return False
        if seat not in self.seats:
            return False
        key = (seat, receiver, kind)
        if type(action) is TakeBack:
            if self.pending.pop(key, None) is None:
                return False
            if kind in self.once:
                self.once[kind] -= 1
            return True
        if type(action) is not Award or key in self.pending or not 0 <= receiver < self.players:
            return False
        speaker = self.speaker
        if kind in LISTENER_AWARDS:
            if seat != speaker or receiver == speaker:
                return False
            if kind is AwardKind.FELT_HEARD and not self.with_mirror():
                return False
            if kind in self.once:
                if self.once[kind]:
                    return False
                self.once[kind] += 1
        elif seat == speaker or receiver != speaker:
            return False
        self.pending[key] = action
        return True

    def with_mirror(self) -> bool:
        if self.mirror is None:
            self.mirror = WildEffect.MIRROR in self.state.effects
        return self.mirror

    def write(self) -> None:
        """The marks into the state (replay's own): the fold is over."""
        object.__setattr__(self.state, "pending", tuple(self.pending.values()))


def with_its_seat(state: GameState, action: Action) -> Action:
    """A move whose seat is UNKNOWN_SEAT (an old save's), given the seat that may make it
    now, the speaker first (an old "done responding" was the whole table's), else the
    speaker's, to be refused with the rule's own reason."""
    for seat in (state.speaker, *state.seats):
        seated = attrs.evolve(action, seat=seat)
        if is_legal(state, seated):
            return seated
    return attrs.evolve(action, seat=state.speaker)


# ---------------------------------------------------------------- applying


def apply(state: GameState, action: Action) -> GameState:
    """Return the state after `action`; raise a RuleError (and change nothing) if it is not legal."""
    check(state, action)
    new = _after(state, action)
    log = state.log.appended(action)
    if new is state:
        return evolve(new, log=log)
    # `new` was made by this call and nobody else holds it yet: giving it its log here
    # spares a second copy of every field (half the cost of a replay), and no state anyone
    # can see ever changes.
    object.__setattr__(new, "log", log)
    return new


def _after(state: GameState, action: Action) -> GameState:
    """The state after `action`, checked already; its log is the caller's to write."""
    return _RULE[type(action)](state, action)


def _ended_by_players(state: GameState, _: Action) -> GameState:
    return _end_game(_keep_answered_card(_commit(state)), EndReason.PLAYERS)


def _marked(state: GameState, action: Award | TakeBack) -> GameState:
    return evolve(state, pending=_pending_after(state, action))


# What each kind of move does (checked already): one look-up instead of a chain of
# isinstance tests at every move.
_RULE: dict[type, Callable[[GameState, Any], GameState]] = {
    Draw: lambda state, _: _deal_or_end(state, first_speaker=state.sharer),
    Pass: lambda state, action: _pass(state, action.seat),
    Skip: lambda state, _: _skip(state),
    LighterCard: lambda state, _: lighter(state),
    AnswerDeeper: lambda state, action: _answer_deeper(state, action),
    FinishSharing: lambda state, _: _finish_sharing(state),
    Retold: lambda state, _: evolve(state, retold=True),
    FinishResponding: lambda state, action: _finish_responding(state, action.seat),
    Award: _marked,
    TakeBack: _marked,
    EndTurn: lambda state, action: _end_turn(state, action.elapsed_seconds),
    EndGame: _ended_by_players,
}
assert set(_RULE) == set(ACTION_TYPES)


def _pending_after(state: GameState, action: Award | TakeBack) -> tuple[Award, ...]:
    """This turn's marks once `action` (checked) gives one or takes one back."""
    if isinstance(action, Award):
        return (*state.pending, action)
    return tuple(
        a
        for a in state.pending
        if not (a.seat == action.seat and a.receiver == action.receiver and a.kind is action.kind)
    )


def _keep_answered_card(state: GameState) -> GameState:
    """A card already shared when the players end the game counts as played, not put away."""
    if state.phase in (Phase.RESPOND, Phase.AWARD) and state.card is not None:
        discard = state.discard if state.card_is_replay else (*state.discard, state.card)
        return evolve(state, discard=discard, card=None, card_is_replay=False)
    return state


def _deal_or_end(state: GameState, first_speaker: int) -> GameState:
    dealt, ran_out = deal(state, first_speaker)
    return _end_game(dealt, EndReason.CARDS) if ran_out else dealt


def _put_card_away(state: GameState) -> GameState:
    """Take the prompt off the table, out of play (a replayed card is already in the discard)."""
    if state.card is None or state.card_is_replay:
        return evolve(state, card=None, card_is_replay=False)
    return evolve(state, card=None, removed=(*state.removed, state.card))


def _pass(state: GameState, player: int) -> GameState:
    """The card goes on to the next player, who answers it instead; the passer listens.

    A pass hands the card on, where a skip puts it away: on a card everyone answers, the
    passer sits it out and the next in the round answers; a single speaker's card goes to
    the next seat, as that seat's own turn (`passed_on`: the rotation then goes on after
    them, so nobody shares twice in a row). Either way the card stays on the table.
    """
    passes_left = list(state.passes_left)
    passes_left[player] -= 1
    used = list(state.passes_used)
    used[player] += 1
    state = evolve(state, passes_left=tuple(passes_left), passes_used=tuple(used))
    if len(state.speakers) > 1:
        return _next_speaker(state)
    return evolve(state, speakers=(next_seat(state, player),), speaker_index=0, passed_on=True)


def _skip(state: GameState) -> GameState:
    if state.phase is Phase.CLOSING:
        # Skipping the closing card ends the evening; it puts no prompt away.
        return evolve(state, card=None, phase=Phase.FINISHED, pending=())
    state = evolve(state, skips=state.skips + 1, pending=())
    # The new card is answered from the start of this turn; awards already committed stay,
    # and a card passed on stays its answerer's turn.
    dealt = _deal_or_end(_put_card_away(state), first_speaker=drawer(state))
    if dealt.phase is Phase.SHARE:
        return evolve(dealt, passed_on=state.passed_on)
    return dealt


def _answer_deeper(state: GameState, answer: AnswerDeeper) -> GameState:
    """Each player answers once; when all have, the level moves up only if all are ready."""
    votes = (*state.votes, (answer.seat, answer.ready))
    if len(votes) < len(state.seats):
        return evolve(state, votes=votes)
    if all(ready for _, ready in votes):
        return evolve(_move_up(state, state.level_started_at), phase=Phase.DEAL, votes=())
    return evolve(state, phase=Phase.DEAL, votes=())


def _finish_sharing(state: GameState) -> GameState:
    if state.phase is Phase.CLOSING:
        if state.speaker_index + 1 >= len(state.speakers):
            return evolve(state, card=None, phase=Phase.FINISHED)
        return evolve(state, speaker_index=state.speaker_index + 1)
    return evolve(state, phase=Phase.RESPOND, done_responding=(), retold=False)


def _finish_responding(state: GameState, seat: int) -> GameState:
    """The speaker ends responding for everyone; a listener only for themself."""
    if seat == state.speaker:
        return evolve(state, phase=Phase.AWARD, done_responding=())
    done = (*state.done_responding, seat)
    if all(listener in done for listener in state.listeners):
        return evolve(state, phase=Phase.AWARD, done_responding=())
    return evolve(state, done_responding=done)


def _commit(state: GameState) -> GameState:
    """Turn this speaker's marks into points (doubled by a double card): each kind of mark
    once per receiver, however many listeners gave it."""
    earned = earned_marks(state.pending)
    if not earned:
        return evolve(state, pending=())
    points, multiplier = state.rules.points, state.multiplier
    rows = list(state.scores.points)
    changed: dict[int, list[int]] = {}  # only the rows of those who earned are copied
    for receiver, kind in earned:
        row = changed.get(receiver)
        if row is None:
            row = changed[receiver] = list(rows[receiver])
        row[_KIND_INDEX[kind]] += points.get(kind, 0) * multiplier  # Rules.points_for
    for receiver, row in changed.items():
        rows[receiver] = tuple(row)
    return evolve(state, scores=Scores(tuple(rows)), pending=())


_KIND_INDEX = {kind: index for index, kind in enumerate(AWARD_KINDS)}


def _next_speaker(state: GameState) -> GameState:
    if state.speaker_index + 1 < len(state.speakers):
        return evolve(
            state,
            speaker_index=state.speaker_index + 1,
            phase=Phase.SHARE,
            pending=(),
            done_responding=(),
            retold=False,
        )
    return _finish_card(state)


def _end_turn(state: GameState, elapsed: float) -> GameState:
    state = _commit(state)
    if state.speaker_index + 1 < len(state.speakers):
        return _next_speaker(state)
    return _finish_card(state, elapsed)


def _turns_used(state: GameState) -> int:
    """How far the rotation moves: one turn, or, for a card passed on, up to the seat after
    the one who answered it (their own turn was this one)."""
    if not state.passed_on or len(state.speakers) != 1:
        return 1
    seats = state.seats
    count = len(seats)
    answered = seats.index(state.speakers[0])
    return (answered - state.turn % count) % count + 1


def _finish_card(state: GameState, elapsed: float = 0.0) -> GameState:
    """The card is answered: discard it, move the rotation on, and check for the end."""
    action = action_on_table(state)
    # Wild cards drawn before an action card still wait for the next prompt.
    wilds = state.wilds if action else ()
    answered = (state.card,) if state.card is not None and not state.card_is_replay else ()
    # One copy of the discard a turn (it grows all evening).
    discard = (*state.discard, *answered) if action else (*state.discard, *state.wilds, *answered)
    last_prompt = state.last_prompt if action or state.card is None else state.card
    before = state.round
    state = evolve(
        state,
        discard=discard,
        last_prompt=last_prompt,
        card=None,
        card_is_replay=False,
        wilds=wilds,
        speakers=(),
        speaker_index=0,
        reader=None,
        turn=state.turn + _turns_used(state),
        passed_on=False,
        done_responding=(),
        retold=False,
        phase=Phase.DEAL,
    )
    rules = state.rules
    round_complete = state.round != before
    if (
        rules.scoring is Scoring.TOGETHER
        and rules.goal is not None
        and state.scores.team_total >= rules.goal
    ):
        return _end_game(state, EndReason.GOAL)
    if round_complete and rules.rounds is not None and state.round >= rules.rounds:
        return _end_game(state, EndReason.ROUNDS)
    state = _advance_level(state, elapsed, round_complete)
    if not _prompts_left(state):
        return _end_game(state, EndReason.CARDS)
    return state


def _prompts_left(state: GameState) -> bool:
    return any(
        is_turn_card(state.setup, card_id)
        for pile in state.piles[state.level - 1 :]
        for card_id in pile
    )


def rounds_per_level(state: GameState) -> int:
    """How many rounds each level lasts under a rounds schedule."""
    rules = state.rules
    if rules.rounds_per_level is not None:
        return max(1, rules.rounds_per_level)
    if rules.rounds is not None:
        return max(1, math.ceil(rules.rounds / len(state.deck.levels)))
    return 2


def minutes_for_level(state: GameState, level: int) -> float:
    if state.rules.minutes_per_level is not None:
        return float(state.rules.minutes_per_level)
    suggested = state.deck.levels[level - 1].minutes
    return float(suggested) if suggested else 20.0


def _advance_level(state: GameState, elapsed: float, round_complete: bool) -> GameState:
    if state.level >= len(state.deck.levels):
        return state
    pile_empty = not any(is_turn_card(state.setup, c) for c in state.piles[state.level - 1])
    pace = state.rules.level_pace
    if pile_empty:
        return _move_up(state, elapsed)
    if state.deck.levels[state.level - 1].finish:
        return state  # `pace: finish`: only its cards running out moves it up
    if pace is LevelPace.AGREEMENT:
        # Ask at the end of every round; the level moves only when everyone says yes.
        return evolve(state, phase=Phase.DEEPER, votes=()) if round_complete else state
    if pace is LevelPace.ROUNDS:
        due = round_complete and state.round - state.level_started_round >= rounds_per_level(state)
    else:
        due = elapsed - state.level_started_at >= minutes_for_level(state, state.level) * 60
    return _move_up(state, elapsed) if due else state


def _move_up(state: GameState, elapsed: float) -> GameState:
    return evolve(
        state, level=state.level + 1, level_started_round=state.round, level_started_at=elapsed
    )


def _end_game(state: GameState, reason: EndReason) -> GameState:
    state = _put_card_away(state)
    state = evolve(
        state,
        discard=state.discard + state.wilds,
        wilds=(),
        pending=(),
        end_reason=reason,
        speaker_index=0,
        reader=None,
        votes=(),
        done_responding=(),
        retold=False,
        passed_on=False,
    )
    closing = state.deck.closing
    if state.rules.closing_card and closing is not None:
        return evolve(
            state, phase=Phase.CLOSING, card=closing.id, speakers=round_from(state, state.sharer)
        )
    return evolve(state, phase=Phase.FINISHED, speakers=())


__all__ = [
    "AWARD_KINDS",
    "CARD_PHASES",
    "CIRCLE_PLAYERS",
    "PAIR_PLAYERS",
    "Card",
    "Outcome",
    "PlayerResult",
    "Stage",
    "acting_seats",
    "apply",
    "check",
    "is_legal",
    "legal_actions",
    "legal_moves",
    "new_game",
    "outcome",
    "replay",
    "stage",
    "who_may",
    "with_its_seat",
]
