"""The reducer: `new_game(setup)`, `legal_actions(state)`, `apply(state, action)`, `outcome(state)`.

`apply` checks an action in a fixed order — game over? available in this phase? this
player's move? valid? — raising a RuleError and changing nothing, then returns a new state.
Nothing here reads a clock or a random source: the seed and the action log decide everything.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Iterable

import attrs

from game.core import rng
from game.core.actions import (
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
    Skip,
    TakeBack,
)
from game.core.cards import Card, Mode, WildEffect
from game.core.errors import GameOver, InvalidAction, NotThisPhase, NotYourMove, SetupError
from game.core.rules import (
    AWARD_ORDER,
    ONE_PER_TURN_AWARDS,
    AwardKind,
    LevelPace,
    Scoring,
)
from game.core.state import AWARD_KINDS, EndReason, GameState, Phase, Scores, Setup, name_key

PAIR_PLAYERS = 2
CIRCLE_PLAYERS = range(3, 13)
CARD_PHASES = frozenset({Phase.SHARE, Phase.RESPOND, Phase.AWARD})
_SKIP_PHASES = (Phase.SHARE, Phase.RESPOND, Phase.AWARD, Phase.CLOSING)
_END_GAME_PHASES = (Phase.DEAL, Phase.DEEPER, Phase.SHARE, Phase.RESPOND, Phase.AWARD)


# ---------------------------------------------------------------- setting up


def new_game(setup: Setup) -> GameState:
    """Shuffle each level's pile from the seed and seat the players in the order given."""
    count = len(setup.players)
    if setup.mode is Mode.PAIR and count != PAIR_PLAYERS:
        raise SetupError(f"A pair game needs exactly 2 players, not {count}.")
    if setup.mode is Mode.CIRCLE and count not in CIRCLE_PLAYERS:
        raise SetupError(f"A circle game needs 3 to 12 players, not {count}.")
    names = [name_key(p.name) for p in setup.players]
    if any(not name for name in names):
        raise SetupError("Every player needs a name.")
    first_with: dict[str, str] = {}  # names that look the same (NFC, casefold): the first
    for player, key in zip(setup.players, names, strict=True):
        if key in first_with:
            raise SetupError(
                f"Two players have the same name, {first_with[key]}: give each a different one."
            )
        first_with[key] = unicodedata.normalize("NFC", player.name.strip())
    excluded_tags = set(setup.excluded_tags)
    not_for_us = set(setup.not_for_us)
    excluded = tuple(
        c.id
        for c in setup.deck.cards
        if excluded_tags.intersection(c.tags) or (c.id in not_for_us and not c.is_wild)
    )
    had_before = set(setup.had_before)
    state_rng = rng.seed_state(setup.seed)
    piles = []
    for level in range(1, len(setup.deck.levels) + 1):
        ids = [c.id for c in setup.deck.cards_at(level) if c.id not in excluded]
        if setup.deck.fixed_order:
            # The deck's order is its protocol: dealt as written, even to a group that has
            # had these cards before.
            pile = tuple(ids)
        elif had_before:
            state_rng, pile = _new_first(state_rng, setup, ids, had_before)
        else:  # exactly the shuffle of games saved before the memory existed
            state_rng, pile = rng.shuffled(state_rng, ids)
        piles.append(pile)
    if not any(_is_prompt(setup, card_id) for pile in piles for card_id in pile):
        raise SetupError(
            "No prompt cards are left to deal: rule out fewer topics or pick another deck."
        )
    passes = setup.rules.passes_per_player
    return GameState(
        setup=setup,
        seats=tuple(range(count)),
        phase=Phase.DEAL,
        turn=0,
        level=1,
        piles=tuple(piles),
        rng=state_rng,
        scores=Scores.zero(count),
        passes_left=tuple(passes for _ in range(count)),
        passes_used=tuple(0 for _ in range(count)),
        excluded=excluded,
    )


