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

SIZES = ((1280, 720), (800, 600))
SAMPLE_NAMES = ("Ana", "Ben")
CIRCLE_NAMES = ("Chloé", "Dmitri", "Eli", "Фатима", "Γιώργος")


def render_all(directory: str | os.PathLike[str], extra_decks: Sequence[str] = ()) -> int:
    """Render every screen at each size into `directory`; returns 0, or 1 if nothing could be drawn."""
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
            for size in SIZES:
                written += _render_size(out, size, Path(home), extra_decks)
    finally:
        pygame.quit()
    seconds = time.perf_counter() - started
    print(f"{written} screenshots in {out} ({seconds:.1f} s)")
    return 0 if written else 1


def _render_size(out: Path, size: tuple[int, int], home: Path, extra_decks: Sequence[str]) -> int:
    import pygame

    from game.core import engine
    from game.core.cards import Mode
    from game.core.state import Phase
    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.ui.app import App
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.how_to_play import HowToPlayScene
    from game.ui.scenes.level_change import LevelChangeScene
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.summary import SummaryScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene
    from game.ui.session import Session
    from game.ui.widgets.text_field import TextField

    store = SaveStore(home / f"saves-{size[0]}x{size[1]}")
    app = App(
        extra_decks=extra_decks,
        size=size,
        store=store,
        settings=Settings(),
        save_settings_file=False,
    )
    catalog = app.catalog()
    prefix = f"{size[0]}x{size[1]}"
    count = 0

    def shot(name: str, scene=None, prepare: Callable[[], None] | None = None) -> None:
        nonlocal count
        if scene is not None:
            app.switch(scene)
        if prepare:
            prepare()
        app.scene.draw(app.screen)
        pygame.image.save(app.screen, str(out / f"{prefix}-{count + 1:02d}-{name}.png"))
        count += 1

    pair = sample_game(catalog, Mode.PAIR)
    if pair is None:
        print("inkind: no playable deck for the sample game", file=sys.stderr)
        return 0
    store.save(pair.start)

    shot("title", TitleScene(app))
    new_game = NewGameScene(app)
    app.switch(new_game)
    new_game.fields[0] = TextField("name:0", "Ana", placeholder="Player 1")
    new_game.fields[1] = TextField("name:1", "Ben", placeholder="Player 2")
    new_game.focus = "name:1"
    new_game.layout(app.size)
    shot("new-game-players")
    new_game.go_next()
    shot("new-game-deck")
    if new_game.deck is not None and new_game.deck.topics:
        new_game.open_lines()
        lines = app.scene
        for tag in ("grief", "money"):
            if any(tag == topic for topic, _ in new_game.deck.topics):
                lines.toggle(tag)
        lines.buttons.focus_on(lines.rows[0].id)
        shot("new-game-lines")
        lines.done()
        new_game.options.closeness = True
        new_game.layout(app.size)
        shot("new-game-deck-lines-chosen")

    def table_at(state, **changes) -> TableScene:
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
    table_at(pair.respond, hints_open=True)
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
    table.overlay = "feelings"
    shot("table-feelings")
    table = table_at(pair.award)
    table.open_menu()
    shot("table-menu")
    level_table = table_at(pair.level_up or pair.start)
    level = LevelChangeScene(app, level_table, max(2, (pair.level_up or pair.start).level))
    app.switch(level)
    level.age = 5.0
    shot("level-change")
    if pair.closing is not None:
        table_at(pair.closing)
        shot("table-closing")
    shot("summary", SummaryScene(app, pair.finished))
    shot("how-to-play", HowToPlayScene(app, back=TitleScene(app)))
    help_scene = app.scene
    help_scene.page = min(len(help_scene.pages) - 1, len(help_scene.pages) - 2)
    help_scene._enable()
    shot("how-to-play-guide")
    shot("settings", SettingsScene(app, back=TitleScene(app)))
    shot("error", ErrorScene(app, home / "inkind.log"))

    circle = sample_game(catalog, Mode.CIRCLE, names=CIRCLE_NAMES)
    if circle is not None:
        table_at(circle.share)
        shot("circle-share")
        table = table_at(circle.award)
        shot("circle-award")
        shot("circle-summary", SummaryScene(app, circle.finished))

    together = sample_game(catalog, Mode.PAIR, together=True)
    if together is not None:
        table_at(together.award)
        shot("together-award")

    _play_your_way_shots(app, catalog, shot, table_at)

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
    del engine, Phase
    return count


