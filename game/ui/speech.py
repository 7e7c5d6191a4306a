"""Speaking at the table: the card read aloud, and self-voicing (docs/accessibility.md).

The App keeps one `Speech`, made when first needed; it opens the computer's voice
(game/ui/voice.py) then, on its own thread. What to say comes from game/table/speech_lines.py
(the views, in words from the catalogs); this module only decides when, following the
Settings row "Read aloud": "off" (only on request: the A key, the table's button, a
phone), "cards" (each new card by itself) or "all" (self-voicing: whose turn, what is
offered, what has the keyboard's focus, a mark given, the card).

A key stops what was being said (App.handle); a new card or a new step replaces it.
Nothing here waits for the voice: `say` hands the lines over and returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.table.choices import Do
from game.table.speech_lines import Line, card_lines, changed_lines, new_card, plain
from game.table.views import Offer, TableView
from game.ui.voice import Voice, open_voice

if TYPE_CHECKING:
    from game.ui.app import App

OFF, CARDS, ALL = "off", "cards", "all"


class Speech:
    def __init__(self, app: App, voice: Voice | None = None) -> None:
        self.app = app
        self._voice = voice

    @property
    def voice(self) -> Voice:
        if self._voice is None:
            self._voice = open_voice()
        return self._voice

    @property
    def mode(self) -> str:
        return self.app.settings.speech

    @property
    def voicing(self) -> bool:
        """Self-voicing: the game says what has focus and what changed."""
        return self.mode == ALL

    def available(self) -> bool:
        """Whether this computer can speak (a voice engine was found, or is starting)."""
        return self.voice.missing is None

    def missing(self) -> str | None:
        """What to install to hear the game speak, when nothing here can."""
        return self.voice.missing

    # ------------------------------------------------------------ speaking

    def say(self, lines: Sequence[Line], interrupt: bool = True) -> None:
        if lines and self.available():
            self.voice.say(lines, interrupt)

    def say_text(self, text: str, interrupt: bool = True) -> None:
        """One sentence in the UI's language."""
        if text:
            self.say((Line(plain(text), self.app.t.language),), interrupt)

    def stop(self) -> None:
        if self._voice is not None:
            self._voice.stop()

    def close(self) -> None:
        if self._voice is not None:
            self._voice.close()

    def language_name(self, language: str) -> str:
        from game.content.languages import available_languages

        return dict(available_languages()).get(language, language)

    def read_card(self, view: TableView, ideas: bool = False) -> str | None:
        """Read the view's card (`ideas`: its follow-ups) aloud, cutting off what was being
        said. Returns a calm sentence when no voice here speaks the deck's language."""
        lines = card_lines(view, self.app.t, ideas)
        if not lines:
            return None
        if self.voice.has_language(view.deck_language) is False:
            note = self.app.t("speech_no_voice", language=self.language_name(view.deck_language))
            self.say_text(note)
            return note
        self.say(lines)
        return None

    def table_changed(self, old: TableView | None, new: TableView) -> str | None:
        """The table's view changed: self-voicing says what changed; "cards" reads a new
        card. Returns a calm sentence when the deck's language has no voice here."""
        if self.mode == ALL:
            lines = changed_lines(old, new, self.app.t)
            if new_card(old, new) and self.voice.has_language(new.deck_language) is False:
                note = self.app.t("speech_no_voice", language=self.language_name(new.deck_language))
                lines = (*lines, Line(plain(note), self.app.t.language))
                self.say(lines)
                return note
            self.say(lines)
        elif self.mode == CARDS and new_card(old, new):
            return self.read_card(new)
        return None

    def focus(self, words: str) -> None:
        """The keyboard's focus moved to `words` (self-voicing only)."""
        if self.voicing:
            self.say_text(words)

    def note(self, sentence: str | None) -> None:
        """A calm line the screen shows (a mark's thanks, "not yet, then"): said after
        what is being said (self-voicing only)."""
        if self.voicing and sentence:
            self.say_text(sentence, interrupt=False)


def offer_focus_words(offer: Offer, t: object) -> str:
    from game.table.speech_lines import offer_line

    return offer_line(offer, t)  # type: ignore[arg-type]


READS = (Do.READ_CARD, Do.READ_IDEAS)
