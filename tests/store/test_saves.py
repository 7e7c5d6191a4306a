"""Autosave and resume with real games played by the engine."""

from __future__ import annotations

import json

import pytest

from game.core.actions import Draw, EndGame
from game.core.engine import new_game
from game.core.state import Phase
from game.store import atomic, saves
from game.store.paths import all_paths
from game.store.saves import WENT_BACK_DAMAGED, WENT_BACK_MISSING, LoadedSave, SaveStore
from tests.moves import ANY, apply

from .games import game_at, new_setup, play


@pytest.fixture
def store(tmp_path):
    return SaveStore(tmp_path / "saves")


def test_default_folder_is_the_saves_path():
    assert SaveStore().folder == all_paths()["saves"]


def test_nothing_saved_yet(store):
    assert store.load() == LoadedSave(None, {}, None)
    assert not store.has_unfinished()


@pytest.mark.parametrize("phase", [Phase.DEAL, Phase.SHARE, Phase.RESPOND, Phase.AWARD])
def test_mid_game_round_trip_restores_everything(store, phase):
    state = game_at(phase)
    table = {"elapsed_seconds": 312.5, "timer": {"running": False, "left": 41.0}}
    store.save(state, table)
    loaded = SaveStore(store.folder).load()  # a new process: nothing remembered in memory
    assert loaded.message is None
    assert loaded.state == state
    assert loaded.table == table
    assert loaded.state.card == state.card
    assert loaded.state.phase is phase
    assert loaded.state.scores == state.scores
    assert loaded.state.passes_left == state.passes_left
    assert loaded.state.level == state.level
    assert loaded.state.rng == state.rng
    assert loaded.state.pending == state.pending
    assert loaded.unfinished


def test_resumed_game_deals_the_same_next_cards(store):
    state = game_at(Phase.DEAL, at_least=20)
    store.save(state)
    resumed = SaveStore(store.folder).load().state
    assert apply(resumed, Draw(ANY)) == apply(state, Draw(ANY))
    assert play(resumed, 40, seed=9) == play(state, 40, seed=9)


def test_typed_player_names_are_kept_exactly(store):
    names = ("Zoë", "Søren 🌿", "名前", 'O\'Brien "Bo"')
    state = play(new_game(new_setup(names=names)), 7)
    store.save(state)
    loaded = SaveStore(store.folder).load().state
    assert tuple(p.name for p in loaded.players) == names


def test_every_action_saved_then_resumed(store):
    state = new_game(new_setup())
    for _ in range(60):
        state = play(state, 1, seed=len(state.log))
        store.save(state, {"actions": len(state.log)})
        loaded = SaveStore(store.folder).load()
        assert loaded.state == state and loaded.message is None
        if state.finished:
            break


def test_previous_save_becomes_the_backup(store):
    first = game_at(Phase.SHARE)
    second = play(first, 3)
    store.save(first, {"n": 1})
    store.save(second, {"n": 2})
    backup = json.loads(store.backup_path.read_text())
    assert backup["table"] == {"n": 1}
    store.current_path.write_bytes(b"{ broken")
    loaded = SaveStore(store.folder).load()
    assert loaded.state == first
    assert loaded.table == {"n": 1}
    assert loaded.message == WENT_BACK_DAMAGED


def test_backup_is_used_when_current_is_missing(store):
    first = game_at(Phase.SHARE)
    store.save(first)
    store.save(play(first, 2))
    store.current_path.unlink()
    loaded = SaveStore(store.folder).load()
    assert loaded.state == first
    assert loaded.message == WENT_BACK_MISSING


def test_a_new_process_backs_up_the_save_it_finds(store):
    first = game_at(Phase.SHARE)
    store.save(first)
    later = SaveStore(store.folder)
    later.save(play(first, 2))
    store.current_path.write_bytes(b"")
    assert SaveStore(store.folder).load().state == first


def test_a_damaged_current_save_is_kept_aside_not_backed_up(store):
    first = game_at(Phase.SHARE)
    store.save(first)
    store.save(play(first, 2))
    store.current_path.write_bytes(b"garbage")
    fresh_store = SaveStore(store.folder)
    assert fresh_store.load().state == first
    newer = play(first, 5, seed=8)
    fresh_store.save(newer)
    assert (store.folder / "current.unreadable.json").read_bytes() == b"garbage"
    assert SaveStore(store.folder).load() == LoadedSave(newer, {}, None)
    store.current_path.write_bytes(b"garbage again")
    assert SaveStore(store.folder).load().state == first  # the good backup was not overwritten


def test_crash_while_replacing_the_save_keeps_the_last_one(store, monkeypatch):
    first = game_at(Phase.SHARE)
    store.save(first, {"n": 1})
    real_replace = atomic.os.replace

    def crash_on_current(src, dst):
        if str(dst).endswith("current.json"):
            raise OSError("killed")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", crash_on_current)
    with pytest.raises(OSError):
        store.save(play(first, 3), {"n": 2})
    monkeypatch.undo()
    loaded = SaveStore(store.folder).load()
    assert loaded == LoadedSave(first, {"n": 1}, None)
    assert sorted(p.name for p in store.folder.iterdir()) == [
        "backup.json",
        "current.json",
        "games",
    ]


