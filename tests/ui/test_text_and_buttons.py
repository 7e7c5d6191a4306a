"""Issue 13: Greek and Cyrillic sit like Latin, hover never looks disabled, a row shares one size.

Measured on rendered pixels: the ink box of a fallback glyph against its Latin twin, the
colours a button is drawn in, and the sizes its labels were rendered at.
"""

from __future__ import annotations

import colorsys

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.ui_text import load_ui_text
from game.ui.look import Look
from game.ui.text import ELLIPSIS, Text
from game.ui.theme import PALETTES, Theme
from game.ui.widgets.button import Button, ButtonGroup, draw_button, row, row_label_size
from tests.budget import examples

# ------------------------------------------------------------ the fallback font


@pytest.fixture(scope="module")
def text() -> Text:
    pygame.font.init()
    return Text()


def ink(surface: pygame.Surface, left: int = 0, right: int | None = None) -> pygame.Rect:
    """The box of drawn pixels between two x positions, in the surface's coordinates."""
    right = surface.get_width() if right is None else right
    part = surface.subsurface(pygame.Rect(left, 0, right - left, surface.get_height()))
    box = part.get_bounding_rect()
    return box.move(left, 0)


# Twins: a Latin letter and a Greek or Cyrillic one of the same height on the same baseline.
TWINS = [("H", "Π"), ("H", "П"), ("O", "Θ"), ("O", "О"), ("x", "х"), ("o", "ο")]


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", [17, 27, 40, 64])
@pytest.mark.parametrize(("latin", "other"), TWINS)
def test_a_fallback_letter_alone_sits_where_its_latin_twin_sits(text, latin, other, size, bold):
    """A name drawn on its own (anchored by its surface) lines up with a Latin one.

    Within two pixels: sizes round to whole pixels and Noto's bold is synthetic.
    Before, Noto stood 2-5 px lower and about 7 % taller.
    """
    assert {face for face, _ in text.runs(other, bold)} == {1}  # it does use the fallback
    a, b = text.render(latin, size, (0, 0, 0), bold), text.render(other, size, (0, 0, 0), bold)
    assert a.get_height() == b.get_height()
    ink_a, ink_b = ink(a), ink(b)
    assert abs(ink_a.top - ink_b.top) <= 2, (ink_a, ink_b)
    assert abs(ink_a.bottom - ink_b.bottom) <= 2, (ink_a, ink_b)


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", [17, 27, 40, 64])
def test_in_one_line_fallback_letters_match_the_latin_ones(text, size, bold):
    """ "OΘ" and "DД": the Greek and Cyrillic letters are as tall and on the same line."""
    for latin, other in (("O", "Θ"), ("D", "Д"), ("H", "Н"), ("o", "σ")):
        line = text.render(latin + other, size, (0, 0, 0), bold)
        split = text.width(latin, size, bold)
        ink_a, ink_b = ink(line, 0, split), ink(line, split)
        assert abs(ink_a.top - ink_b.top) <= 2, (latin, other, ink_a, ink_b)
        if other != "Д":  # its feet go below the line, as they should
            assert abs(ink_a.bottom - ink_b.bottom) <= 2, (latin, other, ink_a, ink_b)
        # A mixed line is as tall as a Latin one, so rows of names line up.
        assert line.get_height() == text.render(latin, size, (0, 0, 0), bold).get_height()


def test_accented_capitals_are_not_clipped(text):
    """Making the line box the main font's must not cut the tops of Ё, Й or Ώ."""
    for letter in "ЁЙЇΏΆΪ":
        surface = text.render(letter, 40, (0, 0, 0), True)
        assert ink(surface).top > 0, letter


# ------------------------------------------------------------ hover and disabled


def luminance(colour) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def saturation(colour) -> float:
    return colorsys.rgb_to_hsv(*(c / 255 for c in colour[:3]))[1]


def distance(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a[:3], b[:3], strict=True)) ** 0.5


