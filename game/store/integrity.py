"""Is a loaded game one the engine could really have reached?

A saved state carries its own setup (the whole deck) and its action log, so the honest
test is to replay that log and compare: a flipped digit, a card id the deck lacks or an
edited score all make the replay disagree. If a future engine deals differently from the
same log, that is a new save format, and serial.FORMAT_VERSION must move.
"""

from __future__ import annotations

import attrs

from game.core.engine import replay
from game.core.state import GameState

MAX_ACTIONS = 20_000  # far longer than any evening; keeps a crafted file from stalling the start


def problem_with(state: GameState) -> str | None:
    """Say why `state` cannot be trusted, or None if replaying its log gives exactly it."""
    if len(state.log) > MAX_ACTIONS:
        return f"{len(state.log)} actions is more than any real game"
    try:
        replayed = replay(state.setup, state.log)
    except Exception as error:  # any failure here means the saved setup or log is not real
        return f"its actions do not replay: {type(error).__name__}: {error}"
    if replayed == state:
        return None
    differing = [
        field.name
        for field in attrs.fields(GameState)
        if getattr(replayed, field.name) != getattr(state, field.name)
    ]
    return f"replaying its actions gives a different {', '.join(differing)}"
