"""How close each player felt before and after an evening, kept only for players who said yes.

The closeness check asks each player to pick one of seven pictures of two circles (the
Inclusion of Other in the Self scale): 1 is two circles apart, 7 two circles almost one.
Players who agree have their before and after kept here, by name, so a chart can show them
across evenings. The file never leaves this computer, and `inkind --reset` removes it:

    {"closeness": 1, "players": {"Ana": [{"when": "2025-03-01T21:30", "before": 3, "after": 5}]}}

Reading never raises: no file is an empty history; a damaged file, or damaged entries in
it, give what could be read plus one calm sentence. Writing is atomic.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from game.store.atomic import remove_stale_temps, write_atomic
from game.store.log import log_note
from game.store.paths import closeness_path
from game.store.safe_read import Unreadable, read_regular

FORMAT = 1
SCALE = range(1, 8)  # the seven pictures
MAX_BYTES = 1024 * 1024
MAX_NAME = 64
MAX_EVENINGS = 500  # per player: the oldest go first

UNREADABLE = "The closeness history could not be read, so it starts again from tonight."
NEWER = "The closeness history was written by a newer version of In Kind, so it is not shown."
SOME_DROPPED = "Part of the closeness history could not be read and was left out."


def _on_scale(_instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not int or value not in SCALE:
        raise ValueError(f"{attribute.name} must be a whole number from 1 to 7, not {value!r}")


def _a_time(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise ValueError(f"when must be text, not {value!r}")
    datetime.datetime.fromisoformat(value)  # raises ValueError


@attrs.frozen
class Evening:
    """One evening's answers for one player: `when` is local time, ISO 8601, to the minute."""

    when: str = attrs.field(validator=_a_time)
    before: int = attrs.field(validator=_on_scale)
    after: int = attrs.field(validator=_on_scale)

    @classmethod
    def tonight(cls, before: int, after: int, now: datetime.datetime | None = None) -> Evening:
        now = now or datetime.datetime.now()
        return cls(now.strftime("%Y-%m-%dT%H:%M"), before, after)

    @property
    def date(self) -> datetime.date:
        return datetime.datetime.fromisoformat(self.when).date()


def name_key(name: str) -> str:
    """Names match ignoring case and surrounding spaces: "ana " finds "Ana"."""
    return " ".join(name.split()).casefold()


@attrs.frozen
class History:
    """Every kept evening, per player name as it was typed (the latest spelling wins)."""

    players: tuple[tuple[str, tuple[Evening, ...]], ...] = ()

    def of(self, name: str) -> tuple[Evening, ...]:
        key = name_key(name)
        return next((evenings for n, evenings in self.players if name_key(n) == key), ())

    def with_evening(self, name: str, evening: Evening) -> History:
        key = name_key(name)
        kept = (*self.of(name), evening)[-MAX_EVENINGS:]
        others = tuple((n, e) for n, e in self.players if name_key(n) != key)
        return History((*others, (name.strip(), kept)))

    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.players)


def load_history(path: Path | None = None) -> tuple[History, str | None]:
    """The history and None, or what could be read and one sentence saying what went wrong."""
    path = closeness_path() if path is None else Path(path)
    try:
        data = read_regular(path, MAX_BYTES)  # never a FIFO, a device or a huge file
    except FileNotFoundError:
        return History(), None
    except Unreadable as refused:
        return _unreadable(path, refused.reason)
    except OSError as error:
        return _unreadable(path, f"cannot open: {error}")
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        return _unreadable(path, f"not JSON: {error}")
    if not isinstance(raw, dict) or not isinstance(raw.get("players"), dict):
        return _unreadable(path, "not a closeness history")
    version = raw.get("closeness")
    if type(version) is not int or version < 1:
        return _unreadable(path, f"unknown format {version!r}")
    if version > FORMAT:
        log_note("reading the closeness history", f"{path.name}: format {version} is newer")
        return History(), NEWER
    return _read_players(path, raw["players"])


def save_history(history: History, path: Path | None = None) -> None:
    """Write the whole history atomically (raises OSError if the disk refuses)."""
    path = closeness_path() if path is None else Path(path)
    document = {
        "closeness": FORMAT,
        "players": {
            name: [attrs.asdict(evening) for evening in evenings]
            for name, evenings in history.players
        },
    }
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    remove_stale_temps(path.parent, path.name)  # left by a process killed while writing
    write_atomic(path, text.encode("utf-8"))


def forget_history(path: Path | None = None) -> None:
    """Forget every kept answer, for everyone (the players asked; raises OSError if refused)."""
    path = closeness_path() if path is None else Path(path)
    path.unlink(missing_ok=True)


def keep_evenings(
    results: Mapping[str, Evening], path: Path | None = None
) -> tuple[History, str | None]:
    """Add tonight's evening for each consenting player; returns the history and any message.

    A damaged file is replaced by what could be read plus tonight; a disk error is logged and
    said in one sentence, and nothing else changes.
    """
    history, message = load_history(path)
    if message == NEWER:
        return history, message
    for name, evening in results.items():
        history = history.with_evening(name, evening)
    try:
        save_history(history, path)
    except OSError as error:
        log_note("saving the closeness history", str(error))
        return history, "Tonight's closeness answers could not be kept: the disk refused."
    return history, message


def _read_players(path: Path, raw: dict[str, Any]) -> tuple[History, str | None]:
    players: list[tuple[str, tuple[Evening, ...]]] = []
    seen: set[str] = set()
    dropped = 0
    for name, entries in raw.items():
        if (
            not isinstance(name, str)
            or not name.strip()
            or len(name) > MAX_NAME
            or name_key(name) in seen
            or not isinstance(entries, list)
        ):
            dropped += 1
            continue
        evenings = []
        for entry in entries[-MAX_EVENINGS:]:
            evening = _evening(entry)
            if evening is None:
                dropped += 1
            else:
                evenings.append(evening)
        seen.add(name_key(name))
        if evenings:
            players.append((name.strip(), tuple(evenings)))
    history = History(tuple(players))
    if dropped:
        log_note("reading the closeness history", f"{path.name}: {dropped} entries left out")
        return history, SOME_DROPPED
    return history, None


def _evening(entry: Any) -> Evening | None:
    if not isinstance(entry, dict) or set(entry) != {"when", "before", "after"}:
        return None
    try:
        return Evening(entry["when"], entry["before"], entry["after"])
    except (TypeError, ValueError):
        return None


def _unreadable(path: Path, reason: str) -> tuple[History, str | None]:
    log_note("reading the closeness history", f"{path.name} was not used: {reason}")
    return History(), UNREADABLE


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a closeness answer")
