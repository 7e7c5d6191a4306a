"""Follow-ups alike in wording: pairs whose difflib ratio (lowercased) is at least ALIKE.

"Alike" is exactly `difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.85`.
difflib is slow, so two bounds that every alike pair meets pick the pairs worth comparing:

- Length: the ratio is 2M / S for M matched characters and S = la + lb, and M is at most
  the shorter length, so the shorter text is at least ALIKE / (2 - ALIKE) of the longer.
- Two-letter runs (bigrams): the M matched characters lie in matching blocks, and a bigram
  inside a block is in both texts. With ua and ub characters unmatched there are at most
  ua + ub + 1 = S - 2M + 1 blocks, so the texts share at least M - (S - 2M + 1) = 3M - S - 1
  bigrams (counted with repeats), which is at least (1.5 * ALIKE - 1) * S - 1.

Candidates come from the bigrams of each text that are rarest among all the texts (the
prefix filter: two texts that share t bigrams share one among the first |A| - t + 1 of each,
in any one order of all bigrams), so a big deck is not compared pair by pair.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter

ALIKE = 0.85
_LENGTH_SHARE = ALIKE / (2 - ALIKE)  # the shorter text's least share of the longer's length
_SHARED = 1.5 * ALIKE - 1  # the least bigrams shared, per character of the two texts
# The most texts `inkind check` compares in one deck: about five seconds on a slow machine
# (the pairs grow with the square of the texts).
MAX_TEXTS = 5_000


def alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= ALIKE


def _needed(total_length: float) -> int:
    """The fewest bigrams two alike texts of `total_length` characters together share."""
    return math.ceil(_SHARED * total_length - 1 - 1e-9)


def _counted(items: str | list[str]) -> list[tuple[str, int]]:
    """Each item with how many times it came before: a multiset written as a set."""
    seen: dict[str, int] = {}  # not a Counter: its missing keys go through Python code
    counted = []
    for item in items:
        times = seen.get(item, 0)
        counted.append((item, times))
        seen[item] = times + 1
    return counted


def _bits(sets: list[list[tuple[str, int]]]) -> list[int]:
    """Each set as the bits of an int (bit n for the n-th most common item of all), so the
    size of an intersection is `(a & b).bit_count()`."""
    counts = Counter(item for found in sets for item in found)
    ids = {item: n for n, (item, _) in enumerate(counts.most_common())}
    return [sum(1 << ids[item] for item in found) for found in sets]


def alike_pairs(texts: list[str], groups: list[object] | None = None) -> list[tuple[int, int]]:
    """Pairs (i < j) of texts alike in wording, in order. With `groups` (one per text), two
    texts of one group (the follow-ups of one card) are never paired."""
    lowered = [text.lower() for text in texts]
    lengths = [len(text) for text in lowered]
    grams = [_counted([text[n : n + 2] for n in range(len(text) - 1)]) for text in lowered]
    counts = Counter(gram for found in grams for gram in found)
    masks = _bits(grams)
    letters = _bits([_counted(text) for text in lowered])
    postings: dict[tuple[str, int], list[int]] = {}
    everyone: list[int] = []  # texts too short for the bigram bound: a candidate for all
    pairs = []
    for index, found in enumerate(grams):
        length = lengths[index]
        # The fewest bigrams this text shares with any text alike to it, whatever its length.
        needed = _needed(length * (1 + _LENGTH_SHARE))
        candidates = set(everyone)
        if needed < 1:
            everyone.append(index)
            candidates.update(range(index))
        else:
            rarest = sorted(found, key=lambda g: (counts[g], g))[: len(found) - needed + 1]
            for gram in rarest:
                candidates.update(postings.setdefault(gram, []))
                postings[gram].append(index)
        for other in sorted(candidates):
            other_length = lengths[other]
            low, high = (length, other_length) if length < other_length else (other_length, length)
            if low < _LENGTH_SHARE * high - 1e-9:
                continue
            if groups is not None and groups[other] == groups[index]:
                continue
            if (masks[index] & masks[other]).bit_count() < _SHARED * (low + high) - 1 - 1e-9:
                continue
            if (letters[index] & letters[other]).bit_count() < ALIKE * (low + high) / 2 - 1e-9:
                continue  # fewer letters in common (with repeats) than M needs
            matcher = difflib.SequenceMatcher(None, lowered[other], lowered[index])
            if matcher.ratio() >= ALIKE:
                pairs.append((other, index))
    return sorted(pairs)