def _memory_shots(app, pair, shot, path: Path) -> None:
    """A group that has played before: new to you on the deck page, a starred card, its deck."""
    from game.store import memory as card_memory
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.table import TableScene
    from game.ui.session import Session
    from game.ui.widgets.text_field import TextField

    names = [player.name for player in pair.share.setup.players]
    deck = pair.share.deck
    prompts = [card.id for card in deck.cards if not card.is_wild]
    keeper = card_memory.Keeper(names, deck.id, prompts, path)
    for card in prompts[: len(prompts) // 3]:
        keeper.dealt(card)
    for card in (pair.share.card, *prompts[:2]):
        if card and not keeper.is_starred(card):
            keeper.toggle_star(card)
    table = TableScene(app, Session(pair.share, None, elapsed=754.0, memory=keeper))
    app.switch(table)
    table.refresh()
    shot("table-favourite-starred")
    new_game = NewGameScene(app, memory_file=path)
    app.switch(new_game)
    for index, name in enumerate(names):
        new_game.fields[index] = TextField(f"name:{index}", name, placeholder="")
    new_game.go_next()
    shot("new-game-deck-new-to-you")
    starred = next(
        i for i, r in enumerate(new_game.decks) if r.deck and r.deck.id == "starred-cards"
    )
    new_game.press(f"deck:{starred}")
    new_game.layout(app.size)
    shot("new-game-deck-favourite")


def _play_your_way_shots(app, catalog, shot, table_at) -> None:
    """Pacing by agreement, wild-card steps, scoring off and the closeness check (issue 8)."""
    from game.core.cards import Mode
    from game.core.rules import LevelPace, Scoring
    from game.store.closeness import Evening, History
    from game.ui.scenes.closeness import AFTER, BEFORE, ClosenessRound, ClosenessScene
    from game.ui.scenes.evenings import EveningsScene
    from game.ui.scenes.summary import SummaryScene
    from game.ui.wild_steps import MirrorStep

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
        table.act("mirror_retold")
        shot("table-wild-mirror-heard")
        table.mirror.step = MirrorStep.DONE
        table.refresh()
        shot("table-wild-mirror-respond")
    circle = sample_game(catalog, Mode.CIRCLE, names=CIRCLE_NAMES)
    for name in ("swap", "everyone"):
        samples = (off, agreement, circle)
        found = [getattr(sample, name) for sample in samples if sample is not None]
        state = next((s for s in found if s is not None), None)
        if state is not None:
            table_at(state)
            shot(f"table-wild-{name}")
    table = table_at(off.award)
    first = table.state.pending[0]
    table.toggle_award(first.receiver, first.kind)  # take it back and give it again:
    table.toggle_award(first.receiver, first.kind)  # the acknowledgement shows
    shot("scoring-off-award")
    shot("scoring-off-summary", SummaryScene(app, off.finished))

    names = tuple(p.name for p in off.finished.players)
    closeness = ClosenessRound(names)
    before = ClosenessScene(app, closeness, BEFORE, lambda: None)
    shot("closeness-pass", before)
    before.press("ready")
    before.choose(4)
    shot("closeness-pick")
    closeness.before.update({0: 3, 1: 4})
    closeness.after.update({0: 5, 1: 4})
    after = ClosenessScene(app, closeness, AFTER, lambda: None)
    app.switch(after)
    after.press("ready")
    after._go("consent")
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
    shot("closeness-evenings", EveningsScene(app, summary, names, history))


class SampleGame:
    """States of one seeded game worth showing: each table phase, a wild card, a level change, the end."""

    def __init__(self) -> None:
        self.start = None
        self.share = None
        self.respond = None
        self.award = None
        self.wild = None
        self.wild_award = None
        self.level_up = None
        self.closing = None
        self.finished = None
        self.deeper = None  # "Ready to go deeper?" after one player said ready
        self.mirror = None  # responding, with a mirror card on the table
        self.swap = None
        self.everyone = None  # the second speaker of a card everyone answers


def sample_game(
    catalog,
    mode,
    names: Sequence[str] = SAMPLE_NAMES,
    seeds: int = 200,
    together: bool = False,
    **rule_changes,
) -> SampleGame | None:
    """Play seeded games until one shows a wild card; a deck with levels and a closing card is preferred.

    `rule_changes` change the deck's preset (`scoring=Scoring.OFF`, say); such a game is
    also asked to show a mirror card, so the wild-card steps can be seen.
    """
    from game.core.state import Player, Setup

    decks = [d for d in catalog.playable(mode)]
    if not decks:
        return None
    decks.sort(key=lambda d: (d.closing is None, -len(d.levels), -sum(c.is_wild for c in d.cards)))
    deck = decks[0]
    preset = catalog.presets.get(deck.preset)
    from game.core.rules import Rules

    rules = preset or Rules()
    if together:
        import attrs

        from game.core.rules import Scoring

        rules = attrs.evolve(rules, scoring=Scoring.TOGETHER, goal=60)
    if rule_changes:
        import attrs

        rules = attrs.evolve(rules, **rule_changes)
    players = names if mode.value == "circle" else names[:2]
    best = None
    for seed in range(seeds):
        setup = Setup(
            deck=deck, rules=rules, players=tuple(Player(n) for n in players), mode=mode, seed=seed
        )
        sample = _play(setup)
        if (
            sample.wild is not None
            and sample.closing is not None
            and (not rule_changes or sample.mirror is not None)
        ):
            return sample
        best = best or sample
    return best


def _play(setup) -> SampleGame:
    """A scripted evening: every turn shared, responded to and marked, until the game ends."""
    from game.core import engine
    from game.core.actions import (
        AnswerDeeper,
        Award,
        Draw,
        EndTurn,
        FinishResponding,
        FinishSharing,
    )
    from game.core.cards import WildEffect
    from game.core.rules import AwardKind
    from game.core.state import Phase

    sample = SampleGame()
    state = engine.new_game(setup)
    sample.start = state
    elapsed = 0.0
    for _ in range(400):
        phase = state.phase
        if phase is Phase.FINISHED:
            break
        if phase is Phase.DEAL:
            state = engine.apply(state, Draw())
            sample.share = sample.share or state
            if state.wild_cards and sample.wild is None and state.phase is Phase.SHARE:
                sample.wild = state
            if WildEffect.SWAP in state.effects and state.phase is Phase.SHARE:
                sample.swap = sample.swap or state
        elif phase is Phase.SHARE:
            if state.speaker_index == 1:
                sample.everyone = sample.everyone or state
            state = engine.apply(state, FinishSharing())
            sample.respond = sample.respond or state
            if WildEffect.MIRROR in state.effects and state.phase is Phase.RESPOND:
                sample.mirror = sample.mirror or state
        elif phase is Phase.RESPOND:
            state = engine.apply(state, FinishResponding())
        elif phase is Phase.AWARD:
            speaker = state.speaker
            for n, listener in enumerate(state.listeners):
                kinds = [AwardKind.DEEPENING_QUESTION] if n % 2 == 0 else [AwardKind.FELT_RESPONSE]
                if n == 0 and state.turn % 2 == 0:
                    kinds.append(AwardKind.FELT_RESPONSE)
                for kind in kinds:
                    state = engine.apply(state, Award(speaker, listener, kind))
            state = engine.apply(
                state, Award(state.listeners[0], speaker, AwardKind.SHARED_FEELING)
            )
            if sample.award is None and state.turn >= 1:
                sample.award = state
            if state.wild_cards and sample.wild_award is None:
                sample.wild_award = state
            elapsed += 240
            before = state.level
            state = engine.apply(state, EndTurn(elapsed_seconds=elapsed))
            if state.level > before and sample.level_up is None:
                sample.level_up = state
        elif phase is Phase.DEEPER:
            state = engine.apply(state, AnswerDeeper(ready=True))
            if state.phase is Phase.DEEPER:
                sample.deeper = sample.deeper or state
        elif phase is Phase.CLOSING:
            sample.closing = sample.closing or state
            state = engine.apply(state, FinishSharing())
    sample.award = sample.award or sample.respond
    sample.finished = state
    return sample
