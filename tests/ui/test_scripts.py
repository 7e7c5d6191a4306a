"""Any script (issue 16): Japanese, Chinese, Korean, Arabic and Hebrew cards and names draw with
a font that has every character (no "?", no empty box), right to left where they should.

Needs Debian's fonts-noto-cjk, fonts-noto-core and fonts-noto-color-emoji (`.ci/run` installs
them); without them the test says so and is skipped.
"""

from __future__ import annotations

import pygame
import pytest

from game.fonts.system import system_fonts
from game.ui import bidi
from game.ui.text import Text

CARDS = {
    "Japanese": "子どもの頃、いちばん安心できた場所はどこでしたか？",
    "Chinese": "最近有什么小事让你感到开心？",
    "Korean": "어릴 때 가장 편안했던 곳은 어디였나요?",
    "Arabic": "ما المكان الذي شعرت فيه بالأمان وأنت طفل؟",
    "Hebrew": "איפה הרגשת הכי בטוח כשהיית ילד?",
}
NAMES = ("נועה", "فاطمة", "李明", "さくら", "지민", "Ana 🌻")


@pytest.fixture(scope="module")
def text() -> Text:
    pygame.font.init()
    fonts = system_fonts()
    needed = "日한مש😀"
    missing = [c for c in needed if not fonts.can_draw(ord(c))]
    if missing:
        pytest.skip(
            f"no font here draws {''.join(missing)}: install fonts-noto-cjk fonts-noto-core"
        )
    return Text()


def covered(text: Text, line: str, bold: bool = False) -> None:
    pieces = text.pieces(line, bold)
    assert sorted("".join(p.text for p in pieces)) == sorted(line), "a character became '?'"
    for piece in pieces:
        for char in piece.text:
            assert text._covers(bold, piece.face, ord(char)), f"{char!r} has no glyph in its font"
    surface = text.render(line, 28, (0, 0, 0), bold)
    assert surface.get_width() > 28 and _inked(surface)


def _inked(surface: pygame.Surface) -> bool:
    return pygame.mask.from_surface(surface).count() > 0


@pytest.mark.parametrize("language", sorted(CARDS))
def test_cards_in_each_script_draw_every_character(text: Text, language: str):
    covered(text, CARDS[language])
    fitted = text.fit(CARDS[language], (260, 300), 32)
    assert all(text.width(line, fitted.size) <= 260 for line in fitted.lines)
    assert "".join(fitted.lines).replace(" ", "") == CARDS[language].replace(" ", "")


@pytest.mark.parametrize("name", NAMES)
def test_names_in_each_script_and_with_an_emoji_draw(text: Text, name: str):
    covered(text, name, bold=True)
    covered(text, name)


def test_a_hebrew_name_and_an_emoji_name_no_longer_look_the_same(text: Text):
    first = pygame.image.tobytes(text.render("נועה", 28, (0, 0, 0)), "RGBA")
    second = pygame.image.tobytes(text.render("🌻🌻🌻🌻", 28, (0, 0, 0)), "RGBA")
    assert first != second


def test_emoji_are_drawn_in_colour_at_the_lines_height(text: Text):
    surface = text.render("🌻", 28, (0, 0, 0))
    assert surface.get_height() == text.font(28).get_height()
    colours = {
        surface.get_at((x, y))[:3]
        for x in range(surface.get_width())
        for y in range(surface.get_height())
    }
    assert any(r > 150 and g > 100 and b < 80 for r, g, b in colours)  # the sunflower's yellow


def test_digits_inside_hebrew_keep_their_order_and_stand_left_of_the_words_before(text: Text):
    pieces = text.pieces("שלום 25 עולם")
    order = [piece.text.strip() for piece in pieces if piece.text.strip()]
    assert order == ["עולם", "25", "שלום"]  # drawn left to right: the first word at the right
    assert next(p for p in pieces if p.text == "25").rtl_script == ""  # digits left to right


def test_arabic_letters_are_joined(text: Text):
    pieces = text.pieces("مرحبا")
    assert [p.rtl_script for p in pieces] == ["Arab"]
    shaped = text.width("مرحبا", 30)
    font = text.font(30, False, pieces[0].face)  # the same face, left to right, no script
    assert shaped < font.size("مرحبا")[0] * 0.9  # joined letters are narrower than isolated


