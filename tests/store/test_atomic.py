"""write_atomic: the old file or the new one, never half of either."""

from __future__ import annotations

import os

import pytest

from game.store import atomic
from game.store.atomic import remove_stale_temps, write_atomic


def test_writes_new_file_and_creates_folders(tmp_path):
    target = tmp_path / "a" / "b" / "file.json"
    write_atomic(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert os.listdir(target.parent) == ["file.json"]


def test_replaces_existing_contents(tmp_path):
    target = tmp_path / "file.json"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_crash_between_temp_write_and_replace_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    write_atomic(target, b"old and good")

    def power_cut(src, dst):
        raise OSError("power cut")

    monkeypatch.setattr(atomic.os, "replace", power_cut)
    with pytest.raises(OSError, match="power cut"):
        write_atomic(target, b"new but never finished")
    assert target.read_bytes() == b"old and good"
    assert os.listdir(tmp_path) == ["file.json"]  # the temporary file was cleaned up


def test_interrupt_during_fsync_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    write_atomic(target, b"old")

    def interrupted(handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.json"]


def test_stale_temp_files_from_a_killed_process_are_removed(tmp_path):
    (tmp_path / "current.json").write_bytes(b"keep")
    (tmp_path / ".current.json.abc123.tmp").write_bytes(b"half")
    (tmp_path / ".backup.json.xyz.tmp").write_bytes(b"other")
    remove_stale_temps(tmp_path, "current.json")
    assert sorted(os.listdir(tmp_path)) == [".backup.json.xyz.tmp", "current.json"]