def drawn(look: Look, style: str, hovered: bool, enabled: bool = True):
    """(fill, ink) of a button as drawn: the fill beside the label, the ink its strongest pixel."""
    surface = pygame.Surface((320, 90))
    surface.fill(look.pal.background)
    rect = pygame.Rect(10, 10, 300, 70)
    draw_button(
        surface, look, Button("b", "Done sharing", rect, "", enabled, style), hovered, False
    )
    fill = tuple(surface.get_at((rect.left + 12, rect.centery)))[:3]
    label = pygame.Rect(rect.left + 40, rect.top + 10, rect.width - 80, rect.height - 20)
    pixels = (
        surface.get_at((x, y))[:3]
        for x in range(label.left, label.right)
        for y in range(label.top, label.bottom)
    )
    return fill, max(pixels, key=lambda p: distance(p, fill))


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_hover_looks_more_active_never_paler(text, theme):
    look = Look(Theme.make(theme, "normal", (1280, 720)), text)
    background = look.pal.background
    for style in ("primary", "on", "normal", "quiet"):
        fill, ink_colour = drawn(look, style, hovered=False)
        hover_fill, hover_ink = drawn(look, style, hovered=True)
        off_fill, off_ink = drawn(look, style, hovered=False, enabled=False)
        where = f"{theme} {style}: normal {fill}, hover {hover_fill}, disabled {off_fill}"
        # The words stay at least as clear on hover.
        assert contrast(hover_fill, hover_ink) >= min(4.5, contrast(fill, ink_colour)) - 0.05, where
        if style in ("primary", "on"):
            # A coloured button keeps its colour: no wash towards grey, no weaker text.
            assert saturation(hover_fill) >= saturation(fill) - 0.03, where
            assert contrast(hover_fill, hover_ink) >= contrast(fill, ink_colour) - 0.05, where
        else:
            assert hover_fill != fill, where  # a plain button shows the pointer is on it
            assert contrast(hover_fill, background) >= contrast(fill, background), where
            # Its fill moves away from the disabled one, never towards it.
            assert distance(hover_fill, off_fill) > distance(fill, off_fill), where
        # Disabled stays clearly apart: its words are much fainter than on hover or off it.
        faint = contrast(off_fill, off_ink)
        assert faint < 0.6 * min(contrast(fill, ink_colour), contrast(hover_fill, hover_ink)), where


# ------------------------------------------------------------ a row shares one label size


def rendered_sizes(look: Look, buttons: list[Button], monkeypatch) -> list[tuple[str, int]]:
    said: list[tuple[str, int]] = []
    real = Text.render

    def render(self, text, size, colour, bold=False):
        said.append((text, size))
        return real(self, text, size, colour, bold)

    monkeypatch.setattr(Text, "render", render)
    group = ButtonGroup()
    group.set(buttons)
    group.draw(pygame.Surface(look_size(look)), look)
    monkeypatch.undo()
    hints = {b.hint for b in buttons}
    return [(t, s) for t, s in said if t not in hints]


def look_size(look: Look) -> tuple[int, int]:
    return (round(1280 * look.theme.scale) + 300, round(720 * look.theme.scale) + 300)


def table_rows(look: Look, size: tuple[int, int]):
    """The table's bar rows, as scenes/table/layout.py and scene.py place them, real labels.

    A tall window puts the main choice in a row of its own and the others in a second row.
    """
    t = load_ui_text()
    share = [
        ("done", t("table_done_sharing"), "Enter"),
        ("pass", t("table_pass", name="Dmitri", left=1), "P"),
        ("lighter", t("table_lighter"), "L"),
        ("skip", t("table_skip"), "X"),
        ("feelings", t("table_feelings"), "F"),
    ]
    respond = [
        ("done", t("table_done_responding"), "Enter"),
        ("skip", t("table_skip"), "X"),
        ("hints", t("table_hints"), "H"),
        ("feelings", t("table_feelings"), "F"),
    ]
    award = [
        ("end", t("table_end_turn"), "Enter"),
        ("undo", t("table_undo"), "U"),
        ("skip", t("table_skip"), "X"),
    ]
    deal = [("draw", t("table_draw"), "Enter"), ("end", t("table_end_evening"), "E")]
    bars = [(share, [1.6, 1.2, 1.2, 1.2, 1.1]), (respond, [1.6, 1.2, 1.3, 1.1])]
    bars += [(award, [1.6, 1.2, 1.2]), (deal, [1.6, 1.2])]
    theme, margin = look.theme, look.px(24)
    height = max(look.px(70), look.text.line_height(theme.body, True) + look.px(22))
    tall = size[0] < size[1] * 0.9
    if tall:
        height = max(height, 2 * look.text.line_height(theme.small, True) + look.px(12))
    rect = pygame.Rect(margin, size[1] - margin - height, size[0] - 2 * margin, height)
    for entries, weights in bars:
        if tall and len(entries) > 2:
            yield entries[:1], [1.0], rect
            yield entries[1:], weights[1:], rect
        else:
            yield entries, weights, rect


