"""`inkind print` draws every script the table draws (issue 25): a Japanese, an Arabic and a
Hebrew deck printed and read back with poppler. `pdffonts` lists an embedded subset of a font
that has their letters, `pdftotext` gives each card's words back in logical order, Japanese
is wrapped between characters and no line starts with a closing mark, the face of Noto CJK
follows the deck's language, and a card read aloud to the next player or with its own timer
says so. Needs poppler-utils and Debian's fonts-noto-cjk, fonts-noto-core and
fonts-noto-color-emoji (`.ci/run` installs them)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.fonts.system import system_fonts
from game.printing import cjk_face

pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.skipif(
        not all(system_fonts().can_draw(ord(c)) for c in "日한مש"),
        reason="needs fonts-noto-cjk and fonts-noto-core",
    ),
]

JAPANESE = """\
format: 1.1
id: ja-deck
name: 日本語のデッキ
language: ja
levels: [{name: はじめに}, {name: もっと深く}]
cards:
  - prompt: "子どもの頃、いちばん安心できた場所はどこでしたか？そこでどんな気持ちになりましたか。「家」と呼べる場所について話してください。"
    follow_ups: ["だれと一緒にいましたか？"]
  - prompt: "最近、心があたたかくなった小さな出来事を教えてください。"
    level: 2
    answered_by: next
    timer: 90
"""
ARABIC = """\
format: 1.1
id: ar-deck
name: بطاقات عربية
language: ar
levels: [{name: البداية}]
cards:
  - prompt: "ما المكان الذي شعرت فيه بالأمان وأنت طفل؟ حدثنا عن شيء في ذلك المكان (Mixed: In Kind 2026) وكيف شعرت."
  - prompt: "متى شعرت آخر مرة أن أحدا أصغى إليك حقا؟ كيف شعرت في تلك اللحظة؟"
    answered_by: next
"""
HEBREW = """\
format: 1.1
id: he-deck
name: קלפים בעברית
language: he
levels: [{name: התחלה}]
cards:
  - prompt: "איפה הרגשת הכי בטוח כשהיית ילד? מה הרגשת שם, ומה 25 השנים מאז לימדו אותך?"
  - prompt: "ספרו על רגע שבו מישהו הקשיב לכם באמת. איך הרגשתם? 🌻"
    timer: 120
"""
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def printed(tmp_path: Path, deck: str, capsys) -> tuple[Path, str]:
    source = tmp_path / "deck.yaml"
    source.write_text(deck, encoding="utf-8")
    pdf = tmp_path / "deck.pdf"
    assert main(["print", str(source), "--out", str(pdf)]) == 0
    return pdf, capsys.readouterr().out


def fonts(pdf: Path) -> list[str]:
    return poppler("pdffonts", str(pdf)).splitlines()[2:]


def words(pdf: Path) -> str:
    """The first page's text as pdftotext reads it, bidi marks out, spaces made single."""
    text = BIDI_CONTROLS.sub("", poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-"))
    return " ".join(text.split())


def unspaced(text: str) -> str:
    """Without spaces: pdftotext guesses spaces from the gaps between glyphs, and where a
    run of digits or Latin meets Hebrew or Arabic it guesses one more or one less."""
    return "".join(text.split())


def test_a_japanese_deck_prints_in_the_japanese_face_wrapped_between_characters(
    tmp_path: Path, capsys
):
    pdf, said = printed(tmp_path, JAPANESE, capsys)
    assert said == f"{pdf}: 2 cards on 2 pages (1 sheet printed on both sides, A4)\n"
    embedded = fonts(pdf)
    assert any("NotoSansCJKJP" in line and " yes yes yes " in line for line in embedded)
    raw = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    lines = [line for line in raw.splitlines() if line.strip()]
    joined = "".join(raw.split())
    assert "子どもの頃、いちばん安心できた場所はどこでしたか？" in joined  # logical order
    prompt_lines = [line for line in lines if any("\u3040" <= c <= "\u9fff" for c in line)]
    assert len(prompt_lines) > 4, "the long prompt wraps over several lines"
    assert not any(line.lstrip()[0] in "、。？」" for line in prompt_lines)
    # The cards' own words in the deck's language, which the game speaks:
    assert "次の人に読み上げて、その人が答えます。" in joined
    assert "やさしいタイマー：1:30" in joined
    assert "Gentle timer" not in words(pdf)


def test_an_arabic_deck_prints_shaped_right_to_left_in_logical_order(tmp_path: Path, capsys):
    pdf, said = printed(tmp_path, ARABIC, capsys)
    assert said == f"{pdf}: 2 cards on 2 pages (1 sheet printed on both sides, A4)\n"
    assert any("NotoSansArabic" in line and " yes yes yes " in line for line in fonts(pdf))
    text = words(pdf)
    for phrase in ("ما المكان الذي شعرت فيه", "متى شعرت آخر مرة أن أحدا", "In Kind 2026"):
        assert unspaced(phrase) in unspaced(text), (phrase, text)
    assert "Mixed:" in text
    # the card's own note in Arabic (pdftotext spells the lam-alef ligature back as alef-lam,
    # so the phrases checked avoid it)
    for phrase in ("تُقرأ بصوت عالٍ", "وهو من يجيب."):
        assert unspaced(phrase) in unspaced(text), (phrase, text)


def test_a_hebrew_deck_prints_right_to_left_with_its_emoji(tmp_path: Path, capsys):
    pdf, _ = printed(tmp_path, HEBREW, capsys)
    embedded = fonts(pdf)
    assert any("NotoSansHebrew" in line and " yes yes yes " in line for line in embedded)
    assert any("Type 3" in line for line in embedded), "the colour emoji, drawn as a picture"
    text = words(pdf)
    for phrase in ("איפה הרגשת הכי בטוח", "ומה 25 השנים", "ספרו על רגע", "Gentle timer: 2:00"):
        assert unspaced(phrase) in unspaced(text), (phrase, text)
    assert "🌻" in text


def test_a_korean_deck_prints_in_the_korean_face_and_breaks_at_spaces(tmp_path: Path, capsys):
    deck = (
        "format: 1.1\nid: ko-deck\nname: 한국어 카드\nlanguage: ko\ncards:\n"
        '  - prompt: "어릴 때 가장 편안했던 곳은 어디였나요? 그곳에서 어떤 기분이 들었는지'
        ' 말해 주세요."\n'
    )
    pdf, _ = printed(tmp_path, deck, capsys)
    assert any("NotoSansCJKKR" in line for line in fonts(pdf))
    raw = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    card_words = set(
        [
            "어릴",
            "때",
            "가장",
            "편안했던",
            "곳은",
            "어디였나요?",
            "그곳에서",
            "어떤",
            "기분이",
            "들었는지",
            "말해",
            "주세요.",
        ]
    )
    hangul_lines = [line for line in raw.splitlines() if any("가" <= c <= "힣" for c in line)]
    assert len(hangul_lines) > 1
    for line in hangul_lines:
        assert set(line.split()) <= card_words, line  # no word cut in two


@pytest.mark.parametrize(
    ("language", "face"),
    [("ja", "JP"), ("ko", "KR"), ("zh-Hans", "SC"), ("zh-CN", "SC"), ("zh-Hant", "TC"),
     ("zh-TW", "TC"), ("zh-HK", "HK"), ("zh", "SC"), ("en", "JP")],
)  # fmt: skip
def test_the_cjk_face_follows_the_decks_language(language: str, face: str) -> None:
    assert cjk_face(language) == face
