"""Checkpoints (game/store/checkpoints.py): Continue decodes the newest good one and replays
only the moves after it, and the state is always the one the whole journal gives.

The property: for random games (2-12 players, any rules, wild cards, marks legal or not
tried), a checkpoint of any state of the game reads back as that state, and replaying the
rest of the journal from it gives exactly the whole replay. Then through the store: Continue
replays only the moves after the last checkpoint (counted), a damaged checkpoint is passed
over for the one before it or for the whole journal (with what the log says), and a forged
one that the checksum cannot catch is held to the game's invariants.
"""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import Award, TakeBack
from game.core.cards import WildEffect
from game.core.engine import replay
from game.core.state import GameState
from game.store import checkpoints, savefile2
from game.store.paths import all_paths
from game.store.saves import GAMES, LoadedSave, SaveStore
from tests.budget import examples
from tests.core.factory import make_deck, make_setup
from tests.core.test_properties import rules_strategy, wild_lists
from tests.core.test_replay_fold import play
from tests.store.games import new_setup
from tests.store.games import play as play_on

NAME = "0123456789abcdef0123456789abcdef"


def checkpoint_line(state: GameState, log_bytes: bytes) -> bytes:
    """A checkpoint of `state` tied to the journal bytes of its log, as the writer ties it."""
    return checkpoints.encode_checkpoint(state, NAME, (len(log_bytes), zlib.crc32(log_bytes)))


