"""The pygame-free table: a session tells every listener, saves its walk, and resumes it."""

from __future__ import annotations

import pytest

from game.core import engine
from game.core.actions import Draw, FinishSharing
from game.core.cards import WildEffect
from game.core.errors import RuleError
from game.core.rules import AwardKind
from game.core.state import Phase
from game.store.saves import SaveStore
from game.table.choices import Choice, Do, mark
from game.table.closeness import ClosenessRound
from game.table.session import Session, open_session, resume_session
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply, at_laptop, dispatch


def mirror_respond(players: int = 3):
    """A game just after the sharer finished sharing a card with a mirror wild."""
    deck = make_deck(prompts_per_level=4, levels=1, wilds=((WildEffect.MIRROR, 1),))
    for seed in range(400):
        state = apply(engine.new_game(make_setup(players, deck=deck, seed=seed)), Draw(ANY))
        if WildEffect.MIRROR in state.effects:
            return apply(state, FinishSharing(ANY))
    raise AssertionError("no seed draws a mirror")


def test_every_listener_hears_every_change_whoever_made_it():
    session = Session(engine.new_game(make_setup(2)), None)
    heard: list[tuple[Phase, Phase]] = []
    stop = session.subscribe(lambda before, after: heard.append((before.phase, after.phase)))
    session.choose(0, Choice(Do.DRAW))  # a key on the laptop, for the sharer
    dispatch(session, FinishSharing(ANY))  # a phone, a timer: another source, the same news
    assert heard == [(Phase.DEAL, Phase.SHARE), (Phase.SHARE, Phase.RESPOND)]
    stop()
    session.choose(0, Choice(Do.DONE_RESPONDING))
    assert len(heard) == 2, "a listener that stopped hears nothing more"


def test_a_choice_that_is_not_possible_changes_nothing_and_tells_no_one():
    session = Session(engine.new_game(make_setup(2)), None)
    heard = []
    session.subscribe(lambda before, after: heard.append(after))
    before = session.state
    assert not session.possible(0, Choice(Do.DONE_SHARING))
    with pytest.raises(RuleError):
        session.choose(0, Choice(Do.DONE_SHARING))
    assert not session.possible(1, Choice(Do.DRAW)), "only the sharer draws"
    with pytest.raises(RuleError):
        session.choose(1, Choice(Do.DRAW))
    assert session.state is before and heard == []


def test_marks_toggle_and_undo_takes_back_the_givers_last():
    session = Session(engine.new_game(make_setup(2)), None)
    for do in (Do.DRAW, Do.DONE_SHARING, Do.DONE_RESPONDING):
        session.choose(0, Choice(do))
    question = mark(1, AwardKind.DEEPENING_QUESTION)
    session.choose(0, question)
    assert [a.kind for a in session.state.pending] == [AwardKind.DEEPENING_QUESTION]
    session.choose(0, question)  # pressed again: taken back
    assert session.state.pending == ()
    session.choose(0, mark(1, AwardKind.FELT_RESPONSE))
    session.choose(1, mark(0, AwardKind.SHARED_FEELING))
    session.choose(0, Choice(Do.UNDO))  # the sharer's own last mark, not the listener's
    assert [(a.seat, a.kind) for a in session.state.pending] == [(1, AwardKind.SHARED_FEELING)]


def test_the_mirror_holds_the_listeners_until_the_story_is_retold():
    session = Session(mirror_respond(), None)
    speaker = session.state.speaker
    assert session.state.retold is False
    assert not session.possible(speaker, Choice(Do.DONE_RESPONDING))
    with pytest.raises(RuleError):
        session.choose(speaker, Choice(Do.DONE_RESPONDING))  # a phone may not skip it
    at_laptop(session, Choice(Do.RETOLD))
    assert session.possible(speaker, Choice(Do.DONE_RESPONDING))
    assert not session.possible(speaker, Choice(Do.RETOLD))
    with pytest.raises(RuleError):
        session.choose(speaker, Choice(Do.RETOLD))
    assert any(type(move).__name__ == "Retold" for move in session.state.log), "a logged move"


def test_a_resumed_game_resumes_mid_walk_and_keeps_the_closeness_answers(tmp_path):
    store = SaveStore(tmp_path)
    closeness = ClosenessRound(("Ana", "Ben", "Chloé"), before={0: 3, 1: None, 2: 5})
    session = open_session(mirror_respond(), store, False, closeness)
    loaded = store.load()
    resumed = resume_session(loaded, store, False)
    assert not resumed.state.retold, "still waiting for the retelling"
    assert resumed.closeness is not None and resumed.closeness.before == {0: 3, 1: None, 2: 5}

    at_laptop(resumed, Choice(Do.RETOLD))
    again = resume_session(store.load(), store, False)
    assert again.state.retold, "the retelling is remembered too: it is in the log"
    assert again.state == resumed.state
    assert session.state.log != again.state.log


def test_another_groups_closeness_answers_are_never_shown():
    saved = ClosenessRound(("Ana", "Ben"), before={0: 2, 1: 4}).saved()
    assert ClosenessRound.from_saved(saved, ("Ana", "Ben")) is not None
    assert ClosenessRound.from_saved(saved, ("Ana", "Zoe")) is None
    assert (
        ClosenessRound.from_saved({"names": ["Ana", "Ben"], "before": {"0": 9}}, ("Ana", "Ben"))
        is None
    )


def test_the_saves_store_tells_who_asked_after_each_save(tmp_path):
    store = SaveStore(tmp_path)
    written = []
    store.on_saved(lambda state, path: written.append((state.turn, path.read_bytes())))
    session = open_session(engine.new_game(make_setup(2)), store, False)
    session.choose(0, Choice(Do.DRAW))
    assert len(written) == 2
    assert written[-1][1] == store.current_path.read_bytes()