def _new_first(
    state_rng: int, setup: Setup, ids: list[str], had_before: set[str]
) -> tuple[int, tuple[str, ...]]:
    """Prompts this group has not had, shuffled, then those it has; wild cards anywhere among them.

    So the deck cycles only once every card is used, and wild cards stay as spread out as in a
    plain shuffle rather than crowding the few new cards.
    """
    prompts = [i for i in ids if _is_prompt(setup, i)]
    state_rng, new = rng.shuffled(state_rng, [i for i in prompts if i not in had_before])
    state_rng, had = rng.shuffled(state_rng, [i for i in prompts if i in had_before])
    pile = [*new, *had]
    for wild in (i for i in ids if not _is_prompt(setup, i)):
        state_rng, at = rng.below(state_rng, len(pile) + 1)
        pile.insert(at, wild)
    return state_rng, tuple(pile)


def replay(setup: Setup, log: Iterable[Action]) -> GameState:
    """Rebuild a game from its setup and actions: the same inputs always give the same state.

    Every state on the way is this function's own, seen by nobody: a mark given or taken
    back (about half of a real evening's actions) is checked as `apply` checks it, then
    written into that state instead of copied into a new one of thirty fields. Continuing a
    game of 100,000 actions took 2.4 s on a small machine, most of it making those copies.
    """
    state = new_game(setup)
    for action in log:
        if isinstance(action, Award | TakeBack):
            check(state, action)
            object.__setattr__(state, "pending", _pending_after(state, action))
            object.__setattr__(state, "log", state.log.appended(action))
        else:
            state = apply(state, action)
    return state


def _is_prompt(setup: Setup, card_id: str) -> bool:
    return not setup.deck.card(card_id).is_wild


def _is_turn_card(setup: Setup, card_id: str) -> bool:
    """A card a turn is about: a prompt, or an action card (the other wild cards only change one)."""
    card = setup.deck.card(card_id)
    return not card.is_wild or card.is_action


# ---------------------------------------------------------------- checking


def check(state: GameState, action: Action) -> None:
    """Raise the RuleError that applying `action` would raise; return None if it is legal."""
    if state.finished:
        raise GameOver("The game is over.")
    phase = state.phase
    if isinstance(action, Draw):
        _need_phase(phase, (Phase.DEAL,), "Draw a card when a turn begins.")
    elif isinstance(action, Pass):
        _need_phase(phase, (Phase.SHARE,), "Pass a card before you start sharing it.")
        _need_player(state, action.player)
        if action.player != state.speaker:
            raise NotYourMove("Only the player sharing can pass this card.")
        if _action_on_table(state):
            raise InvalidAction("Nobody answers an action card: skip it instead.")
        if state.passes_left[action.player] <= 0:
            raise InvalidAction("No passes left: you can still skip the card.")
    elif isinstance(action, Skip):
        _need_phase(phase, _SKIP_PHASES, "There is no card to skip.")
    elif isinstance(action, LighterCard):
        _need_phase(phase, (Phase.SHARE,), "Ask for a lighter card before you start sharing.")
        if _action_on_table(state):
            raise InvalidAction("An action card has no lighter card: skip it instead.")
        if state.speaker_index > 0 or state.card_is_replay:
            raise InvalidAction("This card is shared by more than one player: skip it instead.")
        if _lighter_level(state) is None:
            raise InvalidAction("There is no lighter card left: you can pass or skip.")
    elif isinstance(action, AnswerDeeper):
        _need_phase(phase, (Phase.DEEPER,), "Nobody asked about going deeper.")
    elif isinstance(action, FinishSharing):
        _need_phase(phase, (Phase.SHARE, Phase.CLOSING), "Nobody is sharing now.")
        if phase is Phase.SHARE and _action_on_table(state):
            raise InvalidAction(
                "An action card is carried out, not shared: end the turn when done."
            )
    elif isinstance(action, FinishResponding):
        _need_phase(phase, (Phase.RESPOND,), "Responding is not under way.")
    elif isinstance(action, Award):
        _need_phase(phase, (Phase.AWARD,), "Awards are given after responding.")
        _check_award(state, action)
    elif isinstance(action, TakeBack):
        _need_phase(phase, (Phase.AWARD,), "Awards can be taken back only before the turn ends.")
        if not any(a.receiver == action.receiver and a.kind is action.kind for a in state.pending):
            raise InvalidAction("That award was not given this turn.")
    elif isinstance(action, EndTurn):
        if not (phase is Phase.SHARE and _action_on_table(state)):
            _need_phase(phase, (Phase.AWARD,), "The turn ends after the awards.")
    elif isinstance(action, EndGame):
        _need_phase(phase, _END_GAME_PHASES, "The game is already closing.")
    else:  # pragma: no cover - the Action union is closed
        raise InvalidAction(f"Unknown action {action!r}.")


