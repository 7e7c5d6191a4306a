"""Issue 23: the title offers Continue only when it will work, never again after it failed,
and a game continued from a damaged save says what the damage cost in one sentence."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.core import engine
from game.core.actions import Draw, EndTurn, FinishResponding, FinishSharing
from game.store import savefile2
from game.store.game_files import journal_paths, setup_paths
from game.store.saves import COULD_NOT_READ, SaveStore
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from tests.core.factory import make_setup
from tests.moves import ANY, apply

from .test_title_tells_of_a_damaged_save import press


@pytest.fixture
def open_title():
    def open_title() -> App:
        pygame.init()
        app = App(size=(800, 600), store=SaveStore(), settings=Settings())
        app.switch(TitleScene(app))
        app.step([], 1 / 60)
        return app

    yield open_title
    pygame.quit()


def saved_game(turns: int = 3) -> tuple[SaveStore, str, int]:
    store = SaveStore()
    state = engine.new_game(make_setup(2))
    store.save(state)
    for turn in range(turns):
        for action in (
            Draw(ANY),
            FinishSharing(ANY),
            FinishResponding(ANY),
            EndTurn(ANY, 60.0 * (turn + 1)),
        ):
            state = apply(state, action)
            store.save(state, {"elapsed_seconds": 60.0 * (turn + 1)})
    name = savefile2.decode_header(store.current_path.read_bytes())["setup"]
    return store, name, len(state.log)


def offered(app: App) -> bool:
    return any(button.id == "continue" for button in app.scene.buttons.buttons)


def forge(path: Path, change: Callable[[dict[str, Any]], object]) -> str:
    """Edit a setup file and recompute its checksums, as an attacker would; its new name."""
    document = json.loads(path.read_bytes())
    change(document["game"]["setup"])
    digest = hashlib.sha256(savefile2._canonical(document["game"])).hexdigest()
    document["sha256"] = digest
    path.write_bytes(savefile2._canonical(document) + b"\n")
    return digest[:32]


def test_a_journal_damaged_in_both_copies_continues_and_says_how_many_steps_were_lost(
    open_title,
):
    store, name, actions = saved_game()
    for journal in journal_paths(store.folder, name):
        lines = journal.read_bytes().split(b"\n")
        lines[actions - 3] = b"00000000 {}"  # the third action from the end
        journal.write_bytes(b"\n".join(lines))
    app = open_title()
    assert offered(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, TableScene)
    assert app.scene.session.state.log == store.load().state.log
    assert len(app.scene.session.state.log) == actions - 3
    assert app.scene.notice == (
        "Part of the save was damaged: the game goes on from just before it, and 3 steps were lost."
    )


def test_a_damaged_setup_is_not_offered_and_the_title_says_why(open_title):
    store, name, _ = saved_game()
    for path in setup_paths(store.folder, name):
        path.write_bytes(path.read_bytes().replace(b'"Ana"', b'"Anb"'))
    app = open_title()
    assert not offered(app)
    assert app.scene.message == COULD_NOT_READ


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: s["rules"].update(share_seconds=10**30), "share_seconds is 10"),
        (lambda s: s["rules"].update(goal=-1), "goal is -1"),
        (lambda s: s["rules"].update(respond_seconds=-5), "respond_seconds is -5"),
        (lambda s: s["deck"]["cards"][0].update(level=0), "is at level 0"),
    ],
    ids=["huge timer", "negative goal", "negative timer", "level 0"],
)
def test_a_forged_setup_fails_continue_once_then_continue_is_gone(open_title, change, reason):
    store, name, _ = saved_game()
    for path in setup_paths(store.folder, name):
        new_name = forge(path, change)
    assert new_name != name
    header = savefile2.decode_header(store.current_path.read_bytes())
    header["setup"] = new_name
    for path in setup_paths(store.folder, name):
        path.rename(path.with_name(path.name.replace(name, new_name)))
    for path in journal_paths(store.folder, name):
        path.rename(path.with_name(path.name.replace(name, new_name)))
    store.current_path.write_bytes(savefile2.encode_header(header))
    store.backup_path.unlink()

    app = open_title()
    assert offered(app)  # the checksums match: only reading it all tells
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, TitleScene)
    assert app.scene.message == COULD_NOT_READ
    assert not offered(app)
    app.scene.enter()  # back on the title: still not offered, nothing said again
    assert not offered(app)
    from game.store.paths import all_paths

    assert reason in all_paths()["log"].read_text()
    # Next start: the title reads it whole (the header cannot vouch for a setup it
    # refused) and says so once; Continue is not offered.
    pygame.quit()
    again = open_title()
    assert not offered(again)
