"""The start-up budget (issue 7) kept by tests: what the title's path may and may not load.

Timings are the benchmark's job (`python -m bench --only startup`); these tests hold
the causes we fixed, so a new import on the title's path shows up as a failure with its
name rather than as a slower start nobody notices.
"""

from __future__ import annotations

import json
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
    # Issue 27's start-up pass:
    "game.store.saves": "nothing saved: the title offers no Continue without the saves' code",
    "game.store.game_files": "the saves' writers load with the store, after the first frame",
    "string": "ui text's placeholders are read by string.Formatter's own parser (_string)",
    "queue": "the host's queue is _queue.SimpleQueue, which `queue` hands out",
    "platformdirs": "the data folder is found from XDG_DATA_HOME or HOME (game/store/paths.py)",
    "game.content.yamlsafe": "ui.yaml is read only when its cache is missing or stale",
    "babel": "catalogs are compiled to JSON beforehand; a start reads no .po file",
    # Issue 27's second start-up pass:
    "game.ui.warmup": "the idle preparation is made when the loop first idles (App.warmup)",
    "game.ui.play": "Continue's code loads when Continue is chosen",
}

# Runs the real `inkind` start in a fresh process, noting at the first flip whether the
# sound device is open (after main() returns, pygame.quit() has closed everything), whether
# the cycle collector was running, and every file Python opened (its modules aside). As a
# player starts it: without INKIND_HOME, the data folder in XDG_DATA_HOME (Linux's rule).
FIRST_FRAME = """
import gc, json, os, sys
os.environ["XDG_DATA_HOME"] = os.environ.pop("INKIND_HOME")
opened = []
def audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if not path.endswith((".py", ".pyc", ".so")) and not os.path.isdir(path):
            opened.append(path)
sys.addaudithook(audit)
import pygame
at_flip = []
real_flip = pygame.display.flip
def flip():
    at_flip.append({"mixer_open": bool(pygame.mixer.get_init()), "collector_on": gc.isenabled(),
                    "opened": list(opened), "modules": set(sys.modules)})
    real_flip()
pygame.display.flip = flip
before = set(sys.modules) - {"pygame"}
from game.cli import main
main([])
print(json.dumps({
    "loaded": sorted(name for name in %r if name in at_flip[0]["modules"] and name not in before),
    "mixer_open": [flip["mixer_open"] for flip in at_flip],
    "collector_on": [flip["collector_on"] for flip in at_flip],
    "opened": at_flip[0]["opened"],
    "collector_on_after": gc.isenabled(),
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
    """What a start did by its first flip. The title's own drawing unless `env` says
    otherwise: no kept first frame (INKIND_KEPT_FRAME=0; those are tests/ui/test_kept_frame.py's)."""
    done, report = headless_child(
        FIRST_FRAME % (tuple(kept_off),),
        home,
        timeout=60,
        INKIND_EXIT_AFTER_FIRST_FRAME="1",
        **{"INKIND_KEPT_FRAME": "0", **env},
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


def _own(report: dict, home: Path) -> list[str]:
    """The files of the game's own (its assets, the player's data folder) the start opened,
    by name, in order; the computer's fonts aside (what they are depends on the computer)."""
    roots = (str(home), str(ROOT / "assets"), str(ROOT / "game"))
    return [Path(path).name for path in report["opened"] if path.startswith(roots)]


def test_a_start_reads_only_its_cache_and_its_fonts(tmp_path):
    """Counted, not timed (issue 27): a second English start opens the UI text cache, the
    bundled fonts' known cmaps and the two Atkinson faces' cmap tables, nothing else (not
    ui.yaml, no catalog, no settings file when none was saved, no save)."""
    start_to_first_frame(tmp_path)
    second = start_to_first_frame(tmp_path)
    assert sorted(_own(second, tmp_path)) == [
        "AtkinsonHyperlegible-Bold.ttf",
        "AtkinsonHyperlegible-Regular.ttf",
        "coverage.json",
        "ui-en.json",
    ]


def test_a_japanese_start_reads_no_catalog_once_its_words_are_cached(tmp_path):
    kept_off = KEPT_OFF_THE_JAPANESE_TITLE
    first = start_to_first_frame(tmp_path, kept_off, LANGUAGE="ja")
    assert "inkind.json" in _own(first, tmp_path)  # merged once, then kept in ui-ja.json
    second = start_to_first_frame(tmp_path, kept_off, LANGUAGE="ja")
    own = set(_own(second, tmp_path))
    assert own <= {
        "ui-ja.json",
        "system-fonts.cache",
        "coverage.json",
        "AtkinsonHyperlegible-Regular.ttf",
        "AtkinsonHyperlegible-Bold.ttf",
        "NotoSans-Variable.ttf",
    }, own
    assert "ui-ja.json" in own and "ui-en.json" not in own  # one file for the words


# A start with a game saved offers Continue from the save's header (game/store/peek.py).
KEPT_OFF_WITH_A_SAVE = {
    key: reason
    for key, reason in KEPT_OFF_THE_TITLE.items()
    if key not in ("game.core", "hashlib")  # the setup's sha256 vouches for it
}
KEPT_OFF_WITH_A_SAVE.update(
    {
        "game.store.saves": "Continue is offered from the save's header (game/store/peek.py)",
        "game.store.game_files": "the setup's copies are read by game/store/peek.py",
        "game.store.repair": "nothing is moved aside before the first frame",
        "game.store.atomic": "nothing is written before the first frame",
        "threading": "the store's writer thread starts with the store, after the first frame",
        "game.core": "a format-2 save's header needs no engine and no replay",
        "_hashlib": "the setup's sha256 from Python's own module, not OpenSSL's 3.8 MB",
    }
)


def test_a_start_with_a_save_offers_continue_from_its_header_alone(tmp_path):
    """Counted (issue 27): with a game in progress saved, the first title frame reads
    current.json and one copy of the setup, and loads none of the saves' code."""
    from game.core.state import Phase
    from game.store.saves import SaveStore
    from tests.store.games import game_at

    saves = tmp_path / "inkind" / "saves"
    SaveStore(saves).save(game_at(Phase.SHARE))
    start_to_first_frame(tmp_path, KEPT_OFF_WITH_A_SAVE)
    second = start_to_first_frame(tmp_path, KEPT_OFF_WITH_A_SAVE)
    reasons = {name: KEPT_OFF_WITH_A_SAVE[name] for name in second["loaded"]}
    assert reasons == {}, "loaded before the first title frame with a save, though it need not be"
    setup = json.loads((saves / "current.json").read_bytes())["setup"]
    assert sorted(_own(second, tmp_path)) == [
        "AtkinsonHyperlegible-Bold.ttf",
        "AtkinsonHyperlegible-Regular.ttf",
        "coverage.json",
        "current.json",
        f"{setup}.json",  # the setup's first copy, whole: the backup is not read
        "ui-en.json",
    ]


# With the title kept from the last start (game/ui/kept_frame.py), none of the window's code.
KEPT_OFF_BY_THE_KEPT_FRAME = {
    **KEPT_OFF_THE_TITLE,
    "game.ui.app": "the window's code loads after the kept frame is on screen",
    "game.ui.text": "nothing is drawn: the kept pixels are copied in",
    "game.ui.scenes.title": "the title is built after the kept frame, for the next frame",
    "game.ui.widgets.button": "the buttons are in the kept pixels",
    "game.table.host": "the window makes the host, after the kept frame",
    "game.fonts.cmap": "no font is asked about",
}


def test_a_kept_title_is_shown_without_the_windows_code(tmp_path):
    kept_off = KEPT_OFF_BY_THE_KEPT_FRAME
    start_to_first_frame(tmp_path, kept_off, INKIND_KEPT_FRAME="1")  # keeps its title
    second = start_to_first_frame(tmp_path, kept_off, INKIND_KEPT_FRAME="1")
    reasons = {name: kept_off[name] for name in second["loaded"]}
    assert reasons == {}, "loaded before the kept first frame, though it need not be"
    assert sorted(_own(second, tmp_path)) == ["first-frame-en.bin", "ui-en.json"]
    assert second["collector_on"] == [False, False]  # the kept frame, then the title's own


# The Japanese kept title: its key checks the computer's font folders' stamp, no more.
KEPT_OFF_BY_THE_KEPT_JAPANESE_FRAME = {
    **KEPT_OFF_BY_THE_KEPT_FRAME,
    **KEPT_OFF_THE_JAPANESE_TITLE,
    "game.fonts.system": "the font folders' stamp is game/fonts/folders.py's, without the list",
    "threading": "the font list's lock loads with the list, after the kept frame",
    "struct": "the font list's cmap reader loads with the list, after the kept frame",
}


def test_a_kept_japanese_title_checks_the_font_folders_without_the_font_list(tmp_path):
    """Counted (issue 27): about 5 M instructions were the computer's font list's code
    (game.fonts.system, its cmap reader, threading) loaded only for its folders' stamp."""
    kept_off = KEPT_OFF_BY_THE_KEPT_JAPANESE_FRAME
    env = {"INKIND_KEPT_FRAME": "1", "LANGUAGE": "ja"}
    start_to_first_frame(tmp_path, kept_off, **env)  # caches the words, fonts and title
    second = start_to_first_frame(tmp_path, kept_off, **env)
    reasons = {name: kept_off[name] for name in second["loaded"]}
    assert reasons == {}, "loaded before the kept Japanese first frame, though it need not be"
    assert sorted(_own(second, tmp_path)) == ["first-frame-ja.bin", "ui-ja.json"]


def test_start_up_runs_without_the_cycle_collector_until_the_first_frame(tmp_path):
    """Its passes over start-up's objects were about 6 ms of a start (game/cli.py `_play`);
    the loop turns it on once the first frame is on screen (`collector_back_on`)."""
    report = start_to_first_frame(tmp_path)
    assert report["collector_on"] == [False]
    assert report["collector_on_after"] is True


def test_the_collector_comes_back_with_start_ups_objects_in_the_oldest_generation():
    import gc

    from game.ui.app import collector_back_on

    gc.disable()
    try:
        junk = [[index] for index in range(1000)]
        assert gc.get_count()[0] > 0
        collector_back_on()
        assert gc.isenabled()
        assert gc.get_count()[0] < len(junk)  # nothing left for the first young pass to walk
    finally:
        gc.enable()
    collector_back_on()  # on already: nothing changes
    assert gc.isenabled()


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