def _action_on_table(state: GameState) -> bool:
    card = state.current_card
    return card is not None and card.is_action


def is_legal(state: GameState, action: Action) -> bool:
    try:
        check(state, action)
    except (InvalidAction, NotThisPhase, NotYourMove, GameOver):
        return False
    return True


def _need_phase(phase: Phase, allowed: tuple[Phase, ...], message: str) -> None:
    # Tuples, not sets: `in` finds a member by identity, where a set would hash the enum in
    # Python each time (a replay checks every action again: 100,000 in a long evening).
    if phase not in allowed:
        raise NotThisPhase(message)


def _need_player(state: GameState, player: int) -> None:
    if not 0 <= player < len(state.players):
        raise InvalidAction(f"There is no player number {player}.")


def _check_award(state: GameState, award: Award) -> None:
    _need_player(state, award.giver)
    _need_player(state, award.receiver)
    speaker = state.speaker
    kind = award.kind
    if kind.for_listener:
        if award.giver != speaker:
            raise NotYourMove("Only the player who shared gives this award.")
        if award.receiver == speaker:
            raise InvalidAction("This award goes to a listener, not to the player who shared.")
        if kind is AwardKind.FELT_HEARD and WildEffect.MIRROR not in state.effects:
            raise InvalidAction("'Felt heard' is given only with a mirror card.")
        if kind in ONE_PER_TURN_AWARDS and any(a.kind is kind for a in state.pending):
            raise InvalidAction("This award goes to one listener a turn: take it back first.")
    else:
        if award.giver == speaker:
            raise NotYourMove("The listeners give this award, not the player who shared.")
        if award.receiver != speaker:
            raise InvalidAction("This award goes to the player who shared.")
    if any(a.receiver == award.receiver and a.kind is kind for a in state.pending):
        raise InvalidAction("That award was already given this turn.")


# ---------------------------------------------------------------- applying


def apply(state: GameState, action: Action) -> GameState:
    """Return the state after `action`; raise a RuleError (and change nothing) if it is not legal."""
    check(state, action)
    if isinstance(action, Draw):
        new = _deal(state, first_speaker=state.sharer)
    elif isinstance(action, Pass):
        new = _pass(state, action.player)
    elif isinstance(action, Skip):
        new = _skip(state)
    elif isinstance(action, LighterCard):
        new = _lighter(state)
    elif isinstance(action, AnswerDeeper):
        new = _answer_deeper(state, action.ready)
    elif isinstance(action, FinishSharing):
        new = _finish_sharing(state)
    elif isinstance(action, FinishResponding):
        new = attrs.evolve(state, phase=Phase.AWARD)
    elif isinstance(action, Award | TakeBack):
        new = attrs.evolve(state, pending=_pending_after(state, action))
    elif isinstance(action, EndTurn):
        new = _end_turn(state, action.elapsed_seconds)
    else:
        new = _end_game(_keep_answered_card(_commit(state)), EndReason.PLAYERS)
    log = state.log.appended(action)
    if new is state:
        return attrs.evolve(new, log=log)
    # `new` was made by this call and nobody else holds it yet: giving it its log here
    # spares a second copy of every field (half the cost of a replay), and no state anyone
    # can see ever changes.
    object.__setattr__(new, "log", log)
    return new


def _pending_after(state: GameState, action: Award | TakeBack) -> tuple[Award, ...]:
    """This turn's marks once `action` (checked) gives one or takes one back."""
    if isinstance(action, Award):
        return (*state.pending, action)
    return tuple(
        a for a in state.pending if not (a.receiver == action.receiver and a.kind is action.kind)
    )


