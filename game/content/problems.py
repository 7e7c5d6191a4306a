"""Problem: one thing wrong (or worth a second look) in a content file, as one line a person can act on."""

from __future__ import annotations

import os

import attrs

ERROR = "error"
WARNING = "warning"


@attrs.frozen
class Problem:
    """Where (`line`/`col` are 1-based, None where no position applies), how bad, what, and how to fix it.

    `path` is kept exactly as the user gave it, so the line points back to the file they typed.
    """

    path: str
    line: int | None
    col: int | None
    severity: str  # ERROR | WARNING
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_plain(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def error(path: str, line: int | None, col: int | None, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, ERROR, message, hint)


def warning(path: str, line: int | None, col: int | None, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, WARNING, message, hint)


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def display_path(path: os.PathLike[str] | str) -> str:
    """A path we found ourselves (a built-in deck, a preset), shown relative to here when inside."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def quote(text: str, limit: int = 60) -> str:
    """Text from a file, quoted for a message: one line, invisible characters shown, long text cut."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )
    return f"'{shown}'"
