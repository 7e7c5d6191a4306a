"""A broken deck on the deck page says its first error in the players' language: the
sentence and the hint (problems.yaml's translations), not only its frame."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.store.settings import Settings
from game.ui.scenes.new_game.deck_tile import broken_lines

from .test_new_game_pages import open_app, to_deck_page, wheel_to
from .test_play_your_way_screens import rendered

BROKEN = (
    "format: 1.1\nid: broken\nname: Broken\ncards:\n"
    "  - prompt: Tell about a walk you still think of, and how it felt.\n"
    "  - wild: mirror\n    prompt: Say it back\n"
)

SAID = {
    "en": "broken.yaml:7:5: 'prompt' is not allowed on a wild card (use 'text' to change its wording)",
    "es": "broken.yaml:7:5: 'prompt' no está permitido en un comodín"
    " (usa 'text' para cambiar lo que dice)",
    "ar": "broken.yaml:7:5: 'prompt' غير مسموح في بطاقة المفاجأة (استخدموا 'text' لتغيير نصها)",
}


def plain(text: str) -> str:
    """Without the Unicode isolates that keep each value's direction."""
    return re.sub("[\u2066-\u2069]", "", text)


@pytest.mark.parametrize("language", ["es", "ar", "en"])
def test_a_broken_decks_error_is_said_in_the_players_language(tmp_path: Path, language) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    driver = open_app(size=(1280, 720), decks=[path], settings=Settings(language=language))
    scene = to_deck_page(driver)
    broken = next(i for i, r in enumerate(scene.decks) if r.deck is None)
    wheel_to(driver, scene, f"deck:{broken}")
    lines = broken_lines(scene, scene.decks[broken])
    expected = scene.t("new_deck_broken", problem=SAID[language])
    assert plain(lines[0]) == plain(expected)
    if language == "ar":  # the sentence's own words set its direction: right to left
        assert "\u2066broken.yaml:7:5\u2069: \u2068'prompt'\u2069 غير مسموح" in lines[0]
    else:
        assert lines[0] == expected
    flat = plain(re.sub(r"\s+", "", "".join(rendered(driver))))
    sentence = SAID[language].split(": ", 1)[1]
    assert re.sub(r"\s+", "", sentence) in flat
