"""File attacks (issue 15): what a player's folder can hold that used to stop the game.

Each attack once crashed the game at every start, hung it before the first frame (a FIFO
that SIGTERM cannot interrupt), or left it at a dead end (Continue showing the error page
every time, nothing saved after the first save). Now each is refused without being opened,
in one calm sentence, or worked around, and the game goes on. The start-up attacks are also
run on the real process (`python -m game` to its first frame, about 0.2 s each) at the end;
docs/reliability.md has the table of attacks.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pygame
import pytest

from game import resources
from game.core.actions import EndTurn
from game.core.engine import legal_actions, new_game
from game.core.state import Phase
from game.store import log as store_log
from game.store import saves as store_saves
from game.store.closeness import UNREADABLE as CLOSENESS_UNREADABLE
from game.store.closeness import Evening, History, load_history, save_history
from game.store.log import log_exception, log_note
from game.store.memory import UNREADABLE as MEMORY_UNREADABLE
from game.store.memory import DeckMemory, Memory, load_memory, save_memory
from game.store.paths import all_paths, cache_dir, closeness_path, data_dir, memory_path
from game.store.savefile import encode_save
from game.store.saves import (
    COULD_NOT_READ,
    WENT_BACK_DAMAGED,
    LoadedSave,
    SaveStore,
)
from game.store.settings import SOME_RESET, Settings, load_settings, save_settings
from game.store.settings import UNREADABLE as SETTINGS_UNREADABLE
from game.table import session as table_session
from game.table.session import Session, resume_session
from tests.moves import ANY, dispatch
from tests.store.games import game_at, new_setup, play

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
HUGE = "1" + "0" * 400  # the number: far past what a float can hold


def promptly(call: Callable[[], Any], *fifos: Path, seconds: float = 5.0) -> Any:
    """`call()`'s result, failing the test if it takes longer than `seconds`.

    A reader blocked on a FIFO is freed (a writer opens and closes the pipe) so that a
    failing test does not leave a thread stuck for ever.
    """
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = call()
        except BaseException as error:  # handed to the test below
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in fifos:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"still blocked after {seconds} s (a FIFO or a device was opened)")
    if "error" in result:
        raise result["error"]
    return result["value"]


def two_saves(store: SaveStore) -> tuple[Any, Any]:
    """Two saves of one game: the first is then the backup of the second."""
    first = game_at(Phase.SHARE)
    second = play(first, 3)
    store.save(first, {"elapsed_seconds": 60.0})
    store.save(second, {"elapsed_seconds": 120.0})
    return first, second


def logged() -> str:
    path = all_paths()["log"]
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def ui_copy(tmp_path: Path) -> Path:
    path = tmp_path / "ui.yaml"
    shutil.copy(resources.text_dir("en") / "ui.yaml", path)
    return path


# ---------------------------------------------------------------- crashes at every start


@pytest.mark.parametrize("field", ["volume", "share_seconds", "respond_seconds"])
@pytest.mark.parametrize("sign", ["", "-"])
def test_a_huge_number_in_settings_sets_that_field_back(tmp_path, field, sign):
    path = tmp_path / "settings.json"
    path.write_text(f'{{"theme": "dark", "{field}": {sign}{HUGE}}}')
    assert load_settings(path) == (Settings(theme="dark"), SOME_RESET)


def test_settings_refuse_a_huge_number_in_code_with_a_value_error():
    with pytest.raises(ValueError):
        Settings(volume=int(HUGE))


@pytest.mark.parametrize(
    "text",
    ["[]", "null", '"x"', "1", "[{}]", '{"stamp": [], "texts": []}', '{"stamp": {}, "texts": 1}'],
)
def test_a_ui_text_cache_that_is_not_an_object_is_rebuilt(ui_copy, tmp_path, text):
    from game.content.ui_text import load_ui_text

    cache = tmp_path / "cache"
    expected = load_ui_text(path=ui_copy, cache_dir=cache).texts
    (cache / "ui-en.json").write_text(text, encoding="utf-8")
    assert load_ui_text(path=ui_copy, cache_dir=cache).texts == expected
    assert json.loads((cache / "ui-en.json").read_text(encoding="utf-8"))["texts"] == expected


# ---------------------------------------------------------------- hangs before the first frame


def _at(name: str) -> Path:
    return {
        "settings": all_paths()["settings"],
        "current": all_paths()["saves"] / "current.json",
        "backup": all_paths()["saves"] / "backup.json",
        "closeness": closeness_path(),
        "memory": memory_path(),
    }[name]


READERS: dict[str, tuple[Callable[[], Any], Any]] = {
    "settings": (load_settings, (Settings(), SETTINGS_UNREADABLE)),
    "current": (lambda: SaveStore().load(), LoadedSave(message=COULD_NOT_READ)),
    "backup": (lambda: SaveStore().load(), LoadedSave(message=COULD_NOT_READ)),
    "closeness": (load_history, (History(), CLOSENESS_UNREADABLE)),
    "memory": (load_memory, (Memory(), MEMORY_UNREADABLE)),
}


def plant(name: str, make: Callable[[Path], None]) -> Path:
    path = _at(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if name == "backup":  # the backup is read only when the current save is damaged
        path.with_name("current.json").write_bytes(b"{ damaged")
    make(path)
    return path


@POSIX
@pytest.mark.parametrize("name", sorted(READERS))
def test_a_fifo_is_refused_without_being_opened(name):
    fifo = plant(name, os.mkfifo)
    read, expected = READERS[name]
    assert promptly(read, fifo) == expected
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # looked at, never opened, never removed


@POSIX
@pytest.mark.parametrize("name", sorted(READERS))
def test_dev_zero_is_refused_without_being_read(name):
    plant(name, lambda path: path.symlink_to("/dev/zero"))
    read, expected = READERS[name]
    assert promptly(read) == expected
    assert "it is a device, not a file" in logged()


@POSIX
@pytest.mark.parametrize("make", [os.mkfifo, lambda path: path.symlink_to("/dev/zero")])
def test_a_ui_text_cache_that_is_a_fifo_or_a_device_is_rebuilt(ui_copy, tmp_path, make):
    from game.content.ui_text import load_ui_text

    cache = tmp_path / "cache"
    expected = load_ui_text(path=ui_copy, cache_dir=cache).texts
    target = cache / "ui-en.json"
    target.unlink()
    make(target)
    assert promptly(lambda: load_ui_text(path=ui_copy, cache_dir=cache), target).texts == expected
    assert target.is_file() and not target.is_symlink()  # rebuilt in its place


@POSIX
def test_a_new_game_saves_past_a_fifo_at_the_save():
    fifo = plant("current", os.mkfifo)
    state = game_at(Phase.SHARE)
    promptly(lambda: SaveStore().save(state), fifo)
    assert SaveStore().load() == LoadedSave(state, {}, None)
    assert stat.S_ISFIFO((fifo.parent / "current.unreadable.json").lstat().st_mode)


@POSIX
def test_a_log_that_is_a_fifo_is_not_written_and_never_blocks():
    log = all_paths()["log"]
    log.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(log)
    promptly(lambda: log_note("testing", "a note"), log)
    assert stat.S_ISFIFO(log.lstat().st_mode)


def test_a_file_far_too_large_is_refused_before_it_is_read(monkeypatch):
    path = all_paths()["settings"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as sparse:  # 8 GB on paper, nothing on disk
        sparse.truncate(8 << 30)
    assert promptly(load_settings) == (Settings(), SETTINGS_UNREADABLE)


# ---------------------------------------------------------------- dead ends


@POSIX
def test_dev_zero_as_the_save_with_a_good_backup_offers_the_backup():
    store = SaveStore()
    first, second = two_saves(store)
    store.current_path.unlink()
    store.current_path.symlink_to("/dev/zero")
    loaded = promptly(lambda: SaveStore().load())
    assert loaded == LoadedSave(first, {"elapsed_seconds": 60.0}, WENT_BACK_DAMAGED)
    later = play(first, 4, seed=5)
    promptly(lambda: SaveStore().save(later))  # the device is moved aside, never read
    assert SaveStore().load() == LoadedSave(later, {}, None)
    assert (store.folder / "current.unreadable.json").readlink() == Path("/dev/zero")


@pytest.fixture
def open_title() -> Iterator[Callable[[], Any]]:
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    def open_title() -> App:
        pygame.init()
        app = App(size=(800, 600), store=SaveStore(), settings=Settings())
        app.switch(TitleScene(app))
        app.step([], 1 / 60)
        return app

    yield open_title
    pygame.quit()


def press_enter(app: Any) -> None:
    for _ in range(120):
        if not app.input_held():
            break
        app.step([], 1 / 60)
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    app.step([enter], 1 / 60)
    for _ in range(3):
        app.step([], 1 / 60)


@POSIX
def test_dev_zero_as_the_save_continue_plays_the_backup(open_title):
    from game.ui.scenes.table import TableScene

    store = SaveStore()
    first, _ = two_saves(store)
    store.current_path.unlink()
    store.current_path.symlink_to("/dev/zero")
    app = open_title()  # (that it never reads the device is the test above)
    assert app.scene.message == WENT_BACK_DAMAGED
    assert app.scene.buttons.buttons[0].id == "continue"
    press_enter(app)
    assert isinstance(app.scene, TableScene)
    assert app.scene.session.state == first


@pytest.mark.parametrize(
    "elapsed", [int(HUGE), -int(HUGE), 1e300, -1e300, 10**20, -5, "an hour", None]
)
def test_a_huge_or_strange_elapsed_time_is_clamped(elapsed):
    state = game_at(Phase.SHARE)
    session = resume_session(LoadedSave(state, {"elapsed_seconds": elapsed}), None, False)
    assert 0.0 <= session.elapsed <= table_session.MAX_ELAPSED_SECONDS
    encode_save(session.state, session.table_part())  # it can be saved again


def test_a_sane_elapsed_time_is_kept():
    state = game_at(Phase.SHARE)
    session = resume_session(LoadedSave(state, {"elapsed_seconds": 754.5}), None, False)
    assert session.elapsed == 754.5


def test_the_clock_never_goes_back_before_the_level_began():
    state = attrs.evolve(game_at(Phase.DEAL), level_started_at=900.0)  # level 2 began at 15:00
    session = resume_session(LoadedSave(state, {"elapsed_seconds": 0.0}), None, False)
    assert session.elapsed == 900.0


def test_a_huge_elapsed_time_still_continues_and_ends_turns(open_title):
    from game.ui.scenes.table import TableScene

    store = SaveStore()
    state = game_at(Phase.AWARD)
    store.save(state, {"elapsed_seconds": int(HUGE)})
    app = open_title()
    press_enter(app)
    assert isinstance(app.scene, TableScene)
    session = app.scene.session
    assert any(isinstance(a, EndTurn) for a in legal_actions(session.state))
    dispatch(session, EndTurn(ANY, elapsed_seconds=round(session.elapsed, 1)))
    assert not session.save_failed
    assert SaveStore().load().state == session.state


def test_a_folder_at_the_backup_does_not_stop_saving():
    store = SaveStore()
    store.folder.mkdir(parents=True)
    store.backup_path.mkdir()
    (store.backup_path / "a file inside.txt").write_text("kept")
    state = game_at(Phase.SHARE)
    for step in range(4):
        state = play(state, 1, seed=step)
        store.save(state, {"n": step})
        assert SaveStore().load() == LoadedSave(state, {"n": step}, None)
    assert store.backup_path.is_file()
    kept = [p for p in store.folder.iterdir() if p.is_dir() and p.name != "games"]
    assert [p.name for p in kept] == ["backup.unreadable.json"]
    assert (kept[0] / "a file inside.txt").read_text() == "kept"  # moved aside, never deleted
    assert logged().count("backup.json") == 1  # said once


class FullDisk:
    """A disk with `free` bytes left: every file written takes its size; nothing is freed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, free: int) -> None:
        self.free = free
        self.real = store_saves.write_atomic
        monkeypatch.setattr(store_saves, "write_atomic", self.write)

    def write(self, path: Path, data: bytes) -> None:
        if len(data) > self.free:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        self.free -= len(data)
        self.real(path, data)


