"""One deck in the deck page's list: its name and cards, or why it cannot be played.

A broken deck's tile is as tall as its first error needs: the error whole, where it is
(file:line:col, as `inkind check` prints it) and the command that lists every problem.

A deck with translations shows its languages on the name's row as a control: the key V in
its chip, then the languages' codes, the one played in bold ("V  EN · **ES** · DE"; when
the deck's name needs the room, the one played and how many more: "V  **ES** +2"). V (on
the deck in focus, else the chosen one) or a click there plays the next language.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.look import Look
from game.ui.scenes.new_game.choices import NewGame
from game.ui.widgets.button import hint_chip
from game.ui.widgets.marks import draw_tick

VERSION_KEY = "V"  # the key that plays a deck in its next language (intents.Kind.VERSION)

if TYPE_CHECKING:
    from game.content.decks import DeckResult


def _padding(look: Look) -> tuple[int, int]:
    return look.px(20), look.px(10)


def broken_lines(game: NewGame, result: DeckResult) -> list[str]:
    """The first error, whole, in the players' language, then how to see them all.

    Said here, when the tile is laid out: a deck's problems are kept as the checker made
    them (each a key of problems.yaml and its values) and never said before."""
    from game.content.problem_text import problem_text
    from game.content.ui_text import ISOLATE_CLOSE, isolated

    first = next((p for p in result.problems if p.is_error), None)
    where = os.path.basename(result.path)  # the tile's title names it; the command has it all
    if first is not None and first.line is not None:
        where += f":{first.line}" + (f":{first.col}" if first.col is not None else "")
    language = game.app.t.language
    words = problem_text(language)
    wrap: Callable[[object], object] | None = None if language == "en" else isolated
    if words.rtl:
        # Each value and the file's place are isolated, so the sentence's own words set its
        # direction: "'prompt' غير مسموح ..." reads right to left, 'prompt' kept whole.
        wrap = _isolated_always
        where = f"{LEFT_TO_RIGHT_ISOLATE}{where}{ISOLATE_CLOSE}"
    problem = f"{where}: {words.said(first.message, wrap)}" if first else where
    if first is not None and first.hint:
        problem += f" ({words.said(first.hint, wrap)})"
    return [
        game.t("new_deck_broken", problem=problem),
        game.t("new_deck_check", path=os.path.abspath(result.path)),
    ]


LEFT_TO_RIGHT_ISOLATE = "\u2066"


def _isolated_always(value: object) -> str:
    from game.content.ui_text import ISOLATE_CLOSE, ISOLATE_OPEN

    return f"{ISOLATE_OPEN}{value}{ISOLATE_CLOSE}"


def tile_title(result: DeckResult) -> str:
    if result.deck is None:
        return result.path.replace("\\", "/").rsplit("/", 1)[-1]
    return result.deck.name


def tile_detail(game: NewGame, result: DeckResult) -> str:
    deck = result.deck
    assert deck is not None  # a broken deck's tile shows its error instead
    if game.mode not in deck.modes:
        return game.t("new_deck_other_mode", mode=game.t(f"new_mode_only_{deck.modes[0].value}"))
    cards = game.cards_text(deck)
    if result is game.starred_deck:  # played before by definition: "new to you" would be wrong
        return cards
    new = game.new_to_group(deck)
    if new is not None:
        detail = game.t("new_deck_detail_memory", cards=cards, new=new)
    else:
        levels = ", ".join(level.name for level in deck.levels)
        detail = game.t("new_deck_detail", cards=cards, levels=levels)
    return detail


def _wrapped(look: Look, game: NewGame, result: DeckResult, width: int) -> list[str]:
    size = look.theme.small
    return [
        line for text in broken_lines(game, result) for line in look.text.wrap(text, size, width)
    ]


def _versions(game: NewGame, result: DeckResult) -> list[str]:
    """The codes of a deck's languages ("EN", "ES"), or [] for a deck in one language."""
    deck = result.deck
    if deck is None or result is game.starred_deck:
        return []
    versions = game.versions_of(deck)
    return [v.language.split("-")[0].upper() for v in versions] if len(versions) > 1 else []


def _name_row(look: Look, rect: pygame.Rect) -> tuple[pygame.Rect, int, int]:
    """(the tile's inside, the name row's height, the tick's side)."""
    pad_x, pad_y = _padding(look)
    inner = rect.inflate(-2 * pad_x, -2 * pad_y)
    head = look.text.line_height(look.theme.body, True)
    return inner, head, min(head, look.px(30))


Pieces = list[tuple[str, bool]]  # a control's words: (text, bold), drawn one after another


def _pieces(game: NewGame, result: DeckResult, compact: bool) -> Pieces:
    """Every language's code, the one played in bold ("EN · **ES** · DE"); `compact`: the
    one played and how many more ("**ES** +2"), when the deck's name needs the room."""
    deck = result.deck
    assert deck is not None
    codes = _versions(game, result)
    played = deck.language.split("-")[0].upper()
    if compact:
        return [(played, True), (f" +{len(codes) - 1}", False)]
    pieces: Pieces = []
    for code in codes:
        if pieces:
            pieces.append((" · ", False))
        pieces.append((code, code == played))
    return pieces


