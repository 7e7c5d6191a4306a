"""Decks translated card by card: `translates:` is checked against its original, a group's
memory is one across a deck and its translations, and prompt lengths are fair per language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.content import lint
from game.content.check import run_check
from game.content.decks import load_deck

ORIGINAL = """\
format: 1
id: tiny
name: Tiny
language: en
cards:
  - {id: first, level: 1, prompt: "Tell about a morning that surprised you."}
  - {id: second, level: 1, prompt: "Tell about a meal you still remember."}
  - {id: third, level: 1, prompt: "Tell about a walk that changed your mood."}
"""

SPANISH = """\
format: 1
id: tiny-es
name: Pequeño
language: es
translates: tiny
cards:
  - {id: first, level: 1, prompt: "Cuenta una mañana que te sorprendió."}
  - {id: second, level: 1, prompt: "Cuenta una comida que todavía recuerdas."}
  - {id: third, level: 1, prompt: "Cuenta un paseo que te cambió el ánimo."}
"""


def _check(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    out = io.StringIO()
    run_check([str(tmp_path / name) for name in files], out=out, can_draw=lambda _: True)
    return [
        line.replace(str(tmp_path) + "/", "")
        for line in out.getvalue().splitlines()
        if ": error:" in line or ": warning:" in line
    ]


def test_a_translation_with_the_same_cards_is_fine(tmp_path: Path) -> None:
    assert _check(tmp_path, {"tiny.yaml": ORIGINAL, "tiny.es.yaml": SPANISH}) == []


def test_a_translations_cards_must_be_its_originals(tmp_path: Path) -> None:
    changed = SPANISH.replace("id: third", "id: fourth")
    assert _check(tmp_path, {"tiny.yaml": ORIGINAL, "tiny.es.yaml": changed}) == [
        "tiny.es.yaml: error: 1 card of 'tiny' (tiny.yaml) has no translation "
        "here: 'third' (translate every card, with the original's id)",
        "tiny.es.yaml:9:36: error: the card 'fourth' is not in 'tiny' "
        "(give it the id of the card it translates)",
    ]


def test_a_translation_needs_its_original(tmp_path: Path) -> None:
    assert _check(tmp_path, {"tiny.es.yaml": SPANISH}) == [
        "tiny.es.yaml: error: this deck translates 'tiny', but no deck read with it has that "
        "id (check the id, or check the translation together with its original)",
    ]


def test_a_translation_of_a_translation_and_a_same_language_one(tmp_path: Path) -> None:
    german = SPANISH.replace("id: tiny-es", "id: tiny-de").replace(
        "translates: tiny", "translates: tiny-es"
    )
    same = SPANISH.replace("id: tiny-es", "id: tiny-en").replace("language: es", "language: en")
    found = _check(
        tmp_path,
        {"tiny.yaml": ORIGINAL, "tiny.es.yaml": SPANISH, "tiny.de.yaml": german, "t.yaml": same},
    )
    assert sorted(found) == [
        "t.yaml: warning: this translation's language is 'en', the same as 'tiny's "
        "(set 'language' to the language it is written in)",
        "tiny.de.yaml: error: 'tiny-es' is itself a translation of 'tiny' (say 'translates: tiny')",
    ]


def test_memory_is_kept_under_the_originals_id(tmp_path: Path) -> None:
    from game.store.memory import Keeper

    (tmp_path / "tiny.es.yaml").write_text(SPANISH, "utf-8")
    result = load_deck(tmp_path / "tiny.es.yaml")
    assert result.deck is not None and result.deck.memory_id == "tiny"
    memory = tmp_path / "memory.json"
    spanish = Keeper(["Ana", "Ben"], result.deck.memory_id, ["first", "second", "third"], memory)
    spanish.dealt("first")
    spanish.not_for_us("second")
    english = Keeper(["Ben", "Ana"], "tiny", ["first", "second", "third"], memory)
    lists = english.lists()
    assert "first" in lists.had and "second" in lists.not_for_us


@pytest.mark.parametrize(
    ("prompt", "language", "expected"),
    [
        ("あなたが初めて一人で旅をした日のことを話してください。", "ja", []),
        (
            "あ" * 61,
            "ja",
            ["the prompt is 61 characters; a card is heard once, so keep it to 60 or fewer"],
        ),
        (
            " ".join(["word"] * 31),
            "en",
            ["the prompt is 31 words; a card is heard once, so keep it to 30 or fewer"],
        ),
        (
            " ".join(["palabra"] * 31),
            "es",
            ["the prompt is 31 words; a card is heard once, so keep it to 30 or fewer"],
        ),
    ],
)
def test_prompt_length_is_fair_in_each_language(
    prompt: str, language: str, expected: list[str]
) -> None:
    found = lint.prompt_warnings(prompt, 1, english=False, language=language)
    assert [message for message, _ in found if "heard once" in message] == expected
