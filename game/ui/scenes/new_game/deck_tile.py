"""One deck in the deck page's list: its name and cards, or why it cannot be played.

A broken deck's tile is as tall as its first error needs: the error whole, where it is
(file:line:col, as `inkind check` prints it) and the command that lists every problem.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.look import Look
from game.ui.scenes.new_game.choices import NewGame
from game.ui.widgets.marks import draw_tick

if TYPE_CHECKING:
    from game.content.decks import DeckResult


def _padding(look: Look) -> tuple[int, int]:
    return look.px(20), look.px(10)


def broken_lines(game: NewGame, result: DeckResult) -> list[str]:
    """The first error, whole, then how to see them all."""
    first = next((p for p in result.problems if p.is_error), None)
    where = os.path.basename(result.path)  # the tile's title names it; the command has it all
    if first is not None and first.line is not None:
        where += f":{first.line}" + (f":{first.col}" if first.col is not None else "")
    problem = f"{where}: {first.message}" if first else where
    if first is not None and first.hint:
        problem += f" ({first.hint})"
    return [
        game.t("new_deck_broken", problem=problem),
        game.t("new_deck_check", path=os.path.abspath(result.path)),
    ]


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
    # The languages it is played in, on the name's row (the line below keeps its cards).
    languages = game.deck_languages(result.deck) if result.deck is not None else ""
    if languages:
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
