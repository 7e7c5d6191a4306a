"""game/store/peek.py: the title's Continue from the save's header, without the saves' code,
answers as `SaveStore.peek` does on a new store, for every kind of save on disk."""

from __future__ import annotations

import json

import pytest

from game.core.actions import EndGame
from game.core.state import Phase
from game.store import game_files, peek, saves
from game.store.game_files import setup_paths
from game.store.peek import peek_unfinished
from game.store.save_header import MAX_HEADER_BYTES
from game.store.savefile import encode_save
from game.store.saves import SaveStore
from tests.moves import ANY, apply

from .games import game_at, play


def test_its_names_are_the_stores():
    assert peek.CURRENT == saves.CURRENT
    assert peek.GAMES == game_files.GAMES
    assert peek.COPIES == game_files.COPIES
    assert peek.MAX_SETUP_BYTES == game_files.MAX_SETUP_BYTES
    assert MAX_HEADER_BYTES == 1024 * 1024  # what SaveStore.peek reads of current.json


def _setup_files(folder):
    return setup_paths(folder, json.loads((folder / saves.CURRENT).read_bytes())["setup"])


def _flip(path, at):
    data = bytearray(path.read_bytes())
    data[at] ^= 0x04
    path.write_bytes(bytes(data))


def _unfinished(folder):
    SaveStore(folder).save(game_at(Phase.SHARE))


def _finished(folder):
    state = apply(game_at(Phase.DEAL), EndGame(ANY))
    while not state.finished:
        state = play(state, 1)
    SaveStore(folder).save(state)


def _setup_damaged(folder):
    _unfinished(folder)
    _flip(_setup_files(folder)[0], 30)


def _both_setups_damaged(folder):
    _unfinished(folder)
    for path in _setup_files(folder):
        _flip(path, 30)


def _both_setups_gone(folder):
    _unfinished(folder)
    for path in _setup_files(folder):
        path.unlink()


def _header_damaged(folder):
    _unfinished(folder)
    _flip(folder / saves.CURRENT, 40)


def _header_cut(folder):
    _unfinished(folder)
    path = folder / saves.CURRENT
    path.write_bytes(path.read_bytes()[:25])


def _format_1(folder):
    folder.mkdir(parents=True)
    (folder / saves.CURRENT).write_bytes(encode_save(game_at(Phase.SHARE), {}))


def _a_folder_in_its_place(folder):
    (folder / saves.CURRENT).mkdir(parents=True)


def _nothing(folder):
    folder.mkdir(parents=True)


@pytest.mark.parametrize(
    "make",
    [
        _unfinished,
        _finished,
        _setup_damaged,
        _both_setups_damaged,
        _both_setups_gone,
        _header_damaged,
        _header_cut,
        _format_1,
        _a_folder_in_its_place,
        _nothing,
    ],
)
def test_the_header_alone_answers_as_the_store_does(tmp_path, make):
    folder = tmp_path / "saves"
    make(folder)
    before = sorted(str(path) for path in tmp_path.rglob("*"))
    assert peek_unfinished(folder) == SaveStore(folder).peek()
    assert sorted(str(path) for path in tmp_path.rglob("*")) == before  # it changed nothing


def test_what_it_says_of_each_kind(tmp_path):
    cases = {"unfinished": _unfinished, "finished": _finished, "cut": _header_cut}
    for name, make in cases.items():
        make(tmp_path / name)
    assert peek_unfinished(tmp_path / "unfinished") is True
    assert peek_unfinished(tmp_path / "finished") is False
    assert peek_unfinished(tmp_path / "cut") is None  # the store's load says what is wrong
    assert peek_unfinished(tmp_path / "missing") is None
