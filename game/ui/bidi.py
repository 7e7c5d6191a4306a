"""Right-to-left lines: which characters run which way, and the order runs are drawn in.

HarfBuzz (inside pygame's SDL_ttf) shapes and orders the letters of one run, given its
direction and script; it does not split a mixed line, and the digits of "עוד 25 דקות"
come out reversed if the whole line is one right-to-left run. So a line is split here
into levels, by the Unicode bidirectional algorithm's rules for a single paragraph with no
explicit embeddings (UAX #9 W1-W7, N1-N2, I1-I2, L1), and its runs are put in visual order
(L2). A line of a wrapped paragraph is given the strong letters around it (`context`), so
its levels are the paragraph's and only the reordering is the line's own. Isolates say which parts do not count for the line's direction (`is_rtl_line`: the
UI puts names in them, game/content/ui_text.py); within the line they and embeddings
count as neutral, and they are taken out before drawing.
Only text with a right-to-left letter comes here; Latin text never pays for it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

_HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_STRONG_RTL = frozenset({"R", "AL"})
_STRONG = frozenset({"L", "R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", "LRE", "RLE", "PDF", "LRO", "RLO"})
_NEUTRAL |= frozenset({"LRI", "RLI", "FSI", "PDI"})


_OPEN_ISOLATE = frozenset({"LRI", "RLI", "FSI"})
_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"))


def without_controls(text: str) -> str:
    """The text as drawn: isolates and embeddings say a direction and have no glyph."""
    return text.translate(_CONTROLS)


def has_rtl(text: str) -> bool:
    """Whether any character is a right-to-left letter (Hebrew, Arabic, …)."""
    return any(unicodedata.bidirectional(char) in _STRONG_RTL for char in text)


def is_rtl_line(text: str) -> bool:
    """Whether a line reads right to left as a whole: more Hebrew or Arabic letters than
    Latin ones, in two words or more. The UI's own sentences are English, so a name in one
    ("فاطمة shares", "נועה: 2") keeps the line left to right; a card's sentence turns it."""
    rtl = latin = 0
    words = 0
    previous_rtl = False
    for kind in _classes_outside_isolates(text):  # a name put in a sentence has no say
        if kind in _STRONG_RTL:
            rtl += 1
            if not previous_rtl:
                words += 1
            previous_rtl = True
        else:
            latin += kind == "L"
            previous_rtl = previous_rtl and kind == "NSM"
    return rtl > latin and words >= 2


def levels(text: str, rtl: bool, context: tuple[str, str] = ("", "")) -> list[int]:
    """The embedding level of each character: even runs left to right, odd right to left.

    `context` is the line's paragraph around it when a paragraph was wrapped (`context`):
    the bidi class of the last strong letter before the line and of the first after it. The
    levels are the paragraph's (UAX #9 resolves a paragraph, then reorders each line, L1-L2),
    so a colon at a line's end that lies between two Latin words stays with them.

    An isolate (a name the UI put in a sentence) is one neutral to the text around it, and
    its own text is laid out by itself, one level up, in its own direction (its first
    strong letter's, UAX #9 X5c): two Hebrew names in a list keep their order, and a name
    never pulls the comma or number beside it into its direction."""
    if not any(unicodedata.bidirectional(char) in _OPEN_ISOLATE for char in text):
        return _levels(text, rtl, context)
    outer: list[str] = []  # the text with each isolate as one neutral
    isolates: list[tuple[int, int, int]] = []  # (where it stands in `outer`, start, end)
    i = 0
    while i < len(text):
        if unicodedata.bidirectional(text[i]) not in _OPEN_ISOLATE:
            outer.append(text[i])
            i += 1
            continue
        end, depth = i + 1, 1
        while end < len(text) and depth:
            kind = unicodedata.bidirectional(text[end])
            depth += (kind in _OPEN_ISOLATE) - (kind == "PDI")
            end += 1
        isolates.append((len(outer), i, end))
        outer.append("\u2068")  # a neutral (its class is FSI, counted as neutral)
        i = end
    outer_levels = _levels("".join(outer), rtl, context)
    found: list[int] = []
    at = 0  # the next place in `outer` not laid out yet
    for place, start, end in isolates:
        found.extend(outer_levels[at:place])  # the plain characters before this isolate
        level = outer_levels[place]
        closed = end - start >= 2 and unicodedata.bidirectional(text[end - 1]) == "PDI"
        inner = text[start + 1 : end - 1 if closed else end]
        inner_rtl = first_strong_rtl(inner)
        # Its own base: the next level up that has its direction's parity.
        base = level + 1 if (level + 1) % 2 == inner_rtl else level + 2
        found.append(level)  # the isolate's opening mark
        found.extend(n - int(inner_rtl) + base for n in levels(inner, inner_rtl))
        if closed:
            found.append(level)  # and its closing one
        at = place + 1
    found.extend(outer_levels[at:])
    return found


