"""The game's words load from assets/text/en, and a broken words file is reported like a broken deck."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game import resources
from game.content.words import FILES, FeelingFamily, GuideResponse, load_words

# Feelings the cards ask people to name; words that were verdicts on someone else, not feelings.
NEW_FEELINGS = ("jealous", "envious", "longing", "numb", "tired", "torn", "mixed", "wanted",
                "desired")  # fmt: skip
VERDICTS = ("betrayed", "abandoned", "provoked")


@pytest.fixture
def words_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the English words in the current folder, shown as plain file names."""
    for name in FILES:
        shutil.copy(resources.text_dir("en") / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_english_words_load_without_problems() -> None:
    words, problems = load_words("en")
    assert problems == ()
    assert words is not None
    assert words.how_to_play.title == "How to play"
    assert [s.heading for s in words.how_to_play.sections][:2] == ["Two skills", "A turn"]
    assert all(s.body for s in words.how_to_play.sections)
    assert len(words.feelings) == 12
    assert words.feelings[0] == FeelingFamily(
        "glad",
        "#F2C14E",
        ("cheerful", "delighted", "joyful", "pleased", "content", "happy", "playful",
         "light-hearted", "elated", "thrilled", "amused", "satisfied", "giddy", "proud",
         "grateful", "excited"),
    )  # fmt: skip
    assert len(words.starters.deepening) == 26 and len(words.starters.felt) == 26
    assert words.starters.felt[0] == "When you said …, I felt …"
    assert len(words.guide.examples) == 5
    first = words.guide.examples[0]
    assert first.earns[0] == GuideResponse(
        "deepening_question",
        "What were you telling yourself as you watched the clock?",
        "It invites the thoughts running underneath the moment.",
    )
    assert {r.kind for e in words.guide.examples for r in e.misses} <= {
        "fixing", "advising", "judging", "one_upping", "interrogating", "praising",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("feelings.yaml", 'colour: "#F2C14E"', 'colour: "yellow"', "feelings.yaml:4:13: error: 'yellow' is not a colour like '#F2C14E'"),
        ("feelings.yaml", "words: [cheerful,", "words: [down,", "feelings.yaml:8:13: error: the word 'down' is listed twice (keep it in one family)"),
        ("feelings.yaml", "  - name: sad", "  - name: glad", "feelings.yaml:6:11: error: the family 'glad' is listed twice (remove one)"),
        ("feelings.yaml", "families:", "familes:", "feelings.yaml:2:1: error: unknown key 'familes' in the feelings file (did you mean 'families'?)"),
        ("starters.yaml", "felt:", "felt: 3\nfelt_old:", "starters.yaml:29:7: error: 'felt' must be a list, not a number"),
        ("starters.yaml", "format: 1", "format: 2", "starters.yaml:1:9: error: the starters file uses format 2; this version of In Kind reads format 1 (update In Kind to use it)"),
        ("response_guide.yaml", "kind: advising", "kind: lecturing", "response_guide.yaml:13:15: error: the kind 'lecturing' is not one of 'fixing', 'advising', 'judging', 'one_upping', 'interrogating', 'praising'"),
        ("response_guide.yaml", "kind: deepening_question", "kind: advising", "response_guide.yaml:6:15: error: the kind 'advising' is not one of 'deepening_question', 'felt_response', 'touched_me', 'felt_heard'"),
        ("response_guide.yaml", '        why: "It invites', '        whyy: "It invites', "response_guide.yaml:8:9: error: unknown key 'whyy' in a response (did you mean 'why'?)"),
        ("how_to_play.yaml", "  - heading: A turn", "  - heading: 12", "how_to_play.yaml:10:14: error: 'heading' must be text, not a number (put it in quotes: \"12\")"),
        ("how_to_play.yaml", "title: How to play", "title: &t How to play", "how_to_play.yaml:2:8: error: anchors ('&t') are not allowed (write each value out in full)"),
        ("how_to_play.yaml", "    scoring: true\n", "    scoring: maybe\n", "how_to_play.yaml:16:14: error: 'scoring' must be true or false, not text"),
        ("how_to_play.yaml", "    scoring: true\n", '    scoring: "true"\n', "how_to_play.yaml:16:14: error: 'scoring' must be true or false, not text (remove the quotes: true)"),
        ("how_to_play.yaml", "    scoring: true\n", "    scorring: true\n", "how_to_play.yaml:16:5: error: unknown key 'scorring' in a section (did you mean 'scoring'?)"),
        ("response_guide.yaml", "  notes:\n", '  notes:\n    - "One more."\n', "response_guide.yaml:87:5: error: the share example has 5 notes; it needs 2 to 4 (keep the few that matter most)"),
        ("response_guide.yaml", "share_example:", "share_example: 3\nold:", "response_guide.yaml:79:16: error: the share example must be a mapping of keys, not a number"),
    ],
)  # fmt: skip
def test_a_broken_words_file_is_reported_with_its_position(
    words_copy: Path, name: str, old: str, new: str, expected: str
) -> None:
    edit(words_copy, name, old, new)
    words, problems = load_words("en", Path("."))
    assert expected in [problem.format() for problem in problems]
    assert words is None


