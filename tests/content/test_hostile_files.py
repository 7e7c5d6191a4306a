"""Issue 15, the content side: files that could fool the terminal, crash the checker, flood it
or stop the game are each one clear line.

- Text from a file (a deck's name, a file name) never reaches the terminal raw: control and
  bidi characters are printed escaped (`\\u202e`), so no deck can reorder or recolour the
  lines `inkind check` prints.
- A number too long for Python's int conversion (4,300 digits) is a file:line:col error.
- A problem repeated thousands of times in one file is shown ten times, then counted.
- A FIFO, a folder, a symlink loop or a device with a deck's name is reported as unreadable,
  with the reason, and never opened for reading (a FIFO would block forever).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content.check import run_check
from game.content.decks import load_deck
from game.content.problems import capped
from game.content.sources import deck_files, load_catalog
from game.content.terminal import escape
from game.core.cards import Mode

PROMPT = "  - prompt: Tell about a morning. How did you feel?\n"


def deck(deck_id: str, name: str = "Good", cards: str = PROMPT, extra: str = "") -> str:
    return f"format: 1\nid: {deck_id}\nname: {name}\n{extra}cards:\n{cards}"


def check(*paths: str, output: str = "text") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_check(list(paths), output=output, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail (instead of hanging the run) if the test blocks for more than 5 seconds: a FIFO
    opened for reading waits for a writer forever, and SIGALRM's exception ends the wait."""
    if not hasattr(signal, "setitimer"):
        pytest.skip("needs SIGALRM")

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("blocked for 5 s: something opened a FIFO for reading")

    before = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


# ---------------------------------------------------------------- the terminal


def test_escape_shows_control_bidi_and_invisible_characters_and_keeps_the_rest() -> None:
    assert escape("Evil\u202eevil") == "Evil\\u202eevil"
    assert escape("\x1b[31mred\x1b[0m\a") == "\\x1b[31mred\\x1b[0m\\x07"
    assert escape("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert escape("a\nb", keep_newlines=True) == "a\nb"
    assert escape("zero\u200bwidth \u2066isolate\u2069 \u2028line") == (
        "zero\\u200bwidth \\u2066isolate\\u2069 \\u2028line"
    )
    assert escape("bad byte \udcff") == "bad byte \\udcff"  # a file name that is not UTF-8
    assert escape("José, Ωμέγα, 你好, 🙂, no\u00a0break") == "José, Ωμέγα, 你好, 🙂, no\u00a0break"


def test_check_prints_a_deck_name_with_bidi_and_escape_codes_escaped(here: Path) -> None:
    (here / "bidi.yaml").write_text(
        deck("bidi", name='"Evil\\u202Eevil \\e[31mred"'), encoding="utf-8"
    )
    status, out, _ = check("bidi.yaml")
    assert status == 0
    assert out.splitlines() == [
        "bidi.yaml: ok: Evil\\u202eevil \\x1b[31mred (bidi), 1 card (level 1 Open: 1)",
        "checked 1 deck: 1 ok, 0 failed",
    ]
    report = json.loads(check("bidi.yaml", output="json")[1])
    assert report["decks"][0]["name"] == "Evil\u202eevil \x1b[31mred"
    assert "\u202e" not in check("bidi.yaml", output="json")[1]  # JSON escapes it as \u202e


def test_check_escapes_file_names_and_level_names_in_every_line(here: Path) -> None:
    name = "tricky\u202e\nname.yaml"
    (here / name).write_text(
        deck("tricky", cards="  - prompt: 42\n", extra='levels: [{name: "Deep\\u2067"}]\n'),
        encoding="utf-8",
    )
    (here / "levels.yaml").write_text(
        deck("levels", extra='levels: [{name: "Deep\\u2067"}]\n'), encoding="utf-8"
    )
    status, out, err = check(name, "levels.yaml", "gone\u202e.yaml")
    assert status == 2
    assert (out, err) == ("", "inkind check: no such file or folder: gone\\u202e.yaml\n")
    status, out, _ = check(name, "levels.yaml")
    assert out.splitlines() == [
        'tricky\\u202e\\nname.yaml:6:13: error: the prompt must be text, not a number (put it in quotes: "42")',
        "tricky\\u202e\\nname.yaml: failed: 1 error",
        "levels.yaml: ok: Good (levels), 1 card (level 1 Deep\\u2067: 1)",
        "checked 2 decks: 1 ok, 1 failed",
    ]


# ---------------------------------------------------------------- numbers too long to read


def test_a_5000_digit_level_is_an_error_at_its_place_not_a_crash(here: Path) -> None:
    huge = "1" + "0" * 5000
    (here / "big.yaml").write_text(
        deck("big", cards=PROMPT + f"    level: {huge}\n"), encoding="utf-8"
    )
    status, out, _ = check("big.yaml")
    assert status == 1
    assert out.splitlines() == [
        "big.yaml:6:12: error: 'level' is a number 5,001 digits long, out of range "
        "(write a whole number of at least 1)",
        "big.yaml: failed: 1 error",
        "checked 1 deck: 0 ok, 1 failed",
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("format: " + "9" * 5000 + "\nid: x\nname: X\ncards:\n" + PROMPT,
         "1:9: error: 'format' is a number 5,000 digits long, out of range (write 'format: 1.1')"),
        (deck("x", extra="levels:\n  - name: Warm\n    minutes: -" + "7" * 4400 + "\n"),
         "6:14: error: 'minutes' is a number 4,400 digits long, out of range "
         "(write a whole number from 1 to 600)"),
        (deck("x", cards=PROMPT + "    level: 0x" + "f" * 5000 + "\n"),
         "6:12: error: 'level' is a number 5,000 digits long, out of range "
         "(write a whole number of at least 1)"),
        (deck("x", cards=PROMPT + "    level: 1" + ":59" * 3000 + "\n"),
         "6:12: error: 'level' is a number 6,001 digits long, out of range "
         "(write a whole number of at least 1)"),
        (deck("x", cards=PROMPT + '    level: "' + "3" * 5000 + '"\n'),
         "6:12: error: 'level' must be a whole number, not text (write a whole number of at least 1)"),
    ],
    ids=["format", "minutes", "hex", "sexagesimal", "quoted"],
)  # fmt: skip
def test_every_way_of_writing_a_huge_number_is_one_line(here: Path, text: str, line: str) -> None:
    (here / "big.yaml").write_text(text, encoding="utf-8")
    result = load_deck("big.yaml")
    assert [problem.format() for problem in result.problems] == [f"big.yaml:{line}"]


