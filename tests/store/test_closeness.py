"""The closeness history: kept by name, atomic, validated; a bad file is empty plus a sentence."""

from __future__ import annotations

import datetime
import io
import json

import pytest

from game.content.cli_words import say
from game.store import closeness
from game.store.closeness import (
    NEWER,
    SOME_DROPPED,
    UNREADABLE,
    Evening,
    History,
    keep_evenings,
    load_history,
    save_history,
)
from game.store.paths import closeness_path
from game.store.reset import run_reset

MARCH = datetime.datetime(2025, 3, 1, 21, 30)


def test_no_file_is_an_empty_history_quietly():
    assert load_history() == (History(), None)


def test_round_trip_by_name_ignoring_case_and_spaces():
    history = History().with_evening("Ana", Evening.tonight(3, 5, MARCH))
    history = history.with_evening("Zoë", Evening.tonight(2, 2, MARCH))
    save_history(history)
    loaded, message = load_history()
    assert message is None
    assert loaded == history
    assert loaded.of(" ana ") == (Evening("2025-03-01T21:30", 3, 5),)
    assert loaded.of("ZOË")[0].after == 2
    assert loaded.of("Ben") == ()
    assert closeness_path().is_file()


def test_keep_evenings_adds_to_what_is_there():
    keep_evenings({"Ana": Evening.tonight(3, 5, MARCH)})
    later = MARCH + datetime.timedelta(days=7)
    history, message = keep_evenings(
        {"ana": Evening.tonight(4, 6, later), "Ben": Evening.tonight(1, 2, later)}
    )
    assert message is None
    assert [e.after for e in history.of("Ana")] == [5, 6]
    assert load_history()[0] == history
    assert history.of("Ana")[1].date == later.date()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"closeness": 1}',
        b'{"closeness": "1", "players": {}}',
        b'{"closeness": 0, "players": {}}',
        b'{"closeness": 1, "players": []}',
        b"\xff\xfe",
        b'{"closeness": NaN, "players": {}}',
        b"[" * 10000,
    ],
)
def test_a_damaged_file_gives_an_empty_history_and_a_sentence(content):
    path = closeness_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert load_history() == (History(), UNREADABLE)


def test_a_file_too_large_is_not_read(monkeypatch):
    monkeypatch.setattr(closeness, "MAX_BYTES", 10)
    save_history(History().with_evening("Ana", Evening.tonight(3, 5, MARCH)))
    assert load_history() == (History(), UNREADABLE)


def test_bad_entries_are_left_out_and_said():
    document = {
        "closeness": 1,
        "players": {
            "Ana": [
                {"when": "2025-03-01T21:30", "before": 3, "after": 5},
                {"when": "2025-03-08T21:30", "before": 8, "after": 5},
                {"when": "2025-03-09T21:30", "before": True, "after": 5},
                {"when": "yesterday", "before": 3, "after": 5},
                {"when": "2025-03-10T21:30", "before": 3, "after": 5, "extra": 1},
                {"when": "2025-03-11T21:30", "before": 3.0, "after": 5},
                "three",
            ],
            "ANA": [{"when": "2025-03-01T21:30", "before": 1, "after": 1}],
            "": [],
            "Ben": "nope",
        },
    }
    closeness_path().parent.mkdir(parents=True, exist_ok=True)
    closeness_path().write_text(json.dumps(document), encoding="utf-8")
    history, message = load_history()
    assert message == SOME_DROPPED
    assert history.names() == ("Ana",)
    assert history.of("Ana") == (Evening("2025-03-01T21:30", 3, 5),)


def test_a_newer_format_is_neither_shown_nor_overwritten():
    path = closeness_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"closeness": 2, "players": {}}', encoding="utf-8")
    assert load_history() == (History(), NEWER)
    history, message = keep_evenings({"Ana": Evening.tonight(3, 5, MARCH)})
    assert message == NEWER
    assert path.read_text(encoding="utf-8") == '{"closeness": 2, "players": {}}'


def test_keep_evenings_replaces_a_damaged_file_with_tonight():
    path = closeness_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    history, message = keep_evenings({"Ana": Evening.tonight(3, 5, MARCH)})
    assert message == UNREADABLE
    assert load_history() == (history, None)


def test_a_disk_error_is_one_sentence(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(closeness, "write_atomic", refuse)
    history, message = keep_evenings({"Ana": Evening.tonight(3, 5, MARCH)})
    assert message and "could not be kept" in message
    assert not closeness_path().exists()
    assert history.of("Ana")


def test_answers_must_be_on_the_scale():
    with pytest.raises(ValueError):
        Evening("2025-03-01T21:30", 0, 5)
    with pytest.raises(ValueError):
        Evening("2025-03-01T21:30", 3, 8)
    with pytest.raises(ValueError):
        Evening("March", 3, 5)


def test_old_evenings_make_way(monkeypatch):
    monkeypatch.setattr(closeness, "MAX_EVENINGS", 3)
    history = History()
    for day in range(5):
        history = history.with_evening("Ana", Evening.tonight(1 + day, 7, MARCH))
    assert [e.before for e in history.of("Ana")] == [3, 4, 5]


def test_the_file_is_written_atomically_and_readable_json():
    save_history(History().with_evening("Фатима", Evening.tonight(6, 7, MARCH)))
    raw = json.loads(closeness_path().read_text(encoding="utf-8"))
    assert raw == {
        "closeness": 1,
        "players": {"Фатима": [{"when": "2025-03-01T21:30", "before": 6, "after": 7}]},
    }
    assert not list(closeness_path().parent.glob(".closeness.json.*"))


def test_reset_removes_the_history():
    save_history(History().with_evening("Ana", Evening.tonight(3, 5, MARCH)))
    out = io.StringIO()
    assert run_reset(assume_yes=True, stdin=None, out=out, say=say) == 0
    assert not closeness_path().exists()
    assert str(closeness_path()) in out.getvalue()
