"""Memory stays flat over an evening: the text caches are bounded and a fade draws no new text.

Issue 15, part 2. Before: the rendered-text cache was capped at 4,000 surfaces whatever
their size, the width and run caches had no cap, and the level change drew its title in a
new colour each frame (51 new surfaces a fade). Every number asserted here is a budget of
game/ui/text.py, never a time.
"""

from __future__ import annotations

import attrs
import pygame
import pytest

from bench.deck import make_big_deck_text
from game.content.decks import load_deck
from game.core import engine
from game.core.actions import Award, Draw, EndTurn, FinishResponding, FinishSharing
from game.core.cards import Mode
from game.core.rules import AwardKind, Rules
from game.core.state import Phase, Player, Setup
from game.table.samples import TWELVE_NAMES, sample_game
from game.table.session import Session
from game.ui import text as text_module
from game.ui.scenes.level_change import FADE_SECONDS
from game.ui.text import (
    FITS_KEPT,
    MB,
    RUNS_KEPT,
    SURFACE_BUDGET_MAX,
    SURFACE_BUDGET_MIN,
    WIDTHS_KEPT,
    WRAPS_KEPT,
    Text,
    surface_budget,
    surface_bytes,
)
from tests.moves import ANY, dispatch


def within_caps(stats: dict[str, int]) -> None:
    assert stats["surface_bytes"] <= stats["surface_budget"], stats
    assert stats["widths"] <= WIDTHS_KEPT, stats
    assert stats["runs"] <= RUNS_KEPT, stats
    assert stats["wraps"] <= WRAPS_KEPT, stats
    assert stats["fits"] <= FITS_KEPT, stats


# ---------------------------------------------------------------- the budget


def test_the_budget_is_one_screen_of_pixels_within_8_and_64_mb() -> None:
    assert surface_budget(None) == SURFACE_BUDGET_MIN == 8 * MB
    assert surface_budget((800, 600)) == 8 * MB
    assert surface_budget((1280, 720)) == 8 * MB  # one screen: 3.5 MB
    assert surface_budget((1920, 1080)) == 8 * MB  # one screen: 7.9 MB (16 MB before issue 27)
    assert surface_budget((2560, 1440)) == 2560 * 1440 * 4  # 14 MB
    assert surface_budget((3840, 2160)) == 3840 * 2160 * 4  # 31.6 MB
    assert surface_budget((7680, 4320)) == SURFACE_BUDGET_MAX == 64 * MB


def test_the_default_budget_follows_the_window(make_app) -> None:
    driver = make_app(size=(800, 600))
    assert driver.app.text.stats()["surface_budget"] == 8 * MB
    assert Text(budget=3 * MB).surface_budget() == 3 * MB


