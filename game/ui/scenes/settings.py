"""Settings: text size, theme, sound and volume, fullscreen, timers, remembering cards,
phones, reading aloud (with, when this computer has no voice, what to install).

Changes apply at once and are kept. The last two rows forget the cards each group has played
and the kept closeness answers (each asked twice: the first press only asks). Pushed; Back pops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.store.settings import SPEECH_MODES, Settings
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.theme import TEXT_SIZE_NAMES, THEME_NAMES
from game.ui.widgets.button import Button, ButtonGroup

if TYPE_CHECKING:
    from game.ui.app import App

TIMER_STEPS = (60, 90, 120, 150, 180, 240, 300, 420, 600)
VOLUME_STEPS = tuple(round(v / 10, 1) for v in range(0, 11))
FIELDS = (
    "language",
    "text_size",
    "theme",
    "sound",
    "volume",
    "fullscreen",
    "timers",
    "share_seconds",
    "respond_seconds",
    "remember_cards",
    "phones",
    "speech",
)
# Rows that forget something kept on this computer: a button each, no arrows.
PLAYED = "played"  # the cards each group has had, starred and said "not for us" to
FORGET = "closeness"  # the kept closeness answers
FORGETTING = (PLAYED, FORGET)
ROWS = (*FIELDS, *FORGETTING)


def _choices(field: str) -> tuple[Any, ...]:  # a field's own type: str, bool, int or float
    if field == "language":
        from game.content.languages import available_languages

        return tuple(code for code, _ in available_languages())
    return {
        "text_size": TEXT_SIZE_NAMES,
        "theme": THEME_NAMES,
        "sound": (True, False),
        "volume": VOLUME_STEPS,
        "fullscreen": (False, True),
        "timers": (True, False),
        "share_seconds": TIMER_STEPS,
        "respond_seconds": TIMER_STEPS,
        "remember_cards": (True, False),
        "phones": (False, True),
        "speech": SPEECH_MODES,
    }[field]


def stepped(settings: Settings, field: str, step: int) -> Settings:
    """The settings with one field moved to its next (or previous) choice."""
    choices = _choices(field)
    value = getattr(settings, field)
    if field == "language" and value not in choices:  # "" follows the computer's language
        from game.content.languages import chosen_language

        value = chosen_language(value)
    if value in choices:
        index = (choices.index(value) + step) % len(choices)
    else:  # a value set by hand in the file: go to the nearest step
        index = (
            min(range(len(choices)), key=lambda i: abs(choices[i] - value))
            if isinstance(value, int | float)
            else 0
        )
    return settings.replace(**{field: choices[index]})


class SettingsScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.buttons = ButtonGroup()
        self.labels: list[tuple[str, pygame.Rect]] = []
        self.confirming: str | None = None  # the forget row pressed once; its next press forgets
        self.notice: str | None = None
        from game.store.closeness import load_history
        from game.store.memory import load_memory

        # What is kept on this computer, counted before the layout: players' closeness
        # answers, and groups whose played cards are remembered.
        self.kept = {
            FORGET: len(load_history()[0].names()),
            PLAYED: len(load_memory()[0].groups),
        }

    def enter(self) -> None:
        if self.buttons.focus is None:
            self.buttons.focus_on(FIELDS[0])
        missing = self.app.speech.missing()
        if missing and not self.notice:
            # No speech engine on this computer: say once, here, what to install.
            self.notice = self.t("settings_speech_missing", what=missing)

    def focus_words(self) -> str:
        """The focused row said aloud (self-voicing): its name and its value."""
        field = self._focused_field()
        if field is None:
            return self.t("settings_back")
        return f"{self.t(f'settings_{field}')}: {self.value_text(field)}"

    def value_text(self, field: str) -> str:
        if field in FORGETTING:
            if not self.kept[field]:
                return self.t(f"settings_{field}_none")
            if self.confirming == field:
                return self.t(f"settings_{field}_confirm")
            return self.t(f"settings_{field}_forget", count=self.kept[field])
        value = getattr(self.app.settings, field)
        if field == "language":
            from game.content.languages import available_languages

            return dict(available_languages()).get(self.t.language, self.t.language)
        if field in ("text_size", "theme", "speech"):
            return self.t(f"settings_{field}_{value}")
        if isinstance(value, bool):
            return self.t("settings_on") if value else self.t("settings_off")
        if field == "volume":
            return f"{round(value * 100)}%"
        return f"{value // 60}:{value % 60:02d}"

    def tell(self, sentence: str) -> None:
        self.notice = sentence

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(40)
        top = margin + look.text.line_height(look.theme.title, True) + look.px(20)
        bottom_bar = look.px(70)
        rows = len(ROWS)
        row_h = min(look.px(62), (height - top - margin - bottom_bar - look.px(20)) // rows)
        gap = max(2, row_h // 8)
        total_w = min(width - 2 * margin, look.px(980))
        left = (width - total_w) // 2
        # Half the width for the labels, more (up to 62 %) if the longest needs it at the small size.
        widest = max(look.text.width(self.t(f"settings_{f}"), look.theme.small, True) for f in ROWS)
        label_w = min(int(total_w * 0.62), max(int(total_w * 0.5), widest + look.px(20) + 2))
        arrow_w = max(row_h, look.px(56))
        value_w = total_w - label_w - 2 * arrow_w - 2 * gap
        buttons: list[Button] = []
        self.labels = []
        for i, field in enumerate(ROWS):
            y = top + i * row_h
            h = row_h - gap
            self.labels.append((field, pygame.Rect(left, y, label_w, h)))
            x = left + label_w
            if field in FORGETTING:
                forget = Button(
                    field, self.value_text(field), pygame.Rect(x, y, total_w - label_w, h)
                )
                forget.enabled = bool(self.kept[field])
                forget.style = "primary" if self.confirming == field else "normal"
                buttons.append(forget)
                continue
            buttons.append(Button(f"{field}:-", "", pygame.Rect(x, y, arrow_w, h), "←"))
            buttons.append(
                Button(field, self.value_text(field), pygame.Rect(x + arrow_w + gap, y, value_w, h))
            )
            buttons.append(
                Button(
                    f"{field}:+",
                    "",
                    pygame.Rect(x + arrow_w + 2 * gap + value_w, y, arrow_w, h),
                    "→",
                )
            )
        back = pygame.Rect(0, 0, min(total_w, look.px(420)), bottom_bar - look.px(10))
        back.midbottom = (width // 2, height - margin)
        buttons.append(Button("back", self.t("settings_back"), back, "Esc", style="primary"))
        self.buttons.set(buttons)
        for button in buttons:
            if button.id.endswith((":-", ":+")):
                button.size = look.theme.small

    def _focused_field(self) -> str | None:
        focused = self.buttons.focused_id
        return focused.split(":")[0] if focused and focused != "back" else None

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.app.pop()
            return
        field = self._focused_field()
        if kind in (Kind.UP, Kind.DOWN, Kind.NEXT, Kind.PREVIOUS):
            self._stop_confirming()
            order = [*ROWS, "back"]
            current = (
                order.index(field) if field else (len(order) - 1 if self.buttons.focused_id else -1)
            )
            step = 1 if kind in (Kind.DOWN, Kind.NEXT) else -1
            self.buttons.focus_on(order[(current + step) % len(order)])
            return
        if kind in (Kind.LEFT, Kind.RIGHT) and field:
            if field not in FORGETTING:
                self.change(field, -1 if kind is Kind.LEFT else 1)
            return
        chosen = self.buttons.handle(intent)
        if chosen == "back":
            self.app.pop()
        elif chosen in FORGETTING:
            self.forget_pressed(chosen)
        elif chosen:
            name, _, sign = chosen.partition(":")
            self.change(name, -1 if sign == "-" else 1)
            self.buttons.focus_on(name)

    def forget_pressed(self, field: str = FORGET) -> None:
        """First press: ask. Second press: forget what that row keeps."""
        if not self.kept[field]:
            return
        if self.confirming == field:
            from game.store.closeness import forget_history
            from game.store.log import log_exception
            from game.store.memory import forget_memory

            try:
                (forget_memory if field == PLAYED else forget_history)()
            except OSError as error:
                self.notice = self.t(f"settings_{field}_failed")
                log_exception(f"forgetting the {field} list", error)
            else:
                self.kept[field] = 0
            self.confirming = None
        else:
            self.confirming = field
        self.layout(self.app.size)
        self.buttons.focus_on(field)

    def _stop_confirming(self) -> None:
        if self.confirming:
            self.confirming = None
            self.layout(self.app.size)

    def change(self, field: str, step: int) -> None:
        self.app.apply_settings(stepped(self.app.settings, field, step))
        self.layout(self.app.size)
        self.buttons.focus_on(field)
        self.app.speech.focus(self.focus_words())  # the new value, said (self-voicing)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        margin = look.px(40)
        left = self.labels[0][1].left if self.labels else margin
        look.text.draw(
            surface,
            self.t("settings_title"),
            look.theme.title,
            pal.accent,
            (left, margin),
            bold=True,
        )
        focused = self._focused_field()
        text = look.text
        labels = [self.t(f"settings_{field}") for field, _ in self.labels]
        room = (self.labels[0][1].width - look.px(20)) if self.labels else 0
        # One size for every label (measured bold, as the focused one is drawn), shrunk to
        # the small size at most; a label still too long takes two lines rather than a "…".
        size = (
            min(look.theme.body, max(14, round(self.labels[0][1].height * 0.52))) if labels else 0
        )
        size = text.largest_size(labels, room, size, min(size, look.theme.small), True)
        for label, (field, rect) in zip(labels, self.labels, strict=True):
            colour = pal.accent if field == focused else pal.text
            bold = field == focused
            box = pygame.Rect(rect.left, rect.top, room, rect.height)
            fitted = text.fit(label, box.size, size, min(size, 11), bold)
            text.draw_fitted(surface, fitted, colour, box, valign="middle")
        self.buttons.draw(surface, look)
        back = self.buttons.get("back")
        if self.notice and back is not None:
            look.text.draw(
                surface,
                self.notice,
                look.theme.small,
                pal.warning,
                (back.rect.centerx, back.rect.top - look.px(10)),
                anchor="midbottom",
            )
