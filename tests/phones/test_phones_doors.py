"""The way in: the address typed with or without its last "/", a small page in the game's
look that says what to check, wrong codes limited across every address (and never counted
against a phone at the table), the WebSocket's Origin checked against the server's own
address, and seat changes that change nothing costing nothing."""

from __future__ import annotations

import asyncio
import base64
import errno
import hashlib
import html
import http.client
import re
import threading

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from game.phones.room import FAILURES_ALL, FAILURES_ALLOWED, Entry, Room
from tests.phones.conftest import Phone, T
from tests.phones.test_phones_play import until


def get(port: int, path: str, source: str = "127.0.0.1") -> http.client.HTTPResponse:
    """A GET from `source` (any 127.x.y.z: Linux routes all of 127.0.0.0/8 to loopback)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=5, source_address=(source, 0)
    )
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def words(response: http.client.HTTPResponse) -> list[str]:
    """The page's text, in order, without its markup."""
    body = response.body.decode()  # type: ignore[attr-defined]
    body = re.sub(r"<(style|title)>.*?</\1>", "", body, flags=re.S)
    return [html.unescape(t.strip()) for t in re.split(r"<[^>]+>", body) if t.strip()]


def test_the_address_typed_without_its_last_slash_or_in_small_letters_is_sent_on(table_of):
    table = table_of(2)
    port, code = table.server.port, table.server.room.code
    for typed in (f"/{code}", f"/{code.lower()}", f"/{code[:4]}-{code[4:]}", f"/{code}?x=1"):
        moved = get(port, typed)
        assert moved.status == 302, typed
        assert moved.getheader("Location") == f"/{code}/"
    page = get(port, f"/{code}/")
    assert page.status == 200 and b"phone.js" in page.body  # type: ignore[attr-defined]


def test_a_wrong_code_or_a_lost_page_gets_a_small_page_that_says_what_to_check(table_of):
    table = table_of(2)
    port, code = table.server.port, table.server.room.code
    wrong = get(port, "/ABCDEFGH")
    assert wrong.status == 404
    assert wrong.getheader("Content-Type") == "text/html; charset=utf-8"
    assert words(wrong) == [
        T("phone_title"),
        T("phone_lost_heading"),
        T("phone_lost_address"),
        T("phone_lost_network"),
        T("phone_lost_restarted"),
    ]
    assert words(get(port, "/favicon.ico")) == words(wrong)
    # The right code, a page that is not the game's: a way back to it.
    astray = get(port, f"/{code}/nothing.html")
    assert astray.status == 404
    assert words(astray) == [
        T("phone_title"),
        T("phone_lost_heading"),
        T("phone_lost_address"),
        T("phone_lost_open"),
    ]
    assert b'href="./"' in astray.body  # type: ignore[attr-defined]
    # The page's one style is the only thing its policy allows, by its hash.
    body = wrong.body.decode()  # type: ignore[attr-defined]
    style = re.search(r"<style>(.*?)</style>", body, re.S)
    assert style is not None and "--background: #f6ecde;" in style.group(1)
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = wrong.getheader("Content-Security-Policy")
    assert policy.startswith(f"default-src 'none'; style-src 'sha256-{digest}';")
    assert "<script" not in body


def test_a_page_in_the_tables_colours(table_of):
    table = table_of(2, style={"background": "#102030", "text": "javascript:"})
    body = get(table.server.port, "/ABCDEFGH").body.decode()  # type: ignore[attr-defined]
    assert "--background: #102030;" in body
    assert "javascript" not in body and "--text: #3a2820;" in body  # not a colour: left out


