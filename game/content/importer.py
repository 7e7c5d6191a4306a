"""`inkind import FILE`: a list of prompts (a text file or a spreadsheet's CSV) becomes a deck.

Authors keep their cards in spreadsheets and text files; writing the YAML by hand is where
quoting goes wrong (`yes` turns into true, `No: really?` into a mapping). This turns such a
file into a format-1 deck with every string double-quoted and escaped and every card given a
stable id from its level and place (`l2-03`), or, when a row is bad, lists every bad row as
`FILE:LINE: error: what is wrong (how to fix it)` and writes nothing. The deck it writes is
loaded with the game's own loader before it is handed back, and the loader's warnings are
reported at the lines of the file they came from.

A text file holds one prompt a line, follow-ups under it starting with `> `, a blank line
between levels and `#` comments; a CSV has a header row naming `prompt`, `level`,
`follow_up` (repeatable) and `tags`. docs/deck-format.md describes both.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.content.cli_words import more_line, problem_line, say
from game.content.deck_cards import (
    MAX_CARDS,
    MAX_FOLLOW_UP,
    MAX_PROMPT,
)
from game.content.decks import (
    LANGUAGE_TAG,
    MAX_LEVELS,
    read_deck,
)
from game.content.node_reader import SLUG, slugify
from game.content.problems import (
    ERROR,
    Phrase,
    Problem,
    Says,
    capped,
    error,
    has_errors,
    quote,
    says,
)
from game.content.terminal import escape
from game.content.yamlsafe import MAX_BYTES, compose_text
from game.store.safe_read import Unreadable, check_regular, read_regular

# What a problem names, said only when there is one (problems.yaml).
WHAT_PROMPT = Phrase("what_prompt")
WHAT_THE_FOLLOW_UP = Phrase("what_the_follow_up")
WHAT_TAG = Phrase("what_tag")

OK, FAILED, USAGE = 0, 1, 2
MAX_TAG = 40
MAX_NAME = 60
CSV_COLUMNS = ("prompt", "level", "follow_up", "tags")
_SINGLE_COLUMNS = ("prompt", "level", "tags")


@dataclass
class _Row:
    """One prompt as read: the line it is on, its level, its follow-ups with their lines."""

    line: int
    level: int
    prompt: str
    follow_ups: list[tuple[int, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ the two inputs


def import_text(text: str, name: str, language: str = "en") -> tuple[str | None, list[Problem]]:
    """A text file of prompts as deck YAML (None when a row is bad), and every problem found.

    `name` is the file's path as the user gave it: problems name it, and the deck's id and
    name come from its stem.
    """
    problems: list[Problem] = []
    rows: list[_Row] = []
    level, block_started, blank_before = 1, False, False
    current: _Row | None = None
    for number, raw in enumerate(_lines(text), start=1):
        line = raw.strip()
        if not line:
            blank_before = blank_before or block_started
            current = None
            continue
        if line.startswith("#"):
            continue
        if blank_before:
            level += 1
            blank_before = False
            if level == MAX_LEVELS + 1:
                problems.append(
                    error(
                        name,
                        number,
                        None,
                        says("import_level_past_limit", level=level, limit=MAX_LEVELS),
                        says("hint_import_join_blocks"),
                    )
                )
        block_started = True
        if line.startswith(">"):
            follow_up = line[1:].strip()
            if current is None:
                problems.append(
                    error(
                        name,
                        number,
                        None,
                        says("import_follow_up_alone"),
                        says("hint_import_follow_up_alone"),
                    )
                )
            elif not follow_up:
                problems.append(
                    error(
                        name,
                        number,
                        None,
                        says("import_follow_up_empty"),
                        says("hint_import_follow_up_empty"),
                    )
                )
            else:
                current.follow_ups.append((number, follow_up))
            continue
        current = _Row(number, level, line)
        rows.append(current)
    return _finish(rows, problems, name, language, says("hint_import_one_a_line"))


def import_csv(text: str, name: str, language: str = "en") -> tuple[str | None, list[Problem]]:
    """A CSV of prompts (a header row naming `prompt`, `level`, `follow_up` and `tags`) as
    deck YAML (None when a row is bad), and every problem found. See `import_text`."""
    problems: list[Problem] = []
    quoting = _quote_problem(text, _delimiter(text), name)
    if quoting is not None:
        return None, [quoting]
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=_delimiter(text))
    rows: list[_Row] = []
    columns: list[str] | None = None
    last_line = 0
    try:
        for cells in reader:
            start, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = _header(cells, name, start, problems)
                if has_errors(problems):
                    return None, problems
                continue
            row = _csv_row(cells, columns, name, start, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as problem:
        problems.append(
            error(
                name,
                reader.line_num or None,
                None,
                says("import_csv_invalid", problem=str(problem)),
            )
        )
        return None, problems
    if columns is None:
        problems.append(error(name, None, None, says("file_empty"), says("hint_import_csv_header")))
        return None, problems
    return _finish(rows, problems, name, language, says("hint_import_csv_rows"))


def _quote_problem(text: str, delimiter: str, name: str) -> Problem | None:
    """A quote that would make the CSV reader merge rows or mangle a field, at the line and
    column where the quote opens: a field opened with a quote that is never closed, closed
    with more text after the quote, or run on past a line that ends like a row (a delimiter
    in it before the line break). Python's reader takes each of these silently, swallowing
    the rows after it into one prompt. A field may still hold a line break ("What made
    you⏎laugh?"), and a quote inside a field that does not start with one is text, as
    spreadsheets read it."""
    line, column, i, count = 1, 1, 0, len(text)
    at_field_start = True
    while i < count:
        char = text[i]
        if not (at_field_start and char == '"'):
            at_field_start = char in (delimiter, "\n", "\r")
            line, column = (line + 1, 1) if char == "\n" else (line, column + 1)
            i += 1
            continue
        opened_line, opened_column = line, column
        i, column = i + 1, column + 1
        delimited = rows_merged = False  # a delimiter on this line; a row swallowed
        while True:
            if i >= count:
                return error(
                    name, opened_line, opened_column, says("import_quote_unclosed"),
                    says("hint_import_quote_close"),
                )  # fmt: skip
            char = text[i]
            if char == '"' and text[i + 1 : i + 2] == '"':
                i, column = i + 2, column + 2
                continue
            if char == '"':
                if rows_merged:
                    return error(
                        name, opened_line, opened_column,
                        says("import_quote_closed_later", line=line),
                        says("hint_import_quote_close"),
                    )  # fmt: skip
                if text[i + 1 : i + 2] not in ("", delimiter, "\n", "\r"):
                    return error(
                        name, opened_line, opened_column,
                        says("import_quote_goes_on"),
                        says("hint_import_quote_whole"),
                    )  # fmt: skip
                i, column = i + 1, column + 1
                at_field_start = False
                break
            delimited = delimited or char == delimiter
            if char == "\n":
                rows_merged = rows_merged or delimited
                delimited = False
                line, column = line + 1, 1
            else:
                column += 1
            i += 1
    return None


def _lines(text: str) -> list[str]:
    """The lines, split at \\n, \\r\\n and \\r only (str.splitlines also splits at \\x1c, \\u2028 ...)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _delimiter(text: str) -> str:
    """`,` unless the header row is split by `;` or tabs (as some spreadsheets save CSV)."""
    header = _lines(text)[0]
    return max(",;\t", key=header.count) if any(d in header for d in ",;\t") else ","


def _header(cells: list[str], name: str, line: int, problems: list[Problem]) -> list[str]:
    """The column each cell names ('' for a column with no name), reporting bad names."""
    columns: list[str] = []
    for cell in cells:
        column = cell.strip().lower()
        if column in _SINGLE_COLUMNS and column in columns:
            problems.append(
                error(
                    name,
                    line,
                    None,
                    says("import_column_twice", column=f"'{column}'"),
                    says("hint_remove_one"),
                )
            )
        elif column and column not in CSV_COLUMNS:
            guess = difflib.get_close_matches(column, CSV_COLUMNS, n=1, cutoff=0.6)
            hint = (
                says("hint_did_you_mean", name=f"'{guess[0]}'")
                if guess
                else says("hint_import_columns")
            )
            problems.append(
                error(
                    name,
                    line,
                    None,
                    says("import_column_unknown", column=quote(cell.strip())),
                    hint,
                )
            )
        columns.append(column)
    if "prompt" not in columns:
        problems.append(
            error(
                name,
                line,
                None,
                says("import_no_prompt_column"),
                says("hint_import_no_prompt_column"),
            )
        )
    return columns


def _csv_row(
    cells: list[str], columns: list[str], name: str, line: int, problems: list[Problem]
) -> _Row | None:
    found = len(problems)
    prompt, level_text, tags_text = "", "", ""
    follow_ups: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        value = cell.strip()
        column = columns[index] if index < len(columns) else ""
        if column == "prompt":
            prompt = value
        elif column == "level":
            level_text = value
        elif column == "tags":
            tags_text = value
        elif column == "follow_up" and value:
            follow_ups.append((line, value))
        elif not column and value:
            problems.append(
                error(
                    name,
                    line,
                    None,
                    says("import_column_unnamed", number=index + 1, value=quote(value)),
                    says("hint_import_column_unnamed"),
                )
            )
    if not prompt:
        problems.append(
            error(
                name,
                line,
                None,
                says("text_empty", what=WHAT_PROMPT),
                says("hint_import_prompt_empty"),
            )
        )
    level = _level(level_text, name, line, problems)
    tags: list[str] = []
    for tag in (part.strip() for part in re.split(r"[;,]", tags_text)):
        if tag and not (SLUG.match(tag) and len(tag) <= MAX_TAG):
            suggestion = slugify(tag, MAX_TAG)
            problems.append(
                error(
                    name,
                    line,
                    None,
                    says("not_slug", what=WHAT_TAG, value=quote(tag)),
                    says("hint_try", value=f"'{suggestion}'")
                    if suggestion
                    else says("hint_import_tag_letters"),
                )
            )
        elif tag and tag not in tags:
            tags.append(tag)
    if len(problems) > found:
        return None
    return _Row(line, level, prompt, follow_ups, tags)


def _level(text: str, name: str, line: int, problems: list[Problem]) -> int:
    if not text:
        return 1
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        problems.append(
            error(
                name,
                line,
                None,
                says("import_level_not_number", level=quote(text)),
                says("hint_import_level_not_number"),
            )
        )
        return 1
    if len(text) > 3 or int(text) > MAX_LEVELS:
        problems.append(
            error(
                name,
                line,
                None,
                says("import_level_too_high", level=quote(text, 10), limit=MAX_LEVELS),
                says("hint_import_level_too_high", limit=MAX_LEVELS),
            )
        )
        return 1
    return int(text)


# ------------------------------------------------------------------ checks shared by both


def _finish(
    rows: list[_Row], problems: list[Problem], name: str, language: str, how: Says
) -> tuple[str | None, list[Problem]]:
    if not rows and not has_errors(problems):
        problems.append(error(name, None, None, says("import_no_prompts"), how))
    if len(rows) > MAX_CARDS:
        message = says(
            "import_too_many_prompts",
            count=len(rows),
            number=f"{len(rows):,}",
            limit=f"{MAX_CARDS:,}",
        )
        problems.append(error(name, None, None, message, says("hint_import_split")))
    first_seen: dict[str, int] = {}
    for row in rows:
        _check_text(row.prompt, WHAT_PROMPT, MAX_PROMPT, name, row.line, problems)
        for line, follow_up in row.follow_ups:
            _check_text(follow_up, WHAT_THE_FOLLOW_UP, MAX_FOLLOW_UP, name, line, problems)
        same = " ".join(row.prompt.casefold().split())
        if same in first_seen:
            problems.append(
                error(
                    name,
                    row.line,
                    None,
                    says("import_prompt_repeated", line=first_seen[same]),
                    says("hint_import_remove_one_of_them"),
                )
            )
        else:
            first_seen[same] = row.line
    problems.sort(key=lambda problem: problem.line or 0)
    if has_errors(problems):
        return None, problems
    yaml_text, lines = deck_yaml(rows, name, language)
    return yaml_text, problems + _loader_problems(yaml_text, lines, name)


def _check_text(
    text: str, what: Phrase, limit: int, name: str, line: int, problems: list[Problem]
) -> None:
    if len(text) > limit:
        problems.append(
            error(
                name,
                line,
                None,
                says("text_too_long", what=what, count=len(text), limit=limit),
                says("hint_shorten"),
            )
        )
    control = next((char for char in text if unicodedata.category(char) == "Cc"), None)
    if control is not None and control not in "\t\n":
        problems.append(
            error(
                name,
                line,
                None,
                says("import_control_character", what=what, character=f"U+{ord(control):04X}"),
                says("hint_remove_it"),
            )
        )


def _loader_problems(yaml_text: str, lines: list[int | None], name: str) -> list[Problem]:
    """What the game's loader says about the deck written, at the lines of the file read."""
    node, problems = compose_text(yaml_text, name)
    if node is not None:
        problems = read_deck(node, name).problems
    found = []
    for problem in problems:
        line = lines[problem.line - 1] if problem.line and problem.line <= len(lines) else None
        hint = problem.hint if not problem.is_error else says("hint_import_bug")
        found.append(Problem(name, line, None, problem.severity, problem.message, hint))
    return found


# ------------------------------------------------------------------ writing the deck


def deck_yaml(rows: list[_Row], name: str, language: str) -> tuple[str, list[int | None]]:
    """The deck as YAML text, and for each of its lines the line of the file it came from."""
    stem = os.path.splitext(os.path.basename(name))[0]
    deck_id = slugify(stem, 64) or "imported"
    title = re.sub(r"[-_\s]+", " ", "".join(c for c in stem if c.isprintable())).strip()
    if title == title.lower():
        title = title[:1].upper() + title[1:]
    title = title[:MAX_NAME].strip() or deck_id
    out: list[tuple[str, int | None]] = [
        ("format: 1", None),
        (f"id: {yaml_string(deck_id)}", None),
        (f"name: {yaml_string(title)}", None),
        (f"language: {yaml_string(language)}", None),
        ("levels:", None),
    ]
    level_count = max(row.level for row in rows)
    out += [(f"  - name: {yaml_string(f'Level {n}')}", None) for n in range(1, level_count + 1)]
    out.append(("cards:", None))
    placed: dict[int, int] = {}
    for row in sorted(rows, key=lambda row: row.level):  # stable: file order within a level
        placed[row.level] = placed.get(row.level, 0) + 1
        out.append((f"  - id: {yaml_string(f'l{row.level}-{placed[row.level]:02d}')}", row.line))
        out.append((f"    prompt: {yaml_string(row.prompt)}", row.line))
        out.append((f"    level: {row.level}", row.line))
        if row.follow_ups:
            out.append(("    follow_ups:", row.line))
            out += [(f"      - {yaml_string(text)}", line) for line, text in row.follow_ups]
        if row.tags:
            tags = ", ".join(yaml_string(tag) for tag in row.tags)
            out.append((f"    tags: [{tags}]", row.line))
    return "".join(text + "\n" for text, _ in out), [line for _, line in out]


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: read back as exactly this string, whatever it
    holds (`yes`, `1.5`, `a: b`, `#`, quotes), with anything unprintable as an escape."""
    shown = []
    for char in text:
        if char in '"\\':
            shown.append("\\" + char)
        elif char == "\n":
            shown.append("\\n")
        elif char == "\t":
            shown.append("\\t")
        elif char.isprintable():
            shown.append(char)
        elif ord(char) <= 0xFF:
            shown.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            shown.append(f"\\u{ord(char):04x}")
        else:
            shown.append(f"\\U{ord(char):08x}")
    return '"' + "".join(shown) + '"'


# ------------------------------------------------------------------ the command


def run_import(
    path: str,
    out_path: str | None,
    force: bool,
    language: str,
    out: TextIO,
    err: TextIO,
    install: bool = False,
) -> int:
    """Import the file at `path`; the deck goes to `out` (or to `out_path`, or with `install`
    into the decks folder the game reads, made if missing), problems to `err`.

    Exit status: 0 done, 1 when a row is bad (nothing written), 2 for a usage problem (no
    such file, an unusable language tag, an output file that exists without `force`).
    """
    if install and out_path is not None:
        return _usage(say("cli_import_out_or_install"), err)
    if not LANGUAGE_TAG.match(language):
        return _usage(say("cli_import_bad_language", tag=quote(language)), err)
    try:
        check_regular(Path(path), MAX_BYTES)
        data = read_regular(Path(path), MAX_BYTES)
    except FileNotFoundError:
        return _usage(say("cli_no_such_file", path=path), err)
    except Unreadable as unreadable:
        return _usage(say("cli_cannot_read", path=path, reason=unreadable.reason), err)
    except OSError as problem:
        return _usage(say("cli_cannot_open", path=path, reason=problem.strerror or problem), err)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        bad = data[problem.start : problem.start + 1].hex().upper()
        message = says("file_not_utf8", byte=f"0x{bad}")
        return _report([error(path, line, None, message, says("hint_save_utf8"))], err)
    if out_path is not None and os.path.lexists(out_path) and not force:
        return _usage(say("cli_exists", path=out_path), err)
    read = import_csv if path.lower().endswith(".csv") else import_text
    yaml_text, problems = read(text, path, language)
    status = _report(problems, err)
    if yaml_text is None:
        return status
    from game.content.sources import user_decks_dir

    decks = user_decks_dir()
    if install:
        out_path = str(decks / f"{_deck_id(yaml_text)}.yaml")
        if os.path.lexists(out_path) and not force:
            return _usage(say("cli_exists", path=out_path), err)
        try:
            decks.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            reason = problem.strerror or problem
            return _usage(say("cli_import_no_folder", path=decks, reason=reason), err)
    if out_path is None:
        out.write(yaml_text)
        err.write(escape(f"inkind import: {_next_step(path, decks)}") + "\n")
        return OK
    try:
        with open(out_path, "w" if force else "x", encoding="utf-8", newline="\n") as file:
            file.write(yaml_text)
    except FileExistsError:
        return _usage(say("cli_exists", path=out_path), err)
    except OSError as problem:
        return _usage(
            say("cli_cannot_write", path=out_path, reason=problem.strerror or problem), err
        )
    cards = yaml_text.count("\n  - id: ")
    out.write(escape(say("cli_import_wrote", path=out_path, count=cards)) + "\n")
    if install:
        out.write(say("cli_import_installed") + "\n")
    elif os.path.dirname(os.path.abspath(out_path)) != str(decks.resolve()):
        out.write(escape(_next_step(path, decks)) + "\n")
    return OK


def _deck_id(yaml_text: str) -> str:
    """The id the importer gave the deck (its second line, `id: "…"`)."""
    found = re.search(r'^id: "([^"]+)"$', yaml_text, re.MULTILINE)
    return found.group(1) if found else "imported"


def _next_step(path: str, decks: Path) -> str:
    return say("cli_import_next_step", path=path, folder=decks)


def _report(problems: list[Problem], err: TextIO) -> int:
    """Print the problems, ten of a kind at most; FAILED when one is an error."""
    for problem, more in capped(problems):
        err.write(escape(problem_line(problem)) + "\n")
        if more:
            err.write(escape(more_line(problem.path, more)) + "\n")
    return FAILED if any(problem.severity == ERROR for problem in problems) else OK


def _usage(message: str, err: TextIO) -> int:
    err.write(escape(f"inkind import: {message}") + "\n")
    return USAGE
