"""A whole 4-player circle game with three phones in a real headless Chromium and the
laptop (the real game window, headless), one phone reloaded mid-turn; then the saved game
replays to the same end. Phone pages are saved as PNGs at 360x640 for every phase.

Needs Debian's `chromium` (.ci/run installs it) and Playwright, which drives that browser
(`playwright install` is never needed).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pygame
import pytest

from game.core import engine
from game.core.cards import Deck, Level
from game.core.rules import LevelPace, Rules
from game.core.state import Phase
from game.store.saves import SaveStore
from game.store.settings import Settings
from tests.core.factory import make_setup, prompt

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("INKIND_ARTIFACTS", "artifacts")) / "phone-screens"

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the phone tests (.ci/run)")
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class LiveGame:
    """The real game window in its own thread, headless, its loop pumped every 5 ms."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.running = True
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(30), "the game did not start"
        if self.error:
            raise self.error

    def _run(self) -> None:
        from game.phones.link import open_phones
        from game.table.closeness import ClosenessRound
        from game.ui.app import App
        from game.ui.play import start_with_check

        try:
            pygame.init()
            self.app = app = App(
                size=(1280, 720),
                store=SaveStore(),
                settings=Settings(timers=False),
                open_phones=open_phones,
            )
            app.reset("title")
            app.start_phones(port=0)
            deck = Deck(
                id="phones-test",
                name="Phones test",
                cards=tuple(prompt(f"l{lv}-c{i}", lv) for lv in (1, 2) for i in range(8)),
                levels=(Level("Warm"), Level("Deeper")),
                closing=prompt("closing"),
            )
            rules = Rules(rounds=2, level_pace=LevelPace.AGREEMENT)
            state = engine.new_game(make_setup(4, deck=deck, rules=rules, seed=3))
            self.closeness = ClosenessRound(tuple(p.name for p in state.players))
            self.names = self.closeness.names
            start_with_check(app, state, self.closeness)  # the check first, then the game
        except BaseException as error:  # noqa: BLE001 (reported to the test)
            self.error = error
            self.ready.set()
            return
        self.ready.set()
        while self.running:
            app.pump()
            time.sleep(0.005)
        app.stop_phones()

    @property
    def state(self):
        return self.app.phones.hub.session.state

    @property
    def scene_name(self) -> str:
        return type(self.app.scene).__name__

    def press_on(self, scene: str, key: int, stage: str | None = None) -> None:
        """The laptop: a key on a screen other than the table, once it is up and steady."""
        self.until(
            lambda: (
                self.scene_name == scene
                and not self.app.input_held()
                and (stage is None or getattr(self.app.scene, "stage", None) == stage)
            )
        )
        time.sleep(0.05)
        self._post(key)

    def press(self, key: int) -> None:
        """The laptop: one key press, once the table is up and takes presses again (the
        laptop player goes on past "Level 2" with Enter, as a person would)."""
        deadline = time.monotonic() + 60  # a hang fails; a busy machine only waits
        steady = 0  # the table up and taking presses for a few frames in a row, not a
        while steady < 3:  # moment between a change and the screen it brings
            assert time.monotonic() < deadline, type(self.app.scene).__name__
            scene = type(self.app.scene).__name__
            if self.app.input_held() or scene != "TableScene":
                steady = 0
                if scene == "LevelChangeScene" and not self.app.input_held():
                    self._post(pygame.K_RETURN)  # "Level 2": the laptop player goes on
                    time.sleep(0.2)
            else:
                steady += 1
            time.sleep(0.03)
        self._post(key)

    def _post(self, key: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))

    def until(self, condition, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                session = self.app.phones.hub.session
                state = session.state if session is not None else None
                where = "" if state is None else f"{state.phase}, turn {state.turn}, "
                raise AssertionError(f"timed out: {where}scene {self.scene_name}")
            time.sleep(0.01)

    def stop(self) -> None:
        self.running = False
        self.thread.join(10)


def test_a_whole_circle_game_with_three_phones_and_the_laptop():
    SHOTS.mkdir(parents=True, exist_ok=True)
    live = LiveGame()
    shot_phases: set[str] = set()
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            pages = {}
            for seat in (1, 2, 3):  # Ana (seat 0) plays on the laptop
                context = browser.new_context(viewport={"width": 360, "height": 640})
                page = context.new_page()
                page.goto(live.app.phones.url)
                page.wait_for_selector(f'[data-seat="{seat}"]')
                if seat == 1:
                    page.screenshot(path=str(SHOTS / "phone-pick-seat-360x640.png"))
                page.click(f'[data-seat="{seat}"]')
                sync_api.expect(page.locator("#who")).to_have_text(live.names[seat])
                pages[seat] = page
            live.until(lambda: live.app.phones.hub.phones == frozenset({1, 2, 3}))

            # The closeness check before the first card: each phone picks its own picture;
            # the laptop is passed only to Ana, who has no phone.
            for seat in (1, 2, 3):
                pages[seat].wait_for_selector('[data-choice="closeness:4"]')
                if seat == 1:
                    pages[1].screenshot(path=str(SHOTS / "phone-closeness-pick-360x640.png"))
                pages[seat].click(f'[data-choice="closeness:{seat + 2}"]')
            live.press_on("ClosenessScene", pygame.K_RETURN, "pass")  # "I'm Ana: show me"
            live.press_on("ClosenessScene", pygame.K_4, "pick")
            live.press_on("ClosenessScene", pygame.K_RETURN, "pick")
            live.until(lambda: live.app.phones.hub.session is not None)
            assert live.closeness.before == {0: 4, 1: 3, 2: 4, 3: 5}

            def shot(seat: int, what: str) -> None:
                if what not in shot_phases:
                    shot_phases.add(what)
                    page = pages[seat]
                    page.screenshot(path=str(SHOTS / f"phone-{what}-360x640.png"), full_page=True)

            def tv(what: str) -> None:
                """The TV as it is now, once the frame after the last change is drawn."""
                if what in shot_phases:
                    return
                shot_phases.add(what)
                drawn = live.app.now
                live.until(lambda: live.app.now > drawn + 0.05)
                pygame.image.save(live.app.screen, str(SHOTS / f"tv-{what}-1280x720.png"))

            def choose(seat: int, choice: str) -> None:
                if seat == 0:
                    keys = {
                        "draw": pygame.K_RETURN,
                        "done_sharing": pygame.K_RETURN,
                        "done_closing": pygame.K_RETURN,
                        "end_turn": pygame.K_RETURN,
                        "ready": pygame.K_1,
                    }
                    live.press(keys[choice])
                else:
                    pages[seat].click(f'[data-choice="{choice}"]')

            reloaded = False
            while live.state.phase is not Phase.FINISHED:
                state = live.state
                phase, speaker = state.phase, state.speaker
                listeners = [s for s in state.listeners if s != 0]
                before = (state.turn, phase, state.speaker_index, len(state.log))
                if phase is Phase.DEAL:
                    if speaker != 0:
                        shot(speaker, "deal")
                    choose(state.sharer, "draw")
                elif phase is Phase.SHARE:
                    if speaker != 0:
                        pages[speaker].wait_for_selector(".chip")  # the feelings palette
                        shot(speaker, "share-sharer")
                    shot(listeners[0], "share-listener")
                    if not reloaded:  # a phone reloaded mid-turn takes its seat back
                        reloaded = True
                        page = pages[listeners[0]]
                        page.reload()
                        sync_api.expect(page.locator("#who")).to_have_text(
                            state.players[listeners[0]].name
                        )
                        sync_api.expect(page.locator(".prompt")).to_have_text(
                            state.current_card.prompt
                        )
                    choose(speaker, "done_sharing")
                elif phase is Phase.RESPOND:
                    page = pages[listeners[0]]
                    page.wait_for_selector('[data-choice="done_responding"]')
                    page.wait_for_selector("ul.ideas li")  # follow-ups and ways to begin
                    shot(listeners[0], "respond-listener")
                    # Each listener on a phone is done for themself; then the laptop's
                    # Enter: Ana's own "done" as a listener, or, sharing, the end for all.
                    for seat in listeners:
                        pages[seat].click('[data-choice="done_responding"]')
                        live.until(
                            lambda seat=seat: (
                                seat in live.state.done_responding
                                or live.state.phase is not Phase.RESPOND
                            )
                        )
                    if live.state.phase is Phase.RESPOND:  # Ana listens at the laptop
                        tv(f"respond-{len(listeners)}-done")
                        live.press(pygame.K_RETURN)
                elif phase is Phase.AWARD:
                    giver = listeners[0]
                    pages[giver].click(f'[data-choice="mark:{speaker}:shared_feeling"]')
                    live.until(lambda: len(live.state.pending) == 1)
                    if speaker == 0:
                        live.press(pygame.K_1)  # the laptop marks its first listener's row
                    else:
                        receiver = state.listeners[0]
                        pages[speaker].click(f'[data-choice="mark:{receiver}:deepening_question"]')
                        pages[speaker].wait_for_selector("button.on")
                        shot(speaker, "award-sharer")
                    live.until(lambda: len(live.state.pending) == 2)
                    shot(giver, "award-listener")
                    # The TV: that phones marked, never what (looked at in the screenshots).
                    tv("award-sharer-on-laptop" if speaker == 0 else "award-sharer-on-phone")
                    sync_api.expect(  # a listener's phone never ends the sharer's marking
                        pages[giver].locator('[data-choice="end_turn"]')
                    ).to_have_count(0)
                    choose(speaker, "end_turn")
                elif phase is Phase.DEEPER:
                    for seat in (1, 2, 3):
                        pages[seat].click('[data-choice="ready"]')
                        shot(seat, "deeper")
                    live.until(lambda: len(live.state.votes) == 3)
                    tv("deeper-3-answered")
                    # A phone answers once: its choices are gone, its line says it counted.
                    sync_api.expect(pages[1].locator('[data-choice="ready"]')).to_have_count(0)
                    choose(0, "ready")
                elif phase is Phase.CLOSING:
                    if speaker != 0:
                        shot(speaker, "closing")
                    choose(speaker, "done_closing")
                live.until(
                    lambda before=before: (
                        (live.state.turn, live.state.phase, live.state.speaker_index) != before[:3]
                        or live.state.finished
                    )
                )
            # After the closing card the check again, then whether each may keep theirs.
            for seat in (1, 2, 3):
                pages[seat].click(f'[data-choice="closeness:{seat + 3}"]')
                pages[seat].wait_for_selector('[data-choice="keep:no"]')
                if seat == 1:
                    shot(1, "closeness-consent")
                pages[seat].click(
                    '[data-choice="keep:yes"]' if seat == 1 else '[data-choice="keep:no"]'
                )
            live.press_on("ClosenessScene", pygame.K_RETURN, "pass")
            live.press_on("ClosenessScene", pygame.K_6, "pick")
            live.press_on("ClosenessScene", pygame.K_RETURN, "pick")
            live.press_on("ClosenessScene", pygame.K_RETURN, "consent")  # "No, not this time"
            live.until(lambda: live.scene_name == "SummaryScene")
            assert live.closeness.after == {0: 6, 1: 4, 2: 5, 3: 6}
            assert live.closeness.keep == {0: False, 1: True, 2: False, 3: False}
            # (The page's Content-Security-Policy forbids eval: locators, not wait_for_function.)
            sync_api.expect(pages[1].locator("main")).to_contain_text("Thank you for playing")
            shot(1, "finished")
            browser.close()
        final = live.state
        assert final.finished and final.level == 2
        assert reloaded
        assert sum(final.scores.total(p) for p in range(4)) > 0
        assert live.app.phones.hub.applied > 20
    finally:
        live.stop()
    # Every phone choice was saved like a key press: the save replays to the same end.
    loaded = SaveStore().load()
    assert loaded.state is not None and loaded.state.log == final.log
    assert engine.replay(final.setup, tuple(final.log)) == final
    assert {
        "pick-seat",
        "deal",
        "share-sharer",
        "share-listener",
        "respond-listener",
        "award-sharer",
        "award-listener",
        "deeper",
        "closing",
        "finished",
        "closeness-pick",
        "closeness-consent",
    } <= {p.stem.removeprefix("phone-").removesuffix("-360x640") for p in SHOTS.iterdir()}
