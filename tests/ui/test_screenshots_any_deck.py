"""`inkind --screenshot DIR --deck FILE` renders any valid deck (issue 25): a deck of one
level (it once crashed drawing a level change it never has) and a deck with an action card."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.screenshots import render_all

pytestmark = pytest.mark.slow  # some 45 screens each

ONE_LEVEL = """\
format: 1.1
id: one-level
name: One Level
cards:
  - prompt: "Tell about a meal you still think about. What made it matter?"
  - prompt: "Tell about a walk you remember. What were you thinking on the way back?"
  - prompt: "Tell about a morning that surprised you."
  - wild: mirror
"""
ACTION = """\
format: 1.1
id: with-action
name: With Action
cards:
  - prompt: "Tell about a meal you still think about. What made it matter?"
  - wild: action
    text: "Sit in silence together for one minute. Then each of you says one thing you noticed."
    timer: 60
  - prompt: "Tell about a walk you remember. What were you thinking on the way back?"
  - prompt: "Tell about a morning that surprised you."
"""


@pytest.mark.parametrize("deck", [ONE_LEVEL, ACTION], ids=["one-level", "action-card"])
def test_screenshots_of_a_deck_authors_own_deck(tmp_path: Path, deck: str, capsys) -> None:
    source = tmp_path / "deck.yaml"
    source.write_text(deck, encoding="utf-8")
    out = tmp_path / "shots"
    assert render_all(out, extra_decks=[str(source)], sizes=((800, 600),)) == 0
    names = sorted(path.name for path in out.glob("*.png"))
    assert len(names) > 30 and any(name.endswith("-table-share.png") for name in names)
    assert "screenshots in" in capsys.readouterr().out
    if deck is ONE_LEVEL:
        assert not any("level-change" in name for name in names)


def test_the_sample_game_of_an_action_deck_carries_out_its_action_card(tmp_path: Path) -> None:
    from game.content.sources import load_catalog
    from game.core.cards import Mode
    from game.table.samples import sample_game

    source = tmp_path / "deck.yaml"
    source.write_text(ACTION, encoding="utf-8")
    catalog = load_catalog(extra=[str(source)])
    game = sample_game(catalog, Mode.PAIR, deck_ids=("with-action",), seeds=3)
    assert game is not None and game.start.deck.id == "with-action"
    assert game.finished.phase.value == "finished"