@pytest.mark.parametrize("which", ["share", "award", "wild_award"])
def test_a_twelve_player_table_at_1080p_is_drawn_again_from_the_cache(make_app, which) -> None:
    """One screen's worth of text (issue 27: it was two) holds the busiest screens' lines:
    the table drawn again whole renders none of them again, and holds at most the budget."""
    driver = make_app(size=(1920, 1080))
    app = driver.app
    sample = sample_game(app.catalog(), Mode.CIRCLE, names=TWELVE_NAMES, seeds=40)
    assert sample is not None
    state = getattr(sample, which)
    assert state is not None
    table = app.reset("table", session=Session(state, None))
    driver.step()
    rendered = app.text.stats()["surfaces"]
    assert rendered > 20  # twelve names and more
    render_runs = app.text._render_runs
    renders: list[str] = []

    def counting(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        renders.append(text)
        return render_runs(text, *args, **kwargs)

    app.text._render_runs = counting  # every line rendered anew, not taken from the cache
    try:
        table.painter.forget()  # the whole table drawn again, as after a choice
        driver.step()
    finally:
        del app.text._render_runs
    assert renders == []
    within_caps(app.text.stats())
    assert app.text.stats()["surface_budget"] == 8 * MB


# ---------------------------------------------------------------- 100,000 strings


@pytest.mark.slow  # about 5 s
def test_100000_distinct_strings_stay_under_every_cap() -> None:
    budget = 4 * MB
    text = Text(budget=budget)
    largest = 0
    for n in range(100_000):
        line = f"Tell about a morning that surprised you ({n})"
        size = 18 + n % 5
        text.width(line, size)
        largest = max(largest, surface_bytes(text.render(line, size, (20, 20, 20))))
        if n % 10 == 0:  # wrapping and fitting are dearer: a tenth of them
            text.wrap(line, size, 120)
            text.fit(line, (160, 90), size)
        if n % 10_000 == 0:
            within_caps(text.stats())
    stats = text.stats()
    within_caps(stats)
    # Full, not emptied: the least recently drawn went first, one line at a time.
    assert stats["surface_bytes"] > budget - largest
    assert stats["widths"] >= WIDTHS_KEPT // 2
    # The bytes counted are the bytes held.
    assert stats["surface_bytes"] == sum(surface_bytes(s) for s in text._surfaces.values())


def test_a_line_drawn_every_frame_stays_while_thousands_pass_through() -> None:
    text = Text(budget=1 * MB)
    hot = text.render("Ana shares", 40, (0, 0, 0))
    for n in range(5_000):
        text.render(f"a card nobody sees again ({n})", 24, (0, 0, 0))
        assert text.render("Ana shares", 40, (0, 0, 0)) is hot  # one frame, then the next
    assert text.stats()["surface_bytes"] <= 1 * MB


def test_a_line_bigger_than_the_budget_is_drawn_and_kept_alone() -> None:
    text = Text(budget=1)
    text.render("small", 12, (0, 0, 0))
    big = text.render("bigger than the whole budget", 60, (0, 0, 0))
    assert text.render("bigger than the whole budget", 60, (0, 0, 0)) is big
    assert text.stats()["surfaces"] == 1
    assert text.stats()["surface_bytes"] == surface_bytes(big)


def test_what_the_measuring_caches_give_back_is_what_was_measured() -> None:
    text = Text()
    line = "Γιώργος, Фатима and Eli: what did you feel just before?"
    width = text.width(line, 24)
    lines = text.wrap(line, 24, 200)
    fitted = text.fit(line, (200, 120), 30)
    for n in range(WIDTHS_KEPT * 2):  # two whole generations pass
        text.width(f"filler {n}", 24)
    assert text.width(line, 24) == width
    lines.append("changed by the caller")  # a caller's list is its own
    assert text.wrap(line, 24, 200) == lines[:-1]
    assert text.fit(line, (200, 120), 30) == fitted
    assert text.runs(line) == text.runs(line, False)


# ---------------------------------------------------------------- fades


def level_change(driver, size: tuple[int, int]):
    """The level change pushed over a twelve-player table, its first frame drawn."""
    app = driver.app
    sample = sample_game(app.catalog(), Mode.CIRCLE, names=TWELVE_NAMES, seeds=40)
    assert sample is not None
    state = sample.level_up or sample.share
    session = Session(state, None)
    app.reset("table", session=session)
    driver.step()
    scene = app.push("level_change", session=session, level=max(2, state.level))
    driver.step(dt=0.0)
    return scene


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_fade_draws_its_title_from_the_same_surfaces_every_frame(make_app, size) -> None:
    driver = make_app(size=size)
    app = driver.app
    scene = level_change(driver, size)
    assert scene.animating()
    before = app.text.stats()["surfaces"]
    drawn: set[int] = set()
    render = app.text.render

    def counting(*args, **kwargs):
        surface = render(*args, **kwargs)
        drawn.add(id(surface))
        return surface

    app.text.render = counting  # every surface the fade's frames draw, by identity
    try:
        driver.step()
        first = set(drawn)
        drawn.clear()
        frames = 1
        while scene.animating():
            driver.step()
            frames += 1
    finally:
        del app.text.render
    assert frames >= FADE_SECONDS * 60 - 1
    # Before: one new surface a frame for the title (50 a fade, 16 MB at 720p, 144 MB at 4K).
    assert len(drawn - first) <= 2
    assert app.text.stats()["surfaces"] - before <= 2
    title = {id(render(*line)) for line in title_lines(scene)}
    assert title <= first  # the title in its own colour, drawn from the first frame on


def title_lines(scene):
    """The (text, size, colour, bold) of each line of the level change's title."""
    look, t = scene.look, scene.t
    text = look.text
    width, height = scene.app.size
    level = scene.session.state.deck.levels[scene.level - 1]
    heading = t("level_heading", number=scene.level, name=level.name)
    fitted = text.fit(
        heading, (width - look.px(120), int(height * 0.3)), look.theme.font_px(80, 32), 20, True
    )
    yield from ((line, fitted.size, look.pal.accent, True) for line in fitted.lines)


def test_the_title_fades_in_from_the_background_to_the_accent(make_app) -> None:
    driver = make_app(size=(1280, 720))
    app = driver.app
    scene = level_change(driver, (1280, 720))
    pal = app.look.pal
    line, size, colour, bold = next(title_lines(scene))
    title = app.text.render(line, size, colour, bold)
    # The darkest pixel of the title's glyphs: what the fade has reached.
    box = pygame.Rect(0, int(720 * 0.18), 1280, int(720 * 0.3))

    def ink() -> tuple[int, int, int]:
        crop = app.screen.subsurface(box)
        seen = {
            tuple(crop.get_at((x, y)))[:3] for x in range(0, box.w, 2) for y in range(0, box.h, 2)
        }
        return max(
            seen, key=lambda c: sum(abs(a - b) for a, b in zip(c, pal.background, strict=True))
        )

    def distance(c) -> int:
        return sum(abs(a - b) for a, b in zip(c, pal.background, strict=True))

    driver.step(dt=FADE_SECONDS / 4)
    early = ink()
    while scene.animating():
        driver.step()
    late = ink()
    assert 0 < distance(early) < distance(late)
    assert all(abs(a - b) <= 2 for a, b in zip(late, pal.accent, strict=True)), (late, pal.accent)
    assert title.get_alpha() == 255  # the cached surface is left as it was


# ---------------------------------------------------------------- an evening


TURNS = 240
WARM = 60  # turns before the caches are full


def big_deck(tmp_path, cards: int):
    path = tmp_path / "big.yaml"
    path.write_text(make_big_deck_text(cards), encoding="utf-8")
    deck = load_deck(path).deck
    assert deck is not None
    return deck


def play_turns(driver, deck, turns: int, sample_at: set[int]) -> dict[int, dict[str, int]]:
    """Games of twelve new players each (3 rounds, a level a round), drawn as played."""
    app = driver.app
    rules = attrs.evolve(Rules(), rounds=3, rounds_per_level=1, closing_card=False)
    seen: dict[int, dict[str, int]] = {}
    played = 0
    game = 0
    while played < turns:
        names = tuple(f"{name} {game}" for name in TWELVE_NAMES)  # Greek, Cyrillic, Latin
        setup = Setup(deck, rules, tuple(Player(n) for n in names), Mode.CIRCLE, seed=game)
        session = Session(engine.new_game(setup), None)
        app.reset("table", session=session)
        driver.step()
        game += 1
        while played < turns and session.state.phase is not Phase.FINISHED:
            state = session.state
            if state.phase is Phase.DEAL:
                action = Draw(ANY)
            elif state.phase is Phase.SHARE:
                action = FinishSharing(ANY)
            elif state.phase is Phase.RESPOND:
                action = FinishResponding(ANY)
            elif state.phase is Phase.AWARD:
                for listener in state.listeners[:3]:
                    dispatch(session, Award(state.speaker, listener, AwardKind.DEEPENING_QUESTION))
                    driver.step()
                action = EndTurn(ANY, elapsed_seconds=240.0 * (state.turn + 1))
                played += 1
            else:
                raise AssertionError(f"unexpected phase {state.phase}")
            dispatch(session, action)
            driver.step(dt=0.5)  # the card's flip done in one step
            while app.scene is not None and app.scene.animating():  # a level change fading in
                driver.step()
            if app.scene is not None and type(app.scene).__name__ == "LevelChangeScene":
                app.pop()
                driver.step()
            if played in sample_at and played not in seen:
                seen[played] = app.text.stats()
    return seen


@pytest.mark.slow  # about 20 s: 240 turns with twelve players, drawn at 1280x720
def test_an_evening_of_new_names_and_cards_keeps_the_caches_flat(make_app, tmp_path) -> None:
    driver = make_app(size=(1280, 720))
    app = driver.app
    budget = 4 * MB
    app.text = Text(budget=budget)
    app.resized()  # the look draws with the new text
    deck = big_deck(tmp_path, 1200)
    checkpoints = set(range(WARM, TURNS + 1, 30))
    seen = play_turns(driver, deck, TURNS, checkpoints)
    assert set(seen) == checkpoints
    for turn, stats in sorted(seen.items()):
        within_caps(stats)
        # Warm from here on: the rendered text is full, and stays so, not over.
        assert stats["surface_bytes"] > budget - 1 * MB, (turn, stats)
    assert seen[TURNS]["surface_bytes"] <= budget


def test_the_measuring_caches_stop_at_their_caps_over_an_evening(
    make_app, tmp_path, monkeypatch
) -> None:
    """The same evening, shorter, with caps small enough for 60 turns to fill them."""
    monkeypatch.setattr(text_module, "WIDTHS_KEPT", 1_024)
    monkeypatch.setattr(text_module, "RUNS_KEPT", 1_024)
    monkeypatch.setattr(text_module, "WRAPS_KEPT", 64)
    monkeypatch.setattr(text_module, "FITS_KEPT", 64)
    driver = make_app(size=(1280, 720))
    app = driver.app
    app.text = Text(budget=2 * MB)
    app.resized()
    seen = play_turns(driver, big_deck(tmp_path, 300), 60, {20, 40, 60})
    for turn, stats in seen.items():
        assert stats["surface_bytes"] <= 2 * MB, (turn, stats)
        assert stats["widths"] <= 1_024, (turn, stats)
        assert stats["runs"] <= 1_024, (turn, stats)
        assert stats["wraps"] <= 64, (turn, stats)
        assert stats["fits"] <= 64, (turn, stats)
    assert seen[60]["widths"] >= 512  # full: a generation's worth at least
