"""Where decks come from, and a catalog in which a broken deck never hides the others."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from game.content.sources import (
    READING_SWITCH_SECONDS,
    deck_files,
    frames_first,
    load_catalog,
    user_decks_dir,
)
from game.core.cards import Mode

PAIR_DECK = (
    "format: 1\nid: {id}\nname: {name}\nmodes: [pair]\n"
    "cards:\n  - prompt: Tell about a morning. How did you feel?\n"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_user_deck_folder_is_in_the_user_data_folder(home: Path) -> None:
    assert user_decks_dir() == home / "decks"


def test_deck_files_are_yaml_files_in_name_order(tmp_path: Path) -> None:
    for name in ("b.yml", "a.yaml", "c.txt", ".d.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "e.yaml").mkdir()  # listed, so that loading says it is a folder (issue 15)
    assert deck_files(tmp_path) == [
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yml"),
        str(tmp_path / "e.yaml"),
    ]
    assert deck_files(tmp_path / "missing") == []


def test_the_catalog_has_built_in_then_user_then_extra_decks_and_keeps_broken_ones(
    home: Path, tmp_path: Path
) -> None:
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "zz.yaml").write_text(PAIR_DECK.format(id="mine", name="A Mine"), "utf-8")
    (home / "decks" / "broken.yaml").write_text("format: 1\nid: broken\n", "utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(PAIR_DECK.format(id="extra", name="Extra"), "utf-8")
    catalog = load_catalog([str(extra), str(tmp_path / "gone.yaml")])

    builtin = [r for r in catalog.decks if r.path.startswith("decks")]
    assert [r.deck.name for r in builtin if r.deck] == sorted(
        r.deck.name for r in builtin if r.deck
    )
    rest = catalog.decks[len(builtin) :]
    assert [Path(r.path).name for r in rest] == ["zz.yaml", "broken.yaml", "extra.yaml"]
    broken = rest[1]
    assert not broken.ok and broken.deck is None
    assert [p.message for p in broken.problems] == [
        "the deck has no 'name'",
        "the deck has no 'cards'",
    ]
    assert [p.format() for p in catalog.problems] == [
        f"{tmp_path / 'gone.yaml'}: error: no such file or folder"
    ]
    assert sorted(catalog.presets) == ["classic", "gathering", "together"]

    pair_ids = [deck.id for deck in catalog.playable(Mode.PAIR)]
    circle_ids = [deck.id for deck in catalog.playable(Mode.CIRCLE)]
    assert "mine" in pair_ids and "extra" in pair_ids and "broken" not in pair_ids
    assert "mine" not in circle_ids


def test_a_user_deck_reusing_a_built_in_id_is_broken_and_the_built_in_stays(home: Path) -> None:
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "copy.yaml").write_text(
        PAIR_DECK.format(id="first-steps", name="Copy"), "utf-8"
    )
    catalog = load_catalog()
    by_name = {Path(r.path).name: r for r in catalog.decks}
    assert by_name["first-steps.yaml"].ok
    assert not by_name["copy.yaml"].ok
    assert "is already used by" in by_name["copy.yaml"].problems[0].message


def test_an_extra_folder_adds_every_deck_in_it(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"d{n}.yaml").write_text(PAIR_DECK.format(id=f"d{n}", name=f"D{n}"), "utf-8")
    catalog = load_catalog([str(folder)])
    assert [r.deck.id for r in catalog.decks[-2:] if r.deck] == ["d1", "d2"]


def test_the_progress_says_how_many_decks_there_are_before_the_first_is_read(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"d{n}.yaml").write_text(PAIR_DECK.format(id=f"d{n}", name=f"D{n}"), "utf-8")
    said: list[tuple[int, int]] = []
    catalog = load_catalog([str(folder)], lambda done, total: said.append((done, total)))
    total = len(catalog.decks)
    assert said == [(done, total) for done in range(total + 1)]


def test_while_decks_are_read_the_collector_waits_and_threads_switch_sooner() -> None:
    """Issue 23: a reading thread's collections held the interpreter's lock for up to
    500 ms; both come back as they were when the last of several readings ends."""
    interval = sys.getswitchinterval()
    assert gc.isenabled()
    with frames_first():
        with frames_first():
            assert not gc.isenabled()
            assert sys.getswitchinterval() == pytest.approx(READING_SWITCH_SECONDS)
        assert not gc.isenabled(), "back only when the last reading ends"
    assert gc.isenabled()
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with frames_first():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
