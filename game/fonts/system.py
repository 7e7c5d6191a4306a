"""The fonts installed on this computer, and which one to draw a character with.

The bundled fonts cover Latin, Greek and Cyrillic; anything else (Japanese, Arabic, an
emoji in a name) is drawn with a font the computer already has. On Linux and the BSDs
fontconfig lists them with the characters each covers (`fc-list`, one call of about 40 ms
that fontconfig answers from its own cache); on macOS and Windows, and where fontconfig is
missing, the standard font folders are read (each file's cmap table only).

Either way the answer is kept in <data>/cache/system-fonts.cache (a line of JSON, then the
faces' ranges as raw 32-bit words) with a stamp of the font folders (every folder's modification time), so a later start reads one file instead of
asking again; a font installed or removed changes a folder's time and the list is made
again. A cache that is damaged, too large or of another version is simply rebuilt.
Nothing here runs until a character needs it: plain Latin text never asks.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from game.fonts import cmap
from game.fonts.folders import folder_stamp, font_folders

# 2: ranges as the hex of 32-bit words, and the order of preference kept; 3: one list a
# field ("paths", "families", ...) rather than an object a face, a third quicker to read;
# 4: the ranges' words raw after the JSON line (its "ranges" the bytes each face has, its
# "crc32" theirs), not hex inside it: JSON scanning 300 KB of hex was most of reading it
CACHE_VERSION = 4
FIELDS = ("paths", "families", "styles", "colour", "ranges")
CACHE_NAME = "system-fonts.cache"
OLD_CACHE_NAME = "system-fonts.json"
MAX_CACHE = 16 << 20  # ~0.6 MB for the 321 faces of a Debian machine with every Noto font
MAX_FONTS = 5_000
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
FC_FORMAT = "%{file}\\t%{index}\\t%{family[0]}\\t%{style[0]}\\t%{charset}\\n"
BEST_KEPT = 8_192  # characters whose best font is remembered (a deck's worth many times over)


class SystemFont:
    """One face (pygame opens face 0 of a file) and the code points it covers, as ranges.

    Read from the cache, a face keeps its ranges as the cache wrote them (its words' bytes)
    until a character asks about it: a Japanese title asks about a few faces of some 300."""

    __slots__ = ("path", "family", "style", "colour", "_starts", "_ends", "_raw")

    def __init__(
        self,
        path: str,
        family: str,
        style: str,
        colour: bool,  # a bitmap colour font (Noto Color Emoji): drawn at one size and scaled
        starts: array[int] | None = None,
        ends: array[int] | None = None,
        raw_words: bytes | memoryview = b"",
    ) -> None:
        self.path, self.family, self.style, self.colour = path, family, style, colour
        self._starts, self._ends, self._raw = starts, ends, raw_words

    def _ranges(self) -> tuple[array[int], array[int]]:
        if self._starts is None or self._ends is None:
            words = array("I")
            words.frombytes(self._raw)  # whole pairs of 32-bit words: read_cache checked
            half = len(words) // 2
            self._starts, self._ends, self._raw = words[:half], words[half:], b""
        return self._starts, self._ends

    @property
    def starts(self) -> array[int]:
        return self._ranges()[0]

    @property
    def ends(self) -> array[int]:
        return self._ranges()[1]

    def covers(self, point: int) -> bool:
        starts, ends = self._ranges()
        i = bisect_right(starts, point) - 1
        return i >= 0 and point <= ends[i]

    def __repr__(self) -> str:
        return f"SystemFont({self.path!r}, {self.family!r}, {self.style!r})"


def is_emoji(point: int) -> bool:
    """Characters drawn as emoji when a colour emoji font has them (and the joiners between)."""
    return (
        0x1F000 <= point <= 0x1FAFF
        or 0x2600 <= point <= 0x27BF
        or 0x2300 <= point <= 0x23FF
        or 0x2B00 <= point <= 0x2BFF
        or point in (0x200D, 0xFE0F, 0x20E3)
        or 0xE0020 <= point <= 0xE007F
    )


class FontIndex:
    """The installed faces and, per character, the one to draw it with (best first)."""

    def __init__(
        self,
        fonts: Iterable[SystemFont],
        source: str = "",
        order: dict[bool, list[int]] | None = None,
    ) -> None:
        """`order`: the faces by preference, regular and bold, as kept in the cache (else
        worked out here)."""
        self.fonts = list(fonts)
        self.source = source  # "fontconfig", "folders" or "cache" (how it was found)
        self._best: dict[tuple[int, bool], int | None] = {}
        self._plain: dict[bool, list[int]] = {}  # `order` without the colour faces, when asked
        self._order = order or {
            bold: sorted(range(len(self.fonts)), key=lambda i: _preference(self.fonts[i], bold))
            for bold in (False, True)
        }

    def order(self, bold: bool) -> list[int]:
        """The faces' indexes, the most preferred first (what the cache keeps)."""
        return list(self._order[bold])

    def best(self, point: int, bold: bool = False) -> SystemFont | None:
        """The face to draw `point` with: colour emoji for emoji, else the plainest face that has
        it (sans before serif, regular or bold as asked, not mono, not italic); None if none has."""
        key = (point, bold)
        if key in self._best:
            found = self._best[key]
        else:
            order = self._order[bold]
            if is_emoji(point):
                order = sorted(order, key=lambda i: not self.fonts[i].colour)
            else:  # worked out once, not for each character (a Japanese title asks 23 times)
                plain = self._plain.get(bold)
                if plain is None:
                    plain = self._plain[bold] = [i for i in order if not self.fonts[i].colour]
                order = plain
            found = next((i for i in order if self.fonts[i].covers(point)), None)
            if len(self._best) >= BEST_KEPT:
                self._best.clear()
            self._best[key] = found
        return None if found is None else self.fonts[found]

    def can_draw(self, point: int) -> bool:
        return self.best(point) is not None


def _preference(font: SystemFont, bold: bool) -> tuple[int, int, int, int, int, str]:
    family, style = font.family.lower(), font.style.lower()
    slanted = any(word in style for word in ("italic", "oblique"))
    weight = ("bold" in style) != bold or any(
        word in style for word in ("condensed", "light", "thin", "black", "semi", "extra", "medium")
    )
    odd = sum(
        word in family
        for word in ("mono", "math", "unjoined", "looped", "display", " ui", "kufi", "nastaliq")
    ) + (2 if "serif" in family else 0)
    plain = int("sans" not in family)  # Noto Sans Arabic before Noto Naskh Arabic
    return (int(slanted), int(weight), odd, plain, int("noto" not in family), font.path)


# ------------------------------------------------------------ finding, with a cache


_lock = threading.Lock()
_index: FontIndex | None = None


def system_fonts(cache_dir: Path | None = None) -> FontIndex:
    """The fonts of this computer, found once per process (from the cache when it is fresh).

    Safe to call from the warm-up's idle time and from drawing alike; the first call may take
    tens of milliseconds without a cache, a few with one.
    """
    global _index
    with _lock:
        if _index is None:
            _index = load_or_find(cache_dir)
        return _index


def load_or_find(cache_dir: Path | None = None, folders: list[Path] | None = None) -> FontIndex:
    """The cached list if its stamp still matches the font folders, else a new one, cached."""
    if cache_dir is None:
        from game.store.paths import cache_dir as default_cache_dir

        cache_dir = default_cache_dir()
    folders = font_folders() if folders is None else folders
    cache = cache_dir / CACHE_NAME
    cached = read_cache(cache, folders)
    if cached is not None:
        return cached
    index = find_fonts(folders)
    write_cache(cache, index, folders)
    return index


def find_fonts(folders: list[Path]) -> FontIndex:
    """Ask fontconfig if it is here (not on macOS or Windows), else read the font folders."""
    import shutil  # here, not on the title's path: a cached list needs neither

    if not sys.platform.startswith(("win", "darwin")) and shutil.which("fc-list"):
        fonts = list(_from_fontconfig())
        if fonts:
            return FontIndex(fonts, "fontconfig")
    return FontIndex(_from_folders(folders), "folders")


def _from_fontconfig() -> Iterator[SystemFont]:
    import subprocess

    try:
        done = subprocess.run(
            ["fc-list", "--format", FC_FORMAT],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return
    count = 0
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or parts[1] != "0" or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue  # pygame opens only a collection's first face
        path, _, family, style, charset = parts
        ranges = _parse_charset(charset)
        if not ranges:
            continue
        yield _font(path, family, style, _has_colour_bitmaps(Path(path)), ranges)
        count += 1
        if count >= MAX_FONTS:
            return


def _from_folders(folders: list[Path]) -> Iterator[SystemFont]:
    count = 0
    for path in _font_files(folders):
        ranges = cmap.coverage(path, 0)
        if not ranges:
            continue
        family, _, style = path.stem.partition("-")
        yield _font(
            str(path), _spaced(family), style or "Regular", _has_colour_bitmaps(path), ranges
        )
        count += 1
        if count >= MAX_FONTS:
            return


def _font_files(folders: list[Path]) -> Iterator[Path]:
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith(FONT_SUFFIXES):
                    yield Path(root) / name


def _spaced(name: str) -> str:
    """ "NotoSansArabic" → "Noto Sans Arabic": file names stand in for family names."""
    out = ""
    for i, char in enumerate(name):
        if i and char.isupper() and not name[i - 1].isupper():
            out += " "
        out += char
    return out


def _has_colour_bitmaps(path: Path) -> bool:
    """Colour bitmap glyphs (CBDT, sbix) come at one size only: the text module scales them."""
    tags = cmap.table_tags(path)
    return b"CBDT" in tags or b"sbix" in tags


def _parse_charset(charset: str) -> list[tuple[int, int]]:
    ranges = []
    for part in charset.split():
        first, _, last = part.partition("-")
        try:
            start = int(first, 16)
            end = int(last, 16) if last else start
        except ValueError:
            continue
        ranges.append((start, end))
    return ranges


def _font(
    path: str, family: str, style: str, colour: bool, ranges: list[tuple[int, int]]
) -> SystemFont:
    return SystemFont(
        path,
        family,
        style,
        colour,
        array("I", (start for start, _ in ranges)),
        array("I", (end for _, end in ranges)),
    )


def read_cache(cache: Path, folders: list[Path]) -> FontIndex | None:
    """The cached index, or None when it is missing, stale, damaged or not ours."""
    from game.store.safe_read import read_regular

    try:
        whole = read_regular(cache, MAX_CACHE)
        line = whole.find(b"\n")
        data = json.loads(whole[: max(line, 0)].decode("utf-8"))
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return None
        if data.get("platform") != sys.platform or data.get("byteorder") != sys.byteorder:
            return None
        words = memoryview(whole)[line + 1 :]
        if type(data["crc32"]) is not int or zlib.crc32(words) != data["crc32"]:
            return None
        fonts = _from_json(words, *(data[field] for field in FIELDS))
        if data["stamp"] != folder_stamp(folders, data["paths"]):
            return None
        order = {False: data["order"][0], True: data["order"][1]}
        every = list(range(len(fonts)))
        if any(sorted(order[bold]) != every for bold in order):
            return None
        return FontIndex(fonts, "cache", order)
    except (OSError, ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None


def _from_json(
    words: memoryview,
    paths: object,
    families: object,
    styles: object,
    colour: object,
    ranges: object,
) -> list[SystemFont]:
    """The faces from the cache's lists (one entry a face in each), or TypeError/ValueError.
    `ranges`: how many bytes of `words` each face has, one face after the other."""
    texts = [_strings(column) for column in (paths, families, styles)]
    if type(colour) is not list or type(ranges) is not list:
        raise TypeError("a cached font has the wrong types")
    if len({len(column) for column in (*texts, colour, ranges)}) != 1:
        raise ValueError("the cached fonts' lists are not lists of one length")
    # The ranges' starts and ends, one after the other, as their 32-bit words, read when a
    # character asks about this face (SystemFont._ranges).
    if array("I").itemsize != 4:
        raise ValueError("this computer's words are not 32 bits")
    if any(type(size) is not int or size < 0 or size % 8 for size in ranges):
        raise ValueError("a cached font's ranges are not whole pairs of words")
    if sum(ranges) != len(words):
        raise ValueError("the cached fonts' ranges are not the bytes after the list")
    fonts, at = [], 0
    for path, family, style, shown, size in zip(*texts, colour, ranges, strict=True):
        fonts.append(
            SystemFont(path, family, style, shown is True, raw_words=words[at : at + size])
        )
        at += size
    return fonts


def _strings(column: object) -> list[str]:
    if type(column) is not list or not all(type(text) is str for text in column):
        raise TypeError("a cached font has the wrong types")
    return cast("list[str]", column)


def write_cache(cache: Path, index: FontIndex, folders: list[Path]) -> None:
    """Best effort: a cache that cannot be written only costs the next start the search."""
    from game.store.atomic import write_atomic

    try:
        words = [_words(font.starts) + _words(font.ends) for font in index.fonts]
    except ValueError:
        return  # not 32-bit words: no cache, each start asks again
    raw = b"".join(words)
    data = {
        "version": CACHE_VERSION,
        "platform": sys.platform,
        "byteorder": sys.byteorder,
        "stamp": folder_stamp(folders, (font.path for font in index.fonts)),
        "order": [index.order(False), index.order(True)],
        "paths": [font.path for font in index.fonts],
        "families": [font.family for font in index.fonts],
        "styles": [font.style for font in index.fonts],
        "colour": [font.colour for font in index.fonts],
        "ranges": [len(flat) for flat in words],
        "crc32": zlib.crc32(raw),
    }
    line = json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    with contextlib.suppress(OSError):
        write_atomic(cache, line + b"\n" + raw)
    with contextlib.suppress(OSError):
        (cache.parent / OLD_CACHE_NAME).unlink()  # versions 1-3's, no longer read


def _words(numbers: array[int]) -> bytes:
    words = array("I", numbers)
    if words.itemsize != 4:
        raise ValueError("this computer's words are not 32 bits")
    return words.tobytes()
