"""Issue 23: no evening is lost to one damaged byte anywhere in a save.

A format-2 save is a header (and the header before it, `backup.json`), the game's setup and
its journal, each kept twice (`games/<hash>.*` and `games/<hash>.backup.*`). Every byte of
every file of a small real save is flipped in turn: the game always comes back, at its
last action or the one before it (the backup header), and whenever anything was lost or
passed over, the player gets a sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import Draw, EndTurn, FinishResponding, FinishSharing
from game.core.state import GameState
from game.store import savefile2
from game.store.game_files import journal_paths, setup_paths
from game.store.paths import all_paths
from game.store.saves import COULD_NOT_READ, WENT_BACK_DAMAGED, LoadedSave, SaveStore
from tests.budget import examples
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply


def small_game(turns: int = 2) -> list[GameState]:
    """Every state of a short real game, one per action (a deck of four prompts)."""
    state = engine.new_game(make_setup(2, deck=make_deck(prompts_per_level=2, levels=2)))
    states = [state]
    for turn in range(turns):
        for action in (
            Draw(ANY),
            FinishSharing(ANY),
            FinishResponding(ANY),
            EndTurn(ANY, 60.0 * (turn + 1)),
        ):
            state = apply(state, action)
            states.append(state)
    return states


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[Path, list[GameState]]:
    """A saves folder after every action of a small game was saved, and the states."""
    folder = tmp_path_factory.mktemp("small-save") / "saves"
    states = small_game()
    store = SaveStore(folder)
    for state in states:
        store.save(state, {"elapsed_seconds": 1.0})
    return folder, states


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def copy_of(saved_folder: Path, into: Path) -> SaveStore:
    shutil.copytree(saved_folder, into / "saves")
    return SaveStore(into / "saves")


def flip(path: Path, at: int, mask: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= mask
    path.write_bytes(bytes(data))


def assert_resumes_after_a_flip(loaded: LoadedSave, states: list[GameState], where: str) -> None:
    last = states[-1]
    assert loaded.state is not None, f"{where}: the evening was lost ({loaded.message})"
    assert loaded.state in (last, states[-2]), f"{where}: not the last or the one before it"
    if loaded.state != last:
        assert loaded.message == WENT_BACK_DAMAGED, where
    elif loaded.lost:
        raise AssertionError(f"{where}: {loaded.lost} lost with the whole game back")


def test_the_backup_is_a_copy_of_the_whole_game(saved, tmp_path):
    folder, states = saved
    store = copy_of(folder, tmp_path)
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    setups, journals = setup_paths(store.folder, name), journal_paths(store.folder, name)
    assert setups[0].read_bytes() == setups[1].read_bytes()
    assert journals[0].read_bytes() == journals[1].read_bytes()
    assert setups[0].stat().st_ino != setups[1].stat().st_ino  # another file, not a name
    assert journals[0].stat().st_ino != journals[1].stat().st_ino
    for path in (setups[0], journals[0]):
        path.unlink()  # the game's own files gone: the copy alone is enough
    assert store.load() == LoadedSave(states[-1], {"elapsed_seconds": 1.0}, None)


@pytest.mark.parametrize("which", ["setup", "journal"])
def test_a_damaged_file_is_replaced_by_its_copy_with_a_sentence(saved, tmp_path, which):
    folder, states = saved
    store = copy_of(folder, tmp_path)
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    target = (setup_paths if which == "setup" else journal_paths)(store.folder, name)[0]
    flip(target, 40, 0x01)
    loaded = store.load()
    assert (loaded.state, loaded.message, loaded.lost, loaded.repaired) == (
        states[-1],
        None,
        0,
        True,
    )
    aside = target.with_name(target.name + ".damaged")
    assert aside.is_file()  # kept aside, not deleted
    assert f"moved aside as {aside.name}" in all_paths()["log"].read_text()
    copy = target.with_name(target.name.replace(".", ".backup.", 1))
    assert target.read_bytes() == copy.read_bytes()  # written again at once from the copy
    more = apply(states[-1], Draw(ANY))
    store.save(more)
    assert target.read_bytes() == copy.read_bytes()
    assert SaveStore(store.folder).load() == LoadedSave(more, {}, None)


def test_a_line_damaged_in_both_journals_keeps_every_action_before_it(saved, tmp_path):
    folder, states = saved
    store = copy_of(folder, tmp_path)
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    for journal in journal_paths(store.folder, name):
        lines = journal.read_bytes().split(b"\n")
        lines[5] = lines[5].replace(b"}", b"]", 1)  # the sixth action damaged, in both
        journal.write_bytes(b"\n".join(lines))
    loaded = store.load()
    assert loaded.state == states[5]  # the five actions before it
    assert loaded.lost == len(states) - 1 - 5
    assert loaded.message is None and loaded.unfinished
    total = len(states) - 1
    text = f"game {name}: {loaded.lost} of {total} actions could not be read in either copy"
    assert text in all_paths()["log"].read_text()
    # The game goes on from there, and saves and loads as any other.
    more = apply(states[5], FinishSharing(ANY))
    store.save(more)
    assert SaveStore(store.folder).load() == LoadedSave(more, {}, None)


def test_the_table_says_how_many_steps_were_lost():
    from game.content.ui_text import load_ui_text

    t = load_ui_text()
    assert t("resume_lost_actions", count=1) == (
        "Part of the save was damaged: the game goes on from just before it, and 1 step was lost."
    )
    assert t("resume_lost_actions", count=3).endswith("and 3 steps were lost.")


def test_a_setup_damaged_in_both_copies_is_kept_aside_not_deleted(saved, tmp_path):
    folder, states = saved
    store = copy_of(folder, tmp_path)
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    for path in setup_paths(store.folder, name):
        flip(path, 30, 0x04)
    assert store.load() == LoadedSave(None, {}, COULD_NOT_READ)
    assert store.peek() is False  # Continue is not offered again
    fresh = engine.new_game(make_setup(3))
    store.save(fresh)  # a new game: the damaged one's files are still there, aside
    games = sorted(p.name for p in (store.folder / "games").iterdir())
    assert [n for n in games if n.startswith(name)] == sorted(
        [
            f"{name}.actions.damaged",
            f"{name}.backup.actions.damaged",
            f"{name}.backup.json.damaged",
            f"{name}.json.damaged",
        ]
    )


MASKS = (0x01, 0x20, 0xFF)


def every_flip(folder: Path) -> list[tuple[str, int, int]]:
    return [
        (str(path.relative_to(folder)), at, mask)
        for path in files_of(folder)
        for at in range(path.stat().st_size)
        for mask in MASKS
    ]


@settings(
    max_examples=examples(ci=120, dev=25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_single_damaged_byte_loses_at_most_the_last_action(saved, tmp_path_factory, data):
    folder, states = saved
    which = data.draw(st.sampled_from([str(p.relative_to(folder)) for p in files_of(folder)]))
    size = (folder / which).stat().st_size
    at = data.draw(st.integers(0, size - 1))
    mask = data.draw(st.sampled_from(MASKS))
    store = copy_of(folder, tmp_path_factory.mktemp("flip"))
    flip(store.folder / which, at, mask)
    assert_resumes_after_a_flip(store.load(), states, f"{which}[{at}] ^ {mask:#x}")


@pytest.mark.slow
def test_every_single_damaged_byte_loses_at_most_the_last_action(saved, tmp_path):
    """Exhaustive: every byte of every file of the save, three ways each (about 14,000)."""
    folder, states = saved
    flips = every_flip(folder)
    assert len(flips) > 3000
    store = copy_of(folder, tmp_path)
    snapshot = {p.relative_to(store.folder): p.read_bytes() for p in files_of(store.folder)}
    for which, at, mask in flips:
        for path in files_of(store.folder):  # back to the save as written, then one flip
            if path.relative_to(store.folder) not in snapshot:
                path.unlink()
        for name, data in snapshot.items():
            (store.folder / name).write_bytes(data)
        flip(store.folder / which, at, mask)
        assert_resumes_after_a_flip(
            SaveStore(store.folder).load(), states, f"{which}[{at}] ^ {mask:#x}"
        )
