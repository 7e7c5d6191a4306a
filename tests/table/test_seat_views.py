"""A device's view is kept until something it may see changes (views.seen_by): a phone's
tap rebuilds that phone's view, not every seat's. Whatever the game, the kept view is
exactly the view built afresh, for the TV and for every seat, after every move."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import EndGame
from game.core.rules import LevelPace, Rules, Scoring
from game.table.choices import Choice, Do
from game.table.views import _View, table_view
from tests.budget import examples
from tests.moves import words
from tests.table.test_secrecy import new_session

MAX_MOVES = 300


def fresh(session, seat):  # type: ignore[no-untyped-def]
    state = session.state
    return _View(session, state, words, [p.name for p in state.players], seat).view(0)


@settings(
    max_examples=examples(ci=40, dev=3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    players=st.integers(2, 12),
    phone_share=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**16),
    pace=st.sampled_from([LevelPace.AGREEMENT, LevelPace.ROUNDS]),
    scoring=st.sampled_from(list(Scoring)),
    bot=st.randoms(use_true_random=False),
)
def test_a_kept_view_is_always_the_view_built_afresh(
    players, phone_share, seed, pace, scoring, bot
):
    seats = list(range(players))
    phones = frozenset(s for s in seats if bot.random() < phone_share)
    rules = Rules(level_pace=pace, scoring=scoring, rounds=None, rounds_per_level=1)
    session = new_session(players, phones, seed, rules)
    devices = (None, *seats)
    for _ in range(MAX_MOVES):
        for device in devices:  # asked each move, as the TV and the phones ask
            table_view(session, words, device)
        state = session.state
        if state.finished:
            break
        if bot.random() < 0.05 and session.possible(seats[0], Choice(Do.STAR)):
            session.choose(bot.choice(seats), Choice(Do.STAR))
        else:
            moves = [m for m in engine.legal_actions(state) if not isinstance(m, EndGame)]
            session.dispatch(bot.choice(moves or engine.legal_actions(state)))
        for device in devices:
            view = table_view(session, words, device)
            assert view == fresh(session, device), (device, session.state.phase)


def test_a_mark_on_one_phone_rebuilds_that_phones_view_only():
    session = new_session(5, frozenset({1, 2, 3, 4}), 3, Rules())
    for move in ("draw", "done_sharing", "done_responding"):
        offer = table_view(session, words).offer(move)
        assert offer is not None
        session.choose_all(offer.seats, offer.choice)
    seats = (None, 0, 1, 2, 3, 4)
    before = {seat: table_view(session, words, seat) for seat in seats}
    feeling = next(o for r in before[2].marks for o in r.marks if o.enabled)
    session.choose(2, feeling.choice)
    after = {seat: table_view(session, words, seat) for seat in seats}
    rebuilt = [seat for seat in seats if after[seat] is not before[seat]]
    assert rebuilt == [None, 2]  # the TV's "phones: 1 of 4 have marked", and the phone's tick


def test_the_views_of_one_state_ask_the_rules_once_for_what_no_seat_chose(monkeypatch):
    """Twelve phones each tap a mark, then the phones' views and the TV's are built, as a
    publish does: the part every view shares (who may end the turn or the evening, the
    words) is worked out once for the state, not once a view (issue 27)."""
    from game.table import views as views_module
    from game.table.session import Session

    session = new_session(12, frozenset(range(1, 12)), 5, Rules())
    for move in ("draw", "done_sharing", "done_responding"):
        offer = table_view(session, words).offer(move)
        assert offer is not None
        session.choose_all(offer.seats, offer.choice)
    speaker = session.state.speaker
    for seat in range(1, 12):  # each phone gives a mark
        view = table_view(session, words, seat)
        given = next(o for r in view.marks for o in r.marks if o.enabled and not o.on)
        session.choose(seat, given.choice)
    asked: list[Do] = []
    shared: list[object] = []
    real_possible, real_shared = Session.possible, views_module.Shared.__init__

    def possible(self, seat, choice):  # type: ignore[no-untyped-def]
        asked.append(choice.do)
        return real_possible(self, seat, choice)

    def made(self, *args):  # type: ignore[no-untyped-def]
        shared.append(self)
        real_shared(self, *args)

    monkeypatch.setattr(Session, "possible", possible)
    monkeypatch.setattr(views_module.Shared, "__init__", made)
    built = {seat: table_view(session, words, seat) for seat in (None, *range(12))}
    assert len({id(view) for view in built.values()}) == 13  # every view new: each saw news
    assert len(shared) == 1
    # End the turn (the speaker) and end the evening (all twelve), each asked once a seat:
    # before, every one of the thirteen views asked all thirteen again.
    assert sorted(asked, key=str) == sorted([Do.END_TURN] + [Do.END_EVENING] * 12, key=str)
    assert speaker == session.state.speaker
