"""A level's pile of cards still to deal: an immutable sequence whose draw costs O(1).

A deal takes the pile's first card. A tuple copied without it made every draw O(deck)
(each pile copied to a list and back, 8,000 card ids a draw with an 8,000-card deck).
Here a pile is a view of a tuple from `start`: drawing is a new view one card on,
sharing the tuple, so no card is copied. What changes a pile otherwise (a card put back
under it, a lighter card taken from its middle) makes a new tuple: rare, and asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import overload


class Pile(Sequence[str]):
    __slots__ = ("_cards", "_start")

    _cards: tuple[str, ...]
    _start: int

    def __init__(self, cards: Iterable[str] = ()) -> None:
        self._cards = tuple(cards)
        self._start = 0

    def drawn(self) -> Pile:
        """This pile without its first card (this pile itself is unchanged)."""
        if self._start >= len(self._cards):
            raise IndexError("draw from an empty pile")
        pile = Pile.__new__(Pile)
        pile._cards, pile._start = self._cards, self._start + 1
        return pile

    def __len__(self) -> int:
        return len(self._cards) - self._start

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        length = len(self)
        if isinstance(index, slice):
            start, stop, step = index.indices(length)
            if step > 0:
                return self._cards[self._start + start : self._start + stop : step]
            return tuple(self._cards[self._start + i] for i in range(start, stop, step))
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError("pile index out of range")
        return self._cards[self._start + index]

    def __iter__(self) -> Iterator[str]:
        return islice(self._cards, self._start, None)

    def __contains__(self, card: object) -> bool:
        return any(card == c for c in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Pile | tuple | list):
            if isinstance(other, Pile) and other._cards is self._cards:
                return other._start == self._start
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def as_piles(piles: Iterable[Iterable[str]]) -> tuple[Pile, ...]:
    """Piles from any sequences of card ids (a pile is kept as it is: it never changes)."""
    if isinstance(piles, tuple) and all(isinstance(p, Pile) for p in piles):
        return piles
    return tuple(p if isinstance(p, Pile) else Pile(p) for p in piles)
