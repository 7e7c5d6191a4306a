"""The TV never tells what a phone chose: the secrecy test of ../shared/ARCHITECTURE.md.

Two games that differ only in one private choice (a mark given on a phone, an answer to
"ready to go deeper?", a star) must give identical TV views, and identical views to every
other seat, until the choice is shown: the marks at the turn's end, the vote once everyone
has answered (and then only its outcome). Hypothesis plays random games of 2 to 12 seats
with any mix of phones and laptop, and checks every view after every move on the way.
"""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import AnswerDeeper, Award, EndGame, EndTurn, TakeBack
from game.core.cards import WildEffect
from game.core.rules import AwardKind, LevelPace, Rules, Scoring
from game.core.state import GameState, Phase
from game.core.turns import Stage, stage
from game.table.choices import Choice, Do, mark
from game.table.session import Session, given_by
from game.table.views import TableView, table_view
from tests.budget import examples
from tests.core.factory import make_deck, make_setup
from tests.moves import words

MAX_MOVES = 400


class Memory:
    """A group's card memory held in the test: stars and "not for us", no file."""

    def __init__(self) -> None:
        self.starred: set[str] = set()

    def dealt(self, card: str | None) -> None:
        pass

    def is_starred(self, card: str) -> bool:
        return card in self.starred

    def toggle_star(self, card: str) -> bool:
        self.starred ^= {card}
        return card in self.starred

    def not_for_us(self, card: str) -> None:
        pass


def new_session(players: int, phones: frozenset[int], seed: int, rules: Rules) -> Session:
    deck = make_deck(
        prompts_per_level=6,
        levels=2,
        wilds=((WildEffect.MIRROR, 1), (WildEffect.EVERYONE, 2), (WildEffect.DOUBLE, 1)),
    )
    state = engine.new_game(make_setup(players, deck=deck, rules=rules, seed=seed))
    session = Session(state, None, memory=Memory())  # type: ignore[arg-type]
    session.phones = phones
    return session


def copy(session: Session) -> Session:
    """The same game, its memory and its phones, to go another way from here."""
    twin = new_session(len(session.state.players), session.phones, 0, session.state.rules)
    twin.state = session.state
    assert twin.memory is not None and session.memory is not None
    twin.memory.starred = set(session.memory.starred)  # type: ignore[attr-defined]
    twin.stars = dict(session.stars)
    return twin


def views(session: Session, but: int) -> dict[int | None, TableView]:
    """The TV's view and every seat's view but the one who chose."""
    seats = [s for s in session.state.seats if s != but]
    return {seat: table_view(session, words, seat) for seat in (None, *seats)}


def public_move(state: GameState, rng: random.Random, private: int) -> object | None:
    """A move anyone but `private` makes, never one that shows the secret (the end of the
    turn, the last answer to the vote); None when only such moves are left."""
    moves = [
        m
        for m in engine.legal_actions(state)
        if m.seat != private and not isinstance(m, EndTurn | EndGame)
    ]
    if state.phase is Phase.DEEPER:
        moves = [m for m in moves if len(state.votes) + 1 < len(state.seats)]
    return rng.choice(moves) if moves else None


def private_choices(session: Session, seat: int) -> list[tuple[Choice, Choice]]:
    """Two different private choices `seat` could make now (each counts as having acted)."""
    state = session.state
    now = stage(state)
    if now is Stage.DEEPER and seat not in state.voted:
        return [(Choice(Do.READY), Choice(Do.NOT_YET))]
    pairs: list[tuple[Choice, Choice]] = []
    if now is Stage.MARK:
        if seat == state.speaker:
            receivers = state.listeners
            kinds = (AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE, AwardKind.TOUCHED_ME)
            options = [mark(r, k) for r in receivers for k in kinds]
        else:
            kinds = (AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT)
            options = [mark(state.speaker, k) for k in kinds]
        options = [
            o
            for o in options
            if session.possible(seat, o) and not given_by(state, seat, o.receiver, o.mark)  # type: ignore[arg-type]
        ]
        pairs += [(a, b) for a in options for b in options if a != b][:4]
    if now in (Stage.SHARE, Stage.RESPOND, Stage.MARK) and session.possible(seat, Choice(Do.STAR)):
        pairs.append((Choice(Do.STAR), Choice(Do.STAR)))  # starred, or (below) not at all
    return pairs


GAMES = dict(
    players=st.integers(2, 12),
    phone_share=st.floats(0.2, 1.0),
    seed=st.integers(0, 2**16),
    pace=st.sampled_from([LevelPace.AGREEMENT, LevelPace.ROUNDS]),
    scoring=st.sampled_from(list(Scoring)),
    bot=st.randoms(use_true_random=False),
)
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=examples(ci=8, dev=4), **SETTINGS)  # type: ignore[arg-type]
@given(**GAMES)
def test_the_tv_never_depends_on_a_private_choice_before_it_is_shown(
    players, phone_share, seed, pace, scoring, bot
):
    play_and_compare(players, phone_share, seed, pace, scoring, bot)


