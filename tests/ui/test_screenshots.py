"""`inkind --screenshot DIR` renders every screen of a sample game at each window size.

How fast it does so is the benchmark's business (bench/), not this test's.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pygame
import pytest

from game.cli import main

pytestmark = pytest.mark.slow  # renders some 200 screens

SIZES = ((1280, 720), (800, 600), (500, 700))
SCREENS = (
    "title",
    "new-game-players",
    "new-game-deck",
    "new-game-lines",
    "new-game-50-decks",  # issue 13: the deck page scrolls
    "table-deal",
    "table-share",
    "table-respond",
    "table-award",
    "table-wild-card",
    "table-wild-mirror-retell",
    "table-deeper",
    "table-feelings",
    "table-menu",
    "table-closing",
    "level-change",
    "summary",
    "how-to-play",
    "settings",
    "error",
    "circle-share",
    "circle-award",
    "circle-summary",
    "12-players-marks",  # issue 13: twelve players, also under a wild-card banner
    "12-players-marks-wild-card",
    "12-players-summary",
    "scoring-off-award",
    "scoring-off-summary",
    "closeness-pass",
    "closeness-pick",
    "closeness-consent",
    "closeness-summary-scoring-off",
    "closeness-evenings",
    "theme-dark-award",
    "theme-contrast-award",
    "text-larger-respond",
)
NAME = re.compile(r"(?P<w>\d+)x(?P<h>\d+)-(?P<n>\d\d)-(?P<screen>[a-z0-9]+(?:-[a-z0-9]+)*)\.png")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk comes first)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path.name
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_screenshots_of_every_screen(tmp_path: Path) -> None:
    assert main(["--screenshot", str(tmp_path)]) == 0
    shots: dict[tuple[int, int], dict[int, str]] = {size: {} for size in SIZES}
    for path in sorted(tmp_path.iterdir()):
        found = NAME.fullmatch(path.name)
        assert found, f"not a screenshot's name: {path.name}"
        size = int(found["w"]), int(found["h"])
        assert size in shots, f"a size nobody asked for: {path.name}"
        assert png_size(path) == size, path.name
        number, screen = int(found["n"]), found["screen"]
        assert screen not in shots[size].values(), f"drawn twice: {path.name}"
        shots[size][number] = screen
        # something was drawn: not every pixel is the colour of the top-left corner
        image = pygame.image.load(str(path))
        corner = pygame.mask.from_threshold(image, image.get_at((0, 0)), (1, 1, 1, 255))
        assert corner.count() < size[0] * size[1], f"one flat colour: {path.name}"
    for size, screens in shots.items():
        assert sorted(screens) == list(range(1, len(screens) + 1)), (size, "numbered 1, 2, 3…")
        missing = [screen for screen in SCREENS if screen not in screens.values()]
        assert not missing, (size, missing)
