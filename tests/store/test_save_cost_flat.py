"""One autosave touches the new actions only, however long the evening (issue 27).

Counted, not timed: the log's list is swapped for one that counts every item it hands
out (sliced or iterated); a save after five more actions hands out as many at 2,000
actions as at 20,000: ten times longer, and not one item more.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import SupportsIndex, overload

import attrs

from game.core.action_log import ActionLog
from game.core.actions import Action, Award, TakeBack
from game.core.engine import new_game
from game.core.rules import AwardKind
from game.store.saves import SaveStore
from tests.store.games import new_setup


class CountingList(list[Action]):
    """A list that counts the items it hands out through a slice or an iteration."""

    handed_out = 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> Action: ...

    @overload
    def __getitem__(self, index: slice) -> list[Action]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Action | list[Action]:
        got = super().__getitem__(index)
        CountingList.handed_out += len(got) if isinstance(index, slice) else 1
        return got

    def __iter__(self) -> Iterator[Action]:
        for item in super().__iter__():
            CountingList.handed_out += 1
            yield item


def _items_handed_out_by_one_save(folder: Path, length: int) -> int:
    """Save a game whose log is `length` actions long, add five actions, save again:
    how many of the log's items that second save touched."""
    moves = (
        Award(0, 1, AwardKind.DEEPENING_QUESTION),
        TakeBack(0, 1, AwardKind.DEEPENING_QUESTION),
    )
    log = ActionLog(moves[i % 2] for i in range(length))
    log._items = CountingList(log._items)  # the store only writes the log: no replay here
    state = new_game(new_setup())
    store = SaveStore(folder)
    store.save(attrs.evolve(state, log=log))
    for i in range(5):
        log = log.appended(moves[i % 2])
    assert isinstance(log._items, CountingList)  # the same list, grown in place
    CountingList.handed_out = 0
    store.save(attrs.evolve(state, log=log))
    return CountingList.handed_out


def test_one_save_touches_only_the_new_actions_at_any_length(tmp_path):
    short = _items_handed_out_by_one_save(tmp_path / "short", 2_000)
    long = _items_handed_out_by_one_save(tmp_path / "long", 20_000)
    assert short == long
    assert long <= 2 * 5  # the five new actions, once for each copy of the journal


def test_a_slice_of_the_log_copies_only_what_it_slices():
    log = ActionLog(Award(0, 1, AwardKind.DEEPENING_QUESTION) for _ in range(1_000))
    log._items = CountingList(log._items)
    log = log.appended(TakeBack(0, 1, AwardKind.DEEPENING_QUESTION))
    CountingList.handed_out = 0
    last_three = log[998:]
    assert CountingList.handed_out == 3
    assert last_three == (*(Award(0, 1, AwardKind.DEEPENING_QUESTION),) * 2, log[-1])
    assert log[:-1:400] == tuple(log)[:-1:400] and log[::-300] == tuple(log)[::-300]
    assert log[5:2] == () and log[-2:] == tuple(log)[-2:] and log[2000:] == ()
