"""The save format's round trip: `to_plain(value)` gives JSON-ready data, `from_plain(cls, data)` reads it back.

Driven by the attrs field types, so a new field round-trips without touching this file.
Actions are written as {"type": "Award", ...} because the log mixes them.
"""

from __future__ import annotations

import enum
import types
import typing
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
    origin = typing.get_origin(cls)
    if origin in (Union, types.UnionType):
        options = typing.get_args(cls)
        if data is None and type(None) in options:
            return None
        if set(options) <= set(ACTION_TYPES) | {type(None)}:
            return _action_from_plain(data, where)
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            return from_plain(real[0], data, where)
        raise PlainDataError(f"{where}: cannot tell which of {options} this is")
    if cls is Action:
        return _action_from_plain(data, where)
    if cls is ActionLog:
        _expect(data, list, where)
        return ActionLog(_action_from_plain(item, f"{where}[{i}]") for i, item in enumerate(data))
    if cls is Pile:
        _expect(data, list, where)
        return Pile(from_plain(str, item, f"{where}[{i}]") for i, item in enumerate(data))
    if origin is tuple:
        args = typing.get_args(cls)
        _expect(data, list, where)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise PlainDataError(f"{where}: expected {len(args)} items, got {len(data)}")
        return tuple(
            from_plain(a, item, f"{where}[{i}]")
            for i, (a, item) in enumerate(zip(args, data, strict=True))
        )
    if origin is dict:
        key_type, value_type = typing.get_args(cls)
        _expect(data, list, where)
        out = {}
        for i, pair in enumerate(data):
            if not isinstance(pair, list) or len(pair) != 2:
                raise PlainDataError(f"{where}[{i}]: expected a [key, value] pair")
            out[from_plain(key_type, pair[0], f"{where}[{i}]")] = from_plain(
                value_type, pair[1], f"{where}[{i}]"
            )
        return out
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        try:
            return cls(data)
        except ValueError:
            raise PlainDataError(f"{where}: {data!r} is not a {cls.__name__}") from None
    if isinstance(cls, type) and attrs.has(cls):
        _expect(data, dict, where)
        hints = attrs.resolve_types(cls)
        kwargs = {}
        for field in attrs.fields(hints):
            if not field.init:
                continue
            name = field.alias or field.name
            if field.name in data:
                kwargs[name] = from_plain(field.type, data[field.name], f"{where}.{field.name}")
            elif field.default is attrs.NOTHING:
                raise PlainDataError(f"{where}: missing {field.name}")
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as error:
            raise PlainDataError(f"{where}: {error}") from None
    if cls is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise PlainDataError(f"{where}: expected a number, got {data!r}")
        return float(data)
    if cls in (int, str, bool):
        if type(data) is not cls:
            raise PlainDataError(f"{where}: expected {cls.__name__}, got {data!r}")
        return data
    raise PlainDataError(f"{where}: cannot read a {cls!r}")


# Saves written before every move named its seat: the giver of an award and the player
# who passed were the seat already; any other move gets UNKNOWN_SEAT, and `replay` gives
# it the one seat that could have made it.
_OLD_SEAT_NAMES = {"Award": "giver", "Pass": "player"}


def _action_from_plain(data: Any, where: str) -> Any:
    _expect(data, dict, where)
    name = data.get("type", "")
    cls = _ACTIONS_BY_NAME.get(name)
    if cls is None:
        raise PlainDataError(f"{where}: unknown action {name!r}")
    rest = {k: v for k, v in data.items() if k != "type"}
    if "seat" not in rest:
        old = _OLD_SEAT_NAMES.get(name)
        rest["seat"] = rest.pop(old) if old in rest else UNKNOWN_SEAT
    return from_plain(cls, rest, where)


def _expect(data: Any, kind: type, where: str) -> None:
    if not isinstance(data, kind):
        raise PlainDataError(f"{where}: expected {kind.__name__}, got {type(data).__name__}")
