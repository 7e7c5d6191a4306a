"""A button's colours: its fill and its words, by style, and as the pointer hovers."""

from __future__ import annotations

import colorsys

from game.ui.look import Look
from game.ui.theme import RGB


def button_colours(look: Look, style: str, enabled: bool, hovered: bool) -> tuple[RGB, RGB]:
    """(fill, ink) of a button. Hover looks more active, never paler and never like disabled:
    a coloured button keeps its hue and saturation and moves further from its text; a plain
    one takes the hover colour, further from the page and from the disabled fill."""
    pal = look.pal
    if not enabled:
        return pal.panel, pal.disabled
    fill, ink = pal.button, pal.button_text
    if style == "primary":
        fill, ink = pal.accent, pal.accent_text
    elif style == "on":
        fill, ink = pal.given, pal.given_text
    elif style == "quiet":
        fill = pal.background
    if not hovered:
        return fill, ink
    if style in ("primary", "on"):
        return _stronger(fill, ink), ink
    return pal.hover, ink


def _stronger(fill: RGB, ink: RGB) -> RGB:
    """The fill in the same hue and saturation, lighter under dark words, darker under light."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in fill))
    if _luminance(ink) < _luminance(fill):
        value = min(1.0, value + 0.12)
    else:
        value *= 0.8
    r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(r * 255), round(g * 255), round(b * 255)


def _luminance(colour: RGB) -> float:
    r, g, b = colour
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
