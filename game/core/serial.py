"""The save format's round trip: `to_plain(value)` gives JSON-ready data, `from_plain(cls, data)` reads it back.

Driven by the attrs field types, so a new field round-trips without touching this file.
Actions are written as {"type": "Award", ...} because the log mixes them.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union

import attrs

from game.core.action_log import ActionLog
from game.core.actions import ACTION_TYPES, UNKNOWN_SEAT, Action
from game.core.pile import Pile
from game.core.state import GameState

FORMAT_VERSION = 1
T = TypeVar("T")
_ACTIONS_BY_NAME: dict[str, type] = {cls.__name__: cls for cls in ACTION_TYPES}


class PlainDataError(ValueError):
    """The data does not describe a value of the expected type. The message names where."""


def to_plain(value: Any) -> Any:
    if type(value) in _SCALARS:  # first: a snapshot holds thousands of card ids
        return value
    if attrs.has(type(value)):
        data = {
            field.name: to_plain(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if field.init
        }
        if type(value) in ACTION_TYPES:
            data = {"type": type(value).__name__, **data}
        return data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset | ActionLog | Pile):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return [[to_plain(k), to_plain(v)] for k, v in value.items()]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot make plain data of {type(value).__name__}")


_SCALARS = frozenset({str, int, bool, float, type(None)})


def state_to_plain(state: GameState) -> dict[str, Any]:
    return {"format": FORMAT_VERSION, "state": to_plain(state)}


def state_from_plain(data: Any) -> GameState:
    if not isinstance(data, dict) or "format" not in data:
        raise PlainDataError("not a saved game")
    if data["format"] != FORMAT_VERSION:
        raise PlainDataError(
            f"saved with format {data['format']!r}; this version reads {FORMAT_VERSION}"
        )
    state: GameState = from_plain(GameState, data.get("state"))
    return state


def from_plain(cls: Any, data: Any, where: str = "$") -> Any:
    """Read `data` as a `cls`; PlainDataError names where it is not one (`$.setup.deck...`).

    Each type's reader is made once from its hints and kept (`_reader`): a setup with an
    8,000-card deck read each card's hints again, and named every value's place in a new
    string as it went, about 290 ms of each Continue. Now a place is named only on the way
    out of a value that does not read."""
    try:
        return _reader(cls)(data)
    except _Bad as bad:
        raise PlainDataError(f"{where}{''.join(reversed(bad.at))}: {bad.reason}") from None


class _Bad(Exception):
    """A value that does not read: why, and where (innermost first, joined on the way out)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at: list[str] = []


Reader = Callable[[Any], Any]
_READERS: dict[Any, Reader] = {}


def _reader(cls: Any) -> Reader:
    found = _READERS.get(cls)
    if found is None:
        # Filled in before it is made, so a type that holds itself reads through it too.
        _READERS[cls] = lambda data: _READERS[cls](data)
        found = _READERS[cls] = _make_reader(cls)
    return found


def _item(read: Reader, item: Any, index: int) -> Any:
    try:
        return read(item)
    except _Bad as bad:
        bad.at.append(f"[{index}]")
        raise


def _expected(data: Any, kind: type) -> None:
    if not isinstance(data, kind):
        raise _Bad(f"expected {kind.__name__}, got {type(data).__name__}")


def _make_reader(cls: Any) -> Reader:  # noqa: C901 - one branch a kind of type, as to_plain
    origin = typing.get_origin(cls)
    if origin in (Union, types.UnionType):
        options = typing.get_args(cls)
        optional = type(None) in options
        if set(options) <= set(ACTION_TYPES) | {type(None)}:
            return lambda data: None if data is None and optional else _read_action(data)
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            one = _reader(real[0])
            return lambda data: None if data is None and optional else one(data)

        def cannot_tell(data: Any) -> Any:
            if data is None and optional:
                return None
            raise _Bad(f"cannot tell which of {options} this is")

        return cannot_tell
    if cls is Action:
        return _read_action
    if cls is ActionLog:

        def read_log(data: Any) -> ActionLog:
            _expected(data, list)
            return ActionLog(_item(_read_action, item, i) for i, item in enumerate(data))

        return read_log
    if cls is Pile:

        def read_pile(data: Any) -> Pile:
            _expected(data, list)
            return Pile(_item(read_str, item, i) for i, item in enumerate(data))

        read_str = _reader(str)
        return read_pile
    if origin is tuple:
        return _tuple_reader(typing.get_args(cls))
    if origin is dict:
        return _dict_reader(*typing.get_args(cls))
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        by_value = {member.value: member for member in cls}

        def read_enum(data: Any) -> Any:
            try:
                return by_value[data]
            except (KeyError, TypeError):
                pass
            try:
                return cls(data)
            except ValueError:
                raise _Bad(f"{data!r} is not a {cls.__name__}") from None

        return read_enum
    if isinstance(cls, type) and attrs.has(cls):
        return _attrs_reader(cls)
    if cls is float:

        def read_float(data: Any) -> float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise _Bad(f"expected a number, got {data!r}")
            return float(data)

        return read_float
    if cls in (int, str, bool):

        def read_exact(data: Any) -> Any:
            if type(data) is not cls:
                raise _Bad(f"expected {cls.__name__}, got {data!r}")
            return data

        return read_exact

    def cannot_read(data: Any) -> Any:
        raise _Bad(f"cannot read a {cls!r}")

    return cannot_read


