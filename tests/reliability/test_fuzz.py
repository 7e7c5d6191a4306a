"""UI fuzz: 20,000 seeded random events through the real app, headless, one `App.step` each.

Keys (shortcuts, modifiers, unknown codes), text input in many scripts, clicks at random
points and on buttons, mouse moves and wheels, resizes down to 1x1, focus and window
events, and quit requests (counted, not obeyed). Bursts of Enter and number keys carry
the fuzz through whole games to the summary; now and then a fault is injected on purpose
so the error page is fuzzed too.

Nothing may escape `step`, and the scene guard catching an exception counts as a failure
(only the injected faults are expected, and only they may reach the log). Whenever a game
is on screen, after every event: cards are conserved, scores and passes are never
negative, and each change is actions appended to the log that give it; every
CHECK_EVERY events the log replays to the same state and the save on disk is that state.
"""

from __future__ import annotations

import collections
import importlib
import inspect
import os
import pkgutil
import random
import time
import traceback

import pygame
import pytest

import game.ui.scenes
from game.core.engine import apply, replay
from game.core.state import GameState
from game.store.paths import all_paths
from game.store.saves import SaveStore
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.base import Scene
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.title import TitleScene
from tests.core.test_properties import all_card_places, check_invariants

SEED = int(os.environ.get("INKIND_FUZZ_SEED", "20000"))  # the fixed seed; another to explore
EVENTS = 20_000
CHECK_EVERY = 40
INJECT_EVERY = 2_500
SIZES = ((1, 1), (200, 150), (320, 240), (640, 360), (800, 600), (1024, 768), (1280, 720))
SIZES += ((1920, 1080), (600, 1000), (2000, 90))
TEXTS = (
    "a",
    "Zoë",
    "é",
    "日本語",
    "Дмитрий",
    "Ελένη",
    "مرحبا",
    "שלום",
    "👩‍👩‍👧",
    "🙂",
    "e\u0301",
    "\u200b",
    "\u202eevil",
    "\ufffd",
    "\t",
    "\r\n",
    "\x7f",
    "  ",
    "x" * 300,
    "ﷺ",
    "𝔘𝔫𝔦",
    "Ǆ",
)
KEYS = (
    pygame.K_RETURN,
    pygame.K_KP_ENTER,
    pygame.K_SPACE,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_BACKSPACE,
    pygame.K_DELETE,
    pygame.K_F11,
    *(getattr(pygame, f"K_{c}") for c in "pxlfhuetmaz"),
    *(getattr(pygame, f"K_{n}") for n in range(10)),
    *(getattr(pygame, f"K_KP{n}") for n in range(10)),
)
MODS = (0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT, pygame.KMOD_CAPS)
WINDOW_EVENTS = (
    pygame.WINDOWFOCUSLOST,
    pygame.WINDOWFOCUSGAINED,
    pygame.WINDOWMINIMIZED,
    pygame.WINDOWRESTORED,
    pygame.WINDOWMAXIMIZED,
    pygame.WINDOWENTER,
    pygame.WINDOWLEAVE,
    pygame.WINDOWSHOWN,
    pygame.WINDOWHIDDEN,
    pygame.WINDOWEXPOSED,
    pygame.WINDOWMOVED,
    pygame.WINDOWTAKEFOCUS,
)
# Buttons clicked half the time they are on screen until the screen they lead to has been
# seen (and New game a quarter of the time, always, so names get typed): the deck page's
# options, and the closeness check agreed to so that the evenings it keeps are looked at.
ON_THE_WAY = {
    "LinesScene": ("option:lines",),
    "ClosenessScene": ("option:closeness",),
    # Both answers from someone (a picture, then "choose"), kept, then the summary's button.
    "EveningsScene": ("option:closeness", "ready", "choose", "keep_yes", "evenings"),
}
BURST_KEYS = (pygame.K_RETURN,) * 6 + (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


class InjectedFault(Exception):
    """Raised on purpose so the error page gets its share of events."""


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


class Fuzzer:
    def __init__(self, app: App, rng: random.Random) -> None:
        self.app = app
        self.rng = rng
        self.visited: set[str] = set()  # the scenes seen so far, by class name
        self.burst = 0  # Enter and number keys still to come in a burst

    def point(self) -> tuple[int, int]:
        width, height = self.app.size
        if self.rng.random() < 0.05:
            return (self.rng.randint(-50, width + 50), self.rng.randint(-50, height + 50))
        return (self.rng.randrange(max(1, width)), self.rng.randrange(max(1, height)))

    def buttons(self) -> dict[str, tuple[int, int]]:
        """The centre of each button on screen, by id."""
        scene = self.app.scene
        found = {}
        overlay = getattr(scene, "overlay", None)
        groups = [getattr(scene, "buttons", None)]
        if getattr(overlay, "which", None) in ("menu", "end"):
            groups = [overlay.buttons]  # the table's own buttons wait under the question
        for group in groups:
            buttons = getattr(group, "buttons", group)
            if isinstance(buttons, list):
                found |= {b.id: b.rect.center for b in buttons}
        if self.app.mirrored:  # a right-to-left language: the window shows the layout flipped
            width = self.app.size[0]
            found = {name: (width - 1 - x, y) for name, (x, y) in found.items()}
        return found

    def favourite(self) -> tuple[int, int] | None:
        """A button on screen on the way to a screen not visited yet (or to typing names)."""
        found = self.buttons()
        wanted = {
            button
            for scene, buttons in ON_THE_WAY.items()
            if scene not in self.visited
            for button in buttons
        }
        # A toggle already the way it is wanted is left alone (clicking it again undoes it).
        options = getattr(getattr(self.app.scene, "game", None), "options", None)
        if getattr(options, "closeness", False):
            wanted.discard("option:closeness")
        present = [centre for name, centre in found.items() if name in wanted]
        if present and self.rng.random() < 0.5:
            return self.rng.choice(present)
        present = [found[name] for name in ("new_game", "new") if name in found]
        return self.rng.choice(present) if present and self.rng.random() < 0.25 else None

    def click(self, pos: tuple[int, int], button: int = 1) -> list[pygame.event.Event]:
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ]

    def events(self) -> list[pygame.event.Event]:
        """The next event (a click is three)."""
        rng = self.rng
        favourite = self.favourite()
        if favourite is not None:
            return self.click(favourite)
        typing = getattr(self.app.scene, "wants_text", False)  # a name field has focus
        if typing:
            self.burst = 0  # stay a while
            if rng.random() < 0.5:
                return [pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))]
        if self.burst:
            self.burst -= 1
            return [key(rng.choice(BURST_KEYS))]
        roll = rng.random()
        if roll < 0.03:  # a burst of Enter and numbers that moves a game along
            self.burst = rng.randint(5, 40)
            return [key(rng.choice(BURST_KEYS))]
        if roll < 0.40:
            if rng.random() < 0.9:
                return [key(rng.choice(KEYS), rng.choice(MODS))]
            return [key(rng.randrange(0, 0x4000_0200), rng.choice(MODS))]
        if roll < 0.45:
            return [pygame.event.Event(pygame.KEYUP, key=rng.choice(KEYS), mod=0, unicode="")]
        if roll < 0.55:
            return [pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))]
        if roll < 0.57:
            text = rng.choice(TEXTS)
            return [pygame.event.Event(pygame.TEXTEDITING, text=text, start=0, length=len(text))]
        if roll < 0.70:
            found = list(self.buttons().values())
            pos = rng.choice(found) if found and rng.random() < 0.5 else None
            return self.click(pos or self.point(), 1 if rng.random() < 0.8 else rng.randint(2, 7))
        if roll < 0.80:
            return [
                pygame.event.Event(
                    pygame.MOUSEMOTION, pos=self.point(), rel=(1, 1), buttons=(0, 0, 0)
                )
            ]
        if roll < 0.85:
            x, y = rng.randint(-3, 3), rng.randint(-5, 5)
            return [pygame.event.Event(pygame.MOUSEWHEEL, x=x, y=y, flipped=False, precise_x=x)]
        if roll < 0.89:
            return [self.resize()]
        if roll < 0.97:
            return [pygame.event.Event(rng.choice(WINDOW_EVENTS), window=None)]
        return [pygame.event.Event(rng.choice((pygame.QUIT, pygame.WINDOWCLOSE)))]

    def resize(self) -> pygame.event.Event:
        rng = self.rng
        if rng.random() < 0.7:
            size = rng.choice(SIZES)
        else:
            size = (rng.randint(1, 1600), rng.randint(1, 1000))
        if rng.random() < 0.9:  # the window really changes; otherwise a stale event
            pygame.display.set_mode(size, pygame.RESIZABLE)
        event_type = rng.choice((pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED))
        return pygame.event.Event(event_type, size=size, w=size[0], h=size[1], x=size[0], y=size[1])

    def dt(self) -> float:
        roll = self.rng.random()
        if roll < 0.8:
            return 1 / 60
        if roll < 0.9:
            return 0.0
        return self.rng.choice((0.5, 1.0, 3.0, 30.0))


