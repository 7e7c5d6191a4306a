"""Opening the deck page lays out what shows, not every deck (issue 27).

Counted, not timed: the text the page measures and draws (every call to the text
module's measuring and drawing), the rows that get a place of their own in the list, and
the walks over the catalog's decks, while the page opens again with 20 and with 800 decks
of the player's own. The page with 800 decks asks for no more text than the page with 20:
the same rows show. Before, each opening measured every deck's tile (two line heights a
deck), placed every row, and walked the whole catalog for each of some 15 look-ups of the
list and for every tile's languages; then it made a button for every deck, and started
the thread that looks for changed files before its first frame.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pygame
import pytest

from game.content import sources
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.new_game import choices as choices_module
from game.ui.scenes.new_game import deck_page as deck_page_module
from game.ui.scenes.new_game.deck_page import DeckScene
from game.ui.text import Text

MEASURING = ("line_height", "width", "wrap", "ellipsize", "fit", "render", "draw")


def _write_decks(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"deck-{number:04d}.yaml").write_text(
            f"format: 1\nid: deck-{number}\nname: Deck {number}\ncards:\n"
            f"  - prompt: Tell about a morning you remember ({number}). How did it feel?\n",
            encoding="utf-8",
        )


def _reopen(monkeypatch: pytest.MonkeyPatch, folder: Path, count: int) -> dict[str, int]:
    """What opening the deck page again (the decks read once before) asks for."""
    _write_decks(folder, count)
    sources._READ.clear()
    sources._READ_FILES.clear()
    pygame.init()
    app = App(
        extra_decks=[str(folder)],
        size=(1280, 720),
        store=None,
        settings=Settings(),
        save_settings_file=False,
    )
    counts: Counter[str] = Counter()
    counting = [False]
    for name in MEASURING:
        real = getattr(Text, name)

        def counted(self, *args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            if counting[0]:
                counts[_name] += 1
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Text, name, counted)
    real_family = choices_module.one_per_family

    def counted_family(decks, language, picked=None):  # type: ignore[no-untyped-def]
        if counting[0]:
            counts["catalog walked"] += 1
        return real_family(decks, language, picked)

    monkeypatch.setattr(choices_module, "one_per_family", counted_family)
    real_load = sources.CatalogLoad

    class CountedLoad(real_load):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if counting[0]:
                counts["readings started"] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(sources, "CatalogLoad", CountedLoad)
    made = deck_page_module._TILES.made
    try:
        for opening in range(2):  # the first reads the decks; the second is counted
            app.reset("title")
            app.push("new_game")
            app.step((), 1 / 60)
            players = app.scene
            assert isinstance(players, NewGameScene)
            made = deck_page_module._TILES.made
            counting[0] = opening == 1
            players.go_next()
            app.step((), 1 / 60)
            counting[0] = False
            page = app.scene
            assert isinstance(page, DeckScene)
            if opening == 1:
                counts["tiles made"] = deck_page_module._TILES.made - made
                assert len(page.decks) > count  # listed at once, the decks read before
                placed = {id(b.rect) for b in page.buttons.buttons[: len(page.decks)]}
                counts["rows placed"] = len(placed)
                counts["rows shown"] = sum(1 for b in page.buttons.buttons if b.shown.width)
            reading = page.reading
            while reading is not None:
                assert reading.wait(60), "the decks were never read"
                app.step((), 1 / 60)
                reading = page.reading
    finally:
        pygame.quit()
    return dict(counts)


def test_reopening_the_deck_page_measures_what_shows_not_every_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few = _reopen(monkeypatch, tmp_path / "few", 20)
    many = _reopen(monkeypatch, tmp_path / "many", 800)
    text_few = {k: few.get(k, 0) for k in MEASURING}
    text_many = {k: many.get(k, 0) for k in MEASURING}
    assert text_many == text_few, (text_few, text_many)
    assert few["rows shown"] == many["rows shown"]
    # Rows a box's height above and below what shows get their own place; the rest share
    # one rect above and one below the box (all of these decks' tiles are as tall).
    assert many["rows placed"] <= 3 * many["rows shown"] + 2, many
    assert many.get("catalog walked", 0) == 0, many  # kept from the opening before
    # The tiles' buttons are kept from the opening before too (the same decks): none made.
    assert many["tiles made"] == 0, many
    # The look for changed files waits for the page's first frame: a thread reading beside
    # the opening frame shared the interpreter's lock with it (twice the frame's own time).
    assert many.get("readings started", 0) == 0, many
