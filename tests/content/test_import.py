"""`inkind import`: a text file or a CSV of prompts becomes a deck the loader loads, or every bad row is named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.content.decks import load_deck
from game.content.importer import import_csv, import_text, run_import, yaml_string
from game.core.cards import Deck

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def run(
    path: Path | str, *, out_path: Path | None = None, force: bool = False, language: str = "en"
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_import(str(path), str(out_path) if out_path else None, force, language, out, err)
    return status, out.getvalue(), err.getvalue()


def next_step(path: Path | str, prefix: str = "inkind import: ") -> str:
    """What the command says after a deck it did not put where the game reads decks."""
    from game.content.sources import user_decks_dir

    return (
        f"{prefix}to play it, run `inkind import {path} --install` (it goes in"
        f" {user_decks_dir()}), or put the deck file in that folder yourself\n"
    )


def loaded(yaml_text: str, tmp_path: Path) -> Deck:
    path = tmp_path / "imported.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    result = load_deck(path)
    assert [problem.format() for problem in result.problems] == []
    assert result.deck is not None
    return result.deck


def test_a_text_file_with_three_levels_and_follow_ups_becomes_a_deck(tmp_path: Path) -> None:
    status, out, err = run(FIXTURES / "evening.txt")
    assert (status, err) == (0, next_step(FIXTURES / "evening.txt"))
    assert out == (
        "format: 1\n"
        'id: "evening"\n'
        'name: "Evening"\n'
        'language: "en"\n'
        "levels:\n"
        '  - name: "Level 1"\n'
        '  - name: "Level 2"\n'
        '  - name: "Level 3"\n'
        "cards:\n"
        '  - id: "l1-01"\n'
        '    prompt: "What made you laugh today?"\n'
        "    level: 1\n"
        "    follow_ups:\n"
        '      - "What did it remind you of?"\n'
        '      - "What did you feel just before you laughed?"\n'
        '  - id: "l1-02"\n'
        '    prompt: "Tell about a meal you still think about."\n'
        "    level: 1\n"
        '  - id: "l2-01"\n'
        '    prompt: "Tell about a time you felt out of place. What did you do?"\n'
        "    level: 2\n"
        "    follow_ups:\n"
        '      - "What did you wish someone had said?"\n'
        '  - id: "l3-01"\n'
        '    prompt: "Tell about someone you miss. What do you wish you could tell them?"\n'
        "    level: 3\n"
    )
    deck = loaded(out, tmp_path)
    assert (deck.id, deck.name, deck.language) == ("evening", "Evening", "en")
    assert [level.name for level in deck.levels] == ["Level 1", "Level 2", "Level 3"]
    assert [(card.id, card.level) for card in deck.cards] == [
        ("l1-01", 1),
        ("l1-02", 1),
        ("l2-01", 2),
        ("l3-01", 3),
    ]
    assert deck.cards[0].follow_ups == (
        "What did it remind you of?",
        "What did you feel just before you laughed?",
    )
    assert deck.cards[2].follow_ups == ("What did you wish someone had said?",)


def test_a_csv_with_repeated_follow_up_columns_and_tags_becomes_a_deck(tmp_path: Path) -> None:
    status, out, err = run(FIXTURES / "cards.csv", language="en-GB")
    assert (status, err) == (0, next_step(FIXTURES / "cards.csv"))
    deck = loaded(out, tmp_path)
    assert deck.language == "en-GB"
    assert [(c.id, c.level, c.follow_ups, c.tags) for c in deck.cards] == [
        ("l1-01", 1, ("What did it remind you of?",), ("fun", "work")),
        ("l1-02", 1, (), ()),
        ("l2-01", 2, ("What did you feel then?",), ("grief", "family")),
    ]
    assert deck.cards[2].prompt == "Tell about a loss you still feel, and what it taught you."
    assert '    tags: ["grief", "family"]\n' in out


def test_a_csv_split_by_semicolons_and_saved_with_a_bom_and_crlf_reads_the_same() -> None:
    text = "\ufeffprompt;level;tags\r\nWhat made you laugh today?;2;fun,work\r\n"
    yaml_text, problems = import_csv(text.lstrip("\ufeff"), "list.csv")
    assert problems == []
    assert yaml_text is not None and '    tags: ["fun", "work"]\n' in yaml_text


def test_tricky_strings_stay_exactly_the_text_they_were(tmp_path: Path) -> None:
    prompts = [
        "yes",
        "No: really? What did you feel?",
        'She said "enough" and I felt \\ small. Why?',
        "What made you smile 😀 today?",
        "What does #1 mean to you, # and all?",
        "1.5",
        "- [what] {is} & *this* ! | > ' % @ `?",
    ]
    yaml_text, problems = import_text("\n".join(prompts) + "\n", "tricky.txt")
    assert yaml_text is not None
    assert [problem for problem in problems if problem.is_error] == []
    assert [card.prompt for card in loaded(yaml_text, tmp_path).cards] == prompts


def test_yaml_string_escapes_what_cannot_be_written_plainly() -> None:
    assert yaml_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert yaml_string("line\nbreak\ttab\u202e\u2028\U000e0001") == (
        '"line\\nbreak\\ttab\\u202e\\u2028\\U000e0001"'
    )


def test_every_bad_row_of_a_text_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(
        "> What came first?\n"
        "What made you laugh today?\n"
        ">\n"
        "\n"
        "what made you  laugh today?\n"
        f"{'x' * 301}\n"
        f"Tell about a time you felt lost.\n> {'y' * 301}\n",
        encoding="utf-8",
    )
    status, out, err = run(path)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:1: error: this follow-up has no prompt above it (put it directly under its "
        "prompt, with no blank line between them)",
        f"{path}:3: error: the follow-up is empty (write it after '> ')",
        f"{path}:5: error: this prompt is the same as the one on line 2 (remove one of them)",
        f"{path}:6: error: the prompt is 301 characters long; the limit is 300 (shorten it)",
        f"{path}:8: error: the follow-up is 301 characters long; the limit is 300 (shorten it)",
    ]


def test_a_thirteenth_level_is_a_bad_row() -> None:
    text = "\n\n".join(f"Tell about a time you felt brave, number {n}." for n in range(1, 14))
    yaml_text, problems = import_text(text, "deep.txt")
    assert yaml_text is None
    assert [problem.format() for problem in problems] == [
        "deep.txt:25: error: this is level 13; a deck has at most 12 levels (join some of the "
        "blocks: each blank line starts a new level)"
    ]


def test_every_bad_row_of_a_csv_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "prompt,level,follow_up,tags\n"
        "What made you laugh today?,1,,\n"
        ",2,What then?,\n"
        "Tell about a time you felt brave.,2.5,,\n"
        "Tell about a time you felt safe.,0,,\n"
        "Tell about a time you felt seen.,13,,Family\n"
        "WHAT MADE YOU LAUGH TODAY?,,,\n"
        f"{'x' * 301},,,\n",
        encoding="utf-8",
    )
    status, out, err = run(path)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:3: error: the prompt is empty (write one, or delete the row)",
        f"{path}:4: error: the level '2.5' is not a whole number of at least 1 (write 1, 2, 3 ...)",
        f"{path}:5: error: the level '0' is not a whole number of at least 1 (write 1, 2, 3 ...)",
        f"{path}:6: error: there is no level '13': a deck has at most 12 levels (use a level "
        "from 1 to 12)",
        f"{path}:6: error: the tag 'Family' may use only lowercase letters, digits and '-' "
        "(try 'family')",
        f"{path}:7: error: this prompt is the same as the one on line 2 (remove one of them)",
        f"{path}:8: error: the prompt is 301 characters long; the limit is 300 (shorten it)",
    ]


def test_a_csv_row_over_several_lines_is_named_by_its_first_line() -> None:
    text = 'prompt,level\n"What made you\nlaugh today?",1\n"What made you\nsmile?",x\n'
    assert [problem.format() for problem in import_csv(text, "m.csv")[1]] == [
        "m.csv:4: error: the level 'x' is not a whole number of at least 1 (write 1, 2, 3 ...)"
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "prompt,level,colour",
            "h.csv:1: error: unknown column 'colour' (the columns are 'prompt', 'level', "
            "'follow_up' and 'tags')",
        ),
        (
            "prompt,follow_ups",
            "h.csv:1: error: unknown column 'follow_ups' (did you mean 'follow_up'?)",
        ),
        (
            "level,tags",
            "h.csv:1: error: there is no 'prompt' column (name the column of prompts 'prompt' "
            "in the first row)",
        ),
        ("prompt,prompt", "h.csv:1: error: the column 'prompt' is named twice (remove one)"),
    ],
)
def test_a_bad_csv_header_is_named(header: str, expected: str) -> None:
    yaml_text, problems = import_csv(f"{header}\nWhat made you laugh today?,1\n", "h.csv")
    assert yaml_text is None
    assert [problem.format() for problem in problems] == [expected]


def test_a_file_without_prompts_is_an_error() -> None:
    assert [p.format() for p in import_text("# only a comment\n\n", "e.txt")[1]] == [
        "e.txt: error: the file holds no prompts (write one prompt a line)"
    ]
    assert [p.format() for p in import_csv("prompt,level\n", "e.csv")[1]] == [
        "e.csv: error: the file holds no prompts (add a row under the header for each prompt)"
    ]


def test_many_bad_rows_of_one_kind_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("prompt,level\n" + "".join(f"Prompt {n}?,x{n}\n" for n in range(25)))
    status, _, err = run(path)
    lines = err.splitlines()
    assert status == 1 and len(lines) == 11
    assert lines[-1] == f"{path}: … and 15 more like this"


def test_a_warning_from_the_loader_points_at_the_line_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "warn.txt"
    path.write_text("# a comment\nDo you like tea?\n", encoding="utf-8")
    status, out, err = run(path)
    assert status == 0 and out.startswith("format: 1\n")
    assert err.startswith(f"{path}:2: warning: the prompt starts with 'Do'")


def test_out_writes_a_file_and_refuses_to_overwrite_one(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    status, out, err = run(FIXTURES / "evening.txt", out_path=target)
    assert (status, err) == (0, "")
    assert out == f"wrote {target}: 4 cards\n" + next_step(FIXTURES / "evening.txt", "")
    assert load_deck(target).ok
    target.write_text("mine", encoding="utf-8")
    status, out, err = run(FIXTURES / "evening.txt", out_path=target)
    assert (status, out) == (2, "")
    assert err == f"inkind import: {target} already exists (add --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "mine"
    assert run(FIXTURES / "evening.txt", out_path=target, force=True)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("format: 1\n")


def test_nothing_is_written_when_a_row_is_bad(tmp_path: Path) -> None:
    source, target = tmp_path / "bad.txt", tmp_path / "deck.yaml"
    source.write_text("> orphan\n", encoding="utf-8")
    assert run(source, out_path=target)[0] == 1
    assert not target.exists()


def test_a_missing_file_or_a_bad_language_is_one_line_and_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert run(missing) == (2, "", f"inkind import: no such file: {missing}\n")
    status, _, err = run(FIXTURES / "evening.txt", language="english!")
    assert (status, err) == (
        2,
        "inkind import: 'english!' is not a language tag (write one like 'en' or 'pt-BR')\n",
    )


def test_text_from_the_file_is_printed_escaped(tmp_path: Path) -> None:
    path = tmp_path / "evil\u202e.txt"
    path.write_text("What made you laugh\x1b[31m today?\n", encoding="utf-8")
    status, _, err = run(path)
    assert status == 1
    assert err == (
        f"{tmp_path}/evil\\u202e.txt:1: error: the prompt holds the control character U+001B "
        "(remove it)\n"
    )


def test_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"What made you laugh?\nCaf\xe9 talk?\n")
    assert run(path) == (
        1,
        "",
        f"{path}:2: error: the file is not valid UTF-8 (byte 0xE9) (save it as UTF-8)\n",
    )


def test_the_deck_id_and_name_come_from_the_file_name(tmp_path: Path) -> None:
    yaml_text, _ = import_text("Tell about a time you felt brave.\n", "My Évening_Cards v2.txt")
    assert yaml_text is not None
    assert (
        'id: "my-evening-cards-v2"\n' in yaml_text and 'name: "My Évening Cards v2"\n' in yaml_text
    )
    assert loaded(yaml_text, tmp_path).id == "my-evening-cards-v2"


def test_the_command_line_imports_to_a_file_and_never_overwrites_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    source = Path(__file__).parent / "fixtures" / "import" / "evening.txt"
    out = tmp_path / "evening.yaml"
    assert main(["import", str(source), "--out", str(out)]) == 0
    deck = load_deck(out).deck
    assert deck is not None and len(deck.levels) == 3
    assert main(["import", str(source), "--out", str(out)]) == 2  # it exists: --force
    assert main(["import", str(source), "--out", str(out), "--force"]) == 0
    assert main(["import", str(tmp_path / "missing.txt")]) == 2
