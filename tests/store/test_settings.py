"""Settings: saved atomically, read field by field, a bad file gives the defaults and a sentence."""

from __future__ import annotations

import json

import pytest

from game.store.paths import all_paths
from game.store.settings import (
    SOME_RESET,
    UNREADABLE,
    Settings,
    load_settings,
    save_settings,
)

CHANGED = Settings(
    text_size="larger",
    theme="contrast",
    sound=False,
    volume=0.25,
    fullscreen=True,
    timers=False,
    share_seconds=240,
    respond_seconds=0,
)


def test_no_file_gives_defaults_quietly():
    assert load_settings() == (Settings(), None)


def test_round_trip_at_the_default_path():
    save_settings(CHANGED)
    assert all_paths()["settings"].is_file()
    assert load_settings() == (CHANGED, None)


def test_round_trip_at_a_given_path(tmp_path):
    path = tmp_path / "elsewhere" / "s.json"
    save_settings(CHANGED, path)
    assert load_settings(path) == (CHANGED, None)
    assert json.loads(path.read_text())["format"] == 1


def write(tmp_path, data) -> object:
    path = tmp_path / "settings.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


@pytest.mark.parametrize(
    "text",
    ["", "{", "not json at all", "[1, 2]", "null", '"warm"', "[" * 5000, '{"volume": NaN}'],
    ids=["empty", "truncated", "words", "list", "null", "string", "deep", "nan"],
)
def test_unreadable_file_gives_defaults_and_a_message(tmp_path, text):
    assert load_settings(write(tmp_path, text)) == (Settings(), UNREADABLE)


def test_binary_file_gives_defaults_and_a_message(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert load_settings(path) == (Settings(), UNREADABLE)


def test_a_folder_in_place_of_the_file(tmp_path):
    path = tmp_path / "settings.json"
    path.mkdir()
    assert load_settings(path) == (Settings(), UNREADABLE)


BAD_VALUES = {
    "text_size": ["huge", 2, None],
    "theme": ["neon", "", True],
    "sound": ["yes", 1, None],
    "volume": [1.5, -0.1, "0.5", True, None],
    "fullscreen": ["true", 0],
    "timers": [[], {}],
    "share_seconds": [-1, 3601, 90.5, "180", False],
    "respond_seconds": [10**9, None, 1.0],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in BAD_VALUES.items() for value in values],
)
def test_one_bad_field_falls_back_alone(tmp_path, field, value):
    good = CHANGED.to_plain()
    path = write(tmp_path, {**good, field: value})
    settings, message = load_settings(path)
    assert message == SOME_RESET
    assert getattr(settings, field) == getattr(Settings(), field)
    assert settings == CHANGED.replace(**{field: getattr(Settings(), field)})


def test_unknown_and_missing_keys_are_fine(tmp_path):
    path = write(tmp_path, {"format": 7, "theme": "dark", "colour_blind_mode": "on", "x": [1]})
    assert load_settings(path) == (Settings(theme="dark"), None)


def test_whole_numbers_are_a_fine_volume(tmp_path):
    assert load_settings(write(tmp_path, {"volume": 1})) == (Settings(volume=1.0), None)
    assert load_settings(write(tmp_path, {"volume": 0})) == (Settings(volume=0.0), None)


def test_settings_refuse_bad_values_in_code():
    with pytest.raises(ValueError):
        Settings(theme="neon")
    with pytest.raises(ValueError):
        Settings(volume=2)
    with pytest.raises(TypeError):
        Settings(share_seconds="180")


def test_save_replaces_a_broken_file(tmp_path):
    path = write(tmp_path, "{ broken")
    save_settings(CHANGED, path)
    assert load_settings(path) == (CHANGED, None)


def test_settings_are_values_that_never_change():
    """What the frozen dataclass gave (Settings is a plain class since issue 27's start-up
    pass): equal by value, hashable, shown by field, changed only into a new one."""
    assert Settings() == Settings() and hash(Settings()) == hash(Settings())
    assert Settings() != CHANGED and Settings(**CHANGED.to_plain()) == CHANGED
    assert len({Settings(), Settings(), CHANGED}) == 2
    assert repr(Settings(theme="dark")).startswith("Settings(text_size='normal', theme='dark', ")
    with pytest.raises(AttributeError):
        CHANGED.theme = "warm"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del CHANGED.theme
    with pytest.raises(AttributeError):
        CHANGED.colour = "red"  # type: ignore[attr-defined]
    assert CHANGED.theme == "contrast"
    dark = CHANGED.replace(theme="dark", volume=1)
    assert (dark.theme, dark.volume, type(dark.volume), CHANGED.theme) == (
        "dark",
        1.0,
        float,
        "contrast",
    )
    with pytest.raises(ValueError, match="theme must be one of warm, dark, contrast, not 'neon'"):
        CHANGED.replace(theme="neon")
    with pytest.raises(TypeError, match="no such setting: colour"):
        CHANGED.replace(colour="red")
    assert list(Settings().to_plain()) == list(Settings.__slots__)
    assert Settings() != Settings().to_plain()
