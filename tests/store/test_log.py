"""The log file: tracebacks with a time and a place, capped in size, never a crash of its own."""

from __future__ import annotations

import re

from game.store import log
from game.store.log import log_exception, log_note
from game.store.paths import all_paths


def raise_and_catch() -> BaseException:
    try:
        {}["missing key"]
    except KeyError as error:
        return error
    raise AssertionError("unreachable")


def test_log_exception_appends_a_timestamped_traceback():
    path = log_exception("the table scene", raise_and_catch())
    assert path == all_paths()["log"]
    text = path.read_text()
    assert re.search(r"^--- \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d in the table scene ", text)
    assert "Traceback (most recent call last):" in text
    assert "in raise_and_catch" in text
    assert "KeyError: 'missing key'" in text


def test_entries_are_appended_not_replaced():
    log_exception("first place", raise_and_catch())
    log_exception("second place", ValueError("no traceback, never raised"))
    text = all_paths()["log"].read_text()
    assert text.index("first place") < text.index("second place")
    assert "ValueError: no traceback, never raised" in text


def test_notes_are_one_line():
    log_note("loading", "current.json was not used: empty")
    assert all_paths()["log"].read_text().endswith("current.json was not used: empty\n")


def test_the_log_is_capped_and_rotated(monkeypatch):
    monkeypatch.setattr(log, "MAX_BYTES", 2000)
    for n in range(20):
        log_note("filling", f"entry {n} " + "x" * 200)
    path = all_paths()["log"]
    old = path.with_name("inkind.log.1")
    assert path.stat().st_size <= 2000
    assert old.stat().st_size <= 2000
    assert "entry 19" in path.read_text()
    assert "entry 0 " not in path.read_text() + old.read_text()


def test_an_unwritable_log_never_raises(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("INKIND_HOME", str(blocked / "home"))
    path = log_exception("anywhere", raise_and_catch())
    assert path == blocked / "home" / "inkind.log"
    assert not path.exists()


def test_odd_text_in_an_error_is_written_safely():
    log_exception("names", ValueError("Chidi 日本 \udcff"))
    assert "Chidi 日本" in all_paths()["log"].read_text(encoding="utf-8", errors="replace")
