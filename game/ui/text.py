"""Fonts with fallback, wrap-and-shrink-to-fit, ellipsis, and a cache of rendered text.

pygame does no font fallback: a string is split into runs, each drawn with the first
bundled font that has its characters (Atkinson Hyperlegible, then Noto Sans for Greek and
Cyrillic), then with a font of this computer that has them (game/fonts/system.py: Noto
Sans CJK, Noto Sans Arabic, Noto Color Emoji…). Only a character no font here has becomes
"?", never an empty box. A fallback font is scaled so its capitals stand as tall as the
main font's, and every line sits in the main font's line box on its baseline, so
"Γιώργος" lines up with "Eli". Colour emoji come at one bitmap size and are scaled to
the line.

A line with Hebrew or Arabic in it is also split by direction (game/ui/bidi.py): each
right-to-left run is shaped by HarfBuzz with its script and direction (Arabic letters
join), and the runs are drawn in visual order, so "25" inside Hebrew stays "25". Text the
main font covers entirely (all Latin text) takes none of these steps.

pygame returns a new Surface on every render, so rendered lines are cached, and so are
widths, runs, wraps and fits (a frame asks for the same ones again). Every cache is
bounded, so an evening of new cards and names costs the same memory at turn 1,000 as at
turn 100 (docs/performance.md, "Memory over an evening"):

- rendered lines by their bytes, least recently drawn first out: one screen's worth of
  pixels, never under 8 MB nor over 64 MB (`surface_budget`);
- the measuring caches by entries (`WIDTHS_KEPT` and the others), in two generations: a
  full generation becomes the old one, and whatever is asked for again moves back, so what
  the screen uses stays and what nobody asked for since is dropped.

Something that fades draws one cached surface with `alpha`, never a new colour a frame.
"""

from __future__ import annotations

import io
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pygame

from game.fonts.cmap import FaceFile, cap_height, codepoints, language_face
from game.resources import assets_dir
from game.ui import bidi
from game.ui.text_wrap import ELLIPSIS, Memo, Wrapping  # noqa: F401 (ELLIPSIS: as before)
from game.ui.text_wrap import Fitted as Fitted  # widgets take it from here

# ---------------------------------------------------------------- how much text is kept

MB = 1024 * 1024
# Rendered text kept, in bytes: one screen's worth of pixels (32-bit), within 8-64 MB.
# Measured (docs/performance.md): every screen of the game drawn once (title, new game,
# each table phase with twelve players, summary, how to play, settings, level change)
# holds 1.6 screens' worth of text at 1280x720, 1920x1080 and 3840x2160 alike (5.7, 12.4
# and 48.7 MB); the busiest alone (the table while sharing) about a third of a screen.
# So one screen's worth keeps the screen on show and the few opened before it; a screen
# not opened for a while draws its lines again (going through every screen in turn, 18
# lines an opening at 1920x1080). Two screens' worth (16 MB at 1920x1080) was full
# within an evening's first turns: 8 MB of its RSS (issue 27). The floor keeps every
# screen of a small window; the ceiling is for windows past 4K.
SCREENS_KEPT = 1
SURFACE_BUDGET_MIN = 8 * MB
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


if TYPE_CHECKING:
    from game.fonts.system import FontIndex

Colour = tuple[int, int, int] | tuple[int, int, int, int]
COLOUR_SIZE = 109  # Noto Color Emoji's one bitmap size (136x128 pixels)


class Face(NamedTuple):
    path: Path
    synthetic_bold: bool = False
    colour: bool = False  # colour bitmaps (emoji): one size only, scaled to the line


class Piece(NamedTuple):
    """One run of a line as it is drawn: its face, its text in logical order, and its
    script when it runs right to left ("Arab", "Hebr"; "" for left to right)."""

    face: int
    text: str
    rtl_script: str = ""


