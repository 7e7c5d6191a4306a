"""Where the built-in decks and assets are, whether installed from a wheel or run from a checkout.

The wheel carries the top-level `decks/` and `assets/` as `game/_data/…` (see pyproject.toml),
and so does the app PyInstaller builds (packaging/inkind.spec: the frozen package's
`__file__` is inside the app's folder, beside its `_data`); a source checkout or an
editable install finds them beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def decks_dir() -> Path:
    """The built-in decks (and, in `presets/`, the rules presets)."""
    return _data_dir("decks")


def assets_dir() -> Path:
    return _data_dir("assets")


def presets_dir() -> Path:
    return decks_dir() / "presets"


def text_dir(language: str = "en") -> Path:
    """The words players read: how to play, the feelings palette, starters, the response guide, UI text."""
    return assets_dir() / "text" / language
