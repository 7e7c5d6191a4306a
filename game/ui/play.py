"""Starting and continuing a game: open the session, then show the table by name.

Any screen that starts a game calls these (new game, play again, the closeness check's
first round, Continue); none of them imports the table scene.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.store.saves import LoadedSave
    from game.table.closeness import ClosenessRound
    from game.table.terms import GameState
    from game.ui.app import App
    from game.ui.scenes.base import Scene


def start_game(app: App, state: GameState, closeness: ClosenessRound | None = None) -> Scene:
    """Show a freshly set-up game (saved at once, so Continue finds it).

    `closeness` holds the closeness check's answers from before the first card, if the
    players chose the check: they are saved with the game and asked again at the end.
    """
    from game.table.session import open_session  # the engine loads with the first game

    session = open_session(state, app.store, app.settings.remember_cards, closeness)
    table = app.reset("table", session=session)
    app.host.attach(session)  # the phones follow it from the host, as the window does
    if app.phones is not None and not app.phones.joined():  # how to join, before the first card
        app.push("phones")
    return table


def continue_game(app: App) -> None:
    """Continue the saved game with the timers paused; say so calmly if something was wrong."""
    loaded = app.store.load() if app.store else None
    if loaded is None or loaded.state is None or loaded.state.finished:
        message = (loaded.message if loaded else None) or app.t("title_no_save")
        app.reset("title", message=message)
        return
    from game.table.session import resume_session

    session = resume_session(loaded, app.store, app.settings.remember_cards)
    app.reset("table", session=session, resumed=True, notice=resume_notice(app, loaded))
    app.host.attach(session)  # a phone that held a seat takes it back by itself


def resume_notice(app: App, loaded: LoadedSave) -> str | None:
    """One sentence for a game continued from a damaged save: the store's own (it went back
    to the backup), how many steps the damage cost, or that a copy made up for it."""
    if loaded.message is not None:
        return loaded.message
    if loaded.lost:
        return app.t("resume_lost_actions", count=loaded.lost)
    if loaded.repaired:
        return app.t("resume_repaired")
    return None


def start_with_check(app: App, state: GameState, closeness: ClosenessRound) -> None:
    """Ask everyone the closeness question before the first card, then show the table."""
    from game.table.closeness import BEFORE

    app.reset(
        "closeness",
        closeness=closeness,
        when=BEFORE,
        then=lambda: start_game(app, state, closeness),
    )
