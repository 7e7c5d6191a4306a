"""Points by kind per player, as stacked bars we draw ourselves (no chart library)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.table.terms import AwardKind
from game.ui.look import Look

KIND_COLOURS = {
    AwardKind.DEEPENING_QUESTION: (70, 120, 180),
    AwardKind.FELT_RESPONSE: (214, 104, 128),
    AwardKind.TOUCHED_ME: (232, 176, 60),
    AwardKind.FELT_HEARD: (60, 160, 150),
    AwardKind.SHARED_FEELING: (110, 160, 90),
    AwardKind.SHARED_THOUGHT: (140, 110, 180),
}


def draw_score_chart(
    target: pygame.Surface,
    area: pygame.Rect,
    look: Look,
    names: Sequence[str],
    points: Sequence[dict[AwardKind, int]],
    kind_labels: dict[AwardKind, str],
) -> None:
    """One horizontal bar per player, split by award kind, with a legend underneath; the
    names and totals share one size."""
    pal = look.pal
    text = look.text
    small = look.theme.small
    kinds = [k for k in KIND_COLOURS if any(p.get(k, 0) for p in points)] or list(KIND_COLOURS)[:2]
    legend_h = text.line_height(small) + look.px(10)
    legend_rows = _legend_rows(look, kinds, kind_labels, area.width)
    bars = pygame.Rect(area.left, area.top, area.width, area.height - legend_h * len(legend_rows))
    legend_top = bars.bottom  # the bars are centred above the legend, which stays in the area
    count = max(1, len(names))
    slot = min(bars.height / count, look.px(120))
    bars.top += int((bars.height - slot * count) / 2)
    bar_h = max(6, min(int(slot * 0.62), look.px(54)))
    # Names and totals as large as the rows allow, never under the small text size while a
    # row has room for it (twelve players still read them at 1280x720).
    name_size = min(look.theme.heading, max(small, int(bar_h * 0.75)))
    while name_size > 11 and text.line_height(name_size, True) > slot:
        name_size -= 1
    name_w = (
        min(
            int(area.width * 0.26), max(text.width(n, name_size, True) for n in names) + look.px(24)
        )
        if names
        else 0
    )
    total_w = text.width("000", name_size, True) + look.px(12)
    track = pygame.Rect(bars.left + name_w, 0, bars.width - name_w - total_w, bar_h)
    best = max([sum(p.values()) for p in points] + [1])
    for i, (name, by_kind) in enumerate(zip(names, points, strict=True)):
        y = int(bars.top + i * slot + (slot - bar_h) / 2)
        label = text.ellipsize(name, name_size, name_w - look.px(12), bold=True)
        text.draw(
            target,
            label,
            name_size,
            pal.text,
            (bars.left, y + bar_h // 2),
            bold=True,
            anchor="midleft",
        )
        x = track.left
        pygame.draw.rect(
            target, pal.panel, (track.left, y, track.width, bar_h), border_radius=look.px(6)
        )
        for kind in kinds:
            value = by_kind.get(kind, 0)
            if not value:
                continue
            width = max(2, round(track.width * value / best))
            pygame.draw.rect(target, KIND_COLOURS[kind], (x, y, width, bar_h))
            x += width
        total = str(sum(by_kind.values()))
        text.draw(
            target,
            total,
            name_size,
            pal.text,
            (track.right + look.px(10), y + bar_h // 2),
            bold=True,
            anchor="midleft",
        )
    y = legend_top + look.px(6)
    for kinds_row in legend_rows:
        x = area.left
        for kind in kinds_row:
            swatch = pygame.Rect(x, y + look.px(3), look.px(18), look.px(18))
            pygame.draw.rect(target, KIND_COLOURS[kind], swatch, border_radius=look.px(4))
            rect = text.draw(
                target, kind_labels[kind], small, pal.muted, (swatch.right + look.px(6), y)
            )
            x = rect.right + look.px(22)
        y += legend_h


def _legend_rows(
    look: Look, kinds: Sequence[AwardKind], kind_labels: dict[AwardKind, str], width: int
) -> list[list[AwardKind]]:
    rows: list[list[AwardKind]] = [[]]
    used = 0
    for kind in kinds:
        need = look.px(46) + look.text.width(kind_labels[kind], look.theme.small)
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0
        rows[-1].append(kind)
        used += need
    return rows
