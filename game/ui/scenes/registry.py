"""Every screen by name, so scenes move between each other without importing each other.

A scene asks the app for another by name (`app.push("settings")`); the class is imported
only then, which keeps the title's start-up path light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from game.ui.scenes.base import Scene

SCENES: dict[str, str] = {
    "title": "game.ui.scenes.title:TitleScene",
    "new_game": "game.ui.scenes.new_game:NewGameScene",
    "new_game_deck": "game.ui.scenes.new_game.deck_page:DeckScene",
    "lines": "game.ui.scenes.lines:LinesScene",
    "table": "game.ui.scenes.table:TableScene",
    "level_change": "game.ui.scenes.level_change:LevelChangeScene",
    "closeness": "game.ui.scenes.closeness:ClosenessScene",
    "summary": "game.ui.scenes.summary:SummaryScene",
    "evenings": "game.ui.scenes.evenings:EveningsScene",
    "how_to_play": "game.ui.scenes.how_to_play:HowToPlayScene",
    "settings": "game.ui.scenes.settings:SettingsScene",
    "phones": "game.ui.scenes.phones:PhonesScene",
    "error": "game.ui.scenes.error:ErrorScene",
}


def scene_class(name: str) -> type[Scene]:
    """The scene class registered under `name` (imported on first use)."""
    try:
        module_name, class_name = SCENES[name].split(":")
    except KeyError:
        raise KeyError(f"no scene called {name!r}; the registry knows {sorted(SCENES)}") from None
    return cast("type[Scene]", getattr(importlib.import_module(module_name), class_name))
