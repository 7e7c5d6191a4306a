"""Problem: one thing wrong (or worth a second look) in a content file, as one line a person can act on.

A problem's sentence and hint are each, where the checker says them, a `Says`: the English
text (a str, as tests, logs and `--format json` read it) that also knows its key of
assets/text/en/problems.yaml and the values it names ('prompt', a card id, a number), so
the deck page and `inkind check` can say it in the player's language
(game/content/problem_text.py). A plain str is said as it is, in every language.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable

import attrs

# The sentences, said when shown; imported from here by the checker.
from game.content.problem_text import Phrase as Phrase
from game.content.problem_text import Says as Says
from game.content.problem_text import says as says

ERROR = "error"
WARNING = "warning"
SHOWN_PER_KIND = 10  # then "… and 990 more like this"
# What changes between problems of one kind: quoted text and numbers ('x', "42", line 5).
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d,.]*")


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


def kind(problem: Problem) -> tuple[str, str, str]:
    """Problems of one kind in one file read alike but for the values they name."""
    return problem.path, problem.severity, _VALUES.sub("…", problem.message)


def capped(
    problems: Iterable[Problem], per_kind: int = SHOWN_PER_KIND
) -> list[tuple[Problem, int]]:
    """The problems to show, in their order: at most `per_kind` of each kind, the last of
    them with how many more of its kind are left out (0 for every other)."""
    problems = list(problems)
    total = Counter(kind(problem) for problem in problems)
    seen: Counter[tuple[str, str, str]] = Counter()
    shown = []
    for problem in problems:
        key = kind(problem)
        seen[key] += 1
        if seen[key] <= per_kind:
            shown.append((problem, total[key] - per_kind if seen[key] == per_kind else 0))
    return shown


def more_like_this(path: str, more: int) -> str:
    """The line after the last problem shown of a kind."""
    return f"{path}: … and {more:,} more like this"
