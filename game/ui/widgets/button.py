"""Buttons with a key hint, visible hover and keyboard focus, and the group that moves focus."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pygame

from game.ui.intents import Intent, Kind
from game.ui.look import Look
from game.ui.widgets.marks import ARROWS, draw_arrow

STYLES = ("normal", "primary", "on", "quiet")


@dataclasses.dataclass
class Button:
    id: str
    label: str
    rect: pygame.Rect
    hint: str = ""  # the key that does the same, shown in a small chip
    enabled: bool = True
    style: str = "normal"  # normal | primary | on (a marked toggle) | quiet
    size: int | None = None  # text size; the theme's body size by default


class ButtonGroup:
    """A row or column of buttons: the mouse hovers and clicks, Tab and arrows move focus.

    Focus starts hidden so Enter can mean the screen's main action; the first Tab or
    arrow shows it.
    """

    def __init__(self) -> None:
        self.buttons: list[Button] = []
        self.focus: int | None = None
        self.hover: str | None = None

    def set(self, buttons: Sequence[Button], focus: str | None = None) -> None:
        focused = focus or self.focused_id
        self.buttons = list(buttons)
        ids = [b.id for b in self.buttons]
        self.focus = ids.index(focused) if focused in ids else None

    @property
    def focused_id(self) -> str | None:
        if self.focus is None or self.focus >= len(self.buttons):
            return None
        return self.buttons[self.focus].id

    def get(self, button_id: str) -> Button | None:
        return next((b for b in self.buttons if b.id == button_id), None)

    def focus_on(self, button_id: str) -> None:
        ids = [b.id for b in self.buttons]
        if button_id in ids:
            self.focus = ids.index(button_id)

    def move_by_arrows(self, intent: Intent) -> bool:
        """Left/Up and Right/Down move the focus along the row; True when the arrow was used."""
        if intent.kind in (Kind.LEFT, Kind.UP):
            self.move(-1)
            return True
        if intent.kind in (Kind.RIGHT, Kind.DOWN):
            self.move(1)
            return True
        return False

    def move(self, step: int) -> None:
        usable = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not usable:
            self.focus = None
            return
        if self.focus is None or self.focus not in usable:
            self.focus = usable[0] if step > 0 else usable[-1]
            return
        at = usable.index(self.focus)
        self.focus = usable[(at + step) % len(usable)]

    def hit(self, pos: tuple[int, int]) -> Button | None:
        return next((b for b in self.buttons if b.rect.collidepoint(pos)), None)

    def handle(self, intent: Intent) -> str | None:
        """Returns the id of a button pressed by this intent, if any."""
        if intent.kind is Kind.POINT:
            button = self.hit(intent.pos)
            self.hover = button.id if button and button.enabled else None
        elif intent.kind is Kind.CLICK:
            button = self.hit(intent.pos)
            if button and button.enabled:
                self.focus = self.buttons.index(button)
                return button.id
        elif intent.kind is Kind.NEXT:
            self.move(1)
        elif intent.kind is Kind.PREVIOUS:
            self.move(-1)
        elif intent.kind is Kind.CONFIRM:
            focused = self.focused_id
            button = self.get(focused) if focused else None
            if button and button.enabled:
                return button.id
        return None

    def draw(self, target: pygame.Surface, look: Look) -> None:
        for i, button in enumerate(self.buttons):
            draw_button(target, look, button, self.hover == button.id, self.focus == i)


def draw_button(
    target: pygame.Surface, look: Look, button: Button, hovered: bool, focused: bool
) -> None:
    pal = look.pal
    rect = button.rect
    radius = look.px(14)
    fill, ink = pal.button, pal.button_text
    if button.style == "primary":
        fill, ink = pal.accent, pal.accent_text
    elif button.style == "on":
        fill, ink = pal.given, pal.given_text
    elif button.style == "quiet":
        fill = pal.background
    if not button.enabled:
        fill, ink = pal.panel, pal.disabled
    elif hovered:
        fill = _mix(fill, pal.hover, 0.55) if button.style != "normal" else pal.hover
    pygame.draw.rect(target, fill, rect, border_radius=radius)
    if look.theme.border or button.style == "quiet":
        pygame.draw.rect(
            target, pal.muted, rect, width=max(1, look.theme.border), border_radius=radius
        )
    if hovered and button.enabled:
        pygame.draw.rect(target, ink, rect, width=max(1, look.px(2)), border_radius=radius)
    if focused:
        ring = rect.inflate(look.px(10), look.px(10))
        pygame.draw.rect(
            target, pal.focus, ring, width=max(3, look.px(4)), border_radius=radius + look.px(5)
        )
    size = button.size or look.theme.body
    pad = look.px(14)
    inner = rect.inflate(-2 * pad, 0)
    x = inner.left
    if button.hint and not button.label:
        chip = _hint_chip(None, look, button.hint, (0, 0), ink, fill, size)  # measure only
        _hint_chip(
            target,
            look,
            button.hint,
            (rect.centerx - chip.width // 2, rect.centery),
            ink,
            fill,
            size,
        )
        return
    if button.hint:
        chip = _hint_chip(target, look, button.hint, (x, rect.centery), ink, fill, size)
        x = chip.right + look.px(10)
    space = max(inner.right - x, 10)
    text = look.text
    if "\n" not in button.label and text.width(button.label, size, True) <= space:
        width = text.width(button.label, size, True)
        x = rect.centerx - width // 2 if not button.hint else x + max(0, (space - width) // 2)
        text.draw(target, button.label, size, ink, (x, rect.centery), bold=True, anchor="midleft")
        return
    # Too wide for one line: wrap (two lines if the button is tall enough), shrinking a little.
    box = pygame.Rect(x, rect.top + look.px(4), space, rect.height - look.px(8))
    fitted = text.fit(button.label, box.size, size, max(12, int(size * 0.7)), bold=True)
    align = "center" if not button.hint else "left"
    if not button.hint:
        box.centerx = rect.centerx
    text.draw_fitted(target, fitted, ink, box, align=align, valign="middle")


def _hint_chip(target, look: Look, hint: str, midleft, ink, fill, size: int) -> pygame.Rect:
    """The key that does the same thing, in a small outlined chip (arrows are drawn)."""
    hint_size = max(12, int(size * 0.72))
    arrow = ARROWS.get(hint)
    if arrow:
        side = look.text.line_height(hint_size)
        surface = pygame.Surface((side, side), pygame.SRCALPHA)
        draw_arrow(surface, surface.get_rect().inflate(-side // 4, -side // 4), arrow, ink)
    else:
        surface = look.text.render(hint, hint_size, ink, bold=True)
    chip = surface.get_rect(midleft=midleft).inflate(look.px(12), look.px(6))
    chip.left = midleft[0]
    if target is None:  # only measuring
        return chip
    pygame.draw.rect(target, ink, chip, width=max(1, look.px(2)), border_radius=look.px(7))
    target.blit(surface, surface.get_rect(center=chip.center))
    return chip


def _mix(a, b, amount: float):
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


def column(
    ids_labels: Sequence[tuple[str, str, str]],
    area: pygame.Rect,
    height: int,
    gap: int,
) -> list[Button]:
    """Buttons stacked in a centred column: (id, label, hint) each."""
    buttons = []
    y = area.top
    for button_id, label, hint in ids_labels:
        buttons.append(
            Button(button_id, label, pygame.Rect(area.left, y, area.width, height), hint)
        )
        y += height + gap
    return buttons


def row(
    ids_labels: Sequence[tuple[str, str, str]],
    area: pygame.Rect,
    gap: int,
    widths: Sequence[float] | None = None,
) -> list[Button]:
    """Buttons side by side filling `area`; `widths` are relative weights."""
    count = len(ids_labels)
    if not count:
        return []
    weights = list(widths or [1.0] * count)
    free = area.width - gap * (count - 1)
    total = sum(weights)
    buttons, x = [], area.left
    for (button_id, label, hint), weight in zip(ids_labels, weights, strict=True):
        width = int(free * weight / total)
        buttons.append(Button(button_id, label, pygame.Rect(x, area.top, width, area.height), hint))
        x += width + gap
    return buttons
