"""The window and the loop: events -> intents -> scene -> update -> draw -> flip.

When nothing moves the loop sleeps, looking for events 60 times a second and drawing
only when one came or a visible timer needs it, so an idle table costs almost no CPU;
while a card flips it draws at 60 fps. The first idle moments after the first frame get
the other screens ready instead (game/ui/warmup.py). An unexpected error inside a scene
is logged and the calm error scene shown; the saved game is untouched.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.content.languages import chosen_language
from game.content.ui_text import UiText, UiTextError, load_ui_text
from game.store.log import log_exception
from game.store.settings import Settings, load_settings, save_settings
from game.table.host import Host
from game.ui import intents
from game.ui.intents import Intent, Kind
from game.ui.look import Look
from game.ui.scenes.base import Scene
from game.ui.scenes.registry import scene_class
from game.ui.sound import Sound
from game.ui.text import Text
from game.ui.theme import Theme
from game.ui.window import (
    DEFAULT_WINDOW,
    EXIT_AFTER_FIRST_FRAME,
    FIRST_FRAME_LINE,
    init_pygame,
    nothing_in,
)

if TYPE_CHECKING:
    from pathlib import Path

    from game.content.problems import Problem
    from game.content.sources import Catalog, CatalogLoad
    from game.content.words import Words
    from game.store.saves import SaveStore
    from game.table.remote import Remote, RemoteFactory
    from game.ui.kept_frame import Kept
    from game.ui.speech import Speech
    from game.ui.warmup import Warmup

FPS = 60
IDLE_WAKE_SECONDS = 5.0
IDLE_POLL_SECONDS = 1 / FPS
PHONES_PORT = "INKIND_PHONES_PORT"  # the phones' port (tests: 0 for any free one)
MAX_DT = 1.0
# After a screen or a phase changes, presses are ignored this long: a double-click or a
# quick Enter-Enter meant for the old screen must not act on the new one.
INPUT_HOLD_SECONDS = 0.4
# What a hold never swallows: moving the pointer, scrolling, typing, and the window's own keys.
_NEVER_HELD = {Kind.POINT, Kind.SCROLL, Kind.TEXT, Kind.QUIT, Kind.FULLSCREEN}
# Not a press: the pointer moving, the wheel, typing. These never stop speech.
_NOT_PRESSES = {Kind.POINT, Kind.SCROLL, Kind.TEXT}


class App:
    def __init__(
        self,
        extra_decks: Sequence[str] = (),
        windowed: bool = False,
        size: tuple[int, int] = DEFAULT_WINDOW,
        store: SaveStore | None = None,
        settings: Settings | None = None,
        save_settings_file: bool = True,
        ui_text: UiText | None = None,
        phones: bool = False,
        open_phones: RemoteFactory | None = None,
        host: Host | None = None,
        saves: Path | None = None,
    ) -> None:
        """`store`: the saved games; or `saves`, their folder, from which the store is made
        when first needed (`run`: not before the first frame when nothing is saved)."""
        init_pygame()
        # The evening itself, with no window: the game, its clock and the queue of choices
        # (game/table/host.py). The window is one adapter on it, the phones another.
        self.host = host or Host()
        self.extra_decks = tuple(extra_decks)
        self._store = store
        self._saves = None if store is not None else saves
        self.save_settings_file = save_settings_file
        self.settings_message: str | None = None
        if settings is None:
            settings, self.settings_message = load_settings()
        self.settings = settings
        self.t = ui_text or load_ui_text(chosen_language(settings.language))
        self.text = Text()
        # Right to left (Arabic): every scene lays out as it always does and draws into
        # `canvas`, which is shown flipped left for right, with each line of text (drawn
        # pre-flipped by Text) reading as it should. Clicks and the arrow keys are flipped
        # the same way. One switch, here: no screen knows (docs/translating.md).
        self.canvas: pygame.Surface | None = None
        self.text.mirrored = self.t.rtl
        self.sound = Sound(settings.sound, settings.volume)  # opened after the first frame
        self.windowed_size = size
        self.fullscreen = settings.fullscreen and not windowed
        self.screen = self._open_window()
        self.look = self._make_look()
        self.clock = pygame.time.Clock()
        self.running = True
        self.stack: list[Scene] = []  # the screen on top is shown; those below wait
        self.now = 0.0  # seconds of loop time (the sum of each step's dt)
        self.held_until = 0.0
        # How long presses wait after a change: a person's double-click, not a script's keys.
        self.input_hold = INPUT_HOLD_SECONDS
        self.frame_times: list[float] = []
        self._catalog: Catalog | None = None
        self._catalog_extra: tuple[str, ...] = ()  # the --deck paths it was read with
        self._catalog_load: CatalogLoad | None = None  # a reading in a thread, while under way
        self._words: tuple[Words | None, tuple[Problem, ...]] | None = None
        # Screens got ready in the loop's idle time, after the first frame (game/ui/warmup.py):
        # made when first asked for (`warmup`), so its module is not loaded before it.
        self._warmup: Warmup | None = None
        # Phones as controllers (game/phones/link.py, started by `open_phones`, which the
        # composition root hands in: the window never imports the phones): started after
        # the first frame when Settings or `--phones` ask for them; None while off.
        self.open_phones = open_phones
        self.phones: Remote | None = None
        self.phones_wanted = phones or self.settings.phones
        self.phones_message: str | None = None  # why phones could not start, if they could not
        self._speech: Speech | None = None  # the voice, opened when first needed
        # The title's kept first frame (game/ui/kept_frame.py): `run` sets it when the title
        # could be kept, with what it showed (None: nothing), and the loop keeps the real one.
        self.kept_first: tuple[Kept | None, bool] | None = None

    @property
    def store(self) -> SaveStore | None:
        """The saved games (game/store/saves.py; None: this window saves nothing)."""
        if self._store is None and self._saves is not None:
            from game.store.saves import SaveStore

            self._store = SaveStore(self._saves)
        return self._store

    def nothing_saved(self) -> bool:
        """Whether the saves' folder is missing or empty, asked before the store is made.

        With nothing saved, the title's first frame offers no Continue without loading the
        saves' code (about 9 ms of every start: the store, its writers and its records);
        a folder holding anything at all is for the store to read. False once the store
        is made, or when the window was given one (or none)."""
        if self._store is not None or self._saves is None:
            return False
        return nothing_in(self._saves)

    def saved_unfinished(self) -> bool | None:
        """Whether the saved game is unfinished and Continue will find it, from the save's
        header alone (`SaveStore.peek`); None: ask the store's `load`, or nothing to ask.

        Before the store is made this reads the header without the saves' code
        (game/store/peek.py): a start with a save offers Continue as light as one without."""
        if self._store is None and self._saves is not None:
            from game.store.peek import peek_unfinished

            return peek_unfinished(self._saves)
        store = self.store
        return store.peek() if store is not None else None

    @property
    def warmup(self) -> Warmup:
        """Getting the other screens ready in the loop's idle time (game/ui/warmup.py)."""
        if self._warmup is None:
            from game.ui.warmup import Warmup

            self._warmup = Warmup(self)
        return self._warmup

    @property
    def speech(self) -> Speech:
        """Reading aloud and self-voicing (game/ui/speech.py), made when first asked for."""
        if self._speech is None:
            from game.ui.speech import Speech

            self._speech = Speech(self)
        return self._speech

    # ------------------------------------------------------------ window and look

    def _open_window(self) -> pygame.Surface:
        pygame.display.set_caption("In Kind")
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def _make_look(self) -> Look:
        theme = Theme.make(self.settings.theme, self.settings.text_size, self.screen.get_size())
        return Look(theme, self.text)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def resized(self) -> None:
        screen = pygame.display.get_surface()
        if screen is not None:  # None only before a window is open
            self.screen = screen
        self.look = self._make_look()
        self.warmup.window_changed()
        scene = self.scene
        if scene is not None:
            self._guard("layout", lambda: scene.layout(self.size))

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        if not self.fullscreen:
            self.windowed_size = DEFAULT_WINDOW
        self.screen = self._open_window()
        self.resized()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once and remember them for next time."""
        old = self.settings
        self.settings = settings
        self.sound.configure(settings.sound, settings.volume)
        if settings.phones != old.phones:
            self.phones_wanted = settings.phones
            if settings.phones:
                self.start_phones()
            else:
                self.stop_phones()
        language = chosen_language(settings.language)
        if language != self.t.language:
            self.set_language(language)
        if settings.fullscreen != self.fullscreen:
            self.toggle_fullscreen()
        elif (old.theme, old.text_size) != (settings.theme, settings.text_size):
            self.resized()
        if self.save_settings_file:
            try:
                save_settings(settings)
            except OSError as error:
                log_exception("saving settings", error)

    def set_language(self, language: str) -> None:
        """Speak `language` from the next frame: its words, and mirrored if it is written
        right to left."""
        from game.store.paths import cache_dir

        try:
            self.t = load_ui_text(language, cache_dir=cache_dir())
        except UiTextError as error:  # English's own file broke while playing: keep the words
            log_exception("changing the language", error)
            return
        self._words = None
        self.text.mirrored = self.t.rtl
        self.resized()

    @property
    def mirrored(self) -> bool:
        return self.t.rtl

    def paint(self, draw: Callable[[pygame.Surface], None]) -> None:
        """Draw a frame with `draw` onto the window, mirrored for a right-to-left language."""
        if not self.mirrored:
            draw(self.screen)
            return
        size = self.screen.get_size()
        if self.canvas is None or self.canvas.get_size() != size:
            self.canvas = pygame.Surface(size).convert(self.screen)
        draw(self.canvas)
        self.screen.blit(pygame.transform.flip(self.canvas, True, False), (0, 0))

    def _mirror_intent(self, intent: Intent) -> Intent:
        """A click or a pointer where the player sees it, as the scene laid it out; the
        left arrow key moves to what is on the left on screen."""
        if intent.kind in (Kind.POINT, Kind.CLICK):
            return intent._replace(pos=(self.size[0] - 1 - intent.pos[0], intent.pos[1]))
        if intent.kind in (Kind.LEFT, Kind.RIGHT):
            return intent._replace(kind=Kind.RIGHT if intent.kind is Kind.LEFT else Kind.LEFT)
        return intent

    # ------------------------------------------------------------ phones

    def start_phones(self, port: int | None = None) -> None:
        """Listen for phones on the local network (a calm message if that cannot be done)."""
        if self.phones is not None:
            return
        from game.ui.theme import css_palette

        wanted = os.environ.get(PHONES_PORT, "")
        port = port if port is not None else int(wanted) if wanted.isdigit() else None
        # The unfinished game's room, if it kept one: after a crash its phones find the
        # same address again and take their seats back by themselves.
        saved = self.store.peek_extra("phones") if self.store is not None else None
        if self.open_phones is None:  # a window made without the composition root (a test)
            self._phones_failed(self.t("phones_not_here"))
            return
        try:
            self.phones = self.open_phones(
                host=self.host,
                t=self.t,
                words=lambda: self.words()[0],
                colours=css_palette(self.look.pal),
                port=port,
                saved_room=saved,
            )
        except OSError as error:
            log_exception("starting phones", error)
            self._phones_failed(error.strerror or str(error))
            return
        self.phones_message = None
        print(f"phones: {self.phones.url}", flush=True)

    def _phones_failed(self, reason: str) -> None:
        self.phones_message = self.t("phones_failed", reason=reason)
        if self.scene is not None:
            self.scene.tell(self.phones_message)

    def stop_phones(self) -> None:
        if self.phones is not None:
            self.phones.stop()
            self.phones = None

    # ------------------------------------------------------------ content, loaded when first needed

    def catalog(self, reload: bool = False) -> Catalog:
        """Every deck, read here and now if not read yet (or `reload`). Never in a frame: the
        screens use `read_decks` and `known_catalog` (for scripts, tests and screenshots)."""
        if reload or self.known_catalog() is None:
            from game.content.sources import load_catalog

            self.catalog_read(load_catalog(self.extra_decks))
        assert self._catalog is not None  # just read, or known
        return self._catalog

    def catalog_read(self, catalog: Catalog, extra: Sequence[str] | None = None) -> None:
        """The catalog was read elsewhere (a thread, or by the caller): keep it. `extra`: the
        --deck paths it was read with (the app's own when not said). A catalog whose decks
        are the very ones kept (no file changed) leaves the kept one in place: what the deck
        page worked out from it stays good (game/ui/scenes/new_game/choices.py)."""
        from game.content.sources import unchanged

        if self._catalog is None or not unchanged(catalog, self._catalog):
            self._catalog = catalog
        self._catalog_extra = self.extra_decks if extra is None else tuple(extra)

    def read_decks(self) -> CatalogLoad:
        """Read every deck file again in a thread (game/content/sources.py `CatalogLoad`),
        unless a reading is already under way: returns that reading. Screens look at it
        between frames; none waits for a file."""
        from game.content.sources import CatalogLoad

        self.known_catalog()  # a reading that has finished is taken in first
        load = self._catalog_load
        if load is None or load.finished or load.extra != self.extra_decks:
            load = self._catalog_load = CatalogLoad(self.extra_decks)
        return load

    def known_catalog(self) -> Catalog | None:
        """The decks read last, reading none: a reading that has finished is taken in. None
        before any was read, or when the --deck paths changed since."""
        load = self._catalog_load
        if load is not None and load.finished:
            self._catalog_load = None
            if load.catalog is not None:
                self.catalog_read(load.catalog, load.extra)
        if self._catalog is None or self._catalog_extra != self.extra_decks:
            return None
        return self._catalog

    def words(self) -> tuple[Words | None, tuple[Problem, ...]]:
        """(Words | None, problems) for how to play, the palette, starters and the guide."""
        if self._words is None:
            from game.content.words import load_words

            self._words = load_words(self.t.language)
        return self._words

    # ------------------------------------------------------------ scenes

    @property
    def scene(self) -> Scene | None:
        """The screen on top of the stack: the one shown and given input."""
        return self.stack[-1] if self.stack else None

    def push(self, name: str, **kwargs: object) -> Scene:
        """Show scene `name` on top; the current one waits below until `pop`."""
        return self._show(self._make(name, kwargs), keep=True)

    def replace(self, name: str, **kwargs: object) -> Scene:
        """Show scene `name` instead of the one on top."""
        return self._show(self._make(name, kwargs), keep=False)

    def reset(self, name: str, **kwargs: object) -> Scene:
        """Show scene `name` alone: everything below is forgotten (back to the title)."""
        for scene in reversed(self.stack[:-1]):
            self._guard("leaving a screen", scene.exit)
        del self.stack[:-1]
        return self.replace(name, **kwargs)

    def pop(self) -> Scene:
        """Close the scene on top and show the one below again (the title if none)."""
        if len(self.stack) < 2:
            return self.reset("title")
        top = self.stack.pop()
        self._guard("leaving a screen", top.exit)
        below = self.stack[-1]
        self._entered(below)
        return below

    def switch(self, scene: Scene) -> None:
        """Show an already built scene instead of the one on top (tests, screenshots)."""
        self._show(scene, keep=False)

    def _make(self, name: str, kwargs: dict[str, object]) -> Scene:
        return scene_class(name)(self, **kwargs)

    def _show(self, scene: Scene, keep: bool) -> Scene:
        if self.stack and not keep:
            self._guard("leaving a screen", self.stack.pop().exit)
        self.stack.append(scene)
        self._entered(scene)
        return scene

    def _entered(self, scene: Scene) -> None:
        self.hold_input()
        self._set_text_input(scene.wants_text)

        def opening() -> None:
            scene.layout(self.size)
            scene.enter()

        self._guard("opening a screen", opening)

    def hold_input(self, seconds: float | None = None) -> None:
        """Ignore presses for a moment (the screen or the phase just changed)."""
        hold = self.input_hold if seconds is None else seconds
        self.held_until = max(self.held_until, self.now + hold)

    def input_held(self) -> bool:
        return self.now < self.held_until

    def show_error(self, where: str, error: BaseException) -> None:
        log = log_exception(where, error)
        if isinstance(self.scene, scene_class("error")):
            raise error
        self.reset("error", log=log)

    def _guard(self, where: str, call: Callable[[], object]) -> None:
        try:
            call()
        except Exception as error:  # the loop must survive a broken screen
            self.show_error(where, error)

    def quit(self) -> None:
        self.running = False
        if self._speech is not None:
            self._speech.close()

    def _set_text_input(self, wanted: bool) -> None:
        """Text fields get SDL text input and key repeat (holding Backspace); the table gets neither,
        so a held Enter never races through a turn."""
        if wanted:
            pygame.key.start_text_input()
            pygame.key.set_repeat(400, 35)
        else:
            pygame.key.stop_text_input()
            pygame.key.set_repeat()

    # ------------------------------------------------------------ the loop

    def loop(self) -> None:
        self.step([], 0.0)  # the first frame at once, not on the first event
        collector_back_on()
        kept_shown = self.kept_first is not None and self.kept_first[0] is not None
        if self.kept_first is not None:
            self._keep_the_title()
        if os.environ.get(EXIT_AFTER_FIRST_FRAME) == "1":
            if not kept_shown:  # else `run` said so at the kept frame
                print(FIRST_FRAME_LINE, flush=True)
            return
        # Opening the sound device can take a while on some machines (tens of ms with
        # PulseAudio): the players already see the title while it happens. So can phones.
        self.sound.open()
        if self.phones_wanted:
            self.start_phones()
        while self.running:
            scene = self.scene
            if scene is not None and scene.animating():
                dt = self.clock.tick(FPS) / 1000
                events = pygame.event.get()
            else:
                wake = (scene.wake_every() if scene else None) or IDLE_WAKE_SECONDS
                events = wait_for_events(wake, self._pending, self.warmup.run_one)
                dt = self.clock.tick() / 1000
            self.step(events, dt)

    def _keep_the_title(self) -> None:
        """Keep the title just drawn for the next start (game/ui/kept_frame.py), if it is
        the title as a start draws it: no message, Continue as `run` found it."""
        from game.store.paths import cache_dir
        from game.ui import kept_frame
        from game.ui.scenes.title import TitleScene

        assert self.kept_first is not None
        shown, can_continue = self.kept_first
        self.kept_first = None
        scene = self.scene
        if not isinstance(scene, TitleScene) or scene.message is not None:
            return
        if scene.can_continue != can_continue or scene.asking_quit or self.fullscreen:
            return
        kept_frame.keep(
            cache_dir(), self.screen, self.settings, self.t, can_continue, self.text, shown
        )

    def _pending(self) -> bool:
        """Whether a choice waits in the host's queue, or the phones have news."""
        phones = self.phones
        return self.host.pending() or (phones is not None and phones.pending())

    def pump(self, dt: float = 1 / FPS) -> None:
        """One step with whatever is queued, without waiting (for tests and screenshots)."""
        self.step(pygame.event.get(), dt)

    def step(self, events: Sequence[pygame.event.Event], dt: float) -> None:
        started = time.perf_counter()
        self.now += dt
        self._guard("taking a phone's choice", self.host.pump)
        for event in events:
            self._event(event)
            if not self.running:
                return
        scene = self.scene
        if scene is not None:
            if scene.keeps_table_time:
                self.host.advance(min(dt, MAX_DT))
            self._guard("updating the screen", lambda: scene.update(min(dt, MAX_DT)))
        self.draw()
        if self.phones is not None:
            # After the frame is on the window: the phones' server thread then turns the
            # views into messages while this thread waits for the next frame, not while it
            # draws (issue 27: that burst took the interpreter's lock from the frame).
            self._guard("sending the phones their views", self.phones.pump)
        self.frame_times.append(time.perf_counter() - started)
        del self.frame_times[:-600]

    def _event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            if not self.fullscreen:
                self.windowed_size = self.size
            self.resized()
            return
        scene = self.scene
        for intent in intents.translate(event, text_mode=bool(scene and scene.wants_text)):
            self.handle(self._mirror_intent(intent) if self.mirrored else intent)

    def handle(self, intent: Intent) -> None:
        if intent.kind is Kind.QUIT:
            self.quit()
            return
        if intent.kind is Kind.FULLSCREEN:
            self.toggle_fullscreen()
            return
        if intent.kind is Kind.MUTE:
            self.apply_settings(self.settings.replace(sound=not self.settings.sound))
            return
        scene = self.scene
        if scene is None:
            return
        if self.input_held() and intent.kind not in _NEVER_HELD:
            return
        speech = self._speech
        if speech is not None and intent.kind not in _NOT_PRESSES:
            speech.stop()  # a key or a click stops what was being said
        voicing = self.settings.speech == "all"
        focused = scene.focus_words() if voicing else ""
        self._guard("handling a key or click", lambda: scene.handle(intent))
        if self.scene is not None:
            self._set_text_input(self.scene.wants_text)
        if voicing and self.scene is not None and intent.kind not in _NOT_PRESSES:
            now = self.scene.focus_words()
            if now and (now != focused or self.scene is not scene):
                self.speech.focus(now)

    def draw(self) -> None:
        scene = self.scene
        if scene is None:
            return
        try:
            self.paint(scene.present)
        except Exception as error:
            self.show_error("drawing the screen", error)
            shown = self.scene  # the error scene, just shown
            if shown is not None:
                self.paint(shown.draw)
        pygame.display.flip()


def collector_back_on() -> None:
    """Start Python's cycle collector again if start-up paused it (game/cli.py `_play`).

    Everything start-up made goes to the oldest generation at once (`gc.freeze` then
    `gc.unfreeze` move every tracked object there without looking at any), as after a deck
    reading (game/content/sources.py `frames_first`): the first young collection would
    otherwise walk every object made since the pause, the modules' and the title's."""
    if not gc.isenabled():
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def wait_for_events(
    seconds: float,
    ready: Callable[[], bool] | None = None,
    idle: Callable[[], bool] | None = None,
) -> list[pygame.event.Event]:
    """The events that come within `seconds`, returned as soon as there are any, or as soon
    as `ready()` says something else needs the loop (a phone's tap).

    Not `pygame.event.wait(timeout)`: pygame-ce implements it as a loop that pumps SDL and
    sleeps 1 ms, a thousand wake-ups a second whatever the timeout (2-3 % of a core on an
    idle table). Looking 60 times a second costs a fifth of that, and a key press is still
    answered within a frame.

    While none waits, `idle()` may do one small job instead of the sleep (getting screens
    ready, game/ui/warmup.py) and say whether it did; an event waiting always comes first.
    """
    deadline = time.monotonic() + seconds
    while True:
        events = pygame.event.get()
        left = deadline - time.monotonic()
        if events or left <= 0 or (ready is not None and ready()):
            return events
        if idle is not None and idle():
            continue  # one small job done instead of the sleep: look for events again
        time.sleep(min(IDLE_POLL_SECONDS, left))
