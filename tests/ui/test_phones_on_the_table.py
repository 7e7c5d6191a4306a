"""Phones at the real game window (headless): the join screen with a QR code that scans back
to the address, a phone's tap reaching the table, Settings turning phones on and off, and
nothing of the phones' server loaded while they are off."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pygame
import pytest

from game.core.cards import Mode
from game.core.state import Phase
from game.store.settings import Settings
from game.table.closeness import BEFORE, ClosenessRound
from game.table.samples import sample_game
from game.ui.play import start_game
from game.ui.widgets.qr import QUIET, draw_qr
from tests.child import headless_child
from tests.moves import ANY, apply

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def phones_app(make_app, monkeypatch):
    monkeypatch.setenv("INKIND_PHONES_PORT", "0")  # any free port: tests run side by side
    driver = make_app(size=(1280, 720))
    yield driver
    driver.app.stop_phones()


def test_a_game_with_phones_opens_on_how_to_join_and_a_tap_moves_the_table(phones_app, capsys):
    app = phones_app.app
    app.start_phones()
    assert capsys.readouterr().out == f"phones: {app.phones.url}\n"
    game = sample_game(app.catalog(), Mode.CIRCLE, names=("Ana", "Ben", "Chloé"), seeds=5)
    start_game(app, game.start)
    phones_app.step()
    assert type(app.scene).__name__ == "PhonesScene"
    assert app.phones.address in app.phones.url
    session = app.stack[0].session
    sharer = session.state.sharer

    async def tap() -> None:
        from websockets.asyncio.client import connect

        port = app.phones.server.port
        url = f"ws://127.0.0.1:{port}/{app.phones.server.room.code}/ws"
        async with connect(url, origin=f"http://127.0.0.1:{port}") as phone:
            await phone.send(json.dumps({"type": "join", "seat": sharer}))
            for _ in range(200):  # the game's loop, stepped by hand between messages
                phones_app.step()
                if app.phones.joined():
                    break
                await asyncio.sleep(0.005)
            await phone.send(json.dumps({"type": "choose", "id": "draw"}))
            for _ in range(200):
                phones_app.step()
                if session.state.phase is Phase.SHARE:
                    return
                await asyncio.sleep(0.005)

    asyncio.run(tap())
    assert session.state.phase is Phase.SHARE
    assert app.phones.joined() == [session.state.players[sharer].name]
    phones_app.key(pygame.K_ESCAPE)  # back to the table, which shows the drawn card
    assert type(app.scene).__name__ == "TableScene"
    assert app.scene.view.phase is Phase.SHARE


def test_the_qr_code_is_drawn_module_for_module(phones_app):
    app = phones_app.app
    app.start_phones()
    rows = app.phones.qr()
    surface = pygame.Surface((400, 300))
    area = draw_qr(surface, rows, pygame.Rect(10, 10, 380, 280))
    module = area.width // (len(rows) + 2 * QUIET)
    assert module >= 5
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            centre = (
                area.left + (x + QUIET) * module + module // 2,
                area.top + (y + QUIET) * module + module // 2,
            )
            assert surface.get_at(centre)[:3] == ((0, 0, 0) if dark else (255, 255, 255))
    assert surface.get_at((area.left + 1, area.top + 1))[:3] == (255, 255, 255)  # quiet zone


def test_settings_turn_phones_on_and_off(phones_app):
    app = phones_app.app
    assert app.phones is None
    app.apply_settings(app.settings.replace(phones=True))
    assert app.phones is not None
    port = app.phones.server.port
    app.apply_settings(app.settings.replace(phones=False))
    assert app.phones is None
    with pytest.raises(OSError):  # nobody listens once phones are off
        import socket

        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_phones_off_loads_nothing_of_theirs_through_a_whole_game(tmp_path):
    """A child process plays a game's first turn with phones off: no asyncio, no server."""
    script = """
import json, sys
import pygame
from game.core.cards import Mode
from game.store.settings import Settings
from game.ui.app import App
from game.ui.play import start_game
from game.table.samples import sample_game
app = App(size=(800, 600), store=None, settings=Settings(), save_settings_file=False)
app.reset("title")
game = sample_game(app.catalog(), Mode.CIRCLE, names=("Ana", "Ben", "Chloé"), seeds=5)
start_game(app, game.share)
for _ in range(5):
    app.pump()
print(json.dumps(sorted(m for m in ("asyncio", "websockets", "segno", "game.phones",
                                    "game.phones.link") if m in sys.modules)))
"""
    _, loaded = headless_child(script, tmp_path, timeout=60)
    assert loaded == []


