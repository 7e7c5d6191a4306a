"""The table: the card, whose turn it is, what to do now, and the actions of each phase.

Every button and key here becomes an engine action (Draw, Pass, Skip, LighterCard,
FinishSharing, FinishResponding, Award, TakeBack, EndTurn, AnswerDeeper, EndGame) given
to the session; the scene only reads the state back. No rule is decided here: what is
possible comes from `engine.is_legal`.
"""

from __future__ import annotations

import attrs
import pygame

from game.core import engine
from game.core.actions import (
    AnswerDeeper,
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Skip,
    TakeBack,
)
from game.core.cards import WildEffect
from game.core.errors import RuleError
from game.core.rules import AwardKind, Scoring
from game.core.state import GameState, Phase
from game.ui.intents import Intent, Kind
from game.ui.moments import acknowledgement
from game.ui.scenes.base import Scene
from game.ui.session import Session
from game.ui.text import Fitted
from game.ui.widgets.button import Button, ButtonGroup, row
from game.ui.widgets.card import (
    card_rect,
    draw_prompt_card,
    draw_wild_card,
    wild_card_height,
    wild_text_size,
)
from game.ui.widgets.palette import draw_feelings
from game.ui.widgets.timer import GentleTimer
from game.ui.wild_steps import MirrorStep, MirrorWalk, retelling_listener

FLIP_SECONDS = 0.7
LISTENER_KINDS = (AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE, AwardKind.TOUCHED_ME)
SHARER_KINDS = (AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT)


def start_game(app, state: GameState, closeness=None) -> TableScene:
    """Show a freshly set-up game (and save it at once, so Continue finds it).

    `closeness` holds the closeness check's answers from before the first card, if the
    players chose the check: they are asked again after the closing card.
    """
    session = Session(state, app.store, memory=card_memory(app, state))
    session.save()
    table = TableScene(app, session, closeness=closeness)
    app.switch(table)
    return table


def card_memory(app, state: GameState):
    """The group's memory of cards across evenings, when Settings keep it (else None)."""
    if not app.settings.remember_cards:
        return None
    from game.store.memory import Keeper

    deck = state.deck
    prompts = [card.id for card in deck.cards if not card.is_wild]
    return Keeper([player.name for player in state.setup.players], deck.id, prompts)


def resume_saved_game(app) -> None:
    """Continue the saved game with the timers paused; say so calmly if something was wrong."""
    from game.ui.scenes.title import TitleScene

    loaded = app.store.load() if app.store else None
    if loaded is None or loaded.state is None or loaded.state.finished:
        message = (loaded.message if loaded else None) or app.t("title_no_save")
        app.switch(TitleScene(app, message=message))
        return
    elapsed = loaded.table.get("elapsed_seconds", 0.0)
    elapsed = float(elapsed) if isinstance(elapsed, int | float) else 0.0
    memory = card_memory(app, loaded.state)
    session = Session(loaded.state, app.store, elapsed=elapsed, memory=memory)
    app.switch(TableScene(app, session, resumed=True, notice=loaded.message))


@attrs.define
class Area:
    """Where things go for the current window size."""

    top: pygame.Rect
    card: pygame.Rect
    panel: pygame.Rect
    bar: pygame.Rect
    notice: pygame.Rect