@settings(
    max_examples=examples(ci=150, dev=25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(
    players=st.integers(2, 12),
    seed=st.integers(0, 2**32),
    wilds=wild_lists,
    rules=rules_strategy,
    bot=st.randoms(use_true_random=False),
)
def test_resuming_from_any_checkpoint_is_the_whole_replay(players, seed, wilds, rules, bot):
    wilds = (*wilds, (WildEffect.MIRROR, 1), (WildEffect.DOUBLE, 1))
    setup = make_setup(players, deck=make_deck(wilds=wilds), rules=rules, seed=seed)
    states, _ = play(setup, bot)
    log = list(states[-1].log)
    journal = savefile2.encode_actions(log)
    whole = replay(setup, log)
    assert whole == states[-1]
    for cut in {0, len(log), *(bot.randrange(len(states)) for _ in range(4))}:
        prefix = savefile2.encode_actions(log[:cut])
        line = checkpoint_line(states[cut], prefix)
        start, used, passed = checkpoints.latest(line, NAME, setup, log, journal)
        assert passed == [] and used == line, passed  # every state a game can be in passes
        assert start == states[cut]
        assert replay(setup, log, start) == whole


# ------------------------------------------------------------ through the store


EVERY = 10  # a checkpoint every ten actions in these tests (1,000 in a game)


@pytest.fixture
def often(monkeypatch):
    monkeypatch.setattr(checkpoints, "CHECKPOINT_EVERY", EVERY)


def saved_game(folder: Path, actions: int = 57) -> tuple[SaveStore, list[GameState]]:
    """A real game saved after each of its actions, and its states."""
    state = engine.new_game(new_setup())
    states = [state]
    store = SaveStore(folder)
    store.save(state)
    for step in range(actions):
        state = play_on(state, 1, seed=step)
        states.append(state)
        store.save(state)
    assert len(state.log) == actions and not state.finished
    return store, states


def checkpoint_file(store: SaveStore) -> Path:
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    return checkpoints.checkpoint_path(store.folder / GAMES, name)


class Counted:
    """The moves `replay` replays: each one either taken by the marks' fold or checked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moves = 0
        real_check, real_took = engine.check, engine._Marks.took

        def check(state, action):
            self.moves += 1
            return real_check(state, action)

        def took(marks, action: Award | TakeBack) -> bool:
            taken = real_took(marks, action)
            self.moves += taken
            return taken

        monkeypatch.setattr(engine, "check", check)
        monkeypatch.setattr(engine._Marks, "took", took)


def test_continue_replays_only_the_moves_after_the_last_checkpoint(often, tmp_path, monkeypatch):
    store, states = saved_game(tmp_path / "saves")
    lines = checkpoint_file(store).read_bytes().splitlines()
    assert [json.loads(line[9:])["actions"] for line in lines] == [40, 50]  # the last two
    counted = Counted(monkeypatch)
    loaded = SaveStore(store.folder).load()
    assert loaded == LoadedSave(states[-1], {}, None)
    assert counted.moves == 57 - 50
    # A save from before checkpoints (none on disk): the whole journal, as before.
    checkpoint_file(store).unlink()
    counted.moves = 0
    assert SaveStore(store.folder).load() == LoadedSave(states[-1], {}, None)
    assert counted.moves == 57


def test_a_damaged_checkpoint_is_passed_over_for_the_one_before_it(often, tmp_path, monkeypatch):
    store, states = saved_game(tmp_path / "saves")
    path = checkpoint_file(store)
    data = bytearray(path.read_bytes())
    data[-40] ^= 0x01  # inside the newest checkpoint's state
    path.write_bytes(bytes(data))
    counted = Counted(monkeypatch)
    loaded = SaveStore(store.folder).load()
    assert (loaded.state, loaded.message, loaded.lost, loaded.repaired) == (
        states[-1],
        None,
        0,
        False,
    )
    assert counted.moves == 57 - 40
    assert f"{path.name}: checkpoint 2 of 2 fails its checksum" in all_paths()["log"].read_text()
    # Both damaged: the whole journal, nothing lost either.
    data[60] ^= 0x20
    path.write_bytes(bytes(data))
    counted.moves = 0
    assert SaveStore(store.folder).load() == LoadedSave(states[-1], {}, None)
    assert counted.moves == 57
    assert (
        f"{path.name}: checkpoint 2 of 2 fails its checksum; checkpoint 1 of 2 fails its checksum"
        in all_paths()["log"].read_text()
    )


@settings(max_examples=examples(ci=100, dev=20), deadline=None)
@given(at=st.integers(0, 10**6), mask=st.sampled_from((0x01, 0x20, 0xFF)))
def test_any_damaged_byte_of_the_checkpoints_loses_nothing(tmp_path_factory, at, mask):
    folder = tmp_path_factory.mktemp("flip") / "saves"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checkpoints, "CHECKPOINT_EVERY", EVERY)
        store, states = saved_game(folder, actions=23)
    path = checkpoint_file(store)
    data = bytearray(path.read_bytes())
    data[at % len(data)] ^= mask
    path.write_bytes(bytes(data))
    assert SaveStore(folder).load() == LoadedSave(states[-1], {}, None)


def forged(line: bytes, change) -> bytes:
    """The checkpoint `line` with its state changed by `change` and its checksum made again."""
    document = json.loads(line[9:])
    change(document["state"])
    body = json.dumps(document, separators=(",", ":"), sort_keys=True).encode("ascii")
    return b"%08x %s\n" % (zlib.crc32(body), body)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda state: state["discard"].append(state["discard"][0]),
            "the deck's cards are not each in one place",
        ),
        (lambda state: state.update(seats=[0, 0, 2]), "the seats are not the players'"),
        (lambda state: state.update(level=9), "the level or the piles are not the deck's"),
        (
            lambda state: state["scores"]["points"][0].__setitem__(0, 10**20),
            "the scores are not one row a player",
        ),
        (lambda state: state.update(phase="nowhere"), "$.phase: 'nowhere' is not a Phase"),
    ],
)
def test_a_forged_checkpoint_is_held_to_the_game(often, tmp_path, monkeypatch, change, reason):
    store, states = saved_game(tmp_path / "saves")
    path = checkpoint_file(store)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + forged(lines[1], change))
    counted = Counted(monkeypatch)
    assert SaveStore(store.folder).load() == LoadedSave(states[-1], {}, None)
    assert counted.moves == 57 - 40  # the checkpoint before it
    log = all_paths()["log"].read_text()
    assert f"{path.name}: checkpoint 2 of 2 " in log and reason in log


def test_a_checkpoint_of_another_journal_is_not_used(often, tmp_path, monkeypatch):
    """The same setup, another game (its journal written whole): the old game's
    checkpoints are not this journal's."""
    store, states = saved_game(tmp_path / "saves")
    other = play_on(engine.new_game(states[0].setup), 30, seed=99)
    assert other.log[:5] != states[-1].log[:5]
    path = checkpoint_file(store)
    kept = path.read_bytes()
    store.save(other)  # its journal written whole: a checkpoint of it at once
    assert [json.loads(line[9:])["actions"] for line in path.read_bytes().splitlines()] == [30]
    path.write_bytes(kept)  # the other game's checkpoints, as a crash could leave them
    counted = Counted(monkeypatch)
    assert SaveStore(store.folder).load() == LoadedSave(other, {}, None)
    assert counted.moves == 30
    assert "checkpoint 2 of 2 follows 50 moves; the journal holds 30" in (
        all_paths()["log"].read_text()
    )


def test_a_save_after_continue_keeps_the_checkpoint_it_used(often, tmp_path):
    store, states = saved_game(tmp_path / "saves")
    again = SaveStore(store.folder)
    loaded = again.load()
    assert loaded.state is not None
    state = loaded.state
    for step in range(EVERY):
        state = play_on(state, 1, seed=1000 + step)
        again.save(state)
    lines = checkpoint_file(store).read_bytes().splitlines()
    assert [json.loads(line[9:])["actions"] for line in lines] == [50, 60]  # ten after 50
    assert SaveStore(store.folder).load() == LoadedSave(state, {}, None)


def test_a_checkpoint_that_cannot_be_written_loses_no_save(often, tmp_path):
    store, states = saved_game(tmp_path / "saves", actions=5)
    path = checkpoints.checkpoint_path(store.folder / GAMES, checkpoint_file(store).stem)
    path.mkdir()  # a folder in its place: the checkpoint cannot replace it
    state = states[-1]
    for step in range(EVERY):
        state = play_on(state, 1, seed=500 + step)
        store.save(state)
    assert path.is_dir()
    assert SaveStore(store.folder).load() == LoadedSave(state, {}, None)
    assert f"{path.name} could not be written" in all_paths()["log"].read_text()


def test_a_checkpoint_is_a_state_with_its_log_given_back():
    """`snapshot_from_plain` gives the log and setup it is handed, and every other field."""
    from game.core.serial import snapshot_from_plain, snapshot_to_plain

    setup = make_setup(5, deck=make_deck(wilds=((WildEffect.SWAP, 1),)))
    states, _ = play(setup, random.Random(8))
    state = states[len(states) // 2]
    plain = json.loads(json.dumps(snapshot_to_plain(state)))
    assert "setup" not in plain and "log" not in plain
    assert snapshot_from_plain(setup, state.log, plain) == state
    assert attrs.evolve(state, turn=state.turn + 1) != state  # equality sees every field
