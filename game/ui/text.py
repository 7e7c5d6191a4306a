"""Fonts with fallback, wrap-and-shrink-to-fit, ellipsis, and a cache of rendered text.

pygame does no font fallback: a string is split into runs, each drawn with the first
bundled font that has all its characters (Atkinson Hyperlegible, then Noto Sans for
Greek and Cyrillic). A character no font has becomes "?" rather than an empty box.
A fallback font is scaled so its capitals stand as tall as the main font's, and every
line sits in the main font's line box on its baseline, so "Γιώργος" lines up with "Eli".
pygame returns a new Surface on every render, so rendered lines are cached.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pygame

from game.resources import assets_dir
from game.ui.glyphs import cap_height, codepoints

Colour = tuple[int, int, int] | tuple[int, int, int, int]
_CACHE_LIMIT = 4000
ELLIPSIS = "…"


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
    """Measures, wraps and renders text; every result it can keep, it keeps."""

    def __init__(self, faces: tuple[Sequence[Face], Sequence[Face]] | None = None) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        regular, bold = faces or default_faces()
        self._chains = {False: tuple(regular), True: tuple(bold)}
        self._fonts: dict[tuple[Face, int], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._widths: dict[tuple[str, int, bool], int] = {}
        self._runs: dict[tuple[str, bool], tuple[tuple[int, str], ...]] = {}
        self._scales: dict[tuple[bool, int], float] = {}

    # ------------------------------------------------------------ fonts

    def font(self, size: int, bold: bool = False, face: int = 0) -> pygame.font.Font:
        chosen = self._chains[bold][face]
        if face:
            size = max(1, round(size * self._fallback_scale(bold, face)))
        key = (chosen, size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(chosen.path), size)
            if chosen.synthetic_bold:
                font.bold = True
            self._fonts[key] = font
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
        found = self._runs.get(key)
        if found is not None:
            return found
        chain = self._chains[bold]
        first = codepoints(chain[0].path)
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
        self._runs[key] = result
        return result

    def line_height(self, size: int, bold: bool = False) -> int:
        return int(self.font(size, bold).get_linesize() * 1.08)

    # ------------------------------------------------------------ measuring

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is None:
            found = sum(
                self.font(size, bold, face).size(run)[0] for face, run in self.runs(text, bold)
            )
            self._widths[key] = found
        return found

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Break text into lines no wider than `width`; explicit newlines are kept."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            line = ""
            for word in words:
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
        if len(self._surfaces) > _CACHE_LIMIT:
            self._surfaces.popitem(last=False)
        return surface

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
    ) -> pygame.Rect:
        surface = self.render(text, size, colour, bold)
        rect = surface.get_rect(**{anchor: at})
        target.blit(surface, rect)
        return rect

    def draw_fitted(
        self,
        target: pygame.Surface,
        fitted: Fitted,
        colour: Colour,
        box: pygame.Rect,
        align: str = "left",
        valign: str = "top",
    ) -> pygame.Rect:
        """Draw fitted lines inside `box`; returns the rect the text covers."""
        top = box.top
        if valign == "middle":
            top = box.top + (box.height - fitted.height) // 2
        elif valign == "bottom":
            top = box.bottom - fitted.height
        covered = pygame.Rect(box.left, top, 0, 0)
        for i, line in enumerate(fitted.lines):
            surface = self.render(line, fitted.size, colour, fitted.bold)
            y = top + i * fitted.line_height
            if align == "center":
                rect = surface.get_rect(midtop=(box.centerx, y))
            elif align == "right":
                rect = surface.get_rect(topright=(box.right, y))
            else:
                rect = surface.get_rect(topleft=(box.left, y))
            target.blit(surface, rect)
            covered = covered.union(rect) if covered.size != (0, 0) else rect
        return covered
