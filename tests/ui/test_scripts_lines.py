"""Every script, line by line (issue 25): Arabic marks below and above the line are drawn,
a right-to-left paragraph is reordered line by line after wrapping (UAX #9 L1-L2 with the
paragraph's levels), and Korean breaks at spaces, not inside words.

Needs Debian's fonts-noto-cjk and fonts-noto-core (`.ci/run` installs them).
"""

from __future__ import annotations

import pygame
import pytest

from game.fonts.system import system_fonts
from game.ui import bidi
from game.ui.text import Text

MIRRORED = str.maketrans("()[]{}<>", ")(][}{><")


@pytest.fixture(scope="module")
def text() -> Text:
    pygame.font.init()
    fonts = system_fonts()
    missing = [c for c in "한مש" if not fonts.can_draw(ord(c))]
    if missing:
        pytest.skip(
            f"no font here draws {''.join(missing)}: install fonts-noto-cjk fonts-noto-core"
        )
    return Text()


def ink(surface: pygame.Surface) -> int:
    return pygame.mask.from_surface(surface).count()


@pytest.mark.parametrize("line", ["في شيء", "لِلّٰهِ إِنَّ", "שָׁלוֹם עוֹלָם"])
def test_marks_below_and_above_the_line_are_drawn_whole(text: Text, line: str):
    """The game's line holds every pixel HarfBuzz draws for it: ي keeps its two dots at a
    word's end, a shadda and its kasra keep theirs (the line box once cut them)."""
    pieces = text.pieces(line)
    assert len(pieces) == 1
    font = pygame.font.Font(str(text._chains[False][pieces[0].face].path), 34)
    font.set_script(pieces[0].rtl_script)
    font.set_direction(pygame.DIRECTION_RTL)
    plain = font.render(line, True, (0, 0, 0))
    drawn = text.render(line, 34, (0, 0, 0))
    assert ink(drawn) == ink(plain)


def test_a_line_taller_than_its_box_still_stands_on_the_main_fonts_baseline(text: Text):
    """Drawn at the same place, an Arabic line and a Latin one share a baseline: the ink that
    overhangs the line box is drawn outside it, not pushed into it."""
    target = pygame.Surface((400, 200), pygame.SRCALPHA)
    rect = text.draw(target, "في شيء", 34, (0, 0, 0), (10, 50))
    assert rect.height == text.font(34).get_height()  # the box it stands in, as before
    below = target.subsurface(pygame.Rect(0, rect.bottom, 400, 20))
    assert ink(below) > 0, "the dots of ي below the line box are drawn"


def visual(pieces: tuple) -> str:  # type: ignore[type-arg]
    """What the eye reads from left to right: a right-to-left run drawn backwards, its brackets
    mirrored (HarfBuzz mirrors them in a right-to-left run)."""
    return "".join(p.text[::-1].translate(MIRRORED) if p.rtl_script else p.text for p in pieces)


def test_a_wrapped_right_to_left_paragraph_is_reordered_line_by_line(text: Text):
    """ "(Mixed: In Kind 2026)" broken after "Mixed:": the colon stays with "Mixed" (it lies
    between two Latin words in the paragraph), each line's bracket opens toward its words."""
    lines = ["هذا نص (Mixed:", "In Kind 2026) آخر"]
    first = text.pieces(lines[0], rtl=True, context=bidi.context(lines, 0))
    second = text.pieces(lines[1], rtl=True, context=bidi.context(lines, 1))
    assert visual(first) == "Mixed:) صن اذه"
    assert visual(second) == "رخآ (In Kind 2026"
    # Without its paragraph the first line's colon would go with the Arabic.
    assert visual(text.pieces(lines[0], rtl=True)) == ":Mixed) صن اذه"


def test_draw_fitted_lays_out_each_line_with_its_paragraph(text: Text):
    paragraph = "هذا نص طويل قليلا (Mixed: In Kind 2026) وهنا ينتهي"
    fitted = None
    for width in range(120, 700, 4):
        fitted = text.fit(paragraph, (width, 400), 24, 24)
        if any(line.endswith("(Mixed:") for line in fitted.lines):
            break
    assert fitted is not None and any(line.endswith("(Mixed:") for line in fitted.lines)
    i = next(i for i, line in enumerate(fitted.lines) if line.endswith("(Mixed:"))
    assert visual(text.line_pieces(fitted, i)).startswith("Mixed:)")


