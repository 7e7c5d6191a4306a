"""The computer's own voice, offline: espeak-ng, macOS's `say`, or pyttsx3 (SAPI, NSSS),
and on Windows a running screen reader. Never a cloud service.

Every voice speaks on its own worker thread (and, for espeak-ng and `say`, in a
subprocess): `say` only hands the lines over and returns, so no frame ever waits for
speech, and a new `say` (or `stop`) cuts off what was being said.

`open_voice()` picks the first that works here:
- Windows: a running screen reader through accessible_output2 (NVDA, JAWS…), else
  pyttsx3's SAPI voices, else espeak-ng if it is installed;
- macOS: pyttsx3's NSSpeechSynthesizer voices, else the `say` command every Mac has;
- Linux and the rest: espeak-ng, run as a command (pyttsx3's Linux driver plays through
  `aplay` in a way that cannot be cut off, so it is not used there).
With none of them, a `Silent` voice says what to install (`missing`), and speaks nothing.
Only espeak-ng on Linux is tried here; the Windows and macOS paths are untested
(docs/accessibility.md).
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

from game.table.speech_lines import Line

LINUX_INSTALL = "espeak-ng (sudo apt install espeak-ng)"
PIP_INSTALL = 'the speech extra (pip install "inkind[speech]")'


def voice_for(language: str, voices: dict[str, str]) -> str | None:
    """The voice to use for `language` ("pt", "en-US", "ar") among `voices` (language tag,
    lower case, with "-" → voice id): the language exactly, else its first variant, else
    the same language without the region. None: no voice speaks it."""
    wanted = language.lower().replace("_", "-")
    if wanted in voices:
        return voices[wanted]
    base = wanted.split("-")[0]
    for tag in sorted(voices):
        if tag.split("-")[0] == base:
            return voices[tag]
    return None


class Voice:
    """A voice that speaks lines on a worker thread. Subclasses open their engine on that
    thread (`_open`), speak one line and return when it is done (`_speak`) and cut off the
    line being spoken from any thread (`_cancel`)."""

    name = "voice"
    missing: str | None = None  # what to install for speech, when this voice cannot speak

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._pending: list[Line] = []
        self._generation = 0
        self._busy = False
        self._closed = False
        self.voices: dict[str, str] | None = None  # language tag -> voice, once known
        self.ready = threading.Event()  # set once the engine has started (or failed to)
        self._thread = threading.Thread(target=self._run, name=f"voice-{self.name}", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------ the game's side

    def say(self, lines: Sequence[Line], interrupt: bool = True) -> None:
        """Speak `lines` after (or, `interrupt`, instead of) what is being said. Returns at once."""
        with self._lock:
            if interrupt:
                self._generation += 1
                self._pending = []
                if self._busy:
                    self._cancel()
            self._pending.extend(line for line in lines if line.text.strip())
            self._lock.notify_all()

    def stop(self) -> None:
        self.say((), interrupt=True)

    def speaking(self) -> bool:
        with self._lock:
            return self._busy or bool(self._pending)

    def has_language(self, language: str) -> bool | None:
        """Whether a voice here speaks `language` (None: not known yet, or the screen
        reader's choice)."""
        voices = self.voices
        return None if voices is None else voice_for(language, voices) is not None

    def wait_idle(self, timeout: float) -> bool:
        """Wait until the engine has started and nothing is being said (tests, the benchmark)."""
        if not self.ready.wait(timeout):
            return False
        with self._lock:
            return self._lock.wait_for(lambda: not self._busy and not self._pending, timeout)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._pending = []
            self._generation += 1
            if self._busy:
                self._cancel()
            self._lock.notify_all()

    # ------------------------------------------------------------ the worker's side

    def _run(self) -> None:
        try:
            self._open()
        except Exception as error:  # an engine that would not start: silent, and say so
            from game.store.log import log_exception

            log_exception(f"starting the {self.name} voice", error)
            self.missing = self.missing or (LINUX_INSTALL if _linux() else PIP_INSTALL)
            self.voices = {}
            self.ready.set()
            return
        self.ready.set()
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending or self._closed)
                if self._closed:
                    return
                line, generation = self._pending.pop(0), self._generation
                self._busy = True
            try:
                self._speak(line, generation)
            except Exception as error:
                from game.store.log import log_exception

                log_exception(f"speaking with the {self.name} voice", error)
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()

    def current(self, generation: int) -> bool:
        """Whether the line of `generation` is still wanted (no `say` or `stop` since)."""
        with self._lock:
            return generation == self._generation and not self._closed

    def _open(self) -> None:
        """Start the engine and learn its voices (on the worker thread)."""

    def _speak(self, line: Line, generation: int) -> None:
        raise NotImplementedError

    def _cancel(self) -> None:
        """Cut off the line being spoken (called with the lock held, from any thread)."""


