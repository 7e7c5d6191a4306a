"""The loop's idle time gets the screens ready (game/ui/warmup.py), and never at a cost.

Counted, not timed: the fonts a first opening has to load, the words How to play has to
measure, the modules a screen has to import. Timings are the benchmark's job
(`screen_open_ms_p99_1080`, docs/performance.md).
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.core.cards import Mode
from game.store.settings import Settings
from game.table.samples import sample_game
from game.table.session import Session
from game.ui import warmup
from game.ui.app import App, wait_for_events
from game.ui.scenes.registry import SCENES, scene_class
from game.ui.scenes.title import TitleScene
from tests.child import headless_child

ROOT = Path(__file__).resolve().parents[2]
FULL_HD = (1920, 1080)


def key() -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0)


@pytest.fixture
def new_app():
    def make(size=FULL_HD) -> App:
        pygame.init()
        app = App(size=size, store=None, settings=Settings(), save_settings_file=False)
        app.switch(TitleScene(app))
        app.pump()
        return app

    yield make
    pygame.quit()


@pytest.fixture(scope="module")
def twelve():
    from game.content.sources import load_catalog

    names = ("Ana", "Ben", "Chloé", "Dmitri", "Eli", "Fay", "Gil", "Hana", "Ivo", "Jun", "Kai")
    sample = sample_game(load_catalog(), Mode.CIRCLE, names=names, seeds=1)
    assert sample is not None and sample.share is not None and sample.award is not None
    return sample


def fonts_loaded_opening(app: App, scene) -> int:
    """How many font sizes the text had to load to open `scene` and draw its first frame."""
    before = app.text.stats()["fonts"]
    app.switch(scene)
    app.pump()
    return app.text.stats()["fonts"] - before


# ------------------------------------------------------------ in the loop's idle time


def test_the_loop_prepares_after_the_first_frame_while_nothing_waits(new_app):
    """The real loop: the first frame is drawn before any job, then every job runs in the
    idle time (a QUIT is posted once none is left), and none of them fails."""
    app = new_app((1280, 720))
    app.frame_times.clear()
    real = app.warmup.run_one
    frames_at_each_job: list[int] = []

    def run_one() -> bool:
        ran = real()
        if ran:
            frames_at_each_job.append(len(app.frame_times))
        elif not pygame.event.peek(pygame.QUIT):
            pygame.event.post(pygame.event.Event(pygame.QUIT))  # all ready: end the test
        return ran

    app.warmup.run_one = run_one  # type: ignore[method-assign]
    app.loop()
    assert frames_at_each_job and frames_at_each_job[0] >= 1  # the first frame came first
    assert app.warmup.pending() == 0
    assert len(app.warmup.done) == len(frames_at_each_job)
    assert app.warmup.failed == []  # every module named exists, every job works
    for path in SCENES.values():
        assert f"import {path.split(':')[0]}" in app.warmup.done


def test_a_waiting_event_comes_before_any_preparation():
    pygame.init()
    try:
        pygame.display.set_mode((320, 240))
        pygame.event.clear()
        jobs: list[int] = []

        def job() -> bool:
            jobs.append(1)
            return True

        pygame.event.post(key())
        events = wait_for_events(5.0, idle=job)
        assert [e.type for e in events] == [pygame.KEYDOWN] and jobs == []

        def job_then_a_key() -> bool:  # a key pressed while a job runs
            jobs.append(1)
            pygame.event.post(key())
            return True

        events = wait_for_events(5.0, idle=job_then_a_key)
        assert [e.type for e in events] == [pygame.KEYDOWN] and len(jobs) == 1
    finally:
        pygame.quit()


def test_with_nothing_to_prepare_the_loop_sleeps_as_before():
    pygame.init()
    try:
        pygame.display.set_mode((320, 240))
        pygame.event.clear()
        asked: list[int] = []

        def nothing() -> bool:
            asked.append(1)
            return False

        assert wait_for_events(0.05, idle=nothing) == []
        assert 1 <= len(asked) <= 6  # once per look, sixty looks a second: no busy loop
    finally:
        pygame.quit()


# ------------------------------------------------------------ what it saves a first opening


def test_prepared_the_table_opens_with_the_fonts_it_needs_loaded(new_app, twelve):
    """Without preparation the table's first frames load a dozen font sizes (1-2.5 ms
    each); after it, next to none."""
    table = scene_class("table")
    states = (twelve.start, twelve.share, twelve.award)
    cold_app = new_app()
    cold = sum(fonts_loaded_opening(cold_app, table(cold_app, Session(s, None))) for s in states)
    app = new_app()
    app.warmup.run_for(120.0)
    assert app.warmup.pending() == 0
    prepared = sum(fonts_loaded_opening(app, table(app, Session(s, None))) for s in states)
    assert cold >= 8, cold
    assert prepared <= cold // 4, (prepared, cold)


def test_prepared_how_to_play_opens_with_its_pages_measured(new_app):
    """How to play pages all its text when it opens: some 800 words measured, unless the
    idle time laid it out already at this window's size."""
    cold_app = new_app()
    widths = cold_app.text.stats()["widths"]
    cold_app.switch(scene_class("how_to_play")(cold_app))
    cold_app.pump()
    cold = cold_app.text.stats()["widths"] - widths
    app = new_app()
    app.warmup.run_for(120.0)
    widths = app.text.stats()["widths"]
    app.switch(scene_class("how_to_play")(app))
    app.pump()
    prepared = app.text.stats()["widths"] - widths
    assert cold >= 300, cold
    assert prepared <= cold // 10, (prepared, cold)