def game_on_screen(app: App) -> GameState | None:
    """The game the current screen shows or returns to (settings and help wait over the table)."""
    for scene in reversed(app.stack):
        if isinstance(scene, TitleScene):
            return None
        state = getattr(scene, "state", None)
        if isinstance(state, GameState):
            return state
    return None


def where(app: App) -> str:
    scene = app.scene
    name = type(scene).__name__
    if getattr(scene, "page", None) in ("players", "deck"):
        name += f":{scene.page}"
    if name == "TableScene":
        which = scene.overlay.which
        name += f":{scene.state.phase.value}" + (f"+{which}" if which else "")
    return name


def check_step(before: GameState | None, after: GameState) -> None:
    assert sorted(all_card_places(after)) == sorted(c.id for c in after.deck.cards)
    assert all(points >= 0 for row in after.scores.points for points in row)
    assert all(left >= 0 for left in after.passes_left)
    if before is None or after is before or after.setup != before.setup:
        return
    if after.log == before.log:
        assert after == before, "the state changed without an action"
        return
    assert after.log[: len(before.log)] == before.log, "an action was lost"
    state = before
    for action in after.log[len(before.log) :]:  # usually one; a few buttons do two
        following = apply(state, action)
        check_invariants(state, action, following)
        state = following
    assert state == after, "the actions in the log do not give the state on screen"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setattr("random.randrange", random.Random(SEED).randrange)  # game seeds
    monkeypatch.setenv("INKIND_PHONES_PORT", "0")  # any free port: tests run side by side
    # The kill test covers the disk; without fsync the fuzz runs a third faster.
    monkeypatch.setattr("os.fsync", lambda fd: None)
    pygame.init()
    from game.phones.link import open_phones

    app = App(size=(1280, 720), store=SaveStore(), settings=Settings(), open_phones=open_phones)
    app.switch(TitleScene(app))
    yield app
    app.stop_phones()
    pygame.quit()