def test_a_number_of_18_digits_is_still_read_and_checked_against_its_range(here: Path) -> None:
    (here / "big.yaml").write_text(
        deck("big", cards=PROMPT + "    level: 999999999999999999\n"), encoding="utf-8"
    )
    assert [p.format() for p in load_deck("big.yaml").problems] == [
        "big.yaml:6:12: error: there is no level 999999999999999999: the deck has one level "
        "(use a level number from the 'levels' list, counting from 1)"
    ]


# ---------------------------------------------------------------- a flood of one problem


def test_a_problem_repeated_1000_times_is_shown_ten_times_then_counted(here: Path) -> None:
    (here / "many.yaml").write_text(
        deck("many", cards=PROMPT + "  - prompt: 42\n" * 1000 + "  - level: 2\n"),
        encoding="utf-8",
    )
    status, out, _ = check("many.yaml")
    assert status == 1
    number = 'error: the prompt must be text, not a number (put it in quotes: "42")'
    assert out.splitlines() == [
        *(f"many.yaml:{line}:13: {number}" for line in range(6, 16)),
        "many.yaml: … and 990 more like this",
        "many.yaml:1006:5: error: a card has no 'prompt' (add 'prompt:', or 'wild:' for a wild card)",
        "many.yaml:1006:12: error: there is no level 2: the deck has one level "
        "(use a level number from the 'levels' list, counting from 1)",
        "many.yaml: failed: 1002 errors",
        "checked 1 deck: 0 ok, 1 failed",
    ]


def test_json_keeps_ten_of_a_kind_and_says_how_many_more(here: Path) -> None:
    (here / "many.yaml").write_text(
        deck("many", cards=PROMPT + "  - prompt: 42\n" * 1000 + "  - level: 2\n"),
        encoding="utf-8",
    )
    report = json.loads(check("many.yaml", output="json")[1])
    assert report["errors"] == 1002
    (many,) = report["decks"]
    assert many["errors"] == 1002
    problems = many["problems"]
    assert len(problems) == 12
    assert [p.get("more_like_this") for p in problems] == [None] * 9 + [990, None, None]
    assert problems[9]["line"] == 15


