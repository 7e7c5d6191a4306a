"""The line along the top: level and round on the left, the scores (or the shared meter) right."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.table.terms import Scoring
from game.table.views import TopLine
from game.ui.look import Look

GAP = "    "  # between two scores


def menu_width(look: Look, t: Callable[..., str]) -> int:
    """The Menu button's width at the bar's right: its word and its "Esc" chip."""
    label_w = look.text.width(t("table_menu"), look.theme.small, True)
    chip_w = 2 * look.text.line_height(look.theme.small)
    return max(look.px(150), label_w + chip_w + look.px(48))


def _info(look: Look, t: Callable[..., str], line: TopLine, top: pygame.Rect) -> str:
    """Level and round (the round alone in a narrow window: the card names the level)."""
    size = look.theme.small
    rounds = line.rounds
    parts = [t("top_level", number=line.level, name=line.level_name)]
    parts.append(
        t("top_round", number=min(line.rounds_done + 1, rounds), count=rounds)
        if rounds
        else t("top_round_open", number=line.rounds_done + 1)
    )
    room = int(top.width * 0.42)
    info = "  ·  ".join(parts)
    if look.text.width(info, size) > room:
        info = parts[1]
    return look.text.ellipsize(info, size, room)


def score_lines(look: Look, scores: list[str], first_w: int, rest_w: int) -> list[str]:
    """Every score, at the small size, on as many lines as they need: the first beside
    the level and round, the others under it across the bar."""
    size = look.theme.small
    lines: list[str] = []
    line: list[str] = []
    width = first_w
    for score in scores:
        if line and look.text.width(GAP.join([*line, score]), size) > width:
            lines.append(GAP.join(line))
            line, width = [], rest_w
        line.append(score)
    if line:
        lines.append(GAP.join(line))
    return lines


def _spaces(
    look: Look, t: Callable[..., str], line: TopLine, top: pygame.Rect, right: int
) -> tuple[int, int]:
    """(the first line's room for scores, the room of the lines under it)."""
    left_w = look.text.width(_info(look, t, line, top), look.theme.small)
    return right - top.left - left_w - look.px(20), right - top.left


def top_lines(look: Look, t: Callable[..., str], line: TopLine, width: int) -> int:
    """How many lines the scores need in a bar `width` wide (with points up to 888, so the
    bar keeps its height as they grow)."""
    if line.scoring is not Scoring.VERSUS or not line.names_shown:
        return 1
    top = pygame.Rect(0, 0, width, 1)
    first_w, rest_w = _spaces(look, t, line, top, width - menu_width(look, t) - look.px(20))
    scores = [t("top_score", name=name, points=888) for name, _ in line.scores]
    return len(score_lines(look, scores, first_w, rest_w))


def draw_top_bar(
    surface: pygame.Surface,
    look: Look,
    t: Callable[..., str],
    line: TopLine,
    top: pygame.Rect,
    right: int,
) -> None:
    pal = look.pal
    size = look.theme.small
    line_h = look.text.line_height(size) * 4 // 5  # lines of scores set close: rows need room
    lines_n = top_lines(look, t, line, top.width)
    first_y = top.top + (top.height - lines_n * line_h) // 2 + line_h // 2  # the first line's
    info = _info(look, t, line, top)
    left_w = look.text.width(info, size)  # the scores may use all the rest
    look.text.draw(surface, info, size, pal.muted, (top.left, first_y), anchor="midleft")
    gap = look.px(20)
    space = pygame.Rect(
        top.left + left_w + gap, top.top, right - top.left - left_w - gap, top.height
    )
    scoring = line.scoring
    if not line.names_shown:
        return  # no names while the table answers "ready to go deeper?"
    if scoring is Scoring.TOGETHER:
        _draw_meter(surface, look, t, line, space)
    elif scoring is Scoring.VERSUS:
        scores = [t("top_score", name=name, points=points) for name, points in line.scores]
        # Everyone's score at the small size, on more lines when they need them (the bar
        # was made as tall as that), rather than text too small to read from the sofa.
        lines = score_lines(look, scores, space.width, right - top.left)
        for i, text in enumerate(lines):
            width = space.width if i == 0 else right - top.left
            shown = look.text.ellipsize(text, size, width)
            at = (space.right, first_y + i * line_h)
            look.text.draw(surface, shown, size, pal.muted, at, anchor="midright")


def _draw_meter(
    surface: pygame.Surface, look: Look, t: Callable[..., str], line: TopLine, space: pygame.Rect
) -> None:
    pal = look.pal
    goal = line.goal
    total = line.team_total
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