def _control(
    look: Look, game: NewGame, result: DeckResult, rect: pygame.Rect
) -> tuple[pygame.Rect, Pieces] | None:
    """Where the language control of a deck with translations sits in its tile at `rect`
    (at the name row's right, left of the chosen deck's tick) and its words, or None."""
    codes = _versions(game, result)
    if not codes:
        return None
    inner, head, tick = _name_row(look, rect)
    text, theme = look.text, look.theme
    gap = look.px(6)
    chip = hint_chip(None, look, VERSION_KEY, (0, 0), None, None, theme.small)
    right = inner.right - (tick + look.px(10) if result.deck is game.deck else 0)
    needed = text.width(tile_title(result), theme.body, True) + look.px(12)
    for compact in (False, True):
        pieces = _pieces(game, result, compact)
        words = sum(text.width(piece, theme.small, bold) for piece, bold in pieces)
        width = chip.width + words + 3 * gap
        if right - width - inner.left >= needed:
            break
    control = pygame.Rect(0, 0, width, max(chip.height, head) + look.px(4))
    control.midright = (right, inner.top + head // 2)
    return control, pieces


def version_control(
    look: Look, game: NewGame, result: DeckResult, rect: pygame.Rect
) -> pygame.Rect | None:
    """The rect a click plays the deck's next language in, or None (one language)."""
    found = _control(look, game, result, rect)
    return found[0] if found else None


def _draw_versions(
    surface: pygame.Surface,
    look: Look,
    control: pygame.Rect,
    pieces: Pieces,
    chosen: bool,
    enabled: bool,
) -> None:
    pal, text, small = look.pal, look.text, look.theme.small
    ink = pal.card_text if chosen else (pal.text if enabled else pal.disabled)
    muted = pal.card_text if chosen else (pal.muted if enabled else pal.disabled)
    gap = look.px(6)
    pygame.draw.rect(surface, muted, control, width=max(1, look.px(2)), border_radius=look.px(9))
    chip = hint_chip(
        surface, look, VERSION_KEY, (control.left + gap, control.centery), ink, None, small
    )
    x = chip.right + gap
    clip = surface.get_clip()
    surface.set_clip(control.clip(clip))
    for piece, bold in pieces:
        colour = ink if bold else muted
        x = text.draw(surface, piece, small, colour, (x, control.centery), bold, "midleft").right
    surface.set_clip(clip)


def tile_height(look: Look, game: NewGame, result: DeckResult, width: int) -> int:
    pad_x, pad_y = _padding(look)
    text, theme = look.text, look.theme
    head = text.line_height(theme.body, True)
    if result.deck is not None:
        return 2 * pad_y + head + text.line_height(theme.small)
    lines = _wrapped(look, game, result, width - 2 * pad_x)
    return 2 * pad_y + head + len(lines) * text.line_height(theme.small)


def tile_heights(look: Look, game: NewGame, results: Sequence[DeckResult], width: int) -> list[int]:
    """Every tile's height, measuring no text for a playable deck: its tile is two lines,
    the same for all of them (the name and its cards, each cut to the width when drawn).
    Only a broken deck's error is wrapped to know how tall its tile is (a deck page of 800
    decks measures as much as one of 20)."""
    plain: int | None = None
    heights = []
    for result in results:
        if result.deck is None:
            heights.append(tile_height(look, game, result, width))
            continue
        if plain is None:
            plain = tile_height(look, game, result, width)
        heights.append(plain)
    return heights


def draw_tile(
    surface: pygame.Surface,
    look: Look,
    game: NewGame,
    result: DeckResult,
    rect: pygame.Rect,
    *,
    chosen: bool,
    focused: bool,
    hovered: bool,
    enabled: bool,
) -> None:
    pal, text, theme = look.pal, look.text, look.theme
    radius = look.px(14)
    fill = pal.card if chosen else (pal.hover if hovered else pal.panel)
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if chosen:
        pygame.draw.rect(surface, pal.accent, rect, width=max(3, look.px(4)), border_radius=radius)
    elif theme.border:
        pygame.draw.rect(surface, pal.muted, rect, width=theme.border, border_radius=radius)
    if focused:
        ring = rect.inflate(look.px(10), look.px(10))
        pygame.draw.rect(
            surface, pal.focus, ring, width=max(3, look.px(4)), border_radius=radius + 4
        )
    pad_x, pad_y = _padding(look)
    inner = rect.inflate(-2 * pad_x, -2 * pad_y)
    ink = pal.card_text if chosen else (pal.text if enabled else pal.disabled)
    head = text.line_height(theme.body, True)
    name_w = inner.width
    if chosen:  # a tick says which deck the game will use, whatever has the focus
        side = min(head, look.px(30))
        tick = pygame.Rect(inner.right - side, inner.top + (head - side) // 2, side, side)
        draw_tick(surface, tick, pal.accent, max(3, look.px(4)))
        name_w -= side + look.px(10)
    # The languages it is played in, on the name's row (the line below keeps its cards): a
    # control to play another for a deck with translations, else the one language's name.
    found = _control(look, game, result, rect)
    languages = game.deck_languages(result.deck) if result.deck is not None else ""
    if found is not None:
        control, pieces = found
        _draw_versions(surface, look, control, pieces, chosen, enabled)
        name_w = control.left - inner.left - look.px(12)
    elif languages:
        shown = text.ellipsize(languages, theme.small, max(0, name_w // 2))
        right = (inner.left + name_w, inner.top + head // 2)
        colour = pal.card_text if chosen else pal.muted
        covered = text.draw(surface, shown, theme.small, colour, right, False, "midright")
        name_w -= covered.width + look.px(12)
    name = text.ellipsize(tile_title(result), theme.body, name_w, bold=True)
    text.draw(surface, name, theme.body, ink, (inner.left, inner.top + head // 2), True, "midleft")
    small = theme.small
    y = inner.top + head
    if result.deck is None:
        for line in _wrapped(look, game, result, inner.width):
            text.draw(surface, line, small, pal.warning, (inner.left, y))
            y += text.line_height(small)
        return
    detail = text.ellipsize(tile_detail(game, result), small, inner.width)
    colour = pal.card_text if chosen else pal.muted
    text.draw(surface, detail, small, colour, (inner.left, y))
