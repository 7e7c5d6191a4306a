"""The `inkind` command: play (the default), check decks, show paths, render screenshots, reset.

Each subcommand imports its part of the game only when it runs, so `inkind --version`
and `inkind check` start without loading pygame, and plain `inkind` (no arguments) goes
straight to the game without building the argument parser (argparse: about 5 ms of start).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from game import __version__

HELP = "cli_help_"  # a help text's ui.yaml key starts so (build_parser)
COMMANDS = ("play", "check", "import", "translations", "paths", "schema", "print")

if TYPE_CHECKING:
    import argparse

    from game.table.remote import Remote


def build_parser() -> argparse.ArgumentParser:
    """The command's options. Each help text is named by its ui.yaml key (cli_help_*) and
    said in the player's language only when help is printed (_Parser.format_help), so
    parsing reads no text at all."""
    import argparse

    class _Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            """ "usage: " in the language (read then: a subcommand's name is measured with
            the prefix "", which reads nothing)."""
            if prefix is None:
                from game.content.cli_words import say

                prefix = say(f"{HELP}usage")
            super().add_usage(usage, actions, groups, prefix)

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **options: Any) -> None:
            options.setdefault("formatter_class", _Formatter)  # a subcommand's parser too
            super().__init__(*args, **options)

        def format_help(self) -> str:
            from game.content.cli_words import say

            def said(text: str | None) -> str | None:
                if text is None or not text.startswith(HELP):
                    return text
                return say(text).replace("%", "%%")  # argparse fills %(default)s and such

            self.description = said(self.description)
            self._positionals.title = say(f"{HELP}positionals")
            self._optionals.title = say(f"{HELP}options")
            for action in self._actions:
                if isinstance(action, argparse._HelpAction):
                    action.help = f"{HELP}help"
                elif isinstance(action, argparse._VersionAction):
                    action.help = f"{HELP}version"
                action.help = said(action.help)
                for choice in getattr(action, "_choices_actions", ()):
                    choice.help = said(choice.help)
            return super().format_help()

    parser = _Parser(prog="inkind", description=f"{HELP}description")
    parser.add_argument("--version", action="version", version=f"inkind {__version__}")
    parser.add_argument("--deck", action="append", default=[], metavar="PATH", help=f"{HELP}deck")
    parser.add_argument("--phones", action="store_true", help=f"{HELP}phones")
    parser.add_argument("--screenshot", metavar="DIR", help=f"{HELP}screenshot")
    parser.add_argument("--names", metavar="NAME,NAME", help=f"{HELP}names")
    parser.add_argument(
        "--language",
        dest="ui_language",  # `inkind import --language` is the deck's own
        metavar="LANG",
        help=f"{HELP}language",
    )
    parser.add_argument("--reset", action="store_true", help=f"{HELP}reset")
    parser.add_argument("--yes", action="store_true", help=f"{HELP}yes")
    parser.add_argument("--windowed", action="store_true", help=f"{HELP}windowed")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("play", help=f"{HELP}play")
    check = sub.add_parser("check", help=f"{HELP}check")
    check.add_argument("paths", nargs="*", metavar="PATH", help=f"{HELP}check_paths")
    check.add_argument("--strict", action="store_true", help=f"{HELP}check_strict")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help=f"{HELP}check_format"
    )
    importer = sub.add_parser("import", help=f"{HELP}import")
    importer.add_argument("file", metavar="FILE", help=f"{HELP}import_file")
    importer.add_argument("--out", metavar="PATH", help=f"{HELP}import_out")
    importer.add_argument("--install", action="store_true", help=f"{HELP}import_install")
    importer.add_argument("--force", action="store_true", help=f"{HELP}import_force")
    importer.add_argument("--language", default="en", metavar="XX", help=f"{HELP}import_language")
    translations = sub.add_parser("translations", help=f"{HELP}translations")
    translations.add_argument("action", choices=("check", "extract", "update", "compile"))
    translations.add_argument(
        "languages", nargs="*", metavar="LANG", help=f"{HELP}translations_languages"
    )
    sub.add_parser("paths", help=f"{HELP}paths")
    sub.add_parser("schema", help=f"{HELP}schema")
    printing = sub.add_parser("print", help=f"{HELP}print")
    printing.add_argument("deck", metavar="DECK", help=f"{HELP}print_deck")
    printing.add_argument("--out", required=True, metavar="PDF", help=f"{HELP}print_out")
    printing.add_argument("--paper", choices=("a4", "letter"), default="a4")
    return parser


def _terminal(stream: TextIO) -> TextIO:
    """`stream` with control and bidi characters escaped: a folder's name (INKIND_HOME, a
    file found in it) can hold ones a terminal would act on (game/content/terminal.py)."""
    from game.content.terminal import EscapingWriter

    return cast("TextIO", EscapingWriter(stream))


def _open_phones(**wanted: Any) -> Remote:
    """The composition root's one wire between the window and the phones: the window asks
    for phones by this (handing them the host both play on), and the phones' modules load
    only when it is called."""
    from game.phones.link import open_phones

    return open_phones(**wanted)


def _play(**options: Any) -> int:
    """The evening: one host (game/table/host.py) with its two adapters, the window and
    (when Settings or --phones want them) the phones, started side by side.

    Start-up runs with Python's cycle collector paused: importing pygame and the game and
    drawing the first title frame make some 100,000 objects and no garbage worth looking
    for, and the collector's passes over them were about 6 ms of every start (issue 27).
    The loop starts it again as soon as the first frame is on screen (`App.loop`)."""
    gc.disable()
    try:
        from game.ui.start import run

        # The window makes the host (App), after the title's kept frame is on screen.
        return run(open_phones=_open_phones, **options)
    finally:
        gc.enable()  # the loop did already, unless start-up failed before its first frame


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before anything imports pygame
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return _play()
    from game.content.cli_words import choose_language  # reads nothing until a message

    choose_language(_language_asked(arguments))  # before parsing: `--help` prints while parsing
    try:
        return _run(build_parser().parse_args(arguments))
    except BrokenPipeError:
        # `inkind check | head` closed the pipe early: that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _language_asked(arguments: list[str]) -> str | None:
    """`--language xx` (or `--language=xx`) given before the command's name, if it is."""
    for index, argument in enumerate(arguments):
        if argument == "--language" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--language="):
            return argument.split("=", 1)[1]
        if argument in COMMANDS:
            return None  # a later --language is the command's own (import's: the deck's)
    return None


