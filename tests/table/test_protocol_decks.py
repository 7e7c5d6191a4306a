"""The two protocol decks of format 1.1, played to their end at the table (Session and
view models, choosing only what the view offers): the 36 questions' protocol and a
reader-asks deck with action cards. Each is a file in tests/content/fixtures/protocols."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.decks import load_deck
from game.content.presets import load_presets
from game.content.ui_text import load_ui_text
from game.core import engine
from game.core.cards import Deck, Mode
from game.core.rules import Rules
from game.core.state import EndReason, GameState, Phase, Player, Setup
from game.table.choices import Choice, Do
from game.table.session import Session
from game.table.views import TableView, table_view
from tests.moves import at_laptop

PROTOCOLS = Path(__file__).resolve().parents[1] / "content" / "fixtures" / "protocols"
T = load_ui_text()


def protocol_deck(name: str) -> Deck:
    result = load_deck(PROTOCOLS / name, preset_ids=load_presets()[0])
    assert [p.format() for p in result.problems] == []
    assert result.deck is not None
    return result.deck


def session_for(deck: Deck, names: tuple[str, ...], seed: int = 3) -> Session:
    assert deck.rules is not None, "the protocol travels with the deck"
    mode = Mode.PAIR if len(names) == 2 else Mode.CIRCLE
    setup = Setup(deck, deck.rules, tuple(Player(n) for n in names), mode, seed=seed)
    return Session(engine.new_game(setup), None)


def mark_everything(session: Session, view: TableView) -> None:
    """A warm table: every mark the view offers is given, then Continue."""
    for offer_id in [o.id for row in view.marks for o in row.marks]:
        offer = table_view(session, T).offer(offer_id)  # one "touched me" a turn, say
        if offer is not None and offer.enabled and not offer.on:
            at_laptop(session, offer.choice)


def press_enter(session: Session, ready: bool = True) -> TableView:
    """Do what Enter does now (marking first on the marks screen); returns the view it saw.
    Asked "ready to go deeper?", everyone answers `ready` (or one says "not yet")."""
    view = table_view(session, T)
    if view.phase is Phase.AWARD:
        mark_everything(session, view)
        view = table_view(session, T)
    if view.phase is Phase.DEEPER:
        at_laptop(session, Choice(Do.READY if ready else Do.NOT_YET))
        return view
    assert view.primary is not None, view
    at_laptop(session, view.primary.choice)
    return view


# ---------------------------------------------------------------- the 36 questions' protocol


def test_three_sets_deals_all_36_in_order_both_answer_each_and_sets_end_when_done():
    deck = protocol_deck("three-sets.yaml")
    assert deck.fixed_order and all(level.finish for level in deck.levels)
    assert all(card.everyone and not card.is_wild for card in deck.cards)
    rules = deck.rules
    assert isinstance(rules, Rules) and rules.rounds is None
    session = session_for(deck, ("Ana", "Ben"))
    dealt: list[tuple[str, int]] = []  # (card, level on the table)
    answerers: dict[str, list[int]] = {}
    timers: set[int | None] = set()
    for _ in range(2000):
        state = session.state
        if state.phase is Phase.CLOSING:
            break
        if state.phase is Phase.SHARE:
            assert state.card is not None
            if state.card not in answerers:
                dealt.append((state.card, state.level))
            answerers.setdefault(state.card, []).append(state.speaker)
            view = table_view(session, T)
            timers.add(view.card_timer)
        press_enter(session)
    state = session.state
    # All 36, in file order; the level rose only when a set of twelve was done.
    assert [card for card, _ in dealt] == [card.id for card in deck.cards]
    assert [level for _, level in dealt] == [1] * 12 + [2] * 12 + [3] * 12
    # Both answered every card, taking turns to go first as the turn moves round.
    assert all(sorted(who) == [0, 1] for who in answerers.values())
    assert {who[0] for who in answerers.values()} == {0, 1}
    assert timers == {None}, "the sets use the deck's own share timer"
    # The closing card, with its own four minutes for each of you.
    assert state.phase is Phase.CLOSING and state.end_reason is EndReason.CARDS
    closing = table_view(session, T)
    assert closing.card_timer == 240
    while session.state.phase is Phase.CLOSING:
        assert table_view(session, T).card_timer == 240
        press_enter(session)
    assert session.state.finished
    assert engine.replay(session.state.setup, session.state.log) == session.state


def test_three_sets_keeps_about_fifteen_minutes_a_set():
    deck = protocol_deck("three-sets.yaml")
    rules = deck.rules
    assert rules is not None
    per_set = 12 * 2 * (rules.share_seconds + rules.respond_seconds)  # 12 cards, both answer
    assert 12 * 60 <= per_set <= 18 * 60
    assert all(level.minutes == 15 for level in deck.levels)
    assert deck.closing is not None and deck.closing.timer == 240


# ---------------------------------------------------------------- a reader-asks deck


@pytest.mark.parametrize("names", [("Ana", "Ben"), ("Chloé", "Dmitri", "Eli", "Fatou")])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ask_me_next_reader_asks_next_answers_and_action_cards_get_no_marks(names, seed):
    deck = protocol_deck("ask-me-next.yaml")
    session = session_for(deck, names, seed)
    seen_reader_cards = seen_actions = asked_deeper = 0
    levels_up: list[int] = []
    level = 1
    for _ in range(3000):
        state: GameState = session.state
        if state.level != level:
            levels_up.append(level := state.level)
        if state.phase is Phase.CLOSING:
            break
        view = table_view(session, T)
        card = state.current_card
        if state.phase is Phase.SHARE and card is not None and card.is_action:
            seen_actions += 1
            # Shown with its text, one choice to move on, "not this card", and no marks.
            assert view.headline == T("table_action_heading")
            assert [o.choice.do for o in view.bar] == [Do.END_TURN, Do.SKIP]
            assert view.card_timer == (card.timer or 0)
            scores = state.scores
            turn = state.turn
            at_laptop(session, view.primary.choice)  # type: ignore[union-attr]
            after = session.state
            assert after.phase in (Phase.DEAL, Phase.DEEPER, Phase.CLOSING)
            assert after.turn == turn + 1 and after.scores == scores and not after.pending
            continue
        if state.phase is Phase.SHARE and card is not None and card.answered_by_next:
            seen_reader_cards += 1
            drawer = state.sharer
            following = state.seats[(state.seats.index(drawer) + 1) % len(state.seats)]
            assert state.reader == drawer and state.speaker == following
            assert view.headline == T(
                "table_reads_heading", reader=names[drawer], name=names[following]
            )
            # The answerer shares; the reader listens, and gives the answerer's marks.
            at_laptop(session, Choice(Do.DONE_SHARING))
            at_laptop(session, Choice(Do.DONE_RESPONDING))
            marks = table_view(session, T)
            sharer_row = marks.marks[-1]
            assert sharer_row.receiver == following
            assert drawer in {r.receiver for r in marks.marks[:-1]}
            assert all(o.by == (following,) for r in marks.marks[:-1] for o in r.marks)
            continue
        asked_deeper += state.phase is Phase.DEEPER
        # This table is never ready before a level's cards run out: every card is dealt.
        press_enter(session, ready=False)
    assert session.state.phase is Phase.CLOSING, "the final card closes the evening"
    assert seen_actions == sum(card.is_action for card in deck.cards) == 3
    assert seen_reader_cards == sum(card.answered_by_next for card in deck.cards)
    assert asked_deeper > 0 and levels_up == [2, 3]
    final = table_view(session, T)
    assert final.card_timer == 180
    while session.state.phase is Phase.CLOSING:
        press_enter(session)
    assert session.state.finished
    assert engine.replay(session.state.setup, session.state.log) == session.state


def test_ask_me_next_moves_up_as_soon_as_everyone_is_ready():
    session = session_for(protocol_deck("ask-me-next.yaml"), ("Ana", "Ben", "Chloé"))
    while session.state.phase is not Phase.DEEPER:
        press_enter(session)
    assert session.state.round == 1 and session.state.level == 1
    for _ in range(3):
        at_laptop(session, Choice(Do.READY))
    assert session.state.level == 2 and session.state.phase is Phase.DEAL


def test_not_this_card_puts_an_action_card_away_and_deals_another():
    deck = protocol_deck("ask-me-next.yaml")
    for seed in range(200):
        session = session_for(deck, ("Ana", "Ben"), seed)
        at_laptop(session, Choice(Do.DRAW))
        card = session.state.current_card
        if card is not None and card.is_action:
            at_laptop(session, Choice(Do.SKIP))
            state = session.state
            assert card.id in state.removed and state.card != card.id
            assert state.phase is Phase.SHARE and state.turn == 0
            return
    raise AssertionError("no seed deals the action card first")
