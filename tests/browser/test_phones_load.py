"""Load on loopback: twelve phones (another process) each send 50 marks a second for 30
seconds into the real game window (headless, 1280x720, twelve players on the marks
screen). Nothing is lost: every mark is applied, saved in the game's journal and answered
without an error. How the frames fare meanwhile is the benchmark's figure
(`phones_load_frame_ms_p99`, bench/phones.py), not a timed test."""

from __future__ import annotations

import json
import time

import pygame
import pytest

from bench.phones import TWELVE, spawn_phones, table_with_phones
from game.core.state import Phase
from game.store.saves import SaveStore

pytestmark = pytest.mark.slow

RATE, SECONDS = 50, 30


def test_twelve_phones_at_fifty_marks_a_second_for_thirty_seconds_lose_nothing():
    app = table_with_phones((1280, 720), TWELVE)
    session = app.stack[0].session
    assert session.state.phase is Phase.AWARD
    start_log = len(session.state.log)
    link = app.phones
    child = spawn_phones(
        link.server.port, link.server.room.code, TWELVE, RATE, RATE * SECONDS, session.state
    )
    frames = 0
    next_frame = time.perf_counter()
    while child.poll() is None:  # the game's loop at 60 frames a second
        app.pump()
        frames += 1
        next_frame += 1 / 60
        time.sleep(max(0.0, next_frame - time.perf_counter()))
    for _ in range(30):  # the last taps in flight
        app.pump()
        time.sleep(0.01)
    applied = link.hub.applied
    app.stop_phones()
    pygame.quit()
    report = json.loads(child.communicate(timeout=30)[0].strip().splitlines()[-1])

    total = TWELVE * RATE * SECONDS
    assert report["sent"] == total
    assert report["errors"] == 0, "a legal mark was refused"
    assert applied == total, f"{total - applied} phone choices were lost"
    assert len(session.state.log) == start_log + total  # each one an action of the game
    assert SaveStore().load().state.log == session.state.log  # and each one saved
    assert frames > SECONDS * 30  # the window kept drawing all along