def test_a_single_line_agrees_with_python_bidi():
    """Our levels (game/ui/bidi.py) against python-bidi, the Rust unicode-bidi crate's
    get_display, on a whole line: its API lays out a paragraph as one line and gives no
    levels, so it cannot reorder the lines of a wrapped paragraph (docs/scripts.md)."""
    get_display = pytest.importorskip("bidi").get_display
    for line in ("هذا نص (Mixed: In Kind 2026) آخر", "שלום 25 עולם!", "מה שלומך, Ana?"):
        ordered = bidi.visual_order(list(line), bidi.levels(line, True))
        assert "".join(ordered) == get_display(line, base_dir="R")  # neither mirrors


def test_korean_breaks_at_spaces_not_inside_words(text: Text):
    card = "어릴 때 가장 편안했던 곳은 어디였나요? 그곳에 대해 말해 주세요."
    words = set(card.split(" "))
    for width in (140, 160, 220, 300):  # every word fits: none is cut
        lines = text.wrap(card, 28, width)
        assert len(lines) > 1
        for line in lines:
            assert set(line.split(" ")) <= words, (width, lines)


def test_chinese_and_japanese_still_break_between_characters(text: Text):
    card = "最近有什么小事让你感到开心？请说一说。「为什么」呢？" * 2
    lines = text.wrap(card, 28, 200)
    assert "".join(lines) == card and len(lines) > 2
    assert not any(line[0] in "。、？」" for line in lines)
    assert not any(line[-1] == "「" for line in lines)


def test_the_cjk_face_follows_the_decks_language(text: Text):
    """Noto Sans CJK holds a face per language: 骨 is drawn in the Chinese (simplified) form
    for a zh-Hans deck and the Japanese form for a Japanese one; Korean has its own face."""
    from pathlib import Path

    from game.fonts.cmap import FaceFile, language_face

    pieces = text.pieces("骨")
    path = text._chains[False][pieces[0].face].path
    if path.suffix.lower() != ".ttc":
        pytest.skip(f"the CJK font here is no collection: {path}")
    assert [language_face(Path(path), lang) for lang in ("ja", "ko", "zh-Hans", "zh-Hant")] == [
        0,
        1,
        2,
        3,
    ]
    drawn = {}
    for language in ("ja", "zh-Hans", "ja"):
        text.set_language(language)
        drawn.setdefault(language, []).append(
            pygame.image.tobytes(text.render("骨", 40, (0, 0, 0)), "RGBA")
        )
    assert drawn["ja"][0] == drawn["ja"][1], "back to Japanese, the Japanese form again"
    assert drawn["ja"][0] != drawn["zh-Hans"][0], "the simplified Chinese form differs"
    # The face given as a file of its own is the very face fontconfig names.
    korean = pygame.font.Font(FaceFile(Path(path), 1), 40)
    plain = pygame.font.Font(str(path), 40)
    assert korean.size("한국어") == plain.size("한국어")
    text.set_language("")


def test_a_table_of_a_korean_deck_draws_in_the_korean_face(make_app):
    from game.core import engine
    from game.core.cards import Card, Deck, Level, Mode
    from game.core.rules import Rules
    from game.core.state import Player, Setup
    from game.table.session import Session
    from game.ui.scenes.table import TableScene

    driver = make_app(size=(1280, 720))
    deck = Deck(
        id="ko",
        name="한국어",
        levels=(Level("하나"),),
        cards=(Card(id="c", prompt="어릴 때 가장 편안했던 곳은 어디였나요?"),),
        language="ko",
    )
    setup = Setup(deck, Rules(), (Player("Ana"), Player("Ben")), Mode.PAIR, seed=1)
    table = TableScene(driver.app, Session(engine.new_game(setup), None))
    driver.app.switch(table)
    driver.step()
    assert driver.app.text._language == "ko"


@pytest.mark.parametrize(
    ("line", "mirrored", "align", "side"),
    [
        ("Tell about a morning you liked", False, "start", "left"),
        ("Tell about a morning you liked", True, "start", "right"),  # the reader's left
        ("Tell about a morning you liked", True, "left", "left"),  # the window's start
        ("حدثنا عن صباح أحببته", False, "start", "right"),
        ("حدثنا عن صباح أحببته", True, "start", "left"),  # the reader's right
    ],
)
def test_a_decks_words_start_on_their_own_scripts_side(
    text: Text, line: str, mirrored: bool, align: str, side: str
):
    """An English card in the Arabic window begins at the reader's left, as English does;
    the window's own words begin at its start (`align="left"`)."""
    pygame.font.init()
    text = Text()  # its own fonts: the module's Text may outlive a pygame.quit()
    box = pygame.Rect(0, 0, 900, 200)
    target = pygame.Surface(box.size)
    text.mirrored = mirrored
    fitted = text.fit(line, box.size, 30, 30)
    covered = text.draw_fitted(target, fitted, (255, 255, 255), box, align=align)
    assert covered.width < box.width // 2
    assert (covered.left == box.left) if side == "left" else (covered.right == box.right)