class Silent(Voice):
    """No speech engine on this computer: the game runs as before."""

    name = "silent"

    def __init__(self, missing: str) -> None:
        super().__init__()
        self.missing = missing
        self.voices = {}

    def _speak(self, line: Line, generation: int) -> None:
        return


class CommandVoice(Voice):
    """espeak-ng (or macOS's `say`) run once per line, the words on its standard input:
    cutting a line off ends the process."""

    def __init__(self, program: str, kind: str = "espeak") -> None:
        self.program, self.kind = program, kind
        self.name = kind
        self._process: subprocess.Popen[bytes] | None = None
        super().__init__()

    def _open(self) -> None:
        if self.kind == "say":
            listed = subprocess.run(
                [self.program, "-v", "?"], capture_output=True, timeout=10, check=False
            )
            self.voices = say_voices(listed.stdout.decode("utf-8", "replace"))
        else:
            listed = subprocess.run(
                [self.program, "--voices"], capture_output=True, timeout=10, check=False
            )
            self.voices = espeak_voices(listed.stdout.decode("utf-8", "replace"))

    def command(self, line: Line, wav: str | None = None) -> list[str] | None:
        """The command that speaks `line` (into the WAV file `wav`), None: no voice for it."""
        voice = voice_for(line.language, self.voices or {})
        if voice is None:
            return None
        if self.kind == "say":
            return [
                self.program,
                "-v",
                voice,
                *(["-o", wav, "--data-format=LEI16@22050"] if wav else []),
            ]
        return [self.program, "-b", "1", "-v", voice, *(["-w", wav] if wav else [])]

    def _speak(self, line: Line, generation: int) -> None:
        command = self.command(line)
        if command is None:
            return  # never a Japanese card in an English voice: the table says so instead
        with self._lock:
            if not self.current(generation):
                return
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        process = self._process
        with contextlib.suppress(OSError):
            assert process.stdin is not None
            process.stdin.write(line.text.encode("utf-8"))
            process.stdin.close()
        process.wait()
        with self._lock:
            self._process = None

    def _cancel(self) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.terminate()

    def save(self, line: Line, wav: str, timeout: float = 60) -> bool:
        """Speak `line` into the WAV file `wav` now, on this thread (tests and checks);
        False when no voice speaks its language."""
        self.ready.wait(30)
        command = self.command(line, wav)
        if command is None:
            return False
        subprocess.run(
            command,
            input=line.text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=True,
        )
        return True


def espeak_voices(listing: str) -> dict[str, str]:
    """`espeak-ng --voices` → {language tag: the voice to pass to -v}."""
    found: dict[str, str] = {}
    for row in listing.splitlines()[1:]:
        parts = row.split()
        if len(parts) >= 2:
            found.setdefault(parts[1].lower(), parts[1])
    return found


def say_voices(listing: str) -> dict[str, str]:
    """macOS `say -v ?` ("Alex   en_US   # Most people…") → {language tag: voice name}."""
    found: dict[str, str] = {}
    for row in listing.splitlines():
        head = row.split("#", 1)[0].split()
        if len(head) >= 2:
            found.setdefault(head[-1].lower().replace("_", "-"), " ".join(head[:-1]))
    return found


