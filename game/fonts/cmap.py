"""Which characters a font file can draw (its `cmap` table), and how tall its capitals are.

pygame draws a missing glyph as an empty box and its metrics do not say so, so the text
module asks this instead when it picks a font for a run of text. Only the tables asked for
are read (a font collection of 19 MB costs a few kilobytes), and a collection (.ttc) is
read at the face asked for. Nothing here raises for a broken file: it has no characters.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zlib
from array import array
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

MAX_CMAP = 16 << 20  # a cmap table past this is not a font we want to read
MAX_FACES = 64


@cache
def codepoints(path: Path, face: int = 0) -> frozenset[int]:
    """Every Unicode code point mapped in the font's best Unicode cmap subtable.

    For the bundled fonts (a few thousand characters); the system's are kept as ranges.
    """
    points: set[int] = set()
    for start, end in coverage(path, face):
        points.update(range(start, end + 1))
    return frozenset(points)


def coverage(path: Path, face: int = 0) -> list[tuple[int, int]]:
    """The code points the font maps, as sorted, merged (first, last) ranges; [] if unreadable.

    A table worked out before (the bundled fonts', KNOWN_TABLES) is known by its bytes'
    crc32 and length, and not read again: what a cmap maps depends on its bytes alone."""
    try:
        with open(path, "rb") as file:
            table = _read_table(file, face, b"cmap", MAX_CMAP)
    except (OSError, struct.error, ValueError):
        return []
    if table is None:
        return []
    known = known_tables().get((zlib.crc32(table), len(table)))
    if known is not None:
        return list(known)
    return table_coverage(table)


def table_coverage(table: bytes) -> list[tuple[int, int]]:
    """What one cmap table maps, worked out from its bytes ([] if it cannot be read)."""
    try:
        return _merged(_cmap_ranges(table))
    except (struct.error, ValueError):
        return []


# The bundled fonts' cmaps worked out when they were added (tools/font_coverage.py writes
# it; tests/fonts/test_system_fonts.py holds it to the fonts): a start reads their tables
# but parses none (about 0.5 ms each, Atkinson's two on every start).
KNOWN_TABLES = "coverage.json"


@cache
def known_tables() -> dict[tuple[int, int], tuple[tuple[int, int], ...]]:
    """(crc32, length) of a cmap table -> its ranges, from assets/fonts/coverage.json; empty
    if that file is missing or not what tools/font_coverage.py writes."""
    from game.resources import assets_dir

    known: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
    try:
        with open(assets_dir() / "fonts" / KNOWN_TABLES, "rb") as file:
            document = json.loads(file.read(1 << 20))
        for entry in document["tables"]:
            ranges = tuple((int(start), int(end)) for start, end in entry["ranges"])
            known[int(entry["crc32"]), int(entry["bytes"])] = ranges
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return known


def describe_tables(paths: list[Path]) -> dict[str, object]:
    """The document KNOWN_TABLES holds for the fonts at `paths` (their first faces)."""
    tables = []
    for path in paths:
        with open(path, "rb") as file:
            table = _read_table(file, 0, b"cmap", MAX_CMAP)
        if table is None:
            continue
        ranges = [list(pair) for pair in table_coverage(table)]
        crc = zlib.crc32(table)
        tables.append({"font": path.name, "crc32": crc, "bytes": len(table), "ranges": ranges})
    return {
        "about": "each bundled font's cmap, worked out (tools/font_coverage.py)",
        "tables": tables,
    }


def face_count(path: Path) -> int:
    """How many faces the file holds (a .ttc several, a .ttf or .otf one; 0 if not a font)."""
    try:
        with open(path, "rb") as file:
            head = file.read(12)
    except OSError:
        return 0
    if len(head) < 12:
        return 0
    if head[:4] == b"ttcf":
        (faces,) = struct.unpack_from(">I", head, 8)
        return min(MAX_FACES, int(faces))
    return 1 if head[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true") else 0


@cache
def cap_height(path: Path, face: int = 0) -> float | None:
    """Capital height as a fraction of the em (OS/2 sCapHeight / head unitsPerEm), if given."""
    try:
        with open(path, "rb") as file:
            head = _read_table(file, face, b"head", 1024)
            os2 = _read_table(file, face, b"OS/2", 1024)
        if head is None or os2 is None or len(head) < 20 or len(os2) < 90:
            return None
        (units,) = struct.unpack_from(">H", head, 18)
        (version,) = struct.unpack_from(">H", os2, 0)
        if version < 2 or not units:  # sCapHeight came with version 2
            return None
        (height,) = struct.unpack_from(">h", os2, 88)
    except (OSError, struct.error):
        return None
    return height / units if height > 0 else None


def _read_table(file: BinaryIO, face: int, tag: bytes, limit: int) -> bytes | None:
    file.seek(0)
    header = file.read(12)
    start = 0
    if header[:4] == b"ttcf":
        (faces,) = struct.unpack_from(">I", header, 8)
        if face >= faces:
            return None
        file.seek(12 + 4 * face)
        (start,) = struct.unpack(">I", file.read(4))
        file.seek(start)
        header = file.read(12)
    if len(header) < 12:
        return None
    (num_tables,) = struct.unpack_from(">H", header, 4)
    records = file.read(16 * num_tables)
    for i in range(min(num_tables, len(records) // 16)):
        record = 16 * i
        if records[record : record + 4] == tag:
            offset, length = struct.unpack_from(">II", records, record + 8)
            if length > limit:
                return None
            file.seek(offset)
            return file.read(length)
    return None


def _rank(platform: int, encoding: int) -> int:
    if (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
        return 2  # full Unicode
    if (platform, encoding) in ((3, 1), (0, 3), (0, 0), (0, 1), (0, 2)):
        return 1  # Basic Multilingual Plane
    return 0


def _cmap_ranges(data: bytes) -> list[tuple[int, int]]:
    _, count = struct.unpack_from(">HH", data, 0)
    best: tuple[int, int] | None = None  # (rank, offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * i)
        rank = _rank(platform, encoding)
        if rank and (best is None or rank > best[0]):
            best = (rank, offset)
    if best is None:
        return []
    return _read_subtable(data, best[1])


def _read_subtable(data: bytes, at: int) -> list[tuple[int, int]]:
    (fmt,) = struct.unpack_from(">H", data, at)
    ranges: list[tuple[int, int]] = []
    if fmt == 4:
        # Four arrays of 16-bit words, one entry a segment, read whole (a font's first
        # measure asks for its table: Atkinson's took 0.5 ms word by word, Noto's 1.3 ms).
        (seg_x2,) = struct.unpack_from(">H", data, at + 6)
        segments = seg_x2 // 2
        ends = at + 14
        starts = ends + seg_x2 + 2
        deltas = starts + seg_x2
        offsets = deltas + seg_x2
        end_codes, start_codes = _words(data, ends, segments), _words(data, starts, segments)
        delta_words, range_offsets = _words(data, deltas, segments), _words(data, offsets, segments)
        for s in range(segments):
            start, end, range_offset = start_codes[s], min(end_codes[s], 0xFFFE), range_offsets[s]
            delta = delta_words[s]
            if range_offset == 0:
                # Every code maps to code + delta: only the one landing on glyph 0 is missing.
                missing = (-delta) & 0xFFFF
                if start <= missing <= end:
                    ranges += [(start, missing - 1), (missing + 1, end)]
                elif start <= end:
                    ranges.append((start, end))
                continue
            if start > end:
                continue
            glyphs = _words(data, offsets + 2 * s + range_offset, end - start + 1)
            ranges += [
                (code, code)
                for code, glyph in zip(range(start, end + 1), glyphs, strict=True)
                if glyph and (glyph + delta) & 0xFFFF
            ]
    elif fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        words = _words(data, at + 16, 6 * groups, "I")  # (start, end, glyph) a group
        for start, end, glyph in zip(words[0::3], words[1::3], words[2::3], strict=True):
            if glyph == 0:
                start += 1  # the group's first code maps to .notdef
            if start <= end:
                ranges.append((start, end))
    return ranges


def _words(data: bytes, at: int, count: int, code: str = "H") -> array[int]:
    """`count` big-endian 16-bit words from `at` (struct.error if the table is too short);
    with `code` "I", count/2 32-bit ones."""
    if at < 0 or at + 2 * count > len(data):
        raise struct.error("the table ends before its words do")
    words = array(code, data[at : at + 2 * count])
    if words.itemsize != {"H": 2, "I": 4}[code]:
        raise ValueError("this computer's words are not 16 and 32 bits")
    if sys.byteorder == "little":
        words.byteswap()
    return words


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[0] <= r[1]):
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def table_tags(path: Path, face: int = 0) -> frozenset[bytes]:
    """The tags of the face's tables (b"cmap", b"CBDT", …); empty if the file is no font."""
    try:
        with open(path, "rb") as file:
            header = file.read(12)
            if header[:4] == b"ttcf":
                file.seek(12 + 4 * face)
                (start,) = struct.unpack(">I", file.read(4))
                file.seek(start)
                header = file.read(12)
            (num_tables,) = struct.unpack_from(">H", header, 4)
            records = file.read(16 * num_tables)
    except (OSError, struct.error):
        return frozenset()
    return frozenset(records[i : i + 4] for i in range(0, len(records) - 15, 16))


# The face of a Noto CJK collection for a language: its family name ends with it.
_CJK_FACES = {"ja": "JP", "ko": "KR", "zh": "SC"}


def cjk_face(language: str) -> str:
    """The Noto CJK face ("JP", "KR", "SC", "TC", "HK") for a language tag: Chinese in
    traditional characters (zh-Hant, zh-TW, zh-HK) has its own; a language with no face of
    its own takes Japanese, the collection's first."""
    tag = language.lower()
    if tag.startswith("zh") and any(part in tag for part in ("hant", "-tw", "-hk", "-mo")):
        return "HK" if tag.endswith("-hk") else "TC"
    for prefix, face in _CJK_FACES.items():
        if tag == prefix or tag.startswith(prefix + "-"):
            return face
    return "JP"


@cache
def family_name(path: Path, face: int = 0) -> str:
    """The face's family name (name ID 1, Windows Unicode), "" if it has none or is unreadable."""
    try:
        with open(path, "rb") as file:
            table = _read_table(file, face, b"name", 1 << 20)
        if table is None:
            return ""
        _, count, strings = struct.unpack_from(">HHH", table, 0)
        for i in range(count):
            platform, _, _, name_id, length, offset = struct.unpack_from(
                ">HHHHHH", table, 6 + 12 * i
            )
            if name_id == 1 and platform == 3:
                start = strings + offset
                return table[start : start + length].decode("utf-16-be", "replace")
    except (OSError, struct.error):
        return ""
    return ""


@cache
def language_face(path: Path, language: str) -> int:
    """The face of a font collection for `language` (a Noto CJK .ttc holds one per
    language: "Noto Sans CJK KR" for Korean); 0 for a single font or no such face."""
    suffix = " " + cjk_face(language)
    for face in range(face_count(path)):
        if family_name(path, face).upper().endswith(suffix):
            return face
    return 0


class FaceFile(io.RawIOBase):
    """One face of a font collection read as a font file of its own: its table directory
    stands at the start, and everything after is the collection's bytes as they are (the
    directory's offsets count from the collection's start, and its tables lie after every
    directory, so nothing a face needs is covered). pygame's Font opens a collection's first
    face only; given this, it opens any."""

    def __init__(self, path: Path, face: int) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - kept open while the font is in use
        self._file.seek(12 + 4 * face)
        (start,) = struct.unpack(">I", self._file.read(4))
        self._file.seek(start)
        head = self._file.read(12)
        (tables,) = struct.unpack_from(">H", head, 4)
        self._head = head + self._file.read(16 * tables)
        self._size = self._file.seek(0, io.SEEK_END)
        self._at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._at, io.SEEK_END: self._size}[whence]
        self._at = max(0, base + offset)
        return self._at

    def tell(self) -> int:
        return self._at

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), max(0, self._size - self._at))
        done = 0
        if self._at < len(self._head):
            part = self._head[self._at : self._at + wanted]
            view[: len(part)] = part
            done = len(part)
        if done < wanted:
            self._file.seek(self._at + done)
            done += self._file.readinto(view[done:wanted])
        self._at += done
        return done

    def close(self) -> None:
        self._file.close()
        super().close()
