"""Fonts with fallback, wrap-and-shrink-to-fit, ellipsis, and a cache of rendered text.

pygame does no font fallback: a string is split into runs, each drawn with the first
bundled font that has all its characters (Atkinson Hyperlegible, then Noto Sans for
Greek and Cyrillic). A character no font has becomes "?" rather than an empty box.
A fallback font is scaled so its capitals stand as tall as the main font's, and every
line sits in the main font's line box on its baseline, so "Γιώργος" lines up with "Eli".

pygame returns a new Surface on every render, so rendered lines are cached, and so are
widths, runs, wraps and fits (a frame asks for the same ones again). Every cache is
bounded, so an evening of new cards and names costs the same memory at turn 1,000 as at
turn 100 (docs/performance.md, "Memory over an evening"):

- rendered lines by their bytes, least recently drawn first out: two screens' worth of
  pixels, never under 16 MB nor over 64 MB (`surface_budget`);
- the measuring caches by entries (`WIDTHS_KEPT` and the others), in two generations: a
  full generation becomes the old one, and whatever is asked for again moves back, so what
  the screen uses stays and what nobody asked for since is dropped.

Something that fades draws one cached surface with `alpha`, never a new colour a frame.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

import pygame

from game.resources import assets_dir
from game.ui.glyphs import cap_height, codepoints

Colour = tuple[int, int, int] | tuple[int, int, int, int]
K = TypeVar("K")
V = TypeVar("V")
ELLIPSIS = "…"

MB = 1024 * 1024
# Rendered text kept, in bytes: two screens' worth of pixels (32-bit), within 16-64 MB.
# Measured (docs/performance.md): every screen of the game drawn once (title, new game,
# each table phase with twelve players, summary, how to play, settings, level change)
# holds 1.6 screens' worth of text at 1280x720, 1920x1080 and 3840x2160 alike (5.7, 12.4
# and 48.7 MB); the busiest alone (the table while sharing) about a third of a screen.
# So two screens' worth keeps every screen and this turn's new lines at once: going back
# to a screen never draws its text again. The floor keeps small windows generous; the
# ceiling is a 4K window's two screens.
SCREENS_KEPT = 2
SURFACE_BUDGET_MIN = 16 * MB
SURFACE_BUDGET_MAX = 64 * MB
# Entries kept by the measuring caches, half of them in each generation. Every screen of
# the game at once asks for about 2,000 widths, 1,700 runs, 170 wraps and 40 fits (How to
# play alone 1,200 widths); a turn at the table adds about 15 widths and 2 fits. So a
# generation holds every screen's with room to spare, and hits stay hits all evening.
WIDTHS_KEPT = 8_192
RUNS_KEPT = 8_192
WRAPS_KEPT = 1_024
FITS_KEPT = 1_024


def surface_budget(size: tuple[int, int] | None) -> int:
    """Bytes of rendered text kept for a window of `size` (None: not open yet)."""
    if size is None:
        return SURFACE_BUDGET_MIN
    width, height = size
    return min(SURFACE_BUDGET_MAX, max(SURFACE_BUDGET_MIN, SCREENS_KEPT * width * height * 4))


def surface_bytes(surface: pygame.Surface) -> int:
    """The pixel memory a surface holds (its rows may be padded past width x 4)."""
    return surface.get_pitch() * surface.get_height()


class _Memo(dict[K, V]):
    """A dict of at most `limit` entries: two generations, the older dropped as a whole.

    Read it with `find` (a miss in the new generation looks in the old one and brings the
    entry back; a miss in both is None, not an exception: a new screen misses hundreds).
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.half = max(1, limit // 2)
        self.old: dict[K, V] = {}

    def find(self, key: K) -> V | None:
        value = self.get(key)
        if value is None and key in self.old:
            self.add(key, value := self.old.pop(key))
        return value

    def add(self, key: K, value: V) -> None:
        self[key] = value
        if dict.__len__(self) >= self.half:
            self.old = dict(self)
            self.clear()

    def entries(self) -> int:
        return dict.__len__(self) + len(self.old)


class Face(NamedTuple):
    path: Path
    synthetic_bold: bool = False


class Fitted(NamedTuple):
    """Lines of text at a size chosen so the block fits a box."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    bold: bool

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def default_faces() -> tuple[tuple[Face, ...], tuple[Face, ...]]:
    fonts = assets_dir() / "fonts"
    noto = fonts / "NotoSans-Variable.ttf"
    regular = (Face(fonts / "AtkinsonHyperlegible-Regular.ttf"), Face(noto))
    bold = (Face(fonts / "AtkinsonHyperlegible-Bold.ttf"), Face(noto, synthetic_bold=True))
    return regular, bold


class Text:
    """Measures, wraps and renders text; it keeps what it can, within bounds.

    `budget` fixes the bytes of rendered text kept; by default it follows the window
    (`surface_budget`).
    """

    def __init__(
        self,
        faces: tuple[Sequence[Face], Sequence[Face]] | None = None,
        budget: int | None = None,
    ) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        regular, bold = faces or default_faces()
        self._chains = {False: tuple(regular), True: tuple(bold)}
        self._fonts: dict[tuple[Face, int], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple[str, int, tuple[int, ...], bool], pygame.Surface] = (
            OrderedDict()
        )
        self._surface_bytes = 0
        self._budget = budget  # None: `surface_budget` of the window open now
        self._widths: _Memo[tuple[str, int, bool], int] = _Memo(WIDTHS_KEPT)
        self._runs: _Memo[tuple[str, bool], tuple[tuple[int, str], ...]] = _Memo(RUNS_KEPT)
        self._wraps: _Memo[tuple[str, int, int, bool], tuple[str, ...]] = _Memo(WRAPS_KEPT)
        self._fits: _Memo[tuple[str, int, int, int, int, bool], Fitted] = _Memo(FITS_KEPT)
        self._scales: dict[tuple[bool, int], float] = {}
        self._main = {bold: codepoints(chain[0].path) for bold, chain in self._chains.items()}

    # ------------------------------------------------------------ fonts

    def font(self, size: int, bold: bool = False, face: int = 0) -> pygame.font.Font:
        """`face` of the chain at `size`. A fallback face is one object set to each size: a new
        one cost 20 ms and 1.3 MB (Noto's first measure), a size change 0.2 ms, same pixels."""
        chosen = self._chains[bold][face]
        if face:
            size = max(1, round(size * self._fallback_scale(bold, face)))
        key = (chosen, 0 if face else size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(chosen.path), size)
            if chosen.synthetic_bold:
                font.bold = True
            self._fonts[key] = font
        elif face and font.point_size != size:
            font.point_size = size
        return font

    def _fallback_scale(self, bold: bool, face: int) -> float:
        """How much smaller (or larger) a fallback face is drawn: its capitals match the main's.

        Noto Sans's capitals are 7 % taller than Atkinson's at the same size, so Greek and
        Cyrillic names looked bigger than Latin ones beside them.
        """
        key = (bold, face)
        scale = self._scales.get(key)
        if scale is None:
            chain = self._chains[bold]
            main, other = cap_height(chain[0].path), cap_height(chain[face].path)
            scale = main / other if main and other else 1.0
            self._scales[key] = scale
        return scale

    def runs(self, text: str, bold: bool = False) -> tuple[tuple[int, str], ...]:
        """Split text into (face index, substring) runs so every character has a glyph."""
        key = (text, bold)
        found = self._runs.find(key)
        if found is not None:
            return found
        chain, first = self._chains[bold], self._main[bold]
        if first.issuperset(map(ord, text)):  # nearly all text: all in the main font, no loop
            result = ((0, text),) if text else ()
            self._runs.add(key, result)
            return result
        runs: list[tuple[int, str]] = []
        for char in text:
            point = ord(char)
            # A fallback font's table is read only when a character needs it (Noto's
            # takes about 3 ms, and most text never does).
            face = (
                0
                if point in first
                else next(
                    (i for i in range(1, len(chain)) if point in codepoints(chain[i].path)),
                    None,
                )
            )
            if face is None:
                face, char = 0, "?"
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        result = tuple(runs)
        self._runs.add(key, result)
        return result

    def line_height(self, size: int, bold: bool = False) -> int:
        return int(self.font(size, bold).get_linesize() * 1.08)

    # ------------------------------------------------------------ measuring

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, size, bold)
        found = self._widths.find(key)
        if found is None:
            if self._main[bold].issuperset(map(ord, text)):  # one run, no splitting
                found = self.font(size, bold).size(text)[0]
            else:
                runs = self.runs(text, bold)
                found = sum(self.font(size, bold, face).size(run)[0] for face, run in runs)
            self._widths.add(key, found)
        return found

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Break text into lines no wider than `width`; explicit newlines are kept."""
        key = (text, size, width, bold)
        found = self._wraps.find(key)
        if found is None:
            found = tuple(self._wrap(text, size, width, bold))
            self._wraps.add(key, found)
        return list(found)

    def _wrap(self, text: str, size: int, width: int, bold: bool) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if self.width(paragraph, size, bold) <= width:
                lines.append(paragraph)  # a name, a label: one line, one measure
                continue
            by_words = self._wrap_by_words(paragraph, size, width, bold)
            # A line's width is its words' and spaces' added up: one measure a word, not one
            # a word for each word before it (a page of How to play took 80 ms). Kerning could
            # make the sum differ, so each line is measured; one too wide takes the exact way.
            if all(self.width(line, size, bold) <= width for line in by_words):
                lines.extend(by_words)
            else:
                lines.extend(self._wrap_exactly(paragraph, size, width, bold))
        return lines

    def _wrap_by_words(self, paragraph: str, size: int, width: int, bold: bool) -> list[str]:
        space = self.width(" ", size, bold)
        lines: list[str] = []
        line: list[str] = []
        line_width = 0
        for word in paragraph.split(" "):
            word_width = self.width(word, size, bold)
            if line and line_width + space + word_width <= width:
                line.append(word)
                line_width += space + word_width
                continue
            if line:
                lines.append(" ".join(line))
            while word_width > width and len(word) > 1:
                cut = self._longest_prefix(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = self.width(word, size, bold)
            line, line_width = [word], word_width
        lines.append(" ".join(line))
        return lines

    def _wrap_exactly(self, paragraph: str, size: int, width: int, bold: bool) -> list[str]:
        lines: list[str] = []
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if self.width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while self.width(word, size, bold) > width and len(word) > 1:
                cut = self._longest_prefix(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
        return lines

    def _longest_prefix(self, word: str, size: int, width: int, bold: bool) -> int:
        cut = 1
        while cut < len(word) and self.width(word[: cut + 1], size, bold) <= width:
            cut += 1
        return cut

    def fit(
        self,
        text: str,
        box: tuple[int, int],
        size: int,
        min_size: int = 10,
        bold: bool = False,
    ) -> Fitted:
        """Wrap at the largest size (down to `min_size`) whose block fits the box.

        If even `min_size` is too big, the lines that fit are kept and the last ends in "…",
        so text never spills out of its box.
        """
        key = (text, box[0], box[1], size, min_size, bold)
        fitted = self._fits.find(key)
        if fitted is None:
            fitted = self._fit(text, box, size, min_size, bold)
            self._fits.add(key, fitted)
        return fitted

    def _fit(self, text: str, box: tuple[int, int], size: int, min_size: int, bold: bool) -> Fitted:
        width, height = max(1, box[0]), max(1, box[1])
        size = max(size, 1)
        min_size = min(min_size, size)
        while True:
            lines = self.wrap(text, size, width, bold)
            line_height = self.line_height(size, bold)
            if line_height * len(lines) <= height or size <= min_size:
                break
            size = max(min_size, int(size * 0.92))
        keep = max(1, height // line_height)
        if len(lines) > keep:
            lines = lines[:keep]
            lines[-1] = self.ellipsize(lines[-1] + ELLIPSIS, size, width, bold)
        return Fitted(tuple(lines), size, line_height, bold)

    def fits(self, text: str, box: tuple[int, int], size: int, bold: bool = False) -> bool:
        """Whether the whole of `text`, wrapped at `size`, fits the box without cutting."""
        lines = self.wrap(text, size, max(1, box[0]), bold)
        widest = max((self.width(line, size, bold) for line in lines), default=0)
        return widest <= box[0] and self.line_height(size, bold) * len(lines) <= box[1]

    def largest_size(
        self, texts: Sequence[str], width: int, size: int, min_size: int, bold: bool = False
    ) -> int:
        """The largest size, down to `min_size`, at which every one of `texts` fits on one line."""
        while size > min_size and any(self.width(t, size, bold) > width for t in texts):
            size = max(min_size, int(size * 0.92))
        return size

    def ellipsize(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """Shorten text with "…" until it fits `width` (long names, headings)."""
        if self.width(text, size, bold) <= width:
            return text
        base = text.rstrip(ELLIPSIS)
        low, high = 0, len(base)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(base[:middle].rstrip() + ELLIPSIS, size, bold) <= width:
                low = middle
            else:
                high = middle - 1
        return base[:low].rstrip() + ELLIPSIS

    # ------------------------------------------------------------ rendering

    def render(self, text: str, size: int, colour: Colour, bold: bool = False) -> pygame.Surface:
        key = (text, size, tuple(colour), bold)
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        surface = self._render_runs(text, size, colour, bold)
        self._surfaces[key] = surface
        self._surface_bytes += surface_bytes(surface)
        budget = self.surface_budget()
        # The least recently drawn go first; the line just drawn stays even if alone it
        # is over the budget (it is on screen).
        while self._surface_bytes > budget and len(self._surfaces) > 1:
            _, dropped = self._surfaces.popitem(last=False)
            self._surface_bytes -= surface_bytes(dropped)
        return surface

    def surface_budget(self) -> int:
        """Bytes of rendered text kept: fixed, or two screens' worth of the open window."""
        if self._budget is not None:
            return self._budget
        screen = pygame.display.get_surface() if pygame.display.get_init() else None
        return surface_budget(screen.get_size() if screen is not None else None)

    def stats(self) -> dict[str, int]:
        """What the caches hold now: rendered lines and their bytes, and each memo's entries."""
        return {
            "surfaces": len(self._surfaces),
            "surface_bytes": self._surface_bytes,
            "surface_budget": self.surface_budget(),
            "widths": self._widths.entries(),
            "runs": self._runs.entries(),
            "wraps": self._wraps.entries(),
            "fits": self._fits.entries(),
            "fonts": len(self._fonts),
        }

    def _render_runs(self, text: str, size: int, colour: Colour, bold: bool) -> pygame.Surface:
        runs = self.runs(text, bold) or ((0, ""),)
        main = self.font(size, bold)
        if len(runs) == 1 and runs[0][0] == 0:
            return main.render(runs[0][1], True, colour)
        # Every run on the main font's baseline, in its line box: a line with Greek or
        # Cyrillic in it is as tall, and sits where, a Latin one would.
        pieces = [(self.font(size, bold, face), run) for face, run in runs]
        width = sum(font.size(run)[0] for font, run in pieces)
        surface = pygame.Surface((max(1, width), main.get_height()), pygame.SRCALPHA)
        x = 0
        for font, run in pieces:
            rendered = font.render(run, True, colour)
            surface.blit(rendered, (x, main.get_ascent() - font.get_ascent()))
            x += rendered.get_width()
        return surface

    def draw(
        self,
        target: pygame.Surface,
        text: str,
        size: int,
        colour: Colour,
        at: tuple[int, int],
        bold: bool = False,
        anchor: str = "topleft",
        alpha: int = 255,
    ) -> pygame.Rect:
        """Draw one line; `alpha` below 255 draws it see-through (a fade)."""
        surface = self.render(text, size, colour, bold)
        rect = surface.get_rect(**{anchor: at})
        _blit(target, surface, rect, alpha)
        return rect

    def draw_fitted(
        self,
        target: pygame.Surface,
        fitted: Fitted,
        colour: Colour,
        box: pygame.Rect,
        align: str = "left",
        valign: str = "top",
        alpha: int = 255,
    ) -> pygame.Rect:
        """Draw fitted lines inside `box`; returns the rect the text covers.

        `alpha` below 255 draws them see-through: a fade draws the same cached lines each
        frame at a rising alpha, rather than new ones in a new colour.
        """
        top = box.top
        if valign == "middle":
            top = box.top + (box.height - fitted.height) // 2
        elif valign == "bottom":
            top = box.bottom - fitted.height
        covered = pygame.Rect(box.left, top, 0, 0)
        for i, line in enumerate(fitted.lines):
            surface = self.render(line, fitted.size, colour, fitted.bold)
            x = box.centerx if align == "center" else box.right if align == "right" else box.left
            anchor = {"center": "midtop", "right": "topright"}.get(align, "topleft")
            rect = surface.get_rect(**{anchor: (x, top + i * fitted.line_height)})
            _blit(target, surface, rect, alpha)
            covered = covered.union(rect) if covered.size != (0, 0) else rect
        return covered


def _blit(target: pygame.Surface, surface: pygame.Surface, rect: pygame.Rect, alpha: int) -> None:
    """Blit a cached surface, see-through if `alpha` < 255, and leave it as it was.

    The surface's own alpha multiplies its pixels' for this one blit: over a plain
    background that is the colour a lerp towards it would give (within one step in 255).
    """
    if alpha >= 255:
        target.blit(surface, rect)
        return
    if alpha <= 0:
        return
    before = surface.get_alpha()
    surface.set_alpha(alpha)
    try:
        target.blit(surface, rect)
    finally:
        surface.set_alpha(before)
