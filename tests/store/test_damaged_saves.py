"""The damaged-save corpus: named ways a save file goes wrong, each with the sentence the player sees.

Every broken file is built from a real save of a real game by one named mutation. Each is
tried twice: as the only save (nothing to go back to) and with a good backup beside it.
After each, a fresh game must start, save and load cleanly.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from game.core.engine import new_game
from game.core.state import Phase
from game.store.savefile import encode_save
from game.store.saves import (
    COULD_NOT_READ,
    NEWER_VERSION,
    WENT_BACK_DAMAGED,
    WENT_BACK_NEWER,
    LoadedSave,
    SaveStore,
)

from .games import game_at, new_setup, play

Document = dict[str, Any]


@attrs.frozen
class Broken:
    name: str
    mutate: Callable[[bytes], bytes]
    newer: bool = False  # a later version of the game could read it

    @property
    def alone(self) -> str:
        return NEWER_VERSION if self.newer else COULD_NOT_READ

    @property
    def with_backup(self) -> str:
        return WENT_BACK_NEWER if self.newer else WENT_BACK_DAMAGED


def edit(change: Callable[[Document], object]) -> Callable[[bytes], bytes]:
    """A mutation that parses the save, changes it in place and writes it back as valid JSON."""

    def mutate(data: bytes) -> bytes:
        document = json.loads(data)
        change(document)
        return json.dumps(document).encode()

    return mutate


def state_of(document: Document) -> Document:
    return document["game"]["state"]


def setitem(path: tuple[Any, ...], value: Any) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def drop_a_dealt_card_from_the_deck(document: Document) -> None:
    state = state_of(document)
    gone = state["discard"][0]
    deck = state["setup"]["deck"]
    deck["cards"] = [card for card in deck["cards"] if card["id"] != gone]


def rename_a_card_in_the_pile(document: Document) -> None:
    pile = next(pile for pile in state_of(document)["piles"] if pile)
    pile[0] = "a-card-that-was-never-in-the-deck"


def add_points(document: Document) -> None:
    state_of(document)["scores"]["points"][0][0] += 5


def forget_the_last_action(document: Document) -> None:
    state_of(document)["log"].pop()


def seat_a_stranger(document: Document) -> None:
    state_of(document)["setup"]["players"].append({"name": "Stranger"})


def make_names_the_same(document: Document) -> None:
    for player in state_of(document)["setup"]["players"]:
        player["name"] = "Ana"


def unknown_action(document: Document) -> None:
    state_of(document)["log"][0] = {"type": "Teleport", "to": "the moon"}


def pass_for_a_missing_player(document: Document) -> None:
    state_of(document)["log"].insert(1, {"type": "Pass", "player": 9})


def replace_text(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        assert old in data, f"{old!r} is not in the save"
        return data.replace(old, new, 1)

    return mutate


CORPUS: tuple[Broken, ...] = (
    # What a crash, a full disk or a bad sector leaves behind.
    Broken("empty file", lambda data: b""),
    Broken("truncated to half", lambda data: data[: len(data) // 2]),
    Broken("last brace missing", lambda data: data.rstrip()[:-1]),
    Broken("only the first 4 KiB", lambda data: data[:4096]),
    Broken("filled with zero bytes", lambda data: bytes(len(data))),
    Broken("random bytes", lambda data: random.Random(6).randbytes(2000)),
    Broken("one byte flipped in the structure", replace_text(b'":', b'";')),
    Broken("a byte that is not UTF-8", replace_text(b'"Ana"', b'"An\xff"')),
    Broken("re-encoded as UTF-16", lambda data: data.decode().encode("utf-16")),
    Broken("10,000 nested brackets", lambda data: b"[" * 10_000 + b"]" * 10_000),
    Broken("NaN in a number", replace_text(b'"elapsed_seconds":312.5', b'"elapsed_seconds":NaN')),
    Broken(
        "an infinite number", replace_text(b'"elapsed_seconds":312.5', b'"elapsed_seconds":1e999')
    ),
    # JSON, but not an In Kind save.
    Broken("a JSON list", lambda data: b"[1, 2, 3]"),
    Broken("JSON null", lambda data: b"null"),
    Broken("another program's JSON", lambda data: b'{"version": 1, "windows": []}'),
    Broken("format number as text", edit(setitem(("inkind_save",), "1"))),
    Broken("game part missing", edit(lambda d: d.pop("game"))),
    Broken("table part missing", edit(lambda d: d.pop("table"))),
    Broken("table is a list", edit(setitem(("table",), [1, 2]))),
    # From a later version of the game.
    Broken("newer save format", edit(setitem(("inkind_save",), 3)), newer=True),
    Broken("newer game format", edit(setitem(("game", "format"), 2)), newer=True),
    # The right shape with the wrong insides.
    Broken("unknown action in the log", edit(unknown_action)),
    Broken("unknown phase", edit(setitem(("game", "state", "phase"), "dancing"))),
    Broken("turn written as text", edit(setitem(("game", "state", "turn"), "3"))),
    Broken(
        "card on the table is not in the deck", edit(setitem(("game", "state", "card"), "gone"))
    ),
    Broken("a pile card is not in the deck", edit(rename_a_card_in_the_pile)),
    Broken("a dealt card removed from the deck", edit(drop_a_dealt_card_from_the_deck)),
    Broken("points added by hand", edit(add_points)),
    Broken("random state changed", edit(lambda d: state_of(d).update(rng=state_of(d)["rng"] + 1))),
    Broken("last action missing from the log", edit(forget_the_last_action)),
    Broken("a player added", edit(seat_a_stranger)),
    Broken("every player has the same name", edit(make_names_the_same)),
    Broken("a pass by a player who is not there", edit(pass_for_a_missing_player)),
)


@pytest.fixture(scope="module")
def earlier():
    return game_at(Phase.SHARE, at_least=12)


@pytest.fixture(scope="module")
def later(earlier):
    state = play(earlier, 6, seed=5)
    assert state.discard, "the corpus needs a game with a card already played"
    return state


TABLE = {"elapsed_seconds": 312.5}


def assert_fresh_game_saves_and_loads(store: SaveStore) -> None:
    fresh = new_game(new_setup(seed=99, names=("Noor", "Oskar")))
    store.save(fresh, {"elapsed_seconds": 0.0})
    assert SaveStore(store.folder).load() == LoadedSave(fresh, {"elapsed_seconds": 0.0}, None)
    assert store.has_unfinished()


def test_the_corpus_is_big_enough_and_named_once():
    assert len(CORPUS) >= 15
    assert len({case.name for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_broken_save_alone(case, later, tmp_path):
    broken = case.mutate(encode_save(later, TABLE))
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.current_path.write_bytes(broken)

    assert store.load() == LoadedSave(None, {}, case.alone)
    assert not store.has_unfinished()
    assert_fresh_game_saves_and_loads(store)
    assert (store.folder / "current.unreadable.json").read_bytes() == broken


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_broken_save_with_a_good_backup(case, earlier, later, tmp_path):
    broken = case.mutate(encode_save(later, TABLE))
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.backup_path.write_bytes(encode_save(earlier, {"elapsed_seconds": 200.0}))
    store.current_path.write_bytes(broken)

    assert store.load() == LoadedSave(earlier, {"elapsed_seconds": 200.0}, case.with_backup)
    assert store.has_unfinished()
    assert_fresh_game_saves_and_loads(store)


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_broken_backup_behind_a_good_save_is_ignored(case, earlier, later, tmp_path):
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.backup_path.write_bytes(case.mutate(encode_save(earlier, TABLE)))
    store.current_path.write_bytes(encode_save(later, TABLE))
    assert store.load() == LoadedSave(later, TABLE, None)


def test_both_broken(earlier, later, tmp_path):
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.backup_path.write_bytes(b"")
    store.current_path.write_bytes(b"{")
    assert store.load() == LoadedSave(None, {}, COULD_NOT_READ)
    assert_fresh_game_saves_and_loads(store)


def test_newer_backup_behind_a_damaged_save_says_newer(earlier, tmp_path):
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    newer = edit(setitem(("inkind_save",), 3))(encode_save(earlier, TABLE))
    store.backup_path.write_bytes(newer)
    store.current_path.write_bytes(b"")
    assert store.load() == LoadedSave(None, {}, NEWER_VERSION)


def test_a_save_that_is_a_folder(tmp_path):
    store = SaveStore(tmp_path / "saves")
    store.current_path.mkdir(parents=True)
    (store.current_path / "inside").write_text("?")
    assert store.load() == LoadedSave(None, {}, COULD_NOT_READ)
    assert_fresh_game_saves_and_loads(store)


def test_a_save_too_large_to_be_real(later, tmp_path, monkeypatch):
    monkeypatch.setattr("game.store.savefile.MAX_SAVE_BYTES", 1000)
    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.current_path.write_bytes(encode_save(later, TABLE))
    assert store.load() == LoadedSave(None, {}, COULD_NOT_READ)


def test_reasons_go_to_the_log_once(later, tmp_path):
    from game.store.paths import all_paths

    store = SaveStore(tmp_path / "saves")
    store.folder.mkdir()
    store.current_path.write_bytes(b"{")
    store.load()
    store.has_unfinished()
    log = all_paths()["log"].read_text()
    assert log.count("current.json was not used: the file is not JSON") == 1
