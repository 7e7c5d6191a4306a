"""The messages a phone may send, checked before anything acts on them.

A phone sends small JSON objects as WebSocket text frames. Anything else (too long, not
JSON, not an object, an unknown type, a field of the wrong type or range) is refused
with a `ProtocolError` whose message is sent back and nothing else happens.

    {"type": "join", "seat": 2}                      pick a seat (once)
    {"type": "rejoin", "seat": 2, "key": "…"}        a reloaded or woken phone takes it back
    {"type": "choose", "id": "mark:1:felt_response"} a choice the phone's view offered
    {"type": "ping"}                                 keeps a sleeping connection honest
"""

from __future__ import annotations

import json
import re

import attrs

MAX_MESSAGE_BYTES = 512  # the longest real message is under 100 bytes
MAX_SEATS = 12
SEAT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
# "draw", "mark:2:felt_response", "closeness:4", "keep:yes": a word, then up to two parts.
CHOICE_ID = re.compile(r"[a-z_]{1,24}(:[0-9a-z_]{1,24}){0,2}")


class ProtocolError(ValueError):
    """A message refused: its text is what the phone is told."""


@attrs.frozen
class Join:
    seat: int


@attrs.frozen
class Rejoin:
    seat: int
    key: str


@attrs.frozen
class Choose:
    choice_id: str


@attrs.frozen
class Ping:
    pass


Message = Join | Rejoin | Choose | Ping


def parse(raw: str | bytes) -> Message:
    """The message in `raw`, or a ProtocolError saying what is wrong with it."""
    if isinstance(raw, bytes):
        raise ProtocolError("send text, not binary")
    if len(raw) > MAX_MESSAGE_BYTES:  # characters; a UTF-8 byte count is never smaller
        raise ProtocolError("message too long")
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError("not JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("expected a JSON object")
    kind = data.get("type")
    fields = {
        "join": {"type", "seat"},
        "rejoin": {"type", "seat", "key"},
        "choose": {"type", "id"},
        "ping": {"type"},
    }
    if not isinstance(kind, str) or kind not in fields:
        raise ProtocolError("unknown message type")
    extra = set(data) - fields[kind]
    if extra:
        raise ProtocolError(f"unexpected field {sorted(extra)[0][:20]!r}")
    if kind == "ping":
        return Ping()
    if kind == "choose":
        choice_id = data.get("id")
        if not isinstance(choice_id, str) or not CHOICE_ID.fullmatch(choice_id):
            raise ProtocolError("bad choice id")
        return Choose(choice_id)
    seat = data.get("seat")
    if type(seat) is not int or not 0 <= seat < MAX_SEATS:
        raise ProtocolError("bad seat")
    if kind == "join":
        return Join(seat)
    key = data.get("key")
    if not isinstance(key, str) or not SEAT_KEY.fullmatch(key):
        raise ProtocolError("bad seat key")
    return Rejoin(seat, key)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")
