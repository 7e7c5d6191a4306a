"""New game, in two pages: who plays (mode and names), then the deck and tonight's rules.

Every choice has a default, so Enter on each page starts a pair game with the first
playable deck and its preset. Names left empty become "Player 1", "Player 2", ...
"Leave out" opens the lines page (topics the group rules out, never dealt this game);
the closeness check, off by default, asks everyone before the first card.
"""

from __future__ import annotations

import random

import attrs
import pygame

from game.core import engine
from game.core.cards import Mode
from game.core.errors import SetupError
from game.core.rules import LevelPace, Rules, Scoring
from game.core.state import Player, Setup
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.scenes.lines import topic_name
from game.ui.widgets.button import Button, draw_button
from game.ui.widgets.marks import draw_arrow
from game.ui.widgets.text_field import TextField

MAX_PLAYERS = 12
MIN_CIRCLE = 3
ROUND_CHOICES = (2, 3, 4, 5, 6, 8, 10, 12, None)
OPTION_FIELDS = ("lines", "preset", "rounds", "scoring", "timers", "pace", "closeness")


@attrs.define
class Options:
    preset: str
    rounds: int | None
    scoring: Scoring
    timers: bool
    pace: LevelPace
    closeness: bool = False  # the closeness check before the first card and after the last


class NewGameScene(Scene):
    def __init__(self, app, memory_file=None) -> None:
        super().__init__(app)
        self.memory_file = memory_file  # None: the player's own (store.paths.memory_path)
        self.page = "players"
        self.mode = Mode.PAIR
        self.fields = [self._field(i) for i in range(2)]
        self.focus: str | None = "name:0"
        self.hover: str | None = None
        self.buttons: list[Button] = []
        self.notice: str | None = None
        self.catalog = None
        self.deck_index: int | None = None
        self.options: Options | None = None
        self.deck_lines: dict[int, tuple[str, str]] = {}
        self.excluded: set[str] = set()  # topic tags the group leaves out (kept across decks)
        # The group's memory of cards (store/memory.py), read when the names are known.
        self.memory = None
        self.starred_deck = None  # a DeckResult for the group's starred cards, when they have any
        self.new_texts: dict[str, str] = {}

    def _field(self, index: int) -> TextField:
        return TextField(
            f"name:{index}",
            placeholder=self.t("new_name_placeholder", number=index + 1),
            max_length=24,
        )

    @property
    def wants_text(self) -> bool:  # type: ignore[override]
        return self.page == "players" and bool(self.focus and self.focus.startswith("name:"))

    def enter(self) -> None:
        if self.catalog is None:  # coming back from the lines page keeps the decks as they were
            self.catalog = self.app.catalog(reload=True)

    @property
    def decks(self) -> tuple:
        """The catalog's decks, and the group's starred cards as a deck when it has some."""
        decks = self.catalog.decks if self.catalog else ()
        return (*decks, self.starred_deck) if self.starred_deck else decks

    def read_memory(self) -> None:
        """What this group (the names typed) has had and starred, when Settings keep it."""
        self.memory, self.starred_deck = None, None
        self.new_texts: dict[str, str] = {}  # deck id -> "N new to you", worked out once here
        if not self.app.settings.remember_cards:
            return
        from game.content.decks import DeckResult
        from game.content.favourites import favourites_deck
        from game.store.memory import load_memory

        self.memory = load_memory(self.memory_file)[0]
        loaded = [
            result.deck for result in (self.catalog.decks if self.catalog else ()) if result.ok
        ]
        deck = favourites_deck(
            self.memory.starred(self.names()),
            [d for d in loaded if d is not None],
            self.t("favourites_name"),
            self.t("favourites_description"),
            self.t("favourites_level"),
        )
        if deck is not None:
            self.starred_deck = DeckResult("starred", deck, ())

    def new_to_group(self, deck) -> str | None:
        """'N new to you' for a deck row, or None when the memory is off (counted once, not a frame)."""
        if self.memory is None:
            return None
        if deck.id not in self.new_texts:
            self.new_texts[deck.id] = self._count_new(deck)
        return self.new_texts[deck.id]

    def _count_new(self, deck) -> str:
        prompts = [card.id for card in deck.cards if not card.is_wild]
        lists = self.memory.deck(self.names(), deck.id)
        new = lists.new_count(prompts)
        playable = len([c for c in prompts if c not in lists.not_for_us])
        if new == playable:
            return self.t("new_deck_all_new")
        if new == 0:
            return self.t("new_deck_none_new")
        return self.t("new_deck_some_new", count=new)

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        if self.page == "players":
            self._layout_players(size)
        else:
            self._layout_deck(size)

    def _frame(self, size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
        """(content area, bottom bar) under the page title."""
        look = self.look
        width, height = size
        margin = look.px(36)
        title_h = (
            look.text.line_height(look.theme.title, True)
            + look.text.line_height(look.theme.small)
            + look.px(16)
        )
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        notice_h = look.text.line_height(look.theme.small) + look.px(6)
        content = pygame.Rect(
            margin,
            margin + title_h,
            width - 2 * margin,
            bar.top - margin - title_h - notice_h - look.px(8),
        )
        return content, bar

    def _bar(self, bar: pygame.Rect, next_label: str) -> list[Button]:
        look = self.look
        back_w = int(bar.width * 0.3)
        gap = look.px(16)
        return [
            Button(
                "back",
                self.t("new_back"),
                pygame.Rect(bar.left, bar.top, back_w, bar.height),
                "Esc",
            ),
            Button(
                "next",
                next_label,
                pygame.Rect(bar.left + back_w + gap, bar.top, bar.width - back_w - gap, bar.height),
                "Enter",
                style="primary",
            ),
        ]

    def _layout_players(self, size: tuple[int, int]) -> None:
        look = self.look
        content, bar = self._frame(size)
        gap = look.px(14)
        row_h = max(look.px(58), look.text.line_height(look.theme.body, True) + look.px(14))
        half = (content.width - gap) // 2
        buttons = [
            Button(
                "mode:pair",
                self.t("new_mode_pair"),
                pygame.Rect(content.left, content.top, half, row_h),
                style="on" if self.mode is Mode.PAIR else "normal",
            ),
            Button(
                "mode:circle",
                self.t("new_mode_circle"),
                pygame.Rect(content.left + half + gap, content.top, half, row_h),
                style="on" if self.mode is Mode.CIRCLE else "normal",
            ),
        ]
        top = content.top + row_h + look.px(22) + look.text.line_height(look.theme.body, True)
        self.names_top = top - look.text.line_height(look.theme.body, True) - look.px(4)
        controls_h = row_h if self.mode is Mode.CIRCLE else 0
        columns = 1 if len(self.fields) <= 4 else 2
        per_column = -(-len(self.fields) // columns)
        room = content.bottom - top - controls_h - gap
        field_h = min(row_h, max(look.px(30), room // per_column - gap))
        column_w = (content.width - gap * (columns - 1)) // columns
        if columns == 1:
            column_w = min(content.width, look.px(640))
        for i, field in enumerate(self.fields):
            col, line = divmod(i, per_column)
            field.rect = pygame.Rect(
                content.left + col * (column_w + gap),
                top + line * (field_h + gap),
                column_w,
                field_h,
            )
        if self.mode is Mode.CIRCLE:
            y = top + per_column * (field_h + gap)
            third = min(look.px(300), (content.width - gap) // 2)
            add = Button(
                "add", self.t("new_add_player"), pygame.Rect(content.left, y, third, row_h)
            )
            remove = Button(
                "remove",
                self.t("new_remove_player"),
                pygame.Rect(content.left + third + gap, y, third, row_h),
            )
            add.enabled = len(self.fields) < MAX_PLAYERS
            remove.enabled = len(self.fields) > MIN_CIRCLE
            buttons += [add, remove]
        buttons += self._bar(bar, self.t("new_next"))
        self.buttons = buttons
        self.field_size = min(look.theme.body, max(14, int(field_h * 0.5)))

    def _layout_deck(self, size: tuple[int, int]) -> None:
        look = self.look
        content, bar = self._frame(size)
        gap = look.px(14)
        decks = self.decks
        list_w = int(content.width * 0.44)
        count = max(1, len(decks))
        row_h = min(look.px(110), (content.height - gap * (count - 1)) // count)
        buttons: list[Button] = []
        for i, result in enumerate(decks):
            rect = pygame.Rect(content.left, content.top + i * (row_h + gap), list_w, row_h)
            button = Button(f"deck:{i}", "", rect, style="on" if i == self.deck_index else "normal")
            button.enabled = self._pickable(result)
            buttons.append(button)
        left = content.left + list_w + gap * 2
        right_w = content.right - left
        small_gap = max(2, gap // 2)
        count = len(OPTION_FIELDS)
        option_h = min(look.px(66), (content.height - small_gap * (count - 1)) // count)
        label_w = max(
            look.text.width(self.t(f"new_option_{f}"), look.theme.small) for f in OPTION_FIELDS
        )
        self.option_label_w = min(label_w + look.px(14), int(right_w * 0.4))
        for i, field in enumerate(OPTION_FIELDS):
            y = content.top + i * (option_h + small_gap)
            rect = pygame.Rect(
                left + self.option_label_w, y, right_w - self.option_label_w, option_h
            )
            label = self._option_text(field)
            size = min(look.theme.body, max(13, int(rect.height * 0.42)))
            arrows = 2 * (look.px(26) + min(rect.height // 2, look.px(22)))
            while size > 12 and look.text.width(label, size, True) > rect.width - arrows:
                size -= 1  # the words stay clear of the arrows at both ends
            button = Button(f"option:{field}", label, rect, size=size)
            if field == "lines":
                button.enabled = bool(self.deck is not None and self.deck.topics)
            buttons.append(button)
        buttons += self._bar(bar, self.t("new_start"))
        self.buttons = buttons

    # ------------------------------------------------------------ decks and options

    def _pickable(self, result) -> bool:
        return result.deck is not None and self.mode in result.deck.modes

    def _choose_default_deck(self) -> None:
        decks = self.decks
        if (
            self.deck_index is not None
            and self.deck_index < len(decks)
            and self._pickable(decks[self.deck_index])
        ):
            return
        self.deck_index = next((i for i, r in enumerate(decks) if self._pickable(r)), None)
        self.options = None
        self._default_options()

    def _default_options(self) -> None:
        deck = self.deck
        presets = self._presets()
        preset = deck.preset if deck is not None and deck.preset in presets else next(iter(presets))
        self.options = self._options_from(preset)

    def _presets(self) -> dict[str, Rules]:
        presets = dict(self.catalog.presets) if self.catalog else {}
        return presets or {"classic": Rules()}

    def _options_from(self, preset: str) -> Options:
        rules = self._presets()[preset]
        scoring = rules.scoring
        return Options(
            preset,
            rules.rounds,
            scoring,
            self.app.settings.timers and rules.share_seconds > 0,
            rules.level_pace,
        )

    @property
    def deck(self):
        decks = self.decks
        if self.deck_index is None or self.deck_index >= len(decks):
            return None
        return decks[self.deck_index].deck

    def _option_text(self, field: str) -> str:
        options = self.options
        t = self.t
        if options is None:
            return ""
        if field == "preset":
            return self._presets()[options.preset].name
        if field == "rounds":
            return t("new_rounds", count=options.rounds) if options.rounds else t("new_rounds_open")
        if field == "scoring":
            text = t(f"new_scoring_{options.scoring.value}")
            if options.scoring is Scoring.TOGETHER:
                text += " " + t("new_goal", goal=self._goal())
            return text
        if field == "timers":
            return t("new_timers_on") if options.timers else t("new_timers_off")
        if field == "closeness":
            return t("new_closeness_on") if options.closeness else t("new_closeness_off")
        if field == "lines":
            deck = self.deck
            if deck is None or not deck.topics:
                return t("new_lines_unavailable")
            left_out = self.left_out()
            if not left_out:
                return t("new_lines_none")
            return t("new_lines_some", topics=", ".join(topic_name(tag) for tag in left_out))
        return t(f"new_pace_{options.pace.value}")

    def left_out(self) -> tuple[str, ...]:
        """The chosen deck's topics the group leaves out, in the deck's order."""
        deck = self.deck
        if deck is None:
            return ()
        return tuple(tag for tag, _ in deck.topics if tag in self.excluded)

    def _goal(self) -> int:
        preset = self._presets()[self.options.preset]
        if preset.goal:
            return preset.goal
        return 3 * len(self.fields) * (self.options.rounds or 6)

    def change_option(self, field: str, step: int) -> None:
        options = self.options
        if options is None:
            return
        if field == "preset":
            keys = list(self._presets())
            self.options = self._options_from(keys[(keys.index(options.preset) + step) % len(keys)])
            self.options.closeness = options.closeness
        elif field == "rounds":
            index = ROUND_CHOICES.index(options.rounds) if options.rounds in ROUND_CHOICES else 4
            options.rounds = ROUND_CHOICES[(index + step) % len(ROUND_CHOICES)]
        elif field == "scoring":
            order = list(Scoring)
            options.scoring = order[(order.index(options.scoring) + step) % len(order)]
        elif field == "timers":
            options.timers = not options.timers
        elif field == "pace":
            order = list(LevelPace)
            options.pace = order[(order.index(options.pace) + step) % len(order)]
        elif field == "closeness":
            options.closeness = not options.closeness
        elif field == "lines":
            return  # a page of its own, opened by Enter or a click
        self.layout(self.app.size)

    def open_lines(self) -> None:
        deck = self.deck
        if deck is None or not deck.topics:
            return
        from game.ui.scenes.lines import LinesScene

        self.app.switch(LinesScene(self.app, self, deck))

    def rules(self) -> Rules:
        options = self.options
        preset = self._presets()[options.preset]
        settings = self.app.settings
        return attrs.evolve(
            preset,
            rounds=options.rounds,
            scoring=options.scoring,
            goal=self._goal() if options.scoring is Scoring.TOGETHER else preset.goal,
            share_seconds=settings.share_seconds if options.timers else 0,
            respond_seconds=settings.respond_seconds if options.timers else 0,
            level_pace=options.pace,
        )

    def names(self) -> list[str]:
        return [
            f.value.strip() or self.t("new_name_placeholder", number=i + 1)
            for i, f in enumerate(self.fields)
        ]

    # ------------------------------------------------------------ acting

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        wanted = 2 if mode is Mode.PAIR else max(MIN_CIRCLE, len(self.fields))
        while len(self.fields) < wanted:
            self.fields.append(self._field(len(self.fields)))
        del self.fields[wanted:]
        self.layout(self.app.size)

    def go_next(self) -> None:
        if self.page == "players":
            self.page = "deck"
            self.notice = None
            self.read_memory()
            self._choose_default_deck()
            self.focus = f"deck:{self.deck_index}" if self.deck_index is not None else "next"
            self.layout(self.app.size)
            return
        self.start()

    def start(self) -> None:
        deck = self.deck
        if deck is None:
            self.notice = self.t("new_no_deck")
            return
        setup = Setup(
            deck=deck,
            rules=self.rules(),
            players=tuple(Player(name) for name in self.names()),
            mode=self.mode,
            seed=random.randrange(1 << 31),
            excluded_tags=self.left_out(),
            **self._remembered(deck),
        )
        try:
            state = engine.new_game(setup)
        except SetupError as error:
            self.notice = str(error)
            return
        if self.options.closeness:
            from game.ui.scenes.closeness import ClosenessRound, start_with_check

            start_with_check(self.app, state, ClosenessRound(tuple(self.names())))
            return
        from game.ui.scenes.table import start_game

        start_game(self.app, state)

    def _remembered(self, deck) -> dict[str, tuple[str, ...]]:
        """What the group's memory tells the engine: cards had before, cards not for us."""
        if self.memory is None:
            return {}
        lists = self.memory.deck(self.names(), deck.id)
        return {"had_before": tuple(lists.had), "not_for_us": tuple(lists.not_for_us)}

    def go_back(self) -> None:
        if self.page == "deck":
            self.page = "players"
            self.focus = "next"
            self.layout(self.app.size)
            return
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def press(self, button_id: str) -> None:
        if button_id == "next":
            self.go_next()
        elif button_id == "back":
            self.go_back()
        elif button_id.startswith("mode:"):
            self.set_mode(Mode(button_id.split(":")[1]))
        elif button_id == "add" and len(self.fields) < MAX_PLAYERS:
            self.fields.append(self._field(len(self.fields)))
            self.focus = self.fields[-1].id
            self.layout(self.app.size)
        elif button_id == "remove" and len(self.fields) > MIN_CIRCLE:
            self.fields.pop()
            self.layout(self.app.size)
        elif button_id.startswith("deck:"):
            self.deck_index = int(button_id.split(":")[1])
            self._default_options()
            self.layout(self.app.size)
        elif button_id == "option:lines":
            self.open_lines()
        elif button_id.startswith("option:"):
            self.change_option(button_id.split(":")[1], 1)

    # ------------------------------------------------------------ focus

    def focus_order(self) -> list[str]:
        if self.page == "players":
            order = ["mode:pair" if self.mode is Mode.PAIR else "mode:circle"]
            order += [f.id for f in self.fields]
        else:
            order = []
        order += [
            b.id
            for b in self.buttons
            if b.enabled and not b.id.startswith("mode:") and b.id != "back"
        ]
        return order

    def move_focus(self, step: int) -> None:
        order = self.focus_order()
        if not order:
            return
        index = order.index(self.focus) if self.focus in order else (-1 if step > 0 else 0)
        self.focus = order[(index + step) % len(order)]
        if self.page == "deck" and self.focus.startswith("deck:"):
            self.press(self.focus)

    def _hit(self, pos: tuple[int, int]) -> str | None:
        for field in self.fields if self.page == "players" else ():
            if field.rect.collidepoint(pos):
                return field.id
        for button in self.buttons:
            if button.rect.collidepoint(pos) and button.enabled:
                return button.id
        return None

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        focused_field = (
            next((f for f in self.fields if f.id == self.focus), None)
            if self.page == "players"
            else None
        )
        if kind is Kind.POINT:
            self.hover = self._hit(intent.pos)
            return
        if kind is Kind.CLICK:
            hit = self._hit(intent.pos)
            if hit is None:
                return
            self.focus = hit
            if not hit.startswith("name:"):
                self.press(hit)
            return
        if kind is Kind.BACK:
            self.go_back()
            return
        if kind is Kind.CONFIRM:
            # Enter moves on (the hint says so); only these buttons do something else.
            if self.focus in ("add", "remove", "back", "option:lines"):
                self.press(self.focus)
            else:
                self.go_next()
            return
        if kind in (Kind.NEXT, Kind.DOWN):
            self.move_focus(1)
            return
        if kind in (Kind.PREVIOUS, Kind.UP):
            self.move_focus(-1)
            return
        if focused_field is not None and focused_field.handle(intent):
            return
        if kind in (Kind.LEFT, Kind.RIGHT):
            step = -1 if kind is Kind.LEFT else 1
            if self.focus and self.focus.startswith("mode:"):
                self.set_mode(Mode.CIRCLE if self.mode is Mode.PAIR else Mode.PAIR)
                self.focus = f"mode:{self.mode.value}"
            elif self.focus and self.focus.startswith("option:"):
                self.change_option(self.focus.split(":")[1], step)

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, height = surface.get_size()
        margin = look.px(36)
        title = self.t("new_players_title") if self.page == "players" else self.t("new_deck_title")
        rect = look.text.draw(
            surface, title, look.theme.title, pal.accent, (margin, margin - look.px(6)), bold=True
        )
        step = self.t("new_step", number=1 if self.page == "players" else 2, count=2)
        look.text.draw(
            surface,
            step,
            look.theme.small,
            pal.muted,
            (width - margin, rect.centery),
            anchor="midright",
        )
        hint = self.t("new_players_hint") if self.page == "players" else self.t("new_deck_hint")
        look.text.draw(
            surface,
            look.text.ellipsize(hint, look.theme.small, width - 2 * margin),
            look.theme.small,
            pal.muted,
            (margin, rect.bottom),
        )
        if self.page == "players":
            self._draw_players(surface)
        else:
            self._draw_deck(surface)
        for button in self.buttons:
            if not button.id.startswith("deck:"):
                draw_button(surface, look, button, self.hover == button.id, self.focus == button.id)
            if button.id.startswith("option:") and button.enabled:
                self._draw_arrows(surface, button)
        if self.notice:
            bar_top = self.buttons[-1].rect.top
            box = pygame.Rect(
                margin,
                bar_top - look.text.line_height(look.theme.small) - look.px(6),
                width - 2 * margin,
                look.text.line_height(look.theme.small),
            )
            fitted = look.text.fit(self.notice, box.size, look.theme.small, 12)
            look.text.draw_fitted(surface, fitted, pal.warning, box, align="center")
        del height

    def _draw_arrows(self, surface: pygame.Surface, button: Button) -> None:
        """Small arrows at both ends say an option changes with left and right (or a click)."""
        look = self.look
        side = min(button.rect.height // 2, look.px(22))
        ends = [("left", button.rect.left + look.px(10))]
        if button.id == "option:lines":  # opens a page: one arrow, pointing on
            ends = []
        ends.append(("right", button.rect.right - look.px(10) - side))
        for direction, x in ends:
            arrow = pygame.Rect(x, button.rect.centery - side // 2, side, side)
            draw_arrow(surface, arrow, direction, look.pal.muted)

    def _draw_players(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        names_label = self.t("new_names", count=len(self.fields))
        left = self.fields[0].rect.left
        look.text.draw(
            surface, names_label, look.theme.body, pal.text, (left, self.names_top), bold=True
        )
        for field in self.fields:
            field.draw(
                surface, look, self.focus == field.id, self.hover == field.id, self.field_size
            )

    def _draw_deck(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        decks = self.decks
        for button in self.buttons:
            if button.id.startswith("deck:"):
                self._draw_deck_row(surface, button, decks[int(button.id.split(":")[1])])
        size = look.theme.small
        for button in self.buttons:
            if button.id.startswith("option:"):
                field = button.id.split(":")[1]
                label = look.text.ellipsize(
                    self.t(f"new_option_{field}"), size, self.option_label_w - look.px(10)
                )
                look.text.draw(
                    surface,
                    label,
                    size,
                    pal.text if field == "lines" else pal.muted,
                    (button.rect.left - self.option_label_w, button.rect.centery),
                    bold=field == "lines",
                    anchor="midleft",
                )
        if not decks:
            first = self.buttons[0].rect if self.buttons else pygame.Rect(0, 0, 0, 0)
            look.text.draw(
                surface, self.t("new_no_deck"), look.theme.body, pal.warning, first.topleft
            )

    def _draw_deck_row(self, surface: pygame.Surface, button: Button, result) -> None:
        look = self.look
        pal = look.pal
        rect = button.rect
        chosen = button.style == "on"
        focused = self.focus == button.id
        hovered = self.hover == button.id
        fill = pal.card if chosen else (pal.hover if hovered else pal.panel)
        pygame.draw.rect(surface, fill, rect, border_radius=look.px(14))
        if chosen:
            pygame.draw.rect(
                surface, pal.accent, rect, width=max(3, look.px(4)), border_radius=look.px(14)
            )
        if focused:
            pygame.draw.rect(
                surface,
                pal.focus,
                rect.inflate(look.px(10), look.px(10)),
                width=max(3, look.px(4)),
                border_radius=look.px(18),
            )
        inner = rect.inflate(-look.px(24), -look.px(10))
        deck = result.deck
        ink = pal.card_text if chosen else pal.text
        if deck is None:
            title = result.path.replace("\\", "/").rsplit("/", 1)[-1]
            first = next((p for p in result.problems if p.is_error), None)
            detail = self.t("new_deck_broken", problem=first.message if first else "")
            ink, detail_colour = pal.disabled, pal.warning
        else:
            title = deck.name
            prompts = sum(1 for c in deck.cards if not c.is_wild)
            levels = ", ".join(level.name for level in deck.levels)
            detail = self.t("new_deck_detail", cards=prompts, count=len(deck.levels), levels=levels)
            new = self.new_to_group(deck)
            if new is not None:
                detail = self.t("new_deck_detail_memory", cards=prompts, new=new)
            if self.mode not in deck.modes:
                detail = self.t(
                    "new_deck_other_mode", mode=self.t(f"new_mode_only_{deck.modes[0].value}")
                )
                ink = pal.disabled
            detail_colour = pal.muted if not chosen else pal.card_text
        head = look.theme.body
        half = inner.height // 2
        name = look.text.ellipsize(title, head, inner.width, bold=True)
        look.text.draw(
            surface,
            name,
            min(head, max(12, int(half * 0.8))),
            ink,
            (inner.left, inner.top + half // 2),
            bold=True,
            anchor="midleft",
        )
        small = min(look.theme.small, max(11, int(half * 0.7)))
        detail = look.text.ellipsize(detail, small, inner.width)
        look.text.draw(
            surface,
            detail,
            small,
            detail_colour,
            (inner.left, inner.top + half + half // 2),
            anchor="midleft",
        )
