"""`inkind print DECK --out deck.pdf`: a deck as cards to print, cut and play offline.

Cards are 63 x 88 mm (a playing card), nine to a page in a 3 x 3 grid centred on A4 or
Letter, with crop marks outside the grid. Each front has its level's name on a band in
that level's colour, the prompt, the follow-ups in small type, and a line for a card read
aloud to the next player (`answered_by: next`) or with a timer of its own; wild cards and
the closing card are printed too. After each page of fronts comes its page of backs, its
columns mirrored, so that printed on both sides (flipped on the long edge) every back
lies behind its own front.

Every script the table draws prints: each character is drawn with the first font that has
it, as at the table (Atkinson Hyperlegible, Noto Sans, then a font of this computer:
game/fonts/system.py), Chinese, Japanese and Korean with the face of the Noto CJK
collection for the deck's `language`. Lines are wrapped as the table wraps them
(game/ui/text_wrap.py: Chinese and Japanese between characters with their line-break
rules, Korean at spaces), and a Hebrew or Arabic paragraph stands at the right.

Why fpdf2: it shapes text with HarfBuzz (uharfbuzz: Arabic joined, right to left, marks
placed), orders each line by the Unicode bidi algorithm, embeds every font as a subset
(fontTools: TrueType and the CFF outlines of Noto CJK alike) with a ToUnicode map, so
`pdftotext` reads the words back in logical order, and draws colour emoji. reportlab,
used before, embeds TrueType outlines only and needs a bidi library of its own; with
HarfBuzz it drew Hebrew points on the wrong letters (docs/deck-format.md, "Print and
play"). It is imported only by this command.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import attrs

from game.core.cards import Card, Deck
from game.fonts.cmap import cjk_face as cjk_face  # the tests ask it which face a deck takes
from game.fonts.cmap import language_face
from game.resources import assets_dir
from game.ui import bidi
from game.ui.text_wrap import Memo, Wrapping

if TYPE_CHECKING:
    from fpdf import FPDF

MM = 72 / 25.4  # PDF points per millimetre
CARD_W, CARD_H = 63 * MM, 88 * MM
COLUMNS, ROWS = 3, 3
PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (215.9 * MM, 279.4 * MM)}
# A colour per level, from the table's warm palette: light to deep, as the evening goes.
LEVEL_COLOURS = ("#E9B44C", "#D98A5F", "#B4553A", "#8C3B4A", "#5E3A6E", "#3C5A82")
WILD_COLOUR = "#7A5C99"
CLOSING_COLOUR = "#4D7C59"
INK = "#3A2820"
MUTED = "#7A6356"
CROP = 4 * MM  # crop marks' length, outside the grid
BLEED_GAP = 1.5 * MM  # crop marks stop short of the card
LEADING = 1.25  # a line's height, as a part of its type size
TENTHS = 10  # the wrapper measures sizes in whole tenths of a point


@attrs.frozen
class Face:
    """What one card shows: the band's words and colour, the main text, the small text, and
    notes on how it is played (read aloud to the next player, its own timer)."""

    band: str
    colour: str
    text: str
    small: tuple[str, ...] = ()
    small_heading: str = ""
    notes: tuple[str, ...] = ()


def faces(deck: Deck, t: Callable[..., str]) -> list[Face]:
    """Every card of the deck as it prints: by level, then the closing card last."""
    levels = deck.levels
    found: list[Face] = []
    for card in sorted(deck.cards, key=lambda c: c.level):
        level = levels[min(card.level, len(levels)) - 1].name if levels else ""
        colour = LEVEL_COLOURS[(card.level - 1) % len(LEVEL_COLOURS)]
        found.append(_face(card, level, colour, t))
    if deck.closing is not None:
        closing = deck.closing
        found.append(
            Face(
                t("print_closing"),
                CLOSING_COLOUR,
                closing.prompt,
                closing.follow_ups,
                t("print_follow_ups") if closing.follow_ups else "",
                _notes(closing, t),
            )
        )
    return found


def _notes(card: Card, t: Callable[..., str]) -> tuple[str, ...]:
    notes = [t("print_reads_aloud")] if card.answered_by_next else []
    if card.timer:
        minutes, seconds = divmod(card.timer, 60)
        notes.append(t("print_timer", time=f"{minutes}:{seconds:02d}"))
    return tuple(notes)


def _face(card: Card, level: str, colour: str, t: Callable[..., str]) -> Face:
    if card.wild is not None:
        title = t(f"wild_title_{card.wild.value}")
        text = card.text or t(f"wild_text_{card.wild.value}")
        band = f"{level} · {title}" if level else title
        return Face(band, WILD_COLOUR, text, notes=_notes(card, t))
    heading = t("print_follow_ups") if card.follow_ups else ""
    return Face(level, colour, card.prompt, card.follow_ups, heading, _notes(card, t))


def grid(paper: tuple[float, float]) -> list[tuple[float, float]]:
    """The lower-left corners of the nine cards on a page, row by row from the top."""
    width, height = paper
    left = (width - COLUMNS * CARD_W) / 2
    bottom = (height - ROWS * CARD_H) / 2
    return [
        (left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H)
        for row in range(ROWS)
        for column in range(COLUMNS)
    ]


class _Fonts:
    """The PDF's fonts: Atkinson Hyperlegible first, then for every character it lacks the
    font the table would draw it with, each added once as a fallback (fpdf2 picks, per
    character, the first that has it)."""

    def __init__(self, pdf: FPDF, language: str) -> None:
        from game.fonts.cmap import codepoints

        fonts = assets_dir() / "fonts"
        self.pdf = pdf
        self.language = language
        pdf.add_font("InKind", "", str(fonts / "AtkinsonHyperlegible-Regular.ttf"))
        pdf.add_font("InKind", "B", str(fonts / "AtkinsonHyperlegible-Bold.ttf"))
        self.main = codepoints(fonts / "AtkinsonHyperlegible-Regular.ttf")
        noto = fonts / "NotoSans-Variable.ttf"
        self.bundled = [(noto, codepoints(noto))]
        self.fallbacks: list[str] = []
        self.added: dict[str, str] = {}
        self.covering: list[Callable[[int], bool]] = [self.main.__contains__]

    def cover(self, texts: Iterable[str]) -> None:
        """Add a fallback for every character of `texts` Atkinson does not have: letters
        first, and a mark or a sign a font added already has stays with it ("؟" with the
        Arabic letters, not a font of its own), as the table keeps it with its run."""
        import unicodedata

        missing = sorted(
            {ord(c) for text in texts for c in text} - self.main,
            key=lambda p: (not unicodedata.category(chr(p)).startswith("L"), p),
        )
        system = None
        covers: Callable[[int], bool]
        for point in missing:
            if unicodedata.category(chr(point)) in ("Cc", "Cf", "Zl", "Zp"):
                continue  # not drawn: a control, a joiner, a bidi mark
            if any(covers(point) for covers in self.covering):
                continue
            bundled = next(((p, pts) for p, pts in self.bundled if point in pts), None)
            if bundled is not None:
                found, covers = str(bundled[0]), bundled[1].__contains__
            else:
                if system is None:
                    from game.fonts.system import system_fonts

                    system = system_fonts()
                font = system.best(point)
                if font is None:
                    continue  # no font here has it: fpdf2 leaves it out
                found, covers = font.path, font.covers
            if found not in self.added:
                self.covering.append(covers)
                self._add(found)

    def _add(self, path: str) -> None:
        name = f"F{len(self.added) + 1}"
        self.added[path] = name
        if path.lower().endswith((".ttc", ".otc")):
            index = language_face(Path(path), self.language)
            self.pdf.add_font(name, "", path, collection_font_number=index)
        else:
            self.pdf.add_font(name, "", path)
        self.fallbacks.append(name)
        self.pdf.set_fallback_fonts(self.fallbacks, exact_match=False)


class _Wrapper(Wrapping):
    """The table's wrapping (game/ui/text_wrap.py), measured in the PDF: sizes in tenths of
    a point, widths in points."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._wraps = Memo(1024)
        self._fits = Memo(1024)

    def width(self, text: str, size: int, bold: bool = False) -> int:
        self.pdf.set_font("InKind", "B" if bold else "", size / TENTHS)
        return math.ceil(self.pdf.get_string_width(text))

    def line_height(self, size: int, bold: bool = False) -> int:
        return math.ceil(size * LEADING / TENTHS)

    def fitted(
        self, text: str, size: float, width: float, height: float, floor: float, bold: bool = False
    ) -> tuple[float, list[str]]:
        """The largest size (down to `floor`) at which `text` fits the box, and its lines."""
        tenths, least = round(size * TENTHS), round(floor * TENTHS)
        while True:
            lines = self.wrap(text, tenths, math.floor(width), bold)
            if len(lines) * tenths * LEADING / TENTHS <= height or tenths <= least:
                return tenths / TENTHS, lines
            tenths = max(least, tenths - 5)


