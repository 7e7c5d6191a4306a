"""Text from files, made safe to print on a terminal.

A deck's name, a level's name or a file's name can hold characters a terminal acts on
instead of showing: escape codes (ESC [31m recolours, ESC ]… retitles), bidi controls
(U+202E turns the rest of the line around, so a warning can read as its opposite), zero-width
and other invisible format characters, line and paragraph separators, and the lone
surrogates Python uses for a file name that is not UTF-8 (which would crash the print). Each
is shown as its Python escape (`\\u202e`, `\\x1b`), the way `quote` shows them in messages.
Letters of every script, emoji and spaces are left as they are.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

# Cc control, Cf format (bidi, zero-width), Cs surrogate, Co private use, Cn unassigned,
# Zl and Zp: the line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def escape(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control, bidi or invisible character shown as its escape.

    `keep_newlines` keeps "\\n" as it is, for a stream of whole lines; otherwise a newline
    in a name is shown as `\\n` too, so one printed line stays one line.
    """
    if text.isprintable():  # the usual case: nothing to look at twice
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _HIDDEN and not (keep_newlines and char == "\n")
        else char
        for char in text
    )


class EscapingWriter:
    """A text stream that escapes what is written to it (newlines kept) before passing it on:
    for commands that print text from files, and what they print about it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape(text, keep_newlines=True))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()
