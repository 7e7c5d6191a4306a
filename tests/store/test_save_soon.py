"""`SaveStore.save_soon`: the phones' busy frames save on a writer thread (issue 14's frame
budget). What it writes must be exactly what `save` would have written, in order, and a
game that quits or is forgotten must leave nothing half done."""

from __future__ import annotations

import threading

from game.core.engine import new_game
from game.store.saves import SaveStore
from game.table.session import Session

from .games import new_setup, play


def test_save_soon_writes_the_game_once_flushed(tmp_path):
    store = SaveStore(tmp_path / "saves")
    state = play(new_game(new_setup()), 9)
    store.save_soon(state, {"elapsed_seconds": 4.0})
    store.flush()
    loaded = SaveStore(store.folder).load()
    assert loaded.message is None
    assert loaded.state == state
    assert loaded.table == {"elapsed_seconds": 4.0}


def test_a_burst_is_written_as_its_newest_game(tmp_path):
    store = SaveStore(tmp_path / "saves")
    written: list[int] = []
    store.on_saved(lambda state, path: written.append(len(state.log)))
    gate = threading.Event()
    real_write = store._write

    def slow_write(state, table):
        gate.wait(5)  # the writer is held while the game goes on
        real_write(state, table)

    store._write = slow_write  # type: ignore[method-assign]
    state = new_game(new_setup())
    states = []
    for step in range(12):
        state = play(state, 1, seed=step)
        states.append(state)
        store.save_soon(state)
    gate.set()
    store.flush()
    assert SaveStore(store.folder).load().state == states[-1]
    assert written[-1] == len(states[-1].log)
    assert len(written) < len(states)  # coalesced: the ones waiting gave way to the newest
    assert written == sorted(written)  # never an older game after a newer one


def test_a_save_now_after_a_save_soon_is_never_overwritten_by_it(tmp_path):
    store = SaveStore(tmp_path / "saves")
    older = play(new_game(new_setup()), 5)
    newer = play(older, 3, seed=2)
    store.save_soon(older)
    store.save(newer)  # a key pressed on the laptop, saved at once
    store.flush()
    assert SaveStore(store.folder).load().state == newer


def test_clear_forgets_a_save_still_waiting(tmp_path):
    store = SaveStore(tmp_path / "saves")
    gate = threading.Event()
    real_write = store._write
    store._write = lambda s, t: (gate.wait(5), real_write(s, t))  # type: ignore[method-assign]
    store.save_soon(play(new_game(new_setup()), 4))
    store.save_soon(play(new_game(new_setup()), 6))  # waiting behind the first
    gate.set()
    store.clear()
    store.flush()
    assert SaveStore(store.folder).load().state is None


def test_a_failed_background_save_is_said_on_the_next_frame(tmp_path):
    store = SaveStore(tmp_path / "saves")
    state = play(new_game(new_setup()), 3)
    session = Session(state, store)

    def refuse(state, table):
        raise OSError(28, "No space left on device")

    store._write = refuse  # type: ignore[method-assign]
    with session.batch():
        session.state = play(session.state, 1)
        session._changed(state)
    store.flush()
    assert isinstance(store.soon_error, OSError)
    with session.batch():  # the next frame's save learns how the last one went
        before = session.state
        session.state = play(session.state, 1, seed=3)
        session._changed(before)
    assert session.save_failed
    store.flush()
    del store._write  # the disk has room again
    session.save()
    assert not session.save_failed
    assert SaveStore(store.folder).load().state == session.state


def test_a_phone_batch_saves_on_the_writer_and_a_key_at_once(tmp_path):
    store = SaveStore(tmp_path / "saves")
    session = Session(play(new_game(new_setup()), 2), store)
    asked: list[str] = []
    real_soon, real_save = store.save_soon, store.save
    store.save_soon = lambda s, t=None: (asked.append("soon"), real_soon(s, t))  # type: ignore[method-assign]
    store.save = lambda s, t=None: (asked.append("now"), real_save(s, t))  # type: ignore[method-assign]
    with session.batch():
        before = session.state
        session.state = play(session.state, 1)
        session._changed(before)
    before = session.state
    session.state = play(session.state, 1, seed=5)
    session._changed(before)
    assert asked == ["soon", "now"]
    session.flush()
    assert SaveStore(store.folder).load().state == session.state


def test_an_older_game_the_writer_holds_gives_way_to_a_newer_one_saved_now(tmp_path):
    store = SaveStore(tmp_path / "saves")
    older = play(new_game(new_setup()), 5)
    newer = play(older, 3, seed=2)
    taken, gate = threading.Event(), threading.Event()
    real = store._write_numbered

    def held(number, state, table):
        if threading.current_thread().name == "inkind-save":
            taken.set()  # the writer has the older game in hand...
            gate.wait(5)  # ...and is slow to reach the disk
        real(number, state, table)

    store._write_numbered = held  # type: ignore[method-assign]
    store.save_soon(older)
    assert taken.wait(5)
    store.save(newer)  # a frame never waits for the writer: this goes to disk first
    gate.set()
    store.flush()
    assert SaveStore(store.folder).load().state == newer