def test_a_port_that_cannot_be_opened_is_one_calm_sentence(phones_app, monkeypatch):
    import socket

    blocker = socket.socket()
    blocker.bind(("0.0.0.0", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    app = phones_app.app
    from game.phones import server as server_module

    monkeypatch.setattr(server_module, "DEFAULT_PORT", taken)
    monkeypatch.setenv("INKIND_PHONES_PORT", str(taken))

    async def refuse(*args, **kwargs):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(server_module, "serve", refuse)
    app.start_phones()
    blocker.close()
    assert app.phones is None
    assert app.phones_message == "Phones could not start: Address already in use"
    assert app.scene.message == app.phones_message  # the title says it, calmly
    assert Settings().phones is False


def test_the_new_game_page_turns_phones_on_and_off(phones_app):
    app = phones_app.app
    app.push("new_game")
    phones_app.step()
    assert app.scene.buttons.get("phones").label == "Phones: off"
    phones_app.click_button("phones")
    assert app.phones is not None and app.settings.phones
    assert app.scene.buttons.get("phones").label == "Phones: on"
    phones_app.click_button("phones")
    assert app.phones is None and not app.settings.phones
    assert app.scene.buttons.get("phones").label == "Phones: off"


def test_the_laptop_walks_only_players_without_a_phone_then_waits_for_the_phones(
    phones_app, monkeypatch
):
    app = phones_app.app
    app.start_phones()
    monkeypatch.setattr(app.phones.server, "holders", lambda: frozenset({1, 2}))
    phones_app.step()  # the hub learns which seats hold a phone
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"))
    finished: list[bool] = []
    app.reset("closeness", closeness=round_, when=BEFORE, then=lambda: finished.append(True))
    phones_app.step()
    scene = app.scene
    assert scene.stage == "pass" and scene.name == "Ana"
    phones_app.key(pygame.K_RETURN)  # "I'm Ana: show me"
    phones_app.key(pygame.K_4)
    phones_app.key(pygame.K_RETURN)
    assert round_.before == {0: 4}
    assert scene.stage == "waiting" and scene.waiting_for() == ["Ben", "Chloé"]
    reply: list[dict] = []
    app.phones.hub.submit(1, "closeness:3", reply.append)  # Ben's phone, as its tap comes
    phones_app.step()
    assert reply == [] and round_.before == {0: 4, 1: 3}
    assert scene.stage == "waiting" and scene.waiting_for() == ["Chloé"]
    # Chloé's phone has gone quiet: she answers on the laptop instead.
    phones_app.key(pygame.K_RETURN)
    assert scene.stage == "pass" and scene.name == "Chloé"
    phones_app.key(pygame.K_RETURN)
    phones_app.key(pygame.K_7)
    phones_app.key(pygame.K_RETURN)
    assert round_.before == {0: 4, 1: 3, 2: 7} and finished == [True]


def test_marks_given_on_phones_show_on_the_tv_that_they_were_given_never_what(
    phones_app, monkeypatch
):
    from game.core import engine
    from game.core.actions import Draw, FinishResponding, FinishSharing
    from tests.core.factory import make_setup

    app = phones_app.app
    app.start_phones()
    state = engine.new_game(make_setup(4, seed=3))
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)):
        state = apply(state, action)
    sharer, listeners = state.speaker, list(state.listeners)
    # The sharer and every listener but the first hold a phone.
    monkeypatch.setattr(app.phones.server, "holders", lambda: frozenset({sharer, *listeners[1:]}))
    start_game(app, state)
    phones_app.step()
    if type(app.scene).__name__ == "PhonesScene":
        phones_app.key(pygame.K_ESCAPE)
    table = app.scene
    session = table.session
    rows = {row.receiver: row for row in table.view.marks}
    # The sharer marks on a phone: each listener's row shows no tick, and the laptop's keys
    # cannot mark for them.
    reply: list[dict] = []
    app.phones.hub.submit(sharer, f"mark:{listeners[0]}:deepening_question", reply.append)
    phones_app.step()
    assert len(session.state.pending) == 1 and reply == []
    rows = {row.receiver: row for row in table.view.marks}
    listener_row = rows[listeners[0]]
    assert listener_row.title.endswith("marked on a phone")
    assert not any(o.on or o.enabled for o in listener_row.marks)
    phones_app.key(pygame.K_2)  # the laptop's "felt response" for that row: nothing
    phones_app.key(pygame.K_u)  # nor may the laptop take the phone's mark back
    assert len(session.state.pending) == 1
    # The sharer's row is given by the listeners, one of whom has no phone: it stays the
    # laptop's, ticks and all.
    phones_app.key(pygame.K_5)
    assert len(session.state.pending) == 2
    assert any(o.on for o in table.view.marks[-1].marks)
    assert "Phones: 1 of 3 have marked" in table.view.listening