def _tuple_reader(args: tuple[Any, ...]) -> Reader:
    if len(args) == 2 and args[1] is Ellipsis:
        read = _reader(args[0])

        def read_all(data: Any) -> tuple[Any, ...]:
            _expected(data, list)
            try:
                return tuple(map(read, data))
            except _Bad as bad:  # the place found again only for a value that does not read
                for i, item in enumerate(data):
                    try:
                        read(item)
                    except _Bad as again:
                        again.at.append(f"[{i}]")
                        raise again from None
                raise bad  # pragma: no cover - the same value reads the same way twice

        return read_all
    readers = [_reader(a) for a in args]

    def read_fixed(data: Any) -> tuple[Any, ...]:
        _expected(data, list)
        if len(readers) != len(data):
            raise _Bad(f"expected {len(readers)} items, got {len(data)}")
        return tuple(
            _item(read, item, i) for i, (read, item) in enumerate(zip(readers, data, strict=True))
        )

    return read_fixed


def _dict_reader(key_type: Any, value_type: Any) -> Reader:
    read_key, read_value = _reader(key_type), _reader(value_type)

    def read_dict(data: Any) -> dict[Any, Any]:
        _expected(data, list)
        out = {}
        for i, pair in enumerate(data):
            if not isinstance(pair, list) or len(pair) != 2:
                bad = _Bad("expected a [key, value] pair")
                bad.at.append(f"[{i}]")
                raise bad
            out[_item(read_key, pair[0], i)] = _item(read_value, pair[1], i)
        return out

    return read_dict


def _attrs_reader(cls: type) -> Reader:
    hints = attrs.resolve_types(cls)
    fields = []  # (name in the data, name to pass, its reader, whether it must be there)
    for field in attrs.fields(hints):
        if field.init:
            fields.append(
                (field.name, field.alias or field.name, field.type, field.default is attrs.NOTHING)
            )
    readers: list[tuple[str, str, Reader, bool]] = []

    def read_attrs(data: Any) -> Any:
        if not readers:
            readers.extend((n, a, _reader(t), m) for n, a, t, m in fields)
        _expected(data, dict)
        kwargs = {}
        for name, alias, read, must in readers:
            if name in data:
                try:
                    kwargs[alias] = read(data[name])
                except _Bad as bad:
                    bad.at.append(f".{name}")
                    raise
            elif must:
                raise _Bad(f"missing {name}")
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as error:
            raise _Bad(str(error)) from None

    return read_attrs


# Saves written before every move named its seat: the giver of an award and the player
# who passed were the seat already; any other move gets UNKNOWN_SEAT, and `replay` gives
# it the one seat that could have made it.
_OLD_SEAT_NAMES = {"Award": "giver", "Pass": "player"}


def _read_action(data: Any) -> Any:
    _expected(data, dict)
    name = data.get("type", "")
    cls = _ACTIONS_BY_NAME.get(name)
    if cls is None:
        raise _Bad(f"unknown action {name!r}")
    rest = {k: v for k, v in data.items() if k != "type"}
    if "seat" not in rest:
        old = _OLD_SEAT_NAMES.get(name)
        rest["seat"] = rest.pop(old) if old in rest else UNKNOWN_SEAT
    return _reader(cls)(rest)


# ------------------------------------------------------------ a state without its setup and log
# A checkpoint (game/store/checkpoints.py) keeps the state of a game part-way through: every
# field but the setup (saved once per game) and the log (the journal is the log).

SNAPSHOT_SKIPS = frozenset({"setup", "log"})


def snapshot_to_plain(state: GameState) -> dict[str, Any]:
    """`state`'s fields but its setup and log, as plain data."""
    return {
        field.name: to_plain(getattr(state, field.name))
        for field in attrs.fields(GameState)
        if field.name not in SNAPSHOT_SKIPS
    }


_SNAPSHOT_FIELDS: list[tuple[str, Reader, bool]] = []


def snapshot_from_plain(setup: Any, log: ActionLog, data: Any) -> GameState:
    """The state `snapshot_to_plain` wrote, with its `setup` and `log` given back;
    PlainDataError names the place that does not read (`$.piles[2][7]`). Not checked against
    the rules: the caller holds it to them (game/store/checkpoints.py)."""
    if not _SNAPSHOT_FIELDS:
        hints = attrs.fields(attrs.resolve_types(GameState))
        _SNAPSHOT_FIELDS.extend(
            (f.name, _reader(f.type), f.default is attrs.NOTHING)
            for f in hints
            if f.name not in SNAPSHOT_SKIPS
        )
    if not isinstance(data, dict):
        raise PlainDataError(f"$: expected dict, got {type(data).__name__}")
    kwargs: dict[str, Any] = {"setup": setup, "log": log}
    for name, read, must in _SNAPSHOT_FIELDS:
        if name in data:
            try:
                kwargs[name] = read(data[name])
            except _Bad as bad:
                raise PlainDataError(f"$.{name}{''.join(reversed(bad.at))}: {bad.reason}") from None
        elif must:
            raise PlainDataError(f"$: missing {name}")
    try:
        return GameState(**kwargs)
    except (TypeError, ValueError) as error:
        raise PlainDataError(f"$: {error}") from None
