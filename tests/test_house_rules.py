"""House rules that keep the code easy to change (docs/architecture.md): small UI files."""

from __future__ import annotations

from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "game" / "ui"
MOST_LINES = 500  # a screen or panel past this usually holds a second idea


def test_no_file_in_game_ui_is_over_500_lines():
    long = {
        str(path.relative_to(UI)): count
        for path in sorted(UI.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}, "split these into panels or helpers"
    assert len(list(UI.rglob("*.py"))) > 20, "the UI files were found"
