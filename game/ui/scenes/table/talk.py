"""The panels while a story is told and answered: the help line, the response tiles, ideas."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.table.terms import AwardKind, Stage

if TYPE_CHECKING:
    from game.ui.scenes.table.scene import TableScene

RESPONSES = (AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE)


def timer_room(scene: TableScene) -> pygame.Rect:
    """The content area, less the timer's corner when the gentle timer shows."""
    box = scene.content.copy()
    if scene.timer.enabled:
        centre, _, covered, beside = _timer_layout(scene)
        box.width -= covered.width if beside else _under_ring_room(scene, centre[0])
    return box


def _under_ring_room(scene: TableScene, centre_x: int) -> int:
    """The width the ring and the caption under it take from the content's right: its
    caption ("Paused (T)", "Take your time") is centred under the ring but kept inside the
    content (Timer.draw), so a caption wider than the ring reaches further left."""
    look = scene.look
    widest = max(
        look.text.width(scene.t(key), look.theme.small) for key in ("timer_paused", "timer_over")
    )
    left = min(centre_x - widest // 2, scene.content.right - widest)
    return max(look.px(140), scene.content.right - left + look.px(12))


def timer_place(scene: TableScene) -> tuple[tuple[int, int], int, pygame.Rect]:
    """(centre, radius, the box its ring and caption may cover) of the gentle timer."""
    centre, radius, box, _ = _timer_layout(scene)
    return centre, radius, box


def _timer_layout(scene: TableScene) -> tuple[tuple[int, int], int, pygame.Rect, bool]:
    """The timer sits at the bottom right of the content, under the headline, what to do and
    who listens, never over them. When the content is short (twelve names and a wild card)
    it moves up to the content's top, a little smaller if it must, its caption beside it."""
    look, content = scene.look, scene.content
    radius = max(look.px(44), 24)
    caption = look.text.line_height(look.theme.small) + look.px(12)
    centre = (content.right - radius - look.px(10), content.bottom - radius - look.px(40))
    if centre[1] - radius - look.px(6) >= content.top:
        box = pygame.Rect(0, 0, 2 * radius + look.px(200), 2 * radius + 2 * caption)
        box.midtop = (centre[0], centre[1] - radius - look.px(6))
        return centre, radius, box, False
    radius = max(24, min(radius, (content.height - look.px(12)) // 2))
    centre = (content.right - radius - look.px(10), content.top + radius + look.px(6))
    box = pygame.Rect(0, 0, 2 * radius + look.px(230), 2 * radius + look.px(12))
    box.topright = (content.right, content.top)
    return centre, radius, box, True


def draw_timer(
    scene: TableScene, surface: pygame.Surface, still: bool = False
) -> pygame.Rect | None:
    """`still`: drawing the table without the parts that move (see TableScene.draw).
    Returns where the timer drew (None: it did not)."""
    if not scene.timer.enabled or still:
        return None
    look = scene.look
    centre, radius, _, beside = _timer_layout(scene)
    if scene.timer.paused:
        caption = scene.t("timer_paused")
    else:
        caption = scene.t("timer_over") if scene.timer.chimed else ""
    return scene.timer.draw(
        surface, look, centre, radius, caption, beside=beside, bounds=scene.content
    )


def draw_share(scene: TableScene, surface: pygame.Surface, still: bool = False) -> None:
    """How to share, and the line that tells a pass from "not this card"."""
    if scene.view.stage is Stage.CARRY_OUT:
        draw_timer(scene, surface, still)  # nothing to share: the card and the headline say it
        return
    look = scene.look
    lines = [scene.t("table_share_help")]
    if scene.view.aside:
        lines.append(scene.view.aside)
    box = timer_room(scene)
    # Never below the small size, and never a sentence cut short: the general help goes
    # first when there is no room; the line about passing stays, as it names the choices.
    text = "\n".join(lines)
    while lines and not look.text.fits(text, box.size, look.theme.small):
        lines.pop(0)
        text = "\n".join(lines)
    if lines:
        fitted = look.text.fit(text, box.size, look.theme.body, look.theme.small)
        look.text.draw_fitted(surface, fitted, look.pal.muted, box)
    draw_timer(scene, surface, still)


def draw_respond(scene: TableScene, surface: pygame.Surface, still: bool = False) -> None:
    if scene.view.stage is Stage.RETELL:
        draw_timer(scene, surface, still)  # one step at a time: the response tiles come after
        return
    content = timer_room(scene)
    if scene.hints_open:  # the ideas take the tiles' place; Hide ideas brings them back
        draw_hints(scene, surface, content)
    else:
        draw_tiles(scene, surface, content)
    draw_timer(scene, surface, still)


def draw_tiles(scene: TableScene, surface: pygame.Surface, content: pygame.Rect) -> None:
    """The two ways to respond, side by side, at one heading size and one body size."""
    look, t = scene.look, scene.t
    pal = look.pal
    gap = look.px(12)
    tile_w = (content.width - gap) // 2
    pad_x, pad_y = look.px(24), look.px(18)
    inner_w = tile_w - pad_x
    heads = [t(f"award_{kind.value}") for kind in RESPONSES]
    head_size = look.text.largest_size(heads, inner_w, look.theme.body, look.theme.small, True)
    one_line = all(look.text.width(h, head_size, True) <= inner_w for h in heads)
    head_h = look.text.line_height(head_size, True) * (1 if one_line else 2)
    body_box = (inner_w, content.height - pad_y - head_h)
    speaker = scene.view.speaker_name
    texts = [t(f"respond_{kind.value}", name=speaker) for kind in RESPONSES]
    body_size = min(
        look.text.fit(x, body_box, look.theme.small, look.theme.small).size for x in texts
    )
    # Descriptions too small to read from the sofa are left out: the line above says it short.
    readable = all(look.text.fits(x, body_box, body_size) for x in texts)
    tile_h = head_h + pad_y
    if readable:
        tile_h += max(look.text.fit(x, body_box, body_size, body_size).height for x in texts)
    for i, (head, text) in enumerate(zip(heads, texts, strict=True)):
        tile = pygame.Rect(content.left + i * (tile_w + gap), content.top, tile_w, tile_h)
        look.panel(surface, tile)
        inner = tile.inflate(-pad_x, -pad_y)
        heading = look.text.fit(head, (inner.width, head_h), head_size, head_size, True)
        look.text.draw_fitted(surface, heading, pal.accent, inner)
        if readable:
            body = pygame.Rect(inner.left, inner.top + head_h, inner.width, inner.height - head_h)
            fitted = look.text.fit(text, body.size, body_size, body_size)
            look.text.draw_fitted(surface, fitted, pal.text, body)


def draw_hints(scene: TableScene, surface: pygame.Surface, box: pygame.Rect) -> None:
    look = scene.look
    look.panel(surface, box)
    inner = box.inflate(-look.px(24), -look.px(18))
    # Readable from the sofa comes first: with little room, fewer starters, never tiny type.
    text = ""
    for starters in (2, 1, 0):
        text = "\n".join(hint_lines(scene, starters))
        if look.text.fits(text, inner.size, look.theme.small):
            break
    fitted = look.text.fit(text, inner.size, look.theme.body, look.theme.small)
    look.text.draw_fitted(surface, fitted, look.pal.text, inner)


def hint_lines(scene: TableScene, starters: int) -> list[str]:
    """The card's follow-ups, then `starters` ways to begin of each kind (deepening, felt)."""
    view, t = scene.view, scene.t
    card = view.card
    words, _ = scene.app.words()
    parts = []
    if card is not None and card.follow_ups:
        parts.append(t("hints_follow_ups"))
        parts += [f"•  {q}" for q in card.follow_ups]
    if words is not None and starters:
        picks = []
        for pool in (words.starters.deepening, words.starters.felt):
            picks += (
                [pool[(view.turn * 2 + i) % len(pool)] for i in range(starters)] if pool else []
            )
        parts.append(t("hints_starters"))
        parts += [f"•  {s}" for s in picks]
    return parts