def first_strong_rtl(text: str) -> bool:
    """Whether the first strong letter outside nested isolates is right to left (X5c)."""
    for kind in _classes_outside_isolates(text):
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def _classes_outside_isolates(text: str) -> Iterator[str]:
    """The bidi class of each character not inside an isolate (nor an isolate's marks)."""
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _OPEN_ISOLATE:
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif not depth:
            yield kind


def context(lines: Sequence[str], i: int) -> tuple[str, str]:
    """The strong bidi classes around line `i` of a wrapped paragraph: the last strong letter
    of the lines before it and the first of the lines after ("" where there is none)."""
    before = after = ""
    for line in reversed(lines[:i]):
        before = next(
            (k for k in map(unicodedata.bidirectional, reversed(line)) if k in _STRONG), ""
        )
        if before:
            break
    for line in lines[i + 1 :]:
        after = next((k for k in map(unicodedata.bidirectional, line) if k in _STRONG), "")
        if after:
            break
    return before, after


def _levels(text: str, rtl: bool, context: tuple[str, str] = ("", "")) -> list[int]:
    base = 1 if rtl else 0
    outer = "R" if rtl else "L"
    # Before the line: the paragraph's last strong letter (W2, W7, N1); after it, its next.
    start = context[0] or outer
    end_kind = "R" if context[1] == "AL" else context[1] or outer
    types = [unicodedata.bidirectional(char) or "L" for char in text]
    count = len(types)
    # W1: a combining mark takes the type of what it is on.
    for i, kind in enumerate(types):
        if kind == "NSM":
            types[i] = types[i - 1] if i and types[i - 1] not in _NEUTRAL else outer
    # W2, W3: European digits after Arabic letters are Arabic numbers; AL is R.
    strong = start
    for i, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":
            types[i] = "AN"
        if kind == "AL":
            types[i] = "R"
    # W4: one separator between two numbers of a kind joins them (1,000  3.5  2/3).
    for i in range(1, count - 1):
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    # W5: a currency or percent sign beside European digits is part of the number.
    for i, kind in enumerate(types):
        if kind != "ET":
            continue
        end = i
        while end < count and types[end] == "ET":
            end += 1
        if (i and types[i - 1] == "EN") or (end < count and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
    # W6: other separators are neutral. W7: European digits after L are L.
    strong = "R" if start == "AL" else start
    for i, kind in enumerate(types):
        if kind in ("ES", "ET", "CS"):
            types[i] = kind = "ON"
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    # N1, N2: neutrals between two of one direction take it; else the line's direction.
    i = 0
    while i < count:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < count and types[end] in _NEUTRAL:
            end += 1
        before = _direction(types[i - 1], rtl) if i else "R" if start == "AL" else start
        after = _direction(types[end], rtl) if end < count else end_kind
        types[i:end] = [before if before == after else outer] * (end - i)
        i = end
    # I1, I2: the levels.
    found = []
    for kind in types:
        if base == 0:
            found.append(0 if kind == "L" else 1 if kind == "R" else 2)
        else:
            found.append(1 if kind == "R" else 2)
    # L1: spaces at the end of a line go back to the line's own level.
    original = [unicodedata.bidirectional(char) for char in text]
    for i in range(count - 1, -1, -1):
        if original[i] not in ("WS", "S", "B", "BN"):
            break
        found[i] = base
    return found


def _direction(kind: str, rtl: bool) -> str:
    """Numbers count as right to left beside neutrals (N1) in a right-to-left line. In a
    left-to-right one they count as left to right, unlike UAX #9: the UI's "Pass to נועה
    (2 left)" then keeps its bracket with the English rather than with the name."""
    if kind == "L" or (not rtl and kind in ("EN", "AN")):
        return "L"
    return "R"


def visual_order(items: Sequence[T], item_levels: Sequence[int]) -> list[T]:
    """Runs in the order they are drawn, left to right (L2): from the highest level down to
    the lowest odd one, every stretch at that level or above is reversed."""
    order = list(range(len(items)))
    if not item_levels:
        return []
    highest = max(item_levels)
    lowest_odd = min((level for level in item_levels if level % 2), default=highest + 1)
    levels_now = list(item_levels)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels_now[i] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels_now[end] >= level:
                end += 1
            order[i:end] = reversed(order[i:end])
            levels_now[i:end] = reversed(levels_now[i:end])
            i = end
    return [items[j] for j in order]


def rtl_script(char: str) -> str:
    """The script HarfBuzz shapes a right-to-left character in ("" for digits, spaces…)."""
    point = ord(char)
    if any(start <= point <= end for start, end in _ARABIC):
        return "Arab"
    if any(start <= point <= end for start, end in _HEBREW):
        return "Hebr"
    if unicodedata.bidirectional(char) in ("R", "AL"):
        return "Zyyy"  # Syriac, Thaana, N'Ko…: right to left, HarfBuzz guesses the rest
    return ""
