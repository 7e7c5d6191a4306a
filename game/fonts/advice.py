"""What to install so a character can be drawn: a Noto font, and its Debian package.

Noto fonts exist for every script and are free on every system (macOS and Windows users
download them from fonts.google.com/noto); Debian and Ubuntu package them.
"""

from __future__ import annotations

import unicodedata

from game.fonts.system import is_emoji

_CJK_WORDS = (
    "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH",
)  # fmt: skip
_CJK = ("Noto Sans CJK", "fonts-noto-cjk")
# CJK punctuation, kana, Hangul, ideographs and full-width forms.
_CJK_RANGES = (
    (0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF), (0x20000, 0x3FFFF),
)  # fmt: skip
_EMOJI = ("Noto Color Emoji", "fonts-noto-color-emoji")
_SCRIPTS_WITHOUT_PARTS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA")  # "ARABIC KASRA"
_TWO_WORDS = ("OLD", "TAI", "NEW", "CANADIAN", "KAYAH", "OL", "SORA", "WARANG", "HANIFI", "MEETEI")
_PARTS = ("LETTER", "SIGN", "DIGIT", "VOWEL", "MARK", "SYLLABLE", "NUMBER", "PUNCTUATION")


def font_to_install(point: int) -> tuple[str, str] | None:
    """(font, Debian package) that draws `point`, or None for a character no common font has
    (private use, unassigned)."""
    char = chr(point)
    if is_emoji(point):
        return _EMOJI
    if any(start <= point <= end for start, end in _CJK_RANGES):
        return _CJK
    name = unicodedata.name(char, "")
    if not name:
        return None
    words = name.split()
    if words[0] in _CJK_WORDS:
        return _CJK
    if words[0] not in _SCRIPTS_WITHOUT_PARTS and not any(word in _PARTS for word in words):
        return ("Noto Sans Symbols 2", "fonts-noto-core")  # a heart, a star, an arrow
    script = words[:2] if words[0] in _TWO_WORDS and len(words) > 2 else words[:1]
    title = " ".join(word.capitalize() for word in script)
    return (f"Noto Sans {title}", "fonts-noto-core")


def install_hint(points: list[int]) -> str:
    """One hint for the characters of one card: every font they need, in the order first met."""
    wanted: list[tuple[str, str]] = []
    unusual = False
    for point in points:
        found = font_to_install(point)
        if found is None:
            unusual = True
        elif found not in wanted:
            wanted.append(found)
    parts = [f"install {font} (on Debian and Ubuntu: {package})" for font, package in wanted]
    if unusual:
        parts.append("use another character: no common font has a private or unassigned one")
    return "; ".join(parts)