def test_wrong_codes_from_eleven_hundred_addresses_are_stopped_after_the_limit(table_of):
    """A stranger rotating through 1,100 addresses gets FAILURES_ALL codes checked in a
    minute, no more: the rest wait. A phone that joined before is never held up, and the
    right code is checked again once the minute is over. (The room's clock stands still:
    the count is exact whatever the machine's speed.)"""
    now = [1000.0]
    room = Room(clock=lambda: now[0])
    table = table_of(2, room=room)
    port, code = table.server.port, room.code
    assert get(port, f"/{code}/", source="127.0.0.1").status == 200  # a phone at the table
    statuses = []
    for i in range(1100):
        source = f"127.1.{i // 250}.{i % 250 + 1}"
        statuses.append(get(port, "/ABCDEFGH/", source=source).status)
    assert statuses.count(404) == FAILURES_ALL
    assert statuses[:FAILURES_ALL] == [404] * FAILURES_ALL  # checked, then...
    assert set(statuses[FAILURES_ALL:]) == {429}  # ...waiting, the code not even compared
    wait = get(port, f"/{code}/", source="127.2.0.1")
    assert wait.status == 429 and wait.getheader("Retry-After") == "60"
    assert words(wait)[1:] == [T("phone_wait_heading"), T("phone_wait_retry"), T("phone_wait_same")]
    assert get(port, f"/{code}/", source="127.0.0.1").status == 200, "the phone at the table"
    # A new phone that scanned the QR code comes in at once: the pass is never held back.
    scanned = get(port, f"/{code}/?pass={room.pass_}", source="127.3.0.1")
    assert scanned.status == 200
    assert get(port, f"/{code}/phone.js", source="127.3.0.1").status == 200, "then known"
    assert get(port, f"/{code}/?pass=" + "x" * 22, source="127.3.0.2").status == 429
    now[0] += 60
    assert get(port, f"/{code}/", source="127.2.0.1").status == 200


def test_the_qr_codes_pass_opens_even_for_a_blocked_address_and_only_with_the_code():
    now = [1000.0]
    room = Room(code="K7QMP3XA", clock=lambda: now[0])
    for _ in range(FAILURES_ALLOWED):
        assert room.enter("AAAAAAAA", "10.0.0.9") is Entry.WRONG
    assert room.enter("K7QMP3XA", "10.0.0.9") is Entry.WAIT, "typed: held back a minute"
    assert room.enter("K7QMP3XA", "10.0.0.9", room.pass_) is Entry.OPEN, "scanned: in"
    assert room.enter("AAAAAAAA", "10.0.0.8", room.pass_) is Entry.WRONG, "a pass needs the code"
    assert len(room.pass_) == 22  # 128 bits: nobody guesses it
    again = Room.from_saved(room.saved())
    assert again is not None and again.pass_ == room.pass_
    assert Room.from_saved({**room.saved(), "pass": "short"}) is None


def test_one_address_waits_after_its_own_limit_and_a_known_one_never_does():
    now = [1000.0]
    room = Room(code="K7QMP3XA", clock=lambda: now[0])
    assert room.enter("K7QMP3XA", "10.0.0.1") is Entry.OPEN
    for _ in range(FAILURES_ALLOWED):
        assert room.enter("AAAAAAAA", "10.0.0.9") is Entry.WRONG
    assert room.enter("AAAAAAAA", "10.0.0.9") is Entry.WAIT
    for _ in range(FAILURES_ALL):  # a known address's slips are not guesses
        assert room.enter("AAAAAAAA", "10.0.0.1") is Entry.WRONG
    assert room.enter("K7QMP3XA", "10.0.0.1") is Entry.OPEN
    assert room.enter("K7QMP3XA", "10.0.0.2") is Entry.OPEN
    # At the documented pace, trying every code takes longer than a decade.
    minutes = 31**8 / FAILURES_ALL
    assert minutes / (60 * 24 * 365) > 10


def _origins(table, origin: str | None) -> int:
    """The status the WebSocket's handshake gets with this Origin."""

    async def knock() -> int:
        try:
            ws = await connect(table.ws_url, origin=origin)  # type: ignore[arg-type]
        except InvalidStatus as refused:
            return refused.response.status_code
        await ws.close()
        return 101

    return asyncio.run(knock())


