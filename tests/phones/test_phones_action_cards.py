"""A format-1.1 deck on phones: an action card ("do this together") and a card the drawer
reads aloud for the next player. What the phones show and offer comes from the same view
as the table's, so a phone can carry an action card through and the marks follow the
player who answered."""

from __future__ import annotations

from typing import Any

from game.content.ui_text import load_ui_text
from game.core.state import Phase
from game.phones.hub import Hub, Snapshot
from game.table.views import table_view
from tests.table.test_protocol_decks import press_enter, protocol_deck, session_for

T = load_ui_text()


class Outlet:
    def __init__(self) -> None:
        self.last: Snapshot | None = None

    def publish(self, snapshot: Snapshot) -> None:
        self.last = snapshot

    def holders(self) -> frozenset[int]:
        return frozenset({0, 1, 2})  # every seat has a phone


def tap(hub: Hub, seat: int, choice_id: str) -> list[dict[str, Any]]:
    replies: list[dict[str, Any]] = []
    hub.submit(seat, choice_id, replies.append)
    hub.pump()
    return replies


def ids(view: dict[str, Any]) -> list[str]:
    return [o["id"] for o in view["offers"] if o["enabled"]]


def test_a_phone_carries_an_action_card_through_and_nobody_is_marked():
    session = session_for(protocol_deck("ask-me-next.yaml"), ("Ana", "Ben", "Chloé"))
    hub, outlet = Hub(T), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    for _ in range(200):  # play on until an action card is the turn's card
        card = session.state.current_card
        if card is not None and card.is_action and session.state.phase is Phase.SHARE:
            break
        press_enter(session)
    else:
        raise AssertionError("no action card in 200 steps")
    hub._published_at = -1.0  # the next pump sends views at once
    hub.publish()
    assert outlet.last is not None
    sharer = session.state.sharer
    view = outlet.last.views[sharer]
    assert view["card"]["prompt"] == card.text  # the instruction, where a prompt would be
    done = [o for o in view["offers"] if o["primary"]]
    assert len(done) == 1 and done[0]["enabled"]
    assert all(row["offers"] == [] for row in view["marks"])  # nothing to mark on it
    turn, scores = session.state.turn, session.state.scores
    assert tap(hub, sharer, done[0]["id"]) == []  # no error reply
    assert session.state.turn == turn + 1
    assert session.state.phase in (Phase.DEAL, Phase.DEEPER)  # the next turn, or "deeper?"
    assert session.state.scores == scores  # an action card is carried out, never marked


def test_a_card_read_aloud_by_its_drawer_is_answered_and_marked_on_the_next_phone():
    session = session_for(protocol_deck("ask-me-next.yaml"), ("Ana", "Ben", "Chloé"))
    hub, outlet = Hub(T), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    for _ in range(200):
        if session.state.reader is not None and session.state.phase is Phase.SHARE:
            break
        press_enter(session)
    else:
        raise AssertionError("no card read aloud in 200 steps")
    state = session.state
    reader, answerer = state.reader, state.speaker
    assert reader != answerer
    hub.publish()
    assert outlet.last is not None
    assert "done_sharing" in ids(outlet.last.views[answerer])  # the answerer says when done
    assert "done_sharing" not in ids(outlet.last.views[reader])
    headline = table_view(session, T).headline
    assert state.players[reader].name in headline and state.players[answerer].name in headline
