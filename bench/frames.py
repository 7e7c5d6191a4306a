"""Frame time of every screen at 1280x720 and 1920x1080, against blitting one cached frame."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    SIZES,
    BenchError,
    Config,
    FrameRun,
    FrameStats,
    Results,
    median,
    percentile,
)
from bench.games import sample


def measure_frames(config: Config, work: Path, results: Results) -> None:
    import pygame

    from game.content.ui_text import load_ui_text

    pygame.init()
    try:
        ui_text = load_ui_text()
        for size in SIZES:
            results.frames.extend(_frames_at(size, config, work, ui_text))
        results.add(
            "frame_p99_ms_speaking",
            f"frame p99 while the card is read aloud ({_speaking_voice_name()}) 1280x720",
            "ms",
            [_frames_while_speaking(config, work, ui_text) for _ in range(config.frame_runs)],
            16.7,
            "< 16.7 ms",
        )
    finally:
        pygame.quit()
    for size in SIZES:
        tables = [s for s in results.frames if s.size == size and s.scene.startswith("table")]
        worst = max(tables, key=lambda s: median(s.p99s))
        tag = str(size[1])
        floor = next(s for s in results.frames if s.size == size and s.scene == "floor")
        results.add(
            f"frame_p99_ms_{tag}",
            f"frame p99, worst table ({worst.scene}) {size[0]}x{size[1]}",
            "ms",
            worst.p99s,
            4.0 if tag == "1080" else None,
            "< 4 ms" if tag == "1080" else "",
        )
        results.add(
            f"frame_cpu_p99_ms_{tag}",
            f"  frame p99 of CPU time, {worst.scene}",
            "ms",
            worst.cpu_p99s,
        )
        results.add(f"frame_median_ms_{tag}", f"  frame median, {worst.scene}", "ms", worst.medians)
        results.add(
            f"frame_floor_ms_{tag}",
            "  floor: blit one cached frame, median",
            "ms",
            floor.medians,
        )


def _frames_at(size: tuple[int, int], config: Config, work: Path, ui_text) -> list[FrameStats]:
    from game.core.cards import Mode
    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.ui.app import App

    app = App(
        size=size,
        store=SaveStore(work / f"frames-{size[0]}x{size[1]}"),
        settings=Settings(),
        save_settings_file=False,
        ui_text=ui_text,
    )
    catalog = app.catalog()
    pair = sample(catalog, Mode.PAIR)
    circle = sample(catalog, Mode.CIRCLE, names=("Chloé", "Dmitri", "Eli", "Фатима", "Γιώργος"))
    scenes = _scenes(app, pair, circle)
    runs: dict[str, list[FrameRun]] = {name: [] for name, _, _ in scenes}
    for _ in range(config.frame_runs):
        for name, make, prepare in scenes:
            runs[name].append(time_scene(app, name, make, prepare, config.frames))
    return [
        FrameStats(name, size, tuple(measured), config.frames) for name, measured in runs.items()
    ]


SceneMaker = Callable[[], object]


def _scenes(app, pair, circle) -> list[tuple[str, SceneMaker, Callable[[object], None] | None]]:
    """(name, make the scene, prepare each frame) for every screen worth timing."""
    from game.table.session import Session
    from game.ui.scenes.level_change import LevelChangeScene
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.summary import SummaryScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    def table(state, **changes) -> SceneMaker:
        def make():
            scene = TableScene(app, Session(state, None, elapsed=754.0))
            for key, value in changes.items():
                setattr(scene, key, value)
            return scene

        return make

    def deck_page():
        scene = NewGameScene(app)
        app.switch(scene)
        scene.go_next()  # pushes the deck page
        return app.scene

    def flipping(scene) -> None:
        if scene.flip >= 1.0:
            scene.flip = 0.0  # the card turns over again: 60 fps for FLIP_SECONDS

    def fading(scene) -> None:
        if not scene.animating():
            scene.age = 0.0

    def level_change():
        state = pair.level_up or pair.start
        return LevelChangeScene(app, table(state)().session, min(2, len(state.deck.levels)))

    return [
        ("title", lambda: TitleScene(app), None),
        ("new game: players", lambda: NewGameScene(app), None),
        ("new game: deck", deck_page, None),
        ("table: deal", table(pair.start), None),
        ("table: card flipping", table(pair.share, flip=0.0), flipping),
        ("table: share, timer", table(pair.share), None),
        ("table: respond", table(pair.respond), None),
        ("table: respond, ideas", table(pair.respond, hints_open=True), None),
        ("table: award", table(pair.award), None),
        ("table: award, 5 players", table(circle.award), None),
        ("table: wild card", table(pair.wild or pair.share), None),
        ("level change: fading in", level_change, fading),
        ("summary", lambda: SummaryScene(app, pair.finished), None),
        ("floor", lambda: None, None),
    ]


def time_scene(app, name: str, make, prepare, frames: int) -> FrameRun:
    """`frames` steps of the app on one screen, each timed as the loop runs it."""
    import pygame

    step_dt = 1 / 60
    clock = time.perf_counter
    if name == "floor":
        app.draw()
        cached = app.screen.copy()

        def one_frame() -> None:
            app.screen.blit(cached, (0, 0))
            pygame.display.flip()

        started = clock()
        one_frame()
        first = clock() - started
    else:
        started = clock()
        scene = make()
        if app.scene is not scene:
            app.switch(scene)
        app.step((), step_dt)
        first = clock() - started

        def one_frame() -> None:
            app.step((), step_dt)

    scene = app.scene
    for _ in range(3):
        one_frame()  # what the first frames cache
    times, cpu_times = [], []
    for _ in range(frames):
        if prepare is not None:
            prepare(scene)
        cpu_started = time.thread_time()
        started = clock()
        one_frame()
        times.append(clock() - started)
        cpu_times.append(time.thread_time() - cpu_started)
    if name != "floor" and app.scene is not scene:
        raise BenchError(f"the screen {name!r} failed while drawing (see the game's log)")
    return FrameRun(
        median=median(times) * 1000,
        p99=percentile(times, 99) * 1000,
        cpu_p99=percentile(cpu_times, 99) * 1000,
        first=first * 1000,
    )


def _speaking_voice_name() -> str:
    import shutil

    return "espeak-ng" if shutil.which("espeak-ng") else "a busy thread in place of a voice"


def _frames_while_speaking(config: Config, work: Path, ui_text) -> float:
    """Frame p99 (ms) of the sharing table while the card is read aloud again and again:
    espeak-ng speaking into a WAV file (its real work, without a sound card), else a
    thread that keeps a core busy; A is pressed every 30 frames, cutting the old speech."""
    import pygame

    from game.core.cards import Mode
    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.table.session import Session
    from game.ui.app import App
    from game.ui.scenes.table import TableScene
    from game.ui.speech import Speech

    voice = _bench_voice(work)
    app = App(
        size=(1280, 720),
        store=SaveStore(work / "frames-speaking"),
        settings=Settings(speech="cards"),
        save_settings_file=False,
        ui_text=ui_text,
    )
    app._speech = Speech(app, voice=voice)
    pair = sample(app.catalog(), Mode.PAIR)
    scene = TableScene(app, Session(pair.share or pair.start, None, elapsed=754.0))
    app.switch(scene)
    voice.wait_idle(30)
    app.step((), 1 / 60)
    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="")
    times = []
    try:
        for frame in range(config.frames):
            events = [key] if frame % 30 == 0 else []
            app.held_until = 0.0  # presses are held after a change; not what is measured
            started = time.perf_counter()
            app.step(events, 1 / 60)
            times.append(time.perf_counter() - started)
        if not voice.spoke:
            raise BenchError("the voice never spoke while the frames were timed")
    finally:
        voice.close()
    return percentile(times, 99) * 1000


def _bench_voice(work: Path):
    import shutil
    import subprocess

    from game.ui.voice import CommandVoice, Voice

    espeak = shutil.which("espeak-ng")

    if espeak is not None:

        class ToFile(CommandVoice):
            spoke = 0

            def command(self, line, wav=None):
                self.spoke += 1
                return super().command(line, str(work / "speaking.wav"))

        return ToFile(espeak)

    class Busy(Voice):
        spoke = 0

        def _open(self) -> None:
            self.voices = {"": ""}

        def has_language(self, language: str) -> bool | None:
            return True

        def _speak(self, line, generation) -> None:
            self.spoke += 1
            stop = time.perf_counter() + 0.5
            while time.perf_counter() < stop and self.current(generation):
                subprocess.run(["true"], check=False)  # a subprocess's start, again and again

    return Busy()