def test_the_backup_needs_no_room_on_a_nearly_full_disk(monkeypatch):
    store = SaveStore()
    first, second = two_saves(store)
    third = play(second, 2, seed=4)
    FullDisk(monkeypatch, free=len(encode_save(third, {})) + 100)
    store.save(third)  # room for the new save only: the backup must cost nothing
    assert SaveStore().load() == LoadedSave(third, {}, None)
    store.current_path.write_bytes(b"{ damaged")
    assert SaveStore().load().state == second  # and the backup is the save before


def test_a_full_disk_keeps_the_last_good_save_and_says_so_once(monkeypatch):
    store = SaveStore()
    session = Session(game_at(Phase.DEAL), store)
    session.save()
    last_good = session.state
    FullDisk(monkeypatch, free=0)
    for step in range(30):
        dispatch(session, play(session.state, 1, seed=step).log[-1])
        assert session.save_failed
    assert SaveStore().load() == LoadedSave(last_good, session_table(last_good), None)
    assert logged().count("in saving the game") == 1
    assert logged().count("No space left on device") == 1


def session_table(state: Any) -> dict[str, Any]:
    return Session(state, None).table_part()


def test_the_same_disk_failure_is_logged_once_but_each_new_one_is_logged():
    for _ in range(20):
        log_exception("saving the game", OSError(errno.ENOSPC, "No space left on device"))
    log_exception("saving the game", OSError(errno.EACCES, "Permission denied"))
    log_exception("saving settings", OSError(errno.ENOSPC, "No space left on device"))
    text = logged()
    assert text.count("No space left on device") == 2
    assert text.count("Permission denied") == 1


