"""Issue 23: every path the game writes can be repaired, and what a killed write left is swept.

A file, a FIFO or a link to nothing where `saves` or `saves/games` should be made every save
fail all evening ("it will try again after the next step"), and nothing was moved aside.
"""

from __future__ import annotations

import os

import pytest

from game.core import engine
from game.core.actions import Draw
from game.store.paths import all_paths
from game.store.saves import LoadedSave, SaveStore
from tests.core.factory import make_setup
from tests.moves import ANY, apply

KINDS = {
    "a file": lambda path: path.write_bytes(b"not a folder"),
    "a pipe (FIFO)": os.mkfifo,
    "a link to nothing": lambda path: path.symlink_to(path.with_name("nowhere")),
    "a link to something else": lambda path: (
        path.with_name("elsewhere").write_text("x"),
        path.symlink_to(path.with_name("elsewhere")),
    ),
}


@pytest.mark.parametrize("kind", KINDS, ids=KINDS.keys())
@pytest.mark.parametrize("which", ["saves", "saves/games"])
def test_something_in_place_of_a_folder_is_moved_aside_and_saving_goes_on(tmp_path, which, kind):
    home = tmp_path / "home"
    home.mkdir()
    store = SaveStore(home / "saves")
    state = engine.new_game(make_setup(2))
    if which == "saves/games":
        store.save(state)  # a save already there
        os.rename(store.folder / "games", home / "games-gone")
    target = home / which
    KINDS[kind](target)
    for _ in range(3):
        state = apply(state, Draw(ANY)) if state.phase.value == "deal" else state
        store.save(state)
    assert SaveStore(store.folder).load().state == state
    aside = target.with_name(target.name + ".damaged")
    assert os.path.lexists(aside)
    log = all_paths()["log"].read_text()
    assert f"{target} moved aside as {aside.name}" in log
    assert f"{target} was {kind}, not a folder: made again" in log


def test_a_link_to_a_folder_is_the_players_own_and_stays(tmp_path):
    real = tmp_path / "real-saves"
    real.mkdir()
    (tmp_path / "saves").symlink_to(real)
    store = SaveStore(tmp_path / "saves")
    state = engine.new_game(make_setup(2))
    store.save(state)
    assert (tmp_path / "saves").is_symlink() and (real / "current.json").is_file()
    assert store.load() == LoadedSave(state, {}, None)


def test_temporary_files_left_by_a_killed_write_are_swept_at_the_next_start(tmp_path):
    store = SaveStore(tmp_path / "saves")
    state = engine.new_game(make_setup(2))
    store.save(state)
    name = next((store.folder / "games").glob("*.actions")).name
    left = [
        store.folder / ".current.json.k1ll3d.tmp",
        store.folder / "games" / f".{name}.x7y8z9.tmp",
        store.folder / "games" / f".{name.replace('.actions', '.json')}.a1b2c3.tmp",
    ]
    for path in left:
        path.write_bytes(b"{half")
    kept = store.folder / "games" / "notes.txt"  # not ours: never touched
    kept.write_text("mine")
    assert SaveStore(store.folder).load().state == state  # the next start
    assert [path for path in left if path.exists()] == []
    assert kept.read_text() == "mine"