def test_a_resize_prepares_the_new_size_once_it_settles(new_app, monkeypatch):
    from game.ui.scenes.table import frames

    app = new_app((1280, 720))
    app.warmup.run_for(120.0)
    assert app.warmup.pending() == 0
    small = app.look.theme.small
    pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    app.resized()
    assert app.look.theme.small != small
    assert app.warmup.pending() > 0
    assert not app.warmup.run_one()  # the window may still be moving: nothing yet
    monkeypatch.setattr(app.warmup, "_not_before", 0.0)  # as if it kept its size a while
    fonts = app.text.stats()["fonts"]
    app.warmup.run_for(120.0)
    assert app.warmup.pending() == 0 and app.warmup.failed == []
    assert app.text.stats()["fonts"] > fonts  # the new theme's sizes
    assert frames._SHARED["surface"].get_size() == (1600, 900)
    assert not any(name.startswith("import") for name in app.warmup.done[-5:])  # once only


def test_a_failing_job_is_logged_and_the_rest_still_run(new_app, monkeypatch):
    monkeypatch.setattr(warmup, "SHARED_MODULES", ("game.no_such_module", "json"))
    app = new_app((800, 600))
    app.warmup.run_for(120.0)
    assert app.warmup.failed == ["import game.no_such_module"]
    assert app.warmup.pending() == 0 and "import json" in app.warmup.done


# ------------------------------------------------------------ a fresh process

PREPARED = """
import json, sys
import pygame
from game.store.settings import Settings
from game.ui.app import App
pygame.init()
app = App(size=(1024, 768), store=None, settings=Settings(), save_settings_file=False)
app.reset("title")
app.pump()
watched = ["game.core.engine", "game.ui.scenes.table", "game.ui.scenes.how_to_play"]
before = [name for name in watched if name in sys.modules]
app.warmup.run_for(120.0)
after = [name for name in watched if name in sys.modules]
from game.ui.scenes.table import frames
print(json.dumps({
    "before": before,
    "after": after,
    "surface": list(frames._SHARED["surface"].get_size()),
}))
"""


def test_in_a_new_process_the_code_and_the_tables_surface_are_made_ready(tmp_path):
    _, report = headless_child(PREPARED, tmp_path)
    assert report["before"] == []  # the title needs none of them
    assert report["after"] == [
        "game.core.engine",
        "game.ui.scenes.table",
        "game.ui.scenes.how_to_play",
    ]
    assert report["surface"] == [1024, 768]  # made at the window's size, before any table
