"""`inkind --reset`: asks first, removes saves, settings and the closeness history, keeps decks."""

from __future__ import annotations

import io

import pytest

from game.cli import main
from game.content.cli_words import say
from game.core.state import Phase
from game.store.paths import all_paths, closeness_path
from game.store.reset import run_reset
from game.store.saves import SaveStore
from game.store.settings import Settings, save_settings

from .games import game_at

# What the question says in English (tests speak English: tests/conftest.py).
QUESTION = (
    "Remove saved games, settings, the closeness history and the cards each group has played? "
    "[y/N] "
)


@pytest.fixture
def user_files():
    paths = all_paths()
    SaveStore().save(game_at(Phase.SHARE))
    save_settings(Settings(theme="dark"))
    closeness_path().write_text("{}")
    paths["decks"].mkdir()
    (paths["decks"] / "mine.yaml").write_text("id: mine\n")
    paths["log"].write_text("an old entry\n")
    return paths


def assert_all_there(paths):
    assert (paths["saves"] / "current.json").is_file()
    assert paths["settings"].is_file()
    assert closeness_path().is_file()


def assert_removed_but_decks_and_log_kept(paths):
    assert not paths["saves"].exists()
    assert not paths["settings"].exists()
    assert not closeness_path().exists()
    assert (paths["decks"] / "mine.yaml").is_file()
    assert paths["log"].is_file()


@pytest.mark.parametrize("answer", ["y\n", "yes\n", "  Y \n", "YES"])
def test_yes_removes(user_files, answer):
    out = io.StringIO()
    assert run_reset(False, io.StringIO(answer), out, say=say) == 0
    assert_removed_but_decks_and_log_kept(user_files)
    text = out.getvalue()
    assert QUESTION in text
    for path in (user_files["saves"], user_files["settings"], closeness_path()):
        assert f"Removed {path}" in text


@pytest.mark.parametrize("answer", ["n\n", "\n", "no\n", "maybe\n", "yess\n"])
def test_anything_but_yes_keeps_everything(user_files, answer):
    out = io.StringIO()
    assert run_reset(False, io.StringIO(answer), out, say=say) == 0
    assert_all_there(user_files)
    assert "Nothing was removed." in out.getvalue()
    assert "Removed" not in out.getvalue()


@pytest.mark.parametrize("stdin", [io.StringIO(""), None], ids=["eof", "none"])
def test_no_answer_to_read_keeps_everything_and_says_so(user_files, stdin):
    out = io.StringIO()
    assert run_reset(False, stdin, out, say=say) == 1
    assert_all_there(user_files)
    assert "nothing was removed" in out.getvalue()
    assert "--yes" in out.getvalue()


def test_closed_stdin_counts_as_no_answer(user_files):
    stdin = io.StringIO("y\n")
    stdin.close()
    assert run_reset(False, stdin, io.StringIO(), say=say) == 1
    assert_all_there(user_files)


def test_assume_yes_does_not_ask(user_files):
    out = io.StringIO()
    assert run_reset(True, None, out, say=say) == 0
    assert QUESTION not in out.getvalue()
    assert_removed_but_decks_and_log_kept(user_files)


def test_nothing_to_remove():
    out = io.StringIO()
    assert run_reset(False, io.StringIO(""), out, say=say) == 0
    assert "Nothing to remove" in out.getvalue()


def test_closeness_history_alone_is_removed():
    closeness_path().parent.mkdir(parents=True, exist_ok=True)
    closeness_path().write_text("[]")
    assert run_reset(True, None, io.StringIO(), say=say) == 0
    assert not closeness_path().exists()


def test_the_command_line(user_files, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--reset"]) == 1
    assert_all_there(user_files)
    assert main(["--reset", "--yes"]) == 0
    assert_removed_but_decks_and_log_kept(user_files)
    assert "Removed" in capsys.readouterr().out