class Pyttsx3Voice(Voice):
    """pyttsx3 on its own thread: SAPI on Windows, NSSpeechSynthesizer on macOS."""

    name = "pyttsx3"

    def __init__(self) -> None:
        self._engine: Any = None
        super().__init__()

    def _open(self) -> None:
        import pyttsx3  # type: ignore[import-not-found,unused-ignore]

        self._engine = pyttsx3.init()
        found: dict[str, str] = {}
        for voice in self._engine.getProperty("voices"):
            for language in _voice_languages(voice):
                found.setdefault(language, voice.id)
        self.voices = found

    def _speak(self, line: Line, generation: int) -> None:
        voice = voice_for(line.language, self.voices or {})
        if voice is None or not self.current(generation):
            return
        self._engine.setProperty("voice", voice)
        self._engine.say(line.text)
        self._engine.runAndWait()

    def _cancel(self) -> None:
        with contextlib.suppress(Exception):
            self._engine.stop()


def _voice_languages(voice: Any) -> list[str]:
    """A pyttsx3 voice's languages as lower-case tags ("en-us"), however the driver gives them."""
    tags = []
    for language in getattr(voice, "languages", None) or []:
        if isinstance(language, bytes):
            language = language.decode("ascii", "ignore").lstrip("\x00\x01\x02\x03\x04\x05")
        tags.append(str(language).lower().replace("_", "-"))
    if not tags:  # SAPI: the id names the locale ("…\\TTS_MS_EN-US_ZIRA_11.0")
        for part in str(getattr(voice, "id", "")).replace("\\", "_").split("_"):
            if len(part) == 5 and part[2] == "-":
                tags.append(part.lower())
    return tags


class ScreenReaderVoice(Voice):
    """Windows: the words handed to the screen reader that is running (NVDA, JAWS…), which
    speaks them in the player's own voice and settings, and shows them in braille."""

    name = "screen reader"

    def __init__(self, output: Any) -> None:
        self._output = output
        super().__init__()

    def has_language(self, language: str) -> bool | None:
        return None  # the screen reader's own choice

    def _speak(self, line: Line, generation: int) -> None:
        if self.current(generation):
            self._output.output(line.text, interrupt=False)

    def _cancel(self) -> None:
        with contextlib.suppress(Exception):
            self._output.silence()


def running_screen_reader() -> Any:
    """accessible_output2's output for a screen reader running now (not its SAPI fallback),
    or None."""
    if importlib.util.find_spec("accessible_output2") is None:
        return None
    try:
        from accessible_output2.outputs import auto  # type: ignore[import-not-found,unused-ignore]

        chooser = auto.Auto()
        for output in chooser.outputs:
            if "sapi" in type(output).__name__.lower():
                continue
            if output.is_active():
                return output
    except Exception:  # a screen reader's library that will not load: speak ourselves
        return None
    return None


def _linux() -> bool:
    return not sys.platform.startswith(("win", "darwin"))


def open_voice() -> Voice:
    """The computer's voice (see the module's note); returns at once."""
    espeak = shutil.which("espeak-ng") or shutil.which("espeak")
    pyttsx3 = importlib.util.find_spec("pyttsx3") is not None
    if sys.platform.startswith("win"):
        reader = running_screen_reader()
        if reader is not None:
            return ScreenReaderVoice(reader)
        if pyttsx3:
            return Pyttsx3Voice()
        return CommandVoice(espeak) if espeak else Silent(PIP_INSTALL)
    if sys.platform == "darwin":
        if pyttsx3:
            return Pyttsx3Voice()
        say = shutil.which("say")
        return CommandVoice(say, "say") if say else Silent(PIP_INSTALL)
    return CommandVoice(espeak) if espeak else Silent(LINUX_INSTALL)
