"""What one publish costs, counted (issue 27): after a tap from one seat the hub builds that
seat's view and data only, the other seats keep the very same data, and the server writes
out (json) and sends only the phone whose view changed. In the window the views go after
the frame is drawn (the phones' pump comes last in `App.step`)."""

from __future__ import annotations

import json
from typing import Any

from game.content.ui_text import load_ui_text
from game.core import engine
from game.core.actions import Draw, FinishResponding, FinishSharing
from game.phones import hub as hub_module
from game.phones.hub import Hub, Snapshot
from game.phones.server import PhoneServer
from game.table import views
from game.table.session import Session
from tests.core.factory import make_setup
from tests.moves import ANY, apply

T = load_ui_text()
WORDS = {"phone_title": "In Kind"}
PLAYERS = 12


class Outlet:
    def __init__(self) -> None:
        self.snapshots: list[Snapshot] = []

    def publish(self, snapshot: Snapshot) -> None:
        self.snapshots.append(snapshot)

    def holders(self) -> frozenset[int]:
        return frozenset(range(PLAYERS))  # every seat on a phone


def marks_session() -> Session:
    state = engine.new_game(make_setup(PLAYERS, seed=5))
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)):
        state = apply(state, action)
    return Session(state, None)


def hub_at_marks() -> tuple[Hub, Outlet, Session]:
    session = marks_session()
    hub, outlet = Hub(T), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    hub._published_at = -1.0
    hub.pump()  # the phones' seats are read: every seat's view is built and sent
    return hub, outlet, session


def listener_mark(session: Session, seat: int) -> str:
    view = views.table_view(session, T, seat)
    return next(o.id for r in view.marks for o in r.marks if o.enabled and not o.on)


def test_a_tap_from_one_seat_builds_one_view_and_keeps_the_others_data(monkeypatch):
    hub, outlet, session = hub_at_marks()
    before = outlet.snapshots[-1]
    listener = session.state.listeners[3]
    built: list[int | None] = []
    made: list[int | None] = []
    real_view, real_data = views._View.view, hub_module.phone_data

    def view(self, row):  # type: ignore[no-untyped-def]
        built.append(self.seat)
        return real_view(self, row)

    def data(view, t, words=None):  # type: ignore[no-untyped-def]
        made.append(view.seat)
        return real_data(view, t, words)

    monkeypatch.setattr(views._View, "view", view)
    monkeypatch.setattr(hub_module, "phone_data", data)
    replies: list[dict[str, Any]] = []
    hub.submit(listener, listener_mark(session, listener), replies.append)
    hub._published_at = -1.0
    hub.pump()
    assert replies == []
    after = outlet.snapshots[-1]
    assert after is not before
    assert [seat for seat in built if seat is not None] == [listener]
    assert made == [listener]
    assert after.views[listener] is not before.views[listener]
    assert after.views[listener]["marks"] != before.views[listener]["marks"]
    kept = [seat for seat in range(PLAYERS) if after.views[seat] is before.views[seat]]
    assert kept == [seat for seat in range(PLAYERS) if seat != listener]


def test_the_server_writes_out_only_the_views_that_changed(monkeypatch):
    hub, outlet, session = hub_at_marks()
    server = PhoneServer(hub, WORDS, host="127.0.0.1", port=0)  # not started: no thread
    phones = [object() for _ in range(PLAYERS)]  # each seat's connection
    monkeypatch.setattr(server.room, "seat_of", lambda connection: phones.index(connection))
    sent: list[tuple[object, str]] = []
    monkeypatch.setattr(server, "_send", lambda connection, text: sent.append((connection, text)))
    dumped: list[object] = []
    real_dumps = json.dumps

    def dumps(value, **options):  # type: ignore[no-untyped-def]
        dumped.append(value)
        return real_dumps(value, **options)

    monkeypatch.setattr("game.phones.server.json.dumps", dumps)
    for phone in phones:
        server.sent[phone] = ""  # each has had its hello
    server._publish(outlet.snapshots[-1])
    assert len(sent) == PLAYERS and len(dumped) == PLAYERS
    sent.clear()
    dumped.clear()
    speaker = session.state.speaker
    hub.submit(speaker, listener_mark(session, speaker), lambda reply: None)
    hub._published_at = -1.0
    hub.pump()
    server._publish(outlet.snapshots[-1])
    assert [phones.index(phone) for phone, _ in sent] == [speaker]
    assert len(dumped) == 1, "the eleven unchanged views were not written out again"
    server._send_again(phones[0])  # a phone that joins again is sent its view again
    server._publish(outlet.snapshots[-1])
    assert [phones.index(phone) for phone, _ in sent] == [speaker, 0]


