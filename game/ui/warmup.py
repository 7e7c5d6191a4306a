"""Getting the screens ready in the loop's idle time, so each opens within a frame.

The first opening of a screen paid for what no later opening does: importing its code
(the table's about 15 ms), loading the glyphs of each font size the first time text is
measured or drawn at it (1-2.5 ms a size, and the table's first frame used a dozen), the
table's kept surface (8 MB at 1920x1080, 4-13 ms to allocate) and How to play's pages
(some 800 words measured): 25-40 ms, two frames or more, against a target of one (16 ms).

A person looks at a screen for seconds before opening the next, and the loop spent that
time asleep. Now, when no event is waiting and nothing moves, `App.loop` runs one job from
here instead of sleeping (`wait_for_events`), then looks for events again. An event
waiting is always handled first, and a key pressed during a job waits at most that job:
most take 2-4 ms, the longest (How to play's pages, the table's own modules) 10-17 ms.
Jobs start only after the first frame is on screen, so start-up is not slower, and never
while something moves. All of them together take 0.3-0.45 s of one core, once.

What depends on the window and the theme (the font sizes, the kept surface, the pages) is
queued again after a resize or a change of theme or text size, once the window has kept
its size for `SETTLE_SECONDS` (dragging a window's edge does not warm every size it
passes). The fonts warmed are the sizes the screens use anyway, so the memory they take
would mostly be taken during the evening (docs/performance.md, "Opening a screen within a
frame"). The fallback face for Greek and Cyrillic is not warmed: most evenings never need
it, and it costs 20 ms and 1.3 MB a weight, once (`Text.font`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.store.log import log_exception
from game.ui.scenes.registry import SCENES

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme

SETTLE_SECONDS = 0.5
# Modules the screens need besides their own: first what every table and summary imports,
# one job each in the order they import each other so that no one job loads them all (the
# engine and attrs are most of the table's 15 ms); then what screens import only as they
# open (inside a function), which importing the screen's module does not load.
SHARED_MODULES = (
    "attrs",
    "game.core.rules",
    "game.core.cards",
    "game.core.actions",
    "game.core.state",
    "game.core.engine",
    "game.table.terms",
    "game.table.session",
    "game.table.views",
    "game.table.closeness",
    "yaml",
    "game.content.words",
    "game.content.decks",
    "game.content.favourites",
    "game.store.closeness",
    "game.store.memory",
)
# The characters loaded at each size: nearly all the game's own text and players' names.
GLYPHS = (
    "abcdefghijklmnopqrstuvwxyz",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789 .,;:!?'\"()-+%/&’“”–—…·•é",
)
BLACK = (0, 0, 0)

Job = tuple[str, Callable[[], object]]


def named_sizes(theme: Theme) -> list[tuple[int, bool]]:
    """(size, bold) of the theme's named sizes, in both weights, the most used first."""
    named = (theme.body, theme.small, theme.heading, theme.title, theme.card_text, theme.huge)
    return list(dict.fromkeys((size, bold) for size in named for bold in (False, True)))


