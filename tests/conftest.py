"""Shared test set-up: every test runs with its own user data folder and no real display or sound.

Hypothesis runs under one of two profiles. "ci" (chosen when CI=true, as `.ci/run` runs)
tries the full number of examples; "dev", the default everywhere else, tries fewer so the
everyday `pytest -m "not slow"` stays quick. They differ only for tests that do not fix
their own `max_examples`; a test that needs more asks `tests.budget.examples(ci=, dev=)`.
HYPOTHESIS_PROFILE=ci (or dev) chooses one by hand.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.budget import PROFILE

# pygame reads these when it initialises; set them before any test imports it.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The game speaks the computer's language on a first start: tests expect English words
# whatever this machine speaks (LANGUAGE is read first). A test of another language
# chooses it itself.
os.environ["LANGUAGE"] = "en"

settings.register_profile("ci", max_examples=150, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=15, deadline=None)
settings.load_profile(PROFILE)


@pytest.fixture(autouse=True)
def _private_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves, settings and logs go to a fresh folder, never the developer's real ones."""
    monkeypatch.setenv("INKIND_HOME", str(tmp_path_factory.mktemp("inkind-home")))