def test_the_origin_must_be_the_servers_own_address_not_what_the_host_header_says(table_of):
    table = table_of(2, public_host="127.0.0.3")  # the address the game printed
    port = table.server.port
    assert _origins(table, f"http://127.0.0.3:{port}") == 101  # the printed address
    assert _origins(table, f"http://127.0.0.1:{port}") == 101  # the address it was reached by
    assert _origins(table, f"http://127.0.0.1:{port + 1}") == 403
    assert _origins(table, "http://127.0.0.3") == 403

    async def rebound() -> int:
        """A DNS-rebinding page: its name now points here; Host and Origin agree."""
        try:
            ws = await connect(
                table.ws_url,
                origin=f"http://evil.example:{port}",  # type: ignore[arg-type]
                additional_headers={"Host": f"evil.example:{port}"},
            )
        except InvalidStatus as refused:
            return refused.response.status_code
        await ws.close()
        return 101

    assert asyncio.run(rebound()) == 403


def test_a_seat_change_that_changes_nothing_is_not_saved_and_churn_is_paced(table_of, monkeypatch):
    table = table_of(3, seat_pace=(1e-9, 5.0))  # five changes of seat, then no more
    saves: list[bool] = []
    monkeypatch.setattr(table.session, "save", lambda soon=False: saves.append(soon))

    def pumped() -> None:
        for _ in range(2):  # one whole frame of the "game thread" after what came before
            with table.lock:
                pass

    async def play() -> None:
        phone = await Phone(table).open()
        await phone.join(0)
        await until(lambda: table.hub.phones == {0})
        pumped()
        saved = len(saves)
        assert saved >= 1
        for _ in range(20):  # the same seat again, as a page that lost track might
            await phone.send({"type": "join", "seat": 0})
            assert (await phone.expect("joined"))["key"] == phone.key
            await phone.send({"type": "rejoin", "seat": 0, "key": phone.key})
            await phone.expect("joined")
        pumped()
        assert len(saves) == saved, "nothing changed: nothing saved"
        assert table.hub.phones == {0}

        replies = []
        for n in range(40):  # one page hopping between two seats
            await phone.send({"type": "join", "seat": 1 + n % 2})
            reply = await phone.recv()
            while reply["type"] in ("view", "seats"):
                reply = await phone.recv()
            replies.append(reply.get("code", reply["type"]))
        assert replies[:4] == ["joined"] * 4
        # Then each move to seat 1 waits; "seat 2", where it sits, changes nothing and is fine.
        assert replies[4:] == ["slow_down", "joined"] * 18
        await until(lambda: table.hub.phones == {2})
        pumped()
        assert len(saves) - saved <= 4
        await phone.close()

    asyncio.run(play())


@pytest.mark.parametrize("typed", ["K7QMP3XA", "k7qm-p3xa"])
def test_the_code_is_read_however_it_is_typed(typed):
    assert Room(code="K7QMP3XA").enter(typed, "10.0.0.5") is Entry.OPEN


def test_a_refused_accept_is_noted_once_a_minute_and_never_printed(
    table_of, tmp_path, monkeypatch, capfd
):
    """What asyncio says when `accept` finds no file left: one note in inkind.log, the
    rest counted into the next, nothing on stderr however often it comes."""
    monkeypatch.setenv("INKIND_HOME", str(tmp_path))
    table = table_of(2)
    server = table.server
    full = OSError(errno.EMFILE, "Too many open files")
    context = {"message": "socket.accept() out of system resource", "exception": full}
    assert server.loop is not None
    done = threading.Event()

    def storm() -> None:  # on the server's own thread, where asyncio would call it
        for _ in range(10_000):
            server.loop.call_exception_handler(context)  # type: ignore[union-attr]
        done.set()

    server.loop.call_soon_threadsafe(storm)
    assert done.wait(10)
    log = (tmp_path / "inkind.log").read_text()
    assert log.count("socket.accept() out of system resource") == 1
    assert "Too many open files" in log and "in phones" in log
    out, err = capfd.readouterr()
    assert err == "" and out == ""