@pytest.mark.parametrize("size", [(500, 700), (800, 600), (1280, 720)])
def test_a_row_of_buttons_shares_one_label_size_and_cuts_nothing(text, size, monkeypatch):
    look = Look(Theme.make("warm", "normal", size), text)
    small = look.theme.small
    for entries, weights, rect in table_rows(look, size):
        buttons = row(entries, rect, look.px(14), weights)
        said = rendered_sizes(look, buttons, monkeypatch)
        labels = [b.label for b in buttons]
        sizes = {s for _, s in said}
        assert len(sizes) == 1, (size, said)
        assert not [t for t, _ in said if t.endswith(ELLIPSIS)], (size, said)
        # Every word of every label is drawn, on at most two lines each.
        assert " ".join(t for t, _ in said).split() == " ".join(labels).split(), (size, said)
        assert len(said) <= 2 * len(labels)
        # Below the small size only when one line each would not fit: two lines come first.
        (chosen,) = sizes
        if chosen < small:
            assert len(said) > len(labels), (size, said)


def test_a_badge_inset_is_kept_free_of_the_label(text, monkeypatch):
    """`Button.reserve`: the right-hand pixels a badge ("+2") sits in; no label ink there.

    The row's shared size counts it: the labels get smaller (or wrap) rather than run under it.
    """
    look = Look(Theme.make("warm", "normal", (1280, 720)), text)
    area = pygame.Rect(20, 20, 2 * 260 + look.px(10), look.px(70))
    entries = [("q", "Deepening question", ""), ("f", "Felt response", "")]
    free = row(entries, area, look.px(10))
    reserved = row(entries, area, look.px(10))
    badge = look.px(60)
    for button in reserved:
        button.reserve = badge
    plain_sizes = {s for _, s in rendered_sizes(look, free, monkeypatch)}
    said = rendered_sizes(look, reserved, monkeypatch)
    (plain,), (shared,) = plain_sizes, {s for _, s in said}
    assert shared < plain
    labels = " ".join(label for _, label, _ in entries)
    assert " ".join(t for t, _ in said).split() == labels.split()
    surface = pygame.Surface((area.right + 20, area.bottom + 20))
    surface.fill(look.pal.background)
    group = ButtonGroup()
    group.set(reserved)
    group.draw(surface, look)
    fill = look.pal.button
    for button in reserved:
        kept = pygame.Rect(button.rect.right - badge, button.rect.top, badge, button.rect.height)
        kept = kept.inflate(0, -2 * look.px(14))  # clear of the rounded corners
        strays = [
            (x, y)
            for x in range(kept.left, kept.right)
            for y in range(kept.top, kept.bottom)
            if tuple(surface.get_at((x, y)))[:3] != fill
        ]
        assert not strays, (button.label, strays[:5])


def test_buttons_added_after_a_row_do_not_join_its_label_size(text):
    """The table adds the marks to the list its bar's `row` returned: the bar's labels once
    shrank to the marks' size (13 px "Continue" on a 44 px button)."""
    look = Look(Theme.make("warm", "normal", (800, 600)), text)
    buttons = row(
        [("go", "Continue", "Enter"), ("undo", "Undo", "U")], pygame.Rect(0, 0, 760, 44), 10
    )
    alone = row_label_size(look, buttons[0].row)
    crowded = Button("mark", "A very long label that must shrink a lot", pygame.Rect(0, 0, 60, 30))
    buttons += [crowded]
    assert buttons[0].row is not None and crowded not in buttons[0].row
    assert row_label_size(look, buttons[0].row) == alone


# ------------------------------------------------------------ wrapping word by word


def _help_paragraphs() -> list[str]:
    from game.content.words import load_words

    words, problems = load_words("en")
    assert words is not None, problems
    texts = [s.body for s in words.how_to_play.sections_for(True)]
    texts += [words.guide.intro, words.guide.share_example.story]
    texts += [f"{r.text} {r.why}" for e in words.guide.examples for r in (*e.earns, *e.misses)]
    return [p for t in texts for p in t.split("\n") if p.strip()]


