"""A start, to the title's first frame: the settings, the words, the window, and (when it is
exactly what the title would draw) the title kept from the last start (game/ui/kept_frame.py),
shown before the window's code is even loaded; then the App, whose title follows on the
next frame."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.content.languages import chosen_language
from game.content.ui_text import UiText, UiTextError, load_ui_text
from game.store.settings import Settings, load_settings
from game.ui.window import (
    DEFAULT_WINDOW,
    EXIT_AFTER_FIRST_FRAME,
    FIRST_FRAME_LINE,
    KEPT_FRAME,
    init_pygame,
    nothing_in,
)

if TYPE_CHECKING:
    from pathlib import Path

    from game.table.host import Host
    from game.table.remote import RemoteFactory
    from game.ui.kept_frame import Kept


def _show_kept_title(
    saves: Path, settings: Settings, ui_text: UiText, windowed: bool
) -> tuple[Kept | None, bool] | None:
    """Open the window and show the title kept from the last start, if it is exactly what
    the title would draw now (game/ui/kept_frame.py). None: this start's title cannot be
    kept (full screen, a message to show, a save only the store can read, or turned off);
    else (what was shown, None if nothing; whether Continue shows)."""
    if os.environ.get(KEPT_FRAME) == "0" or (settings.fullscreen and not windowed):
        return None
    if nothing_in(saves):
        can_continue = False
    else:
        from game.store.peek import peek_unfinished

        unfinished = peek_unfinished(saves)
        if unfinished is None:
            return None  # the store reads it, and may have a sentence to show
        can_continue = unfinished
    from game.store.paths import cache_dir
    from game.ui import kept_frame

    pygame.display.set_caption("In Kind")  # as App._open_window opens it
    screen = pygame.display.set_mode(DEFAULT_WINDOW, pygame.RESIZABLE)
    shown = kept_frame.show(cache_dir(), screen, settings, ui_text, can_continue)
    if shown is not None and os.environ.get(EXIT_AFTER_FIRST_FRAME) == "1":
        print(FIRST_FRAME_LINE, flush=True)
    return shown, can_continue


def run(
    extra_decks: Sequence[str] = (),
    windowed: bool = False,
    phones: bool = False,
    open_phones: RemoteFactory | None = None,
    host: Host | None = None,
    language: str | None = None,
) -> int:
    """Open the window at the title screen and play until the players quit (in `language`
    if given, as Settings would choose it)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    settings, settings_message = load_settings()
    if language:
        try:
            settings = settings.replace(language=language)
        except ValueError as error:
            print(f"inkind: {error}", file=sys.stderr)
            return 2
    try:
        from game.store.paths import all_paths, cache_dir

        ui_text = load_ui_text(chosen_language(settings.language), cache_dir=cache_dir())
    except UiTextError as error:
        from game.content.terminal import escape

        lines = "\n".join(escape(line) for line in str(error).splitlines())
        print(f"inkind: the game's own words could not be read:\n{lines}", file=sys.stderr)
        return 1
    init_pygame()
    try:
        saves = all_paths()["saves"]
        kept = None if settings_message else _show_kept_title(saves, settings, ui_text, windowed)
        from game.ui.app import App  # after the kept frame, if there is one

        app = App(
            extra_decks=extra_decks,
            windowed=windowed,
            saves=saves,  # the store is made when first needed
            settings=settings,
            ui_text=ui_text,
            phones=phones,
            open_phones=open_phones,
            host=host,
        )
        app.settings_message = settings_message  # read here, before the words it chose
        app.kept_first = kept
        if os.environ.get("INKIND_AUTOPLAY") or os.environ.get("INKIND_REPORT_SAVES"):
            from game.ui import autoplay  # the crash test's scripted play: off unless asked for

            autoplay.install(app)

        app.reset("title")
        try:
            app.loop()
        finally:
            app.stop_phones()
    finally:
        pygame.quit()
    return 0
