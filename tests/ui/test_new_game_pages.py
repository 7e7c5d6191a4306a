"""Issue 13, the new-game pages as a newcomer meets them: the deck chosen is the one picked
(not the one passed on the way), long lists scroll and stay readable, a broken deck says
where and how to check it, and the game and `inkind check` count cards the same way.
"""

from __future__ import annotations

import io
import os
import re
import threading
import types
from pathlib import Path

import pygame
import pytest

from game.content.check import run_check
from game.content.sources import builtin_deck_files
from game.store.saves import SaveStore
from game.store.settings import Settings
from game.table.samples import write_many_decks
from game.ui.app import App
from game.ui.scenes.lines import LinesScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets.kept import forget as forget_kept_buttons

from .conftest import Driver
from .test_play_your_way_screens import rendered

MIN_READABLE = 15  # px: nothing a player reads is smaller at 1280x720
BUILT_IN = len(builtin_deck_files())  # the deck page reads these before the player's own
# ... and lists a deck with its translations as one entry (decks/closer.es.yaml is Closer's)
TRANSLATIONS = sum(
    "\ntranslates:" in Path(path).read_text(encoding="utf-8") for path in builtin_deck_files()
)


def focus_of(scene) -> str | None:
    buttons = scene.buttons
    return buttons.focused_id if hasattr(buttons, "focused_id") else scene.focus


def buttons_of(scene) -> list:
    buttons = scene.buttons
    return list(buttons.buttons if hasattr(buttons, "buttons") else buttons)


def button(scene, button_id: str):
    return next(b for b in buttons_of(scene) if b.id == button_id)


def on_screen(scene, button_id: str) -> pygame.Rect | None:
    """The part of a button (or name field) a player sees (None when it is scrolled away)."""
    fields = [f for f in getattr(scene, "fields", ()) if f.id == button_id]
    found = next((b for b in buttons_of(scene) if b.id == button_id), None) or fields[0]
    clip = getattr(found, "clip", None)
    part = found.rect if clip is None else found.rect.clip(clip)
    return part if part.width and part.height else None


def sizes_drawn(driver: Driver) -> dict[str, int]:
    """Every text the current screen draws, with its size in pixels."""
    text = driver.app.look.text
    text._surfaces.clear()
    forget_kept_buttons()  # buttons kept drawn would not draw their words
    driver.app.scene.draw(driver.app.screen)
    return {key[0]: key[1] for key in text._surfaces}


def open_app(size=(1280, 720), decks=(), settings: Settings | None = None) -> Driver:
    pygame.init()
    app = App(
        extra_decks=[str(d) for d in decks],
        size=size,
        store=SaveStore(),
        settings=settings or Settings(),
    )
    app.switch(TitleScene(app))
    driver = Driver(app)
    driver.step()
    return driver


def to_deck_page(driver: Driver):
    driver.key(pygame.K_RETURN)  # title: New game
    driver.type("Ana")
    driver.key(pygame.K_TAB)
    driver.type("Ben")
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert scene.page == "deck"
    wait_for_decks(driver, scene)
    return scene


def wait_for_decks(driver: Driver, scene) -> None:
    """Wait until the deck files are read (always in a thread) and the page has taken them."""
    reading = scene.reading
    while reading is not None:
        assert reading.wait(60), "the decks were never read"
        driver.step()
        reading = scene.reading


def post_key(driver: Driver, key: int) -> None:
    """A key press that waits for nothing first (Driver.key waits for the decks)."""
    while driver.app.input_held():  # the app ignores presses just after a change
        driver.step()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    driver.step()


@pytest.fixture
def held_reading(monkeypatch):
    """Deck reading that stops at the file named `held_reading.name` until the test sets
    `held_reading.gate`, and notes which threads read decks; a frame that reads one fails at
    once (the page shows the error screen) instead of waiting."""
    from game.content import sources

    real = sources.DeckLoader.load
    held = types.SimpleNamespace(
        name="", reached=threading.Event(), gate=threading.Event(), readers=[]
    )

    def load(self, path: str):
        held.readers.append(threading.current_thread().name)
        if threading.current_thread() is threading.main_thread():
            raise AssertionError(f"a frame read {path}")
        if os.path.basename(path) == held.name:
            held.reached.set()
            assert held.gate.wait(60), "the test never let the reading go on"
        return real(self, path)

    monkeypatch.setattr(sources.DeckLoader, "load", load)
    monkeypatch.setattr(sources, "_READ", {})  # nothing read before this test
    monkeypatch.setattr(sources, "_READ_FILES", set())
    yield held
    held.gate.set()