@pytest.mark.parametrize("size, width", [(18, 300), (28, 640), (40, 1100), (69, 500)])
def test_wrapping_by_words_breaks_the_help_text_where_measuring_whole_lines_does(text, size, width):
    """The wrap adds up word widths (one measure a word); it breaks every line of the real
    help text exactly where measuring each growing line whole does, and nothing is wider."""
    paragraphs = _help_paragraphs()
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        for bold in (False, True):
            lines = text.wrap(paragraph, size, width, bold)
            assert lines == text._wrap_exactly(paragraph, size, width, bold)
            assert all(text.width(line, size, bold) <= width for line in lines)


@given(
    words=st.lists(
        st.text(alphabet="aéiouxyzAWVTHk.,'’Ω", min_size=0, max_size=14), min_size=1, max_size=30
    ),
    width=st.integers(min_value=8, max_value=400),
    size=st.sampled_from([12, 17, 26]),
)
@settings(max_examples=examples(ci=150, dev=30), deadline=None)
def test_wrapping_keeps_every_word_and_stays_inside_its_width(text, words, width, size):
    paragraph = " ".join(words)
    lines = text.wrap(paragraph, size, width)
    for line in lines:
        # One character wider than the width is all a line may ever be (a lone glyph).
        assert text.width(line, size) <= width or len(line) == 1
    # Joined back, the lines give every character of the paragraph in order: a line ends
    # at a space (dropped) or inside a word too long for any line (kept whole).
    assert "".join(lines).replace(" ", "") == paragraph.replace(" ", "")


# ------------------------------------------------------------ a row's size, from a guess

ROW_LABELS = [
    "Done sharing",
    "Pass to Dmitri (1 left)",
    "Deepening question",
    "Felt response",
    "Lighter card",
    "Continue",
    "Colours",
    "Next: choose a deck",
    "Γιώργος",
    "A very long label that must shrink a lot",
]


def _stepping_down(look: Look, buttons: list[Button]) -> tuple[int, int]:
    """How `row_label_size` searched before: every size from the top, one at a time."""
    from game.ui.widgets.button import _label_lines

    labelled = [b for b in buttons if b.label]
    start = min((b.size or look.theme.body for b in labelled), default=look.theme.body)
    small = min(look.theme.small, start)
    floor = min(start, max(12, round(small * 0.85)))
    for max_lines, lowest in ((1, small), (2, floor)):
        for size in range(start, lowest - 1, -1):
            if all(_label_lines(look, b, size, max_lines) is not None for b in labelled):
                return size, max_lines
    return floor, 2


@given(
    entries=st.lists(
        st.tuples(st.sampled_from(ROW_LABELS), st.sampled_from(["", "Esc", "Enter", "1", "←"])),
        min_size=1,
        max_size=5,
    ),
    width=st.integers(min_value=150, max_value=2400),
    height=st.integers(min_value=20, max_value=140),
    window=st.sampled_from([(800, 600), (1280, 720), (1920, 1080), (3840, 2160)]),
    text_size=st.sampled_from(["normal", "larger"]),
    badge=st.booleans(),
)
@settings(max_examples=examples(ci=150, dev=30), deadline=None)
def test_a_rows_size_found_from_a_guess_is_the_one_stepping_down_finds(
    text, entries, width, height, window, text_size, badge
):
    """The search starts where the labels' widths point and tries two sizes, not up to
    nine; it lands where stepping down from the top did (3,000 random rows agreed too)."""
    from game.ui.widgets import button

    look = Look(Theme.make("warm", text_size, window), text)
    ids = [(f"b{i}", label, hint) for i, (label, hint) in enumerate(entries)]
    buttons = row(ids, pygame.Rect(0, 0, width, height), look.px(10))
    for b in buttons:
        b.reserve = look.px(60) if badge else 0
    button._LAYOUTS.clear()
    assert row_label_size(look, buttons) == _stepping_down(look, buttons)


def test_a_rows_first_frame_tries_a_few_sizes_not_every_one(text, monkeypatch):
    """A bar like the share phase's at 1920x1080, whose labels step down from 40: every
    size tried is a font loaded (about 1 ms the first time). From the guess: the guess and
    its neighbours, where stepping down from the top tried each size on the way."""
    from game.ui.widgets import button

    look = Look(Theme.make("warm", "normal", (1920, 1080)), text)
    entries = [
        ("done", "Done sharing", "Enter"),
        ("pass", "Pass to Ben (1 left)", "P"),
        ("lighter", "Lighter card", "L"),
        ("other", "Not this card", "N"),
        ("ideas", "Feelings", "F"),
    ]
    buttons = row(entries, pygame.Rect(0, 0, 1840, 96), look.px(16))
    tried: set[tuple[int, int]] = set()
    real = button._label_lines

    def counting(look, b, size, max_lines):
        tried.add((size, max_lines))
        return real(look, b, size, max_lines)

    monkeypatch.setattr(button, "_label_lines", counting)
    button._LAYOUTS.clear()
    found = row_label_size(look, buttons)
    by_guess = set(tried)
    tried.clear()
    assert found == _stepping_down(look, buttons)
    assert len(by_guess) <= 3 < len(tried), (sorted(by_guess), sorted(tried))


