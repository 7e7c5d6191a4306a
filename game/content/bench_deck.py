"""A big generated deck, and the time to load it, for `python -m game.bench` and docs/performance.md.

The goal: loading and checking a deck costs at most 1.5x what `yaml.load` with libyaml's
CSafeLoader alone takes on the same file.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

import yaml

from game.content.decks import load_deck

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