@pytest.mark.parametrize("pile", [0, 20], ids=["built-in decks alone", "20 decks and a big one"])
def test_the_deck_page_draws_while_the_decks_are_read(tmp_path, held_reading, pile):
    """Issue 23: deck files up to 1 MB were read inside a frame (a 15,500-card deck froze one
    for 1.51 s, the built-in decks alone 0.47 s). Now a thread reads every deck: while it
    is held at one deck the page draws frame after frame, says how far the reading is and
    will not start, then lists every deck; opened again, it lists them at once."""
    from bench.deck import make_big_deck_text

    folders = []
    if pile:
        folder = tmp_path / "pile"
        write_many_decks(folder, pile)
        (folder / "big.yaml").write_text(make_big_deck_text(300), encoding="utf-8")
        folders.append(folder)
        held_reading.name = "big.yaml"  # the pile's first file: after the built-in decks
        before, total = BUILT_IN, BUILT_IN + pile + 1
    else:
        held_reading.name = os.path.basename(builtin_deck_files()[0])
        before, total = 0, BUILT_IN
    driver = open_app(decks=folders)
    driver.key(pygame.K_RETURN)  # title: New game (the decks start being read)
    driver.type("Ana")
    driver.key(pygame.K_TAB)
    driver.type("Ben")
    post_key(driver, pygame.K_RETURN)  # to the deck page
    scene = driver.scene
    assert scene.page == "deck" and scene.loading is not None
    assert held_reading.reached.wait(60), "the reading never got to the deck it is held at"

    frames = driver.app.frame_times
    drawn = len(frames)
    driver.step(10)  # the reading is held: any of these frames would wait if it read a deck
    assert len(frames) == drawn + 10 and driver.scene is scene
    assert scene.notice == f"Reading the decks… {before} of {total}"
    drawn_text = " ".join(sizes_drawn(driver))  # by lines
    assert driver.app.t("new_loading_list") in drawn_text  # in place of the list
    assert scene.decks == ()
    post_key(driver, pygame.K_RETURN)  # Start while reading does nothing
    assert driver.scene is scene and scene.loading is not None

    held_reading.gate.set()
    wait_for_decks(driver, scene)
    assert scene.notice is None
    assert len(scene.decks) == total - TRANSLATIONS and scene.deck is not None

    driver.key(pygame.K_ESCAPE)  # back to the names, and the deck page again
    driver.key(pygame.K_RETURN)
    again = driver.scene
    assert again is not scene and again.loading is None, "read before: listed at once"
    assert len(again.decks) == total - TRANSLATIONS
    wait_for_decks(driver, again)  # the files are looked at again, in a thread
    assert len(again.decks) == total - TRANSLATIONS
    assert held_reading.readers and "MainThread" not in held_reading.readers


def test_a_deck_fixed_meanwhile_shows_fixed_when_the_page_opens_again(tmp_path):
    """The decks read before are listed at once; the reading that looks at the files again
    (in a thread) brings a deck fixed meanwhile."""
    folder = tmp_path / "mine"
    folder.mkdir()
    deck = folder / "mine.yaml"
    deck.write_text("format: 1\nid: mine\n", encoding="utf-8")  # no name, no cards: broken
    driver = open_app(decks=[folder])
    scene = to_deck_page(driver)
    (mine,) = [r for r in scene.decks if r.path == str(deck)]
    assert not mine.ok

    deck.write_text(
        "format: 1\nid: mine\nname: Mine\n"
        "cards:\n  - prompt: Tell about a morning. How did you feel?\n",
        encoding="utf-8",
    )
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_RETURN)
    again = driver.scene
    assert again.loading is None  # listed at once, as read before, while a thread looks again
    wait_for_decks(driver, again)
    (mine,) = [r for r in again.decks if r.path == str(deck)]
    assert mine.ok and mine.deck.name == "Mine"


def wheel_to(driver: Driver, scene, button_id: str) -> pygame.Rect:
    """Turn the mouse wheel until the button is wholly in view, as a player would."""
    for _ in range(60):
        part = on_screen(scene, button_id)
        if part is not None and part.size == button(scene, button_id).rect.size:
            return part
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        driver.step()
    raise AssertionError(f"the wheel never brings {button_id} into view")


def deck_index(scene, deck_id: str) -> int:
    return next(i for i, r in enumerate(scene.decks) if r.deck and r.deck.id == deck_id)


# ---------------------------------------------------------------- choosing follows a choice


