"""`inkind check`: characters of a deck that no font on this computer can draw.

The game draws what its bundled fonts lack with the computer's own (game/fonts); where
neither has a character, players would see "?". The warning names the characters, the
card, and the font to install. Only `inkind check` runs it: loading a deck never does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

import attrs

from game.content.decks import DeckResult
from game.content.problems import Problem, says, warning
from game.fonts.advice import install_hint

CanDraw = Callable[[int], bool]
SHOWN = 3  # characters named in one warning; the rest are counted


def font_warnings(results: list[DeckResult], can_draw: CanDraw | None = None) -> list[DeckResult]:
    """The same results, each with a warning for every card that has a character no font
    here can draw. `can_draw` decides (default: the bundled fonts, then the computer's)."""
    check = can_draw or default_can_draw()
    done = []
    for result in results:
        found = [problem for problem in _problems(result, check)]
        if found:
            problems = tuple(sorted(result.problems + tuple(found), key=_position))
            result = attrs.evolve(result, problems=problems)
        done.append(result)
    return done


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.col or 0)


def _problems(result: DeckResult, can_draw: CanDraw) -> Iterator[Problem]:
    deck = result.deck
    if deck is None:
        return
    cards = [*deck.cards, *([deck.closing] if deck.closing is not None else [])]
    for card in cards:
        marks = result.marks.get(card.id)
        places = [marks.prompt, *marks.follow_ups] if marks is not None else []
        texts = [card.prompt or card.text, *card.follow_ups]
        for i, text in enumerate(texts):
            missing = _missing(text, can_draw)
            if not missing:
                continue
            line, col = places[i] if i < len(places) else (None, None)
            named: str = ", ".join(f"'{chr(p)}' (U+{p:04X})" for p in missing[:SHOWN])
            if len(missing) > SHOWN:
                named = says("list_and_more", list=named, count=len(missing) - SHOWN)
            yield warning(
                result.path,
                line,
                col,
                says("no_font", count=len(missing), id=f"'{card.id}'", characters=named),
                install_hint(missing),  # font and package names: said as written
            )


def _missing(text: str, can_draw: CanDraw) -> list[int]:
    seen: list[int] = []
    for char in text:
        point = ord(char)
        if point in seen or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue
        if not can_draw(point):
            seen.append(point)
    return seen


def default_can_draw() -> CanDraw:
    """The game's own fonts first (no search for a Latin deck), then this computer's."""
    from game.fonts.cmap import codepoints
    from game.resources import assets_dir

    fonts = assets_dir() / "fonts"
    bundled = codepoints(fonts / "AtkinsonHyperlegible-Regular.ttf") | codepoints(
        fonts / "NotoSans-Variable.ttf"
    )
    index = None
    asked = False

    def can_draw(point: int) -> bool:
        nonlocal index, asked
        if point in bundled:
            return True
        if not asked:
            asked = True
            from game.fonts.system import system_fonts

            index = system_fonts()
        return index is not None and index.can_draw(point)

    return can_draw
