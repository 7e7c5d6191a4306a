"""Card text never spills out of its card: the longest built-in prompt and a 300-character one, at 800x600."""

from __future__ import annotations

import pygame
import pytest

from game.content.sources import load_catalog
from game.core import engine
from game.core.actions import Draw
from game.core.cards import Card, Deck, Level, Mode
from game.core.rules import Rules
from game.core.state import Player, Setup
from game.table.session import Session
from game.ui.scenes.table import TableScene
from game.ui.scenes.table.card_column import draw_card
from game.ui.text import Text
from game.ui.widgets.card import text_box
from tests.moves import ANY, apply

LONG_PROMPT = ("Think of a long afternoon you spent somewhere unfamiliar, " * 8)[:300]


def longest_builtin_prompt() -> str:
    catalog = load_catalog()
    prompts = [c.prompt for r in catalog.decks if r.deck for c in r.deck.cards if c.prompt]
    return max(prompts, key=len)


def table_with_prompt(driver, prompt: str, names=("Ana", "Ben")) -> TableScene:
    card = Card(id="long", prompt=prompt, follow_ups=("What did you feel?",))
    deck = Deck(id="one", name="One card", cards=(card,), levels=(Level("Open"),))
    setup = Setup(deck, Rules(), tuple(Player(n) for n in names), Mode.PAIR, seed=1)
    state = apply(engine.new_game(setup), Draw(ANY))
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.settle()
    return table


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("which", ["longest built-in", "300 characters"])
def test_card_text_fits_inside_the_card(make_app, size, which):
    driver = make_app(size=size)
    prompt = longest_builtin_prompt() if which == "longest built-in" else LONG_PROMPT
    assert len(prompt) >= (60 if which == "longest built-in" else 300)  # cards are short now
    table = table_with_prompt(driver, prompt)
    look = driver.app.look
    drawn = draw_card(driver.app.screen, look, table.view, table.card_box, 1.0)
    card = table.card_box
    _, box = text_box(card, driver.app.look)
    assert drawn.width > 0 and drawn.height > 0
    assert card.contains(drawn), (drawn, card)
    assert box.contains(drawn), (drawn, box)


@pytest.mark.parametrize("text_size", ["normal", "larger"])
def test_every_builtin_prompt_fits_at_800x600(make_app, text_size):
    from game.store.settings import Settings

    driver = make_app(size=(800, 600), settings=Settings(text_size=text_size))
    catalog = load_catalog()
    prompts = {c.prompt for r in catalog.decks if r.deck for c in r.deck.cards if c.prompt}
    table = table_with_prompt(driver, "x")
    look = driver.app.look
    _, box = text_box(table.card_box, look)
    for prompt in sorted(prompts, key=len)[-20:]:
        fitted = look.text.fit(prompt, box.size, look.theme.card_text, look.theme.card_text // 2)
        assert fitted.height <= box.height
        assert all(look.text.width(line, fitted.size) <= box.width for line in fitted.lines)
        assert not fitted.lines[-1].endswith("…"), prompt  # shrinking was enough: nothing cut


def test_fit_never_overflows_even_when_it_must_cut():
    pygame.font.init()
    text = Text()
    fitted = text.fit("word " * 400, (200, 80), 30, 20)
    assert fitted.height <= 80
    assert fitted.lines[-1].endswith("…")
    assert all(text.width(line, fitted.size) <= 200 for line in fitted.lines)


def test_long_names_are_ellipsised():
    pygame.font.init()
    text = Text()
    name = "Maximiliana-Josephine Wolkenstein-Rodenegg"
    short = text.ellipsize(name, 24, 150, bold=True)
    assert short.endswith("…") and text.width(short, 24, True) <= 150


def test_greek_and_cyrillic_use_the_fallback_font_and_unknown_glyphs_no_boxes():
    pygame.font.init()
    text = Text()
    runs = text.runs("Chloé Фатима Γιώργος")
    faces = {face for face, _ in runs}
    assert faces == {0, 1}
    assert "".join(run for _, run in runs) == "Chloé Фатима Γιώργος"
    assert "".join(run for _, run in text.runs("\ue000\U0010fffd")) == "??"  # no font has them
    surface = text.render("Фатима", 30, (0, 0, 0))
    assert surface.get_width() > 30


def test_long_names_in_the_headline_stay_inside_the_panel(make_app):
    driver = make_app(size=(800, 600))
    long_names = ("Bartholomew-Maximilian the Third of Kensington", "Ben")
    table = table_with_prompt(driver, "A short prompt.", names=long_names)
    assert table.panel_texts, "the panel says something"
    shown = " ".join(" ".join(fitted.lines) for fitted, _, _ in table.panel_texts)
    assert "Bartholomew" in shown
    for fitted, box, _ in table.panel_texts:
        assert box.right <= driver.app.size[0]
        assert all(
            driver.app.look.text.width(line, fitted.size, fitted.bold) <= box.width
            for line in fitted.lines
        )