def _keep_answered_card(state: GameState) -> GameState:
    """A card already shared when the players end the game counts as played, not put away."""
    if state.phase in (Phase.RESPOND, Phase.AWARD) and state.card is not None:
        discard = state.discard if state.card_is_replay else (*state.discard, state.card)
        return attrs.evolve(state, discard=discard, card=None, card_is_replay=False)
    return state


def _deal(state: GameState, first_speaker: int) -> GameState:
    """Draw from the current level (or deeper if it ran out) until a prompt turns up.

    Wild cards drawn on the way stay on the table and shape the turn. A swap replays the
    last card played, answered by the next listener in the seats.
    """
    piles = [list(p) for p in state.piles]
    wilds = list(state.wilds)
    level = state.level
    card: str | None = None
    replay = False
    action = False
    while card is None:
        found = _level_with_cards(piles, level)
        if found is None:
            # Nothing left to deal: wild cards drawn on the way count as played.
            ended = attrs.evolve(
                state,
                piles=tuple(tuple(p) for p in piles),
                discard=(*state.discard, *wilds),
                wilds=(),
                card=None,
            )
            return _end_game(ended, EndReason.CARDS)
        level = found
        drawn = state.deck.card(piles[level - 1].pop(0))
        if drawn.wild is None:
            card = drawn.id
        elif drawn.is_action:
            # The action is this turn's card; wild cards drawn before it wait for the next prompt.
            card, action = drawn.id, True
        else:
            wilds.append(drawn.id)
            if drawn.wild is WildEffect.SWAP and state.last_prompt is not None and not replay:
                card, replay = state.last_prompt, True
    effects = {state.deck.card(w).wild for w in wilds}
    swapped = WildEffect.SWAP in effects and first_speaker == state.sharer
    speakers: tuple[int, ...]
    reader: int | None
    if action:
        speakers, reader = (first_speaker,), None  # whoever drew it reads it; all carry it out
    else:
        speakers, reader = _speakers_for(
            state, state.deck.card(card), first_speaker, effects, swapped
        )
    return attrs.evolve(
        state,
        piles=tuple(tuple(p) for p in piles),
        level=max(level, state.level),
        wilds=tuple(wilds),
        card=card,
        card_is_replay=replay,
        speakers=speakers,
        speaker_index=0,
        reader=reader,
        pending=(),
        phase=Phase.SHARE,
    )


def _speakers_for(
    state: GameState,
    card: Card,
    drawer: int,
    effects: Collection[WildEffect | None],
    swapped: bool = False,
) -> tuple[tuple[int, ...], int | None]:
    """(who answers the card, in order; who reads it aloud, if not the first of them).

    A swap, or a card `answered_by: next`, hands the card to the next seat; a card everyone
    answers goes round from there.
    """
    speaker = _next_seat(state, drawer) if swapped or card.answered_by_next else drawer
    reader = drawer if card.answered_by_next and speaker != drawer else None
    everyone = WildEffect.EVERYONE in effects or card.everyone
    return (_round_from(state, speaker) if everyone else (speaker,)), reader


def _level_with_cards(piles: list[list[str]], level: int) -> int | None:
    for candidate in range(level, len(piles) + 1):
        if piles[candidate - 1]:
            return candidate
    return None


def _next_seat(state: GameState, player: int) -> int:
    seats = state.seats
    return seats[(seats.index(player) + 1) % len(seats)]


def _round_from(state: GameState, player: int) -> tuple[int, ...]:
    seats = state.seats
    start = seats.index(player)
    return seats[start:] + seats[:start]


def _put_card_away(state: GameState) -> GameState:
    """Take the prompt off the table, out of play (a replayed card is already in the discard)."""
    if state.card is None or state.card_is_replay:
        return attrs.evolve(state, card=None, card_is_replay=False)
    return attrs.evolve(state, card=None, removed=(*state.removed, state.card))


