"""The start-up budget (issue 7) kept by tests: what the title's path may and may not load.

Timings are the benchmark's job (`python -m bench --only startup`); these tests hold
the causes we fixed, so a new import on the title's path shows up as a failure with its
name rather than as a slower start nobody notices.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.icon import SIZE, window_icon
from game.ui.sound import Sound
from game.ui.theme import WARM
from tests.child import headless_child

ROOT = Path(__file__).resolve().parents[2]

# Modules the first title frame must not need, each with the reason it was taken off.
KEPT_OFF_THE_TITLE = {
    "attrs": "about 15 ms to import; the title's records are dataclasses and named tuples",
    "yaml": "ui.yaml is read from its checked JSON cache",
    "game.core": "the engine is loaded only when a save exists or a game starts",
    "argparse": "plain `inkind` skips the argument parser",
    "game.ui.autoplay": "the crash test's hook loads only when asked for",
    "hashlib": "the UI text cache's key uses zlib.crc32",
    "importlib.resources.readers": "our own window icon spares pygame loading its default",
    "asyncio": "phones only: their server starts after the first frame, and only when on",
    "websockets": "phones only (docs/phones.md)",
    "segno": "phones only: the QR code is made when the join screen first shows it",
    "game.phones": "phones only",
}

# Runs the real `inkind` start in a fresh process, noting at the first flip whether the
# sound device is open (after main() returns, pygame.quit() has closed everything).
FIRST_FRAME = """
import json, sys
import pygame
mixer_at_flip = []
real_flip = pygame.display.flip
def flip():
    mixer_at_flip.append(bool(pygame.mixer.get_init()))
    real_flip()
pygame.display.flip = flip
before = set(sys.modules) - {"pygame"}
from game.cli import main
main([])
print(json.dumps({
    "loaded": sorted(name for name in %r if name in sys.modules and name not in before),
    "mixer_open": mixer_at_flip,
}))
"""


# With the Japanese UI (issue 25, issue 27), once the computer's fonts are cached.
KEPT_OFF_THE_JAPANESE_TITLE = {
    **KEPT_OFF_THE_TITLE,
    "subprocess": "fontconfig is asked only when the computer's font list is not cached",
    "gettext": "Japanese has one plural form: its rule needs no Plural-Forms reader",
}


def start_to_first_frame(
    home: Path, kept_off: dict[str, str] = KEPT_OFF_THE_TITLE, **env: str
) -> dict:
    done, report = headless_child(
        FIRST_FRAME % (tuple(kept_off),),
        home,
        timeout=60,
        INKIND_EXIT_AFTER_FIRST_FRAME="1",
        **env,
    )
    assert "first frame drawn" in done.stdout
    return report


def test_the_first_title_frame_loads_only_what_it_draws(tmp_path):
    start_to_first_frame(tmp_path)  # the first start checks ui.yaml and caches it
    second = start_to_first_frame(tmp_path)
    reasons = {name: KEPT_OFF_THE_TITLE[name] for name in second["loaded"]}
    assert reasons == {}, "loaded before the first title frame, though it need not be"


def test_the_first_japanese_title_frame_loads_only_what_it_draws(tmp_path):
    kept_off = KEPT_OFF_THE_JAPANESE_TITLE
    start_to_first_frame(tmp_path, kept_off, LANGUAGE="ja")  # caches ui.yaml and the fonts
    second = start_to_first_frame(tmp_path, kept_off, LANGUAGE="ja")
    reasons = {name: kept_off[name] for name in second["loaded"]}
    assert reasons == {}, "loaded before the first Japanese title frame, though it need not be"


def test_the_sound_device_opens_after_the_first_frame(tmp_path):
    assert start_to_first_frame(tmp_path)["mixer_open"] == [False]  # one flip, no sound yet


def test_sound_opens_on_first_use_and_only_once(tmp_path):
    pygame.mixer.quit()
    sound = Sound(enabled=True, volume=0.5)
    assert not pygame.mixer.get_init()
    sound.play("deal")
    assert sound.played == ["deal"]
    assert pygame.mixer.get_init()
    assert sound.available
    sound.open()  # a second open changes nothing
    assert sound.available


def test_the_window_icon_is_a_card_with_two_circles():
    pygame.display.init()
    icon = window_icon()
    assert icon.get_size() == (SIZE, SIZE)
    middle = SIZE // 2
    assert icon.get_at((middle, 4))[:3] == WARM.card_back  # the card, near its top
    assert icon.get_at((0, 0)).a == 0  # rounded corners are see-through
    row = [icon.get_at((x, middle))[:3] for x in range(SIZE)]
    light = [x for x, colour in enumerate(row) if sum(colour) > sum(WARM.card_back) + 150]
    assert len(light) >= 6  # the circles' edges cross the middle row: both circles, both sides
    assert light[0] < middle < light[-1]