def test_bugs_are_still_logged_each_time():
    for _ in range(3):
        log_exception("the table scene", RuntimeError("a bug"))
    assert logged().count("RuntimeError: a bug") == 3


def test_a_second_unreadable_save_keeps_the_first_kept_copy():
    store = SaveStore()
    state = game_at(Phase.SHARE)
    store.save(state)
    store.current_path.write_bytes(b"the first unreadable save")
    SaveStore().save(play(state, 1))
    store.current_path.write_bytes(b"the second unreadable save")
    SaveStore().save(play(state, 2))
    first_kept = store.folder / "current.unreadable.json"
    assert first_kept.read_bytes() == b"the first unreadable save"
    kept = {p.read_bytes() for p in store.folder.glob("current.unreadable*.json")}
    assert kept == {b"the first unreadable save", b"the second unreadable save"}


def test_unreadable_saves_kept_aside_are_bounded():
    store = SaveStore()
    state = game_at(Phase.SHARE)
    store.save(state)
    for n in range(12):
        store.current_path.write_bytes(f"unreadable {n}".encode())
        state = play(state, 1, seed=n)
        SaveStore().save(state)
        assert SaveStore().load().state == state
    kept = sorted(store.folder.glob("current.unreadable*.json"))
    assert 2 <= len(kept) <= store_saves.MAX_KEPT_ASIDE
    assert (store.folder / "current.unreadable.json").read_bytes() == b"unreadable 0"


# ---------------------------------------------------------------- leftovers and permissions


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("settings.json", lambda: save_settings(Settings())),
        ("closeness.json", lambda: save_history(History())),
        ("memory.json", lambda: save_memory(Memory())),
    ],
)
def test_temp_files_left_by_a_kill_are_swept(name, write):
    home = data_dir()
    home.mkdir(parents=True, exist_ok=True)
    (home / f".{name}.k1ll3d.tmp").write_bytes(b"{half")
    (home / ".other.json.k1ll3d.tmp").write_bytes(b"not ours to sweep")
    write()
    assert sorted(p.name for p in home.iterdir()) == [".other.json.k1ll3d.tmp", name]


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    old = os.umask(0o022)
    os.umask(old)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(old)


@POSIX
@pytest.mark.parametrize("mask", [0o000, 0o002, 0o277], ids=["000", "002", "277"])
def test_folders_are_0700_and_files_0600_whatever_the_umask(umask, mask, tmp_path, monkeypatch):
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("INKIND_HOME", str(home))
    umask(mask)
    store = SaveStore()
    state = game_at(Phase.SHARE)
    store.save(state)
    store.save(play(state, 1))
    save_settings(Settings())
    log_note("testing", "a note")
    cache = cache_dir()
    save_history(History().with_evening("Ana", Evening("2025-03-01T21:30", 3, 5)))
    save_memory(Memory().changed(["Ana", "Ben"], "closer", DeckMemory()))
    umask(0o022)
    modes = {
        path: stat.S_IMODE(path.stat().st_mode)
        for path in (home, store.folder, cache, *home.rglob("*"))
    }
    assert modes == {
        home: 0o700,
        store.folder: 0o700,
        cache: 0o700,
        store.current_path: 0o600,
        store.backup_path: 0o600,
        all_paths()["settings"]: 0o600,
        all_paths()["log"]: 0o600,
        closeness_path(): 0o600,
        memory_path(): 0o600,
        # save format 2: the game's setup and journal, beside the header
        store.folder / "games": 0o700,
        **{path: 0o600 for path in (store.folder / "games").iterdir()},
    }


@POSIX
def test_a_folder_made_before_is_left_as_it_is(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setenv("INKIND_HOME", str(home))
    save_settings(Settings())
    assert stat.S_IMODE(home.stat().st_mode) == 0o755  # the player's own folder: not ours


@POSIX
@pytest.mark.parametrize("target_exists", [True, False], ids=["to a file", "dangling"])
def test_the_log_refuses_a_planted_symlink(tmp_path, target_exists):
    victim = tmp_path / "victim.txt"
    if target_exists:
        victim.write_text("precious\n")
    log = all_paths()["log"]
    log.parent.mkdir(parents=True, exist_ok=True)
    log.symlink_to(victim)
    log_note("testing", "a note")
    log_exception("testing", ValueError("an error"))
    if target_exists:
        assert victim.read_text() == "precious\n"
    else:
        assert not victim.exists()
    assert log.is_symlink()


@POSIX
def test_the_log_does_not_rotate_through_a_symlink(tmp_path, monkeypatch):
    monkeypatch.setattr(store_log, "MAX_BYTES", 100)
    victim = tmp_path / "victim.txt"
    victim.write_text("x" * 1000)
    log = all_paths()["log"]
    log.parent.mkdir(parents=True, exist_ok=True)
    log.symlink_to(victim)
    log_note("testing", "a note")
    assert victim.read_text() == "x" * 1000
    assert not log.with_name("inkind.log.1").exists()


# ---------------------------------------------------------------- the real process


def _run_game(home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INKIND_HOME": str(home),
        "INKIND_EXIT_AFTER_FIRST_FRAME": "1",
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    }

    def bounded() -> None:  # a regression must not eat the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    with subprocess.Popen(
        [sys.executable, "-m", "game"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=bounded,
    ) as process:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()  # SIGKILL: a FIFO open ignores SIGTERM
            out, err = process.communicate()
            pytest.fail(f"no first frame within 60 s:\n{err[-2000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _good_save_and_zero(home: Path) -> None:
    saves = home / "saves"
    saves.mkdir(parents=True)
    state = play(new_game(new_setup()), 6)
    (saves / "backup.json").write_bytes(encode_save(state, {}))
    (saves / "current.json").symlink_to("/dev/zero")


def _file(relative: str, text: str) -> Callable[[Path], None]:
    def make(home: Path) -> None:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).write_text(text)

    return make


def _fifo(relative: str) -> Callable[[Path], None]:
    def make(home: Path) -> None:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(home / relative)

    return make


def _zero(relative: str) -> Callable[[Path], None]:
    def make(home: Path) -> None:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).symlink_to("/dev/zero")

    return make


# Each attack, and a phrase the log must then hold ("" when nothing is worth a line).
REAL_ATTACKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "huge volume in settings": (_file("settings.json", f'{{"volume": {HUGE}}}'), "volume"),
    "cache holds []": (_file("cache/ui-en.json", "[]"), ""),
    "cache holds null": (_file("cache/ui-en.json", "null"), ""),
    'cache holds "x"': (_file("cache/ui-en.json", '"x"'), ""),
    "FIFO at saves/current.json": (_fifo("saves/current.json"), "pipe (FIFO)"),
    "FIFO at settings.json": (_fifo("settings.json"), "pipe (FIFO)"),
    "FIFO at cache/ui-en.json": (_fifo("cache/ui-en.json"), ""),
    "/dev/zero as settings.json": (_zero("settings.json"), "device"),
    "/dev/zero as the save, good backup": (_good_save_and_zero, "device"),
    "folder at settings.json": (
        lambda home: (home / "settings.json").mkdir(parents=True),
        "folder",
    ),
}


@POSIX
@pytest.mark.parametrize("attack", sorted(REAL_ATTACKS))
def test_the_real_game_reaches_its_first_frame(tmp_path, attack):
    home = tmp_path / "home"
    home.mkdir()
    make, phrase = REAL_ATTACKS[attack]
    make(home)
    ran = _run_game(home)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "first frame drawn" in ran.stdout
    assert "Traceback" not in ran.stderr
    log = home / "inkind.log"
    if phrase:
        assert phrase in log.read_text(encoding="utf-8")
