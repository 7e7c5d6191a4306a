"""`inkind print`: a deck's cards as a PDF, read back with poppler (pdfinfo, pdffonts,
pdftotext, pdftoppm): the pages, the paper, every card's words, the fonts embedded, and
backs that lie behind their fronts when printed on both sides."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.content.ui_text import load_ui_text
from game.printing import CARD_W, COLUMNS, PAPERS, faces, grid
from tests.core.factory import make_deck

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

T = load_ui_text()
DECK = """format: 1
id: print-me
name: Print Me
levels: [{name: Warm}, {name: Deeper}]
cards:
  - prompt: "Tell about a kitchen you loved: what did it smell like, and how did you feel there?"
    follow_ups: ["Who was there with you?", "What do you miss about it now?"]
  - prompt: "When did you last feel truly listened to?"
    level: 2
  - wild: mirror
closing:
  prompt: "What will you carry home from tonight?"
"""


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("paper, size", [("a4", "595.28 x 841.89"), ("letter", "612 x 792")])
def test_a_deck_prints_as_cards_read_back_from_the_pdf(tmp_path: Path, paper: str, size: str):
    deck_file = tmp_path / "print-me.yaml"
    deck_file.write_text(DECK, encoding="utf-8")
    pdf = tmp_path / "cards.pdf"
    assert main(["print", str(deck_file), "--out", str(pdf), "--paper", paper]) == 0
    info = poppler("pdfinfo", str(pdf))
    assert "Pages:           2" in info  # four cards: a page of fronts, a page of backs
    assert f"Page size:       {size} pts" in info
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts  # embedded, subset
    words = " ".join(poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-").split())
    for text in (
        "Tell about a kitchen you loved",
        "what did it smell like",
        "When did you last feel truly listened to?",
        "Who was there with you?",
        "To go deeper",
        "Warm",
        "Deeper",
        "Wild card: Mirror",
        "What will you carry home from tonight?",
        "The closing card",
    ):
        assert text in words, text
    backs = " ".join(poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").split())
    assert backs.count("Print Me") == 4
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5_000


def test_the_backs_are_mirrored_so_each_lies_behind_its_front():
    for paper in PAPERS.values():
        places = grid(paper)
        for index, (x, _) in enumerate(places):
            row, column = divmod(index, COLUMNS)
            back_x, _ = places[row * COLUMNS + (COLUMNS - 1 - column)]
            # Flipped on the long edge, the back's left edge is the front's right edge.
            assert math.isclose(back_x, paper[0] - x - CARD_W, abs_tol=1e-6)


def test_every_card_of_a_deck_prints_once_by_level_then_the_closing_card():
    deck = make_deck(prompts_per_level=5, levels=3)
    printed = faces(deck, T)
    assert len(printed) == 16
    assert [f.band for f in printed[:15]] == ["Level 1"] * 5 + ["Level 2"] * 5 + ["Level 3"] * 5
    assert printed[-1].band == "The closing card"


def test_a_deck_that_is_not_there_or_broken_is_said_in_one_line(tmp_path: Path, capsys):
    assert main(["print", "no-such-deck", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "inkind print: no deck file or deck id 'no-such-deck'" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: b\nname: B\ncards:\n  - prompt: 42\n", encoding="utf-8")
    assert main(["print", str(broken), "--out", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "error: the prompt must be text" in err and "run `inkind check" in err
    assert not (tmp_path / "x.pdf").exists()
