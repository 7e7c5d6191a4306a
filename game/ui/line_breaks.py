"""Where a line may break in Chinese and Japanese: between any two characters, but a closing
mark never starts a line and an opening one never ends it (a short form of the Japanese
line-breaking rules). Korean, like Latin, breaks at spaces only: its words are spaced, and
a word cut in two ("주/세요") reads wrong (CSS calls this `word-break: keep-all`)."""

from __future__ import annotations

import unicodedata

# No line starts with these, and none ends with the opening ones (Japanese line breaking).
_NO_LINE_START = frozenset(
    "、。，．・：；？！ー―…‥ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ」』）〕］｝〉》】〙〗’”%)]}"
)
_NO_LINE_END = frozenset("「『（〔［｛〈《【〘〖‘“([{")


# Hangul: syllables, jamo and compatibility jamo (Korean words are spaced).
_HANGUL = ((0xAC00, 0xD7FF), (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F))


def breaks_anywhere(char: str) -> bool:
    """Whether a line may break beside this character: a wide Chinese or Japanese character,
    not an emoji and not Hangul."""
    point = ord(char)
    return (
        unicodedata.east_asian_width(char) in ("W", "F")
        and not 0x1F000 <= point <= 0x1FAFF
        and not any(start <= point <= end for start, end in _HANGUL)
    )


def breakable_pieces(paragraph: str) -> list[str]:
    """The paragraph cut where a line may break: after a space, and around CJK characters
    (not before a closing mark or a combining one, not after an opening mark)."""
    pieces: list[str] = []
    current = ""
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else ""
        may_break = bool(current) and (
            before == " "
            or (
                (breaks_anywhere(char) or breaks_anywhere(before))
                and char not in _NO_LINE_START
                and before not in _NO_LINE_END
                and char != " "
                and not unicodedata.combining(char)
            )
        )
        if may_break:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces
