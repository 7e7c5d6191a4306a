"""Reading a file the game depends on never hangs, never fills memory, and says why not."""

from __future__ import annotations

import os

import pytest

from game.store.safe_read import Unreadable, read_regular


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"sound": true}')
    assert read_regular(path, 100) == b'{"sound": true}'


def test_nothing_there_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing.json", 100)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: os.mkfifo(p), "it is a pipe (FIFO), not a file"),
        (lambda p: p.mkdir(), "it is a folder, not a file"),
        (lambda p: os.symlink("/dev/zero", p), "it is a device, not a file"),
        (lambda p: p.write_bytes(b"x" * 101), "it is 101 bytes, more than the 100 allowed"),
    ],
    ids=["fifo", "folder", "device", "too big"],
)
def test_what_is_not_a_small_regular_file_is_refused_with_its_reason(tmp_path, make, reason):
    path = tmp_path / "current.json"
    make(path)
    with pytest.raises(Unreadable) as refused:
        read_regular(path, 100)  # a FIFO would block here forever if it were opened
    assert refused.value.reason == reason


def test_a_symlink_loop_is_refused(tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    with pytest.raises(Unreadable) as refused:
        read_regular(tmp_path / "a", 100)
    assert refused.value.reason == "it is a symlink loop"
