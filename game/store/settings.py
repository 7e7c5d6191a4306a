"""The player's settings, kept between evenings in a small JSON file.

Read field by field: a value that is missing or wrong falls back to its default and the
others are kept; unknown keys are ignored, so an older game reads a newer file. The file is
read only if it is a regular file of at most MAX_SETTINGS_BYTES (a FIFO or /dev/zero in its
place is refused without being opened), and a number of any size is only ever compared.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from game.store.paths import all_paths
from game.store.safe_read import Unreadable, read_regular

SETTINGS_FORMAT = 1
TEXT_SIZES = ("normal", "large", "larger")
THEMES = ("warm", "dark", "contrast")
# Reading aloud: only when asked, each new card by itself, or everything (self-voicing).
SPEECH_MODES = ("off", "cards", "all")
MAX_TIMER_SECONDS = 3600  # 0 turns a timer off
MAX_SETTINGS_BYTES = 64 * 1024
_LANGUAGE = re.compile(r"(?:[a-z]{2,3}(?:-[A-Za-z]{4})?)?")  # "" follows the computer

UNREADABLE = "The settings could not be read, so the defaults are back."
SOME_RESET = "Some settings could not be read, so they are back to their defaults."


# A plain class, not attrs nor a dataclass: settings are read before the title's first
# frame, where importing attrs cost about 15 ms and making this a frozen dataclass 1.6 ms
# (it compiles six methods at every start). It behaves as that dataclass did: keyword
# defaults, checked when made, equal by value, hashable, and never changed after.
class Settings:
    __slots__ = (
        "text_size",
        "theme",
        "sound",
        "volume",
        "fullscreen",
        "timers",
        "share_seconds",
        "respond_seconds",
        "remember_cards",
        "phones",
        "language",
        "speech",
    )
    text_size: str
    theme: str
    sound: bool
    volume: float
    fullscreen: bool
    timers: bool
    share_seconds: int  # 0 turns a timer off
    respond_seconds: int
    remember_cards: bool  # keep which cards each group has had, starred or said no to
    phones: bool  # phones as private controllers: a web server on the local network
    language: str  # the UI's language ("es", "ar"); "" follows the computer's
    speech: str  # read aloud: off, each new card, or everything (docs/accessibility.md)

    def __init__(
        self,
        text_size: str = "normal",
        theme: str = "warm",
        sound: bool = True,
        volume: float = 0.7,
        fullscreen: bool = False,
        timers: bool = True,
        share_seconds: int = 180,
        respond_seconds: int = 120,
        remember_cards: bool = True,
        phones: bool = False,
        language: str = "",
        speech: str = "off",
    ) -> None:
        values: tuple[object, ...] = (text_size, theme, sound, volume, fullscreen, timers)
        values += (share_seconds, respond_seconds, remember_cards, phones, language, speech)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)
        self._check()

    def _check(self) -> None:
        _one_of("text_size", self.text_size, TEXT_SIZES)
        _one_of("theme", self.theme, THEMES)
        _one_of("speech", self.speech, SPEECH_MODES)
        if not isinstance(self.language, str) or not _LANGUAGE.fullmatch(self.language):
            raise ValueError(f"language must be a language tag like 'es', not {self.language!r}")
        for name in ("sound", "fullscreen", "timers", "remember_cards", "phones"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be true or false, not {getattr(self, name)!r}")
        if isinstance(self.volume, bool) or not isinstance(self.volume, (int, float)):
            raise TypeError(f"volume must be a number, not {self.volume!r}")
        _number_in("volume", self.volume, 0.0, 1.0)  # before float(): 10**400 has no float
        object.__setattr__(self, "volume", float(self.volume))  # set once, here
        for name in ("share_seconds", "respond_seconds"):
            value = getattr(self, name)
            if type(value) is not int:
                raise TypeError(f"{name} must be a whole number of seconds, not {value!r}")
            _number_in(name, value, 0, MAX_TIMER_SECONDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"settings are not changed in place: replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"settings are not changed in place: {name} stays")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Settings:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Settings({shown})"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed, checked like any other."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"no such setting: {', '.join(sorted(unknown))}")
        return Settings(**{**self.to_plain(), **changes})

    def to_plain(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def _one_of(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


def _number_in(name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:  # exact for an int of any size: never converted
        shown = repr(value)
        if len(shown) > 20:
            shown = f"a number of {len(shown)} characters"
        raise ValueError(f"{name} must be between {low} and {high}, not {shown}")


DEFAULTS = Settings()  # what _read_fields falls back to, field by field


def settings_path() -> Path:
    return all_paths()["settings"]


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Never raises: a bad file gives the defaults and a sentence saying so."""
    path = settings_path() if path is None else Path(path)
    try:
        data = read_regular(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except Unreadable as refused:
        return _unreadable(path, refused.reason)
    except OSError as error:
        return _unreadable(path, f"cannot open: {error}")
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        return _unreadable(path, f"not JSON: {error}")
    if not isinstance(raw, dict):
        return _unreadable(path, "not a JSON object")
    return _read_fields(path, raw)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    from game.store.atomic import remove_stale_temps, write_atomic  # not on the title's path

    path = settings_path() if path is None else Path(path)
    document = {"format": SETTINGS_FORMAT, **settings.to_plain()}
    text = json.dumps(document, indent=2, ensure_ascii=True, allow_nan=False) + "\n"
    remove_stale_temps(path.parent, path.name)  # left by a process killed while writing
    write_atomic(path, text.encode("ascii"))


def _read_fields(path: Path, raw: dict[str, Any]) -> tuple[Settings, str | None]:
    values: dict[str, Any] = {}
    rejected: list[str] = []
    for name in Settings.__slots__:
        if name not in raw:
            continue
        value = raw[name]
        if _right_type(getattr(DEFAULTS, name), value):
            try:
                Settings(**{name: value})
            except (TypeError, ValueError, ArithmeticError):
                pass
            else:
                values[name] = value
                continue
        rejected.append(name)
    if rejected:
        from game.store.log import log_note

        log_note("reading settings", f"{path.name}: set back to defaults: {', '.join(rejected)}")
        return Settings(**values), SOME_RESET
    return Settings(**values), None


def _right_type(default: Any, value: Any) -> bool:
    """JSON's types, strictly: true is not a number and "0.5" is not a volume."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return type(value) is int
    if isinstance(default, float):  # an int of any size is fine here: it is only compared
        return type(value) is int or (type(value) is float and math.isfinite(value))
    return isinstance(value, type(default))


def _unreadable(path: Path, reason: str) -> tuple[Settings, str | None]:
    from game.store.log import log_note

    log_note("reading settings", f"{path.name} was not used: {reason}")
    return Settings(), UNREADABLE


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a setting")