def write_pdf(
    deck: Deck, out: Path, paper_name: str, t: Callable[..., str], back_title: str = ""
) -> int:
    """Write the deck's cards to `out`; returns the number of pages."""
    from fpdf import FPDF

    paper = PAPERS[paper_name]
    cards = faces(deck, t)
    pdf = FPDF(unit="pt", format=paper)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_creator("In Kind")
    pdf.set_title(deck.name)
    pdf.set_author(deck.author or "In Kind")
    pdf.set_subject(t("print_subject"))
    fonts = _Fonts(pdf, deck.language)
    fonts.cover(_every_text(cards, deck, back_title))
    pdf.set_text_shaping(True)
    wrapper = _Wrapper(pdf)
    per_page = COLUMNS * ROWS
    places = grid(paper)
    pages = 0
    for first in range(0, len(cards), per_page):
        chunk = cards[first : first + per_page]
        pdf.add_page()
        for place, face in zip(places, chunk, strict=False):
            _front(pdf, wrapper, _top_left(place, paper), face)
        _crop_marks(pdf, paper)
        # The backs, columns mirrored: on the other side of the sheet each lies behind its front.
        pdf.add_page()
        for index in range(len(chunk)):
            row, column = divmod(index, COLUMNS)
            place = places[row * COLUMNS + (COLUMNS - 1 - column)]
            _back(pdf, _top_left(place, paper), deck, back_title)
        _crop_marks(pdf, paper)
        pages += 2
    pdf.output(str(out))
    return pages


