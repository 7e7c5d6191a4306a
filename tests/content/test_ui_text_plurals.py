"""Plural forms in ui.yaml: "1 pass · 2 cards put away", never "1 passes · 1 skips".

A text with {count} may be a mapping of plural forms chosen by `t(key, count=n)`; a text with
several numbers (PARTS) says each with a counted text of its own. A broken mapping is an
error naming file:line:col, like every other problem in ui.yaml.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game import resources
from game.content.ui_text import KEYS, PARTS, UiText, UiTextError, load_ui_text


@pytest.fixture(scope="module")
def t() -> UiText:
    return load_ui_text()


def test_the_summary_says_each_number_in_its_right_form(t):
    assert t("summary_facts", cards=1, rounds=1, passes=1, skips=1) == (
        "1 card shared · 1 round · 1 pass · 1 card put away"
    )
    assert t("summary_facts", cards=12, rounds=0, passes=2, skips=3) == (
        "12 cards shared · 0 rounds · 2 passes · 3 cards put away"
    )
    assert t("summary_together", points=1) == "Together you earned 1 point"
    assert t("top_together_open", points=7) == "Together: 7 points"


@pytest.mark.parametrize(
    ("key", "one", "two"),
    [
        ("new_deck_cards", "1 card", "2 cards"),
        ("new_rounds", "1 round", "2 rounds"),
        ("new_names", "Names (1 player)", "Names (2 players)"),
        ("settings_played_forget", "Forget it (1 group)", "Forget them (2 groups)"),
    ],
)
def test_a_counted_text_picks_its_form_by_count(t, key, one, two):
    assert t(key, count=1) == one
    assert t(key, count=2) == two
    assert t(key, count=0) == two.replace("2", "0")


def test_without_a_number_the_other_form_is_used(t):
    assert t("new_deck_cards") == "{count} cards"
    assert t("new_deck_cards", count="many") == "many cards"


PLURAL_NOUN = r"\b1 (cards|rounds|passes|skips|players|points|groups)\b"


def test_no_text_says_one_with_a_plural_noun(t):
    """Every counted text, said for 1, has no "1 <noun>s" in it; nor does a text of parts."""
    counted = [key for key, names in KEYS.items() if "count" in names]
    for key in counted:
        values = {name: 1 if name == "count" else 5 for name in KEYS[key]}  # "1 of 5 cards"
        said = t(key, **values)
        assert not re.search(PLURAL_NOUN, said), (key, said)
    for key in PARTS:
        said = t(key, **{name: 1 for name in KEYS[key]})
        assert not re.search(PLURAL_NOUN, said), (key, said)


def test_every_part_has_a_counted_text():
    for key, names in PARTS.items():
        for name in names:
            assert name in KEYS[key], (key, name)
            assert KEYS[f"{key}_{name}"] == {"count"}, (key, name)


# ------------------------------------------------------------ a broken mapping


def with_line(tmp_path: Path, key: str, line: str) -> tuple[Path, int]:
    """A copy of the real ui.yaml with `key`'s line replaced; (path, its line number)."""
    path = tmp_path / "ui.yaml"
    shutil.copy(resources.text_dir("en") / "ui.yaml", path)
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, text in enumerate(lines) if text.startswith(f"{key}:"))
    lines[number] = line
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, number + 1


def problems(path: Path) -> list[str]:
    with pytest.raises(UiTextError) as caught:
        load_ui_text(path=path)
    return str(caught.value).split("\n")


@pytest.mark.parametrize(
    ("key", "line", "col", "message"),
    [
        (
            "title_quit",
            'title_quit: {one: "Quit it", other: "Quit"}',
            13,
            "title_quit: only a text with {count} can have plural forms (write one text in quotes)",
        ),
        (
            "new_deck_cards",
            'new_deck_cards: {one: "{count} card", few: "{count} cardy", other: "{count} cards"}',
            39,
            "new_deck_cards: unknown plural form 'few' (the forms in 'en' are one, other)",
        ),
        (
            "new_deck_cards",
            'new_deck_cards: {one: "{count} card"}',
            17,
            "new_deck_cards: the plural form 'other' is missing (give each of one, other)",
        ),
        (
            "new_deck_cards",
            'new_deck_cards: {one: "{cuont} card", other: "{count} cards"}',
            23,
            "new_deck_cards.one: unknown placeholder {cuont} (this text may use {count})",
        ),
        (
            "new_deck_cards",
            'new_deck_cards: {one: "{count} card", other: [1, 2]}',
            46,
            "new_deck_cards.other: the text must be a string (put it in quotes)",
        ),
        (
            "new_deck_cards",
            'new_deck_cards: {one: "{count} card", one: "a card", other: "{count} cards"}',
            39,
            "new_deck_cards: plural form 'one' appears twice",
        ),
    ],
)
def test_a_broken_plural_mapping_is_named_with_its_line_and_column(
    tmp_path, key, line, col, message
):
    path, number = with_line(tmp_path, key, line)
    assert problems(path) == [f"{path}:{number}:{col}: error: {message}"]


def test_plural_forms_survive_the_cache(tmp_path):
    path = tmp_path / "ui.yaml"
    shutil.copy(resources.text_dir("en") / "ui.yaml", path)
    first = load_ui_text(path=path, cache_dir=tmp_path / "cache")
    again = load_ui_text(path=path, cache_dir=tmp_path / "cache")
    assert again.texts == first.texts
    assert again("new_deck_cards", count=1) == "1 card"
    assert again("summary_facts", cards=1, rounds=2, passes=1, skips=0) == (
        "1 card shared · 2 rounds · 1 pass · 0 cards put away"
    )
