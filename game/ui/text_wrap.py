"""Wrapping, shrinking to fit and ellipsis for `Text` (game/ui/text.py), measured with its
`width`: words break at spaces; Chinese, Japanese and Korean between characters
(game/ui/line_breaks.py)."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
# it is given as a string (a ForwardRef each), and Fitted's fields were that at every start
# (issue 27: 48 compiles, about 3 ms, before the title's first frame).

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from game.ui.line_breaks import breakable_pieces, breaks_anywhere

K = TypeVar("K")
V = TypeVar("V")
ELLIPSIS = "…"


class Memo(dict[K, V]):
    """A dict of at most `limit` entries: two generations, the older dropped as a whole.

    Read it with `find` (a miss in the new generation looks in the old one and brings the
    entry back; a miss in both is None, not an exception: a new screen misses hundreds).
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.half = max(1, limit // 2)
        self.old: dict[K, V] = {}

    def find(self, key: K) -> V | None:
        value = self.get(key)
        if value is None and key in self.old:
            self.add(key, value := self.old.pop(key))
        return value

    def add(self, key: K, value: V) -> None:
        self[key] = value
        if dict.__len__(self) >= self.half:
            self.old = dict(self)
            self.clear()

    def entries(self) -> int:
        return dict.__len__(self) + len(self.old)


class Fitted(NamedTuple):
    """Lines of text at a size chosen so the block fits a box."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    bold: bool

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


class Wrapping:
    """The wrapping half of `Text`; it needs `width`, `line_height` and the two memos."""

    _wraps: Memo[tuple[str, int, int, bool], tuple[str, ...]]
    _fits: Memo[tuple[str, int, int, int, int, bool], Fitted]

    def width(self, text: str, size: int, bold: bool = False) -> int:
        raise NotImplementedError

    def line_height(self, size: int, bold: bool = False) -> int:
        raise NotImplementedError

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Break text into lines no wider than `width`; explicit newlines are kept."""
        key = (text, size, width, bold)
        found = self._wraps.find(key)
        if found is None:
            found = tuple(self._wrap(text, size, width, bold))
            self._wraps.add(key, found)
        return list(found)

    def _wrap(self, text: str, size: int, width: int, bold: bool) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if self.width(paragraph, size, bold) <= width:
                lines.append(paragraph)  # a name, a label: one line, one measure
                continue
            if paragraph and max(paragraph) >= "\u2e80" and any(map(breaks_anywhere, paragraph)):
                lines.extend(self._wrap_between_characters(paragraph, size, width, bold))
                continue
            by_words = self._wrap_by_words(paragraph, size, width, bold)
            # A line's width is its words' and spaces' added up: one measure a word, not one
            # a word for each word before it (a page of How to play took 80 ms). Kerning could
            # make the sum differ, so each line is measured; one too wide takes the exact way.
            if all(self.width(line, size, bold) <= width for line in by_words):
                lines.extend(by_words)
            else:
                lines.extend(self._wrap_exactly(paragraph, size, width, bold))
        return lines

    def _wrap_by_words(self, paragraph: str, size: int, width: int, bold: bool) -> list[str]:
        space = self.width(" ", size, bold)
        lines: list[str] = []
        line: list[str] = []
        line_width = 0
        for word in paragraph.split(" "):
            word_width = self.width(word, size, bold)
            if line and line_width + space + word_width <= width:
                line.append(word)
                line_width += space + word_width
                continue
            if line:
                lines.append(" ".join(line))
            while word_width > width and len(word) > 1:
                cut = self._longest_prefix(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = self.width(word, size, bold)
            line, line_width = [word], word_width
        lines.append(" ".join(line))
        return lines

    def _wrap_exactly(self, paragraph: str, size: int, width: int, bold: bool) -> list[str]:
        lines: list[str] = []
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if self.width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while self.width(word, size, bold) > width and len(word) > 1:
                cut = self._longest_prefix(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
        return lines

    def _wrap_between_characters(
        self, paragraph: str, size: int, width: int, bold: bool
    ) -> list[str]:
        """Chinese, Japanese and Korean break between any two of their characters, Latin
        words at spaces; a closing mark never starts a line, an opening one never ends it."""
        lines: list[str] = []
        line = ""
        for piece in breakable_pieces(paragraph):
            candidate = line + piece
            if not line or self.width(candidate.rstrip(" "), size, bold) <= width:
                line = candidate
                continue
            lines.append(line.rstrip(" "))
            line = piece.lstrip(" ")
            while self.width(line, size, bold) > width and len(line) > 1:
                cut = self._longest_prefix(line, size, width, bold)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip(" "))
        return lines

    def _longest_prefix(self, word: str, size: int, width: int, bold: bool) -> int:
        cut = 1
        while cut < len(word) and self.width(word[: cut + 1], size, bold) <= width:
            cut += 1
        return cut

    def fit(
        self,
        text: str,
        box: tuple[int, int],
        size: int,
        min_size: int = 10,
        bold: bool = False,
    ) -> Fitted:
        """Wrap at the largest size (down to `min_size`) whose block fits the box.

        If even `min_size` is too big, the lines that fit are kept and the last ends in "…",
        so text never spills out of its box.
        """
        key = (text, box[0], box[1], size, min_size, bold)
        fitted = self._fits.find(key)
        if fitted is None:
            fitted = self._fit(text, box, size, min_size, bold)
            self._fits.add(key, fitted)
        return fitted

    def _fit(self, text: str, box: tuple[int, int], size: int, min_size: int, bold: bool) -> Fitted:
        width, height = max(1, box[0]), max(1, box[1])
        size = max(size, 1)
        min_size = min(min_size, size)
        while True:
            lines = self.wrap(text, size, width, bold)
            line_height = self.line_height(size, bold)
            if line_height * len(lines) <= height or size <= min_size:
                break
            size = max(min_size, int(size * 0.92))
        keep = max(1, height // line_height)
        if len(lines) > keep:
            lines = lines[:keep]
            lines[-1] = self.ellipsize(lines[-1] + ELLIPSIS, size, width, bold)
        return Fitted(tuple(lines), size, line_height, bold)

    def fits(self, text: str, box: tuple[int, int], size: int, bold: bool = False) -> bool:
        """Whether the whole of `text`, wrapped at `size`, fits the box without cutting."""
        lines = self.wrap(text, size, max(1, box[0]), bold)
        widest = max((self.width(line, size, bold) for line in lines), default=0)
        return widest <= box[0] and self.line_height(size, bold) * len(lines) <= box[1]

    def largest_size(
        self, texts: Sequence[str], width: int, size: int, min_size: int, bold: bool = False
    ) -> int:
        """The largest size, down to `min_size`, at which every one of `texts` fits on one line."""
        while size > min_size and any(self.width(t, size, bold) > width for t in texts):
            size = max(min_size, int(size * 0.92))
        return size

    def ellipsize(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """Shorten text with "…" until it fits `width` (long names, headings)."""
        if self.width(text, size, bold) <= width:
            return text
        base = text.rstrip(ELLIPSIS)
        low, high = 0, len(base)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(base[:middle].rstrip() + ELLIPSIS, size, bold) <= width:
                low = middle
            else:
                high = middle - 1
        return base[:low].rstrip() + ELLIPSIS