def test_after_a_crash_the_game_opens_the_same_room_and_a_phone_takes_its_seat_back(
    phones_app, make_app
):
    """The room's code and seat keys are kept in the save: a laptop that crashed and was
    started again listens at the same address, and a phone (its page retries by itself)
    rejoins its seat with the key it kept."""
    from websockets.asyncio.client import connect

    from game.ui.play import continue_game

    app = phones_app.app
    app.start_phones()
    game = sample_game(app.catalog(), Mode.CIRCLE, names=("Ana", "Ben", "Chloé"), seeds=5)
    start_game(app, game.start)
    code = app.phones.server.room.code

    async def join(driver, seat: int) -> str:
        port = driver.app.phones.server.port
        url = f"ws://127.0.0.1:{port}/{code}/ws"
        async with connect(url, origin=f"http://127.0.0.1:{port}") as phone:
            await phone.send(json.dumps({"type": "join", "seat": seat}))
            while True:
                message = json.loads(await asyncio.wait_for(phone.recv(), 5))
                if message["type"] == "joined":
                    key = message["key"]
                    break
            for _ in range(200):  # the game's loop takes the seat and saves the key
                driver.step()
                if driver.app.phones.joined():
                    break
                await asyncio.sleep(0.005)
            return key

    key = asyncio.run(join(phones_app, 1))
    app.store.flush()
    saved = app.store.peek_extra("phones")
    assert saved == {"code": code, "pass": app.phones.server.room.pass_, "keys": {"1": key}}

    # The crash: nothing more of this window runs; a new one starts on the same files.
    restarted = make_app(size=(1280, 720))
    restarted.app.start_phones()
    assert restarted.app.phones.server.room.code == code
    continue_game(restarted.app)
    restarted.step()

    async def rejoin() -> dict:
        port = restarted.app.phones.server.port
        url = f"ws://127.0.0.1:{port}/{code}/ws"
        async with connect(url, origin=f"http://127.0.0.1:{port}") as phone:
            await phone.send(json.dumps({"type": "rejoin", "seat": 1, "key": key}))
            for _ in range(400):
                restarted.step()
                if restarted.app.phones.joined():
                    break
                await asyncio.sleep(0.005)
            while True:
                message = json.loads(await asyncio.wait_for(phone.recv(), 5))
                if message["type"] == "view":
                    return message

    view = asyncio.run(rejoin())
    assert view["seat"] == 1 and view["name"] == "Ben"
    assert restarted.app.phones.joined() == ["Ben"]
    restarted.app.stop_phones()