def test_a_mixed_line_orders_its_runs_by_the_bidi_algorithm():
    # In a left-to-right (English) line a number stays with the English after a name.
    line = "Pass to فاطمة (2 left)"
    ordered = bidi.visual_order(list(line), bidi.levels(line, bidi.is_rtl_line(line)))
    assert "".join(ordered) == "Pass to ةمطاف (2 left)"
    line = "مرحبا 2024!"
    ordered = bidi.visual_order(list(line), bidi.levels(line, True))
    assert "".join(ordered) == "!2024 ابحرم"


def test_japanese_wraps_between_characters_and_keeps_closing_marks_on_the_line(text: Text):
    card = CARDS["Japanese"] * 2
    lines = text.wrap(card, 30, 250)
    assert len(lines) > 2 and "".join(lines) == card
    assert all(text.width(line, 30) <= 250 for line in lines)
    assert not any(line[0] in "、。？" for line in lines)


def test_an_english_line_with_a_hebrew_or_arabic_name_stays_left_to_right():
    assert not bidi.is_rtl_line("فاطمة shares")
    assert not bidi.is_rtl_line("נועה: 2")
    assert bidi.is_rtl_line("מה הרגשת שם?")


def test_a_hebrew_paragraph_stands_at_the_right_of_its_box(text: Text):
    surface = pygame.Surface((600, 100), pygame.SRCALPHA)
    fitted = text.fit(CARDS["Hebrew"], (600, 100), 20)
    covered_rect = text.draw_fitted(surface, fitted, (0, 0, 0), pygame.Rect(0, 0, 600, 100))
    assert covered_rect.right == 600 and covered_rect.left > 100


def test_plain_latin_text_never_asks_for_the_computers_fonts():
    asked = []
    text = Text(system_fonts=lambda: asked.append(1))  # type: ignore[arg-type,func-returns-value]
    text.render("Ana, Ben and Chloé: what did you feel? 25 %", 24, (0, 0, 0))
    text.fit("Tell about a morning that surprised you. " * 4, (300, 300), 28)
    assert asked == []


def test_names_put_in_the_uis_sentences_never_turn_them_right_to_left(text: Text):
    """The UI puts each right-to-left value in an isolate (game/content/ui_text.py), so a
    line of several Hebrew and Arabic names stays an English line: "נועה: 4" reads name,
    colon, number, and the scores come in seat order from the left. The isolates say the
    direction and are not drawn."""
    from game.content.ui_text import ISOLATE_CLOSE, ISOLATE_OPEN, load_ui_text

    t = load_ui_text()
    scores = [t("top_score", name=n, points=p) for n, p in (("Eli", 2), ("נועה", 4), ("فاطمة", 1))]
    assert scores[0] == "Eli: 2"  # a left-to-right name is put in as it is
    assert scores[1] == f"{ISOLATE_OPEN}נועה{ISOLATE_CLOSE}: 4"
    line = "    ".join(scores)
    assert not bidi.is_rtl_line(line)
    drawn = [p.text.strip() for p in text.pieces(line) if p.text.strip()]
    assert drawn[0].startswith("Eli: 2")
    assert drawn.index("נועה") < drawn.index("فاطمة")  # seat order, left to right
    assert not any(c in "".join(drawn) for c in ISOLATE_OPEN + ISOLATE_CLOSE)
    covered(text, line.replace(ISOLATE_OPEN, "").replace(ISOLATE_CLOSE, ""))
    assert not bidi.is_rtl_line(t("table_award", name="נועה"))  # "נועה, mark what you…"
    assert bidi.is_rtl_line(CARDS["Hebrew"])  # a card's own sentence still turns


def test_a_list_of_hebrew_and_arabic_names_keeps_the_seats_order(text: Text):
    """Each name in a list is its own isolate, laid out by itself (UAX #9 X5c): two
    right-to-left names side by side no longer swap, nor take the comma between them."""
    from game.content.ui_text import isolated

    names = ["李明", "فاطمة", "נועה", "Ana"]
    line = "Listening: " + ", ".join(str(isolated(n)) for n in names)
    drawn = [p.text for p in text.pieces(line)]
    joined = "".join(drawn)
    assert "\u2068" not in joined and "\u2069" not in joined
    at = [next(i for i, piece in enumerate(drawn) if name in piece) for name in names]
    assert at == sorted(at), drawn  # left to right in seat order
    levels = bidi.levels(line, False)
    comma = line.index(",", line.index("فاطمة"))
    assert levels[comma] == 0, "the comma between two names stays with the English"
    assert bidi.levels("\u2068abc\u2069", True)[1:4] == [2, 2, 2]  # Latin one level up