# Characters that stay in the run before them when its font has them: combining marks,
# joiners and variation selectors (an emoji sequence, a Hebrew point) and the spaces and
# punctuation between words of one script.
_STICKY_CATEGORIES = ("Mn", "Me", "Mc", "Cf", "Zs", "Po", "Pd", "Sk")
# How tall a colour emoji stands, as a part of the line's height.
EMOJI_HEIGHT = 0.9


def default_faces() -> tuple[tuple[Face, ...], tuple[Face, ...]]:
    fonts = assets_dir() / "fonts"
    noto = fonts / "NotoSans-Variable.ttf"
    regular = (Face(fonts / "AtkinsonHyperlegible-Regular.ttf"), Face(noto))
    bold = (Face(fonts / "AtkinsonHyperlegible-Bold.ttf"), Face(noto, synthetic_bold=True))
    return regular, bold


class Text(Wrapping):
    """Measures, wraps and renders text; it keeps what it can, within bounds.

    `budget` fixes the bytes of rendered text kept; by default it follows the window
    (`surface_budget`).
    """

    def __init__(
        self,
        faces: tuple[Sequence[Face], Sequence[Face]] | None = None,
        budget: int | None = None,
        system_fonts: Callable[[], FontIndex | None] | None = None,
    ) -> None:
        """`system_fonts` gives the computer's fonts when a character needs one (by default
        game.fonts.system's, found or read from its cache only then); returning None leaves
        only the bundled fonts."""
        if not pygame.font.get_init():
            pygame.font.init()
        regular, bold = faces or default_faces()
        # The bundled faces first; the computer's are added as characters need them.
        self._chains = {False: list(regular), True: list(bold)}
        self._bundled = {False: len(regular), True: len(bold)}
        self._system_faces: dict[tuple[bool, str], int] = {}
        self._find_system = system_fonts or _default_system_fonts
        self._system: FontIndex | None = None
        self._system_asked = False
        self._fonts: dict[tuple[Face, int, str], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._surface_bytes = 0
        self._budget = budget  # None: `surface_budget` of the window open now
        self._widths: Memo[tuple[str, int, bool], int] = Memo(WIDTHS_KEPT)
        self._runs: Memo[tuple[object, ...], tuple[Piece, ...]] = Memo(RUNS_KEPT)
        self._wraps: Memo[tuple[str, int, int, bool], tuple[str, ...]] = Memo(WRAPS_KEPT)
        self._fits: Memo[tuple[str, int, int, int, int, bool], Fitted] = Memo(FITS_KEPT)
        self._scales: dict[tuple[bool, int], float] = {}
        self._system_paths: dict[bool, dict[int, int]] = {False: {}, True: {}}
        self._main = {bold: codepoints(chain[0].path) for bold, chain in self._chains.items()}
        self._mirrored = False
        self._language = ""  # the language of the cards on the table (`set_language`)

    @property
    def mirrored(self) -> bool:
        """True while the window shows its frames flipped left for right (a right-to-left
        language, game/ui/app.py): each line is then rendered flipped, so it reads right
        once the frame is flipped, and a paragraph's "left" is the reader's start."""
        return self._mirrored

    @mirrored.setter
    def mirrored(self, value: bool) -> None:
        if value != self._mirrored:
            self._mirrored = value
            self._surfaces.clear()
            self._surface_bytes = 0

    def set_language(self, language: str) -> None:
        """The language of the text being drawn (a deck's `language`): Chinese, Japanese and
        Korean are drawn with the face of a font collection made for it (Noto Sans CJK KR for
        Korean, SC for zh-Hans, TC for zh-Hant, HK, JP), so a Han character has the form its
        readers write. Lines already drawn in another face are drawn again."""
        if language == self._language:
            return
        self._language = language
        if any(key[0].path.suffix.lower() in (".ttc", ".otc") for key in self._fonts):
            self._fonts = {
                key: font
                for key, font in self._fonts.items()
                if key[0].path.suffix.lower() not in (".ttc", ".otc")
            }
            self._surfaces.clear()
            self._surface_bytes = 0

    # ------------------------------------------------------------ fonts

    def font(
        self, size: int, bold: bool = False, face: int = 0, rtl_script: str = ""
    ) -> pygame.font.Font:
        """`face` of the chain at `size`. A fallback face is one object set to each size: a new
        one cost 20 ms and 1.3 MB (Noto's first measure), a size change 0.2 ms, same pixels.

        With `rtl_script` the font shapes right to left in that script: a font object of its
        own, so the one Latin text uses is never left turned around.
        """
        chosen = self._chains[bold][face]
        if chosen.colour:
            size = COLOUR_SIZE  # one bitmap size, scaled when drawn
        elif face:
            size = max(1, round(size * self._fallback_scale(bold, face)))
        key = (chosen, 0 if face else size, rtl_script)
        font = self._fonts.get(key)
        if font is None:
            index = 0
            if face >= self._bundled[bold] and chosen.path.suffix.lower() in (".ttc", ".otc"):
                index = language_face(chosen.path, self._language)
            # pygame opens a collection's first face: another is given as a file of its own.
            source: str | io.BufferedReader = str(chosen.path)
            if index:
                source = io.BufferedReader(FaceFile(chosen.path, index))
            font = pygame.font.Font(source, size)
            if chosen.synthetic_bold:
                font.bold = True
            if rtl_script:
                # Both are needed: either alone leaves Arabic unjoined or backwards.
                font.set_script(rtl_script)
                font.set_direction(pygame.DIRECTION_RTL)
            self._fonts[key] = font
        elif face and font.point_size != size:
            font.point_size = size
        return font

    def opened_faces(self) -> set[Face]:
        """Every face a font was opened from so far (game/ui/kept_frame.py stamps them)."""
        return {key[0] for key in self._fonts}

    def uses_system_fonts(self) -> bool:
        """Whether the computer's fonts were asked for a character so far."""
        return self._system_asked

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
            # A font without Latin capitals (Arabic, Hebrew) gives a height of no use here.
            # A computer's font says what it covers in the system index (a CJK collection's
            # cmap is 45,000 characters, 18 ms to read for this one question).
            latin = self._covers(bold, face, ord("H")) if face >= self._bundled[bold] else True
            scale = main / other if main and other and latin else 1.0
            self._scales[key] = scale
        return scale

    def runs(self, text: str, bold: bool = False) -> tuple[tuple[int, str], ...]:
        """(face index, substring) runs, in the order they are drawn, so every character has a
        glyph. Left-to-right text keeps its order; see `pieces` for direction."""
        return tuple((piece.face, piece.text) for piece in self.pieces(text, bold))

    def pieces(
        self,
        text: str,
        bold: bool = False,
        rtl: bool | None = None,
        context: tuple[str, str] = ("", ""),
    ) -> tuple[Piece, ...]:
        """The line's runs by face and direction, in visual order (left to right on screen).

        `rtl` is the direction of the paragraph the line belongs to (None: the line's own);
        `context` the strong bidi classes around the line in it (`bidi.context`)."""
        key = (text, bold) if rtl is None else (text, bold, rtl, *context)
        found = self._runs.find(key)
        if found is not None:
            return found
        if self._main[bold].issuperset(map(ord, text)):  # nearly all text: no loop, no bidi
            result: tuple[Piece, ...] = (Piece(0, text),) if text else ()
        else:
            result = self._split(text, bold, rtl, context)
        self._runs.add(key, result)
        return result

    def _split(
        self, text: str, bold: bool, rtl: bool | None, context: tuple[str, str]
    ) -> tuple[Piece, ...]:
        # Isolates and embeddings say how the line is laid out and are not drawn: the
        # levels come from the whole text, then the controls are taken out.
        given_levels: list[int] | None = None
        plain = bidi.without_controls(text)
        if bidi.has_rtl(text):
            rtl = bidi.is_rtl_line(text) if rtl is None else rtl
            if plain != text:
                every = bidi.levels(text, rtl, context)
                given_levels = [
                    n for c, n in zip(text, every, strict=True) if bidi.without_controls(c)
                ]
        text = plain
        faces: list[int] = []
        chars: list[str] = []
        for char in text:
            face = self._face_for(char, bold, faces[-1] if faces else None)
            if face is None:
                face, char = 0, "?"
            faces.append(face)
            chars.append(char)
        shown = "".join(chars)
        if given_levels is not None:
            levels = given_levels
        elif not bidi.has_rtl(shown):
            levels = [0] * len(shown)
        else:
            levels = bidi.levels(shown, bidi.is_rtl_line(shown) if rtl is None else rtl, context)
        runs: list[tuple[int, int, str, list[str]]] = []  # face, level, script, characters
        for char, face, level in zip(shown, faces, levels, strict=True):
            script = bidi.rtl_script(char) if level % 2 else ""
            if runs and runs[-1][0] == face and runs[-1][1] == level:
                last = runs[-1]
                if not script or not last[2] or script == last[2]:
                    if script and not last[2]:
                        runs[-1] = (face, level, script, last[3])
                    runs[-1][3].append(char)
                    continue
            runs.append((face, level, script, [char]))
        pieces = [
            Piece(face, "".join(run), (script or "Zyyy") if level % 2 else "")
            for face, level, script, run in runs
        ]
        if any(level % 2 for _, level, _, _ in runs) or len({r[1] for r in runs}) > 1:
            pieces = bidi.visual_order(pieces, [level for _, level, _, _ in runs])
        return tuple(pieces)

    def _face_for(self, char: str, bold: bool, before: int | None) -> int | None:
        """The face to draw `char` with: the run's own if it is a mark, a joiner or a space it
        has; else the first bundled face that has it; else the computer's best; else None."""
        point = ord(char)
        chain, main = self._chains[bold], self._main[bold]
        if (
            before
            and unicodedata.category(char) in _STICKY_CATEGORIES
            and not (chain[before].colour and char == " ")
            and self._covers(bold, before, point)
        ):
            return before
        if point in main:
            return 0
        # A fallback font's table is read only when a character needs it (Noto's takes
        # about 3 ms, and most text never does).
        for face in range(1, self._bundled[bold]):
            if point in codepoints(chain[face].path):
                return face
        return self._system_face(point, bold)

    def _covers(self, bold: bool, face: int, point: int) -> bool:
        chosen = self._chains[bold][face]
        if face < self._bundled[bold]:
            return point in codepoints(chosen.path)
        index = self._system_index()
        font = index.fonts[self._system_paths[bold][face]] if index is not None else None
        return font is not None and font.covers(point)

    def _system_index(self) -> FontIndex | None:
        if not self._system_asked:
            self._system_asked = True
            self._system = self._find_system()
        return self._system

    def _system_face(self, point: int, bold: bool) -> int | None:
        index = self._system_index()
        if index is None:
            return None
        font = index.best(point, bold)
        if font is None:
            return None
        key = (bold, font.path)
        face = self._system_faces.get(key)
        if face is None:
            chain = self._chains[bold]
            bolder = bold and "bold" not in font.style.lower() and not font.colour
            chain.append(Face(Path(font.path), synthetic_bold=bolder, colour=font.colour))
            face = self._system_faces[key] = len(chain) - 1
            self._system_paths[bold][face] = index.fonts.index(font)
        return face

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
                found = sum(
                    self._piece_width(piece, size, bold) for piece in self.pieces(text, bold)
                )
            self._widths.add(key, found)
        return found

    # ------------------------------------------------------------ rendering

    def render(
        self,
        text: str,
        size: int,
        colour: Colour,
        bold: bool = False,
        rtl: bool | None = None,
        context: tuple[str, str] = ("", ""),
    ) -> pygame.Surface:
        """One line drawn; `rtl` is its paragraph's direction (None: the line's own) and
        `context` the strong letters around it in its paragraph (`bidi.context`).

        A line whose marks reach past the main font's line box (the dots under Arabic ي, a
        shadda over a lam) comes taller than the box: it is a `Line` whose `above` says how
        many rows stand above the box; `place` puts it where the box goes."""
        key = (text, size, tuple(colour), bold) + (() if rtl is None else (rtl, *context))
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        surface = self._render_runs(text, size, colour, bold, rtl, context)
        if self._mirrored and not _ARROWS.issuperset(text):
            # Pre-flipped: right again once the frame is. Arrows alone are left to mirror
            # with the frame, as the layout does ("→" on a "next" button points to the left).
            surface = _flipped(surface)
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
        """Bytes of rendered text kept: fixed, or one screen's worth of the open window."""
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

    def _piece_width(self, piece: Piece, size: int, bold: bool) -> int:
        font = self.font(size, bold, piece.face, piece.rtl_script)
        width = font.size(piece.text)[0]
        if self._chains[bold][piece.face].colour:
            return round(width * self._colour_scale(font, size, bold))
        return int(width)

    def _colour_scale(self, font: pygame.font.Font, size: int, bold: bool) -> float:
        return self.font(size, bold).get_height() * EMOJI_HEIGHT / max(1, font.get_height())

    def _render_runs(
        self,
        text: str,
        size: int,
        colour: Colour,
        bold: bool,
        rtl: bool | None = None,
        context: tuple[str, str] = ("", ""),
    ) -> pygame.Surface:
        pieces = self.pieces(text, bold, rtl, context) or (Piece(0, ""),)
        main = self.font(size, bold)
        if len(pieces) == 1 and pieces[0].face == 0 and not pieces[0].rtl_script:
            alone = _rendered(main, pieces[0].text, colour)
            return alone or pygame.Surface((1, main.get_height()), pygame.SRCALPHA)
        # Every run on the main font's baseline, in its line box: a line with Greek, Arabic
        # or Japanese in it is as tall, and sits where, a Latin one would. Ink past the box
        # (Arabic dots and marks) widens the surface above or below, never moves the line.
        box = main.get_height()
        placed: list[tuple[pygame.Surface, int, int]] = []
        top, bottom, x = 0, box, 0
        for piece in pieces:
            font = self.font(size, bold, piece.face, piece.rtl_script)
            rendered = _rendered(font, piece.text, colour)
            if rendered is not None:
                if self._chains[bold][piece.face].colour:
                    rendered = pygame.transform.smoothscale_by(
                        rendered, self._colour_scale(font, size, bold)
                    )
                    y = (box - rendered.get_height()) // 2
                else:
                    y = main.get_ascent() - font.get_ascent()
                    inked = rendered.get_bounding_rect()
                    if inked.height:
                        top, bottom = min(top, y + inked.top), max(bottom, y + inked.bottom)
                placed.append((rendered, x, y))
            x += self._piece_width(piece, size, bold)
        width = sum(self._piece_width(piece, size, bold) for piece in pieces)
        surface = Line((max(1, width), bottom - top), pygame.SRCALPHA)
        surface.above = -top
        for rendered, x, y in placed:
            surface.blit(rendered, (x, y - top))
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
        rect = self.place(surface, size, bold, **{anchor: at})
        _blit(target, surface, self.ink_rect(surface, rect), alpha)
        return rect

    def drawn(
        self,
        text: str,
        size: int,
        colour: Colour,
        at: tuple[int, int],
        bold: bool = False,
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Where `draw` with the same arguments lays pixels (its rendered line's rect, which
        a tall script's line may take above its line box)."""
        surface = self.render(text, size, colour, bold)
        return self.ink_rect(surface, self.place(surface, size, bold, **{anchor: at}))

    def place(
        self, surface: pygame.Surface, size: int, bold: bool = False, **at: object
    ) -> pygame.Rect:
        """The line box a rendered line stands in, placed like `get_rect(**at)`: a line taller
        than its box (`Line`) is placed by its box, so it sits where a Latin line would."""
        if not isinstance(surface, Line):
            return surface.get_rect(**at)
        box = pygame.Rect(0, 0, surface.get_width(), self.font(size, bold).get_height())
        for name, value in at.items():
            setattr(box, name, value)
        return box

    @staticmethod
    def ink_rect(surface: pygame.Surface, box: pygame.Rect) -> pygame.Rect:
        """Where to blit a rendered line whose line box is `box` (`place`)."""
        above = surface.above if isinstance(surface, Line) else 0
        return pygame.Rect(box.left, box.top - above, surface.get_width(), surface.get_height())

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
        rtl = self._paragraph_rtl(fitted)
        side = self._side(align, rtl)
        for i, line in enumerate(fitted.lines):
            if rtl:
                context = bidi.context(fitted.lines, i)
                surface = self.render(line, fitted.size, colour, fitted.bold, True, context)
            else:
                surface = self.render(line, fitted.size, colour, fitted.bold)
            x = box.centerx if side == "center" else box.right if side == "right" else box.left
            anchor = {"center": "midtop", "right": "topright"}.get(side, "topleft")
            rect = self.place(
                surface, fitted.size, fitted.bold, **{anchor: (x, top + i * fitted.line_height)}
            )
            _blit(target, surface, self.ink_rect(surface, rect), alpha)
            covered = covered.union(rect) if covered.size != (0, 0) else rect
        return covered

    def _side(self, align: str, rtl: bool) -> str:
        """Where in the layout a paragraph aligned `align` starts ("left", "right", "center",
        or "start": the side its own script begins on, for words from a deck, whose language
        need not be the window's).

        "left" is the window's start: a Hebrew or Arabic paragraph starts at the right, and in
        a mirrored frame every paragraph does already (the layout's left is the reader's right).
        """
        if align == "start":
            return "left" if rtl == self._mirrored else "right"
        return "right" if rtl and not self._mirrored and align == "left" else align

    def _paragraph_rtl(self, fitted: Fitted) -> bool:
        """Whether fitted lines are a Hebrew or Arabic paragraph: it starts at the right, each
        of its lines with it, and each line is ordered with the paragraph's levels."""
        if all(self._main[fitted.bold].issuperset(map(ord, line)) for line in fitted.lines):
            return False
        return bidi.is_rtl_line(" ".join(fitted.lines))

    def line_pieces(self, fitted: Fitted, i: int) -> tuple[Piece, ...]:
        """Line `i` of fitted lines as `draw_fitted` draws it, in visual order."""
        if self._paragraph_rtl(fitted):
            return self.pieces(fitted.lines[i], fitted.bold, True, bidi.context(fitted.lines, i))
        return self.pieces(fitted.lines[i], fitted.bold)


class Line(pygame.Surface):
    """A rendered line taller than its line box: `above` rows of ink stand over the box."""

    above = 0


_ARROWS = frozenset("←→↔⇐⇒‹›«»⟵⟶ ")


def _flipped(surface: pygame.Surface) -> pygame.Surface:
    """The line flipped left for right, a tall line still saying how far it stands up."""
    flipped = pygame.transform.flip(surface, True, False)
    if not isinstance(surface, Line):
        return flipped
    line = Line(flipped.get_size(), pygame.SRCALPHA)
    line.blit(flipped, (0, 0), special_flags=pygame.BLEND_RGBA_ADD)  # an exact copy
    line.above = surface.above
    return line


def _default_system_fonts() -> FontIndex | None:
    """The computer's fonts, found once per process; None if that fails (a bug of ours must
    not stop text from drawing: the bundled fonts and "?" remain)."""
    try:
        from game.fonts.system import system_fonts

        return system_fonts()
    except Exception:  # noqa: BLE001 - any failure leaves the bundled fonts
        return None


def _rendered(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface | None:
    """The run drawn, or None when nothing of it has width (a joiner or a mark alone)."""
    try:
        return font.render(text, True, colour)
    except pygame.error as error:
        if "zero width" in str(error):
            return None
        raise


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
