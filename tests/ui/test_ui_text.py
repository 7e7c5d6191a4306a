"""ui.yaml: every key the UI uses exists, and a broken file is reported with file:line:col."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.ui_text import KEYS, UiTextError, load_ui_text

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


def test_the_real_file_loads_and_fills_placeholders():
    text = load_ui_text()
    assert text.get("table_turn", name="Ana") == "Ana's turn"


def test_every_literal_key_the_ui_asks_for_is_known():
    used = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found the UI's keys"
    assert used <= set(KEYS), sorted(used - set(KEYS))


def write(tmp_path: Path, extra: str = "", drop: str = "") -> Path:
    real = load_ui_text().texts
    lines = [f"{key}: {value!r}" for key, value in real.items() if key != drop]
    path = tmp_path / "ui.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def test_an_unknown_key_is_named_with_its_line_and_column(tmp_path):
    path = write(tmp_path, extra="titel_quit: 'Quit'\n")
    with pytest.raises(UiTextError) as caught:
        load_ui_text(path=path)
    line = len(KEYS) + 1
    assert f"{path}:{line}:1: error: unknown key 'titel_quit'" in str(caught.value)


def test_a_missing_key_is_an_error(tmp_path):
    path = write(tmp_path, drop="title_quit")
    with pytest.raises(UiTextError, match=r"ui\.yaml:\d+:\d+: error: missing key 'title_quit'"):
        load_ui_text(path=path)


def test_a_placeholder_the_game_cannot_fill_is_an_error(tmp_path):
    path = write(tmp_path, drop="table_turn", extra="table_turn: '{nmae} goes'\n")
    with pytest.raises(UiTextError, match=r"unknown placeholder \{nmae\}"):
        load_ui_text(path=path)


def test_a_text_that_is_not_a_string_is_an_error(tmp_path):
    path = write(tmp_path, drop="title_quit", extra="title_quit: [1, 2]\n")
    with pytest.raises(UiTextError, match="must be a string"):
        load_ui_text(path=path)
