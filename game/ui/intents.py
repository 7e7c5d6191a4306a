"""Raw pygame events become intents here, and only here: scenes never see keycodes.

Keyboard, mouse and touchpad share one path. When a scene has a text field in focus,
letters arrive as TEXT (from SDL's text input, so accents and other layouts work) and
the letter shortcuts (P, X, F, ...) are off.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
# it is given as a string (a ForwardRef each), and Intent's fields were that at every start
# (issue 27: 48 compiles, about 3 ms, before the title's first frame).

import enum
from typing import NamedTuple

import pygame


class Kind(enum.Enum):
    CONFIRM = "confirm"  # Enter, Space
    BACK = "back"  # Esc
    NEXT = "next"  # Tab, Down
    PREVIOUS = "previous"  # Shift+Tab, Up
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    NUMBER = "number"  # 1..9: awards, shown on screen
    PASS = "pass"  # P
    LIGHTER = "lighter"  # L: a card from a lighter level
    SKIP = "skip"  # X
    FEELINGS = "feelings"  # F: the feelings palette
    HINTS = "hints"  # H: the card's follow-ups and the listener starters
    UNDO = "undo"  # U, Backspace: take back the last award
    END_GAME = "end_game"  # E
    TIMER = "timer"  # T: pause or restart the gentle timer
    MUTE = "mute"  # M
    STAR = "star"  # S: star the card on the table (a favourite), or take the star away
    NOT_FOR_US = "not_for_us"  # N: this card is never dealt to this group again
    READ_ALOUD = "read_aloud"  # A: read the card aloud
    READ_IDEAS = "read_ideas"  # I: read the card's follow-ups aloud
    VERSION = "version"  # V: the deck page: play the deck in another of its languages
    POINT = "point"  # the mouse moved
    CLICK = "click"  # left button pressed
    SCROLL = "scroll"  # wheel: number is +1 up, -1 down
    TEXT = "text"  # typed characters
    BACKSPACE = "backspace"
    DELETE = "delete"
    HOME = "home"
    END = "end"
    FULLSCREEN = "fullscreen"  # F11 (the app handles it)
    QUIT = "quit"  # the window's close button (the app handles it)


class Intent(NamedTuple):
    kind: Kind
    pos: tuple[int, int] = (0, 0)
    text: str = ""
    number: int = 0


_ALWAYS = {
    pygame.K_RETURN: Kind.CONFIRM,
    pygame.K_KP_ENTER: Kind.CONFIRM,
    pygame.K_ESCAPE: Kind.BACK,
    pygame.K_UP: Kind.UP,
    pygame.K_DOWN: Kind.DOWN,
    pygame.K_LEFT: Kind.LEFT,
    pygame.K_RIGHT: Kind.RIGHT,
    pygame.K_F11: Kind.FULLSCREEN,
    pygame.K_PAGEUP: Kind.UP,
    pygame.K_PAGEDOWN: Kind.DOWN,
}
_EDITING = {
    pygame.K_BACKSPACE: Kind.BACKSPACE,
    pygame.K_DELETE: Kind.DELETE,
    pygame.K_HOME: Kind.HOME,
    pygame.K_END: Kind.END,
}
_SHORTCUTS = {
    pygame.K_SPACE: Kind.CONFIRM,
    pygame.K_p: Kind.PASS,
    pygame.K_x: Kind.SKIP,
    pygame.K_l: Kind.LIGHTER,
    pygame.K_f: Kind.FEELINGS,
    pygame.K_h: Kind.HINTS,
    pygame.K_u: Kind.UNDO,
    pygame.K_BACKSPACE: Kind.UNDO,
    pygame.K_e: Kind.END_GAME,
    pygame.K_t: Kind.TIMER,
    pygame.K_m: Kind.MUTE,
    pygame.K_s: Kind.STAR,
    pygame.K_n: Kind.NOT_FOR_US,
    pygame.K_a: Kind.READ_ALOUD,
    pygame.K_i: Kind.READ_IDEAS,
    pygame.K_v: Kind.VERSION,
}
_NUMBERS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}


def translate(event: pygame.event.Event, text_mode: bool = False) -> list[Intent]:
    """The intents one event means (usually none or one)."""
    kind = event.type
    if kind == pygame.QUIT:
        return [Intent(Kind.QUIT)]
    if kind == pygame.MOUSEMOTION:
        return [Intent(Kind.POINT, pos=tuple(event.pos))]
    if kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return [Intent(Kind.CLICK, pos=tuple(event.pos))]
    if kind == pygame.MOUSEWHEEL:
        return [Intent(Kind.SCROLL, number=1 if event.y > 0 else -1)] if event.y else []
    if kind == pygame.TEXTINPUT:
        return [Intent(Kind.TEXT, text=event.text)] if text_mode else []
    if kind == pygame.KEYDOWN:
        return _key(event, text_mode)
    return []


def _key(event: pygame.event.Event, text_mode: bool) -> list[Intent]:
    key = event.key
    if key == pygame.K_TAB:
        backwards = bool(event.mod & pygame.KMOD_SHIFT)
        return [Intent(Kind.PREVIOUS if backwards else Kind.NEXT)]
    if key in _ALWAYS:
        return [Intent(_ALWAYS[key])]
    if text_mode:
        return [Intent(_EDITING[key])] if key in _EDITING else []
    if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return []
    if key in _NUMBERS:
        return [Intent(Kind.NUMBER, number=_NUMBERS[key])]
    if key in _SHORTCUTS:
        return [Intent(_SHORTCUTS[key])]
    return []
