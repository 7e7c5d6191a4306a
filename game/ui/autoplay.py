"""Scripted play for the crash test: a seeded stream of key presses, and one line per save.

Both are off unless asked for, so normal play never sees them:

- `INKIND_AUTOPLAY=<seed>` posts plausible keys into the app's own event queue at a steady
  pace: mostly Enter (new game, draw, done, end turn, play again), numbers for the marks
  and "ready to go deeper?", and now and then P, X, L, U, H or F. Never Esc or E, so the
  game never quits and the evenings go on until the process is killed.
- `INKIND_REPORT_SAVES=1` prints `saved <turn> <actions> <sha256 of the file>` after every
  save and flushes, so a test that kills the process knows the last state it wrote.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.store.saves import SaveStore
    from game.table.terms import GameState
    from game.ui.app import App

AUTOPLAY = "INKIND_AUTOPLAY"
REPORT_SAVES = "INKIND_REPORT_SAVES"
PACE_SECONDS = 0.005
SCRIPT_HOLD_SECONDS = 0.02

KEYS: tuple[tuple[int, int], ...] = (
    (pygame.K_RETURN, 30),
    (pygame.K_1, 6),
    (pygame.K_2, 4),
    (pygame.K_3, 3),
    (pygame.K_4, 3),
    (pygame.K_5, 2),
    (pygame.K_p, 2),
    (pygame.K_x, 1),
    (pygame.K_l, 1),
    (pygame.K_u, 1),
    (pygame.K_h, 1),
    (pygame.K_f, 1),
)


def install(app: App) -> None:
    """Turn on what the environment asks for; do nothing in normal play."""
    if os.environ.get(REPORT_SAVES) and app.store is not None:
        report_saves(app.store)
    seed = os.environ.get(AUTOPLAY, "").strip()
    if seed:
        # The hold after a change guards people's double-clicks; the script's keys come
        # every few milliseconds and would mostly wait, so the crash test saves too rarely.
        app.input_hold = SCRIPT_HOLD_SECONDS
        threading.Thread(target=post_keys, args=(int(seed),), daemon=True).start()


def report_saves(store: SaveStore) -> None:
    def report(state: GameState, path: Path) -> None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        sys.stdout.write(f"saved {state.turn} {len(state.log)} {digest}\n")  # one write
        sys.stdout.flush()

    store.on_saved(report)


def post_keys(seed: int, pace: float = PACE_SECONDS) -> None:
    """Post a key press every `pace` seconds, forever (SDL's queue may be fed from any thread)."""
    chooser = random.Random(seed)
    keys = [key for key, _ in KEYS]
    weights = [weight for _, weight in KEYS]
    while True:
        key = chooser.choices(keys, weights)[0]
        event = pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        try:
            pygame.event.post(event)
        except pygame.error:  # the window has closed: the game is over
            return
        time.sleep(pace)