def _every_text(cards: list[Face], deck: Deck, back_title: str) -> Iterable[str]:
    yield from (deck.name, back_title, "• ")
    for face in cards:
        yield from (face.band, face.text, face.small_heading, *face.small, *face.notes)


def _top_left(place: tuple[float, float], paper: tuple[float, float]) -> tuple[float, float]:
    """A card's top-left corner on the page (fpdf2 measures down from the top) from its
    lower-left corner in `grid` (measured up from the bottom, as PDF itself does)."""
    return place[0], paper[1] - place[1] - CARD_H


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _rtl(text: str) -> bool:
    """Whether a paragraph reads right to left (stands at the right of its box)."""
    return bidi.has_rtl(text) and (bidi.is_rtl_line(text) or bidi.first_strong_rtl(text))


def _lines(
    pdf: FPDF,
    lines: list[str],
    x: float,
    top: float,
    width: float,
    size: float,
    bold: bool = False,
    align: str = "",
) -> float:
    """Draw wrapped lines from `top`, each a line of its paragraph: a right-to-left paragraph
    at the right, its lines laid out right to left. Returns the y under the last line."""
    rtl = _rtl(" ".join(lines))
    style = "B" if bold else ""
    height = size * LEADING
    for i in range(len(lines)):
        # fpdf2 2.8 leaves the main font unselected after a line that ended in a fallback
        # font when set_font names the font already chosen ("No font in show", the Latin
        # words of an Arabic card lost): another size first makes it select the font again.
        pdf.set_font("InKind", style, size + 1)
        pdf.set_font("InKind", style, size)
        pdf.set_xy(x, top)
        pdf.cell(width, height, _in_paragraph(lines, i, rtl), align=align or ("R" if rtl else "L"))
        top += height
    return top


