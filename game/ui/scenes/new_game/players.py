"""New game, page 1 of 2: who plays (pair or circle, and the names).

Every choice has a default, so Enter here and Enter on the deck page start a pair game.
Names left empty become "Player 1", "Player 2", ...; names are NFC-normalised. Up to 12
names keep their size and scroll when the window cannot show them all. The mode changes
only by Enter, Space or a click on it, never by moving past it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.table.terms import Mode
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.scenes.new_game.choices import MAX_PLAYERS, MIN_CIRCLE, NewGame
from game.ui.scenes.new_game.frame import Frame, arrow_move, narrow
from game.ui.widgets.button import Button, ButtonGroup, draw_button
from game.ui.widgets.scroll_list import ScrollList, arrow_in_list
from game.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from pathlib import Path

    from game.ui.app import App

_EDITING = {Kind.TEXT, Kind.BACKSPACE, Kind.DELETE, Kind.HOME, Kind.END, Kind.LEFT, Kind.RIGHT}
_ARROWS = (Kind.UP, Kind.DOWN, Kind.LEFT, Kind.RIGHT)


class NewGameScene(Scene):
    page = "players"

    def __init__(self, app: App, memory_file: Path | None = None) -> None:
        super().__init__(app)
        self.game = NewGame(app, memory_file)
        self.fields = [self._field(i) for i in range(2)]
        self.buttons = ButtonGroup()
        self.names_list = ScrollList()
        self.frame: Frame | None = None
        self.field_size = 0
        self.names_label_at = (0, 0)
        self._first_focus: str | None = "name:0"  # type straight away
        if app.known_catalog() is None:
            app.read_decks()  # in a thread while the names are typed: the deck page lists them

    def _field(self, index: int) -> TextField:
        placeholder = self.t("new_name_placeholder", number=index + 1)
        return TextField(f"name:{index}", placeholder=placeholder, max_length=24)

    @property
    def mode(self) -> Mode:
        return self.game.mode

    @property
    def wants_text(self) -> bool:  # type: ignore[override]
        return (self.buttons.focused_id or "").startswith("name:")

    def names(self) -> list[str]:
        """The names as the game keeps them: NFC-normalised, so "José" is one string however
        the keyboard composed the é (two that still look the same are refused at the start)."""
        return [
            unicodedata.normalize("NFC", f.value).strip()
            or self.t("new_name_placeholder", number=i + 1)
            for i, f in enumerate(self.fields)
        ]

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        text, theme = look.text, look.theme
        frame = self.frame = Frame(
            look,
            size,
            self.t("new_players_title"),
            self.t("new_players_hint"),
            self.t("new_step", number=1, count=2),
        )
        content = frame.content
        gap = look.px(14)
        row_h = max(look.px(58), text.line_height(theme.body, True) + look.px(14))
        half = (content.width - gap) // 2
        buttons = [
            self._mode_button(Mode.PAIR, pygame.Rect(content.left, content.top, half, row_h)),
            self._mode_button(
                Mode.CIRCLE, pygame.Rect(content.left + half + gap, content.top, half, row_h)
            ),
        ]
        # The names' heading, with Add and Remove on its right in a circle game.
        small_h = text.line_height(theme.body, True) + look.px(12)
        label_top = content.top + row_h + look.px(18)
        self.names_label_at = (content.left, label_top + small_h // 2)
        top = label_top + small_h + look.px(10)  # where the names start
        if self.mode is Mode.CIRCLE:
            labels = (self.t("new_add_player"), self.t("new_remove_player"))
            needed = max(text.width(label, theme.body, True) for label in labels) + look.px(40)
            width = max(needed, min(look.px(260), (content.width - gap) // 3))
            heading = text.width(self.t("new_names", count=MAX_PLAYERS), theme.body, True)
            y = label_top
            if heading + 2 * (width + gap) > content.width:  # narrow: a row of their own
                width = (content.width - gap) // 2
                y = top
                top += small_h + look.px(10)
            remove = pygame.Rect(content.right - width, y, width, small_h)
            add = remove.move(-(width + gap), 0)
            buttons.append(Button("add", labels[0], add))
            buttons.append(Button("remove", labels[1], remove))
            buttons[-2].enabled = len(self.fields) < MAX_PLAYERS
            buttons[-1].enabled = len(self.fields) > MIN_CIRCLE
        # Names keep one readable size however many there are; the list scrolls instead.
        self.field_size = theme.body
        field_h = text.line_height(theme.body) + look.px(18)
        count = len(self.fields)
        if narrow(size):
            columns = 1 if count <= 6 else 2
        else:
            columns = 1 if count <= 4 else 2 if count <= 8 else 3
        list_w = content.width
        if columns == 1 and not narrow(size):
            list_w = min(content.width, look.px(640))
        bottom = content.bottom
        if narrow(size):  # the phones' toggle takes a row of its own above the bar
            bottom -= frame.bar.height + gap
        area = pygame.Rect(content.left, top, list_w, bottom - top)
        rows = [Button(field.id, "", field.rect) for field in self.fields]
        self.names_list.place(rows, [field_h] * count, area, look.px(12), look, columns)
        for field, row in zip(self.fields, rows, strict=True):
            field.rect = row.rect
        at_mode, at_names = buttons[:2], rows
        focus = self._first_focus or self.buttons.focused_id
        self._first_focus = None
        self.buttons.set(
            [
                *at_mode,
                *at_names,
                *buttons[2:],
                *self._bar_with_phones(frame),
            ],
            focus,
        )

    def _bar_with_phones(self, frame: Frame) -> list[Button]:
        """The bar, with phones on or off between Back and Next (the same as in Settings)."""
        on, back = frame.bar_buttons(self.t("new_back"), self.t("new_next"))
        gap = self.look.px(16)
        phones_on = self.app.phones is not None
        label = self.t("new_phones_on" if phones_on else "new_phones_off")
        bar = frame.bar
        if narrow(self.app.size):  # a row above the bar: Next keeps its whole label
            place = pygame.Rect(
                bar.left, bar.top - bar.height - self.look.px(14), bar.width, bar.height
            )
        else:
            place = pygame.Rect(on.rect.left, on.rect.top, (on.rect.width - gap) // 2, bar.height)
            on.rect = pygame.Rect(
                place.right + gap, bar.top, on.rect.right - place.right - gap, bar.height
            )
        toggle = Button("phones", label, place, style="on" if phones_on else "normal")
        return [on, toggle, back]

    def _mode_button(self, mode: Mode, rect: pygame.Rect) -> Button:
        style = "on" if self.mode is mode else "normal"
        return Button(f"mode:{mode.value}", self.t(f"new_mode_{mode.value}"), rect, style=style)

    def _reveal_focus(self) -> None:
        focused = self.buttons.focused_id or ""
        ids = [f.id for f in self.fields]
        if focused in ids and self.names_list.reveal(ids.index(focused)):
            self._fields_follow()

    def _fields_follow(self) -> None:
        for field in self.fields:
            button = self.buttons.get(field.id)
            if button is not None:
                field.rect = button.rect

    def _focus_in_view(self) -> None:
        """After the wheel: a name scrolled away gives the focus to one in view."""
        focused = self.buttons.focused_id or ""
        ids = [f.id for f in self.fields]
        if focused in ids and not self.names_list.fully_shown(ids.index(focused)):
            shown = [i for i in range(len(ids)) if self.names_list.fully_shown(i)]
            if shown:
                index = ids.index(focused)
                self.buttons.focus_on(ids[min(shown, key=lambda i: abs(i - index))])

    # ------------------------------------------------------------ acting

    def set_mode(self, mode: Mode) -> None:
        self.game.mode = mode
        wanted = 2 if mode is Mode.PAIR else max(MIN_CIRCLE, len(self.fields))
        while len(self.fields) < wanted:
            self.fields.append(self._field(len(self.fields)))
        del self.fields[wanted:]
        self.layout(self.app.size)

    def set_names(self, names: Sequence[str]) -> None:
        """Fill the name fields as if they were typed (the screenshots); more than two names
        make it a circle."""
        if len(names) > 2 and self.mode is Mode.PAIR:
            self.set_mode(Mode.CIRCLE)
        while len(self.fields) < min(len(names), MAX_PLAYERS):
            self.fields.append(self._field(len(self.fields)))
        for field, name in zip(self.fields, names, strict=False):
            field.value, field.cursor = name, len(name)
        self.layout(self.app.size)

    def go_next(self) -> None:
        self.game.names = self.names()
        self.app.push("new_game_deck", game=self.game)

    def press(self, button_id: str) -> None:
        if button_id == "next":
            self.go_next()
        elif button_id == "back":
            self.app.pop()
        elif button_id == "phones":
            settings = self.app.settings
            self.app.apply_settings(settings.replace(phones=self.app.phones is None))
            self.layout(self.app.size)
            self.buttons.focus_on("phones")
        elif button_id.startswith("mode:"):
            self.set_mode(Mode(button_id.split(":")[1]))
        elif button_id == "add" and len(self.fields) < MAX_PLAYERS:
            self.fields.append(self._field(len(self.fields)))
            self.layout(self.app.size)
            self.buttons.focus_on(self.fields[-1].id)
            self._reveal_focus()
        elif button_id == "remove" and len(self.fields) > MIN_CIRCLE:
            self.fields.pop()
            self.layout(self.app.size)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        focused = self.buttons.focused_id or ""
        field = next((f for f in self.fields if f.id == focused), None)
        if kind is Kind.BACK:
            self.app.pop()
        elif self.names_list.handle(intent):
            self._fields_follow()
            self._focus_in_view()
        elif field is not None and kind in _EDITING:
            field.handle(intent)
        elif kind in _ARROWS:
            names = [f.id for f in self.fields]
            if not arrow_in_list(self.buttons, self.names_list, names, kind):
                others = [
                    b.id for b in self.buttons.buttons if b.id not in names or b.id == focused
                ]
                arrow_move(self.buttons, kind, None if field is None else others)
            self._reveal_focus()
        elif kind in (Kind.NEXT, Kind.PREVIOUS):
            self.buttons.move(1 if kind is Kind.NEXT else -1)
            self._reveal_focus()
        elif kind is Kind.CONFIRM:
            self.confirm(focused)
        elif kind in (Kind.POINT, Kind.CLICK):
            pressed = self.buttons.handle(intent)
            if pressed and not pressed.startswith("name:"):
                self.press(pressed)

    def confirm(self, focused: str) -> None:
        """Enter chooses the mode it is on (if not chosen yet); otherwise it moves on."""
        other_mode = focused.startswith("mode:") and focused != f"mode:{self.mode.value}"
        if other_mode or focused in ("add", "remove", "back", "phones"):
            self.press(focused)
        else:
            self.go_next()

    # ------------------------------------------------------------ drawing

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        return [*super().clickable(), *self.names_list.clickable()]

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        if self.frame is not None:
            self.frame.draw(surface)
        label = self.t("new_names", count=len(self.fields))
        look.text.draw(
            surface, label, look.theme.body, pal.text, self.names_label_at, True, "midleft"
        )
        focused, hover = self.buttons.focused_id, self.buttons.hover
        button: Button | None
        for button in self.buttons.buttons:
            if not button.id.startswith("name:"):
                draw_button(surface, look, button, hover == button.id, focused == button.id)
        for field in self.fields:
            button = self.buttons.get(field.id)
            if button is None or not button.shown.width:
                continue
            surface.set_clip(button.clip)
            field.draw(surface, look, focused == field.id, hover == field.id, self.field_size)
            surface.set_clip(None)
        self.names_list.draw_more(
            surface,
            look,
            self.t("list_more_above", count=self.names_list.above()),
            self.t("list_more_below", count=self.names_list.below()),
        )
