"""Colour never carries meaning alone, and where it helps it stays visible: every pair of
colours that tells two states apart stays at least THRESHOLD apart (CIEDE2000) in each
theme, for typical colour vision and simulated protanopia, deuteranopia and tritanopia
(Machado et al. 2009, tests/ui/colour_vision.py). Why 10: docs/accessibility.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.ui.theme import PALETTES, Palette
from tests.ui.colour_vision import VISIONS, delta_e00, lab, seen_apart, simulate

THRESHOLD = 10.0
PHONE_CSS = Path(__file__).parents[2] / "game" / "phones" / "static" / "phone.css"


def state_pairs(pal: Palette) -> dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """The colours that must differ, by what they tell apart."""
    return {
        "a mark not given / given (fill)": (pal.button, pal.given),
        "a mark given / one that cannot be given (fill)": (pal.given, pal.panel),
        "a button that can / cannot be pressed (words)": (pal.button_text, pal.disabled),
        "a plain / the main button (fill)": (pal.button, pal.accent),
        "closeness: you / the other; a timer running / chimed": (pal.accent, pal.meter),
    }


def weakest() -> tuple[float, str]:
    return min(
        (seen_apart(one, two, vision), f"{theme}: {what}, {vision}")
        for theme, pal in PALETTES.items()
        for what, (one, two) in state_pairs(pal).items()
        for vision in VISIONS
    )


@pytest.mark.parametrize("theme", sorted(PALETTES))
@pytest.mark.parametrize("vision", VISIONS)
def test_every_state_pair_is_told_apart_in_every_colour_vision(theme, vision):
    pal = PALETTES[theme]
    close = {
        what: round(seen_apart(one, two, vision), 1)
        for what, (one, two) in state_pairs(pal).items()
        if seen_apart(one, two, vision) < THRESHOLD
    }
    assert not close, f"{theme} under {vision}: ΔE00 under {THRESHOLD}: {close}"


def test_the_weakest_pair_is_the_one_the_docs_name():
    found, where = weakest()
    assert where == "contrast: closeness: you / the other; a timer running / chimed, protanopia"
    assert round(found, 1) == 10.9


def test_the_warm_theme_failed_before_its_fix():
    """The old warm `meter` sat 7.4 from `accent` under deuteranopia, the old dark one 5.5
    under protanopia (the test's reason)."""
    assert seen_apart((176, 84, 58), (96, 140, 88), "deuteranopia") < THRESHOLD
    assert seen_apart((222, 132, 96), (110, 170, 104), "protanopia") < THRESHOLD
    for theme in ("warm", "dark"):
        pal = PALETTES[theme]
        assert min(seen_apart(pal.accent, pal.meter, v) for v in VISIONS) > 12


@pytest.mark.parametrize(
    ("one", "two", "expected"),
    [  # Sharma, Wu & Dalal (2005), table 1: pairs 1, 7 and 17
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ],
)
def test_ciede2000_matches_the_published_pairs(one, two, expected):
    assert delta_e00(one, two) == pytest.approx(expected, abs=1e-4)


def test_the_simulations_move_the_colours_each_deficiency_confuses():
    red, green, yellow, pink = (200, 40, 40), (40, 160, 40), (230, 220, 40), (240, 120, 200)
    assert seen_apart(red, green, "typical") > 50
    assert seen_apart(red, green, "deuteranopia") < seen_apart(red, green, "typical") / 2
    assert seen_apart(red, green, "protanopia") < seen_apart(red, green, "typical") / 2
    assert seen_apart(yellow, pink, "tritanopia") < seen_apart(yellow, pink, "typical") / 2
    for vision in VISIONS:  # greys stay grey, white stays white
        assert simulate((255, 255, 255), vision) == (255, 255, 255)
        assert simulate((0, 0, 0), vision) == (0, 0, 0)


channel = st.integers(0, 255)
colours = st.tuples(channel, channel, channel)


@given(colours, colours)
def test_delta_e_is_symmetric_and_zero_only_for_the_same_colour(one, two):
    assert delta_e00(lab(one), lab(two)) == pytest.approx(delta_e00(lab(two), lab(one)), abs=1e-6)
    assert delta_e00(lab(one), lab(one)) == pytest.approx(0.0, abs=1e-9)
    if one != two:
        assert delta_e00(lab(one), lab(two)) > 0


def test_a_given_mark_on_a_phone_shows_a_tick_and_says_pressed():
    css = PHONE_CSS.read_text(encoding="utf-8")
    assert re.search(r'button\.on::before \{ content: "✓', css)
    script = (PHONE_CSS.parent / "phone.js").read_text(encoding="utf-8")
    assert 'setAttribute("aria-pressed", offer.on ? "true" : "false")' in script
