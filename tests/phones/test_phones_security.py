"""Only the room's code opens anything; no file but the page's own; one origin; and ten
thousand hostile messages change nothing and stop nothing."""

from __future__ import annotations

import asyncio
import http.client
import json
import random

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.phones.conftest import Phone, T


def get(table, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", table.server.port, timeout=5)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_the_page_needs_the_room_code_and_nothing_else_is_served(table_of):
    table = table_of(2)
    code = table.server.room.code
    page = get(table, f"/{code}/")
    assert page.status == 200
    assert page.getheader("Content-Type") == "text/html; charset=utf-8"
    assert "default-src 'none'" in page.getheader("Content-Security-Policy")
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("Cache-Control") == "no-store"
    assert b"phone.js" in page.body  # type: ignore[attr-defined]
    assert get(table, f"/{code.lower()}/phone.js").status == 200  # typed in any case
    assert get(table, f"/{code}/phone.css").status == 200
    for path in (
        "/",
        "/index.html",
        "/phone.js",
        f"/{code}/../{code}/phone.js",
        f"/{code}/..%2f..%2fpyproject.toml",
        f"/{code}/static/phone.js",
        f"/{code}/server.py",
        f"/{code}/phone.js/x",
        f"/{code[:-1]}{'Y' if code.endswith('X') else 'X'}/",  # one letter off
        "/ABCDEFGH/",
    ):
        response = get(table, path)
        assert response.status == 404, path
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"
        assert T("phone_lost_heading").replace("'", "&#x27;").encode() in response.body  # type: ignore[attr-defined]
        assert b"phone.js" not in response.body  # type: ignore[attr-defined]


def test_a_plain_request_to_the_socket_and_a_foreign_origin_are_refused(table_of):
    table = table_of(2)
    code = table.server.room.code
    assert get(table, f"/{code}/ws").status == 400

    async def foreign() -> None:
        with pytest.raises(InvalidStatus) as refused:
            await connect(table.ws_url, origin="http://evil.example")  # type: ignore[arg-type]
        assert refused.value.response.status_code == 403
        with pytest.raises(InvalidStatus):
            await connect(table.ws_url)  # no Origin at all (not a browser page of ours)
        wrong = table.ws_url.replace(code, "ABCDEFGH")
        with pytest.raises(InvalidStatus):
            await connect(wrong, origin=table.origin)  # type: ignore[arg-type]

    asyncio.run(foreign())


def _hostile(rng: random.Random, seats: int) -> str | bytes:
    """One message a careless or hostile page might send."""
    pick = rng.randrange(12)
    if pick == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    if pick == 1:
        return "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(rng.randrange(1, 80)))
    if pick == 2:
        return "x" * rng.randrange(513, 1900)
    if pick == 3:
        return json.dumps([rng.random() for _ in range(rng.randrange(5))])
    if pick == 4:
        return json.dumps({"type": rng.choice(["join", "rejoin", "choose", "ping", "x", 1])})
    if pick == 5:
        seat = rng.choice([-1, seats, 99, 1.5, "0", None, True, 10**30])
        return json.dumps({"type": "join", "seat": seat})
    if pick == 6:  # another seat's key, guessed
        key = "".join(rng.choice("abcdefghij") for _ in range(32))
        return json.dumps({"type": "rejoin", "seat": rng.randrange(seats), "key": key})
    if pick == 7:  # a choice that is not this seat's, or not now
        choice = rng.choice(
            ["draw", "end_evening", "undo", "end_turn", "ready", "not_yet", "done_closing"]
        )
        return json.dumps({"type": "choose", "id": choice})
    if pick == 8:
        receiver = rng.randrange(-1, seats + 2)
        kind = rng.choice(["felt_response", "deepening_question", "shared_feeling", "x"])
        return json.dumps({"type": "choose", "id": f"mark:{receiver}:{kind}"})
    if pick == 9:
        return json.dumps({"type": "choose", "id": "draw", "seat": 0})
    if pick == 10:
        return '{"type": "ping"' + "}" * rng.randrange(0, 3)
    return json.dumps({"type": "choose", "id": "../" * rng.randrange(1, 6)})


@pytest.mark.slow
def test_ten_thousand_hostile_messages_change_nothing_and_crash_nothing(table_of):
    """Four phones (two holding listeners' seats, two with none) send 10,000 messages that
    are malformed, out of turn or for someone else's seat: the game does not move, every
    one gets an answer or closes only its own connection, and the server still serves."""
    table = table_of(4, pace=(1e9, 1e9))  # every message parsed: the pace is tested below
    session = table.session
    before = session.state
    listeners = [s for s in range(4) if s != before.sharer][:2]
    rng = random.Random(15)
    sent = answered = closed = 0
    codes: dict[str, int] = {}

    async def storm() -> None:
        nonlocal sent, answered, closed
        phones = [await Phone(table).open() for _ in range(4)]
        for phone, seat in zip(phones, listeners, strict=False):
            await phone.join(seat)
        while sent < 10_000:
            phone = phones[sent % 4]
            message = _hostile(rng, 4)
            sent += 1
            try:
                await phone.send(message)
                reply = await phone.recv()
                while reply["type"] in ("view", "seats"):
                    reply = await phone.recv()
                assert reply["type"] in ("error", "pong"), reply
                answered += 1
                code = reply.get("code", "pong")
                codes[code] = codes.get(code, 0) + 1
            except ConnectionClosed:
                closed += 1  # a frame over the size limit closes that phone's connection
                fresh = await Phone(table).open()
                phones[phones.index(phone)] = fresh
        for phone in phones:
            await phone.close()

    asyncio.run(storm())
    assert sent == 10_000 and answered + closed == sent
    # Each way of refusing was met many times: the storm reached every check.
    for code in ("protocol", "not_now", "seat_key_refused", "pick_seat", "no_seat", "pong"):
        assert codes.get(code, 0) > 50, codes
    assert session.state is before, "no hostile message may change the game"
    assert table.hub.applied == 0
    assert len(session.state.log) == len(before.log)

    async def still_serving() -> None:
        phone = await Phone(table).open()
        await phone.send({"type": "ping"})
        assert (await phone.expect("pong"))["type"] == "pong"
        await phone.close()

    asyncio.run(still_serving())


def test_a_phone_that_sends_too_fast_is_told_to_slow_down(table_of):
    table = table_of(2, pace=(5.0, 10.0))

    async def flood() -> None:
        phone = await Phone(table).open()
        for _ in range(30):
            await phone.send({"type": "ping"})
        replies: list[dict] = []
        while len(replies) < 30:
            reply = await phone.recv()
            if reply["type"] in ("pong", "error"):
                replies.append(reply)
        pongs = sum(r["type"] == "pong" for r in replies)
        slow = [r for r in replies if r.get("code") == "slow_down"]
        assert 10 <= pongs <= 12 and len(slow) == 30 - pongs
        assert slow[0]["message"] == "One moment: that was a lot of taps."
        await phone.close()

    asyncio.run(flood())
