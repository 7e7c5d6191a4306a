"""The real voice: a card spoken through espeak-ng into a WAV file, measured with sox."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from game.table.speech_lines import Line
from game.ui.voice import CommandVoice, espeak_voices, voice_for

ESPEAK = shutil.which("espeak-ng")
SOX = shutil.which("sox")
needs_tools = pytest.mark.skipif(
    ESPEAK is None or SOX is None,
    reason="espeak-ng and sox are not installed here (.ci/run installs both)",
)


def stat(wav) -> dict[str, float]:
    """`sox f.wav -n stat`: its figures, by name ("Length (seconds)", "RMS amplitude")."""
    out = subprocess.run([SOX, str(wav), "-n", "stat"], capture_output=True, text=True, check=True)
    figures = {}
    for row in out.stderr.splitlines():
        name, _, value = row.partition(":")
        if re.fullmatch(r"\s*-?[0-9.]+\s*", value):
            figures[" ".join(name.split())] = float(value)
    return figures


@pytest.mark.slow
@needs_tools
def test_a_card_is_spoken_aloud_and_longer_cards_take_longer(tmp_path):
    voice = CommandVoice(ESPEAK)
    short = Line("What made you laugh this week?", "en")
    long = Line(
        "Tell us about a time someone surprised you with kindness: what happened, "
        "what you felt before, during and after, and what you thought about it since.",
        "en",
    )
    lengths = []
    for name, line in (("short", short), ("long", long)):
        wav = tmp_path / f"{name}.wav"
        assert voice.save(line, str(wav))
        figures = stat(wav)
        assert figures["RMS amplitude"] > 0.01, "the card is heard, not silence"
        assert figures["Maximum amplitude"] > 0.1
        lengths.append(figures["Length (seconds)"])
    assert lengths[0] > 1.0
    words = len(long.text.split()) / len(short.text.split())
    assert lengths[1] > lengths[0] * words / 2, "its length grows with the card's words"
    voice.close()


@needs_tools
def test_each_language_of_the_game_has_a_voice_or_is_refused(tmp_path):
    voice = CommandVoice(ESPEAK)
    assert voice.wait_idle(10)
    for language in ("en", "es", "de", "ja", "ar"):
        assert voice.has_language(language), language
    assert voice.has_language("tlh") is False  # Klingon: never spoken in another voice
    assert not voice.save(Line("nuqneH", "tlh"), str(tmp_path / "none.wav"))
    voice.close()


def test_voices_are_chosen_by_language_then_by_its_base():
    voices = espeak_voices(
        "Pty Language       Age/Gender VoiceName          File                 Other Languages\n"
        " 5  en-gb           --/M      English_(Great_Britain) gmw/en\n"
        " 2  en-us           --/M      English_(America)  gmw/en-US\n"
        " 5  es              --/M      Spanish_(Spain)    roa/es\n"
    )
    assert voice_for("en-US", voices) == "en-us"
    assert voice_for("en", voices) == "en-gb"
    assert voice_for("es-419", voices) == "es"
    assert voice_for("ja", voices) is None
