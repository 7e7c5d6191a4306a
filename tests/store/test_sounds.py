"""The sounds in assets/sounds are exactly what tools/make_sounds.py makes, and gentle."""

from __future__ import annotations

import array
import math
import subprocess
import sys
import wave
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "assets" / "sounds"
NAMES = ("deal.wav", "flip.wav", "award.wav", "level_up.wav", "chime.wav")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sounds")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sounds.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_byte_identical_files(regenerated, name):
    assert (regenerated / name).read_bytes() == (SOUNDS / name).read_bytes()


def read(name: str) -> tuple[object, array.array]:
    with wave.open(str(SOUNDS / name)) as sound:
        params = sound.getparams()
        samples = array.array("h", sound.readframes(params.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


@pytest.mark.parametrize("name", NAMES)
def test_format_length_and_level(name):
    params, samples = read(name)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44100)
    assert 0.1 < params.nframes / params.framerate < 1.5
    peak_dbfs = 20 * math.log10(max(abs(s) for s in samples) / 32767)
    assert -6.5 < peak_dbfs < -5.5


@pytest.mark.parametrize("name", NAMES)
def test_starts_and_ends_in_silence(name):
    _, samples = read(name)
    assert samples[0] == 0 and samples[-1] == 0
    edge = 44  # the first and last millisecond stay quiet: no click
    assert max(abs(s) for s in samples[:edge]) < 1000
    assert max(abs(s) for s in samples[-edge:]) < 200
