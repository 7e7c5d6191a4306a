"""Make the game's sounds: short, soft and warm, from sine partials and a little filtered noise.

Standard library only, and deterministic (the noise comes from a fixed-seed generator), so
running it again gives byte-identical files:

    python tools/make_sounds.py            # writes assets/sounds/*.wav
    python tools/make_sounds.py --out DIR  # somewhere else

Every sound is 44.1 kHz 16-bit mono, under 1.5 s, rises and falls through raised-cosine
ramps (no clicks) and is scaled so its loudest sample sits at -6 dBFS.
"""

from __future__ import annotations

import argparse
import array
import math
import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

RATE = 44100
PEAK_DBFS = -6.0
FULL_SCALE = 32767
MAX_SECONDS = 1.5
EDGE_SECONDS = 0.004  # the whole sound fades in over this...
TAIL_SHARE = 0.3  # ...and out over this share of its length, so it ends as it starts: silent

Samples = list[float]
# (frequency ratio to the note, loudness, decay time constant in seconds)
Partial = tuple[float, float, float]

WARM: Sequence[Partial] = ((1.0, 1.0, 0.45), (2.0, 0.16, 0.25), (3.0, 0.05, 0.15))
BELL: Sequence[Partial] = ((1.0, 1.0, 0.75), (2.0, 0.3, 0.45), (2.76, 0.16, 0.3), (5.4, 0.04, 0.12))


def silence(seconds: float) -> Samples:
    return [0.0] * round(seconds * RATE)


def ramp(position: float) -> float:
    """A raised-cosine step from 0 to 1 as `position` goes from 0 to 1."""
    if position <= 0.0:
        return 0.0
    if position >= 1.0:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * position)


def add_note(
    out: Samples,
    start: float,
    frequency: float,
    loudness: float = 1.0,
    partials: Sequence[Partial] = WARM,
    attack: float = 0.008,
) -> None:
    """Mix a softly struck note into `out`, from `start` seconds to the end."""
    first = round(start * RATE)
    for index in range(first, len(out)):
        t = (index - first) / RATE
        value = 0.0
        for ratio, level, decay in partials:
            value += level * math.exp(-t / decay) * math.sin(2.0 * math.pi * frequency * ratio * t)
        out[index] += loudness * ramp(t / attack) * value


def noise(count: int, seed: int) -> Samples:
    """White noise from a 32-bit linear congruential generator: the same every run."""
    state = seed
    values = []
    for _ in range(count):
        state = (1664525 * state + 1013904223) & 0xFFFFFFFF
        values.append(state / 2147483648.0 - 1.0)
    return values


def low_pass(values: Samples, cutoff: Callable[[float], float]) -> Samples:
    """Two one-pole low-pass stages; `cutoff(t)` in Hz may glide over time."""
    first = second = 0.0
    out = []
    for index, value in enumerate(values):
        k = 1.0 - math.exp(-2.0 * math.pi * cutoff(index / RATE) / RATE)
        first += k * (value - first)
        second += k * (first - second)
        out.append(second)
    return out


def add_rustle(
    out: Samples, start: float, seconds: float, loudness: float, cutoff: Callable[[float], float]
) -> None:
    """A short brush of filtered noise, like card stock sliding on cloth."""
    first = round(start * RATE)
    count = min(round(seconds * RATE), len(out) - first)
    brushed = low_pass(noise(count, seed=first + 7), cutoff)
    for offset, value in enumerate(brushed):
        t = offset / RATE
        shape = ramp(t / 0.02) * ramp((seconds - t) / (seconds * 0.7))
        out[first + offset] += loudness * shape * value


def finish(out: Samples) -> Samples:
    """Fade the edges to silence and scale the loudest sample to PEAK_DBFS."""
    count = len(out)
    tail = TAIL_SHARE * count
    shaped = [
        value * ramp(index / RATE / EDGE_SECONDS) * ramp((count - 1 - index) / tail)
        for index, value in enumerate(out)
    ]
    peak = max(abs(value) for value in shaped)
    gain = 10 ** (PEAK_DBFS / 20) / peak
    return [value * gain for value in shaped]


def deal() -> Samples:
    """A card slid across the table: a soft rustle with a low, muted tap."""
    out = silence(0.32)
    add_rustle(out, 0.0, 0.26, 1.0, lambda t: 2200.0 - 4000.0 * t)
    add_note(out, 0.045, 150.0, 0.25, ((1.0, 1.0, 0.05), (2.0, 0.2, 0.03)), attack=0.006)
    return finish(out)


def flip() -> Samples:
    """A card turned face up: a quick, lighter brush and a small wooden tick."""
    out = silence(0.22)
    add_rustle(out, 0.0, 0.12, 1.0, lambda t: 1400.0 + 9000.0 * t)
    add_note(out, 0.07, 520.0, 0.12, ((1.0, 1.0, 0.035), (2.4, 0.3, 0.02)), attack=0.004)
    return finish(out)


def award() -> Samples:
    """Two warm mallet notes rising a fourth: something was given."""
    out = silence(0.95)
    add_note(out, 0.0, 392.00, 0.8)  # G4
    add_note(out, 0.12, 523.25, 1.0)  # C5
    return finish(out)


def level_up() -> Samples:
    """A slow, rising C major arpeggio: the conversation goes a level deeper."""
    out = silence(1.45)
    for step, frequency in enumerate((261.63, 329.63, 392.00, 523.25)):  # C4 E4 G4 C5
        add_note(out, 0.15 * step, frequency, 0.7 + 0.1 * step, attack=0.012)
    return finish(out)


def chime() -> Samples:
    """A gentle two-note bell: time is up, when you are ready (never an alarm)."""
    out = silence(1.45)
    add_note(out, 0.0, 659.25, 0.7, BELL, attack=0.01)  # E5
    add_note(out, 0.32, 523.25, 0.8, BELL, attack=0.01)  # C5
    return finish(out)


SOUNDS: dict[str, Callable[[], Samples]] = {
    "deal.wav": deal,
    "flip.wav": flip,
    "award.wav": award,
    "level_up.wav": level_up,
    "chime.wav": chime,
}


def write_wav(path: Path, samples: Samples) -> None:
    if len(samples) / RATE >= MAX_SECONDS:
        raise ValueError(f"{path.name} is {len(samples) / RATE:.2f} s, longer than {MAX_SECONDS} s")
    frames = array.array(
        "h", (max(-FULL_SCALE, min(FULL_SCALE, round(v * FULL_SCALE))) for v in samples)
    )
    if sys.byteorder == "big":
        frames.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames.tobytes())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "assets" / "sounds"
    parser.add_argument("--out", type=Path, default=default, help=f"folder (default: {default})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        write_wav(args.out / name, make())
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
