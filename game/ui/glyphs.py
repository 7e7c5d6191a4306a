"""Which characters a font file can draw (its `cmap` table), and how tall its capitals are.

pygame draws a missing glyph as an empty box and its metrics do not say so, so the
text module asks this instead when it picks a font for a run of text. The capital height
lets it scale a fallback font so its letters stand as tall as the main font's.
"""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path


@cache
def codepoints(path: Path) -> frozenset[int]:
    """Every Unicode code point mapped in the font's best Unicode cmap subtable."""
    data = path.read_bytes()
    table = _find_table(data, b"cmap")
    if table is None:
        return frozenset()
    _, count = struct.unpack_from(">HH", data, table)
    best: tuple[int, int] | None = None  # (rank, offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, table + 4 + 8 * i)
        rank = _rank(platform, encoding)
        if rank and (best is None or rank > best[0]):
            best = (rank, table + offset)
    if best is None:
        return frozenset()
    return frozenset(_read_subtable(data, best[1]))


@cache
def cap_height(path: Path) -> float | None:
    """Capital height as a fraction of the em (OS/2 sCapHeight / head unitsPerEm), if given."""
    data = path.read_bytes()
    head, os2 = _find_table(data, b"head"), _find_table(data, b"OS/2")
    if head is None or os2 is None:
        return None
    (units,) = struct.unpack_from(">H", data, head + 18)
    (version,) = struct.unpack_from(">H", data, os2)
    if version < 2 or not units:  # sCapHeight came with version 2
        return None
    (height,) = struct.unpack_from(">h", data, os2 + 88)
    return height / units if height > 0 else None


def _rank(platform: int, encoding: int) -> int:
    if (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
        return 2  # full Unicode
    if (platform, encoding) in ((3, 1), (0, 3), (0, 0), (0, 1), (0, 2)):
        return 1  # Basic Multilingual Plane
    return 0


def _find_table(data: bytes, tag: bytes) -> int | None:
    (num_tables,) = struct.unpack_from(">H", data, 4)
    for i in range(num_tables):
        record = 12 + 16 * i
        if data[record : record + 4] == tag:
            return int(struct.unpack_from(">I", data, record + 8)[0])
    return None


def _read_subtable(data: bytes, at: int) -> set[int]:
    (fmt,) = struct.unpack_from(">H", data, at)
    points: set[int] = set()
    if fmt == 4:
        (seg_x2,) = struct.unpack_from(">H", data, at + 6)
        ends = at + 14
        starts = ends + seg_x2 + 2
        deltas = starts + seg_x2
        ranges = deltas + seg_x2
        for s in range(seg_x2 // 2):
            end, start = (
                struct.unpack_from(">H", data, base + 2 * s)[0] for base in (ends, starts)
            )
            delta = struct.unpack_from(">h", data, deltas + 2 * s)[0]
            range_offset = struct.unpack_from(">H", data, ranges + 2 * s)[0]
            for code in range(start, min(end, 0xFFFE) + 1):
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    where = ranges + 2 * s + range_offset + 2 * (code - start)
                    glyph = struct.unpack_from(">H", data, where)[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    points.add(code)
    elif fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            points.update(c for i, c in enumerate(range(start, end + 1)) if glyph + i)
    return points