def test_kinds_are_told_apart_by_their_words_not_by_the_values_they_name(here: Path) -> None:
    cards = "".join(f"  - prompt: Tell about a morning {n}. How did you feel?\n    level: {n}\n"
                    for n in range(2, 15))  # fmt: skip
    (here / "levels.yaml").write_text(deck("levels", cards=cards), encoding="utf-8")
    shown = capped(load_deck("levels.yaml").problems)
    assert [(p.line, more) for p, more in shown] == [(line, 0) for line in range(6, 24, 2)] + [
        (24, 3)
    ]


@pytest.mark.slow
def test_the_flood_of_the_issue_is_a_dozen_lines(here: Path) -> None:
    keys = "".join(f"k{n}: 1\n" for n in range(100_000))
    (here / "keys.yaml").write_text(deck("keys") + keys, encoding="utf-8")
    status, out, _ = check("keys.yaml")
    lines = out.splitlines()
    assert status == 1
    assert len(lines) == 13
    assert lines[10] == "keys.yaml: … and 99,990 more like this"


# ---------------------------------------------------------------- files that are not files


def make_unreadable(folder: Path) -> dict[str, str]:
    """A FIFO, a folder, a symlink loop and a device, each with a deck's name; the reason each
    is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return {
        "folder.yaml": "cannot be read: it is a folder, not a file",
        "loop.yaml": "cannot be read: it is a symlink loop",
        "pipe.yaml": "cannot be read: it is a pipe (FIFO), not a file",
        "zero.yaml": "cannot be read: it is a device, not a file",
    }


needs_fifos = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs"
)


@pytest.fixture
def nothing_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened (by open or os.open) from here on."""
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watched_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else "fd")
        return real_open(file, *args, **kwargs)

    def watched_os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)
    return opened


@needs_fifos
def test_deck_files_lists_what_has_a_decks_name_whatever_it_is(tmp_path: Path) -> None:
    reasons = make_unreadable(tmp_path)
    assert deck_files(tmp_path) == [str(tmp_path / name) for name in sorted(reasons)]


@needs_fifos
def test_the_catalog_reports_each_unreadable_deck_without_opening_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_hang: None,
    nothing_opened: list[str],
) -> None:
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    decks = tmp_path / "home" / "decks"
    reasons = make_unreadable(decks)
    (decks / "good.yaml").write_text(deck("mine", name="Mine"), encoding="utf-8")
    extra = tmp_path / "extra"
    make_unreadable(extra)
    catalog = load_catalog([str(extra / "pipe.yaml"), str(extra / "loop.yaml")])
    shown = {
        result.path: [p.format() for p in result.problems]
        for result in catalog.decks
        if not result.path.startswith("decks")
    }
    expected = {
        str(decks / name): [f"{decks / name}: error: {why}"] for name, why in reasons.items()
    }
    expected[str(decks / "good.yaml")] = []
    for name in ("pipe.yaml", "loop.yaml"):
        expected[str(extra / name)] = [f"{extra / name}: error: {reasons[name]}"]
    assert shown == expected
    assert "mine" in [d.id for d in catalog.playable(Mode.PAIR)]
    refused = {str(folder / name) for folder in (decks, extra) for name in reasons}
    assert not refused.intersection(nothing_opened)


@needs_fifos
def test_check_reports_each_unreadable_file_and_a_fifo_argument_does_not_hang(
    here: Path, no_hang: None, nothing_opened: list[str]
) -> None:
    reasons = make_unreadable(here / "decks")
    status, out, err = check("decks")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        line
        for name, why in sorted(reasons.items())
        for line in (f"decks/{name}: error: {why}", f"decks/{name}: failed: 1 error")
    ] + ["checked 4 decks: 0 ok, 4 failed"]
    status, out, err = check("decks/pipe.yaml", "decks/loop.yaml")
    assert (status, err) == (1, "")
    assert out.splitlines()[::2] == [
        "decks/pipe.yaml: error: cannot be read: it is a pipe (FIFO), not a file",
        "decks/loop.yaml: error: cannot be read: it is a symlink loop",
        "checked 2 decks: 0 ok, 2 failed",
    ]
    refused = {f"decks/{name}" for name in reasons}
    assert not refused.intersection(nothing_opened)
