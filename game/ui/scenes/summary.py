"""The end of the evening: final scores with a chart of points by kind, cards played, and what next.

With scoring off there are no numbers: the summary shows the evening's moments instead
(whose questions went deeper, who touched whom, who shared a feeling). With the closeness
check it also shows each player's before and after, and offers the chart of kept evenings.
"""

from __future__ import annotations

import random

import attrs
import pygame

from game.core import engine
from game.core.rules import AwardKind, Scoring
from game.core.state import GameState
from game.ui.intents import Intent, Kind
from game.ui.moments import moment_words, moments
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, row
from game.ui.widgets.closeness import draw_picture
from game.ui.widgets.score_chart import draw_score_chart


class SummaryScene(Scene):
    def __init__(self, app, state: GameState, closeness=None) -> None:
        super().__init__(app)
        self.state = state
        self.outcome = engine.outcome(state)
        self.buttons = ButtonGroup()
        self.closeness = closeness  # the closeness check's answers, when the players chose it
        self.moments = moments(state) if state.rules.scoring is Scoring.OFF else []

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.state.players)

    def _has_evenings(self) -> bool:
        history = self.closeness.history if self.closeness is not None else None
        return history is not None and any(history.of(name) for name in self.names)

    def enter(self) -> None:
        self.buttons.focus = None  # back from our evenings, Enter plays again as its chip says

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(36)
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        entries = [
            ("again", self.t("summary_again"), "Enter"),
            ("new", self.t("summary_new"), ""),
            ("quit", self.t("summary_quit"), "Esc"),
        ]
        weights = [1.5, 1.2, 1]
        if self._has_evenings():
            entries.insert(2, ("evenings", self.t("summary_evenings"), ""))
            weights.insert(2, 1.3)
        buttons = row(entries, bar, look.px(16), weights)
        buttons[0].style = "primary"
        self.buttons.set(buttons)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.choose("quit")
            return
        if self.buttons.move_by_arrows(intent):
            return
        chosen = self.buttons.handle(intent)
        if chosen is None and kind is Kind.CONFIRM:
            chosen = "again"
        if chosen:
            self.choose(chosen)

    def choose(self, chosen: str) -> None:
        app = self.app
        if chosen == "again":
            setup = attrs.evolve(self.state.setup, seed=random.randrange(1 << 31))
            state = engine.new_game(setup)
            if self.closeness is not None:
                from game.ui.scenes.closeness import start_with_check

                start_with_check(app, state, self.closeness.again())
            else:
                from game.ui.scenes.table import start_game

                start_game(app, state)
        elif chosen == "new":
            from game.ui.scenes.new_game import NewGameScene

            app.switch(NewGameScene(app))
        elif chosen == "evenings" and self.closeness is not None:
            from game.ui.scenes.evenings import EveningsScene

            app.switch(EveningsScene(app, self, self.names, self.closeness.history))
        elif chosen == "quit":
            app.quit()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, _ = surface.get_size()
        margin = look.px(36)
        outcome = self.outcome
        title = look.text.draw(
            surface,
            self.t("summary_title"),
            look.theme.title,
            pal.accent,
            (margin, margin - look.px(6)),
            bold=True,
        )
        scoring = self.state.rules.scoring
        y = title.bottom + look.px(6)
        if scoring is Scoring.OFF:
            facts = self.t("summary_off")  # no numbers at all when scoring is off
        else:
            facts = self.t(
                "summary_facts",
                cards=outcome.cards_played,
                rounds=outcome.rounds,
                passes=outcome.passes,
                skips=outcome.skips,
            )
        line = look.text.draw(
            surface,
            look.text.ellipsize(facts, look.theme.body, width - 2 * margin),
            look.theme.body,
            pal.text,
            (margin, y),
        )
        y = line.bottom + look.px(8)
        if scoring is Scoring.TOGETHER:
            key = "summary_together_goal" if outcome.goal else "summary_together"
            text = self.t(key, points=outcome.team_total, goal=outcome.goal or 0)
            line = look.text.draw(
                surface, text, look.theme.heading, pal.given, (margin, y), bold=True
            )
            y = line.bottom + look.px(8)
        elif scoring is Scoring.VERSUS and outcome.players:
            leaders = " & ".join(outcome.players[i].name for i in outcome.leaders)
            text = look.text.ellipsize(
                self.t("summary_most", names=leaders), look.theme.heading, width - 2 * margin, True
            )
            line = look.text.draw(
                surface, text, look.theme.heading, pal.given, (margin, y), bold=True
            )
            y = line.bottom + look.px(8)
        bar_top = self.buttons.buttons[0].rect.top
        area = pygame.Rect(margin, y + look.px(10), width - 2 * margin, bar_top - y - look.px(30))
        if self.closeness is not None and self.closeness.asked_before():
            side = pygame.Rect(0, area.top, int(area.width * 0.36), area.height)
            side.right = area.right
            area.width -= side.width + look.px(16)
            self._draw_closeness(surface, side)
        if scoring is Scoring.OFF:
            self._draw_moments(surface, area)
        else:
            labels = {kind: self.t(f"award_{kind.value}") for kind in AwardKind}
            names = [p.name for p in outcome.players]
            points = [p.by_kind for p in outcome.players]
            look.panel(surface, area)
            draw_score_chart(
                surface, area.inflate(-look.px(36), -look.px(28)), look, names, points, labels
            )
        self.buttons.draw(surface, look)

    def _draw_moments(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """One panel per kind of moment, each moment once, with the real names."""
        look = self.look
        pal = look.pal
        sections = self.moments
        columns = 3 if area.width >= look.px(900) else 1
        gap = look.px(14)
        if columns == 1:
            heights = [max(1, len(found)) + 1 for _, found in sections]
            unit = (area.height - gap * (len(sections) - 1)) / sum(heights)
            boxes, y = [], area.top
            for h in heights:
                boxes.append(pygame.Rect(area.left, round(y), area.width, round(unit * h)))
                y += unit * h + gap
        else:
            width = (area.width - gap * 2) // 3
            boxes = [
                pygame.Rect(area.left + i * (width + gap), area.top, width, area.height)
                for i in range(3)
            ]
        for (section, found), box in zip(sections, boxes, strict=True):
            look.panel(surface, box)
            inner = box.inflate(-look.px(24), -look.px(14))
            head_size = look.theme.body
            head = look.text.fit(self.t(section), (inner.width, inner.height), head_size, 13, True)
            covered = look.text.draw_fitted(surface, head, pal.accent, inner)
            body = pygame.Rect(
                inner.left,
                covered.bottom + look.px(6),
                inner.width,
                inner.bottom - covered.bottom - look.px(6),
            )
            if found:
                self._draw_bullets(
                    surface, body, [moment_words(m, self.names, self.t) for m in found]
                )
            else:
                fitted = look.text.fit(self.t("summary_moments_none"), body.size, head_size, 12)
                look.text.draw_fitted(surface, fitted, pal.muted, body)

    def _draw_bullets(self, surface: pygame.Surface, box: pygame.Rect, items: list[str]) -> None:
        """A bulleted list with hanging lines, shrunk until it fits (the rest ends in "…")."""
        look = self.look
        text = look.text
        size = look.theme.body
        while True:
            indent = text.width("•  ", size)
            wrapped = [text.wrap(item, size, box.width - indent) for item in items]
            line_h = text.line_height(size)
            if sum(len(w) for w in wrapped) * line_h <= box.height or size <= 12:
                break
            size -= 1
        y = box.top
        for lines in wrapped:
            if y + line_h > box.bottom:
                break
            text.draw(surface, "•", size, look.pal.accent, (box.left, y))
            for i, line in enumerate(lines):
                last_room = y + 2 * line_h > box.bottom
                more = i + 1 < len(lines) or lines is not wrapped[-1]
                if last_room and more:
                    line = text.ellipsize(line + "…", size, box.width - indent)
                text.draw(surface, line, size, look.pal.text, (box.left + indent, y))
                y += line_h
                if last_room:
                    return

    def _draw_closeness(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """Each player's before and after, as the pictures they picked."""
        look = self.look
        pal = look.pal
        closeness = self.closeness
        look.panel(surface, box)
        inner = box.inflate(-look.px(20), -look.px(14))
        head = look.text.draw(
            surface,
            look.text.ellipsize(self.t("summary_closeness"), look.theme.body, inner.width, True),
            look.theme.body,
            pal.accent,
            inner.topleft,
            bold=True,
        )
        small = look.theme.small
        kept = [self.names[p] for p, keep in sorted(closeness.keep.items()) if keep]
        note, colour = closeness.message, pal.warning
        if note is None and kept:
            note, colour = self.t("closeness_kept", names=", ".join(kept)), pal.muted
        bottom = inner.bottom
        if note:
            fitted = look.text.fit(note, (inner.width, inner.height // 4), small, 11)
            note_box = pygame.Rect(inner.left, 0, inner.width, fitted.height)
            note_box.bottom = inner.bottom
            look.text.draw_fitted(surface, fitted, colour, note_box)
            bottom = note_box.top - look.px(4)
        name_w = int(inner.width * 0.34)
        cell_w = (inner.width - name_w) // 2
        labels_top = head.bottom + look.px(6)
        for i, key in enumerate(("summary_before", "summary_after")):
            x = inner.left + name_w + cell_w * i + cell_w // 2
            look.text.draw(surface, self.t(key), small, pal.muted, (x, labels_top), anchor="midtop")
        top = labels_top + look.text.line_height(small) + look.px(4)
        count = len(self.names)
        row_h = max(1, (bottom - top) // max(1, count))
        row_h = min(row_h, look.px(130))
        for player, name in enumerate(self.names):
            y = top + player * row_h
            size = min(look.theme.body, max(11, int(row_h * 0.45)))
            label = look.text.ellipsize(name, size, name_w - look.px(8), True)
            look.text.draw(
                surface, label, size, pal.text, (inner.left, y + row_h // 2), True, "midleft"
            )
            for i, answers in enumerate((closeness.before, closeness.after)):
                cell = pygame.Rect(inner.left + name_w + cell_w * i, y, cell_w, row_h)
                picture = answers.get(player)
                if picture is None:
                    text = look.text.ellipsize(
                        self.t("closeness_skip"), max(11, size - 4), cell.width - look.px(6)
                    )
                    look.text.draw(
                        surface, text, max(11, size - 4), pal.muted, cell.center, anchor="center"
                    )
                else:
                    draw_picture(surface, cell.inflate(-look.px(8), -look.px(8)), look, picture)
