"""Colours and sizes for each theme and text size.

Layouts are drawn in real pixels with one `scale` unit (1.0 at 1280x720), so text is
rendered sharp at any window size from 800x600 to 4K.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
# it is given as a string (a ForwardRef each), and Palette's and Theme's fields were that at every start
# (issue 27: 48 compiles, about 3 ms, before the title's first frame).

from typing import NamedTuple

RGB = tuple[int, int, int]

BASE_SIZE = (1280, 720)
TEXT_SCALES = {"normal": 1.0, "large": 1.15, "larger": 1.3}
THEME_NAMES = ("warm", "dark", "contrast")
TEXT_SIZE_NAMES = tuple(TEXT_SCALES)


class Palette(NamedTuple):
    background: RGB
    panel: RGB
    text: RGB
    muted: RGB
    accent: RGB  # primary buttons, the sharer's name
    accent_text: RGB
    button: RGB
    button_text: RGB
    hover: RGB
    focus: RGB  # the keyboard focus ring
    card: RGB
    card_edge: RGB
    card_text: RGB
    card_caption: RGB
    card_back: RGB
    wild: RGB
    wild_edge: RGB
    wild_text: RGB
    given: RGB  # an award that is marked
    given_text: RGB
    disabled: RGB
    shadow: RGB
    meter: RGB
    warning: RGB


WARM = Palette(
    background=(246, 236, 222),
    panel=(236, 222, 204),
    text=(58, 40, 32),
    muted=(120, 96, 82),
    accent=(176, 84, 58),
    accent_text=(255, 249, 240),
    button=(226, 208, 186),
    button_text=(58, 40, 32),
    hover=(214, 190, 164),
    focus=(40, 96, 140),
    card=(255, 252, 245),
    card_edge=(206, 170, 136),
    card_text=(48, 34, 28),
    card_caption=(150, 70, 48),
    card_back=(176, 84, 58),
    wild=(64, 78, 120),
    wild_edge=(240, 196, 96),
    wild_text=(255, 248, 230),
    given=(80, 128, 80),  # white on it 4.6:1 (was (96, 140, 88): 3.9:1)
    given_text=(255, 255, 255),
    disabled=(178, 164, 150),
    shadow=(214, 196, 176),
    # Bluer than `given`: apart from `accent` (the closeness "you", a chimed timer) under
    # deuteranopia too (ΔE00 12.9; (96, 140, 88) was 7.4), see docs/accessibility.md.
    meter=(88, 136, 104),
    warning=(160, 60, 40),
)

DARK = Palette(
    background=(34, 30, 36),
    panel=(48, 42, 50),
    text=(240, 230, 218),
    muted=(178, 164, 156),
    accent=(222, 132, 96),
    accent_text=(30, 22, 20),
    button=(70, 62, 72),
    button_text=(240, 230, 218),
    hover=(92, 82, 96),
    focus=(120, 190, 240),
    card=(250, 242, 228),
    card_edge=(150, 120, 100),
    card_text=(40, 30, 26),
    card_caption=(150, 74, 56),
    card_back=(150, 74, 56),
    wild=(86, 104, 160),
    wild_edge=(240, 196, 96),
    wild_text=(255, 248, 230),
    given=(110, 170, 104),
    given_text=(20, 24, 20),
    disabled=(100, 92, 100),
    shadow=(22, 20, 24),
    meter=(128, 192, 152),  # apart from `accent` in every colour vision (was 5.5: protanopia)
    warning=(240, 140, 110),
)

CONTRAST = Palette(
    background=(0, 0, 0),
    panel=(20, 20, 20),
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(255, 230, 0),
    accent_text=(0, 0, 0),
    button=(0, 0, 0),
    button_text=(255, 255, 255),
    hover=(60, 60, 60),
    focus=(0, 200, 255),
    card=(255, 255, 255),
    card_edge=(255, 230, 0),
    card_text=(0, 0, 0),
    card_caption=(0, 0, 0),
    card_back=(255, 230, 0),
    wild=(0, 0, 120),
    wild_edge=(255, 230, 0),
    wild_text=(255, 255, 255),
    given=(0, 220, 0),  # black on bright green (11:1); white on (0, 160, 0) was only 3.5:1
    given_text=(0, 0, 0),
    disabled=(140, 140, 140),
    shadow=(0, 0, 0),
    meter=(0, 200, 0),
    warning=(255, 120, 120),
)

PALETTES = {"warm": WARM, "dark": DARK, "contrast": CONTRAST}


class Theme(NamedTuple):
    """A palette plus the pixel sizes for one window size and text size."""

    palette: Palette
    scale: float  # 1.0 at 1280x720
    text_scale: float
    border: int  # outline width for buttons in the high-contrast theme

    @classmethod
    def make(cls, name: str, text_size: str, window: tuple[int, int]) -> "Theme":
        palette = PALETTES.get(name, WARM)
        scale = min(window[0] / BASE_SIZE[0], window[1] / BASE_SIZE[1])
        return cls(
            palette=palette,
            scale=max(scale, 0.3),
            text_scale=TEXT_SCALES.get(text_size, 1.0),
            border=2 if palette is CONTRAST else 0,
        )

    def px(self, value: float) -> int:
        """A layout length, scaled to the window."""
        return max(1, round(value * self.scale))

    def font_px(self, value: float, floor: int = 14) -> int:
        """A text size, scaled to the window and the player's text size, never unreadably small."""
        return max(floor, round(value * self.scale * self.text_scale))

    # Named text sizes used across the scenes (pixels at 1280x720, normal text size).
    @property
    def huge(self) -> int:
        return self.font_px(64, 30)

    @property
    def title(self) -> int:
        return self.font_px(46, 26)

    @property
    def heading(self) -> int:
        return self.font_px(34, 22)

    @property
    def body(self) -> int:
        return self.font_px(27, 17)

    @property
    def small(self) -> int:
        return self.font_px(22, 15)

    @property
    def card_text(self) -> int:
        return self.font_px(38, 20)


# The phones' page wears the table's colours, so a phone looks like the table.
CSS_COLOURS = {
    "background": "background",
    "panel": "panel",
    "text": "text",
    "muted": "muted",
    "accent": "accent",
    "accent-text": "accent_text",
    "button": "button",
    "button-text": "button_text",
    "card": "card",
    "card-edge": "card_edge",
    "card-text": "card_text",
    "card-caption": "card_caption",  # the card's level, on the card
    "given": "given",
    "given-text": "given_text",
    "wild": "wild",
    "wild-text": "wild_text",
    "disabled": "disabled",
}


def css_palette(pal: Palette) -> dict[str, str]:
    """The palette as CSS colours, by the names the phones' page uses."""
    colours = {name: getattr(pal, field)[:3] for name, field in CSS_COLOURS.items()}
    return {name: "#" + "".join(f"{c:02x}" for c in rgb) for name, rgb in colours.items()}