def test_moving_past_a_deck_does_not_choose_it(driver):
    scene = to_deck_page(driver)
    closer, first_steps = deck_index(scene, "closer"), deck_index(scene, "first-steps")
    assert scene.deck.id == "closer" and focus_of(scene) == f"deck:{closer}"
    driver.key(pygame.K_DOWN)
    assert focus_of(scene) == f"deck:{first_steps}"
    assert scene.deck.id == "closer", "passing a deck on the way does not choose it"
    driver.key(pygame.K_RIGHT)  # over to the options
    assert focus_of(scene) == "option:lines"
    assert scene.deck.id == "closer"
    driver.key(pygame.K_LEFT)  # Left changes an option; "Leave out" opens a page instead
    assert scene.deck.id == "closer"
    driver.key(pygame.K_UP)
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert scene.deck.id == "closer"


def test_enter_or_space_on_a_deck_chooses_it_and_enter_again_starts(driver):
    scene = to_deck_page(driver)
    driver.key(pygame.K_DOWN)  # to First Steps
    driver.key(pygame.K_SPACE)
    assert scene.deck.id == "first-steps"
    assert driver.scene is scene, "choosing a deck does not start the game"
    driver.key(pygame.K_UP)
    driver.key(pygame.K_RETURN)
    assert scene.deck.id == "closer" and driver.scene is scene
    driver.key(pygame.K_RETURN)  # Enter on the chosen deck: start
    table = driver.scene
    assert isinstance(table, TableScene) and table.state.deck.id == "closer"


def test_mode_is_chosen_by_enter_not_by_moving_onto_it(driver):
    driver.key(pygame.K_RETURN)  # title: New game
    scene = driver.scene
    driver.key(pygame.K_UP)  # from the first name up to the mode buttons
    assert focus_of(scene) == "mode:pair"
    driver.key(pygame.K_RIGHT)
    assert focus_of(scene) == "mode:circle" and len(scene.fields) == 2
    driver.key(pygame.K_RETURN)
    assert len(scene.fields) == 3, "Enter on Circle chooses it"


# ---------------------------------------------------------------- long lists scroll


@pytest.fixture
def fifty(tmp_path):
    folder = tmp_path / "decks"
    write_many_decks(folder, 50)
    return folder


def test_fifty_decks_scroll_by_keys_wheel_and_mouse_and_stay_readable(fifty):
    driver = open_app(decks=[fifty])
    scene = to_deck_page(driver)
    look = driver.app.look
    readable = look.text.line_height(look.theme.small) * 2
    bar_top = driver.button_rect("next").top
    decks = [b for b in buttons_of(scene) if b.id.startswith("deck:")]
    assert len(decks) == 50 + BUILT_IN - TRANSLATIONS
    shown = [b for b in decks if on_screen(scene, b.id)]
    assert 3 <= len(shown) < 50 + BUILT_IN - TRANSLATIONS
    assert all(b.rect.height >= readable for b in decks), "rows keep a readable height"
    assert all(on_screen(scene, b.id).bottom <= bar_top for b in shown)
    sizes = sizes_drawn(driver)
    assert min(sizes.values()) >= MIN_READABLE, sorted(sizes.items(), key=lambda kv: kv[1])[:3]
    assert any(re.search(r"\b\d+ more\b", text) for text in sizes), "the page says there is more"

    pickable = [b.id for b in decks if b.enabled]
    for expected in pickable[1:]:  # Down through every deck: the focused one is always seen
        driver.key(pygame.K_DOWN)
        assert focus_of(scene) == expected
        part = on_screen(scene, expected)
        assert part is not None and part.size == button(scene, expected).rect.size
        assert part.bottom <= bar_top
    assert scene.deck.id == "closer", "nothing chosen by moving"
    assert not on_screen(scene, "deck:1"), "the chosen deck has scrolled out of sight"
    assert button(scene, "next").label == f"Start with {scene.deck.name}", "the start names it"
    last = scene.decks[int(pickable[-1].split(":")[1])].deck
    assert any("more" in text for text in sizes_drawn(driver))

    for _ in range(60):  # the wheel goes back to the top
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
        driver.step()
    assert on_screen(scene, "deck:0") is not None
    focused = focus_of(scene)
    assert focused and on_screen(scene, focused) is not None, "focus stays in view"
    for _ in range(5):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        driver.step()
    assert on_screen(scene, "deck:0") is None
    target = next(b for b in decks[5:] if b.enabled and on_screen(scene, b.id))
    driver.click(on_screen(scene, target.id).center)
    assert scene.deck is scene.decks[int(target.id.split(":")[1])].deck
    assert scene.deck is not last