class TableScene(Scene):
    def __init__(
        self,
        app,
        session: Session,
        resumed: bool = False,
        notice: str | None = None,
        closeness=None,
    ) -> None:
        super().__init__(app)
        self.session = session
        self.closeness = closeness  # the closeness check's answers (UI data, never saved)
        self.mirror = MirrorWalk()
        self.note: str | None = None  # a calm line: an acknowledgement, or "not yet, then"
        self.buttons = ButtonGroup()
        self.overlay_buttons = ButtonGroup()
        self.overlay: str | None = None  # "feelings" | "menu" | "end"
        self.hints_open = False
        self.flip = 1.0
        self.timer = GentleTimer()
        self.timer_key: tuple | None = None
        self.notice = notice
        self.award_row = 0
        self.resumed = resumed
        self.area: Area | None = None
        self.panel_texts: list[tuple[Fitted, pygame.Rect, tuple, str]] = []
        self.content = pygame.Rect(0, 0, 0, 0)
        self.row_rects: list[tuple[str, int | None, pygame.Rect]] = []
        self.prompt_rect = pygame.Rect(0, 0, 0, 0)  # where the card's text was last drawn
        self.card_box = pygame.Rect(0, 0, 0, 0)
        self.wild_rects: list[pygame.Rect] = []
        self.wild_text_size: int | None = None

    @property
    def state(self) -> GameState:
        return self.session.state

    # ------------------------------------------------------------ life

    def enter(self) -> None:
        self._sync_timer()
        if self.resumed:
            self.timer.paused = True

    def update(self, dt: float) -> None:
        if self.flip < 1.0:
            before = self.flip
            self.flip = min(1.0, self.flip + dt / FLIP_SECONDS)
            if before < 0.5 <= self.flip:
                self.app.sound.play("flip")
        if self.overlay == "menu":
            return
        self.session.tick(dt)
        if self.timer.update(dt):
            self.app.sound.play("chime")

    def animating(self) -> bool:
        return self.flip < 1.0

    def wake_every(self) -> float | None:
        if self.timer.enabled and not self.timer.paused and self.overlay != "menu":
            return 1.0 - (self.timer.elapsed % 1.0) + 0.01
        return None

    # ------------------------------------------------------------ timer

    def _timer_seconds(self) -> int:
        state, settings = self.state, self.app.settings
        if not settings.timers:
            return 0
        if state.phase is Phase.SHARE and state.rules.share_seconds > 0:
            return settings.share_seconds
        if state.phase is Phase.RESPOND and state.rules.respond_seconds > 0:
            return settings.respond_seconds
        return 0

    def _sync_timer(self) -> None:
        state = self.state
        key = (state.phase, state.card, state.speaker_index, state.turn)
        if key != self.timer_key:
            self.timer_key = key
            self.timer.restart(self._timer_seconds())
        elif self.timer.seconds and self._timer_seconds():
            self.timer.seconds = self._timer_seconds()  # settings apply live
        elif not self._timer_seconds():
            self.timer.seconds = 0

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(24)
        top_h = max(look.px(52), look.text.line_height(look.theme.small) + look.px(16))
        bar_h = max(look.px(70), look.text.line_height(look.theme.body, True) + look.px(22))
        notice_h = look.text.line_height(look.theme.small) + look.px(8)
        top = pygame.Rect(margin, margin // 2, width - 2 * margin, top_h)
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        notice = pygame.Rect(margin, bar.top - notice_h - look.px(6), width - 2 * margin, notice_h)
        middle_top = top.bottom + look.px(10)
        middle_h = notice.top - middle_top - look.px(4)
        share = 0.24 if self.state.phase is Phase.AWARD else 0.36
        card_w = int((width - 2 * margin) * share)
        card = pygame.Rect(margin, middle_top, card_w, middle_h)
        panel = pygame.Rect(
            card.right + margin * 2, middle_top, width - card.right - 3 * margin, middle_h
        )
        self.area = Area(top, card, panel, bar, notice)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild buttons and texts for the state on the table."""
        if self.area is None:
            return
        self._sync_timer()
        self.mirror.sync(self.state)
        look = self.look
        area = self.area
        card_area = area.card.inflate(-look.px(8), -look.px(8))
        memory_row = self._memory_row(card_area)
        if memory_row is not None:
            card_area.height = memory_row.top - look.px(10) - card_area.top
        self.card_box = card_rect(card_area)
        self._place_wilds()
        self._place_texts()
        buttons = self._bar_buttons()
        buttons += self._phase_buttons()
        if memory_row is not None:
            buttons += self._memory_buttons(memory_row)
        menu = pygame.Rect(0, 0, look.px(150), area.top.height - look.px(6))
        menu.midright = (area.top.right, area.top.centery)
        buttons.append(
            Button("menu", self.t("table_menu"), menu, "Esc", style="quiet", size=look.theme.small)
        )
        self.buttons.set(buttons)

    # ------------------------------------------------------------ star and not for us

    def memory_card(self) -> str | None:
        """The prompt on the table that a star or "not for us" would be about, if any."""
        state = self.state
        if (
            self.session.memory is None
            or state.phase not in (Phase.SHARE, Phase.RESPOND, Phase.AWARD)
            or state.card is None
            or state.card_is_replay
            or not engine.is_legal(state, Skip())
        ):
            return None
        return state.card

    def _memory_row(self, card_area: pygame.Rect) -> pygame.Rect | None:
        if self.memory_card() is None:
            return None
        look = self.look
        height = look.text.line_height(look.theme.small, True) + look.px(18)
        return pygame.Rect(card_area.left, card_area.bottom - height, card_area.width, height)

    def _memory_buttons(self, row_rect: pygame.Rect) -> list[Button]:
        card = self.memory_card()
        memory = self.session.memory
        starred = bool(card and memory and memory.is_starred(card))
        star = self.t("table_starred") if starred else self.t("table_star")
        buttons = row(
            [("star", star, "S"), ("not_for_us", self.t("table_not_for_us"), "N")],
            row_rect,
            gap=self.look.px(10),
            widths=[1, 1.2],
        )
        for button in buttons:
            button.size = self.look.theme.small
            button.style = "on" if button.id == "star" and starred else "quiet"
        return buttons

    def star(self) -> None:
        card, memory = self.memory_card(), self.session.memory
        if card is None or memory is None:
            return
        starred = memory.toggle_star(card)
        self.note = self.t("table_star_added" if starred else "table_star_removed")
        self.refresh()

    def not_for_us(self) -> None:
        card, memory = self.memory_card(), self.session.memory
        if card is None or memory is None:
            return
        memory.not_for_us(card)
        if self.dispatch(Skip()):
            self.note = self.t("table_not_for_us_done")

    def _place_wilds(self) -> None:
        look = self.look
        wilds = (
            self.state.wild_cards
            if self.state.phase in (Phase.SHARE, Phase.RESPOND, Phase.AWARD)
            else ()
        )
        self.wild_rects = []
        if not wilds:
            return
        panel = self.area.panel
        count = len(wilds)
        gap = look.px(12)
        width = (panel.width - gap * (count - 1)) // count
        # As tall as the wordiest banner needs (narrow banners need more lines), within limits.
        height = max(
            wild_card_height(
                look, width, *self._wild_words(wild), min(look.px(120), panel.height // 4)
            )
            for wild in wilds
        )
        height = min(height, int(panel.height * 0.42))
        # Banners side by side share one text size, the largest at which all of them fit.
        self.wild_text_size = min(
            wild_text_size(look, pygame.Rect(0, 0, width, height), *self._wild_words(wild))
            for wild in wilds
        )
        for i in range(count):
            self.wild_rects.append(
                pygame.Rect(panel.left + i * (width + gap), panel.top, width, height)
            )

    def _wild_words(self, wild) -> tuple[str, str]:
        """A wild card's title and explanation (the deck's own words, else the game's)."""
        effect = wild.wild.value if wild.wild else "double"
        return self.t(f"wild_title_{effect}"), wild.text or self.t(f"wild_text_{effect}")

    def _place_texts(self) -> None:
        """The headline, the one line of what to do now, and who listens, stacked in the panel."""
        look = self.look
        pal = look.pal
        panel = self.area.panel
        y = (self.wild_rects[0].bottom + look.px(16)) if self.wild_rects else panel.top
        headline, instruction, listeners = self._words()
        awarding = self.state.phase is Phase.AWARD
        self.panel_texts = []
        for text, size, colour, bold, lines in (
            (headline, look.theme.title if awarding else look.theme.huge, pal.accent, True, 1),
            (
                instruction,
                look.theme.body if awarding else look.theme.heading,
                pal.text,
                False,
                2 if awarding else 3,
            ),
            (listeners, look.theme.body, pal.muted, False, 1),
        ):
            if not text:
                continue
            box = pygame.Rect(panel.left, y, panel.width, look.text.line_height(size, bold) * lines)
            fitted = look.text.fit(text, box.size, size, max(14, size * 2 // 3), bold=bold)
            box.height = fitted.height
            self.panel_texts.append((fitted, box, colour, "left"))
            y = box.bottom + look.px(10)
        self.content = pygame.Rect(
            panel.left, y + look.px(6), panel.width, panel.bottom - y - look.px(6)
        )

    def _name(self, player: int) -> str:
        return self.state.players[player].name

    def _words(self) -> tuple[str, str, str]:
        """(headline, what to do now, who listens) for this phase."""
        state, t = self.state, self.t
        speaker = self._name(state.speaker)
        listening = ", ".join(self._name(p) for p in state.listeners)
        phase = state.phase
        if phase is Phase.DEAL:
            name = self._name(state.sharer)
            return (
                t("table_turn", name=name),
                t("table_deal", name=name),
                t("table_listening", names=listening),
            )
        if phase is Phase.SHARE:
            return (
                t("table_shares", name=speaker),
                self._share_steps(),
                t("table_listening", names=listening),
            )
        if phase is Phase.RESPOND:
            step = self.mirror.current(state)
            if step is MirrorStep.RETELL:
                reteller = retelling_listener(state)
                line = t("table_mirror_retell", listener=self._name(reteller), name=speaker)
                others = [state.speaker, *(p for p in state.listeners if p != reteller)]
                hearing = ", ".join(self._name(p) for p in others)
                return t("table_mirror_heading"), line, t("table_listening", names=hearing)
            if step is MirrorStep.HEARD:
                return t("table_mirror_heading"), t("table_mirror_heard", name=speaker), ""
            line = t("table_mirror_then" if step else "table_respond", name=speaker)
            return t("table_respond_heading"), line, t("table_listening", names=listening)
        if phase is Phase.AWARD:
            if len(state.listeners) == 1:  # a pair: name the one listener
                listener = self._name(state.listeners[0])
                line = t("table_award_one_listener", name=speaker, listener=listener)
            else:
                line = t("table_award", name=speaker) + " " + t("table_award_rows")
            return t("table_award_heading"), line, ""
        if phase is Phase.DEEPER:
            levels = state.deck.levels
            following = levels[state.level] if state.level < len(levels) else levels[-1]
            line = t("table_deeper", name=following.name)
            answered = t("table_deeper_count", count=state.ready_answers, total=len(state.players))
            return t("table_deeper_heading"), line, answered
        if phase is Phase.CLOSING:
            line = t(
                "table_closing",
                name=speaker,
                number=state.speaker_index + 1,
                count=len(state.speakers),
            )
            return t("table_closing_heading", name=speaker), line, ""
        return "", "", ""

    def _share_steps(self) -> str:
        """What to do now while sharing, naming who: a swap, everyone in turn, double points."""
        state, t = self.state, self.t
        speaker = self._name(state.speaker)
        steps = []
        if WildEffect.SWAP in state.effects and state.speaker_index == 0:
            key = "table_swap" if state.card_is_replay else "table_swap_new"
            steps.append(t(key, name=speaker))
        if len(state.speakers) > 1:
            steps.append(
                t(
                    "table_everyone",
                    name=speaker,
                    number=state.speaker_index + 1,
                    count=len(state.speakers),
                )
            )
        if not steps:
            steps.append(t("table_share", name=speaker))
        if WildEffect.DOUBLE in state.effects:
            off = state.rules.scoring is Scoring.OFF
            steps.append(t("table_double_off" if off else "table_double"))
        return " ".join(steps)

    def _bar_buttons(self) -> list[Button]:
        state, t = self.state, self.t
        phase = state.phase
        entries: list[tuple[str, str, str]] = []
        weights: list[float] = []
        if phase is Phase.DEAL:
            entries = [("draw", t("table_draw"), "Enter"), ("end", t("table_end_evening"), "E")]
            weights = [2, 1]
        elif phase is Phase.SHARE:
            entries = [
                ("done_sharing", t("table_done_sharing"), "Enter"),
                ("pass", t("table_pass", left=state.passes_left[state.speaker]), "P"),
                ("lighter", t("table_lighter"), "L"),
                ("skip", t("table_skip"), "X"),
                ("feelings", t("table_feelings"), "F"),
            ]
            weights = [1.6, 1.2, 1.2, 1, 1.1]
        elif phase is Phase.RESPOND and self.mirror.current(state) is MirrorStep.RETELL:
            entries = [
                ("mirror_retold", t("table_mirror_retold"), "Enter"),
                ("skip", t("table_skip"), "X"),
                ("feelings", t("table_feelings"), "F"),
            ]
            weights = [2, 1, 1.1]
        elif phase is Phase.RESPOND and self.mirror.current(state) is MirrorStep.HEARD:
            entries = [
                ("mirror_yes", t("table_mirror_yes"), "1"),
                ("mirror_not_quite", t("table_mirror_not_quite"), "2"),
                ("skip", t("table_skip"), "X"),
            ]
            weights = [1.5, 1.5, 1]
        elif phase is Phase.RESPOND:
            hints = t("table_hints_hide") if self.hints_open else t("table_hints")
            entries = [
                ("done_responding", t("table_done_responding"), "Enter"),
                ("hints", hints, "H"),
                ("skip", t("table_skip"), "X"),
                ("feelings", t("table_feelings"), "F"),
            ]
            weights = [1.6, 1.4, 1, 1.1]
        elif phase is Phase.AWARD:
            entries = [
                ("end_turn", t("table_end_turn"), "Enter"),
                ("undo", t("table_undo"), "U"),
                ("skip", t("table_skip"), "X"),
            ]
            weights = [2, 1, 1]
        elif phase is Phase.DEEPER:
            entries = [
                ("ready", t("table_ready"), "1"),
                ("not_yet", t("table_not_yet"), "2"),
                ("end", t("table_end_evening"), "E"),
            ]
            weights = [1.4, 1.4, 1]
        elif phase is Phase.CLOSING:
            entries = [
                ("done_closing", t("table_done_closing"), "Enter"),
                ("skip", t("table_skip"), "X"),
            ]
            weights = [2, 1]
        buttons = row(entries, self.area.bar, self.look.px(14), weights)
        if buttons and phase is not Phase.DEEPER:  # "ready" and "not yet" weigh the same
            buttons[0].style = "primary"
        for button in buttons:
            button.enabled = self._possible(button.id)
        return buttons

    def _possible(self, button_id: str) -> bool:
        state = self.state
        action = {
            "pass": Pass(state.speaker),
            "lighter": LighterCard(),
            "skip": Skip(),
            "end": EndGame(),
        }.get(button_id)
        if action is not None:
            return engine.is_legal(state, action)
        if button_id == "undo":
            return bool(state.pending)
        return True

    # ------------------------------------------------------------ awards

    def listener_kinds(self) -> tuple[AwardKind, ...]:
        if WildEffect.MIRROR in self.state.effects:
            return (*LISTENER_KINDS, AwardKind.FELT_HEARD)
        return LISTENER_KINDS

    def _given(self, receiver: int, kind: AwardKind) -> bool:
        return any(a.receiver == receiver and a.kind is kind for a in self.state.pending)

    def _award_action(self, receiver: int, kind: AwardKind) -> Award | TakeBack:
        state = self.state
        if self._given(receiver, kind):
            return TakeBack(receiver, kind)
        giver = state.speaker if kind.for_listener else state.listeners[0]
        return Award(giver, receiver, kind)

    def _award_label(self, kind: AwardKind) -> str:
        label = self.t(f"award_{kind.value}")
        if self.state.rules.scoring is Scoring.OFF:
            return label
        points = self.state.rules.points_for(kind) * self.state.multiplier
        return f"{label}  +{points}"

    def _phase_buttons(self) -> list[Button]:
        self.row_rects = []
        if self.state.phase is not Phase.AWARD:
            return []
        look = self.look
        state = self.state
        listeners = state.listeners
        content = self.content
        rows = len(listeners) + 1
        gap = max(2, look.px(8))
        row_h = min(look.px(110), (content.height - gap * rows) // rows)
        name_w = int(content.width * 0.2)
        size = min(look.theme.body, max(13, int(row_h * 0.4)))
        number = {kind: i + 1 for i, kind in enumerate(self.listener_kinds())}
        for kind in SHARER_KINDS:
            number[kind] = len(number) + 1
        buttons: list[Button] = []
        self.award_row = min(self.award_row, len(listeners) - 1)
        for r in range(rows):
            y = content.top + r * (row_h + gap)
            rect = pygame.Rect(content.left, y, content.width, row_h)
            receiver = listeners[r] if r < len(listeners) else state.speaker
            kinds = self.listener_kinds() if r < len(listeners) else SHARER_KINDS
            self.row_rects.append(("listener" if r < len(listeners) else "sharer", r, rect))
            strip = pygame.Rect(rect.left + name_w, y, rect.width - name_w, row_h)
            cells = row(
                [(f"award:{receiver}:{k.value}", self.t(f"award_{k.value}"), "") for k in kinds],
                strip,
                gap,
            )
            for kind, button in zip(kinds, cells, strict=True):
                show_number = r == self.award_row or r == len(listeners)
                button.hint = str(number[kind]) if show_number else ""
                button.size = size
                given = self._given(receiver, kind)
                button.style = "on" if given else "normal"
                button.enabled = given or engine.is_legal(state, self._award_action(receiver, kind))
            buttons += cells
        self._fit_award_labels(buttons, size)
        return buttons

    def _fit_award_labels(self, buttons: list[Button], size: int) -> None:
        """Each mark's label at the largest size that keeps it clear of the points badge.

        The badge sits in the top-right corner. A label that reaches up to the badge's
        height must end before it: centred labels stay a badge's width from both edges.
        In a tall button the label passes beneath the badge and may use the whole width.
        When one line would be smaller than the theme's small size, two lines are tried.
        """
        look = self.look
        scoring = self.state.rules.scoring is not Scoring.OFF
        badge_w = look.text.width("+00", self._badge_size(), True) + look.px(14)
        badge_bottom = look.px(4) + look.text.line_height(self._badge_size(), True)
        chip = look.text.line_height(max(12, int(size * 0.72))) + look.px(12) + look.px(24)
        pad = look.px(14)

        def room(button: Button, lines: int, at: int) -> int:
            label_h = lines * look.text.line_height(at, True)
            top = button.rect.height // 2 - label_h // 2  # from the button's top
            beside_badge = scoring and top < badge_bottom
            if button.hint:
                return button.rect.width - chip - (badge_w if beside_badge else pad)
            return button.rect.width - 2 * (badge_w if beside_badge else pad)

        def largest(button: Button, lines: list[str]) -> int:
            at = size
            while at > 14 and (
                any(
                    look.text.width(line, at, True) > room(button, len(lines), at) for line in lines
                )
                or len(lines) * look.text.line_height(at, True) > button.rect.height - look.px(6)
            ):
                at = max(14, int(at * 0.92))
            return at

        for button in buttons:
            one_line = largest(button, [button.label])
            button.size = one_line
            words = button.label.split(" ")
            if one_line >= min(look.theme.small, size) or len(words) < 2:
                continue
            # Two lines read better than one tiny one: split nearest the middle.
            middle = min(
                range(1, len(words)),
                key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
            )
            lines = [" ".join(words[:middle]), " ".join(words[middle:])]
            two_lines = largest(button, lines)
            if two_lines > one_line:
                button.label, button.size = "\n".join(lines), two_lines

    def _badge_size(self) -> int:
        return max(12, self.look.theme.small - self.look.px(4))

    def toggle_award(self, receiver: int, kind: AwardKind) -> None:
        given = self._given(receiver, kind)
        action = self._award_action(receiver, kind)
        if self.dispatch(action) and not given:
            self.app.sound.play("award")
            off = self.state.rules.scoring is Scoring.OFF
            if off and isinstance(action, Award) and self._thanks_box() is None:
                names = tuple(p.name for p in self.state.players)
                self.note = acknowledgement(action, names, self.t)  # no room under the rows

    def award_by_number(self, number: int) -> None:
        state = self.state
        kinds = self.listener_kinds()
        if 1 <= number <= len(kinds):
            self.toggle_award(state.listeners[self.award_row], kinds[number - 1])
        elif 1 <= number - len(kinds) <= len(SHARER_KINDS):
            self.toggle_award(state.speaker, SHARER_KINDS[number - len(kinds) - 1])

    # ------------------------------------------------------------ acting

    def dispatch(self, action) -> bool:
        before = self.state
        try:
            after = self.session.dispatch(action)
        except RuleError as error:
            self.notice = str(error)
            return False
        self.notice = self.t("table_save_failed") if self.session.save_failed else None
        self.note = None
        self._after(before, after)
        return True

    def _after(self, before: GameState, after: GameState) -> None:
        if after.card is not None and (after.card != before.card or after.turn != before.turn):
            self.flip = 0.0
            self.app.sound.play("deal")
        if after.phase is not before.phase:
            self.hints_open = False
            self.buttons.focus = None
            self.award_row = 0
        if after.phase is Phase.FINISHED:
            self._finished(after)
            return
        if before.phase is Phase.AWARD or after.phase is Phase.AWARD:
            self.layout(self.app.size)  # the card column narrows while awards are marked
        else:
            self.refresh()
        if before.phase is Phase.RESPOND and self.mirror.owes_felt_heard(after):
            self.mirror.felt_heard = False
            self.toggle_award(retelling_listener(after), AwardKind.FELT_HEARD)
        if after.level > before.level and after.phase not in (Phase.CLOSING, Phase.FINISHED):
            from game.ui.scenes.level_change import LevelChangeScene

            self.app.switch(LevelChangeScene(self.app, self, after.level))

    def _finished(self, state: GameState) -> None:
        """The summary, after the closeness check's second round if the players chose it."""
        from game.ui.scenes.summary import SummaryScene

        closeness = self.closeness
        if closeness is not None and closeness.asked_before():
            from game.ui.scenes.closeness import ClosenessScene

            def then() -> None:
                self.app.switch(SummaryScene(self.app, state, closeness=closeness))

            self.app.switch(ClosenessScene(self.app, closeness, "after", then))
            return
        self.app.switch(SummaryScene(self.app, state, closeness=closeness))

    def act(self, name: str) -> None:
        state = self.state
        button = self.buttons.get(name)
        if button is not None and not button.enabled:
            return
        if name == "mirror_retold":
            self.mirror.retold()
            self.refresh()
            return
        if name in ("mirror_yes", "mirror_not_quite"):
            self.mirror.answer(heard=name == "mirror_yes")
            self.refresh()
            return
        if name == "star":
            self.star()
            return
        if name == "not_for_us":
            self.not_for_us()
            return
        if name == "not_yet":
            level = state.deck.levels[state.level - 1].name
            if self.dispatch(AnswerDeeper(ready=False)):
                self.note = self.t("table_stay", name=level)
            return
        if name.startswith("award:"):
            _, receiver, kind = name.split(":")
            self.award_row = (
                max(0, state.listeners.index(int(receiver)))
                if int(receiver) in state.listeners
                else self.award_row
            )
            self.toggle_award(int(receiver), AwardKind(kind))
            return
        simple = {
            "draw": Draw(),
            "done_sharing": FinishSharing(),
            "done_closing": FinishSharing(),
            "done_responding": FinishResponding(),
            "lighter": LighterCard(),
            "skip": Skip(),
            "ready": AnswerDeeper(ready=True),
        }
        if name in simple:
            self.dispatch(simple[name])
        elif name == "pass":
            self.dispatch(Pass(state.speaker))
        elif name == "end_turn":
            self.dispatch(EndTurn(elapsed_seconds=round(self.session.elapsed, 1)))
        elif name == "undo":
            if state.pending:
                last = state.pending[-1]
                self.dispatch(TakeBack(last.receiver, last.kind))
        elif name == "hints":
            self.hints_open = not self.hints_open
            self.refresh()
        elif name == "feelings":
            self.overlay = "feelings"
        elif name == "menu":
            self.open_menu()
        elif name == "end":
            self.open_overlay("end")

    def primary(self) -> str | None:
        first = next((b for b in self.buttons.buttons if b.style == "primary"), None)
        return first.id if first else None

    # ------------------------------------------------------------ intents

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if self.resumed and kind is not Kind.POINT:
            self.resumed = False
            self.timer.paused = False
        if self.overlay == "feelings":
            if kind in (Kind.BACK, Kind.FEELINGS, Kind.CONFIRM, Kind.CLICK):
                self.overlay = None
            return
        if self.overlay in ("menu", "end"):
            self._handle_overlay(intent)
            return
        shortcuts = {
            Kind.PASS: "pass",
            Kind.SKIP: "skip",
            Kind.LIGHTER: "lighter",
            Kind.FEELINGS: "feelings",
            Kind.HINTS: "hints",
            Kind.UNDO: "undo",
            Kind.END_GAME: "end",
            Kind.BACK: "menu",
        }
        if kind in shortcuts:
            if self.buttons.get(shortcuts[kind]) is not None:
                self.act(shortcuts[kind])
            return
        if kind is Kind.TIMER:
            self.timer.paused = not self.timer.paused
            return
        if kind in (Kind.STAR, Kind.NOT_FOR_US):
            self.act("star" if kind is Kind.STAR else "not_for_us")
            return
        if kind is Kind.NUMBER:
            if self.state.phase is Phase.AWARD:
                self.award_by_number(intent.number)
            elif self.state.phase is Phase.DEEPER and intent.number in (1, 2):
                self.act("ready" if intent.number == 1 else "not_yet")
            elif self.mirror.current(self.state) is MirrorStep.HEARD and intent.number in (1, 2):
                self.act("mirror_yes" if intent.number == 1 else "mirror_not_quite")
            return
        if (
            kind in (Kind.UP, Kind.DOWN)
            and self.state.phase is Phase.AWARD
            and len(self.state.listeners) > 1
        ):
            step = 1 if kind is Kind.DOWN else -1
            self.award_row = (self.award_row + step) % len(self.state.listeners)
            self.refresh()
            return
        if self.buttons.move_by_arrows(intent):
            return
        chosen = self.buttons.handle(intent)
        if chosen is None and kind is Kind.CONFIRM:
            chosen = self.primary()
        if chosen:
            self.act(chosen)

    def open_menu(self) -> None:
        self.open_overlay("menu")

    def open_overlay(self, which: str) -> None:
        look = self.look
        width, height = self.app.size
        t = self.t
        if which == "menu":
            entries = [
                ("resume", t("menu_resume"), "Esc"),
                ("help", t("menu_help"), ""),
                ("settings", t("menu_settings"), ""),
                ("end", t("table_end_evening"), "E"),
                ("title", t("menu_title"), ""),
            ]
        else:
            entries = [("end_yes", t("end_yes"), "Enter"), ("end_no", t("end_no"), "Esc")]
        button_h = max(look.px(62), look.text.line_height(look.theme.body, True) + look.px(16))
        gap = look.px(12)
        box_w = min(width - 2 * look.px(40), look.px(560))
        total = len(entries) * (button_h + gap)
        title_room = look.text.line_height(look.theme.title, True) + look.px(24) + look.px(22)
        top = max(title_room, (height - total) // 2 + look.px(40))
        from game.ui.widgets.button import column

        buttons = column(
            entries, pygame.Rect((width - box_w) // 2, top, box_w, total), button_h, gap
        )
        buttons[0].style = "primary"
        for button in buttons:
            if button.id == "end":
                button.enabled = engine.is_legal(self.state, EndGame())
        self.overlay_buttons.set(buttons)
        self.overlay_buttons.focus_on(buttons[0].id)
        self.overlay = which

    def _handle_overlay(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.overlay = None
            return
        if kind is Kind.END_GAME and self.overlay == "menu":
            self.open_overlay("end")
            return
        if kind in (Kind.UP, Kind.LEFT):
            self.overlay_buttons.move(-1)
            return
        if kind in (Kind.DOWN, Kind.RIGHT):
            self.overlay_buttons.move(1)
            return
        chosen = self.overlay_buttons.handle(intent)
        if chosen in ("resume", "end_no"):
            self.overlay = None
        elif chosen == "end":
            self.open_overlay("end")
        elif chosen == "end_yes":
            self.overlay = None
            self.dispatch(EndGame())
        elif chosen == "help":
            from game.ui.scenes.how_to_play import HowToPlayScene

            self.overlay = None
            self.app.switch(
                HowToPlayScene(
                    self.app, back=self, scoring=self.state.rules.scoring is not Scoring.OFF
                )
            )
        elif chosen == "settings":
            from game.ui.scenes.settings import SettingsScene

            self.overlay = None
            self.app.switch(SettingsScene(self.app, back=self))
        elif chosen == "title":
            from game.ui.scenes.title import TitleScene

            self.session.save()
            self.app.switch(TitleScene(self.app))

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        self._draw_top(surface)
        self._draw_card(surface)
        for wild, rect in zip(self.state.wild_cards, self.wild_rects, strict=False):
            draw_wild_card(
                surface, rect, look, *self._wild_words(wild), text_size=self.wild_text_size
            )
        for fitted, box, colour, align in self.panel_texts:
            look.text.draw_fitted(surface, fitted, colour, box, align=align)
        self._draw_phase(surface)
        if self.notice or self.note:
            text, colour = (self.notice, pal.warning) if self.notice else (self.note, pal.given)
            fitted = look.text.fit(text, self.area.notice.size, look.theme.small, 12)
            look.text.draw_fitted(
                surface, fitted, colour, self.area.notice, align="center", valign="bottom"
            )
        self.buttons.draw(surface, look)
        self._draw_points_badges(surface)
        if self.overlay:
            self._draw_overlay(surface)

    def _draw_top(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        state = self.state
        top = self.area.top
        size = look.theme.small
        level = state.deck.levels[state.level - 1]
        rounds = state.rules.rounds
        parts = [self.t("top_level", number=state.level, name=level.name)]
        parts.append(
            self.t("top_round", number=min(state.round + 1, rounds), count=rounds)
            if rounds
            else self.t("top_round_open", number=state.round + 1)
        )
        info = "  ·  ".join(parts)
        info = look.text.ellipsize(info, size, int(top.width * 0.42))
        left_w = look.text.width(info, size)  # the scores may use all the rest
        look.text.draw(surface, info, size, pal.muted, (top.left, top.centery), anchor="midleft")
        menu = self.buttons.get("menu")
        right = (menu.rect.left if menu else top.right) - look.px(20)
        space = pygame.Rect(
            top.left + left_w + look.px(20),
            top.top,
            right - top.left - left_w - look.px(20),
            top.height,
        )
        scoring = state.rules.scoring
        if state.phase is Phase.DEEPER:
            return  # no names while the table answers "ready to go deeper?"
        if scoring is Scoring.TOGETHER:
            self._draw_meter(surface, space)
        elif scoring is Scoring.VERSUS:
            scores = "    ".join(
                self.t("top_score", name=p.name, points=state.scores.total(i))
                for i, p in enumerate(state.players)
            )
            # Everyone's score, smaller if need be, before anyone's is cut off.
            size = look.text.largest_size([scores], space.width, size, min(size, 14))
            scores = look.text.ellipsize(scores, size, space.width)
            look.text.draw(
                surface, scores, size, pal.muted, (space.right, space.centery), anchor="midright"
            )

    def _draw_meter(self, surface: pygame.Surface, space: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        state = self.state
        goal = state.rules.goal
        total = state.scores.team_total
        label = (
            self.t("top_together", points=total, goal=goal)
            if goal
            else self.t("top_together_open", points=total)
        )
        size = look.theme.small
        label_w = look.text.width(label, size)
        look.text.draw(
            surface, label, size, pal.muted, (space.left, space.centery), anchor="midleft"
        )
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

    def _draw_card(self, surface: pygame.Surface) -> None:
        look = self.look
        state = self.state
        card = state.current_card
        if card is None or state.phase is Phase.DEAL or state.phase is Phase.DEEPER:
            draw_prompt_card(surface, self.card_box, look, "", flip=0.0, back_label=state.deck.name)
            self.prompt_rect = pygame.Rect(self.card_box.center, (0, 0))
            return
        if state.phase is Phase.CLOSING:
            caption = self.t("card_closing")
        else:
            level = (
                state.deck.levels[card.level - 1]
                if 0 < card.level <= len(state.deck.levels)
                else None
            )
            caption = self.t("card_caption", number=card.level, name=level.name if level else "")
        self.prompt_rect = draw_prompt_card(
            surface,
            self.card_box,
            look,
            card.prompt,
            caption,
            flip=self.flip,
            back_label=state.deck.name,
        )

    def _draw_phase(self, surface: pygame.Surface) -> None:
        phase = self.state.phase
        if phase is Phase.SHARE:
            self._draw_share(surface)
        elif phase is Phase.RESPOND:
            self._draw_respond(surface)
        elif phase is Phase.AWARD:
            self._draw_award(surface)

    def _draw_timer(self, surface: pygame.Surface) -> None:
        if not self.timer.enabled:
            return
        look = self.look
        radius = max(look.px(44), 24)
        centre = (
            self.content.right - radius - look.px(10),
            self.content.bottom - radius - look.px(40),
        )
        caption = (
            self.t("timer_paused")
            if self.timer.paused
            else (self.t("timer_over") if self.timer.chimed else "")
        )
        self.timer.draw(surface, look, centre, radius, caption)

    def _draw_share(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        state = self.state
        lines = [self.t("table_share_help")]
        if state.passes_left[state.speaker] <= 0:
            lines.append(self.t("table_no_passes"))
        box = self.content.copy()
        box.width -= look.px(140) if self.timer.enabled else 0
        # Never below the small size, and never a sentence cut short: unreadable from the
        # sofa is worse than shorter, and the line above already says what to do.
        text = "\n".join(lines)
        while lines and not look.text.fits(text, box.size, look.theme.small):
            lines.pop(0)  # the general help goes first; "no passes left" is news
            text = "\n".join(lines)
        if lines:
            fitted = look.text.fit(text, box.size, look.theme.body, look.theme.small)
            look.text.draw_fitted(surface, fitted, pal.muted, box)
        self._draw_timer(surface)

    def _draw_respond(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        state = self.state
        if self.mirror.current(state) in (MirrorStep.RETELL, MirrorStep.HEARD):
            self._draw_timer(surface)  # one step at a time: the response tiles come after
            return
        content = self.content.copy()
        if self.timer.enabled:
            content.width -= look.px(140)
        if self.hints_open:  # the ideas take the tiles' place; Hide ideas brings them back
            self._draw_hints(surface, content)
            self._draw_timer(surface)
            return
        gap = look.px(12)
        kinds = (AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE)
        tile_w = (content.width - gap) // 2
        pad_x, pad_y = look.px(24), look.px(18)
        inner_w = tile_w - pad_x
        # One size for both headings and one for both descriptions, the largest that fits
        # each: two tiles side by side at different sizes look like a mistake. A heading too
        # long for one line takes two; descriptions too small to read from the sofa are left
        # out (the line above says the same in short).
        heads = [self._award_label(kind) for kind in kinds]
        head_size = look.text.largest_size(heads, inner_w, look.theme.body, look.theme.small, True)
        one_line = all(look.text.width(h, head_size, True) <= inner_w for h in heads)
        head_h = look.text.line_height(head_size, True) * (1 if one_line else 2)
        body_box = (inner_w, content.height - pad_y - head_h)
        texts = [self.t(f"respond_{kind.value}", name=self._name(state.speaker)) for kind in kinds]
        body_size = min(look.text.fit(text, body_box, look.theme.small, 16).size for text in texts)
        readable = all(look.text.fits(text, body_box, body_size) for text in texts)
        tile_h = head_h + pad_y  # as tall as the longer description needs, no taller
        if readable:
            tile_h += max(look.text.fit(t, body_box, body_size, body_size).height for t in texts)
        for i, (head, text) in enumerate(zip(heads, texts, strict=True)):
            tile = pygame.Rect(content.left + i * (tile_w + gap), content.top, tile_w, tile_h)
            look.panel(surface, tile)
            inner = tile.inflate(-pad_x, -pad_y)
            heading = look.text.fit(head, (inner.width, head_h), head_size, head_size, True)
            look.text.draw_fitted(surface, heading, pal.accent, inner)
            if not readable:
                continue
            body = pygame.Rect(inner.left, inner.top + head_h, inner.width, inner.height - head_h)
            fitted = look.text.fit(text, body.size, body_size, body_size)
            look.text.draw_fitted(surface, fitted, pal.text, body)
        self._draw_timer(surface)

    def _draw_hints(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        look = self.look
        pal = look.pal
        look.panel(surface, box)
        inner = box.inflate(-look.px(24), -look.px(18))
        # Readable from the sofa comes first: with little room, fewer starters, never tiny type.
        for starters in (2, 1, 0):
            text = "\n".join(self._hint_lines(starters))
            if look.text.fits(text, inner.size, look.theme.small):
                break
        fitted = look.text.fit(text, inner.size, look.theme.body, look.theme.small)
        look.text.draw_fitted(surface, fitted, pal.text, inner)

    def _hint_lines(self, starters: int) -> list[str]:
        """The card's follow-ups, then `starters` ways to begin of each kind (deepening, felt)."""
        card = self.state.current_card
        words, _ = self.app.words()
        parts = []
        if card is not None and card.follow_ups:
            parts.append(self.t("hints_follow_ups"))
            parts += [f"•  {q}" for q in card.follow_ups]
        if words is not None and starters:
            turn = self.state.turn
            picks = []
            for pool in (words.starters.deepening, words.starters.felt):
                picks += [pool[(turn * 2 + i) % len(pool)] for i in range(starters)] if pool else []
            parts.append(self.t("hints_starters"))
            parts += [f"•  {s}" for s in picks]
        return parts

    def _thanks_box(self) -> pygame.Rect | None:
        """With scoring off, the room under the award rows for this turn's acknowledgements."""
        if self.state.rules.scoring is not Scoring.OFF or not self.row_rects:
            return None
        look = self.look
        top = self.row_rects[-1][2].bottom + look.px(14)
        box = pygame.Rect(self.content.left, top, self.content.width, self.content.bottom - top)
        return box if box.height >= look.text.line_height(look.theme.small) else None

    def _draw_thanks(self, surface: pygame.Surface) -> None:
        """Each mark given this turn, said as thanks with the real names."""
        box = self._thanks_box()
        if box is None or not self.state.pending:
            return
        look = self.look
        names = tuple(p.name for p in self.state.players)
        text = "\n".join(acknowledgement(a, names, self.t) for a in self.state.pending)
        fitted = look.text.fit(text, box.size, look.theme.body, 12)
        look.text.draw_fitted(surface, fitted, look.pal.given, box)

    def _draw_award(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        state = self.state
        self._draw_thanks(surface)
        for kind, index, rect in self.row_rects:
            if kind == "listener":
                player = state.listeners[index]
                if index == self.award_row and len(state.listeners) > 1:
                    pygame.draw.rect(
                        surface,
                        pal.panel,
                        rect.inflate(look.px(12), look.px(6)),
                        border_radius=look.px(12),
                    )
                name = self.t("award_listener_row", name=self._name(player))
            else:
                player = state.speaker
                name = (
                    self.t(
                        "award_sharer_row_one_listener",
                        name=self._name(player),
                        listener=self._name(state.listeners[0]),
                    )
                    if len(state.listeners) == 1
                    else self.t("award_sharer_row", name=self._name(player))
                )
            name_w = int(self.content.width * 0.2) - look.px(12)
            size = min(look.theme.body, max(12, int(rect.height * 0.36)))
            fitted = look.text.fit(name, (name_w, rect.height), size, 11, bold=True)
            look.text.draw_fitted(
                surface,
                fitted,
                pal.text,
                pygame.Rect(rect.left, rect.top, name_w, rect.height),
                valign="middle",
            )

    def _draw_points_badges(self, surface: pygame.Surface) -> None:
        """The points an award is worth, small in the corner of its button (none when scoring is off)."""
        if self.state.phase is not Phase.AWARD or self.state.rules.scoring is Scoring.OFF:
            return
        look = self.look
        size = self._badge_size()
        for button in self.buttons.buttons:
            if not button.id.startswith("award:"):
                continue
            kind = AwardKind(button.id.split(":")[2])
            points = f"+{self.state.rules.points_for(kind) * self.state.multiplier}"
            ink = look.pal.given_text if button.style == "on" else look.pal.muted
            if not button.enabled:
                ink = look.pal.disabled
            at = (button.rect.right - look.px(8), button.rect.top + look.px(4))
            look.text.draw(surface, points, size, ink, at, bold=True, anchor="topright")

    def _draw_overlay(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        width, height = surface.get_size()
        if self.overlay == "feelings":
            surface.fill(pal.background)  # a page of its own: nothing behind shows through
            words, _ = self.app.words()
            margin = look.px(30)
            title_h = look.text.line_height(look.theme.title, True)
            look.text.draw(
                surface,
                self.t("feelings_title"),
                look.theme.title,
                pal.accent,
                (margin, margin),
                bold=True,
            )
            hint = self.t("feelings_close")
            look.text.draw(
                surface,
                hint,
                look.theme.small,
                pal.muted,
                (width - margin, margin + look.px(12)),
                anchor="topright",
            )
            area = pygame.Rect(
                margin,
                margin + title_h + look.px(10),
                width - 2 * margin,
                height - 2 * margin - title_h - look.px(10),
            )
            draw_feelings(surface, area, look, words.feelings if words else ())
            return
        # The table stays faintly behind, and the menu sits on a panel of its own, so its
        # title and buttons never mingle with the words under them.
        shade = pygame.Surface((width, height), pygame.SRCALPHA)
        shade.fill((*pal.background, 225))
        surface.blit(shade, (0, 0))
        buttons = self.overlay_buttons.buttons
        first, last = buttons[0].rect, buttons[-1].rect
        title = self.t("menu_heading") if self.overlay == "menu" else self.t("end_heading")
        title_h = look.text.line_height(look.theme.title, True)
        pad = look.px(28)
        panel = pygame.Rect(0, 0, 0, 0)
        panel.width = min(width - look.px(16), first.width + 2 * pad)
        panel.top = max(look.px(8), first.top - look.px(24) - title_h - pad // 2)
        panel.centerx = width // 2
        fitted, body = None, None
        if self.overlay == "end":
            body = pygame.Rect(
                panel.left + pad,
                last.bottom + look.px(16),
                panel.width - 2 * pad,
                height - last.bottom - look.px(16) - pad - look.px(8),
            )
            fitted = look.text.fit(self.t("end_body"), body.size, look.theme.body, look.theme.small)
            body.height = fitted.height
        panel.height = (body.bottom if body else last.bottom) + pad - panel.top
        look.panel(surface, panel, radius=24)
        look.text.draw(
            surface,
            title,
            look.theme.title,
            pal.accent,
            (width // 2, first.top - look.px(24)),
            bold=True,
            anchor="midbottom",
        )
        if fitted is not None:
            look.text.draw_fitted(surface, fitted, pal.text, body, align="center")
        self.overlay_buttons.draw(surface, look)
