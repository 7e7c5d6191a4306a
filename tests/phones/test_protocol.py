"""Every malformed message is refused with its own sentence, before anything acts on it."""

from __future__ import annotations

import pytest

from game.phones.protocol import Choose, Join, Ping, ProtocolError, Rejoin, parse
from game.phones.room import FAILURES_ALLOWED, Bucket, Room, normal_code, shown_code


@pytest.mark.parametrize(
    "raw, message",
    [
        ('{"type": "join", "seat": 0}', Join(0)),
        ('{"type": "join", "seat": 11}', Join(11)),
        ('{"type": "rejoin", "seat": 3, "key": "' + "a" * 32 + '"}', Rejoin(3, "a" * 32)),
        ('{"type": "choose", "id": "draw"}', Choose("draw")),
        ('{"type": "choose", "id": "mark:11:felt_response"}', Choose("mark:11:felt_response")),
        ('{"type": "ping"}', Ping()),
    ],
)
def test_good_messages(raw, message):
    assert parse(raw) == message


@pytest.mark.parametrize(
    "raw, error",
    [
        (b'{"type": "ping"}', "send text, not binary"),
        ("x" * 513, "message too long"),
        ("{", "not JSON"),
        ('{"type": "ping", "type": NaN}', "not JSON"),
        ("[" * 100_000, "message too long"),
        ("[" * 250 + "]" * 250, "expected a JSON object"),
        ('"ping"', "expected a JSON object"),
        ("{}", "unknown message type"),
        ('{"type": "JOIN", "seat": 0}', "unknown message type"),
        ('{"type": ["join"], "seat": 0}', "unknown message type"),
        ('{"type": "join", "seat": 0, "admin": true}', "unexpected field 'admin'"),
        ('{"type": "join"}', "bad seat"),
        ('{"type": "join", "seat": -1}', "bad seat"),
        ('{"type": "join", "seat": 12}', "bad seat"),
        ('{"type": "join", "seat": 1.0}', "bad seat"),
        ('{"type": "join", "seat": true}', "bad seat"),
        ('{"type": "join", "seat": "1"}', "bad seat"),
        ('{"type": "join", "seat": 1' + "0" * 400 + "}", "bad seat"),
        ('{"type": "rejoin", "seat": 1, "key": "short"}', "bad seat key"),
        ('{"type": "rejoin", "seat": 1, "key": "' + "é" * 32 + '"}', "bad seat key"),
        ('{"type": "rejoin", "seat": 1}', "bad seat key"),
        ('{"type": "choose", "id": "../../etc/passwd"}', "bad choice id"),
        ('{"type": "choose", "id": "mark:1:felt_response:x"}', "bad choice id"),
        ('{"type": "choose", "id": 7}', "bad choice id"),
        ('{"type": "choose", "id": ""}', "bad choice id"),
    ],
)
def test_bad_messages_are_refused_with_a_reason(raw, error):
    with pytest.raises(ProtocolError) as refused:
        parse(raw)
    assert str(refused.value) == error


def test_a_code_is_read_as_typed_and_shown_in_two_groups():
    room = Room(code="K7QMP3XA")
    assert shown_code(room.code) == "K7QM-P3XA"
    assert normal_code("k7qm-p3xa") == "K7QMP3XA"
    assert room.admits("k7qm-p3xa", "10.0.0.2")
    assert not room.admits("K7QMP3XB", "10.0.0.2")


def test_an_address_that_keeps_guessing_waits_a_minute():
    now = [1000.0]
    room = Room(code="K7QMP3XA", clock=lambda: now[0])
    for _ in range(FAILURES_ALLOWED):
        assert not room.admits("AAAAAAAA", "10.0.0.9")
    # Its code is not even compared now (else the limit would limit nothing).
    assert not room.admits("K7QMP3XA", "10.0.0.9")
    assert room.admits("K7QMP3XA", "10.0.0.10"), "another address is not held up"
    now[0] += 61
    assert room.admits("K7QMP3XA", "10.0.0.9")


def test_a_seat_has_one_phone_and_its_key_brings_it_back():
    room = Room(code="K7QMP3XA")
    first, second = object(), object()
    key = room.join(2, first)
    assert key is not None and room.seat_of(first) == 2
    assert room.join(2, second) is None, "held by a live phone"
    room.release(first)
    assert room.rejoin(2, "wrong" * 8, second) is False
    assert room.rejoin(2, key, second) is None  # nobody held it: nothing to close
    third = object()
    assert room.rejoin(2, key, third) is second  # the server closes the page it replaces
    assert room.seat_of(third) == 2 and room.seat_of(second) is None


def test_a_phone_keeps_to_a_pace():
    bucket = Bucket(rate=10.0, burst=5.0, tokens=5.0, at=0.0)
    assert [bucket.take(0.0) for _ in range(6)] == [True] * 5 + [False]
    assert bucket.take(0.1)  # a tenth of a second later, one more
    assert not bucket.take(0.1)


def test_a_room_kept_in_a_save_comes_back_whole_or_not_at_all():
    from game.phones.room import Room

    room = Room()
    room.keys = {0: "a" * 32, 11: "B-_9" * 5}
    assert Room.from_saved(room.saved()).saved() == room.saved()
    good = room.saved()
    for wrong in (
        None,
        [],
        {"code": good["code"]},
        {**good, "code": "short"},
        {**good, "code": "0OIL0OIL"},  # letters a room code never has
        {**good, "keys": {"12": "a" * 32}},  # no thirteenth seat
        {**good, "keys": {"-1": "a" * 32}},
        {**good, "keys": {"٣": "a" * 32}},  # a digit, but not an ASCII one
        {**good, "keys": {"1": "short"}},
        {**good, "keys": {"1": "a" * 65}},
        {**good, "keys": {"1": 7}},
        {**good, "keys": {str(n): "a" * 32 for n in range(13)}},
    ):
        assert Room.from_saved(wrong) is None, wrong
