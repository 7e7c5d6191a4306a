"""The small life every scene shares: enter, layout, handle an intent, update, draw, exit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent

if TYPE_CHECKING:
    from game.content.ui_text import UiText
    from game.ui.app import App
    from game.ui.look import Look


class Scene:
    wants_text = False  # True while a text field has focus: letters arrive as TEXT

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def t(self) -> UiText:
        return self.app.t

    @property
    def look(self) -> Look:
        return self.app.look

    def enter(self) -> None:
        """Called each time the scene is shown (again)."""

    def tell(self, sentence: str) -> None:
        """Show one calm sentence from the app (phones could not start); pages with a
        message line override this."""

    def exit(self) -> None:
        """Called when another scene takes over."""

    def layout(self, size: tuple[int, int]) -> None:
        """Place everything for this window size and theme (called on enter and on resize)."""

    def handle(self, intent: Intent) -> None:
        """React to one intent."""

    def update(self, dt: float) -> None:
        """Advance animations and clocks by `dt` seconds."""

    @property
    def keeps_table_time(self) -> bool:
        """Whether the evening's clock runs while this screen is up (the table, not a menu)."""
        return False

    def animating(self) -> bool:
        """True while something moves: the app then draws at 60 fps instead of waiting."""
        return False

    def wake_every(self) -> float | None:
        """Seconds between redraws when idle (a ticking timer), or None to sleep until an event."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen. Drawing never changes game state."""

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        """Where a click on this screen does something, as (what, the part of the window):
        each button's part on screen (rows scrolled away are left out). Screens with more
        to click (pictures, a "more" line) add theirs. Read only: tests check that no two
        overlap and none leaves the window."""
        group = getattr(self, "buttons", None)
        buttons = getattr(group, "buttons", group) or []
        return [(b.id, b.shown) for b in buttons if b.shown.width > 0 and b.shown.height > 0]

    def focus_words(self) -> str:
        """What has the keyboard's focus, said aloud (self-voicing): the focused button's
        label and its key; "" when nothing has focus."""
        group = getattr(self, "buttons", None)
        focused = getattr(group, "focused_id", None)
        getter = getattr(group, "get", None)
        button = getter(focused) if focused and getter is not None else None
        if button is None:
            return ""
        if button.hint and button.label:
            return str(self.t("speech_offer", label=button.label, press=button.hint))
        return str(button.label or button.hint)

    def present(self, surface: pygame.Surface) -> None:
        """Draw the frame the loop shows; a scene may draw only what changed (the table)."""
        self.draw(surface)