def test_a_fallback_face_is_loaded_once_whatever_the_sizes(text):
    """Noto's first measure on a new font object took 20 ms and 1.3 MB, at every size: a
    Greek name on the marks screen (its names step down one size at a time) cost 140 ms.
    A fallback face is now one object set to each size, drawing the same pixels."""
    new = Text()
    for size in range(20, 41):
        new.width(f"Γιώργος {size}", size, True)
    assert new.stats()["fonts"] == 21 + 1  # the main face at each size, Noto's once
    for size in (17, 33, 40, 61):
        alone = Text()  # this size the first on its Noto object
        for name in ("Γιώργος", "Фатима"):
            shared = text.render(name, size, (20, 30, 40), True)
            fresh = alone.render(name, size, (20, 30, 40), True)
            assert shared.get_size() == fresh.get_size()
            assert pygame.image.tobytes(shared, "RGBA") == pygame.image.tobytes(fresh, "RGBA")


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_a_button_kept_drawn_is_pixel_for_pixel_the_button_drawn(make_app, size):
    """Buttons drawn plain are kept as surfaces and copied (widgets/button.py): every kind
    (each style, disabled, a key chip, an arrow, a chip alone, a badge's room, two lines,
    clipped by a scrolled list) must come out exactly as drawing it does."""
    from game.ui.widgets import kept as kept_module

    look = make_app(size).app.look
    scale = size[0] / 1280
    buttons = []
    for n, (style, enabled, hint, label) in enumerate(
        [
            ("normal", True, "D", "Draw a card"),
            ("primary", True, "Enter", "Done sharing"),
            ("on", True, "1", "Deepening question"),
            ("quiet", True, "", "Back"),
            ("normal", False, "P", "Pass to Dmitri (1 left)"),
            ("normal", True, "Right", ""),
            ("on", True, "2", "Said how it felt to hear it, and what it made me think"),
        ]
    ):
        rect = pygame.Rect(
            int(20 * scale), int((20 + n * 70) * scale), int(420 * scale), int(60 * scale)
        )
        buttons.append(
            Button(f"b{n}", label, rect, hint, enabled, style, reserve=int(40 * scale) * (n == 2))
        )
    buttons[3].clip = buttons[3].rect.inflate(0, -buttons[3].rect.height // 2)

    def drawn(keep: bool) -> bytes:
        kept_module.KEEP_DRAWN[0] = keep
        kept_module.forget()
        try:
            surface = pygame.Surface(size)
            surface.fill(look.pal.background)
            group = ButtonGroup()
            group.set(buttons)
            for _ in range(2):  # the second time from the kept surfaces
                group.draw(surface, look)
            return pygame.image.tobytes(surface, "RGB")
        finally:
            kept_module.KEEP_DRAWN[0] = True

    assert drawn(keep=True) == drawn(keep=False)


@pytest.mark.parametrize(
    "name",
    [
        "\u200d",  # a joiner alone: nothing of it has width
        "\u2069",  # a closing isolate with nothing to close
        "\u2068\u00ada\u0640\u200d\u2069",  # a soft hyphen, a tatweel, a joiner
        "\u0301\ufeff\u062c\u200caa",  # a mark alone before a byte-order mark and Arabic
    ],
)
def test_names_of_invisible_characters_draw_without_an_error(name):
    """Found by the random-events test: a run with no width made pygame raise. Such a run
    is left out; the line is drawn, and the UI's sentences around the name too."""
    from game.content.ui_text import load_ui_text

    pygame.font.init()
    text, t = Text(), load_ui_text()
    for line in (name, t("top_score", name=name, points=3), t("table_award", name=name)):
        surface = text.render(line, 24, (0, 0, 0))
        assert surface.get_height() > 0
        assert "\u2068" not in "".join(p.text for p in text.pieces(line))
