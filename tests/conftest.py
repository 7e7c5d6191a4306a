"""Shared test set-up: every test runs with its own user data folder and no real display or sound."""

from __future__ import annotations

import os

import pytest

# pygame reads these when it initialises; set them before any test imports it.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def _private_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves, settings and logs go to a fresh folder, never the developer's real ones."""
    monkeypatch.setenv("INKIND_HOME", str(tmp_path_factory.mktemp("inkind-home")))