_MARKS = {"L": "\u200e", "R": "\u200f", "AL": "\u200f", "": ""}  # LRM, RLM: no glyph


def _in_paragraph(lines: list[str], i: int, rtl: bool) -> str:
    """Line `i` as fpdf2 should lay it out: fpdf2 runs the bidi algorithm on each line by
    itself, so the paragraph's direction comes first as a mark (an RLM for a right-to-left
    paragraph, else an LRM) and the first strong letter after the line last, so a colon at
    a line's end that lies between two Latin words stays with them, as at the table
    (game/ui/bidi.py). (A mark for the letter before the line, right after the first mark,
    made fpdf2 2.8 lay the line out left to right: it is left out.)"""
    line = lines[i]
    if not bidi.has_rtl(" ".join(lines)):
        return line
    # Only the marks that change something: pdftotext reads a mark as a break in a word.
    first = "\u200f" if rtl else "\u200e"
    first_strong = next((c for c in line if _strong(c)), None)
    starts_so = first_strong is None or bidi.has_rtl(first_strong) == rtl
    ends_strong = bool(line) and _strong(line[-1])
    _, after = bidi.context(lines, i)
    return ("" if starts_so else first) + line + ("" if ends_strong else _MARKS[after])


def _strong(char: str) -> bool:
    import unicodedata

    return unicodedata.bidirectional(char) in ("L", "R", "AL")


def _front(pdf: FPDF, wrapper: _Wrapper, place: tuple[float, float], face: Face) -> None:
    x, y = place
    pad = 4 * MM
    pdf.set_draw_color(*_rgb(MUTED))
    pdf.set_line_width(0.4)
    pdf.rect(
        x + 1, y + 1, CARD_W - 2, CARD_H - 2, style="D", round_corners=True, corner_radius=3 * MM
    )
    band_h = 9 * MM
    pdf.set_fill_color(*_rgb(face.colour))
    pdf.rect(x + 1, y + 1, CARD_W - 2, band_h, style="F", round_corners=True, corner_radius=3 * MM)
    pdf.rect(x + 1, y + 1 + band_h / 2, CARD_W - 2, band_h / 2, style="F")
    inner = CARD_W - 2 * pad
    pdf.set_text_color(255, 255, 255)
    band_size, band_lines = wrapper.fitted(face.band, 9, inner, band_h, 6, bold=True)
    _lines(
        pdf,
        band_lines[:1],
        x + pad,
        y + 1 + (band_h - band_size * LEADING) / 2,
        inner,
        band_size,
        True,
    )
    bottom = y + CARD_H - pad
    notes_size = 6.5
    notes_lines: list[str] = []
    for note in face.notes:
        notes_lines += wrapper.wrap(note, round(notes_size * TENTHS), math.floor(inner))
    notes_h = len(notes_lines) * notes_size * LEADING + (1.5 * MM if notes_lines else 0)
    small_lines: list[str] = []
    small_size, small_h = 6.5, 0.0
    if face.small:
        text = "\n".join(f"• {line}" for line in face.small)
        small_size, small_lines = wrapper.fitted(text, 7, inner, 26 * MM, 5)
        small_h = (len(small_lines) + 1.3) * small_size * LEADING
    top = y + band_h + pad
    room = bottom - notes_h - small_h - top
    size, lines = wrapper.fitted(face.text, 12, inner, room, 6.5)
    pdf.set_text_color(*_rgb(INK))
    _lines(pdf, lines, x + pad, top, inner, size)
    pdf.set_text_color(*_rgb(MUTED))
    if small_lines:
        line_y = bottom - notes_h - small_h + 0.3 * small_size * LEADING
        line_y = _lines(pdf, [face.small_heading], x + pad, line_y, inner, small_size, True)
        _lines(pdf, small_lines, x + pad, line_y, inner, small_size)
    if notes_lines:
        _lines(pdf, notes_lines, x + pad, bottom - notes_h + 1.5 * MM, inner, notes_size, True)