def derived_sizes(theme: Theme) -> list[tuple[int, bool]]:
    """(size, bold) the screens derive from the named sizes, as they derive them:

    - text fitted to a box (`Text.fit`) shrinks from a named size by steps of 0.92: the
      card's text, and the table's instructions and words from the body and heading sizes;
      the table's headline and instruction stop at two thirds (table/layout.py);
    - labels in a row of buttons (`row_label_size`), the names beside the marks and in the
      summary step down one size at a time from the body size to the small size, then on
      two lines to a little under it; and the key chip beside a label is 0.72 of it.
    """
    small = theme.small
    sizes = []
    for start, bold in ((theme.card_text, False), (theme.heading, False), (theme.body, False)):
        size = start
        while int(size * 0.92) >= small:
            size = int(size * 0.92)
            sizes.append((size, bold))
    sizes += [(max(small, theme.heading * 2 // 3), False), (max(small, theme.huge * 2 // 3), True)]
    floor = max(12, round(small * 0.85))
    labels = range(theme.body, floor - 1, -1)
    sizes += [(size, True) for size in labels]
    sizes += [(max(12, int(size * 0.72)), True) for size in labels]
    named = set(named_sizes(theme))
    return [key for key in dict.fromkeys(sizes) if key not in named]


class Warmup:
    """The queue of preparation jobs the loop runs while it would otherwise sleep."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.jobs: deque[Job] = deque()
        self.done: list[str] = []  # the names of the jobs run, in order (for tests)
        self.failed: list[str] = []  # those that raised (logged; the game goes on)
        self._planned = False
        self._warmed: set[tuple[int, bool]] = set()
        self._not_before = 0.0  # time.monotonic(): after a resize, wait for it to settle

    def pending(self) -> int:
        self._plan()
        return len(self.jobs)

    def run_one(self) -> bool:
        """Run the next job, if one is due; False when there was none (the loop may sleep)."""
        self._plan()
        if not self.jobs or time.monotonic() < self._not_before:
            return False
        name, job = self.jobs.popleft()
        try:
            job()
        except Exception as error:  # getting ready must never break the game
            log_exception(f"getting a screen ready ({name})", error)
            self.failed.append(name)
        self.done.append(name)
        return True

    def run_for(self, seconds: float) -> int:
        """Run jobs for up to `seconds`, or until none is left (a person looking at a screen,
        for the benchmark and tests); returns how many ran."""
        deadline = time.perf_counter() + seconds
        ran = 0
        while time.perf_counter() < deadline and self.run_one():
            ran += 1
        return ran

    def window_changed(self) -> None:
        """The window's size, the theme or the text size changed: what depends on them is
        prepared again once the window keeps its new size a moment."""
        if not self._planned:
            return  # the first plan will use the new window
        self.jobs = deque(job for job in self.jobs if not job[0].startswith("window:"))
        self.jobs.extend(self._window_jobs())
        self._not_before = time.monotonic() + SETTLE_SECONDS

    # ------------------------------------------------------------ the jobs

    def _plan(self) -> None:
        if self._planned:
            return
        self._planned = True
        # The saved games' store: its code stays off the first frame when nothing is saved
        # (App.nothing_saved), and the first game started needs it.
        self.jobs.append(("the saved games", lambda: self.app.store))
        modules = [*SHARED_MODULES, *(path.split(":")[0] for path in SCENES.values())]
        self.jobs.append(("big blocks given back", _give_back_big_blocks))
        self.jobs.extend((f"import {name}", _importer(name)) for name in modules)
        self.jobs.append(("words", self.app.words))
        self.jobs.append(("the computer's fonts", _find_system_fonts))
        self.jobs.extend(self._window_jobs())

    def _window_jobs(self) -> list[Job]:
        theme = self.app.look.theme
        jobs: list[Job] = [("window: the table's kept surface", self._table_surface)]
        jobs += self._font_jobs(named_sizes(theme))
        jobs.append(("window: How to play's pages", self._how_to_play))
        jobs += self._font_jobs(derived_sizes(theme))
        return jobs

    def _font_jobs(self, sizes: list[tuple[int, bool]]) -> list[Job]:
        jobs: list[Job] = []
        for size, bold in sizes:
            if (size, bold) in self._warmed:
                continue
            weight = "bold" if bold else "regular"
            for part, glyphs in enumerate(GLYPHS, 1):
                name = f"window: glyphs {size} {weight} {part}/{len(GLYPHS)}"
                jobs.append((name, _glypher(self, size, bold, glyphs, part == len(GLYPHS))))
        return jobs

    def _load_glyphs(self, size: int, bold: bool, glyphs: str, last: bool) -> None:
        # Drawing them loads both what measuring needs and what drawing needs.
        self.app.text.font(size, bold).render(glyphs, True, BLACK)
        if last:
            self._warmed.add((size, bold))

    def _table_surface(self) -> None:
        from game.ui.scenes.table import frames

        frames.prepare_kept_surface(self.app.screen)

    def _how_to_play(self) -> None:
        from game.ui.scenes.registry import scene_class

        # Its layout pages all of it: the wraps and widths stay in the text's caches.
        scene_class("how_to_play")(self.app).layout(self.app.size)


def _find_system_fonts() -> None:
    """The computer's fonts, read from their cache (about 18 ms; 100 ms the first time on a
    computer): a Japanese card or an Arabic name then draws at once. Never before the first
    frame. On this thread: one of its own kept a malloc arena of its own, megabytes of RSS."""
    from game.fonts.system import system_fonts

    system_fonts()


def _importer(name: str) -> Callable[[], object]:
    def load() -> object:
        import importlib

        return importlib.import_module(name)

    return load


def _glypher(warmup: Warmup, size: int, bold: bool, glyphs: str, last: bool) -> Callable[[], None]:
    return lambda: warmup._load_glyphs(size, bold, glyphs, last)


def _give_back_big_blocks() -> None:
    from game.ui.heap import give_back_big_blocks

    give_back_big_blocks()