def test_a_share_example_without_its_story_is_reported(words_copy: Path) -> None:
    text = (words_copy / "response_guide.yaml").read_text(encoding="utf-8")
    story = text[text.index("  story: |") : text.index("  notes:")]
    edit(words_copy, "response_guide.yaml", story, "")
    words, problems = load_words("en", Path("."))
    assert [p.format() for p in problems] == [
        "response_guide.yaml:80:3: error: the share example has no 'story' (add 'story:')"
    ]
    assert words is None


def test_the_response_guide_needs_its_share_example(words_copy: Path) -> None:
    text = (words_copy / "response_guide.yaml").read_text(encoding="utf-8")
    edit(words_copy, "response_guide.yaml", text[text.index("share_example:") :], "")
    words, problems = load_words("en", Path("."))
    assert [p.format() for p in problems] == [
        "response_guide.yaml:1:1: error: the response guide has no 'share_example' (add 'share_example:')"
    ]
    assert words is None


def test_scoring_sections_show_only_with_their_scoring() -> None:
    words, _ = load_words("en")
    assert words is not None
    how = words.how_to_play
    on = [s.heading for s in how.sections_for(True)]
    off = [s.heading for s in how.sections_for(False)]
    assert "What earns points" in on and "What earns points" not in off
    assert "Marks without numbers" in off and "Marks without numbers" not in on
    always = [s.heading for s in how.sections if s.scoring is None]
    assert always and set(always) <= set(on) & set(off)
    # What every game shows promises no points: only the scoring sections speak of them.
    shown_always = " ".join(s.heading + " " + s.body for s in how.sections if s.scoring is None)
    assert "point" not in shown_always.lower() and "score" not in shown_always.lower()
    assert "point" not in words.guide.intro.lower()


def test_how_to_play_tells_the_lighter_card_not_yet_and_stars() -> None:
    words, _ = load_words("en")
    assert words is not None
    for scoring in (True, False):
        text = " ".join(s.body for s in words.how_to_play.sections_for(scoring))
        assert "Press L for a lighter one" in text
        assert "“not yet”" in text and "“Ready to go deeper?”" in text
        assert "press S to star" in text and "N for “not for us”" in text


def test_the_share_example_is_a_short_story_with_a_few_notes() -> None:
    words, _ = load_words("en")
    assert words is not None
    share = words.guide.share_example
    assert 50 <= len(share.story.split()) <= 120
    assert len([p for p in share.story.split("\n\n") if p.strip()]) == 3  # before, during, after
    assert 2 <= len(share.notes) <= 4


def test_the_palette_holds_the_feelings_the_cards_ask_about() -> None:
    words, _ = load_words("en")
    assert words is not None
    palette = {w for f in words.feelings for w in f.words}
    assert set(NEW_FEELINGS) <= palette
    assert not palette & set(VERDICTS)


def test_a_missing_words_file_is_one_line(words_copy: Path) -> None:
    (words_copy / "starters.yaml").unlink()
    words, problems = load_words("en", Path("."))
    assert words is None
    assert [p.format() for p in problems] == ["starters.yaml: error: no such file"]


def test_a_language_without_a_catalog_is_said_in_english() -> None:
    words, problems = load_words("xx")
    english, _ = load_words("en")
    assert problems == ()
    assert words == english


def test_disgust_has_a_family_and_mixed_feelings_are_not_surprise() -> None:
    words, _ = load_words("en")
    assert words is not None
    family = {word: f.name for f in words.feelings for word in f.words}
    assert {family[w] for w in ("grossed out", "repulsed", "cringing", "appalled")} == {"disgusted"}
    assert {family[w] for w in ("torn", "mixed", "confused", "conflicted")} == {"unsure"}
    assert "surprised" not in {family[w] for w in ("torn", "mixed", "confused")}


def test_how_to_play_says_passes_only_by_placeholder(words_copy: Path) -> None:
    words, _ = load_words("en")
    assert words is not None
    bodies = " ".join(section.body for section in words.how_to_play.sections)
    assert "{passes}" in bodies
    assert not re.search(r"\b\d+ pass", bodies)  # the number comes from the rules
    edit(words_copy, "how_to_play.yaml", "{passes}", "{pases}")
    _, problems = load_words("en", Path("."))
    assert [p.format() for p in problems] == [
        "how_to_play.yaml:33:11: error: unknown placeholder {pases} in a section's 'body' "
        "(a section may use {passes}: how many passes each player has)"
    ]
