"""Made-up games and decks to look at: the screenshots, the benchmark and tests use them.

`sample_game` plays a seeded evening in code and keeps the states worth showing (each
phase, a wild card, a level change, the closing card, the end); `write_many_decks`
writes copies of the built-in decks under new names for a long deck list. No pygame.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.content.sources import Catalog
    from game.core.cards import Mode
    from game.core.state import GameState, Setup

SAMPLE_NAMES = ("Ana", "Ben")
CIRCLE_NAMES = ("Chloé", "Dmitri", "Eli", "Фатима", "Γιώργος")
# The most a circle may have: the marks scroll, the summary still names everyone.
TWELVE_NAMES = (*CIRCLE_NAMES, "Ana", "Ben", "Hana", "Ivo", "Jun", "Kai", "Lea")


class SampleGame:
    """States of one seeded game worth showing: each table phase, a wild card, a level change, the end."""

    def __init__(self, start: GameState) -> None:
        self.start = start
        self.share: GameState | None = None
        self.respond: GameState | None = None
        self.award: GameState | None = None
        self.wild: GameState | None = None
        self.wild_award: GameState | None = None
        self.level_up: GameState | None = None
        self.closing: GameState | None = None
        self.finished = start  # the last state, once the game is played
        self.deeper: GameState | None = None  # "Ready to go deeper?" after one player said ready
        self.mirror: GameState | None = None  # responding, with a mirror card on the table
        self.swap: GameState | None = None
        self.everyone: GameState | None = None  # the second speaker of a card everyone answers


def sample_game(
    catalog: Catalog,
    mode: Mode,
    names: Sequence[str] = SAMPLE_NAMES,
    seeds: int = 200,
    together: bool = False,
    deck_ids: Sequence[str] = (),
    **rule_changes: Any,  # Rules fields, for attrs.evolve
) -> SampleGame | None:
    """Play seeded games until one shows a wild card; a deck with levels and a closing card is preferred.

    `rule_changes` change the deck's preset (`scoring=Scoring.OFF`, say); such a game is
    also asked to show a mirror card, so the wild-card steps can be seen.
    """
    from game.core.state import Player, Setup

    decks = [d for d in catalog.playable(mode)]
    chosen = [d for d in decks if d.id in deck_ids]
    decks = chosen or decks  # a deck given with --deck, when it can be played this way
    if not decks:
        return None
    # A deck as written before its translations (whose cards are the same), then the fullest.
    decks.sort(
        key=lambda d: (
            bool(d.translates),
            d.closing is None,
            -len(d.levels),
            -sum(c.is_wild for c in d.cards),
        )
    )
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


def _play(setup: Setup) -> SampleGame:
    """A scripted evening: every turn shared, responded to and marked, until the game ends."""
    from game.core import engine
    from game.core.actions import (
        AnswerDeeper,
        Award,
        Draw,
        EndTurn,
        FinishResponding,
        FinishSharing,
        Retold,
    )
    from game.core.cards import WildEffect
    from game.core.rules import AwardKind
    from game.core.state import Phase

    state = engine.new_game(setup)
    sample = SampleGame(state)
    elapsed = 0.0
    for _ in range(400):
        phase = state.phase
        if phase is Phase.FINISHED:
            break
        if phase is Phase.DEAL:
            state = engine.apply(state, Draw(state.sharer))
            sample.share = sample.share or state
            if state.wild_cards and sample.wild is None and state.phase is Phase.SHARE:
                sample.wild = state
            if WildEffect.SWAP in state.effects and state.phase is Phase.SHARE:
                sample.swap = sample.swap or state
        elif phase is Phase.SHARE and engine.stage(state) is engine.Stage.CARRY_OUT:
            elapsed += 60  # an action card is carried out together, never marked
            state = engine.apply(state, EndTurn(state.speaker, elapsed_seconds=elapsed))
        elif phase is Phase.SHARE:
            if state.speaker_index == 1:
                sample.everyone = sample.everyone or state
            state = engine.apply(state, FinishSharing(state.speaker))
            sample.respond = sample.respond or state
            if WildEffect.MIRROR in state.effects and state.phase is Phase.RESPOND:
                sample.mirror = sample.mirror or state
        elif phase is Phase.RESPOND:
            if state.phase is Phase.RESPOND and WildEffect.MIRROR in state.effects:
                state = engine.apply(state, Retold(state.speaker))
            state = engine.apply(state, FinishResponding(state.speaker))
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
            state = engine.apply(state, EndTurn(speaker, elapsed_seconds=elapsed))
            if state.level > before and sample.level_up is None:
                sample.level_up = state
        elif phase is Phase.DEEPER:
            state = engine.apply(state, AnswerDeeper(state.seats[len(state.votes)], ready=True))
            if state.phase is Phase.DEEPER:
                sample.deeper = sample.deeper or state
        elif phase is Phase.CLOSING:
            sample.closing = sample.closing or state
            state = engine.apply(state, FinishSharing(state.speaker))
    sample.award = sample.award or sample.respond
    sample.finished = state
    return sample


def write_many_decks(folder: str | os.PathLike[str], count: int) -> list[Path]:
    """`count` valid decks in `folder`, copies of the built-in ones under new ids and names
    (the decks as written, not their translations: each copy is a deck of its own).

    For the deck page with a long list (screenshots and tests); never shipped as decks.
    """
    import re

    from game.resources import decks_dir

    sources = [
        path
        for path in sorted(Path(decks_dir()).glob("*.yaml"))
        if "\ntranslates:" not in path.read_text(encoding="utf-8")
    ]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        number = index // len(sources) + 2
        text = re.sub(r"(?m)^id: .*$", f"id: many-{index + 1:02d}", text, count=1)
        text = re.sub(r'(?m)^name: "?(.*?)"?$', rf'name: "\g<1> {number}"', text, count=1)
        path = out / f"many-{index + 1:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
