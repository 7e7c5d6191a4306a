"""Speech at the table: the card read aloud without ever holding a frame, and a whole pair
game played by keyboard with self-voicing on, every card, turn and mark said aloud."""

from __future__ import annotations

import threading

import pygame

from game.core.actions import Award, TakeBack
from game.core.state import Phase
from game.store.settings import Settings
from game.table.moments import acknowledgement
from game.table.speech_lines import plain
from game.ui.scenes.level_change import LevelChangeScene
from game.ui.scenes.summary import SummaryScene
from game.ui.speech import Speech
from game.ui.voice import Voice
from tests.ui.test_pair_game_keyboard import draw_a_prompt, play_one_turn, start_pair_game


class Recorder:
    """A voice that speaks at once and keeps every line it said."""

    missing = None

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stops = 0

    def say(self, lines, interrupt=True) -> None:
        self.said.extend(line.text for line in lines)

    def stop(self) -> None:
        self.stops += 1

    def has_language(self, language: str) -> bool:
        return True

    def close(self) -> None:
        pass


class Blocking(Voice):
    """A voice whose every line takes until the test lets it go."""

    name = "blocking"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.spoken: list[str] = []
        super().__init__()
        self.voices = {"en": "en"}

    def _speak(self, line, generation) -> None:
        self.started.set()
        self.release.wait(30)
        self.spoken.append(line.text)

    def _cancel(self) -> None:
        self.release.set()


def with_voice(driver, voice) -> None:
    driver.app._speech = Speech(driver.app, voice=voice)


def test_the_read_key_returns_at_once_while_the_voice_still_speaks(make_app):
    driver = make_app()
    voice = Blocking()
    with_voice(driver, voice)
    table = start_pair_game(driver)
    draw_a_prompt(driver, table)
    assert [o.key for o in table.view.aloud][0] == "A", "the table offers reading aloud"
    frames = len(driver.app.frame_times)
    driver.wait_for_input()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode=""))
    driver.step()  # the frame with the key: it returns while the voice is still speaking
    assert len(driver.app.frame_times) > frames
    assert voice.started.wait(10), "speech started"
    assert voice.speaking() and not voice.release.is_set()
    driver.step(3)  # more frames while it speaks
    # A key stops the old speech: the voice's line is cut off.
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_t, mod=0, unicode=""))
    driver.step()
    assert voice.release.is_set()
    assert voice.wait_idle(10)
    voice.close()


def test_a_card_is_read_by_itself_when_settings_say_each_new_card(make_app):
    driver = make_app(settings=Settings(timers=True, speech="cards"))
    voice = Recorder()
    with_voice(driver, voice)
    table = start_pair_game(driver)
    assert voice.said == []  # no card yet, and nothing else is said in this mode
    draw_a_prompt(driver, table)
    assert table.view.card is not None
    assert voice.said[-1] == plain(table.view.card.words)


def test_a_voice_without_the_decks_language_says_so_calmly(make_app):
    driver = make_app()
    voice = Recorder()
    voice.has_language = lambda language: False  # type: ignore[method-assign]
    with_voice(driver, voice)
    table = start_pair_game(driver)
    draw_a_prompt(driver, table)
    driver.key(pygame.K_a)
    language = driver.app.speech.language_name(table.view.deck_language)
    expected = f"This computer has no voice for {language}, so the card is not read aloud."
    assert table.note == expected
    assert voice.said == [expected]


def test_with_no_speech_engine_the_table_is_as_before_and_settings_say_what_to_install(
    make_app,
):
    from game.ui.voice import LINUX_INSTALL, Silent

    driver = make_app()
    voice = Silent(LINUX_INSTALL)
    with_voice(driver, voice)
    table = start_pair_game(driver)
    draw_a_prompt(driver, table)
    assert table.view.aloud == () and "A" not in table.view.keys
    assert table.session.reader is None
    driver.key(pygame.K_a)  # nothing happens
    assert table.note is None
    settings = driver.app.push("settings")
    assert settings.notice == (
        "To hear cards read aloud, install espeak-ng (sudo apt install espeak-ng)."
    )
    voice.close()


def test_a_whole_pair_game_by_keyboard_with_self_voicing(make_app):
    """Nothing is shown only on screen: every card's prompt, whose turn it is at each step,
    and every mark given are in what was said."""
    driver = make_app(settings=Settings(timers=True, speech="all"))
    voice = Recorder()
    with_voice(driver, voice)
    table = start_pair_game(driver)
    prompts: set[str] = set()
    headlines: set[str] = set()

    def seen() -> None:
        scene = driver.scene
        view = getattr(scene, "view", None)
        if view is None or isinstance(scene, LevelChangeScene):
            return
        headlines.add(plain(view.headline))
        if view.card is not None:
            prompts.add(plain(view.card.words))

    original_key = driver.key

    def key(code: int, mod: int = 0) -> None:
        original_key(code, mod)
        seen()

    driver.key = key  # type: ignore[method-assign]
    seen()
    summary = None
    for _ in range(400):
        scene = driver.scene
        if isinstance(scene, SummaryScene):
            summary = scene
            break
        if isinstance(scene, LevelChangeScene):
            driver.key(pygame.K_RETURN)
            continue
        state = scene.state
        if state.phase is Phase.DEAL:
            play_one_turn(driver, scene)
        elif state.phase is Phase.DEEPER:
            driver.key(pygame.K_1)
        else:
            driver.key(pygame.K_RETURN)
    assert summary is not None, "the game did not end"
    said = set(voice.said)
    assert prompts and prompts <= said, prompts - said
    assert headlines - {""} <= said, headlines - said
    final = summary.state
    names = tuple(p.name for p in final.players)
    marks = [a for a in final.log if isinstance(a, Award)]
    assert marks and not any(isinstance(a, TakeBack) for a in final.log)
    for award in marks:
        thanks = acknowledgement((award.giver, award.receiver, award.kind), names, driver.app.t)
        assert plain(thanks) in said
    assert any(s.startswith("You can choose:") for s in said), "what is offered is said"
    assert table is not None
