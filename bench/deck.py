"""Deck load: a big generated deck loaded and checked, against bare `CSafeLoader`.

The goal: loading and checking a deck costs at most 1.5x what `yaml.load` with libyaml's
CSafeLoader alone takes on the same file (docs/performance.md). The generated deck is used
by other parts (the long evening, the deck page's big pile) and by tests too.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Config, Results

# Taken in turn, so no opening starts more than 15% of the prompts (a warning in lint.py).
_OPENINGS = (
    "Tell about",
    "Describe",
    "Recall",
    "Walk us through",
    "Share",
    "Go back to",
    "Picture",
    "Bring back",
)
_MOMENTS = (
    "a morning that surprised you",
    "a time a friend said something kind",
    "the last time you laughed until you cried",
    "a long walk home after bad news",
    "a meal you still think about",
    "a message you waited for",
)
_ASKS = (
    "How did you feel?",
    "What did you think in that moment?",
    "What were you afraid of?",
    "What do you wish you had said?",
)


def make_big_deck_text(n: int = 10_000, seed: int = 1) -> str:
    """A valid, warning-free deck of `n` cards over three levels, each with three follow-ups."""
    pick = random.Random(seed).choice
    lines = [
        "format: 1",
        "id: benchmark",
        "name: Benchmark",
        "description: A generated deck for measuring load time.",
        "levels:",
        "  - name: Warm",
        "    minutes: 20",
        "  - name: Deeper",
        "  - name: Deepest",
        "cards:",
    ]
    for number in range(n):
        lines += [
            f"  - id: card-{number}",
            f'    prompt: "{_OPENINGS[number % len(_OPENINGS)]} {pick(_MOMENTS)} ({number}). {pick(_ASKS)}"',
            f"    level: {number % 3 + 1}",
            "    follow_ups:",
            f'      - "What went through your mind just before, in story {number}?"',
            '      - "How did you feel about yourself afterwards?"',
            '      - "Who did you want to tell first, and why them?"',
            "    tags: [everyday, family]" if number % 2 else "    tags: [everyday]",
        ]
    return "\n".join(lines) + "\n"


def measure(path: str | os.PathLike[str], repeat: int = 5) -> tuple[float, float]:
    """Median seconds of (load_deck, bare `yaml.load` with CSafeLoader) over `repeat` runs each."""
    import yaml

    from game.content.decks import load_deck

    bare_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def ours() -> None:
        result = load_deck(path)
        if not result.ok:
            raise ValueError(result.problems[0].format())

    def bare() -> None:
        with open(path, "rb") as file:
            yaml.load(file.read(), Loader=bare_loader)

    return _median_seconds(ours, repeat), _median_seconds(bare, repeat)


def _median_seconds(run: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_deck(config: Config, work: Path, results: Results) -> None:
    path = work / "big-deck.yaml"
    path.write_text(make_big_deck_text(config.deck_cards), encoding="utf-8")
    ours, bare = [], []
    for _ in range(config.deck_runs):
        load_s, parse_s = measure(path, repeat=1)
        ours.append(load_s)
        bare.append(parse_s)
    cards = f"{config.deck_cards:,}"
    size = path.stat().st_size / 1e6
    results.add("deck_load_s", f"deck load: {cards} cards ({size:.1f} MB), checked", "s", ours)
    results.add("deck_parse_floor_s", "  floor: yaml.load with CSafeLoader alone", "s", bare)
    results.add(
        "deck_load_ratio",
        "  deck load / floor (same run)",
        "x",
        (o / b for o, b in zip(ours, bare, strict=True)),
        1.5,
        "< 1.5x",
    )