@pytest.mark.slow  # about 50 s; tests/reliability/test_fuzz_findings.py keeps its finds quick
def test_twenty_thousand_random_events(app):
    rng = random.Random(SEED)
    fuzzer = Fuzzer(app, rng)
    errors: dict[str, list[str]] = collections.defaultdict(list)
    traces: dict[str, str] = {}
    quits = injected = checks = games = finished = typed = 0
    visited: collections.Counter[str] = collections.Counter()
    show_error = app.show_error

    def record_error(place: str, error: BaseException) -> None:
        if not isinstance(error, InjectedFault):
            errors[_signature(error)].append(f"event {count} in {where(app)}, {place}")
            traces.setdefault(_signature(error), _trace(error))
        show_error(place, error)

    def count_quit() -> None:
        nonlocal quits
        quits += 1

    app.show_error = record_error
    app.quit = count_quit
    count = 0
    seen: GameState | None = None
    started = time.perf_counter()
    while count < EVENTS:
        if count >= injected * INJECT_EVERY and not isinstance(app.scene, ErrorScene):
            injected += 1
            inject_fault(app.scene)
            app.step([], 1 / 60)
            assert isinstance(app.scene, ErrorScene)
        for event in fuzzer.events():
            count += 1
            typed += event.type == pygame.TEXTINPUT and app.scene.wants_text
            app.step([event], fuzzer.dt())
            visited[where(app)] += 1
            fuzzer.visited.add(type(app.scene).__name__)
            state = game_on_screen(app)
            if state is None:
                continue
            check_step(seen, state)
            if seen is None or state.setup != seen.setup:
                games += 1
            finished += state.finished and not (seen is not None and seen.finished)
            seen = state
            if count % CHECK_EVERY == 0:
                checks += 1
                assert replay(state.setup, state.log) == state, f"event {count}: replay differs"
                assert SaveStore().load().state == state, f"event {count}: the save differs"
    seconds = time.perf_counter() - started
    scenes = collections.Counter(name.split(":")[0] for name in visited)
    print(f"\n{count} events in {seconds:.0f} s, {quits} quit requests, {injected} faults injected")
    print(f"{typed} text inputs typed into name fields")
    print(f"{games} games on screen, {finished} played to the end; {checks} replay and save checks")
    print("scenes visited (events on each):")
    for name, events in sorted(visited.items()):
        print(f"  {name}: {events}")
    assert not errors, "\n".join(
        f"{len(places)} times, first at {places[0]}:\n{traces[signature]}"
        for signature, places in errors.items()
    )
    logged = _logged()
    unexpected = [entry for entry in logged if "InjectedFault" not in entry]
    assert not unexpected, "\n".join(unexpected[:5])
    assert len(logged) == injected
    never = sorted(all_scenes() - set(scenes))
    assert not never, f"the fuzz never reached {never}: steer it there (ON_THE_WAY)"
    for phase in ("deal", "share", "respond", "award"):
        assert any(name.startswith(f"TableScene:{phase}") for name in visited), phase


def all_scenes() -> set[str]:
    """Every Scene class in game/ui/scenes, so a new screen is fuzzed as soon as it exists."""
    found = set()
    for module in pkgutil.iter_modules(game.ui.scenes.__path__):
        loaded = importlib.import_module(f"game.ui.scenes.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Scene) and cls is not Scene and cls.__module__ == loaded.__name__:
                found.add(cls.__name__)
    return found


def inject_fault(scene) -> None:
    """Make the scene's next update raise once, as a bug would."""

    def broken(dt: float) -> None:
        del scene.update
        raise InjectedFault("injected by the fuzz")

    scene.update = broken


def _signature(error: BaseException) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {error} at {frame.filename}:{frame.lineno}"


def _trace(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def _logged() -> list[str]:
    log = all_paths()["log"]
    if not log.exists():
        return []
    return [entry for entry in log.read_text(encoding="utf-8").split("--- ") if entry.strip()]