def test_in_the_window_a_tap_is_answered_after_the_frame_is_drawn(monkeypatch):
    """The hub in the window (`after_frame`) publishes only when pumped, and the window
    pumps it after drawing: the server's thread writes the views out between frames."""
    session = marks_session()
    hub, outlet = Hub(T, after_frame=True), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    hub._published_at = -1.0
    hub.pump()
    published = len(outlet.snapshots)
    listener = session.state.listeners[0]
    hub.submit(listener, listener_mark(session, listener), lambda reply: None)
    hub._published_at = -1.0
    hub.host.pump()  # the frame takes the tap (App.step, first thing) ...
    assert len(outlet.snapshots) == published  # ... and the views wait for the pump
    hub.pump(take=False)  # after the frame is drawn
    assert len(outlet.snapshots) == published + 1


def test_in_the_window_twelve_changed_views_are_built_over_two_frames(monkeypatch):
    """Twelve phones tapping between two publishes: the window's hub builds at most
    SEATS_A_FRAME seats' views in one frame, the rest in the next, then sends them all
    together; a tap from one seat is still answered in the frame that took it."""
    session = marks_session()
    hub, outlet = Hub(T, after_frame=True), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    for _ in range(2):  # the phones' seats are read: every seat's view goes out
        hub._published_at = -1.0
        hub.pump()
    assert not hub._dirty
    built: list[int | None] = []
    real_view = views._View.view

    def view(self, row):  # type: ignore[no-untyped-def]
        built.append(self.seat)
        return real_view(self, row)

    monkeypatch.setattr(views._View, "view", view)

    def frame() -> None:
        hub.host.pump()  # the frame takes the taps, draws, then pumps the phones
        hub._published_at = -1.0  # a publish is due at once (no 50 ms to wait here)
        hub.pump(take=False)

    for seat in range(PLAYERS):  # every seat taps
        hub.submit(seat, listener_mark(session, seat), lambda reply: None)
    published = len(outlet.snapshots)
    built.clear()
    frame()
    assert len([s for s in built if s is not None]) == hub_module.SEATS_A_FRAME
    assert len(outlet.snapshots) == published, "half the views built: nothing sent yet"
    built.clear()
    frame()
    assert len([s for s in built if s is not None]) == PLAYERS - hub_module.SEATS_A_FRAME
    assert len(outlet.snapshots) == published + 1
    sent = outlet.snapshots[-1]
    for seat in range(PLAYERS):  # each seat's view, whole, of the state now
        assert sent.views[seat] == hub_module.phone_data(
            views.table_view(session, T, seat), T, hub._words_in(T)
        )
    assert not hub._dirty
    listener = session.state.listeners[2]
    hub.submit(listener, listener_mark(session, listener), lambda reply: None)
    built.clear()
    frame()
    assert [s for s in built if s is not None] == [listener]
    assert len(outlet.snapshots) == published + 2


def test_a_seat_that_taps_while_a_publish_is_built_is_sent_its_new_view():
    """A seat built in the first frame of a publish that taps before the second: the views
    go out as built, and the next publish (still due) sends that seat its new view."""
    session = marks_session()
    hub, outlet = Hub(T, after_frame=True), Outlet()
    hub.outlets.append(outlet)
    hub.attach(session)
    for _ in range(2):
        hub._published_at = -1.0
        hub.pump()
    for seat in range(PLAYERS):
        hub.submit(seat, listener_mark(session, seat), lambda reply: None)
    hub.host.pump()
    hub._published_at = -1.0
    hub.pump(take=False)  # seats 0 to 5 built
    first = 0 if session.state.speaker != 0 else 1
    hub.submit(first, listener_mark(session, first), lambda reply: None)
    hub.host.pump()
    hub.pump(take=False)  # the rest built: all go out, seat `first` as it was built
    assert hub._dirty, "seat's tap after its view was built: another publish is due"
    hub._published_at = -1.0
    hub.pump(take=False)
    view = views.table_view(session, T, first)
    assert outlet.snapshots[-1].views[first] == hub_module.phone_data(view, T, hub._words_in(T))


def test_a_phone_in_a_language_no_publish_knew_yet_is_sent_its_own_words(monkeypatch):
    """An Arabic phone that comes between two publishes: its seat list is in Arabic, right
    to left, at once (it was the English page until the next publish, and the page's
    <html dir> went back to ltr)."""
    hub, outlet, _ = hub_at_marks()
    server = PhoneServer(hub, WORDS, host="127.0.0.1", port=0)  # not started: no thread
    phone = object()
    monkeypatch.setattr(server.room, "seat_of", lambda connection: None)  # no seat yet
    sent: list[str] = []
    monkeypatch.setattr(server, "_send", lambda connection, text: sent.append(text))
    snapshot = outlet.snapshots[-1]
    assert "ar" not in snapshot.waiting_in
    server.spoken[phone] = "ar"
    server.sent[phone] = ""  # its hello
    server._publish(snapshot)
    message = json.loads(sent[-1])
    assert message["type"] == "seats"
    assert (message["language"], message["dir"]) == ("ar", "rtl")
    assert message["line"] == hub.t_in("ar")("phone_waiting") != hub.t("phone_waiting")