def _pass(state: GameState, player: int) -> GameState:
    """The card goes on to the next player, who answers it instead; the passer listens.

    A pass hands the card on, where a skip puts it away: on a card everyone answers, the
    passer sits it out and the next in the round answers; a single speaker's card goes to
    the next seat. Either way the card stays on the table.
    """
    passes_left = list(state.passes_left)
    passes_left[player] -= 1
    used = list(state.passes_used)
    used[player] += 1
    state = attrs.evolve(state, passes_left=tuple(passes_left), passes_used=tuple(used))
    if len(state.speakers) > 1:
        return _next_speaker(state)
    return attrs.evolve(state, speakers=(_next_seat(state, player),), speaker_index=0)


def _skip(state: GameState) -> GameState:
    state = attrs.evolve(state, skips=state.skips + 1, pending=())
    if state.phase is Phase.CLOSING:
        return attrs.evolve(state, card=None, phase=Phase.FINISHED)
    # The new card is answered from the start of this turn; awards already committed stay.
    return _deal(_put_card_away(state), first_speaker=_drawer(state))


def _drawer(state: GameState) -> int:
    """Who drew the card on the table: its reader, else the first to answer it."""
    if state.reader is not None:
        return state.reader
    return state.speakers[0] if state.speakers else state.sharer


def _lighter_level(state: GameState) -> int | None:
    """The deepest level below the one on the table that still has a prompt to deal."""
    card = state.current_card
    if card is None:
        return None
    for level in range(card.level - 1, 0, -1):
        if any(_is_prompt(state.setup, c) for c in state.piles[level - 1]):
            return level
    return None


def _lighter(state: GameState) -> GameState:
    """Put the card back under its pile and deal the first prompt of a lighter level."""
    card = state.current_card
    level = _lighter_level(state)
    assert card is not None and level is not None  # check() made sure
    piles = [list(p) for p in state.piles]
    if state.deck.fixed_order:
        piles[card.level - 1].insert(0, card.id)  # it keeps its place in the deck's order
    else:
        piles[card.level - 1].append(card.id)
    lighter = next(c for c in piles[level - 1] if _is_prompt(state.setup, c))
    piles[level - 1].remove(lighter)
    speakers, reader = _speakers_for(state, state.deck.card(lighter), _drawer(state), state.effects)
    return attrs.evolve(
        state,
        piles=tuple(tuple(p) for p in piles),
        card=lighter,
        speakers=speakers,
        speaker_index=0,
        reader=reader,
    )


def _answer_deeper(state: GameState, ready: bool) -> GameState:
    if not ready:
        # One "not yet" is enough; the question comes back at the end of the next round.
        return attrs.evolve(state, phase=Phase.DEAL, ready_answers=0)
    answers = state.ready_answers + 1
    if answers < len(state.players):
        return attrs.evolve(state, ready_answers=answers)
    return attrs.evolve(_move_up(state, state.level_started_at), phase=Phase.DEAL, ready_answers=0)


def _finish_sharing(state: GameState) -> GameState:
    if state.phase is Phase.CLOSING:
        if state.speaker_index + 1 >= len(state.speakers):
            return attrs.evolve(state, card=None, phase=Phase.FINISHED)
        return attrs.evolve(state, speaker_index=state.speaker_index + 1)
    return attrs.evolve(state, phase=Phase.RESPOND)


def _commit(state: GameState) -> GameState:
    """Turn this speaker's awards into points (doubled by a double card)."""
    scores = state.scores
    for award in state.pending:
        scores = scores.add(
            award.receiver, award.kind, state.rules.points_for(award.kind) * state.multiplier
        )
    return attrs.evolve(state, scores=scores, pending=())


def _next_speaker(state: GameState) -> GameState:
    if state.speaker_index + 1 < len(state.speakers):
        return attrs.evolve(
            state, speaker_index=state.speaker_index + 1, phase=Phase.SHARE, pending=()
        )
    return _finish_card(state)


def _end_turn(state: GameState, elapsed: float) -> GameState:
    state = _commit(state)
    if state.speaker_index + 1 < len(state.speakers):
        return _next_speaker(state)
    return _finish_card(state, elapsed)


