"""The line along the top: level and round on the left, the scores (or the shared meter) right."""

from __future__ import annotations

import pygame

from game.core.rules import Scoring
from game.core.state import GameState, Phase
from game.ui.look import Look


def draw_top_bar(
    surface: pygame.Surface, look: Look, t, state: GameState, top: pygame.Rect, right: int
) -> None:
    pal = look.pal
    size = look.theme.small
    level = state.deck.levels[state.level - 1]
    rounds = state.rules.rounds
    parts = [t("top_level", number=state.level, name=level.name)]
    parts.append(
        t("top_round", number=min(state.round + 1, rounds), count=rounds)
        if rounds
        else t("top_round_open", number=state.round + 1)
    )
    room = int(top.width * 0.42)
    info = "  ·  ".join(parts)
    if look.text.width(info, size) > room:
        info = parts[1]  # a narrow window: the round alone (the card names the level)
    info = look.text.ellipsize(info, size, room)
    left_w = look.text.width(info, size)  # the scores may use all the rest
    look.text.draw(surface, info, size, pal.muted, (top.left, top.centery), anchor="midleft")
    gap = look.px(20)
    space = pygame.Rect(
        top.left + left_w + gap, top.top, right - top.left - left_w - gap, top.height
    )
    scoring = state.rules.scoring
    if state.phase is Phase.DEEPER:
        return  # no names while the table answers "ready to go deeper?"
    if scoring is Scoring.TOGETHER:
        _draw_meter(surface, look, t, state, space)
    elif scoring is Scoring.VERSUS:
        scores = [
            t("top_score", name=p.name, points=state.scores.total(i))
            for i, p in enumerate(state.players)
        ]
        # Everyone's score at the small size; when they do not all fit, as many as fit,
        # then "…", rather than text too small to read from the sofa.
        shown = "    ".join(scores)
        for count in range(len(scores), 0, -1):
            rest = len(scores) - count
            shown = "    ".join(scores[:count]) + ("    …" if rest else "")
            if look.text.width(shown, size) <= space.width:
                break
        shown = look.text.ellipsize(shown, size, space.width)
        look.text.draw(
            surface, shown, size, pal.muted, (space.right, space.centery), anchor="midright"
        )


def _draw_meter(
    surface: pygame.Surface, look: Look, t, state: GameState, space: pygame.Rect
) -> None:
    pal = look.pal
    goal = state.rules.goal
    total = state.scores.team_total
    label = (
        t("top_together", points=total, goal=goal) if goal else t("top_together_open", points=total)
    )
    size = look.theme.small
    label_w = look.text.width(label, size)
    look.text.draw(surface, label, size, pal.muted, (space.left, space.centery), anchor="midleft")
    if goal:
        bar = pygame.Rect(
            space.left + label_w + look.px(14),
            0,
            max(10, space.width - label_w - look.px(14)),
            look.px(16),
        )
        bar.centery = space.centery
        pygame.draw.rect(surface, pal.panel, bar, border_radius=bar.height // 2)
        filled = bar.copy()
        filled.width = int(bar.width * min(1.0, total / goal))
        if filled.width:
            pygame.draw.rect(surface, pal.meter, filled, border_radius=bar.height // 2)