def _back(pdf: FPDF, place: tuple[float, float], deck: Deck, title: str) -> None:
    x, y = place
    pdf.set_fill_color(*_rgb("#B4553A"))
    pdf.rect(
        x + 1, y + 1, CARD_W - 2, CARD_H - 2, style="F", round_corners=True, corner_radius=3 * MM
    )
    pdf.set_draw_color(*_rgb("#FFF8F0"))
    pdf.set_line_width(1.2)
    inset = 4 * MM
    pdf.rect(
        x + inset,
        y + inset,
        CARD_W - 2 * inset,
        CARD_H - 2 * inset,
        style="D",
        round_corners=True,
        corner_radius=2 * MM,
    )
    radius = CARD_W / 6
    centre_y = y + CARD_H / 2 - 6 * MM
    for dx in (-radius / 2, radius / 2):  # the two circles of the game's icon
        centre_x = x + CARD_W / 2 + dx
        pdf.ellipse(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius, style="D")
    pdf.set_text_color(*_rgb("#FFF8F0"))
    below = y + CARD_H / 2 + radius + 4 * MM
    _lines(pdf, [title or "In Kind"], x, below - 10, CARD_W, 10, True, align="C")
    _lines(pdf, [deck.name], x, below + 5 * MM - 7, CARD_W, 7, align="C")


def _crop_marks(pdf: FPDF, paper: tuple[float, float]) -> None:
    width, height = paper
    left, top = (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2
    right, bottom = left + COLUMNS * CARD_W, top + ROWS * CARD_H
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.3)
    for column in range(COLUMNS + 1):
        mark_x = left + column * CARD_W
        pdf.line(mark_x, top - BLEED_GAP, mark_x, top - BLEED_GAP - CROP)
        pdf.line(mark_x, bottom + BLEED_GAP, mark_x, bottom + BLEED_GAP + CROP)
    for row in range(ROWS + 1):
        mark_y = top + row * CARD_H
        pdf.line(left - BLEED_GAP, mark_y, left - BLEED_GAP - CROP, mark_y)
        pdf.line(right + BLEED_GAP, mark_y, right + BLEED_GAP + CROP, mark_y)


def card_language(deck_language: str) -> str:
    """The language of the printed cards' own words ("Follow-ups", "Gentle timer"): the
    deck's where the game speaks it (a Japanese deck's cards are read by Japanese players),
    else the player's."""
    from game.content.cli_words import cli_language
    from game.content.languages import best_language, offered_languages

    return best_language([deck_language, cli_language()], offered_languages())


def run_print(deck_arg: str, out: str, paper: str, stdout: TextIO, stderr: TextIO) -> int:
    """Load DECK (a file, or the id of a deck the game knows) and write its cards as a PDF."""
    from game.content.cli_words import cli_text, problem_line, say
    from game.content.decks import load_deck
    from game.content.sources import load_catalog
    from game.content.terminal import escape
    from game.content.ui_text import load_ui_text
    from game.store.paths import cache_dir

    def tell(line: str, to: TextIO) -> None:
        print(escape(line), file=to)

    if Path(deck_arg).exists():
        result = load_deck(deck_arg)
        if result.deck is None or not result.ok:
            for problem in result.problems:
                tell(problem_line(problem), stderr)
            tell(f"inkind print: {say('cli_print_has_errors', path=deck_arg)}", stderr)
            return 1
        deck = result.deck
    else:
        found = [r.deck for r in load_catalog(()).decks if r.deck is not None]
        match = [d for d in found if d.id == deck_arg]
        if not match:
            known = ", ".join(sorted(d.id for d in found))
            missing = say("cli_print_no_deck", deck=repr(deck_arg), known=known)
            tell(f"inkind print: {missing}", stderr)
            return 2
        deck = match[0]
    t = load_ui_text(card_language(deck.language), cache_dir=cache_dir())
    target = Path(out)
    pages = write_pdf(deck, target, paper, t, t("print_back_title"))
    count = len(faces(deck, t))
    sheets = math.ceil(count / (COLUMNS * ROWS))
    words = cli_text()  # the player's language; the cards' own words are above
    done = words(
        "print_done", path=out, cards=count, pages=pages, sheets=sheets, paper=paper.upper()
    )
    tell(done, stdout)
    return 0
