"""`inkind check` warns about characters no font on this computer can draw (issue 16).

The font finder is given to the check, so the expected lines are the same on every machine:
one that knows only the bundled fonts (Latin, Greek, Cyrillic) for the Japanese, Arabic and
Hebrew decks, and the real one for characters no font has (private use, plane 16).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.content.check import run_check
from game.fonts.advice import font_to_install, install_hint
from game.fonts.cmap import codepoints
from game.resources import assets_dir

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"


def bundled_only(point: int) -> bool:
    fonts = assets_dir() / "fonts"
    return point in codepoints(fonts / "AtkinsonHyperlegible-Regular.ttf") or point in (
        codepoints(fonts / "NotoSans-Variable.ttf")
    )


def check_lines(names: list[str], can_draw=None) -> list[str]:
    out = io.StringIO()
    status = run_check(names, out=out, can_draw=can_draw)
    assert status == 0  # a warning, not an error
    return out.getvalue().splitlines()


def test_without_cjk_arabic_or_hebrew_fonts_each_card_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SCRIPTS)
    names = ["japanese.yaml", "arabic.yaml", "hebrew.yaml"]
    expected = (SCRIPTS / "bundled-fonts-only.expected").read_text("utf-8").splitlines()
    assert check_lines(names, bundled_only) == expected


def test_a_character_no_font_has_is_named_with_its_card_and_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SCRIPTS)
    expected = (SCRIPTS / "no-font.expected").read_text("utf-8").splitlines()
    assert check_lines(["no-font.yaml"]) == expected  # the real finder: no font has these


def test_a_latin_deck_never_asks_for_the_computers_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    import game.fonts.system as system

    def refuse(*_args: object) -> object:
        raise AssertionError("the system fonts were searched for a Latin deck")

    monkeypatch.setattr(system, "system_fonts", refuse)
    lines = check_lines([str(SCRIPTS.parent.parent.parent.parent / "decks" / "first-steps.yaml")])
    assert not any("no font" in line for line in lines)


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("日", ("Noto Sans CJK", "fonts-noto-cjk")),
        ("「", ("Noto Sans CJK", "fonts-noto-cjk")),
        ("한", ("Noto Sans CJK", "fonts-noto-cjk")),
        ("م", ("Noto Sans Arabic", "fonts-noto-core")),
        ("ש", ("Noto Sans Hebrew", "fonts-noto-core")),
        ("क", ("Noto Sans Devanagari", "fonts-noto-core")),
        ("😀", ("Noto Color Emoji", "fonts-noto-color-emoji")),
        ("\ue000", None),
    ],
)
def test_the_font_to_install_follows_the_script(char: str, font: tuple[str, str] | None) -> None:
    assert font_to_install(ord(char)) == font


def test_one_hint_names_each_font_once() -> None:
    assert install_hint([ord(c) for c in "日本م"]) == (
        "install Noto Sans CJK (on Debian and Ubuntu: fonts-noto-cjk); "
        "install Noto Sans Arabic (on Debian and Ubuntu: fonts-noto-core)"
    )
