"""The deck catalog reads a deck file once until it changes, and refuses a file too big to
compose before composing it (issue 15: 47.6 s and 1.77 GB for 1.4 million keys)."""

from __future__ import annotations

import os

from game.content import sources
from game.content.decks import load_deck
from game.content.sources import CatalogLoad, deck_files, load_catalog, unread_bytes
from game.table.samples import write_many_decks


def test_an_unchanged_deck_is_not_read_again_and_a_changed_one_is(tmp_path, monkeypatch):
    folder = tmp_path / "decks"
    written = write_many_decks(folder, 3)
    read = []
    real = sources.load_deck

    def counting(path, **kwargs):
        read.append(os.path.basename(path))
        return real(path, **kwargs)

    monkeypatch.setattr(sources, "load_deck", counting)
    first = load_catalog([str(folder)])
    mine = sorted(name for name in read if name.startswith("many-"))
    assert mine == ["many-01.yaml", "many-02.yaml", "many-03.yaml"]
    assert unread_bytes(deck_files(folder)) == 0
    read.clear()
    again = load_catalog([str(folder)])
    assert read == [], "nothing changed, nothing read"
    assert [r.deck.id for r in again.decks[-3:]] == [r.deck.id for r in first.decks[-3:]]

    text = written[1].read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1)
    written[1].write_text(text, encoding="utf-8")
    assert unread_bytes(deck_files(folder)) == written[1].stat().st_size
    load_catalog([str(folder)])
    assert read == ["many-02.yaml"], "only the changed deck is read"


def test_a_file_with_too_many_keys_is_refused_before_it_is_composed(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("".join(f"k{i}: 1\n" for i in range(450_000)), encoding="utf-8")
    result = load_deck(path)
    assert result.deck is None
    (problem,) = result.problems
    assert problem.message == (
        "the file holds about 450,000 keys and list items, more than the 400,000 a deck may "
        "have (split it into smaller decks)"
    )


def test_the_catalog_can_be_read_in_a_thread_with_its_progress(tmp_path):
    folder = tmp_path / "decks"
    write_many_decks(folder, 4)
    loading = CatalogLoad([str(folder)])
    loading._thread.join(timeout=60)
    assert loading.finished and loading.failed is None
    assert loading.done == loading.total == len(loading.catalog.decks)
    assert [r.deck.id for r in loading.catalog.decks[-4:]] == [f"many-0{i}" for i in range(1, 5)]