def _finish_card(state: GameState, elapsed: float = 0.0) -> GameState:
    """The card is answered: discard it, move the rotation on, and check for the end."""
    action = _action_on_table(state)
    # Wild cards drawn before an action card still wait for the next prompt.
    wilds = state.wilds if action else ()
    discard = state.discard if action else state.discard + state.wilds
    if state.card is not None and not state.card_is_replay:
        discard = (*discard, state.card)
    last_prompt = state.last_prompt if action or state.card is None else state.card
    state = attrs.evolve(
        state,
        discard=discard,
        last_prompt=last_prompt,
        card=None,
        card_is_replay=False,
        wilds=wilds,
        speakers=(),
        speaker_index=0,
        reader=None,
        turn=state.turn + 1,
        phase=Phase.DEAL,
    )
    rules = state.rules
    round_complete = state.turn % len(state.seats) == 0
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
        _is_turn_card(state.setup, card_id)
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
    pile_empty = not any(_is_turn_card(state.setup, c) for c in state.piles[state.level - 1])
    pace = state.rules.level_pace
    if pile_empty:
        return _move_up(state, elapsed)
    if state.deck.levels[state.level - 1].finish:
        return state  # `pace: finish`: only its cards running out moves it up
    if pace is LevelPace.AGREEMENT:
        # Ask at the end of every round; the level moves only when everyone says yes.
        return attrs.evolve(state, phase=Phase.DEEPER) if round_complete else state
    if pace is LevelPace.ROUNDS:
        due = round_complete and state.round - state.level_started_round >= rounds_per_level(state)
    else:
        due = elapsed - state.level_started_at >= minutes_for_level(state, state.level) * 60
    return _move_up(state, elapsed) if due else state


def _move_up(state: GameState, elapsed: float) -> GameState:
    return attrs.evolve(
        state, level=state.level + 1, level_started_round=state.round, level_started_at=elapsed
    )


def _end_game(state: GameState, reason: EndReason) -> GameState:
    state = _put_card_away(state)
    state = attrs.evolve(
        state,
        discard=state.discard + state.wilds,
        wilds=(),
        pending=(),
        end_reason=reason,
        speaker_index=0,
        reader=None,
    )
    closing = state.deck.closing
    if state.rules.closing_card and closing is not None:
        return attrs.evolve(
            state, phase=Phase.CLOSING, card=closing.id, speakers=_round_from(state, state.sharer)
        )
    return attrs.evolve(state, phase=Phase.FINISHED, speakers=())


# ---------------------------------------------------------------- what can be done


def legal_actions(state: GameState) -> list[Action]:
    """Every action `apply` would accept now (sharer awards once per listener who could give them)."""
    if state.finished:
        return []
    candidates: list[Action] = [
        Draw(),
        Skip(),
        LighterCard(),
        AnswerDeeper(ready=True),
        AnswerDeeper(ready=False),
        FinishSharing(),
        FinishResponding(),
        EndTurn(),
        EndGame(),
        Pass(state.speaker),
    ]
    if state.phase is Phase.AWARD:
        speaker = state.speaker
        for listener in state.listeners:
            for kind in AWARD_ORDER:
                if kind.for_listener:
                    candidates.append(Award(speaker, listener, kind))
                else:
                    candidates.append(Award(listener, speaker, kind))
        candidates.extend(TakeBack(a.receiver, a.kind) for a in state.pending)
    return [a for a in candidates if is_legal(state, a)]


# ---------------------------------------------------------------- the result


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
    skips: int
    rounds: int
    level: int

    @property
    def leaders(self) -> tuple[int, ...]:
        best = max(p.total for p in self.players)
        return tuple(p.player for p in self.players if p.total == best)


def outcome(state: GameState) -> Outcome:
    played = sum(1 for card_id in state.discard if _is_prompt(state.setup, card_id))
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
        level=state.level,
    )


__all__ = [
    "AWARD_KINDS",
    "Card",
    "Outcome",
    "PlayerResult",
    "apply",
    "check",
    "is_legal",
    "legal_actions",
    "new_game",
    "outcome",
    "replay",
]
