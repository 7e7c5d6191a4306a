"""The benchmark's "evening" part: costs that must stay flat however long the evening runs.

Run by `python -m game.bench` (or `--only evening`); see docs/performance.md. Each figure
has the target issue 15 set; a figure over its target is reported, never an error.

- `save_ms_p99_2k_actions`: one autosave of a game 2,000 actions long (the session's own
  save, atomic write included), p99 over the runs.
- `resume_ms_100k_actions`: reading a save 100,000 actions long and opening its session, as
  Continue does (a save the store refuses is timed too, and said in a note).
- `screen_open_ms_p99_1080`: opening each screen (its layout and first frame) at 1920x1080,
  twelve players at the table, p99 over every opening.
- `frame_p99_ms_4k`: the card flip and the twelve players' marks at 3840x2160, the worse p99.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.bench import Config, Results

TWELVE = ("Ana", "Ben", "Chloé", "Dmitri", "Eli", "Fay", "Gil", "Hana", "Ivo", "Jun", "Kai", "Lea")


def long_game(actions: int):
    """A real pair game, then marks given and taken back until it holds `actions` actions."""
    from game.content.sources import load_catalog
    from game.core import engine
    from game.core.actions import Award, Draw, FinishResponding, FinishSharing, TakeBack
    from game.core.cards import Mode
    from game.core.rules import AwardKind
    from game.core.state import Player, Setup

    deck = next(d for d in load_catalog().playable(Mode.PAIR))
    setup = Setup(deck, _rules(deck), (Player("Ana"), Player("Ben")), Mode.PAIR, seed=1)
    state = engine.new_game(setup)
    for action in (Draw(), FinishSharing(), FinishResponding()):
        state = engine.apply(state, action)
    give = Award(state.speaker, state.listeners[0], AwardKind.DEEPENING_QUESTION)
    take = TakeBack(state.listeners[0], AwardKind.DEEPENING_QUESTION)
    while len(state.log) < actions:
        state = engine.apply(state, give if len(state.log) % 2 else take)
    return state


def _rules(deck):
    from game.content.sources import load_catalog
    from game.core.rules import Rules

    return load_catalog().presets.get(deck.preset) or Rules()


def measure_saves(config: Config, work: Path, results: Results) -> None:
    from game.bench import percentile
    from game.store.saves import SaveStore
    from game.table.session import Session

    session = Session(long_game(2_000), SaveStore(work / "saves-2k"))
    session.save()  # the first save also sweeps the folder
    times = []
    for _ in range(max(5, config.deck_runs * 10)):
        started = time.perf_counter()
        session.save()
        times.append((time.perf_counter() - started) * 1000)
    results.add(
        "save_ms_p99_2k_actions",
        "one autosave, 2,000 actions (p99)",
        "ms",
        [percentile(times, 99)],
        5.0,
        "< 5 ms",
    )

    store = SaveStore(work / "saves-100k")
    store.save(long_game(100_000), {})
    runs = []
    refused = None
    for _ in range(max(1, config.deck_runs // 2)):
        started = time.perf_counter()
        loaded = store.load()
        if loaded.state is not None:
            from game.table.session import resume_session

            resume_session(loaded, store, remember_cards=False)
        else:
            refused = loaded.message
        runs.append((time.perf_counter() - started) * 1000)
    results.add(
        "resume_ms_100k_actions",
        "Continue a game of 100,000 actions",
        "ms",
        runs,
        1000.0,
        "< 1000 ms",
    )
    if refused:
        results.notes.append(f"the 100,000-action save was refused on resume: {refused}")


def measure_openings(config: Config, work: Path, results: Results) -> None:
    import pygame

    from game.bench import _time_scene, percentile
    from game.content.ui_text import load_ui_text
    from game.core.cards import Mode
    from game.store.settings import Settings
    from game.table.session import Session
    from game.ui.app import App
    from game.ui.samples import sample_game
    from game.ui.scenes.registry import scene_class

    pygame.init()
    try:
        app = App(
            size=(1920, 1080),
            store=None,
            settings=Settings(),
            save_settings_file=False,
            ui_text=load_ui_text(),
        )
        twelve = sample_game(app.catalog(), Mode.CIRCLE, names=TWELVE, seeds=40)
        if twelve is None:
            results.notes.append("no circle deck: the openings were not measured")
            return
        table = scene_class("table")

        def at_table(state):
            return lambda: table(app, Session(state, None, elapsed=754.0))

        openings = [
            ("title", lambda: scene_class("title")(app)),
            ("new game", lambda: scene_class("new_game")(app)),
            ("table: deal", at_table(twelve.start)),
            ("table: share", at_table(twelve.share)),
            ("table: respond", at_table(twelve.respond)),
            ("table: marks, 12 players", at_table(twelve.award)),
            ("summary, 12 players", lambda: scene_class("summary")(app, twelve.finished)),
            ("how to play", lambda: scene_class("how_to_play")(app)),
            ("settings", lambda: scene_class("settings")(app)),
        ]
        if twelve.wild_award is not None:
            openings.append(("table: marks under a wild card", at_table(twelve.wild_award)))
        times: list[float] = []
        worst: dict[str, float] = {}
        for _ in range(20 if config.label == "full" else 5):
            for name, make in openings:
                started = time.perf_counter()
                app.switch(make())
                app.step((), 1 / 60)  # its layout and first frame, as the loop opens it
                measured = (time.perf_counter() - started) * 1000
                times.append(measured)
                worst[name] = max(worst.get(name, 0.0), measured)
        slowest = max(worst, key=lambda name: worst[name])
        results.add(
            "screen_open_ms_p99_1080",
            f"open a screen at 1920x1080, p99 (slowest: {slowest})",
            "ms",
            [percentile(times, 99)],
            16.0,
            "< 16 ms",
        )

        app4k = App(
            size=(3840, 2160),
            store=None,
            settings=Settings(),
            save_settings_file=False,
            ui_text=load_ui_text(),
        )
        frames = max(30, config.frames // 2)

        def flipping(scene) -> None:
            if scene.flip >= 1.0:
                scene.flip = 0.0

        def flip_table():
            scene = table(app4k, Session(twelve.share, None, elapsed=754.0))
            scene.flip = 0.0
            return scene

        worst_p99 = {}
        for name, make, prepare in (
            ("card flipping", flip_table, flipping),
            ("marks, 12 players", lambda: table(app4k, Session(twelve.award, None)), None),
        ):
            runs = [_time_scene(app4k, name, make, prepare, frames) for _ in range(2)]
            worst_p99[name] = statistics.median(r.p99 for r in runs)
        slowest = max(worst_p99, key=lambda name: worst_p99[name])
        results.add(
            "frame_p99_ms_4k",
            f"frame p99 at 3840x2160 (worse: {slowest})",
            "ms",
            [worst_p99[slowest]],
            8.0,
            "< 8 ms",
        )
    finally:
        pygame.quit()


def measure_evening(config: Config, work: Path, results: Results) -> None:
    measure_saves(config, work, results)
    measure_openings(config, work, results)
