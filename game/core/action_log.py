"""The game's action log: an immutable sequence whose append costs O(1), not O(length).

Every `apply` returns a new state with one more action. A tuple copied each time makes a
game of n actions cost O(n²) to play or replay (27 s at 100,000 actions). Here each log is
a view of the first `length` items of a list shared with the logs it grew from: appending
to the newest view extends the shared list in place, which no older view can see because
each shows only its own length. Appending to an older view (a branch: trying an action on
a past state) copies that view's items first, so every log still behaves as a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import overload

from game.core.actions import Action


class ActionLog(Sequence[Action]):
    __slots__ = ("_items", "_length")

    _items: list[Action]
    _length: int

    def __init__(self, actions: Iterable[Action] = ()) -> None:
        self._items = list(actions)
        self._length = len(self._items)

    @classmethod
    def _view(cls, items: list[Action], length: int) -> ActionLog:
        log = cls.__new__(cls)
        log._items, log._length = items, length
        return log

    def appended(self, action: Action) -> ActionLog:
        """This log with `action` at the end (this log itself is unchanged)."""
        items = self._items
        if len(items) != self._length:  # a later log already grew from here: branch off
            items = items[: self._length]
        items.append(action)
        return ActionLog._view(items, self._length + 1)

    def starts_with(self, other: ActionLog) -> bool:
        """Whether `other` is the beginning of this log (O(1) when this log grew from it)."""
        if other._length > self._length:
            return False
        if other._items is self._items:
            return True
        # A branch copied the items it shares with `other`: the same objects, which the
        # lists' own comparison checks by identity first (a 100,000-action log compared
        # item by item here took 35 ms, the first save after a branch).
        length = other._length
        return self._items[:length] == other._items[:length]

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Action: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Action, ...]: ...

    def __getitem__(self, index: int | slice) -> Action | tuple[Action, ...]:
        if isinstance(index, slice):
            # Only the items sliced are copied (a save slices off the new actions of a log
            # 100,000 long: copying the whole log first made every save O(length)).
            start, stop, step = index.indices(self._length)
            if step > 0:
                return tuple(self._items[start:stop:step])
            return tuple(self._items[i] for i in range(start, stop, step))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("action log index out of range")
        return self._items[index]

    def __iter__(self) -> Iterator[Action]:
        return islice(self._items, self._length)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ActionLog):
            if self._items is other._items:
                return self._length == other._length
            return self._length == other._length and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        if isinstance(other, (tuple, list)):
            return self._length == len(other) and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ActionLog({list(self)!r})"


def as_log(actions: Iterable[Action]) -> ActionLog:
    """A log from any sequence of actions (a log is kept as it is: it never changes)."""
    return actions if isinstance(actions, ActionLog) else ActionLog(actions)
