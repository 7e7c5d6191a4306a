"""The closeness pictures and the chart of them across evenings, drawn with pygame.draw.

The seven pictures follow the Inclusion of Other in the Self scale (Aron, Aron & Smollan,
1992): two circles, "you" and the other, that overlap more and more. The overlap grows in
even steps of shared area: apart, then about 10, 22, 36, 50, 65 and 82 percent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.store.closeness import Evening
from game.ui.look import Look

LEVELS = 7
# Distance between the two centres, in radii, for pictures 1 to 7 (1: the circles are apart).
CENTRE_DISTANCE = (2.25, 1.61, 1.33, 1.06, 0.81, 0.56, 0.28)
FILL_ALPHA = 90


def picture_colours(look: Look) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(you, the other): warm and green in every theme, so the overlap reads as a blend."""
    return look.pal.accent, look.pal.meter


def draw_picture(
    target: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    level: int,
    labels: tuple[str, str] | None = None,
) -> None:
    """Picture `level` (1 to 7) centred in `rect`; `labels` go inside the circles where they
    fit, else beside them (so the close pictures never rely on colour alone)."""
    distance = CENTRE_DISTANCE[max(1, min(LEVELS, level)) - 1]
    radius = max(3, int(min(rect.height / 2 * 0.92, rect.width / (2 + CENTRE_DISTANCE[0]) * 0.96)))
    offset = distance * radius / 2
    left = (round(rect.centerx - offset), rect.centery)
    right = (round(rect.centerx + offset), rect.centery)
    you, other = picture_colours(look)
    line = max(2, radius // 14)
    layer = pygame.Surface(target.get_size(), pygame.SRCALPHA)
    pygame.draw.circle(layer, (*you, FILL_ALPHA), left, radius)
    pygame.draw.circle(layer, (*other, FILL_ALPHA), right, radius)
    target.blit(layer, (0, 0))
    pygame.draw.circle(target, you, left, radius, line)
    pygame.draw.circle(target, other, right, radius, line)
    if labels is None:
        return
    size = max(11, min(look.theme.small, radius // 2))
    # The width each circle has to itself. Where they overlap, that crescent bends away
    # above and below the middle, so the words' top and bottom corners need more room.
    half_h = look.text.line_height(size, True) * 0.4
    bend = radius - (radius**2 - min(half_h, radius) ** 2) ** 0.5 if distance < 2 else 0
    free = int(min(distance, 2) * radius - 2 * bend - 2 * line) - look.px(6)
    gap = look.px(6)
    for label, x, outside, anchor in (
        (
            labels[0],
            left[0] if distance >= 2 else rect.centerx - radius,
            (left[0] - radius - gap, rect.centery),
            "midright",
        ),
        (
            labels[1],
            right[0] if distance >= 2 else rect.centerx + radius,
            (right[0] + radius + gap, rect.centery),
            "midleft",
        ),
    ):
        width = look.text.width(label, size, True)
        if width <= free:
            look.text.draw(
                target, label, size, look.pal.text, (x, rect.centery), bold=True, anchor="center"
            )
            continue
        room = outside[0] - rect.left if anchor == "midright" else rect.right - outside[0]
        if width <= room:  # the circles overlap too much for words inside: say it beside
            look.text.draw(target, label, size, look.pal.text, outside, bold=True, anchor=anchor)


def draw_legend(
    target: pygame.Surface, at: tuple[int, int], look: Look, labels: tuple[str, str], size: int
) -> pygame.Rect:
    """Two coloured dots naming the circles: "● You   ● Ben"; returns the rect covered."""
    x, y = at
    covered = pygame.Rect(x, y, 0, 0)
    dot = max(4, size // 3)
    for label, colour in zip(labels, picture_colours(look), strict=True):
        pygame.draw.circle(target, colour, (x + dot, y + size // 2 + look.px(2)), dot)
        rect = look.text.draw(target, label, size, look.pal.text, (x + 2 * dot + look.px(8), y))
        covered = covered.union(rect)
        x = rect.right + look.px(26)
    return covered


def draw_history(
    target: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    name: str,
    evenings: Sequence[Evening],
    date_format: str = "%d %b",
) -> None:
    """One player's evenings: a line from before (outline) to after (filled), oldest on the left.

    The height is the picture: the bottom edge is picture 1 (apart), the top picture 7,
    shown as small pictures at the left instead of numbers.
    """
    pal = look.pal
    text = look.text
    look.panel(target, rect)
    inner = rect.inflate(-look.px(24), -look.px(16))
    size = look.theme.small
    title = text.ellipsize(name, look.theme.body, inner.width, bold=True)
    heading = text.draw(target, title, look.theme.body, pal.text, inner.topleft, bold=True)
    date_h = text.line_height(max(11, size - 4))
    axis_w = max(look.px(84), 30)
    icon_h = max(12, min((inner.height - heading.height) // 4, look.px(44)))
    plot = pygame.Rect(
        inner.left + axis_w + look.px(10),
        heading.bottom + icon_h // 2 + look.px(4),
        inner.width - axis_w - look.px(10),
        inner.bottom - heading.bottom - icon_h // 2 - look.px(4) - date_h - look.px(8),
    )
    if plot.height < 20 or plot.width < 20:
        return
    for level, y in ((LEVELS, plot.top), (1, plot.bottom)):
        icon = pygame.Rect(inner.left, y - icon_h // 2, axis_w, icon_h)
        draw_picture(target, icon, look, level)
    for level in range(1, LEVELS + 1):
        y = _y_for(plot, level)
        pygame.draw.line(target, pal.background, (plot.left, y), (plot.right, y), 1)
    shown = list(evenings)[-max(1, plot.width // max(1, look.px(46))) :]
    if not shown:
        return
    step = plot.width / len(shown)
    dot = max(4, min(look.px(9), int(step / 4)))
    you = picture_colours(look)[0]
    small = max(11, size - 4)
    last_label_right = -1
    for i, evening in enumerate(shown):
        x = round(plot.left + step * (i + 0.5))
        before, after = _y_for(plot, evening.before), _y_for(plot, evening.after)
        pygame.draw.line(target, pal.muted, (x, before), (x, after), max(2, dot // 2))
        pygame.draw.circle(target, pal.panel, (x, before), dot)
        pygame.draw.circle(target, you, (x, before), dot, max(2, dot // 3))
        pygame.draw.circle(target, you, (x, after), dot)
        label = evening.date.strftime(date_format).lstrip("0")
        width = text.width(label, small)
        if x - width // 2 > last_label_right + look.px(6):
            drawn = text.draw(
                target,
                label,
                small,
                pal.muted,
                (x, plot.bottom + look.px(4) + dot),
                anchor="midtop",
            )
            last_label_right = drawn.right


def _y_for(plot: pygame.Rect, level: int) -> int:
    return round(plot.bottom - (level - 1) * plot.height / (LEVELS - 1))


def draw_before_after(
    target: pygame.Surface,
    box: pygame.Rect,
    look: Look,
    t: Callable[..., str],
    names: Sequence[str],
    answers: tuple[dict[int, int | None], dict[int, int | None]],
    note: tuple[str, tuple[int, int, int]] | None = None,
) -> None:
    """The summary's panel: each player's picture before the first card and after the last,
    with `note` (text, colour) under them: what was kept, or why it could not be."""
    pal = look.pal
    text = look.text
    look.panel(target, box)
    inner = box.inflate(-look.px(20), -look.px(14))
    body, small = look.theme.body, look.theme.small
    heading = text.ellipsize(t("summary_closeness"), body, inner.width, True)
    head = text.draw(target, heading, body, pal.accent, inner.topleft, bold=True)
    bottom = inner.bottom
    if note:
        fitted = text.fit(note[0], (inner.width, inner.height // 4), small, small)
        note_box = pygame.Rect(inner.left, 0, inner.width, fitted.height)
        note_box.bottom = inner.bottom
        text.draw_fitted(target, fitted, note[1], note_box)
        bottom = note_box.top - look.px(4)
    name_w = int(inner.width * 0.34)
    cell_w = (inner.width - name_w) // 2
    labels_top = head.bottom + look.px(6)
    for i, key in enumerate(("summary_before", "summary_after")):
        x = inner.left + name_w + cell_w * i + cell_w // 2
        text.draw(target, t(key), small, pal.muted, (x, labels_top), anchor="midtop")
    top = labels_top + text.line_height(small) + look.px(4)
    row_h = min(look.px(130), max(1, (bottom - top) // max(1, len(names))))
    # One size for every name, as large as the rows allow and never below the small size
    # while the rows have room for it.
    size = min(body, max(small, int(row_h * 0.45)))
    while size > 11 and text.line_height(size, True) > row_h:
        size -= 1
    widest = max((text.width(name, size, True) for name in names), default=0)
    while size > small and widest > name_w - look.px(8):  # whole names where it can
        size -= 1
        widest = max(text.width(name, size, True) for name in names)
    skip_size = max(min(size, small), size - 4)
    for player, name in enumerate(names):
        y = top + player * row_h
        label = text.ellipsize(name, size, name_w - look.px(8), True)
        text.draw(target, label, size, pal.text, (inner.left, y + row_h // 2), True, "midleft")
        for i, given in enumerate(answers):
            cell = pygame.Rect(inner.left + name_w + cell_w * i, y, cell_w, row_h)
            picture = given.get(player)
            if picture is None:  # "Rather not say" whole, on two lines in a narrow cell
                room = cell.inflate(-look.px(6), -look.px(4))
                fitted = text.fit(t("closeness_skip"), room.size, skip_size, min(skip_size, 11))
                text.draw_fitted(target, fitted, pal.muted, room, align="center", valign="middle")
            else:
                draw_picture(target, cell.inflate(-look.px(8), -look.px(8)), look, picture)
