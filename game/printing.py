"""`inkind print DECK --out deck.pdf`: a deck as cards to print, cut and play offline.

Cards are 63 x 88 mm (a playing card), nine to a page in a 3 x 3 grid centred on A4 or
Letter, with crop marks outside the grid. Each front has its level's name on a band in
that level's colour, the prompt, and the follow-ups in small type; wild cards and the
closing card are printed too. After each page of fronts comes its page of backs, its
columns mirrored, so that printed on both sides (flipped on the long edge) every back
lies behind its own front. The fonts (Atkinson Hyperlegible) are embedded, subset.

Why reportlab: measured here (docs/deck-format.md, "Print and play"), it wrote a 9-card
page about ten times faster than fpdf2 and installs smaller (fpdf2 brings fonttools).
It is imported only by this command.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import attrs

from game.core.cards import Card, Deck
from game.resources import assets_dir

if TYPE_CHECKING:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

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


@attrs.frozen
class Face:
    """What one card shows: the band's words and colour, the main text, the small text."""

    band: str
    colour: str
    text: str
    small: tuple[str, ...] = ()
    small_heading: str = ""


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
            )
        )
    return found


def _face(card: Card, level: str, colour: str, t: Callable[..., str]) -> Face:
    if card.wild is not None:
        title = t(f"wild_title_{card.wild.value}")
        text = card.text or t(f"wild_text_{card.wild.value}")
        return Face(f"{level} · {title}" if level else title, WILD_COLOUR, text)
    heading = t("print_follow_ups") if card.follow_ups else ""
    return Face(level, colour, card.prompt, card.follow_ups, heading)


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


