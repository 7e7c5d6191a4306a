"""New game, in two pages on the scene stack, then the lines page on top when asked for:

- choices.py    what the group has chosen (mode, names, deck, options, topics left out),
                shared by the pages; no pygame
- frame.py      title, step, hint, notice line and bar, the same on every page
- players.py    page 1: pair or circle, and the names (`NewGameScene`, scene "new_game")
- deck_page.py  page 2: the deck list and tonight's options (scene "new_game_deck")
- deck_tile.py  one deck in the list, or why it cannot be played
"""

from game.ui.scenes.new_game.players import NewGameScene

__all__ = ["NewGameScene"]
