"""The words the `inkind` command prints, in the player's language.

The texts are ui.yaml's `cli_*` keys (English) and their translations in each language's
compiled catalog, read as the game reads them (game/content/ui_text.py), so a counted text
takes the language's CLDR plural form. The language is chosen as the game chooses it:
`inkind --language xx`, else the one in Settings, else the computer's (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG), else English (game/content/languages.py).

Nothing is read until the first message is printed: `inkind --version` and a quiet command
never load ui.yaml, Settings or a catalog, and no .po file is ever parsed here.

A deck problem (`path:line:col: error: <message> (<hint>)`) is said whole in the language:
"error" or "warning" from ui.yaml, the message and hint from problems.yaml's translations
(game/content/problem_text.py, read with the first problem printed). What stays English,
on purpose: what a command prints for a machine (the YAML of `inkind import`,
`--format json`, `inkind schema`) and the problems `inkind translations check` reports,
for translators, who read the English they translate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.problems import Problem
    from game.content.ui_text import UiText

_wanted: list[str] = []  # `--language`, when given
_loaded: list[UiText] = []  # the texts, once read


def choose_language(language: str | None) -> None:
    """Speak `language` (from `--language`); None or "" follows Settings, then the computer."""
    _wanted[:] = [language] if language else []
    _loaded.clear()


def cli_language() -> str:
    """The language the command speaks (a tag the game has a catalog for, or "en")."""
    from game.content.languages import chosen_language

    if _wanted:
        return chosen_language(_wanted[0])
    from game.store.settings import load_settings

    settings, _ = load_settings()
    return chosen_language(settings.language)


def cli_text() -> UiText:
    """The command's words, read on first use (English where a catalog lacks a text)."""
    if not _loaded:
        from game.content.ui_text import load_ui_text
        from game.store.paths import cache_dir

        # The game's own JSON cache of the checked English texts: PyYAML is not needed then.
        _loaded.append(load_ui_text(cli_language(), cache_dir=cache_dir()))
    return _loaded[0]


class _Plain:
    """A value put in a terminal's line as it is: the game's drawer would wrap a right to
    left value in Unicode isolates (ui_text.isolated), which a terminal does not use and
    the escaping of what is printed (game/content/terminal.py) would show as \\u2068."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)


def say(key: str, **values: object) -> str:
    """The text of `key` in the command's language, its placeholders filled."""
    plain = {name: _Plain(v) if isinstance(v, str) else v for name, v in values.items()}
    return cli_text()(key, **plain)


def joined(parts: list[str]) -> str:
    """Items of a list as the language separates them ("a, b"; Japanese "a、b")."""
    return say("cli_separator").join(parts)


def problem_line(problem: Problem) -> str:
    """`path:line:col: error: message (hint)` in the language: "error" or "warning", and
    the message and hint where the checker says them with a key (problems.yaml)."""
    from game.content.problem_text import problem_text

    language = cli_text().language
    where = problem.path
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.col is not None:
            where += f":{problem.col}"
    severity = say("cli_error" if problem.is_error else "cli_warning")
    if language == "en":  # the checker's own words: nothing to read
        message, hint = problem.message, problem.hint
    else:
        words = problem_text(language)
        message, hint = words.said(problem.message), words.said(problem.hint)
    text = f"{where}: {severity}: {message}"
    return f"{text} ({hint})" if hint else text


def more_line(path: str, more: int) -> str:
    """The line after the last problem shown of a kind ("… and 990 more like this")."""
    return say("cli_more_like_this", path=path, count=more, number=f"{more:,}")
