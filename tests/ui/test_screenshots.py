"""`inkind --screenshot DIR` renders every screen at two sizes, headless, well under 30 seconds."""

from __future__ import annotations

import time

import pygame

from game.cli import main


def test_screenshots_of_every_screen(tmp_path):
    started = time.perf_counter()
    assert main(["--screenshot", str(tmp_path)]) == 0
    seconds = time.perf_counter() - started
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    for size in ("1280x720", "800x600"):
        shots = [n for n in names if n.startswith(size)]
        for screen in (
            "title",
            "new-game-players",
            "new-game-deck",
            "table-deal",
            "table-share",
            "table-respond",
            "table-award",
            "table-wild-card",
            "level-change",
            "table-closing",
            "summary",
            "how-to-play",
            "settings",
            "error",
            "new-game-lines",  # issue 8: play it your way
            "table-deeper",
            "table-wild-mirror-retell",
            "table-wild-mirror-heard",
            "scoring-off-award",
            "scoring-off-summary",
            "closeness-pass",
            "closeness-pick",
            "closeness-consent",
            "closeness-summary",
            "closeness-evenings",
        ):
            assert any(screen in n for n in shots), (size, screen)
    image = pygame.image.load(str(tmp_path / names[0]))
    assert image.get_size() in ((1280, 720), (800, 600))
    assert seconds < 30
