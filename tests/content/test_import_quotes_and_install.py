"""`inkind import` (issue 25): a CSV whose quotes would merge rows or mangle a prompt is refused
at the line and column where the quote opens, and `--install` puts the deck where the game
reads decks, making the folder `inkind paths` names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main
from game.content.decks import load_deck
from game.content.importer import import_csv, run_import
from game.content.sources import load_catalog, user_decks_dir

HINT = 'a quote inside a quoted field is written twice: ""'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # unclosed: the next row's opening quote closes it, and text follows
            'prompt,level\n"Tell about a time you felt at home,1\n"What did you feel?",2\n',
            "q.csv:2:1: error: the quote that opens this field is not closed on its line but"
            f" on line 3 (close it at the end of the field; {HINT})",
        ),
        (  # unclosed, and a stray quote further down closes it: rows run into one
            'prompt,level\n"Tell about a time you felt at home,1\nWhat did you feel?",2\n',
            "q.csv:2:1: error: the quote that opens this field is not closed on its line but"
            f" on line 3 (close it at the end of the field; {HINT})",
        ),
        (  # never closed at all
            'prompt,level\nWhat did you feel?,1\nAnd then,1\n"Tell about home,2\n',
            f"q.csv:4:1: error: this quote is never closed (close it at the end of the field; {HINT})",
        ),
        (  # a stray quote after a closed one
            'prompt,level\nWhat did you feel?,1\n"Tell about" home,2\n',
            "q.csv:3:1: error: the field that opens with this quote goes on after its closing"
            f" quote (put the whole field in quotes; {HINT})",
        ),
        (  # the quote opens the second field, not the first
            'prompt,level\nWhat did you feel?,"1\nAnd then,1\n',
            "q.csv:2:20: error: this quote is never closed (close it at the end of the field;"
            f" {HINT})",
        ),
    ],
    ids=["next-row-closes", "stray-closes", "never-closed", "text-after", "second-field"],
)
def test_a_broken_quote_is_refused_where_it_opens(text: str, expected: str) -> None:
    yaml_text, problems = import_csv(text, "q.csv")
    assert yaml_text is None
    assert [problem.format() for problem in problems] == [expected]


def test_quotes_a_spreadsheet_writes_are_read_as_ever() -> None:
    text = (
        "prompt,level\n"
        'Tell about "home" and what it means,1\n'  # a quote inside an unquoted field is text
        '"Say ""thank you"" to someone, and how it felt",1\n'
        '"What made you\nlaugh today?",1\n'  # a line break inside a cell, no row swallowed
    )
    yaml_text, problems = import_csv(text, "q.csv")
    assert yaml_text is not None, [p.format() for p in problems]
    assert '"Say \\"thank you\\" to someone, and how it felt"' in yaml_text
    assert '"What made you\\nlaugh today?"' in yaml_text


def test_install_puts_the_deck_where_the_game_reads_decks(tmp_path: Path, capsys) -> None:
    source = tmp_path / "Our Evening.txt"
    source.write_text(
        "What did you feel when you came home today?\nWhat made you laugh this week?\n",
        encoding="utf-8",
    )
    decks = user_decks_dir()
    assert not decks.exists()  # a first start: the folder `inkind paths` names is not there yet
    assert main(["import", str(source), "--install"]) == 0
    installed = decks / "our-evening.yaml"
    assert capsys.readouterr().out == (
        f"wrote {installed}: 2 cards\nthe game shows it on the deck page from its next start\n"
    )
    assert load_deck(installed).ok
    assert "our-evening" in {r.deck.id for r in load_catalog().decks if r.deck is not None}
    # Again: it is there, and it is not replaced unasked.
    assert main(["import", str(source), "--install"]) == 2
    assert capsys.readouterr().err == (
        f"inkind import: {installed} already exists (add --force to replace it)\n"
    )
    assert main(["import", str(source), "--install", "--force"]) == 0


def test_without_install_the_next_step_is_printed(tmp_path: Path) -> None:
    source = tmp_path / "evening.txt"
    source.write_text("What did you feel when you came home today?\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_import(str(source), None, False, "en", out, err) == 0
    assert out.getvalue().startswith("format: 1\n")  # the deck alone, to redirect to a file
    assert err.getvalue() == (
        f"inkind import: to play it, run `inkind import {source} --install` (it goes in"
        f" {user_decks_dir()}), or put the deck file in that folder yourself\n"
    )


def test_install_and_out_together_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "evening.txt"
    source.write_text("What did you feel when you came home today?\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = run_import(str(source), str(tmp_path / "x.yaml"), False, "en", out, err, install=True)
    assert (status, err.getvalue()) == (2, "inkind import: give --out or --install, not both\n")
