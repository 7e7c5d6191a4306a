"""Where the player's files live, and `inkind paths`."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import platformdirs
import pytest

from game.cli import main
from game.content.cli_words import say
from game.store.paths import (
    _xdg_data_dir,
    all_paths,
    cache_dir,
    data_dir,
    make_private_folder,
    print_paths,
)


def test_inkind_home_moves_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("INKIND_HOME", str(tmp_path))
    assert data_dir() == tmp_path
    assert all_paths() == {
        "decks": tmp_path / "decks",
        "saves": tmp_path / "saves",
        "settings": tmp_path / "settings.json",
        "log": tmp_path / "inkind.log",
    }


def test_relative_and_home_paths_become_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKIND_HOME", "relative/home")
    assert data_dir() == tmp_path / "relative" / "home"
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("INKIND_HOME", "~/inkind")
    assert data_dir() == tmp_path / "inkind"


def test_without_inkind_home_the_platform_folder_is_used(monkeypatch):
    monkeypatch.delenv("INKIND_HOME")
    assert data_dir() == Path(platformdirs.user_data_dir("inkind", appauthor=False))
    monkeypatch.setenv("INKIND_HOME", "  ")
    assert data_dir() == Path(platformdirs.user_data_dir("inkind", appauthor=False))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/eli"),
        ("", "/home/eli/"),
        ("/data/xdg", "/home/eli"),
        ("/data/xdg/", None),
        ("relative/xdg", "/home/eli"),
        (" /data/xdg", "/home/eli"),
        (None, "relative-home"),
        (None, None),
        (None, "/"),
    ],
)
def test_the_folder_found_without_platformdirs_is_the_one_it_gives(xdg, home, monkeypatch):
    """data_dir finds the common Linux folder itself (platformdirs costs about 3.5 ms of a
    start to import) and leaves every other case to platformdirs: the same folder either way."""
    monkeypatch.delenv("INKIND_HOME", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    found = _xdg_data_dir()
    if found is not None:
        assert found == Path(platformdirs.user_data_dir("inkind", appauthor=False))
    assert data_dir() == Path(platformdirs.user_data_dir("inkind", appauthor=False))
    plain = (xdg or "").startswith("/") or (not xdg and (home or "").startswith("/"))
    assert (found is not None) == plain


def test_paths_are_only_named_not_created(tmp_path, monkeypatch):
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    all_paths()
    assert not (tmp_path / "home").exists()


def test_print_paths_one_line_each_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("INKIND_HOME", str(tmp_path))
    out = io.StringIO()
    print_paths(out, say)
    assert out.getvalue().splitlines() == [
        f"decks: {tmp_path / 'decks'}",
        f"saves: {tmp_path / 'saves'}",
        f"settings: {tmp_path / 'settings.json'}",
        f"log: {tmp_path / 'inkind.log'}",
    ]


def test_inkind_paths_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INKIND_HOME", str(tmp_path))
    assert main(["paths"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == ["decks", "saves", "settings", "log"]
    assert lines[3] == f"log: {tmp_path / 'inkind.log'}"


def test_private_folders_are_made_0700_with_their_parents(tmp_path):
    old = os.umask(0)
    try:
        make_private_folder(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    make_private_folder(tmp_path / "a" / "b")  # already there: fine


def test_a_file_in_the_way_of_a_folder_raises(tmp_path):
    (tmp_path / "a").write_text("a file")
    with pytest.raises(OSError):
        make_private_folder(tmp_path / "a" / "b")


def test_the_cache_folder_is_made_when_asked_for(tmp_path, monkeypatch):
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / "cache"
    assert cache_dir().is_dir()
    (tmp_path / "blocked").write_text("a file")
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "blocked"))
    assert cache_dir() == tmp_path / "blocked" / "cache"  # no folder, and no error either
