"""The pygame table: draws the table view models of game/table and turns input into choices.

- scene.py    the scene's life, input (keys and clicks become the view's choices) and
              what it does when the session changes (a new card, a level, the end)
- layout.py   where the top bar, card column, panel and button bar go for a window size
- top_bar.py  level, round and scores (or the shared meter)
- card_column.py  the card, the wild-card banners, and star / not for us under the card
- talk.py     the sharing and responding panels (help line, response tiles, ideas, timer)
- marks.py    the marks: one row per receiver, scrolling when the players are many
- overlays.py the menu, "end the evening?" and the feelings page
"""

from game.ui.scenes.table.scene import TableScene

__all__ = ["TableScene"]
