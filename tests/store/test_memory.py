"""The group's memory of cards across evenings: new first, cycling, stars, not for us, the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game.store.memory import (
    UNREADABLE,
    DeckMemory,
    Keeper,
    Memory,
    group_key,
    load_memory,
    save_memory,
    with_had,
)
from tests.budget import examples

CARDS = [f"c{n}" for n in range(6)]


def test_a_group_is_the_same_names_in_any_order_and_case() -> None:
    assert group_key(["Ben", " ana "]) == group_key(["ANA", "ben"])
    memory = Memory().changed(["Ana", "Ben"], "closer", DeckMemory(had={"c1": "2026-12-01"}))
    assert memory.deck(["ben", "Ana"], "closer").had == {"c1": "2026-12-01"}
    assert memory.deck(["Ana", "Ben", "Cy"], "closer") == DeckMemory()


@settings(max_examples=examples(ci=80, dev=20), deadline=None)
@given(st.lists(st.sampled_from(CARDS), max_size=40))
def test_the_deck_cycles_only_when_every_card_is_had(dealt: list[str]) -> None:
    lists = DeckMemory()
    for card in dealt:
        before = set(lists.had)
        lists = with_had(lists, [card], CARDS, "2026-12-01")
        if before | {card} == set(CARDS):
            assert lists.had == {}  # all used: a new cycle begins
        else:
            assert set(lists.had) == before | {card}
        assert lists.new_count(CARDS) == len(CARDS) - len(lists.had)


def test_keeper_records_each_card_once_and_stars_and_says_not_for_us(tmp_path: Path) -> None:
    path = tmp_path / "memory.json"
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS, path)
    keeper.dealt("c1")
    keeper.dealt("c1")
    keeper.dealt("closing")  # not a prompt of the deck: not remembered
    assert keeper.toggle_star("c2") is True
    assert keeper.toggle_star("c2") is False
    assert keeper.toggle_star("c3") is True
    keeper.not_for_us("c3")  # saying no takes the star away too
    again = load_memory(path)[0].deck(["Ben", "Ana"], "closer")
    assert set(again.had) == {"c1"}
    assert again.starred == {}
    assert set(again.not_for_us) == {"c3"}
    # only names, card ids and dates are in the file
    text = path.read_text(encoding="utf-8")
    assert set(json.loads(text)) == {"memory", "groups"}


def test_a_starred_deck_card_reaches_its_own_deck(tmp_path: Path) -> None:
    path = tmp_path / "memory.json"
    keeper = Keeper(["Ana", "Ben"], "starred-cards", ["closer/c1", "first-steps/c2"], path)
    keeper.dealt("closer/c1")
    keeper.not_for_us("closer/c1")
    memory = load_memory(path)[0]
    assert set(memory.deck(["Ana", "Ben"], "closer").not_for_us) == {"c1"}
    assert set(memory.deck(["Ana", "Ben"], "starred-cards").had) == {"closer/c1"}


def test_starred_cards_come_back_oldest_first(tmp_path: Path) -> None:
    memory = Memory().changed(["A", "B"], "x", DeckMemory(starred={"late": "2026-12-02"}))
    memory = memory.changed(["A", "B"], "y", DeckMemory(starred={"early": "2026-11-01"}))
    assert memory.starred(["b", "a"]) == [("y", "early"), ("x", "late")]


def test_damaged_files_give_an_empty_memory_and_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "memory.json"
    for text in (
        "[]",
        "null",
        '"x"',
        "{",
        '{"memory": 1, "groups": 3}',
        '{"memory": "1", "groups": []}',
    ):
        path.write_text(text, encoding="utf-8")
        assert load_memory(path) == (Memory(), UNREADABLE), text
    path.unlink()
    path.mkdir()
    assert load_memory(path) == (Memory(), UNREADABLE)


def test_bad_entries_are_left_out_and_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "memory.json"
    good = Memory().changed(["Ana", "Ben"], "closer", DeckMemory(had={"c1": "2026-12-01"}))
    save_memory(good, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"].append({"names": [], "decks": {}})
    data["groups"].append({"names": ["X"], "decks": {"d": {"had": {"c": 5}}}})
    path.write_text(json.dumps(data), encoding="utf-8")
    memory, message = load_memory(path)
    assert message is None
    assert memory.deck(["Ana", "Ben"], "closer").had == {"c1": "2026-12-01"}
    assert memory.deck(["X"], "d").had == {}