@pytest.mark.slow
@settings(max_examples=80, **SETTINGS)  # type: ignore[arg-type]
@given(**GAMES)
def test_the_tv_never_depends_on_a_private_choice_in_many_games(
    players, phone_share, seed, pace, scoring, bot
):
    play_and_compare(players, phone_share, seed, pace, scoring, bot)


def play_and_compare(players, phone_share, seed, pace, scoring, bot) -> None:
    seats = list(range(players))
    phones = frozenset(s for s in seats if bot.random() < phone_share) or frozenset({0})
    rules = Rules(level_pace=pace, scoring=scoring, rounds=None, rounds_per_level=1)
    session = new_session(players, phones, seed, rules)
    checked = 0
    for _ in range(MAX_MOVES):
        state = session.state
        if state.finished:
            break
        for seat in sorted(phones):
            for first, second in private_choices(session, seat):
                checked += check_secret(session, seat, first, second, bot)
        moves = [m for m in engine.legal_actions(state) if not isinstance(m, EndGame)]
        session.dispatch(bot.choice(moves or engine.legal_actions(state)))
        if checked >= 6:
            break
    # Every game reaches some private choice: a phone's mark, answer or star.
    assert checked or session.state.finished


def check_secret(session: Session, seat: int, first: Choice, second: Choice, rng) -> int:
    one, two = copy(session), copy(session)
    one.choose(seat, first)
    if second.do is Do.STAR:
        pass  # the other game: no star at all
    else:
        two.choose(seat, second)
    for _ in range(12):
        assert views(one, seat) == views(two, seat), (first, second, one.state.phase)
        move = public_move(one.state, rng, seat)
        if move is None or not engine.is_legal(two.state, move):
            break
        one.dispatch(move)
        two.dispatch(move)
    return 1


def test_a_phone_listeners_mark_is_theirs_alone_and_counts_once():
    """Phones sharing the sharer's row each mark on their own: none sees another's tick or
    can take it back, and the sharer earns the mark once however many give it."""
    session = new_session(4, frozenset({1, 2, 3}), 1, Rules())
    for move in ("draw", "done_sharing", "done_responding"):
        offer = table_view(session, words).offer(move)
        assert offer is not None
        session.choose_all(offer.seats, offer.choice)
    assert session.state.phase is Phase.AWARD and session.state.speaker == 0
    feeling = mark(0, AwardKind.SHARED_FEELING)
    session.choose(1, feeling)
    mine = table_view(session, words, 1).offer(feeling.id)
    theirs = table_view(session, words, 2).offer(feeling.id)
    assert mine is not None and mine.on
    assert theirs is not None and not theirs.on and theirs.enabled
    tv = table_view(session, words)
    assert tv.marks[-1].on_phone and not any(o.on for o in tv.marks[-1].marks)
    assert tv.shown_marks == ()
    session.choose(2, feeling)  # Chloé gives it too; undoing hers leaves Ben's
    session.choose(2, Choice(Do.UNDO))
    assert [a.seat for a in session.state.pending] == [1]
    session.choose(2, feeling)
    session.choose(0, Choice(Do.END_TURN))
    assert session.state.scores.of(0, AwardKind.SHARED_FEELING) == Rules().points_for(
        AwardKind.SHARED_FEELING
    )


def test_a_vote_shows_how_many_answered_never_what_until_all_have():
    session = new_session(3, frozenset({1}), 2, Rules(level_pace=LevelPace.AGREEMENT))
    state = session.state
    while state.phase is not Phase.DEEPER:
        session.dispatch(_forward(state))
        state = session.state
    session.choose(1, Choice(Do.NOT_YET))  # Ben, on his phone
    tv = table_view(session, words)
    assert "count=1" in tv.listening and "phones" not in tv.listening
    answered = [o.choice.do for o in table_view(session, words, 1).bar]
    assert Do.READY not in answered and Do.NOT_YET not in answered, "one answer each"
    ready = table_view(session, words).offer("ready")
    assert ready is not None and ready.seats == (0,), "the laptop answers for its own seats"
    session.choose_all(ready.seats, ready.choice)
    session.choose(2, Choice(Do.READY))
    assert session.state.phase is Phase.DEAL and session.state.level == 1, "one not yet: stay"


def _forward(state: GameState) -> object:
    """The first legal move that moves the game on (the speaker's, or the sharer's)."""
    for move in engine.legal_actions(state):
        if not isinstance(move, Award | TakeBack | EndGame | AnswerDeeper):
            return move
    return attrs.evolve(engine.legal_actions(state)[0])
