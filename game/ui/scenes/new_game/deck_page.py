"""New game, page 2 of 2: the deck and tonight's rules.

The deck chosen is the one picked (Enter, Space or a click), never one the focus passes on
the way; Enter on the chosen deck (or anywhere else) starts. The list scrolls: with many
decks each keeps its readable height, the focused one is always in view, and a line says
how many more there are. Right from a deck goes to the options ("Leave out" first), Left from
"Leave out" back to the list. "Leave out" opens the lines page on top of this one. In a
window taller than wide the options sit under the list.

A deck with translations is listed once, in the game's language; V (on the deck in focus,
else the chosen one) or a click on the languages on its name's row plays it in the next of
them, and chooses it: that version is the one dealt (deck_tile.py draws the control).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pygame

from game.content.sources import Catalog, CatalogLoad, unchanged
from game.table import terms
from game.table.closeness import ClosenessRound
from game.table.terms import Scoring, SetupError
from game.ui.intents import Intent, Kind
from game.ui.play import start_game, start_with_check
from game.ui.scenes.base import Scene
from game.ui.scenes.new_game.choices import OPTION_FIELDS, NewGame, topic_name
from game.ui.scenes.new_game.deck_tile import draw_tile, tile_heights, version_control
from game.ui.scenes.new_game.frame import SMALLEST, Frame, arrow_move, narrow
from game.ui.widgets.button import Button, ButtonGroup, draw_button
from game.ui.widgets.marks import draw_arrow
from game.ui.widgets.scroll_list import ScrollList, arrow_in_list

if TYPE_CHECKING:
    from game.content.decks import DeckResult
    from game.ui.app import App


class _Tiles:
    """The deck tiles' buttons, made once per list of decks and kept while it is the same
    (an unchanged catalog gives the very same tuple: choices._Families): opening the page
    again with 800 decks makes no button, it marks the chosen one. The list places each
    tile (`ScrollList.place` gives every one its rect and clip) and the page draws only the
    rows near the box."""

    def __init__(self) -> None:
        self.decks: tuple[object, ...] | None = None
        self.mode: object = None
        self.tiles: list[Button] = []
        self.made = 0  # buttons made (tests count them)

    def buttons(self, game: NewGame, decks: tuple[DeckResult, ...]) -> list[Button]:
        if decks is not self.decks or game.mode is not self.mode:
            nowhere = pygame.Rect(0, 0, 0, 0)  # ScrollList.place gives each its own place
            pickable = game.pickable
            self.tiles = [
                Button(f"deck:{i}", "", nowhere, "", pickable(result))
                for i, result in enumerate(decks)
            ]
            self.made += len(self.tiles)
            self.decks, self.mode = decks, game.mode
        tiles = self.tiles
        for tile in tiles:
            if tile.style != "normal":
                tile.style = "normal"
        if game.chosen is not None and game.chosen < len(tiles):
            tiles[game.chosen].style = "on"
        return list(tiles)


_TILES = _Tiles()


class DeckScene(Scene):
    page = "deck"

    def __init__(self, app: App, game: NewGame) -> None:
        super().__init__(app)
        self.game = game
        self.buttons = ButtonGroup()
        self.deck_list = ScrollList()
        self.frame: Frame | None = None
        self.notice: str | None = None
        self.option_label_w = 0
        # No frame reads a deck file: every reading is a thread's (app.read_decks). The decks
        # read before are listed at once while a reading looks for changed files (only
        # those are read again) and the list follows what it finds; the first time, the
        # page shows how far the reading is (the names page started it).
        # The decks read before are listed at once and the look for changed files starts
        # after the page's first frame (`_check_waits`): that reading is a thread, and at
        # 800 decks its 15 ms of Python shared the interpreter's lock with the opening frame,
        # which took twice its own time (issue 27).
        self.loading: CatalogLoad | None = None  # a reading waited for: nothing listed yet
        self.checking: CatalogLoad | None = None  # a reading while the decks read before show
        self._check_waits = False  # the look for changed files starts after the first frame
        known = app.known_catalog()
        if known is not None:
            game.use_catalog(known)
            self._check_waits = True
        else:
            reading = self.loading = app.read_decks()
            self.notice = self.t("new_loading", done=reading.done, total=max(reading.total, 1))
        chosen = game.chosen
        self._first_focus: str | None = f"deck:{chosen}" if chosen is not None else "next"
        self._reveal_chosen = True
        self._in_lines = False
        self._drawn = False  # a frame of the page was drawn

    # What the tests and the screenshots read.
    decks = property(lambda self: self.game.decks)
    deck = property(lambda self: self.game.deck)
    deck_index = property(lambda self: self.game.chosen)
    options = property(lambda self: self.game.options)
    catalog = property(lambda self: self.game.catalog)
    excluded = property(lambda self: self.game.excluded)

    @property
    def reading(self) -> CatalogLoad | None:
        """The reading of the decks under way, waited for or not (tests, screenshots); the
        look for changed files starts now if it was waiting for the first frame."""
        self._start_check()
        return self.loading or self.checking

    def _start_check(self) -> None:
        if self._check_waits:
            self._check_waits = False
            self.checking = self.app.read_decks()

    def update(self, dt: float) -> None:
        if self._drawn:
            self._start_check()  # the page is on the screen: now look for changed files
        checking = self.checking
        if checking is not None and checking.finished:
            self.checking = None
            if checking.catalog is not None and not unchanged(checking.catalog, self.game.catalog):
                self._list(checking.catalog)  # a deck changed meanwhile: the list follows
            elif checking.failed is not None:
                self.app.show_error("reading the decks", checking.failed)
        loading = self.loading
        if loading is None:
            return
        if loading.finished:
            self.loading = None
            if loading.catalog is not None:
                self.notice = None  # laid out once, by _list
                self._list(loading.catalog)
            else:
                self.app.show_error("reading the decks", loading.failed or RuntimeError("?"))
            return
        said = self.t("new_loading", done=loading.done, total=max(loading.total, 1))
        if said != self.notice:
            self.say(said)

    def _list(self, catalog: Catalog) -> None:
        """List the decks of `catalog`, the chosen one kept (by its id) and in view."""
        self.game.use_catalog(catalog)
        self.buttons.focus = None
        self._first_focus = f"deck:{self.game.chosen}" if self.game.chosen is not None else "next"
        self._reveal_chosen = True
        self.layout(self.app.size)

    def wake_every(self) -> float | None:
        return 0.1 if self._check_waits or self.reading is not None else None

    def enter(self) -> None:
        if self._in_lines:  # back from the lines page: Enter now starts, as the page says
            self._in_lines = False
            self.buttons.focus_on("next")
            if self.notice is not None:
                self.notice = None
                self.layout(self.app.size)

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look, game = self.look, self.game
        hint = self.t("new_deck_hint")
        if game.any_translated():
            hint += " " + self.t("new_deck_hint_versions")
        frame = self.frame = Frame(
            look,
            size,
            self.t("new_deck_title"),
            hint,
            self.t("new_step", number=2, count=2),
            self.notice,
        )
        content = frame.content
        gap = look.px(14)
        if narrow(size):  # the options under the list, each as wide as the window
            options = self._option_buttons(content, stacked=True)
            list_area = pygame.Rect(
                content.left,
                content.top,
                content.width,
                options[0].rect.top - gap - content.top,
            )
        else:
            list_w = int(content.width * 0.44)
            list_area = pygame.Rect(content.left, content.top, list_w, content.height)
            right = content.copy()
            right.left = content.left + list_w + 2 * gap
            right.width = content.right - right.left
            options = self._option_buttons(right, stacked=False)
        decks = game.decks
        tiles = _TILES.buttons(game, decks)
        heights = tile_heights(look, game, decks, list_area.width)
        self.deck_list.place(tiles, heights, list_area, look.px(8), look)
        if self._reveal_chosen and game.chosen is not None:
            self._reveal_chosen = False
            self.deck_list.reveal(game.chosen)
        focus = self._first_focus or self.buttons.focused_id
        self._first_focus = None
        # The chosen deck may be scrolled out of sight: the start button names it.
        chosen = game.deck
        start = self.t("new_start_with", deck=chosen.name) if chosen else self.t("new_start")
        bar = frame.bar_buttons(self.t("new_back"), start)
        if self.loading is not None:  # nothing to choose or start until the decks are read
            options = []
            for button in bar:
                if button.id == "next":
                    button.enabled, button.style = False, "normal"
            focus = None  # Enter must not mean Back while the player waits
        self.buttons.set([*tiles, *options, *bar], focus)

    def _option_buttons(self, area: pygame.Rect, stacked: bool) -> list[Button]:
        """One row per option, its name on the left: filling `area` from the top, or, stacked
        under the list in a narrow window, at the bottom of it."""
        look = self.look
        text, theme = look.text, look.theme
        small_gap = look.px(8)
        count = len(OPTION_FIELDS)
        least = text.line_height(theme.body, True) + look.px(12)
        option_h = max(least, min(look.px(66), (area.height - small_gap * (count - 1)) // count))
        if stacked:
            option_h = least
        label_w = max(text.width(self.t(f"new_option_{f}"), theme.small) for f in OPTION_FIELDS)
        self.option_label_w = min(label_w + look.px(14), int(area.width * 0.4))
        top = area.top
        if stacked:
            top = area.bottom - count * option_h - (count - 1) * small_gap
        buttons = []
        for i, field in enumerate(OPTION_FIELDS):
            y = top + i * (option_h + small_gap)
            rect = pygame.Rect(
                area.left + self.option_label_w, y, area.width - self.option_label_w, option_h
            )
            button = Button(f"option:{field}", self.option_text(field), rect)
            if field == "lines":
                button.enabled = bool(self.deck is not None and self.deck.topics)
            buttons.append(button)
        return buttons

    def option_text(self, field: str) -> str:
        options, t, game = self.options, self.t, self.game
        if options is None:
            return ""
        if field == "preset":
            return game.presets()[options.preset].name
        if field == "rounds":
            return t("new_rounds", count=options.rounds) if options.rounds else t("new_rounds_open")
        if field == "scoring":
            text = t(f"new_scoring_{options.scoring.value}")
            goal = game.goal() if options.scoring is Scoring.TOGETHER else None
            if goal is not None:
                text += " " + t("new_goal", goal=goal)
            return text
        if field == "timers":
            return t("new_timers_on") if options.timers else t("new_timers_off")
        if field == "closeness":
            return t("new_closeness_on") if options.closeness else t("new_closeness_off")
        if field == "lines":
            deck = self.deck
            if deck is None or not deck.topics:
                return t("new_lines_unavailable")
            left_out = game.left_out()
            if not left_out:
                return t("new_lines_none")
            return t("new_lines_some", topics=", ".join(topic_name(tag) for tag in left_out))
        deck = self.deck
        if deck is not None and all(level.finish for level in deck.levels):
            return t("new_pace_finish")  # format 1.1 `pace: finish`: the deck decides
        return t(f"new_pace_{options.pace.value}")

    def _deck_ids(self) -> list[str]:
        return [f"deck:{i}" for i in range(len(self.game.decks))]

    def _reveal_focus(self) -> None:
        focused = self.buttons.focused_id or ""
        if focused.startswith("deck:"):
            self.deck_list.reveal(int(focused.split(":")[1]))

    def _focus_in_view(self) -> None:
        """After the wheel: a deck scrolled away gives the focus to the nearest one in view."""
        focused = self.buttons.focused_id or ""
        if not focused.startswith("deck:"):
            return
        index = int(focused.split(":")[1])
        if self.deck_list.fully_shown(index):
            return
        shown = [
            i
            for i, b in enumerate(self.buttons.buttons[: len(self.game.decks)])
            if b.enabled and self.deck_list.fully_shown(i)
        ]
        if shown:
            self.buttons.focus_on(f"deck:{min(shown, key=lambda i: abs(i - index))}")
        else:
            self.buttons.focus = None

    # ------------------------------------------------------------ acting

    def choose(self, index: int) -> None:
        self.game.choose(index)
        self.notice = None
        self.layout(self.app.size)

    def other_version(self, index: int) -> None:
        """Play the deck at `index` in its next language (and choose it)."""
        if self.game.other_version(index):
            self.notice = None
            self._first_focus = self.buttons.focused_id
            self.layout(self.app.size)

    def _version_at(self, pos: tuple[int, int]) -> int | None:
        """The deck whose language control is at `pos`, if one is."""
        for i, result in enumerate(self.game.decks):
            button = self.buttons.get(f"deck:{i}")
            if button is None or not button.shown.collidepoint(pos):
                continue
            control = version_control(self.look, self.game, result, button.rect)
            return i if control is not None and control.collidepoint(pos) else None
        return None

    def focus_deck(self, index: int) -> None:
        """Put the focus on a deck and scroll it into view (moving only, never choosing)."""
        self.buttons.focus_on(f"deck:{index}")
        self.deck_list.reveal(index)

    def change_option(self, field: str, step: int) -> None:
        self.game.change_option(field, step)
        self.layout(self.app.size)

    def open_lines(self) -> None:
        deck = self.deck
        if deck is not None and deck.topics:
            self._in_lines = True
            self.app.push("lines", deck=deck, excluded=self.game.excluded)

    def say(self, notice: str | None) -> None:
        """A calm line above the bar (the page makes room for it)."""
        self.notice = notice
        self.layout(self.app.size)

    def start(self) -> None:
        game = self.game
        if self.loading is not None:
            return  # the decks are still being read: the line above the bar says so
        if game.deck is None:
            self.say(self.t("new_no_deck"))
            return
        try:
            state = terms.new_game(game.setup())
        except SetupError as error:  # said in the players' language: ui.yaml's setup_<why>
            self.say(self.t(f"setup_{error.why}", **error.values))
            return
        if game.options is not None and game.options.closeness:
            start_with_check(self.app, state, ClosenessRound(tuple(game.names)))
            return
        start_game(self.app, state)

    def press(self, button_id: str, step: int = 1) -> None:
        """`step`: -1 when an option was clicked on its left half, where its back arrow is."""
        if button_id.startswith("deck:"):
            self.choose(int(button_id.split(":")[1]))
        elif button_id == "next":
            self.start()
        elif button_id == "back":
            self.app.pop()
        elif button_id == "option:lines":
            self.open_lines()
        elif button_id.startswith("option:"):
            self.change_option(button_id.split(":")[1], step)

    def confirm(self, focused: str) -> None:
        """Enter chooses the deck it is on (if not chosen yet) or opens "Leave out";
        anywhere else it starts, as the bar's Enter says."""
        if focused.startswith("deck:") and int(focused.split(":")[1]) != self.game.chosen:
            self.choose(int(focused.split(":")[1]))
        elif focused in ("option:lines", "back"):
            self.press(focused)
        else:
            self.start()

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        focused = self.buttons.focused_id or ""
        if kind is Kind.BACK:
            self.app.pop()
        elif self.deck_list.handle(intent):
            self._focus_in_view()
        elif focused.startswith("deck:") and kind in (Kind.UP, Kind.DOWN, Kind.RIGHT):
            self._arrow_from_deck(kind)
        elif focused.startswith("option:") and kind in (Kind.LEFT, Kind.RIGHT):
            if focused != "option:lines":
                self.change_option(focused.split(":")[1], -1 if kind is Kind.LEFT else 1)
            elif kind is Kind.RIGHT:
                self.open_lines()  # as its one arrow, to the right, shows
            elif not narrow(self.app.size):
                self._to_list()  # "Leave out" is a page of its own, opened by Enter or a click
        elif kind in (Kind.UP, Kind.DOWN, Kind.LEFT, Kind.RIGHT):
            arrow_move(self.buttons, kind)
            self._reveal_focus()
        elif kind in (Kind.NEXT, Kind.PREVIOUS):
            self.buttons.move(1 if kind is Kind.NEXT else -1)
            self._reveal_focus()
        elif kind is Kind.CONFIRM:
            self.confirm(focused)
        elif kind is Kind.VERSION:
            index = int(focused.split(":")[1]) if focused.startswith("deck:") else self.game.chosen
            if index is not None and self.loading is None:
                self.other_version(index)
        elif kind is Kind.CLICK and self._version_at(intent.pos) is not None:
            index = self._version_at(intent.pos)
            assert index is not None
            self.other_version(index)
        elif kind in (Kind.POINT, Kind.CLICK):
            pressed = self.buttons.handle(intent)
            if pressed:
                hit = self.buttons.get(pressed)
                back = hit is not None and intent.pos[0] < hit.rect.centerx
                self.press(pressed, -1 if back else 1)

    def _arrow_from_deck(self, kind: Kind) -> None:
        """Up and Down go along the list (only moving the focus); Down past the last deck and
        Right go on to what is next: the options, or Start."""
        if kind is not Kind.RIGHT and arrow_in_list(
            self.buttons, self.deck_list, self._deck_ids(), kind
        ):
            return
        if kind is Kind.UP:
            return
        if kind is Kind.DOWN and not narrow(self.app.size):
            self.buttons.focus_on("next")
            return
        options = [b for b in self.buttons.buttons if b.id.startswith("option:") and b.enabled]
        self.buttons.focus_on(options[0].id if options else "next")

    def _to_list(self) -> None:
        """Back to the list: the chosen deck when it is in view, else the nearest one."""
        chosen = self.game.chosen
        if chosen is not None and self.deck_list.fully_shown(chosen):
            self.buttons.focus_on(f"deck:{chosen}")
        else:
            self.buttons.move_toward(Kind.LEFT, among=self._deck_ids())
            self._reveal_focus()

    # ------------------------------------------------------------ drawing

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        return [*super().clickable(), *self.deck_list.clickable()]

    def draw(self, surface: pygame.Surface) -> None:
        self._drawn = True
        look, game = self.look, self.game
        pal, text = look.pal, look.text
        surface.fill(pal.background)
        if self.frame is not None:
            self.frame.draw(surface, self.notice)
        focused, hover = self.buttons.focused_id, self.buttons.hover
        decks = game.decks
        tiles = self.buttons.buttons[: len(decks)]
        for index in self.deck_list.near:  # the rows near the box, not all 800
            button = tiles[index]
            if not button.shown.width:
                continue
            surface.set_clip(button.clip)
            result = decks[index]
            draw_tile(
                surface,
                look,
                game,
                result,
                button.rect,
                chosen=button.style == "on",
                focused=focused == button.id,
                hovered=hover == button.id,
                enabled=button.enabled,
            )
            surface.set_clip(None)
        self.deck_list.draw_more(
            surface,
            look,
            self.t("list_more_above", count=self.deck_list.above()),
            self.t("list_more_below", count=self.deck_list.below()),
        )
        if not decks:
            box = self.deck_list.box
            if self.loading is not None:  # the line above the bar says how far
                said, ink = self.t("new_loading_list"), pal.muted
            else:
                said, ink = self.t("new_no_deck"), pal.warning
            fitted = text.fit(said, box.size, look.theme.body, SMALLEST)
            text.draw_fitted(surface, fitted, ink, box)
        for button in self.buttons.buttons[len(decks) :]:
            if button.id.startswith("option:"):
                self._draw_option(surface, button, focused == button.id, hover == button.id)
            else:
                draw_button(surface, look, button, hover == button.id, focused == button.id)

    def _draw_option(
        self, surface: pygame.Surface, button: Button, focused: bool, hovered: bool
    ) -> None:
        """The option's name on the left, its value between arrows that say left and right
        change it ("Leave out" has one arrow: it opens a page)."""
        look = self.look
        pal, text, theme = look.pal, look.text, look.theme
        field = button.id.split(":")[1]
        name = text.ellipsize(
            self.t(f"new_option_{field}"), theme.small, self.option_label_w - look.px(10)
        )
        at = (button.rect.left - self.option_label_w, button.rect.centery)
        colour = pal.text if field == "lines" else pal.muted
        text.draw(surface, name, theme.small, colour, at, bold=field == "lines", anchor="midleft")
        draw_button(surface, look, dataclasses.replace(button, label=""), hovered, focused)
        rect = button.rect
        side = min(rect.height // 2, look.px(22))
        ends = [] if field == "lines" else [("left", rect.left + look.px(10))]
        ends.append(("right", rect.right - look.px(10) - side))
        if button.enabled:
            for direction, x in ends:
                arrow = pygame.Rect(x, rect.centery - side // 2, side, side)
                draw_arrow(surface, arrow, direction, pal.muted)
        inset = look.px(20) + side
        box = rect.inflate(-2 * inset, -look.px(4))
        ink = pal.button_text if button.enabled else pal.disabled
        fitted = text.fit(button.label, box.size, theme.body, SMALLEST, bold=True)
        text.draw_fitted(surface, fitted, ink, box, align="center", valign="middle")
