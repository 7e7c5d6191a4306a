"""The `inkind` command: play (the default), check decks, show paths, render screenshots, reset.

Each subcommand imports its part of the game only when it runs, so `inkind --version`
and `inkind check` start without loading pygame, and plain `inkind` (no arguments) goes
straight to the game without building the argument parser (argparse: about 5 ms of start).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from game import __version__

if TYPE_CHECKING:
    import argparse

    from game.table.remote import Remote


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="inkind",
        description="In Kind: a conversation card game for sharing in depth and responding in kind.",
    )
    parser.add_argument("--version", action="version", version=f"inkind {__version__}")
    parser.add_argument(
        "--deck",
        action="append",
        default=[],
        metavar="PATH",
        help="also load this deck file or folder",
    )
    parser.add_argument(
        "--phones",
        action="store_true",
        help="let phones on this network join as private controllers (prints their address)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="render every screen of a sample game as PNG files into DIR, then exit "
        "(with --deck: the sample game plays that deck)",
    )
    parser.add_argument(
        "--names",
        metavar="NAME,NAME",
        help="with --screenshot: the players' names in the sample games, separated by commas",
    )
    parser.add_argument(
        "--language",
        dest="ui_language",  # `inkind import --language` is the deck's own
        metavar="LANG",
        help="play in this language, as Settings would choose it (es, de, ja, ar; default: "
        "the one in Settings, else the computer's); with --screenshot: the screens' language; "
        "the messages of every command are in it too (put it before the command's name)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="remove saved games, settings and the closeness history (asks first)",
    )
    parser.add_argument("--yes", action="store_true", help="with --reset: do not ask")
    parser.add_argument(
        "--windowed", action="store_true", help="start in a window even if fullscreen is set"
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("play", help="start the game (the default)")
    check = sub.add_parser("check", help="check deck files for errors and warnings")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="deck files or folders (default: the built-in and user decks)",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    importer = sub.add_parser("import", help="turn a text file or CSV of prompts into a deck")
    importer.add_argument(
        "file", metavar="FILE", help="a .csv file, or a text file with one prompt a line"
    )
    importer.add_argument(
        "--out", metavar="PATH", help="write the deck to PATH instead of printing it"
    )
    importer.add_argument(
        "--install",
        action="store_true",
        help="put the deck in the decks folder the game reads (`inkind paths`), making it",
    )
    importer.add_argument(
        "--force", action="store_true", help="with --out or --install: replace an existing file"
    )
    importer.add_argument(
        "--language", default="en", metavar="XX", help="the deck's language tag (default: en)"
    )
    translations = sub.add_parser(
        "translations",
        help="for translators: extract the template, update, compile or check the catalogs",
    )
    translations.add_argument("action", choices=("check", "extract", "update", "compile"))
    translations.add_argument(
        "languages", nargs="*", metavar="LANG", help="the languages (default: every catalog)"
    )
    sub.add_parser("paths", help="print where decks, saves, settings and the log live")
    sub.add_parser("schema", help="print the deck format's JSON Schema (for editors)")
    printing = sub.add_parser("print", help="write a deck's cards as a PDF to print and cut")
    printing.add_argument("deck", metavar="DECK", help="a deck file, or the id of a deck")
    printing.add_argument("--out", required=True, metavar="PDF", help="the PDF to write")
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
    (when Settings or --phones want them) the phones, started side by side."""
    from game.table.host import Host
    from game.ui.app import run

    return run(host=Host(), open_phones=_open_phones, **options)


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before anything imports pygame
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return _play()
    try:
        return _run(build_parser().parse_args(arguments))
    except BrokenPipeError:
        # `inkind check | head` closed the pipe early: that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    from game.content.cli_words import choose_language  # reads nothing until a message

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