def _run(args: argparse.Namespace) -> int:
    from game.content.cli_words import choose_language

    choose_language(args.ui_language)
    if args.command == "check":
        from game.content.check import run_check  # escapes what it prints from the files

        return run_check(args.paths, strict=args.strict, output=args.format, out=sys.stdout)
    if args.command == "translations":
        from game.content.translations import run_translations

        return run_translations(args.action, args.languages, out=sys.stdout, err=sys.stderr)
    if args.command == "import":
        from game.content.importer import run_import  # escapes what it prints from the file

        return run_import(
            args.file,
            args.out,
            args.force,
            args.language,
            out=sys.stdout,
            err=sys.stderr,
            install=args.install,
        )
    if args.command == "print":
        from game.printing import run_print

        return run_print(args.deck, args.out, args.paper, sys.stdout, sys.stderr)
    if args.command == "schema":
        from game.content.schema import run_schema

        return run_schema(sys.stdout)
    if args.command == "paths":
        from game.content.cli_words import say
        from game.store.paths import print_paths

        print_paths(_terminal(sys.stdout), say)
        return 0
    if args.reset:
        from game.content.cli_words import say
        from game.store.reset import run_reset

        return run_reset(assume_yes=args.yes, stdin=sys.stdin, out=_terminal(sys.stdout), say=say)
    if args.screenshot:
        from game.ui.screenshots import render_all

        names = [name.strip() for name in (args.names or "").split(",") if name.strip()]
        return render_all(
            args.screenshot, extra_decks=args.deck, names=names, language=args.ui_language or "en"
        )
    return _play(
        extra_decks=args.deck, windowed=args.windowed, phones=args.phones, language=args.ui_language
    )
