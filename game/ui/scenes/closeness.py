"""The closeness check: each player in turn, alone with the laptop, picks one of seven pictures.

Before the first card and after the closing card, a "pass the laptop to <name>" screen
comes first, so nobody sees the previous answer. After the closing card each player who
answered both times is asked, privately and with "no" as the default, whether their before
and after may be kept on this computer. The answers are the table's, never the game's
rules: they live in a ClosenessRound (game/table/closeness.py) beside the game, and the
"before" answers are saved with it, so a continued game still asks "after" at the end.
The scene asks and calls `then` when everyone has answered; it knows no other screen.

Every answer, from the laptop or a phone, is the player's `(seat, choice)` handed to the
host (game/table/host.py), which checks that this player may give it now. With phones on,
each player whose phone holds their seat answers on it instead: the laptop is passed only
to the others, and then waits,
saying who has yet to answer on a phone (never what anyone answered), with a way to
answer on the laptop instead if a phone has gone quiet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.store.closeness import keep_evenings
from game.table.choices import keep, picture
from game.table.closeness import AFTER, BEFORE, ClosenessRound
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup, row
from game.ui.widgets.closeness import LEVELS, draw_legend, draw_picture

if TYPE_CHECKING:
    from game.ui.app import App


class ClosenessScene(Scene):
    def __init__(
        self, app: App, closeness: ClosenessRound, when: str, then: Callable[[], None]
    ) -> None:
        super().__init__(app)
        self.closeness = closeness
        self.when = when
        self.then = then
        self.player = 0
        self.stage = "pass"  # pass -> pick -> (after: consent) -> the next player's pass
        # ("waiting": only players answering on their phones are left)
        self.choice: int | None = None
        self.buttons = ButtonGroup()
        self.pictures: list[pygame.Rect] = []
        self.hover_picture: int | None = None

    @property
    def answers(self) -> dict[int, int | None]:
        return self.closeness.before if self.when == BEFORE else self.closeness.after

    @property
    def name(self) -> str:
        return self.closeness.names[self.player]

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(36)
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        t = self.t
        self.pictures = []
        if self.stage == "pass":
            box = pygame.Rect(0, 0, min(width - 2 * margin, look.px(620)), bar_h)
            box.midbottom = bar.midbottom
            buttons = [
                Button(
                    "ready",
                    t("closeness_pass_ready", name=self.name),
                    box,
                    "Enter",
                    style="primary",
                )
            ]
        elif self.stage == "pick":
            buttons = row(
                [
                    ("skip", t("closeness_skip"), "X"),
                    ("choose", t("closeness_choose"), "Enter"),
                ],
                bar,
                look.px(16),
                [1, 1.6],
            )
            buttons[1].style = "primary"
            buttons[1].enabled = self.choice is not None
            self._place_pictures(size, bar)
        elif self.stage == "waiting":
            box = pygame.Rect(0, 0, min(width - 2 * margin, look.px(620)), bar_h)
            box.midbottom = bar.midbottom
            buttons = [Button("answer_here", t("closeness_answer_here"), box, "Enter")]
        else:
            buttons = row(
                [
                    ("keep_no", t("closeness_consent_no"), "Enter"),
                    ("keep_yes", t("closeness_consent_yes"), ""),
                ],
                bar,
                look.px(16),
                [1.3, 1],
            )
            buttons[0].style = "primary"
        focus = self.buttons.focused_id
        self.buttons.set(buttons, focus if focus in [b.id for b in buttons] else None)

    def _place_pictures(self, size: tuple[int, int], bar: pygame.Rect) -> None:
        """Seven tiles, as large as the window allows: four then three in a wide window,
        more rows in a tall one (the last row centred), so the pictures stay easy to tell apart."""
        look = self.look
        width, height = size
        margin = look.px(36)
        gap = look.px(12)
        number_h = look.text.line_height(look.theme.small, True) + look.px(4)
        keys_h = look.text.line_height(look.theme.small) + look.px(10)
        bottom = bar.top - keys_h
        room = bottom - int(height * 0.36)  # the question and the legend keep the top
        best = (0, 0, 4)
        for columns in (4, 3, 2):
            rows = -(-LEVELS // columns)
            tile_w = (width - 2 * margin - gap * (columns - 1)) // columns
            tile_h = min(int(tile_w * 0.56), (room - rows * (number_h + gap)) // rows)
            if tile_h > best[1]:
                best = (tile_w, tile_h, columns)
        tile_w, tile_h, columns = best
        rows = -(-LEVELS // columns)
        top = bottom - rows * (tile_h + number_h) - (rows - 1) * gap
        self.pictures = []
        for i in range(LEVELS):
            line, column = divmod(i, columns)
            in_line = min(columns, LEVELS - line * columns)
            left = margin + (columns - in_line) * (tile_w + gap) // 2 + column * (tile_w + gap)
            y = top + line * (tile_h + number_h + gap)
            self.pictures.append(pygame.Rect(left, y, tile_w, tile_h))

    def enter(self) -> None:
        asking = self.app.host.ask_closeness(self.closeness, self.when)
        asking.listeners.append(self._phone_answered)
        if self._on_a_phone(self.player) or self._done(self.player):
            self._next_player(start=self.player)
            return
        self.layout(self.app.size)

    def exit(self) -> None:
        self.app.host.end_closeness()

    # ------------------------------------------------------------ phones

    def _on_a_phone(self, player: int) -> bool:
        phones = self.app.phones
        return phones is not None and player in phones.held() and not self._done(player)

    def _done(self, player: int) -> bool:
        """Whether the player has answered all this round asks of them."""
        if player not in self.answers:
            return False
        asks_consent = self.when == AFTER and self.closeness.answered_both(player)
        return not asks_consent or player in self.closeness.keep

    def _phone_answered(self) -> None:
        """Someone answered (on the game's thread): the laptop moves on if it was waiting
        for that player, or if it stood at the pass screen of a player who used a phone."""
        if self.stage == "waiting" or (self.stage == "pass" and self._done(self.player)):
            self._next_player(start=self.player)

    def waiting_for(self) -> list[str]:
        return [name for p, name in enumerate(self.closeness.names) if not self._done(p)]

    # ------------------------------------------------------------ acting

    def _go(self, stage: str) -> None:
        # Each stage is a hand-off (the laptop changes hands, or a new question comes): a
        # double press meant for the last one must not act here, as after a table's phase.
        self.app.hold_input()
        self.stage = stage
        self.choice = None
        self.buttons.focus = None
        self.hover_picture = None
        self.layout(self.app.size)
        if stage == "consent":
            self.buttons.focus_on("keep_no")

    def answer(self, level: int | None) -> None:
        self.app.host.take(self.player, picture(level))
        if self.when == AFTER and self.closeness.answered_both(self.player):
            self._go("consent")
        else:
            self._next_player()

    def consent(self, yes: bool) -> None:
        self.app.host.take(self.player, keep(yes))
        self._next_player()

    def _next_player(self, start: int | None = None) -> None:
        """The next player who needs the laptop; else wait for the phones; else done."""
        names = self.closeness.names
        first = self.player + 1 if start is None else start
        for player in range(first, len(names)):
            if not self._done(player) and not self._on_a_phone(player):
                self.player = player
                self._go("pass")
                return
        if any(not self._done(p) for p in range(len(names))):
            self._go("waiting")
            return
        self._finish()

    def _answer_here(self) -> None:
        """A phone has gone quiet: its player answers on the laptop after all."""
        player = next((p for p in range(len(self.closeness.names)) if not self._done(p)), None)
        if player is not None:
            self.player = player
            self._go("consent" if player in self.answers else "pass")

    def _finish(self) -> None:
        if self.when == AFTER:
            evenings = self.closeness.evenings()
            history, message = keep_evenings(evenings) if evenings else (None, None)
            self.closeness.history, self.closeness.message = history, message
        self.then()

    def choose(self, picture: int) -> None:
        if 1 <= picture <= LEVELS:
            self.choice = picture
            self.layout(self.app.size)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if self.stage == "pick":
            if kind is Kind.NUMBER:
                self.choose(intent.number)
                return
            if kind in (Kind.LEFT, Kind.RIGHT):
                step = -1 if kind is Kind.LEFT else 1
                start = self.choice or (LEVELS // 2 + 1 - step)
                self.choose(max(1, min(LEVELS, start + step)))
                return
            if kind is Kind.SKIP:
                self.answer(None)
                return
            if kind in (Kind.POINT, Kind.CLICK):
                hit = next(
                    (i for i, r in enumerate(self.pictures) if r.collidepoint(intent.pos)), None
                )
                self.hover_picture = hit
                if kind is Kind.CLICK and hit is not None:
                    self.choose(hit + 1)
                    return
        if kind in (Kind.UP, Kind.DOWN):
            self.buttons.move(-1 if kind is Kind.UP else 1)
            return
        if kind in (Kind.LEFT, Kind.RIGHT) and self.stage == "consent":
            self.buttons.move(-1 if kind is Kind.LEFT else 1)
            return
        chosen = self.buttons.handle(intent)
        if chosen is None and kind is Kind.CONFIRM:
            chosen = {
                "pass": "ready",
                "pick": "choose",
                "consent": "keep_no",
                "waiting": "answer_here",
            }[self.stage]
            button = self.buttons.get(chosen)
            if button is not None and not button.enabled:
                return
        if chosen:
            self.press(chosen)

    def press(self, chosen: str) -> None:
        if chosen == "ready":
            self._go("pick")
        elif chosen == "choose" and self.choice is not None:
            self.answer(self.choice)
        elif chosen == "skip":
            self.answer(None)
        elif chosen in ("keep_no", "keep_yes"):
            self.consent(chosen == "keep_yes")
        elif chosen == "answer_here":
            self._answer_here()

    # ------------------------------------------------------------ drawing

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        pictures = [(f"picture:{i + 1}", r) for i, r in enumerate(self.pictures)]
        return [*super().clickable(), *(pictures if self.stage == "pick" else [])]

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, height = surface.get_size()
        margin = look.px(36)
        title = self.t("closeness_title_before" if self.when == BEFORE else "closeness_title_after")
        heading = look.text.draw(
            surface,
            look.text.ellipsize(title, look.theme.small, width - 2 * margin),
            look.theme.small,
            pal.muted,
            (margin, margin - look.px(10)),
        )
        top = heading.bottom + look.px(12)
        bar_top = self.buttons.buttons[0].rect.top if self.buttons.buttons else height
        if self.stage == "pass":
            self._draw_pass(surface, pygame.Rect(margin, top, width - 2 * margin, bar_top - top))
        elif self.stage == "pick":
            self._draw_pick(surface, pygame.Rect(margin, top, width - 2 * margin, bar_top - top))
        elif self.stage == "waiting":
            area = pygame.Rect(margin, top, width - 2 * margin, bar_top - top)
            self._draw_waiting(surface, area)
        else:
            self._draw_consent(surface, pygame.Rect(margin, top, width - 2 * margin, bar_top - top))
        self.buttons.draw(surface, look)

    def _draw_waiting(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        names = self.closeness.names
        waiting = self.waiting_for()
        head = pygame.Rect(area.left, area.top + area.height // 6, area.width, area.height // 3)
        text = self.t("closeness_phones_waiting", names=", ".join(waiting))
        fitted = look.text.fit(text, head.size, look.theme.title, 20, bold=True)
        covered = look.text.draw_fitted(
            surface, fitted, pal.accent, head, align="center", valign="bottom"
        )
        count = self.t("closeness_phones_count", count=len(names) - len(waiting), total=len(names))
        body = pygame.Rect(area.left, covered.bottom + look.px(24), area.width, look.px(80))
        fitted = look.text.fit(count, body.size, look.theme.heading, 14)
        look.text.draw_fitted(surface, fitted, pal.text, body, align="center")

    def wake_every(self) -> float | None:
        return 0.5 if self.stage == "waiting" else None

    def _draw_pass(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        big = look.theme.font_px(64, 28)
        head_box = pygame.Rect(area.left, area.top + area.height // 6, area.width, area.height // 3)
        fitted = look.text.fit(
            self.t("closeness_pass", name=self.name), head_box.size, big, 20, bold=True
        )
        covered = look.text.draw_fitted(
            surface, fitted, pal.accent, head_box, align="center", valign="bottom"
        )
        body = pygame.Rect(
            area.left + look.px(60),
            covered.bottom + look.px(24),
            area.width - look.px(120),
            area.bottom - covered.bottom - look.px(40),
        )
        fitted = look.text.fit(
            self.t("closeness_pass_body", name=self.name), body.size, look.theme.heading, 14
        )
        look.text.draw_fitted(surface, fitted, pal.text, body, align="center")

    def _draw_pick(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        t = self.t
        other = self.closeness.other(self.player, t)
        key = "closeness_question_before" if self.when == BEFORE else "closeness_question_after"
        first = self.pictures[0]
        legend_h = look.text.line_height(look.theme.body) + look.px(12)
        question_box = pygame.Rect(
            area.left, area.top, area.width, first.top - area.top - legend_h - look.px(10)
        )
        fitted = look.text.fit(
            t(key, name=self.name, other=other), question_box.size, look.theme.title, 16, True
        )
        covered = look.text.draw_fitted(surface, fitted, pal.accent, question_box)
        labels = (
            t("closeness_you"),
            other if len(self.closeness.names) == 2 else t("closeness_us"),
        )
        draw_legend(
            surface, (area.left, covered.bottom + look.px(12)), look, labels, look.theme.body
        )
        chip_size = look.theme.small
        for i, rect in enumerate(self.pictures):
            chosen = self.choice == i + 1
            fill = pal.card if chosen else (pal.hover if self.hover_picture == i else pal.panel)
            pygame.draw.rect(surface, fill, rect, border_radius=look.px(14))
            if chosen:
                pygame.draw.rect(
                    surface, pal.accent, rect, width=max(3, look.px(5)), border_radius=look.px(14)
                )
            picture = rect.inflate(-look.px(16), -look.px(14))
            draw_picture(surface, picture, look, i + 1, labels)
            look.text.draw(
                surface,
                str(i + 1),
                chip_size,
                pal.accent if chosen else pal.muted,
                (rect.centerx, rect.bottom + look.px(2)),
                bold=True,
                anchor="midtop",
            )
        keys = look.text.ellipsize(t("closeness_keys"), look.theme.small, area.width)
        look.text.draw(
            surface,
            keys,
            look.theme.small,
            pal.muted,
            (area.centerx, self.buttons.buttons[0].rect.top - look.px(8)),
            anchor="midbottom",
        )

    def _draw_consent(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        question = pygame.Rect(area.left, area.top + look.px(20), area.width, area.height // 2)
        fitted = look.text.fit(
            self.t("closeness_consent", name=self.name), question.size, look.theme.title, 16, True
        )
        covered = look.text.draw_fitted(surface, fitted, pal.accent, question)
        body = pygame.Rect(
            area.left,
            covered.bottom + look.px(20),
            area.width,
            area.bottom - covered.bottom - look.px(30),
        )
        fitted = look.text.fit(self.t("closeness_consent_body"), body.size, look.theme.body, 14)
        look.text.draw_fitted(surface, fitted, pal.text, body)
