"""The corpus of broken decks: each file's problems must come out exactly as its .expected file says.

To add a case, write `fixtures/broken/<what-is-wrong>.yaml`, run
`python -m tests.content.test_broken_decks` to write its `.expected` file, and read every line
of it before you commit: the expected output is the point of the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.content.decks import load_deck

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
PRESET_IDS = frozenset({"classic", "gathering", "together"})
CASES = sorted(FIXTURES.glob("*.yaml"))


def problem_lines(name: str) -> list[str]:
    result = load_deck(name, preset_ids=PRESET_IDS)
    return [problem.format() for problem in result.problems]


def test_the_corpus_has_at_least_forty_broken_decks_each_with_expected_lines():
    assert len(CASES) >= 40
    missing = [path.name for path in CASES if not path.with_suffix(".expected").is_file()]
    assert missing == []


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_broken_deck_reports_exactly_the_expected_lines(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    result = load_deck(path.name, preset_ids=PRESET_IDS)
    assert [problem.format() for problem in result.problems] == expected
    assert result.deck is None
    assert not result.ok
    assert result.errors


def _write_expected() -> None:
    os.chdir(FIXTURES)
    for path in CASES:
        lines = problem_lines(path.name)
        path.with_suffix(".expected").write_text("".join(f"{line}\n" for line in lines), "utf-8")
        print(f"{path.name}: {len(lines)} lines")


if __name__ == "__main__":
    _write_expected()