def write_pdf(
    deck: Deck, out: Path, paper_name: str, t: Callable[..., str], back_title: str = ""
) -> int:
    """Write the deck's cards to `out`; returns the number of pages."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    fonts = assets_dir() / "fonts"
    for name, file in (
        ("InKind", "AtkinsonHyperlegible-Regular.ttf"),
        ("InKind-Bold", "AtkinsonHyperlegible-Bold.ttf"),
    ):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    paper = PAPERS[paper_name]
    cards = faces(deck, t)
    per_page = COLUMNS * ROWS
    # Its own font from the start: no Helvetica (which no PDF could embed) in the file.
    canvas = Canvas(
        str(out), pagesize=paper, pageCompression=1, initialFontName="InKind", initialFontSize=10
    )
    canvas.setTitle(deck.name)
    canvas.setAuthor(deck.author or "In Kind")
    canvas.setSubject(t("print_subject"))
    places = grid(paper)
    pages = 0
    for first in range(0, len(cards), per_page):
        chunk = cards[first : first + per_page]
        for place, face in zip(places, chunk, strict=False):
            _front(canvas, place, face, HexColor)
        _crop_marks(canvas, paper)
        canvas.showPage()
        # The backs, columns mirrored: on the other side of the sheet each lies behind its front.
        for index in range(len(chunk)):
            row, column = divmod(index, COLUMNS)
            _back(
                canvas, places[row * COLUMNS + (COLUMNS - 1 - column)], deck, back_title, HexColor
            )
        _crop_marks(canvas, paper)
        canvas.showPage()
        pages += 2
    canvas.save()
    return pages


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if stringWidth(candidate, font, size) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _fitted(
    text: str, font: str, size: float, width: float, height: float, floor: float
) -> tuple[float, list[str]]:
    """The largest size (down to `floor`) at which `text` fits the box, and its lines."""
    while True:
        lines = _wrap(text, font, size, width)
        if len(lines) * size * 1.25 <= height or size <= floor:
            return size, lines
        size = max(floor, size - 0.5)


def _front(
    canvas: Canvas, place: tuple[float, float], face: Face, colour: Callable[[str], Color]
) -> None:
    x, y = place
    pad = 4 * MM
    canvas.setStrokeColor(colour(MUTED))
    canvas.setLineWidth(0.4)
    canvas.roundRect(x + 1, y + 1, CARD_W - 2, CARD_H - 2, 3 * MM, stroke=1, fill=0)
    band_h = 9 * MM
    canvas.setFillColor(colour(face.colour))
    canvas.roundRect(x + 1, y + CARD_H - 1 - band_h, CARD_W - 2, band_h, 3 * MM, stroke=0, fill=1)
    canvas.rect(x + 1, y + CARD_H - 1 - band_h, CARD_W - 2, band_h / 2, stroke=0, fill=1)
    canvas.setFillColor(colour("#FFFFFF"))
    band_size, band_lines = _fitted(face.band, "InKind-Bold", 9, CARD_W - 2 * pad, band_h, 6)
    canvas.setFont("InKind-Bold", band_size)
    canvas.drawString(x + pad, y + CARD_H - 1 - band_h / 2 - band_size / 3, band_lines[0])
    small_h = 0.0
    small_lines: list[str] = []
    small_size = 6.5
    if face.small:
        text = "\n".join(f"• {line}" for line in face.small)
        small_size, small_lines = _fitted(text, "InKind", 7, CARD_W - 2 * pad, 26 * MM, 5)
        small_h = (len(small_lines) + 1.3) * small_size * 1.25
    top = y + CARD_H - band_h - pad - 2
    room = top - (y + pad + small_h)
    size, lines = _fitted(face.text, "InKind", 12, CARD_W - 2 * pad, room, 6.5)
    canvas.setFillColor(colour(INK))
    canvas.setFont("InKind", size)
    line_y = top - size
    for line in lines:
        canvas.drawString(x + pad, line_y, line)
        line_y -= size * 1.25
    if small_lines:
        canvas.setFillColor(colour(MUTED))
        line_y = y + pad + small_h - small_size
        canvas.setFont("InKind-Bold", small_size)
        canvas.drawString(x + pad, line_y, face.small_heading)
        canvas.setFont("InKind", small_size)
        for line in small_lines:
            line_y -= small_size * 1.25
            canvas.drawString(x + pad, line_y, line)


def _back(
    canvas: Canvas,
    place: tuple[float, float],
    deck: Deck,
    title: str,
    colour: Callable[[str], Color],
) -> None:
    x, y = place
    canvas.setFillColor(colour("#B4553A"))
    canvas.roundRect(x + 1, y + 1, CARD_W - 2, CARD_H - 2, 3 * MM, stroke=0, fill=1)
    canvas.setStrokeColor(colour("#FFF8F0"))
    canvas.setLineWidth(1.2)
    inset = 4 * MM
    canvas.roundRect(x + inset, y + inset, CARD_W - 2 * inset, CARD_H - 2 * inset, 2 * MM)
    radius = CARD_W / 6
    for dx in (-radius / 2, radius / 2):  # the two circles of the game's icon
        canvas.circle(x + CARD_W / 2 + dx, y + CARD_H / 2 + 6 * MM, radius, stroke=1, fill=0)
    canvas.setFillColor(colour("#FFF8F0"))
    canvas.setFont("InKind-Bold", 10)
    canvas.drawCentredString(x + CARD_W / 2, y + CARD_H / 2 - radius - 4 * MM, title or "In Kind")
    canvas.setFont("InKind", 7)
    canvas.drawCentredString(x + CARD_W / 2, y + CARD_H / 2 - radius - 9 * MM, deck.name)


def _crop_marks(canvas: Canvas, paper: tuple[float, float]) -> None:
    from reportlab.lib.colors import black

    width, height = paper
    left, bottom = (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2
    right, top = left + COLUMNS * CARD_W, bottom + ROWS * CARD_H
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.3)
    for column in range(COLUMNS + 1):
        mark_x = left + column * CARD_W
        canvas.line(mark_x, top + BLEED_GAP, mark_x, top + BLEED_GAP + CROP)
        canvas.line(mark_x, bottom - BLEED_GAP, mark_x, bottom - BLEED_GAP - CROP)
    for row in range(ROWS + 1):
        mark_y = bottom + row * CARD_H
        canvas.line(left - BLEED_GAP, mark_y, left - BLEED_GAP - CROP, mark_y)
        canvas.line(right + BLEED_GAP, mark_y, right + BLEED_GAP + CROP, mark_y)


def run_print(deck_arg: str, out: str, paper: str, stdout: TextIO, stderr: TextIO) -> int:
    """Load DECK (a file, or the id of a deck the game knows) and write its cards as a PDF."""
    from game.content.decks import load_deck
    from game.content.sources import load_catalog
    from game.content.terminal import escape
    from game.content.ui_text import load_ui_text

    def say(line: str, to: TextIO) -> None:
        print(escape(line), file=to)

    if Path(deck_arg).exists():
        result = load_deck(deck_arg)
        if result.deck is None or not result.ok:
            for problem in result.problems:
                say(problem.format(), stderr)
            say(f"inkind print: {deck_arg} has errors; run `inkind check {deck_arg}`", stderr)
            return 1
        deck = result.deck
    else:
        found = [r.deck for r in load_catalog(()).decks if r.deck is not None]
        match = [d for d in found if d.id == deck_arg]
        if not match:
            known = ", ".join(sorted(d.id for d in found))
            say(f"inkind print: no deck file or deck id {deck_arg!r} (the decks: {known})", stderr)
            return 2
        deck = match[0]
    t = load_ui_text()
    target = Path(out)
    pages = write_pdf(deck, target, paper, t, t("print_back_title"))
    count = len(faces(deck, t))
    sheets = math.ceil(count / (COLUMNS * ROWS))
    say(
        f"{out}: {count} cards on {pages} pages ({sheets} sheets printed on both sides, "
        f"{paper.upper()})",
        stdout,
    )
    return 0