@pytest.mark.parametrize("size, text_size", [((1280, 720), "normal"), ((800, 600), "larger")])
def test_twelve_names_keep_the_size_of_two_and_scroll(make_app, size, text_size):
    driver = make_app(size, Settings(text_size=text_size))
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    two = (scene.field_size, scene.fields[0].rect.height)
    driver.click_button("mode:circle")
    while len(scene.fields) < 12:
        driver.click_button("add")
    assert not button(scene, "add").enabled
    assert (scene.field_size, scene.fields[0].rect.height) == two, "names do not shrink"
    bar_top = driver.button_rect("next").top
    if size == (1280, 720):
        sizes = sizes_drawn(driver)
        assert min(sizes.values()) >= MIN_READABLE
    driver.click(on_screen(scene, "name:0").center)
    for index in range(1, 12):
        driver.key(pygame.K_TAB)
        assert focus_of(scene) == f"name:{index}"
        part = on_screen(scene, f"name:{index}")
        assert part is not None and part.size == scene.fields[index].rect.size
        assert part.bottom <= bar_top
        driver.type(f"P{index}")
    assert scene.fields[11].value == "P11"


def test_many_topics_scroll_on_the_lines_page(tmp_path):
    topics = "".join(f"  topic-{n}: Things about subject number {n}\n" for n in range(1, 25))
    cards = "".join(
        f'  - prompt: "Tell us about subject {n}: what did you feel then?"\n    tags: [topic-{n}]\n'
        for n in range(1, 25)
    )
    path = tmp_path / "topics.yaml"
    path.write_text(
        f"format: 1\nid: topics\nname: Many Topics\ntopics:\n{topics}cards:\n{cards}",
        encoding="utf-8",
    )
    driver = open_app(decks=[path])
    scene = to_deck_page(driver)
    driver.click(wheel_to(driver, scene, f"deck:{deck_index(scene, 'topics')}").center)
    driver.click_button("option:lines")
    lines = driver.scene
    assert isinstance(lines, LinesScene)
    sizes = sizes_drawn(driver)
    assert min(sizes.values()) >= MIN_READABLE
    look = driver.app.look
    rows = [b for b in buttons_of(lines) if b.id.startswith("topic:")]
    assert all(b.rect.height >= 2 * look.text.line_height(MIN_READABLE) for b in rows)
    bar_top = driver.button_rect("done").top
    driver.key(pygame.K_DOWN)
    for _ in range(30):
        driver.key(pygame.K_DOWN)
        focused = focus_of(lines)
        if focused and focused.startswith("topic:"):
            part = on_screen(lines, focused)
            assert part is not None and part.bottom <= bar_top
    assert on_screen(lines, "topic:topic-24") is not None


# ---------------------------------------------------------------- a broken deck says what and where


def test_a_broken_deck_shows_its_first_error_whole_with_where_and_how_to_check(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: 1\nid: broken\nname: Broken\ncards:\n  - prompt: Tell me: what do you feel now?\n",
        encoding="utf-8",
    )
    driver = open_app(size=(800, 600), decks=[path])
    scene = to_deck_page(driver)
    broken = next(i for i, r in enumerate(scene.decks) if r.deck is None)
    wheel_to(driver, scene, f"deck:{broken}")  # after the built-in decks, as a player scrolls
    shown = rendered(driver)
    flat = re.sub(r"\s+", "", "".join(shown))
    message = "a ':' here starts a key, which is not allowed at this place"
    assert re.sub(r"\s+", "", message) in flat, shown
    assert re.sub(r"\s+", "", f"{path}:5:20") in flat or "broken.yaml:5:20" in flat
    assert re.sub(r"\s+", "", f"inkind check {os.path.abspath(path)}") in flat
    assert not any("…" in line and "':'" in line for line in shown), "not cut off"


# ---------------------------------------------------------------- one card count


def test_the_game_and_inkind_check_count_the_same_cards(driver):
    scene = to_deck_page(driver)
    index = deck_index(scene, "years-together")
    wheel_to(driver, scene, f"deck:{index}")
    deck = scene.decks[index].deck
    questions = sum(1 for card in deck.cards if not card.is_wild)
    out = io.StringIO()
    run_check([os.path.join("decks", "years-together.yaml")], out=out, err=io.StringIO())
    summary = out.getvalue().splitlines()[-2]
    assert f"{questions} cards" in summary, summary
    assert any(f"{questions} cards" in line for line in rendered(driver))


def test_a_deck_tile_counts_the_cards_left_after_topics_are_left_out(driver):
    scene = to_deck_page(driver)
    index = deck_index(scene, "first-steps")
    driver.click(on_screen(scene, f"deck:{index}").center)
    driver.click_button("option:lines")
    lines = driver.scene
    driver.key(pygame.K_1)
    kept, total = lines.remaining()
    assert kept < total
    driver.key(pygame.K_RETURN)
    assert driver.scene is scene
    shown = rendered(driver)
    assert any(f"{kept} of {total} cards" in line for line in shown), shown
