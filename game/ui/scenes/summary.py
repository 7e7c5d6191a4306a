"""The end of the evening: final scores with a chart of points by kind, cards played, and what next."""

from __future__ import annotations

import random

import attrs
import pygame

from game.core import engine
from game.core.rules import AwardKind, Scoring
from game.core.state import GameState
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, row
from game.ui.widgets.score_chart import draw_score_chart


class SummaryScene(Scene):
    def __init__(self, app, state: GameState) -> None:
        super().__init__(app)
        self.state = state
        self.outcome = engine.outcome(state)
        self.buttons = ButtonGroup()

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(36)
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        buttons = row(
            [
                ("again", self.t("summary_again"), "Enter"),
                ("new", self.t("summary_new"), ""),
                ("quit", self.t("summary_quit"), "Esc"),
            ],
            bar,
            look.px(16),
            [1.5, 1.2, 1],
        )
        buttons[0].style = "primary"
        self.buttons.set(buttons)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.choose("quit")
            return
        if kind in (Kind.LEFT, Kind.UP):
            self.buttons.move(-1)
            return
        if kind in (Kind.RIGHT, Kind.DOWN):
            self.buttons.move(1)
            return
        chosen = self.buttons.handle(intent)
        if chosen is None and kind is Kind.CONFIRM:
            chosen = "again"
        if chosen:
            self.choose(chosen)

    def choose(self, chosen: str) -> None:
        app = self.app
        if chosen == "again":
            from game.ui.scenes.table import start_game

            setup = attrs.evolve(self.state.setup, seed=random.randrange(1 << 31))
            start_game(app, engine.new_game(setup))
        elif chosen == "new":
            from game.ui.scenes.new_game import NewGameScene

            app.switch(NewGameScene(app))
        elif chosen == "quit":
            app.quit()

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
        facts = self.t(
            "summary_facts",
            cards=outcome.cards_played,
            rounds=outcome.rounds,
            passes=outcome.passes,
            skips=outcome.skips,
        )
        y = title.bottom + look.px(6)
        line = look.text.draw(
            surface,
            look.text.ellipsize(facts, look.theme.body, width - 2 * margin),
            look.theme.body,
            pal.text,
            (margin, y),
        )
        y = line.bottom + look.px(8)
        scoring = self.state.rules.scoring
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
        if scoring is Scoring.OFF:
            fitted = look.text.fit(self.t("summary_off"), area.size, look.theme.heading, 14)
            look.text.draw_fitted(surface, fitted, pal.text, area, align="center", valign="middle")
        else:
            labels = {kind: self.t(f"award_{kind.value}") for kind in AwardKind}
            names = [p.name for p in outcome.players]
            points = [p.by_kind for p in outcome.players]
            look.panel(surface, area)
            draw_score_chart(
                surface, area.inflate(-look.px(36), -look.px(28)), look, names, points, labels
            )
        self.buttons.draw(surface, look)
