"""The table scene: draws the view of game/table for this phase and hands back choices.

No rule is decided here. The view model (game/table/views.py) says what is offered,
which key picks what and what is possible; the session (game/table/session.py) applies
the choice, saves and tells every listener. This scene listens too, so whatever changed
the game (a key here, a phone, a timer) it answers the same way: a new card flips, a
new phase holds input for a moment, a level change shows its screen, the end shows the
summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
import pygame

from game.table.choices import Choice, Do
from game.table.closeness import AFTER
from game.table.moments import acknowledgement
from game.table.session import Session
from game.table.terms import GameState, Phase, RuleError, Scoring
from game.table.views import Offer, Stage, TableView, table_view
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.scenes.table import talk
from game.ui.scenes.table.card_column import draw_card, place_card, remember_buttons, split_rows
from game.ui.scenes.table.frames import Painter
from game.ui.scenes.table.layout import (
    FEW_BUTTONS,
    Area,
    Banners,
    place_banners,
    place_words,
    table_area,
    tall,
)
from game.ui.scenes.table.marks import MarksPanel, draw_badges
from game.ui.scenes.table.overlays import END, FEELINGS, MENU, Overlay
from game.ui.scenes.table.top_bar import draw_top_bar, menu_width, top_lines
from game.ui.widgets.button import Button, ButtonGroup, row
from game.ui.widgets.card import draw_wild_card
from game.ui.widgets.timer import GentleTimer

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.text import Fitted

FLIP_SECONDS = 0.7
# The keys the view model answers to, by the name it gives them.
KEY_NAMES = {
    Kind.CONFIRM: "Enter",
    Kind.PASS: "P",
    Kind.SKIP: "X",
    Kind.LIGHTER: "L",
    Kind.UNDO: "U",
    Kind.END_GAME: "E",
    Kind.STAR: "S",
    Kind.NOT_FOR_US: "N",
    Kind.READ_ALOUD: "A",
    Kind.READ_IDEAS: "I",
}
# The table's own buttons, beside the view's choices: they change only what is shown.
SHOW_FEELINGS, SHOW_HINTS, SHOW_MENU = "feelings", "hints", "menu"


class TableScene(Scene):
    def __init__(
        self, app: App, session: Session, resumed: bool = False, notice: str | None = None
    ) -> None:
        super().__init__(app)
        self.session = session
        self.resumed = resumed  # timers wait for the first press after Continue
        self.notice = notice  # a calm warning line (a rule said no, a save failed)
        self.note: str | None = None  # a calm line: an acknowledgement, "not yet, then"
        self.buttons = ButtonGroup()
        self.overlay = Overlay(self)
        self.marks = MarksPanel()
        self.hints_open = False
        self.flip = 1.0
        self.timer = GentleTimer()
        self.timer_key: tuple[object, ...] | None = None
        self.award_row = 0  # the listener row the number keys mark: chosen, never followed
        self.view: TableView = table_view(session, self.t, None, 0)
        self.area: Area | None = None
        self.banners = Banners()
        self.content = pygame.Rect(0, 0, 0, 0)
        self.card_box = pygame.Rect(0, 0, 0, 0)
        self.panel_texts: list[tuple[Fitted, pygame.Rect, tuple[int, int, int]]] = []
        self._stop_listening: Callable[[], None] | None = None
        self.painter = Painter()  # draws by parts (frames.py)

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def scoring(self) -> bool:
        return self.view.top.scoring is not Scoring.OFF

    # ------------------------------------------------------------ life

    def enter(self) -> None:
        self.painter.forget()  # another screen was on the window
        # The deck's Chinese, Japanese or Korean in the face made for its language.
        self.app.text.set_language(self.state.deck.language)
        if self._stop_listening is None:
            self._stop_listening = self.session.subscribe(self.changed)
        speech = self.app.speech
        if speech.available():  # read aloud: the A key, a button here and on the phones
            self.session.read_by(self._read_aloud)
        self._sync_timer()
        if self.resumed:
            self.timer.paused = True
        self._spoken(None, self.view)  # self-voicing: the whole table, as it is now

    def _read_aloud(self, seat: int, choice: Choice) -> None:
        """The session's reader: read the card (or its ideas) on this computer's voice."""
        note = self.app.speech.read_card(self.view, ideas=choice.do is Do.READ_IDEAS)
        if note:
            self.note = note
            self.painter.forget()

    def _spoken(self, old: TableView | None, new: TableView) -> None:
        """Tell the speech what changed (it reads a new card, or says it all, by Settings)."""
        if self.app.settings.speech == "off":
            return
        note = self.app.speech.table_changed(old, new)
        if note:
            self.note = note

    def tell(self, sentence: str) -> None:
        self.notice = sentence
        self.refresh()

    def exit(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()
            self._stop_listening = None

    def update(self, dt: float) -> None:
        if self.flip < 1.0:
            before = self.flip
            self.flip = min(1.0, self.flip + dt / FLIP_SECONDS)
            if before < 0.5 <= self.flip:
                self.app.sound.play("flip")
        if self.overlay.pauses:
            return
        if self.timer.update(dt):
            self.app.sound.play("chime")

    @property
    def keeps_table_time(self) -> bool:
        return not self.overlay.pauses  # the menu or a help page stops the evening's clock

    def animating(self) -> bool:
        return self.flip < 1.0

    def wake_every(self) -> float | None:
        if self.timer.enabled and not self.timer.paused and not self.overlay.pauses:
            return 1.0 - (self.timer.elapsed % 1.0) + 0.01
        return None

    # ------------------------------------------------------------ timer

    def _timer_seconds(self) -> int:
        view, settings = self.view, self.app.settings
        if not settings.timers:
            return 0
        if view.card_timer is not None:
            return view.card_timer  # the card's own (format 1.1), even with rules' timers off
        # A deck's own rules keep their times (its protocol); a preset's follow Settings.
        timers = view.timers
        if view.phase is Phase.SHARE and timers.share > 0:
            return timers.share if timers.own else settings.share_seconds
        if view.phase is Phase.RESPOND and timers.respond > 0:
            return timers.respond if timers.own else settings.respond_seconds
        return 0

    def _sync_timer(self) -> None:
        # A new speaker (a pass hands the card on) starts the timer afresh.
        key = self.view.timer_key
        seconds = self._timer_seconds()
        if key != self.timer_key:
            self.timer_key = key
            self.timer.restart(seconds)
        elif self.timer.seconds and seconds:
            self.timer.seconds = seconds  # settings apply live
        elif not seconds:
            self.timer.seconds = 0

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        width = size[0] - 2 * self.look.px(24)  # the top bar's, as table_area makes it
        lines = top_lines(self.look, self.t, self.view.top, width)
        self.area = table_area(self.look, size, self.view.phase, lines)
        self.refresh()
        self.overlay.layout()

    def refresh(self, news: bool = False) -> None:
        """Read the view for the state on the table, and place its words and buttons.

        `news`: only the game changed (a phone's tap, say). When the TV may see nothing
        new of it (`table_view` gives the very view it gave before: a phone's mark changed
        only that phone's view), nothing is placed again and the kept frame stays."""
        old = self.view
        view = table_view(self.session, self.t, None, self.award_row)
        if news and view is old and self.area is not None:
            return
        if news and self._only_listening(old, view):
            return
        self.painter.forget()  # what is drawn may change
        self.view = view
        self.award_row = self.view.row
        if old is not self.view:
            self._spoken(old, self.view)
        if self.area is None:
            return
        self._sync_timer()
        look, area, view = self.look, self.area, self.view
        # While marks are given the view names the wild cards in its headline instead:
        # the rows need the banners' room.
        self.banners = place_banners(look, area.panel, list(view.banners))
        words = place_words(look, area.panel, self._words_top(), view)
        self.panel_texts, self.content = words.texts, words.content
        # Under the card: star and not for us, then read aloud, each row on its own.
        # While marks are given the card is small: A still reads it, with no button.
        aloud = view.aloud if view.phase is not Phase.AWARD else ()
        under_card = [r for r in (view.remember, aloud) if r]
        labels = max((tuple(o.label for o in r) for r in under_card), key=len, default=())
        self.card_box, memory_row = place_card(
            look, area.card, bool(under_card), labels, max(1, len(under_card))
        )
        buttons = self._bar_buttons()
        if view.marks:
            buttons += self.marks.place(self)
        if memory_row is not None:
            for offers, where in zip(
                under_card, split_rows(look, memory_row, len(under_card)), strict=True
            ):
                buttons += remember_buttons(look, offers, where)
        one_line = max(look.px(52), look.text.line_height(look.theme.small) + look.px(16))
        menu = pygame.Rect(0, 0, menu_width(look, self.t), one_line - look.px(6))
        menu.topright = (area.top.right, area.top.top + look.px(3))  # beside the first line
        buttons.append(
            Button(
                SHOW_MENU, self.t("table_menu"), menu, "Esc", style="quiet", size=look.theme.small
            )
        )
        self.buttons.set(buttons)

    def _words_top(self) -> int:
        """Where the panel's words start: under the wild cards' banners, if any."""
        assert self.area is not None
        banners = self.banners.rects
        return banners[0].bottom + self.look.px(16) if banners else self.area.panel.top

    def _only_listening(self, old: TableView, view: TableView) -> bool:
        """The new view differs from the old only in its line under the instruction (on
        the TV while phones mark: "Phones: 3 of 12 have marked", at every tap): when that
        line keeps its place, it alone is fitted again and only its box is drawn again
        (`Painter.redraw`), not the whole table (issue 27: twelve phones tapping changed
        the count nearly every frame, and each time the table was placed and drawn whole)."""
        area = self.area
        if area is None or not old.listening or not view.listening:
            return False
        if attrs.evolve(view, listening=old.listening) != old:
            return False
        words = place_words(self.look, area.panel, self._words_top(), view)
        kept = self.panel_texts
        if words.content != self.content or len(words.texts) != len(kept):
            return False  # the line needs another height: the rows under it move
        if any(new[1] != was[1] for new, was in zip(words.texts[:-1], kept[:-1], strict=True)):
            return False
        self.view = view
        self.award_row = view.row
        self._spoken(old, view)
        self.panel_texts = words.texts
        self.painter.redraw(kept[-1][1].union(words.texts[-1][1]))
        return True

    def _bar_buttons(self) -> list[Button]:
        view, t = self.view, self.t
        entries = [(o.id, o.label, o.key) for o in view.bar]
        # The pass names who gets the card and how many passes are left: it needs more room.
        weights = [1.6 if o.primary else 1.5 if o.choice.do is Do.PASS else 1.2 for o in view.bar]
        if view.stage is Stage.RESPOND:
            entries.append(
                (SHOW_HINTS, t("table_hints_hide" if self.hints_open else "table_hints"), "H")
            )
            weights.append(1.3)
        if view.stage in (Stage.SHARE, Stage.RETELL, Stage.RESPOND):
            entries.append((SHOW_FEELINGS, t("table_feelings"), "F"))
            weights.append(1.1)
        assert self.area is not None
        bar, gap = self.area.bar, self.look.px(14)
        two_rows = tall(self.app.size) and view.phase not in FEW_BUTTONS
        half = (bar.height - self.look.px(10)) // 2
        if two_rows and len(entries) > 2:
            # Two rows: the main choice alone on top, the others under it.
            first = pygame.Rect(bar.left, bar.top, bar.width, half)
            rest = pygame.Rect(bar.left, bar.bottom - half, bar.width, half)
            buttons = row(entries[:1], first, gap) + row(entries[1:], rest, gap, weights[1:])
        elif two_rows:
            bottom = pygame.Rect(bar.left, bar.bottom - half, bar.width, half)
            buttons = row(entries, bottom, gap, weights)
        else:
            buttons = row(entries, bar, gap, weights)
        for button, offer in zip(buttons, view.bar, strict=False):
            button.enabled = offer.enabled
            button.style = "primary" if offer.primary else "normal"
        return buttons

    # ------------------------------------------------------------ choosing

    def choose(self, offer: Offer) -> None:
        """Do what the view offered (asking first when it says so)."""
        if not offer.enabled:
            return
        if offer.ask_first:
            self.overlay.open(END)
            return
        choice = offer.choice
        before_marks = self.view.shown_marks  # the session's news refreshes the view
        try:
            self.session.choose_all(offer.seats, choice)
        except RuleError:  # another seat acted first (a phone): the offer is gone
            self.notice = self.t("table_not_now")
            return
        self.notice = self.t("table_save_failed") if self.session.save_failed else None
        note = self.note
        self.refresh()
        self._say(choice, before_marks)
        if self.note != note and choice.do is not Do.MARK:
            self.app.speech.note(self.note)  # a mark's thanks is said from the view already

    def _say(self, choice: Choice, before_marks: tuple[object, ...]) -> None:
        """The calm line after a choice (the view is the new one), and the sound of a mark."""
        t = self.t
        if choice.do is Do.STAR:
            self.note = t("table_star_added" if self.view.starred else "table_star_removed")
        elif choice.do is Do.NOT_FOR_US:
            self.note = t("table_not_for_us_done")
        elif choice.do is Do.MARK and len(self.view.shown_marks) > len(before_marks):
            self.app.sound.play("award")
            if not self.scoring and self.marks.thanks_box(self) is None:
                names = self.view.names
                # no room under the rows: the mark just given, as a line
                self.note = acknowledgement(self.view.shown_marks[-1], names, t)

    def _end_offer(self) -> Offer | None:
        return self.view.end_evening

    def can_end(self) -> bool:
        offer = self._end_offer()
        return offer is not None and offer.enabled

    def end_evening(self) -> None:
        """The players said yes to "end the evening?"."""
        offer = self._end_offer()
        if offer is None or not offer.enabled:
            return
        try:
            self.session.choose_all(offer.seats, offer.choice)
        except RuleError:  # another seat acted first (a phone): the offer is gone
            self.notice = self.t("table_not_now")

    def changed(self, before: GameState, after: GameState) -> None:
        """The session has a new state, whoever caused it."""
        if after.phase is not before.phase or after.speaker != before.speaker:
            # A press meant for the last step (a double-click, Enter-Enter) must not act here.
            self.app.hold_input()
        if after.card is not None and (after.card != before.card or after.turn != before.turn):
            self.flip = 0.0
            self.app.sound.play("deal")
        if after.phase is not before.phase or after.speaker != before.speaker:
            self.hints_open = False
            self.buttons.focus = None
            self.award_row = 0
            self.note = None if after.phase is not Phase.DEAL else self.note
        # The vote's outcome only: not everyone was ready, so the level stays.
        if (
            before.phase is Phase.DEEPER
            and after.phase is Phase.DEAL
            and after.level == before.level
        ):
            self.note = self.t("table_stay", name=after.deck.levels[after.level - 1].name)
            stay = self.note
        else:
            stay = None
        if after.phase is Phase.FINISHED:
            self._finished(after)
            return
        if self.app.scene is self:
            if after.phase is not before.phase:
                self.layout(self.app.size)  # the card column and the bar change with the phase
            else:
                self.refresh(news=True)
        if stay:
            self.app.speech.note(stay)  # self-voicing: the vote's outcome, after the change
        if after.level > before.level and after.phase not in (Phase.CLOSING, Phase.FINISHED):
            self.app.push("level_change", session=self.session, level=after.level)

    def _finished(self, state: GameState) -> None:
        """The summary, after the closeness check's second round if the players chose it."""
        app = self.app
        closeness = self.session.closeness

        def summary() -> None:
            app.reset("summary", state=state, closeness=closeness)

        if closeness is not None and closeness.asked_before():
            app.reset("closeness", closeness=closeness, when=AFTER, then=summary)
        else:
            summary()

    # ------------------------------------------------------------ input

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if self.resumed and kind is not Kind.POINT:
            self.resumed = False
            self.timer.paused = False
        if self.overlay.which is not None:
            self.overlay.handle(intent)
            return
        if kind is Kind.BACK:
            self.overlay.open(MENU)
        elif kind is Kind.FEELINGS:
            if self.buttons.get(SHOW_FEELINGS) is not None:
                self.overlay.open(FEELINGS)
        elif kind is Kind.HINTS:
            if self.buttons.get(SHOW_HINTS) is not None:
                self._show(SHOW_HINTS)
        elif kind is Kind.TIMER:
            self.timer.paused = not self.timer.paused
        elif kind in (Kind.UP, Kind.DOWN) and self.view.marks and len(self.view.marks) > 2:
            step = 1 if kind is Kind.DOWN else -1
            self.award_row = (self.award_row + step) % (len(self.view.marks) - 1)
            self.refresh()
        elif kind is Kind.CLICK and self.view.marks and self.marks.more_step(self, intent.pos):
            listeners, page = len(self.view.marks) - 1, max(1, len(self.marks.rows) - 1)
            step = self.marks.more_step(self, intent.pos) * page
            self.award_row = self.marks.scroll(step, listeners, self.award_row)
            self.refresh()
        elif kind is Kind.SCROLL and self.view.marks:
            listeners = len(self.view.marks) - 1
            self.award_row = self.marks.scroll(-intent.number, listeners, self.award_row)
            self.refresh()
        elif kind is Kind.NUMBER:
            offer = self.view.for_key(str(intent.number))
            if offer is not None:
                self.choose(offer)
        elif kind in KEY_NAMES and kind is not Kind.CONFIRM:
            offer = self.view.for_key(KEY_NAMES[kind])
            if offer is not None:
                self.choose(offer)
        elif not self.buttons.move_by_arrows(intent):
            self._press(intent)

    def _press(self, intent: Intent) -> None:
        """A click, Enter on the focused button, or Enter for the phase's main choice."""
        chosen = self.buttons.handle(intent)
        if chosen is None and intent.kind is Kind.CONFIRM:
            primary = self.view.primary
            chosen = primary.id if primary else None
        if chosen is not None:
            self.press(chosen)

    def press(self, chosen: str) -> None:
        """Press the button `chosen` (a choice's id, or the table's feelings, hints, menu)."""
        if chosen in (SHOW_FEELINGS, SHOW_HINTS, SHOW_MENU):
            self._show(chosen)
            return
        offer = self.view.offer(chosen)
        if offer is None:
            return
        if offer.choice.do is Do.MARK:  # a click on a row's mark chooses that row too
            for index, mark_row in enumerate(self.view.marks[:-1]):
                if offer in mark_row.marks:
                    self.award_row = index
        self.choose(offer)

    def _show(self, what: str) -> None:
        if what == SHOW_FEELINGS:
            self.overlay.open(FEELINGS)
        elif what == SHOW_MENU:
            self.overlay.open(MENU)
        elif what == SHOW_HINTS:
            self.hints_open = not self.hints_open
            self.refresh()

    # ------------------------------------------------------------ drawing

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        if self.overlay.which in (MENU, END):  # only the question's buttons take clicks
            return [(b.id, b.rect) for b in self.overlay.buttons.buttons]
        if self.overlay.which == FEELINGS:  # a click anywhere closes it
            return [(FEELINGS, pygame.Rect((0, 0), self.app.size))]
        more = self.marks.more if self.marks.above or self.marks.below else None
        return [*super().clickable(), *([("more", more)] if more else [])]

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_whole(surface)

    def present(self, surface: pygame.Surface) -> None:
        self.painter.draw(self, surface)  # by parts: what did not change is put back

    def draw_whole(self, surface: pygame.Surface, card: bool = True, still: bool = False) -> None:
        """Draw every part of the table (`still`: not the timer, which the painter draws)."""
        look, area = self.look, self.area
        assert area is not None
        pal = look.pal
        phase = self.view.phase
        surface.fill(pal.background)
        menu = self.buttons.get(SHOW_MENU)
        right = (menu.rect.left if menu else area.top.right) - look.px(20)
        # Drawn again in part (`Painter.redraw`, clipped): the top bar only if it shows there.
        clip = surface.get_clip()
        if clip == surface.get_rect() or clip.colliderect(area.top.inflate(0, area.top.height)):
            draw_top_bar(surface, look, self.t, self.view.top, area.top, right)
        if card:
            draw_card(surface, look, self.view, self.card_box, self.flip)
        for (title, text), rect in zip(self.view.banners, self.banners.rects, strict=False):
            draw_wild_card(surface, rect, look, title, text, text_size=self.banners.text_size)
        for fitted, box, colour in self.panel_texts:
            look.text.draw_fitted(surface, fitted, colour, box, align="left")
        if phase is Phase.SHARE:
            talk.draw_share(self, surface, still)
        elif phase is Phase.RESPOND:
            talk.draw_respond(self, surface, still)
        elif phase is Phase.AWARD:
            self.marks.draw(self, surface)
        if self.notice or self.note:
            text, colour = (
                (self.notice, pal.warning) if self.notice else (self.note or "", pal.given)
            )
            fitted = look.text.fit(text or "", area.notice.size, look.theme.small, look.theme.small)
            look.text.draw_fitted(
                surface, fitted, colour, area.notice, align="center", valign="bottom"
            )
        self.buttons.draw(surface, look)
        if phase is Phase.AWARD:
            draw_badges(self, surface)
        self.overlay.draw(surface)
