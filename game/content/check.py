"""`inkind check [PATH ...]`: the deck author's lint.

Prints every error and warning (one line each, `path:line:col: severity: message (hint)`),
then one summary line per deck with its cards per level. A problem repeated in one file is
shown ten times, then counted ("… and 990 more like this"), so one bad file cannot flood the
terminal; and text from the files (names, paths) is printed with control and bidi characters
escaped (game/content/terminal.py). Exit status: 0 when nothing failed,
1 when a deck (or a preset) has errors, or warnings under --strict, 2 for a path that does
not exist or a folder without decks. `--format json` prints the same results as one object.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from game.content.card_counts import cards_per_level as counted_per_level
from game.content.card_counts import count_cards
from game.content.cli_words import joined, more_line, problem_line, say
from game.content.crosscheck import compare_decks
from game.content.decks import DeckResult
from game.content.drawable import CanDraw, font_warnings
from game.content.presets import PresetResult, check_presets, is_preset_file, load_presets
from game.content.problems import ERROR, Problem, capped, says
from game.content.sources import DeckLoader, builtin_deck_files, deck_files, user_decks_dir
from game.content.terminal import escape

OK, FAILED, USAGE = 0, 1, 2


def run_check(
    paths: Sequence[str],
    strict: bool = False,
    output: str = "text",
    out: TextIO = sys.stdout,
    err: TextIO | None = None,
    can_draw: CanDraw | None = None,
) -> int:
    """Check the decks at `paths` (default: the built-in decks, the presets and the user's decks).

    `can_draw` says whether some font can draw a character (default: the bundled fonts, then
    this computer's; tests give their own so the output is the same on every machine).
    """
    err = sys.stderr if err is None else err
    presets, preset_problems = load_presets()
    loader = DeckLoader(presets)
    checked_presets: list[PresetResult] = []
    if paths:
        expanded = _expand(paths, err)
        if expanded is None:
            return USAGE
        found, loops = expanded
        files = [path for path in found if not is_preset_file(path)]
        checked_presets = check_presets([path for path in found if is_preset_file(path)])
        # A deck may not reuse a built-in deck's id; but a file that is a built-in deck byte for
        # byte (a checkout's decks/ beside a non-editable install) is that deck, not a second.
        loader.load_all(_builtins_not_among(files))
        other_problems: tuple[Problem, ...] = tuple(loops)
    else:
        files = builtin_deck_files() + deck_files(user_decks_dir())
        other_problems = preset_problems
    results = font_warnings(compare_decks(loader.load_all(files)), can_draw)
    failed = (
        any(_fails(problem, strict) for problem in other_problems)
        or any(_deck_fails(result, strict) for result in results)
        or any(_preset_fails(result, strict) for result in checked_presets)
    )
    if output == "json":
        # ensure_ascii: every character beyond ASCII, bidi and control ones too, as \uXXXX.
        report = _as_json(results, checked_presets, other_problems, strict, failed)
        json.dump(report, out, indent=2, ensure_ascii=True)
        out.write("\n")
    else:
        _print_text(results, checked_presets, other_problems, strict, out)
    return FAILED if failed else OK


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _digest(path: str) -> bytes | None:
    """The file's bytes, hashed (None when it cannot be read: the check itself says why)."""
    try:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).digest()
    except OSError:
        return None


def _builtins_not_among(files: Sequence[str]) -> list[str]:
    """The built-in deck files, less those a checked file repeats byte for byte. Only a checked
    file of a built-in deck's exact size is read here: a huge file is left to the loader, which
    refuses it without holding it (issue 15)."""
    builtins = builtin_deck_files()
    sizes = {_size(path) for path in builtins} - {None}
    checked = {_digest(path) for path in files if _size(path) in sizes} - {None}
    return [path for path in builtins if _digest(path) not in checked] if checked else builtins


def _expand(paths: Sequence[str], err: TextIO) -> tuple[list[str], list[Problem]] | None:
    """The deck files named by the arguments, folders walked to the bottom, and a problem
    for each folder link that leads back into itself; None after a usage error."""
    files: list[str] = []
    loops: list[Problem] = []
    for path in paths:
        if os.path.isdir(path):
            found = _deck_files_below(path, set(), loops)
            if not found and not loops:
                _say(f"inkind check: {say('cli_check_no_decks', path=path)}", err)
                return None
            files += found
        elif os.path.lexists(path):  # a FIFO or a symlink loop is reported, never opened
            files.append(path)
        else:
            _say(f"inkind check: {say('cli_check_no_path', path=path)}", err)
            return None
    return files, loops


def _deck_files_below(folder: str, seen: set[tuple[int, int]], loops: list[Problem]) -> list[str]:
    """Every deck file in `folder` and the folders inside it, by name. A folder reached
    twice (a link back up, a link to itself) is not walked again: it is reported once."""
    try:
        status = os.stat(folder)
    except OSError as error:  # a link that leads to itself: ELOOP
        reason = str(error.strerror)
        loops.append(_loop(folder, says("folder_link_broken", reason=reason)))
        return []
    if (status.st_dev, status.st_ino) in seen:
        loops.append(_loop(folder, says("folder_link_loop")))
        return []
    seen.add((status.st_dev, status.st_ino))
    files = deck_files(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return files
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith((".yaml", ".yml")):
            continue  # hidden, or listed above as a deck (a folder so named is unreadable)
        if entry.is_symlink() or entry.is_dir(follow_symlinks=False):
            try:
                inside = entry.is_dir()
            except OSError:
                inside = True  # a link to itself: reported by the walk below
            if inside:
                files += _deck_files_below(entry.path, seen, loops)
    return files


def _loop(path: str, message: str) -> Problem:
    return Problem(path, None, None, ERROR, message, says("hint_folder_link"))


def _say(line: str, out: TextIO) -> None:
    """One line on the terminal, with anything a terminal would act on escaped."""
    print(escape(line), file=out)


def _fails(problem: Problem, strict: bool) -> bool:
    return problem.is_error or strict


def _deck_fails(result: DeckResult, strict: bool) -> bool:
    return not result.ok or any(_fails(problem, strict) for problem in result.problems)


def _preset_fails(result: PresetResult, strict: bool) -> bool:
    return result.rules is None or any(_fails(problem, strict) for problem in result.problems)


def preset_summary(result: PresetResult, strict: bool) -> str:
    """One line per rules preset: whether it passed, its name and id, its counts."""
    status = say("cli_failed" if _preset_fails(result, strict) else "cli_ok")
    counts = _problem_counts(result.problems)
    rules = result.rules
    if rules is None:
        return f"{result.path}: {status}: {counts}"
    line = f"{result.path}: {status}: {say('cli_check_preset', name=rules.name, id=rules.id)}"
    return joined([line, counts]) if counts else line


def cards_per_level(result: DeckResult) -> list[tuple[int, str, int]]:
    """(level number, level name, prompt cards at that level) for a deck that loaded."""
    return counted_per_level(result.deck) if result.deck is not None else []


def summary(result: DeckResult, strict: bool) -> str:
    """One line per deck: whether it passed, its name and id, its cards per level, its counts."""
    status = say("cli_failed" if _deck_fails(result, strict) else "cli_ok")
    counts = _counts(result)
    deck = result.deck
    if deck is None:
        return f"{result.path}: {status}: {counts}"
    levels = joined(
        [
            say("cli_check_level", number=number, name=name, cards=count)
            for number, name, count in cards_per_level(result)
        ]
    )
    # The game's count (game/content/card_counts.py): prompt cards, the others named apart.
    count = count_cards(deck)
    cards = say("cli_check_cards", count=count.cards)
    parts = [say("cli_check_deck", name=deck.name, id=deck.id, cards=cards, levels=levels)]
    if count.wild:
        parts.append(say("cli_check_wild", count=count.wild))
    if count.closing:
        parts.append(say("cli_check_closing"))
    if counts:
        parts.append(counts)
    return f"{result.path}: {status}: {joined(parts)}"


def _counts(result: DeckResult) -> str:
    return _problem_counts(result.problems)


def _problem_counts(problems: Sequence[Problem]) -> str:
    parts = []
    errors = sum(problem.is_error for problem in problems)
    if errors:
        parts.append(say("cli_check_errors", count=errors))
    if len(problems) > errors:
        parts.append(say("cli_check_warnings", count=len(problems) - errors))
    return joined(parts)


def _print_text(
    results: list[DeckResult],
    presets: list[PresetResult],
    other: tuple[Problem, ...],
    strict: bool,
    out: TextIO,
) -> None:
    _print_problems(other, out)
    for result in results:
        _print_problems(result.problems, out)
        _say(summary(result, strict), out)
    for preset in presets:
        _print_problems(preset.problems, out)
        _say(preset_summary(preset, strict), out)
    failed = sum(_deck_fails(result, strict) for result in results)
    failed += sum(_preset_fails(preset, strict) for preset in presets)
    decks = say("cli_check_decks", count=len(results))
    rules = say("cli_check_presets", count=len(presets))
    if presets:
        checked = (
            say("cli_check_decks_and_presets", decks=decks, presets=rules) if results else rules
        )
    else:
        checked = decks
    total = len(results) + len(presets)
    line = say("cli_check_done", checked=checked, ok=total - failed, failed=failed)
    if other:
        line += f"; {say('cli_check_preset_problems', count=len(other))}"
    _say(line, out)


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    for problem, more in capped(problems):
        _say(problem_line(problem), out)
        if more:
            _say(more_line(problem.path, more), out)


def _problems_json(problems: Sequence[Problem]) -> list[dict[str, object]]:
    """As in the text: ten of a kind, the tenth with `more_like_this`, the count left out."""
    shown = []
    for problem, more in capped(problems):
        plain = problem.to_plain()
        if more:
            plain["more_like_this"] = more
        shown.append(plain)
    return shown


def _as_json(
    results: list[DeckResult],
    presets: list[PresetResult],
    other: tuple[Problem, ...],
    strict: bool,
    failed: bool,
) -> dict[str, Any]:
    every = [problem for result in results for problem in result.problems] + list(other)
    every += [problem for preset in presets for problem in preset.problems]
    return {
        "ok": not failed,
        "strict": strict,
        "errors": sum(problem.is_error for problem in every),
        "warnings": sum(not problem.is_error for problem in every),
        "problems": _problems_json(other),
        "decks": [_deck_json(result, strict) for result in results],
        "presets": [_preset_json(preset, strict) for preset in presets],
    }


def _preset_json(result: PresetResult, strict: bool) -> dict[str, Any]:
    rules = result.rules
    return {
        "path": result.path,
        "ok": not _preset_fails(result, strict),
        "id": rules.id if rules else None,
        "name": rules.name if rules else None,
        "errors": sum(problem.is_error for problem in result.problems),
        "warnings": sum(not problem.is_error for problem in result.problems),
        "problems": _problems_json(result.problems),
    }


def _deck_json(result: DeckResult, strict: bool) -> dict[str, Any]:
    deck = result.deck
    return {
        "path": result.path,
        "ok": not _deck_fails(result, strict),
        "id": deck.id if deck else None,
        "name": deck.name if deck else None,
        "cards": count_cards(deck).cards if deck else None,
        "wild_cards": count_cards(deck).wild if deck else None,
        "closing_card": count_cards(deck).closing if deck else None,
        "levels": [
            {"level": number, "name": name, "cards": count}
            for number, name, count in cards_per_level(result)
        ],
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": _problems_json(result.problems),
    }
