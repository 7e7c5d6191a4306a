"""`inkind --screenshot DIR`: every screen of a seeded sample game, as PNGs, without a display.

Used to look at the game as players will (and by the docs). Nothing is read from or written
to the player's own saves or settings: a throwaway folder holds the sample save.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from game.table import samples
from game.table.samples import SampleGame, write_many_decks

if TYPE_CHECKING:
    from game.content.sources import Catalog
    from game.table.terms import GameState
    from game.ui.app import App
    from game.ui.scenes.base import Scene
    from game.ui.scenes.new_game.deck_page import DeckScene
    from game.ui.scenes.table import TableScene

S = TypeVar("S", bound="Scene")

# A laptop, a small laptop window, and a tall narrow window (a phone-sized window).
SIZES = ((1280, 720), (800, 600), (500, 700))


def render_all(
    directory: str | os.PathLike[str],
    extra_decks: Sequence[str] = (),
    names: Sequence[str] = (),
    sizes: Sequence[tuple[int, int]] = SIZES,
    language: str = "en",
) -> int:
    """Render every screen at each size into `directory`; returns 0, or 1 if nothing could be drawn.

    With `extra_decks` (--deck) the sample games are played with those decks; with `names`
    (--names) the players have those names; `language` (--language) is the UI's.
    """
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pygame.init()
    written = 0
    try:
        with tempfile.TemporaryDirectory(prefix="inkind-shots-") as home:
            for size in sizes:
                written += _render_size(out, size, Path(home), extra_decks, names, language)
    finally:
        pygame.quit()
    seconds = time.perf_counter() - started
    from game.content.cli_words import say
    from game.content.terminal import escape

    print(
        say("cli_screenshots_done", count=written, path=escape(str(out)), seconds=f"{seconds:.1f}")
    )
    return 0 if written else 1


def _render_size(
    out: Path,
    size: tuple[int, int],
    home: Path,
    extra_decks: Sequence[str],
    names: Sequence[str] = (),
    language: str = "en",
) -> int:
    import functools

    import pygame

    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.table.session import Session
    from game.table.terms import Mode, Phase
    from game.ui.app import App
    from game.ui.scenes.base import Scene
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.how_to_play import HowToPlayScene
    from game.ui.scenes.level_change import LevelChangeScene
    from game.ui.scenes.lines import LinesScene
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.new_game.deck_page import DeckScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.summary import SummaryScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    store = SaveStore(home / f"saves-{size[0]}x{size[1]}")
    app = App(
        extra_decks=extra_decks,
        size=size,
        store=store,
        settings=Settings(language=language),
        save_settings_file=False,
    )
    catalog = app.catalog()
    sample_game = functools.partial(samples.sample_game, deck_ids=_deck_ids(extra_decks))
    circle_names = tuple(names[:5]) if len(names) >= 3 else samples.CIRCLE_NAMES
    twelve_names = tuple(dict.fromkeys((*names, *samples.TWELVE_NAMES)))[:12]
    pair_names = tuple(names[:2]) if len(names) >= 2 else samples.SAMPLE_NAMES
    prefix = f"{size[0]}x{size[1]}"
    count = 0

    def shot(
        name: str, scene: Scene | None = None, prepare: Callable[[], None] | None = None
    ) -> None:
        nonlocal count
        if scene is not None:
            app.switch(scene)
        if prepare:
            prepare()
        app.paint(_shown(app, Scene).draw)
        pygame.image.save(app.screen, str(out / f"{prefix}-{count + 1:02d}-{name}.png"))
        count += 1

    pair = sample_game(catalog, Mode.PAIR, names=pair_names)
    if pair is None:
        from game.content.cli_words import say

        print(f"inkind: {say('cli_screenshots_no_deck')}", file=sys.stderr)
        return 0
    store.save(pair.start)

    shot("title", TitleScene(app))
    shot("title-quit-asked", prepare=lambda: _shown(app, TitleScene).ask_quit(True))
    players = NewGameScene(app)
    app.switch(players)
    players.set_names(pair_names)
    players.buttons.focus_on("name:1")
    shot("new-game-players")
    players.go_next()
    deck_page = _shown(app, DeckScene)
    shot("new-game-deck")
    if deck_page.deck is not None and deck_page.deck.topics:
        deck_page.open_lines()
        lines = _shown(app, LinesScene)
        for tag in ("grief", "money"):
            if any(tag == topic for topic, _ in deck_page.deck.topics):
                lines.toggle(tag)
        lines.buttons.focus_on(lines.rows[0].id)
        shot("new-game-lines")
        lines.done()
        deck_page.change_option("closeness", 1)
        shot("new-game-deck-lines-chosen")
    _many_decks_shots(app, shot, home / "many-decks")

    def table_at(state: GameState | None, **changes: object) -> TableScene:
        assert state is not None  # the sample game reached it
        table = TableScene(app, Session(state, None, elapsed=754.0))
        app.switch(table)
        for key, value in changes.items():
            setattr(table, key, value)
        table.refresh()
        return table

    table_at(pair.start)
    shot("table-deal")
    table = table_at(pair.share)
    table.timer.elapsed = 83
    shot("table-share")
    table_at(pair.share, flip=0.3)
    shot("table-card-flipping")
    table = table_at(pair.respond)
    table.timer.elapsed = 125
    table.timer.chimed = True
    shot("table-respond")
    table_at(pair.respond).press("hints")
    shot("table-respond-ideas")
    table_at(pair.award)
    shot("table-award")
    if pair.wild is not None:
        table_at(pair.wild)
        shot("table-wild-card")
    if pair.wild_award is not None:
        table_at(pair.wild_award)
        shot("table-wild-award")
    table = table_at(pair.share)
    table.press("feelings")
    shot("table-feelings")
    table = table_at(pair.award)
    table.press("menu")
    shot("table-menu")
    if len(pair.start.deck.levels) >= 2:  # a one-level deck never changes level
        level_table = table_at(pair.level_up or pair.start)
        number = max(2, (pair.level_up or pair.start).level)
        level = LevelChangeScene(app, level_table.session, number)
        app.switch(level)
        level.age = 5.0
        shot("level-change")
    if pair.closing is not None:
        table_at(pair.closing)
        shot("table-closing")
    shot("summary", SummaryScene(app, pair.finished))
    shot("how-to-play", HowToPlayScene(app))
    help_scene = _shown(app, HowToPlayScene)
    help_scene.turn(max(0, len(help_scene.pages) - 2))  # the guide, on the next-to-last page
    shot("how-to-play-guide")
    shot("settings", SettingsScene(app))
    shot("error", ErrorScene(app, home / "inkind.log"))

    circle = sample_game(catalog, Mode.CIRCLE, names=circle_names)
    if circle is not None:
        table_at(circle.share)
        shot("circle-share")
        table = table_at(circle.award)
        shot("circle-award")
        shot("circle-summary", SummaryScene(app, circle.finished))

    twelve = sample_game(catalog, Mode.CIRCLE, names=twelve_names, seeds=40)
    if twelve is not None:
        table = table_at(twelve.share)
        table.timer.elapsed = 83
        shot("12-players-share")
        if twelve.wild is not None:
            table = table_at(twelve.wild)
            table.timer.elapsed = 200
            table.timer.chimed = True
            shot("12-players-wild-card-timer")
        table = table_at(twelve.respond)
        table.timer.elapsed = 125
        table.timer.chimed = True
        shot("12-players-respond")
        table_at(twelve.award)
        shot("12-players-marks")
        if twelve.wild_award is not None:
            table_at(twelve.wild_award)
            shot("12-players-marks-wild-card")
        shot("12-players-summary", SummaryScene(app, twelve.finished))

    together = sample_game(catalog, Mode.PAIR, together=True)
    if together is not None:
        table_at(together.award)
        shot("together-award")

    _play_your_way_shots(app, catalog, shot, table_at, sample_game, circle_names)

    for theme in ("dark", "contrast"):
        app.apply_settings(app.settings.replace(theme=theme))
        table_at(pair.award)
        shot(f"theme-{theme}-award")
        table_at(pair.wild or pair.share)
        shot(f"theme-{theme}-card")
    app.apply_settings(app.settings.replace(theme="warm", text_size="larger"))
    table_at(pair.respond)
    shot("text-larger-respond")
    app.apply_settings(app.settings.replace(text_size="normal"))
    _memory_shots(app, pair, shot, home / f"memory-{prefix}.json")
    del Phase
    return count


def _deck_ids(paths: Sequence[str]) -> tuple[str, ...]:
    """The ids of the decks given with --deck (files, or folders of them)."""
    from game.content.decks import load_deck
    from game.content.sources import deck_files

    files = [f for p in paths for f in (deck_files(p) if os.path.isdir(p) else [p])]
    return tuple(r.deck.id for r in map(load_deck, files) if r.deck is not None)


def _shown(app: App, kind: type[S]) -> S:
    """The screen on top, which the step before showed: a `kind` (else the shots are wrong)."""
    scene = app.scene
    assert isinstance(scene, kind), scene
    return scene


def _memory_shots(app: App, pair: SampleGame, shot: Callable[..., None], path: Path) -> None:
    """A group that has played before: new to you on the deck page, a starred card, its deck."""
    from game.store import memory as card_memory
    from game.table.session import Session
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.new_game.deck_page import DeckScene
    from game.ui.scenes.table import TableScene

    share, award = pair.share, pair.award
    assert share is not None and award is not None  # the sample game reached them
    names = [player.name for player in share.setup.players]
    deck = share.deck
    prompts = [card.id for card in deck.cards if not card.is_wild]
    keeper = card_memory.Keeper(names, deck.id, prompts, path)
    card: str | None
    for card in prompts[: len(prompts) // 3]:
        keeper.dealt(card)
    for card in (share.card, *prompts[:2]):
        if card and not keeper.is_starred(card):
            keeper.toggle_star(card)
    table = TableScene(app, Session(share, None, elapsed=754.0, memory=keeper))
    app.switch(table)
    table.refresh()
    shot("table-favourite-starred")
    # While marks are given (a tall window keeps no room for the card: nor for its buttons).
    table = TableScene(app, Session(award, None, elapsed=754.0, memory=keeper))
    app.switch(table)
    table.refresh()
    shot("table-favourite-award")
    players = NewGameScene(app, memory_file=path)
    app.switch(players)
    players.set_names(names)
    players.go_next()
    deck_page = _shown(app, DeckScene)
    _wait_for_decks(deck_page)
    shot("new-game-deck-new-to-you")
    starred = next(
        i for i, r in enumerate(deck_page.decks) if r.deck and r.deck.id == "starred-cards"
    )
    deck_page.choose(starred)
    deck_page.focus_deck(starred)
    shot("new-game-deck-favourite")


def _wait_for_decks(deck_page: DeckScene) -> None:
    """Until the decks read in a thread are listed: the page, not "being read"."""
    reading = deck_page.reading
    while reading is not None and reading.wait(60):
        deck_page.update(0.02)
        reading = deck_page.reading


def _many_decks_shots(app: App, shot: Callable[..., None], folder: Path) -> None:
    """The deck page with 50 more decks: the list scrolls and every row keeps its size."""
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.new_game.deck_page import DeckScene

    if not folder.is_dir():
        write_many_decks(folder, 50)
    kept = app.extra_decks
    app.extra_decks = (*kept, str(folder))
    try:
        players = NewGameScene(app)
        app.switch(players)
        players.set_names(samples.SAMPLE_NAMES)
        players.go_next()
        deck_page = _shown(app, DeckScene)
        _wait_for_decks(deck_page)
        shot("new-game-50-decks")
        deck_page.focus_deck(len(deck_page.decks) // 2)  # moving past decks chooses none
        shot("new-game-50-decks-scrolled")
    finally:
        app.extra_decks = kept
        app.catalog(reload=True)


def _play_your_way_shots(
    app: App,
    catalog: Catalog,
    shot: Callable[..., None],
    table_at: Callable[..., TableScene],
    sample_game: Callable[..., SampleGame | None],
    circle_names: tuple[str, ...],
) -> None:
    """Pacing by agreement, wild-card steps, scoring off and the closeness check (issue 8)."""
    from game.store.closeness import Evening, History
    from game.table.closeness import AFTER, BEFORE, ClosenessRound
    from game.table.terms import LevelPace, Mode, Scoring
    from game.ui.scenes.closeness import ClosenessScene
    from game.ui.scenes.evenings import EveningsScene
    from game.ui.scenes.summary import SummaryScene

    agreement = sample_game(catalog, Mode.PAIR, level_pace=LevelPace.AGREEMENT)
    if agreement is not None and agreement.deeper is not None:
        table_at(agreement.deeper)
        shot("table-deeper")
    off = sample_game(catalog, Mode.PAIR, scoring=Scoring.OFF)
    if off is None:
        return
    if off.mirror is not None:
        table = table_at(off.mirror)
        shot("table-wild-mirror-retell")
        table.press("retold")
        shot("table-wild-mirror-respond")
    circle = sample_game(catalog, Mode.CIRCLE, names=circle_names)
    for name in ("swap", "everyone"):
        samples = (off, agreement, circle)
        found = [getattr(sample, name) for sample in samples if sample is not None]
        state = next((s for s in found if s is not None), None)
        if state is not None:
            table_at(state)
            shot(f"table-wild-{name}")
    table = table_at(off.award)
    first = table.state.pending[0]
    mark = f"mark:{first.receiver}:{first.kind.value}"
    table.press(mark)  # take it back and give it again:
    table.press(mark)  # the acknowledgement shows
    shot("scoring-off-award")
    shot("scoring-off-summary", SummaryScene(app, off.finished))
    circle_off = sample_game(catalog, Mode.CIRCLE, names=circle_names, scoring=Scoring.OFF)
    if circle_off is not None:
        shot("circle-scoring-off-summary", SummaryScene(app, circle_off.finished))

    names = tuple(p.name for p in off.finished.players)
    closeness = ClosenessRound(names)
    before = ClosenessScene(app, closeness, BEFORE, lambda: None)
    shot("closeness-pass", before)
    before.press("ready")
    before.choose(4)
    shot("closeness-pick")
    closeness.before.update({0: 3, 1: 4})
    closeness.after.update({1: 4})  # Ana answers "after" below, on the laptop
    after = ClosenessScene(app, closeness, AFTER, lambda: None)
    app.switch(after)
    after.press("ready")
    after.answer(5)  # Ana answered before too: she is asked whether it may be kept
    shot("closeness-consent")
    closeness.keep.update({0: True, 1: False})
    history = History()
    for week, (b, a) in enumerate(((2, 3), (3, 5), (3, 4), (4, 6), (3, 5))):
        when = f"2025-03-{1 + 7 * week:02d}T21:00"
        history = history.with_evening(names[0], Evening(when, b, a))
        history = history.with_evening(names[1], Evening(when, min(7, b + 1), min(7, a + 1)))
    closeness.history = history
    summary = SummaryScene(app, off.finished, closeness=closeness)
    shot("closeness-summary-scoring-off", summary)
    shot("closeness-evenings", EveningsScene(app, names, history))