def test_temp_files_left_by_a_kill_are_swept_on_the_next_save(store):
    store.folder.mkdir(parents=True)
    (store.folder / ".current.json.k1ll3d.tmp").write_bytes(b"{half")
    store.save(game_at(Phase.SHARE))
    assert sorted(p.name for p in store.folder.iterdir()) == ["current.json", "games"]


def test_finished_game_is_not_offered_to_continue(store):
    state = apply(game_at(Phase.DEAL), EndGame(ANY))
    while not state.finished:
        state = play(state, 1)
    store.save(state)
    loaded = store.load()
    assert loaded.state == state and loaded.message is None
    assert not store.has_unfinished()


def test_clear_forgets_the_game(store):
    store.save(game_at(Phase.SHARE))
    store.save(game_at(Phase.AWARD))
    assert store.has_unfinished()
    store.clear()
    assert store.load() == LoadedSave()
    assert list(store.folder.iterdir()) == []
    store.clear()  # clearing twice is fine


def test_table_must_be_plain_data(store):
    state = game_at(Phase.SHARE)
    with pytest.raises(TypeError):
        store.save(state, {"when": object()})
    with pytest.raises(TypeError):
        store.save(state, {1: "not a string key"})
    with pytest.raises(ValueError):
        store.save(state, {"elapsed": float("nan")})
    assert store.load() == LoadedSave()


def test_save_is_self_contained_when_the_deck_file_changes_or_vanishes(store):
    """The whole Deck lives in GameState.setup, so the deck file is never read on resume."""
    deck_file = all_paths()["decks"] / "store-test.yaml"
    deck_file.parent.mkdir(parents=True)
    deck_file.write_text("id: store-test\nname: Store test deck\ncards: [...]\n")
    state = game_at(Phase.SHARE)
    store.save(state)
    deck_file.write_text("id: store-test\nname: Rewritten\ncards: []\n")
    changed = SaveStore(store.folder).load()
    deck_file.unlink()
    vanished = SaveStore(store.folder).load()
    for loaded in (changed, vanished):
        assert loaded.message is None
        assert loaded.state == state
        assert loaded.state.current_card.prompt == state.current_card.prompt
        assert all(loaded.state.deck.has_card(c) for pile in loaded.state.piles for c in pile)
    header = json.loads(store.current_path.read_text())  # format 2: the setup beside it
    setup = json.loads((store.folder / "games" / f"{header['setup']}.json").read_text())
    assert len(setup["game"]["setup"]["deck"]["cards"]) == len(state.deck.cards)


def test_load_never_raises_even_on_a_bug(store, monkeypatch):
    store.save(game_at(Phase.SHARE))

    def broken(data):
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr("game.store.savefile.decode_save", broken)
    monkeypatch.setattr("game.store.savefile2.rebuild", lambda setup, actions: broken(None))
    loaded = store.load()
    assert loaded.state is None
    assert loaded.message == "The saved game could not be read; you can start a new one."
    assert "a bug in the reader" in all_paths()["log"].read_text()


def test_the_backup_is_the_save_before_under_a_second_name_not_a_copy(store):
    first = game_at(Phase.SHARE)
    store.save(first)
    before = store.current_path.stat()
    store.save(play(first, 2))
    backup = store.backup_path.stat()
    assert (backup.st_ino, backup.st_dev) == (before.st_ino, before.st_dev)  # no room needed
    assert store.current_path.stat().st_ino != backup.st_ino
    assert SaveStore(store.folder).load().message is None


def test_without_hard_links_the_backup_is_a_copy(store, monkeypatch):
    def no_links(source, target):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr("game.store.saves.os.link", no_links)
    first = game_at(Phase.SHARE)
    store.save(first, {"n": 1})
    store.save(play(first, 2), {"n": 2})
    assert json.loads(store.backup_path.read_text())["table"] == {"n": 1}
    assert sorted(p.name for p in store.folder.iterdir()) == [
        "backup.json",
        "current.json",
        "games",
    ]


def test_a_backup_that_cannot_be_written_never_stops_the_save(store, monkeypatch):
    def no_links(source, target):
        raise OSError(1, "Operation not permitted")

    real_write = saves.write_atomic

    def backup_refused(path, data):
        if path.name == "backup.json":
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr("game.store.saves.os.link", no_links)
    monkeypatch.setattr(saves, "write_atomic", backup_refused)
    first = game_at(Phase.SHARE)
    store.save(first)
    for steps in (1, 2, 3):
        store.save(play(first, steps))
        assert SaveStore(store.folder).load().state == play(first, steps)
    assert all_paths()["log"].read_text().count("backup.json could not be written") == 1
