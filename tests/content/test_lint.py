"""The authors' warnings, exactly as the content writers were told them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.content import lint
from game.content.decks import load_deck

CLOSED = (
    "do does did have has had is are was were can could would will should shall may might am must"
)
STEMS = """feel felt think thought wonder afraid fear hope wish miss proud asham shame scare glad sad
angry anger hurt tender love lonel grate regret mean realis realiz learn heart moved touch joy worr
longing longed relie believ surpris happ cry cried laugh embarrass nervous excit safe comfort envy
envi jealous guilt upset calm peace alone brave courage desire want resent frustrat annoy furious
rage grief griev mourn tired numb torn anxi panic dread delight thrill awkward humiliat lost warm
tense uneasy ache bitter sorry treasur cherish admir trust attract ador fond yearn crav affection
intima appreciat thankful belong valued inspir disgust cring repuls appal hate hatred shock stunn amaz
awe bored confus overwhelm insecur vulnerab disappoint reject exclud homesick nostalg helpless
powerless stress terrif fright mortif satisf bliss elat ecsta"""


def test_the_word_lists_are_the_ones_the_writers_were_given() -> None:
    assert frozenset(CLOSED.split()) == lint.CLOSED_QUESTION_WORDS
    assert set(lint.FEELING_STEMS) == set(STEMS.split())
    assert (lint.PROMPT_FITS, lint.FOLLOW_UP_FITS, lint.FEELINGS_FROM_LEVEL) == (170, 140, 2)


@pytest.mark.parametrize("word", CLOSED.split())
def test_a_prompt_starting_with_a_closed_word_in_any_case_warns(word: str) -> None:
    for text in (f"{word.capitalize()} you feel it?", f"{word.upper()} you?", f'"{word} you?"'):
        assert lint.closed_question(text, "the prompt") is not None


@pytest.mark.parametrize(
    "text",
    ["What did you feel?", "Don't you think so?", "Doing what you love?", "Tell about it.", ""],
)
def test_open_prompts_do_not_warn(text: str) -> None:
    assert lint.closed_question(text, "the prompt") is None


@pytest.mark.parametrize("stem", STEMS.split())
def test_any_word_starting_with_a_stem_invites_feelings(stem: str) -> None:
    assert lint.invites_feelings(f"Tell about the {stem.upper()}xyz part.")


def test_a_stem_must_start_the_word() -> None:
    assert not lint.invites_feelings("Describe the unfeeling machine.")
    assert lint.prompt_warnings("Describe the unfeeling machine.", 1) == []
    assert [m for m, _ in lint.prompt_warnings("Describe the unfeeling machine.", 2)] == [
        "the prompt at level 2 does not invite feelings or thoughts"
    ]


def test_the_closing_card_is_not_held_to_the_feelings_rule() -> None:
    assert lint.prompt_warnings("Describe the street.", None) == []


def test_lengths_count_after_trimming_and_stop_at_the_limit() -> None:
    assert lint.prompt_warnings("x" * 170, 1) == []
    assert lint.prompt_warnings("x" * 171, 1) == [
        (
            "the prompt is 171 characters and may not fit on a card at the smallest text size",
            "keep it to 170",
        )
    ]
    assert lint.follow_up_warnings("x" * 140) == []
    assert lint.follow_up_warnings("x" * 141)[0][1] == "keep it to 140"


def test_repeated_follow_ups_ignore_case() -> None:
    assert lint.repeated_follow_ups(["What then?", "How so?", "WHAT THEN?", "what then?"]) == [2, 3]


def test_warnings_come_out_with_positions_in_a_deck(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "format: 1\nid: w\nname: W\nlevels: [{name: A}, {name: B}]\ncards:\n"
        "  - prompt: Is it late?\n    level: 2\n"
        "    follow_ups: [Can you say more?, '" + "y" * 141 + "']\n"
        "closing:\n  prompt: Will you come back?\n",
        encoding="utf-8",
    )
    result = load_deck(str(path))
    assert result.ok
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (6, 13, "the prompt starts with 'Is', so it reads as a yes/no question"),
        (6, 13, "the prompt at level 2 does not invite feelings or thoughts"),
        (8, 18, "the follow-up starts with 'Can', so it reads as a yes/no question"),
        (
            8,
            37,
            "the follow-up is 141 characters and may not fit on a card at the smallest text size",
        ),
        (10, 11, "the prompt starts with 'Will', so it reads as a yes/no question"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Think of a wedding where something happened.",
        "Tell about the day. Think back to what happened.",
        "Describe what you were learning that year.",
        "How long did the long drive take?",
    ],
)
def test_false_stems_do_not_count_as_feelings(text: str) -> None:
    assert not lint.invites_feelings(text)


@pytest.mark.parametrize(
    "text",
    ["What did you think of it?", "Tell about a time you felt happy.", "What did you learn?"],
)
def test_real_feeling_and_thought_words_still_count(text: str) -> None:
    assert lint.invites_feelings(text)


FACTS = "the follow-up only asks for facts"
FIXING = "the follow-up asks how it was fixed or coped with"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Who did you play it with?", FACTS),
        ("How old were you?", FACTS),
        ("What exactly did they do or say?", FACTS),
        ("Where were you living then?", FACTS),
        ("How did everyone part ways afterwards?", FACTS),
        ("What helped it settle?", FIXING),
        ("How did you get through it?", FIXING),
        ("Where in your body do you remember it?", None),
        ("When did you first feel it lift?", None),
        ("What part of you still believes it?", None),
        ("Which part of it do you still picture most clearly?", None),
    ],
)
def test_follow_ups_that_ask_for_facts_or_fixing_warn(text: str, message: str | None) -> None:
    found = lint.fact_only(text)
    assert (found[0] if found else None) == message


def test_an_opening_word_on_more_than_15_percent_of_prompts_warns() -> None:
    prompts = ["What a day."] * 4 + [f"Word{n} here." for n in range(16)]
    assert lint.common_opening(prompts) == (
        "'What' opens 4 of the deck's 20 prompts (20%); no opening word should open more than 15%",
        "begin some of them another way, so the cards don't all sound alike",
    )
    assert lint.common_opening(["What a day."] * 3 + [f"Word{n}." for n in range(17)]) is None
    assert lint.common_opening(["What a day."] * 19) is None  # fewer than 20 prompts


def test_the_english_word_checks_skip_other_languages() -> None:
    assert lint.prompt_warnings("Do que você sente falta?", 2, english=False) == []
    assert lint.follow_up_warnings("Who was there?", english=False) == []
    assert [m for m, _ in lint.follow_up_warnings("Who was there?")] == [FACTS]


def test_near_duplicates_pair_prompts_that_share_an_idea() -> None:
    texts = [
        "Picture the kitchen you grew up with and one smell that takes you back.",
        "What smell takes you straight back to a kitchen from growing up, and what do you feel?",
        "Name a song you loved at fifteen and how it made you feel.",
        "When did you last laugh so hard you could not stop?",
        "Who made you laugh until you couldn't stop, and what did it feel like?",
    ]
    assert lint.near_duplicates(texts) == [
        (0, 1, ("grow", "kitchen", "smell")),
        (3, 4, ("laugh", "stop")),
    ]
    assert lint.surface_words(texts[1], ("grow", "smell")) == ("growing", "smell")


@pytest.mark.parametrize(
    "text",
    [
        "Have you ever lied to a friend? Why?",
        "Did it change you? If so, what changed?",
        "Is there a song that still moves you? What is it, and how does it feel?",
        "Have you ever been lost, and if so, what did you feel?",
        "Do you keep a secret from your family? If not, how did you let it go?",
        "Are you proud of it? Tell us why.",
    ],
)
def test_a_yes_no_question_that_opens_up_at_once_does_not_warn(text: str) -> None:
    """The 36 questions and other real decks ask "…? Why?" and "If so, what…": the story
    is asked for after all, so the closed-question rule lets them pass."""
    assert lint.closed_question(text, "the prompt") is None


@pytest.mark.parametrize(
    "text",
    ["Do you like tea?", "Is it true. What now?", "Have you? No.", "Did it rain? Yes."],
)
def test_a_yes_no_question_that_stays_closed_still_warns(text: str) -> None:
    assert lint.closed_question(text, "the prompt") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Would you rather cook or order in?",
        "Is it the smell or the sound that takes you back?",
        "Are you a morning person or a night person, and why?",
        "Did that day change you? Explain.",
        "Was it worth it? Explain why.",
    ],
)
def test_either_or_questions_and_explain_are_open(text: str) -> None:
    assert lint.closed_question(text, "the prompt") is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Do you or your partner cook?", "Do"),
        ("Would you go back or not?", "Would"),
        ("Is it late? Or early?", "Is"),
    ],
)
def test_an_or_that_offers_no_choice_stays_closed(text: str, word: str) -> None:
    assert lint.closed_question(text, "the prompt") == (
        f"the prompt starts with '{word}', so it reads as a yes/no question",
        "open it up: 'What...', 'How...', 'Tell about a time...'",
    )


WRITERS_FEELINGS = """treasured admire trust attracted longing tender cherished resent envy relieved adored
    fondness yearning craving affection intimacy appreciated thankful belonging valued inspired
    disgusted cringe repulsed appalled hated shocked stunned amazed awe bored confused
    overwhelmed insecure vulnerable disappointed rejected excluded homesick nostalgic helpless
    powerless stressed terrified frightened mortified satisfied bliss elated ecstatic"""


@pytest.mark.parametrize("word", WRITERS_FEELINGS.split())
def test_the_feeling_words_writers_use_count(word: str) -> None:
    assert lint.invites_feelings(f"Tell about someone you {word}.")


@pytest.mark.parametrize("word", ["fondue", "adorned", "trustee", "cravat", "Appalachian"])
def test_words_that_only_look_like_feelings_do_not_count(word: str) -> None:
    assert not lint.invites_feelings(f"Tell about the {word}.")


def test_a_prompt_over_30_words_warns_with_its_count() -> None:
    thirty = " ".join(["word"] * 30)
    assert lint.prompt_warnings(thirty, 1) == []
    assert lint.prompt_warnings(thirty + " more", 1) == [
        (
            "the prompt is 31 words; a card is heard once, so keep it to 30 or fewer",
            "say one idea in one or two short sentences",
        )
    ]
    # Any language: the words are the runs of text between spaces.
    assert lint.prompt_warnings(thirty + " más", 2, english=False)[0][0].startswith(
        "the prompt is 31 words"
    )


def test_a_deck_whose_median_prompt_is_over_20_words_warns() -> None:
    twenty, twenty_one = " ".join(["w"] * 20), " ".join(["w"] * 21)
    assert lint.long_median([twenty, twenty_one, twenty]) is None
    assert lint.long_median([]) is None
    assert lint.long_median([twenty, twenty_one, twenty_one, " ".join(["w"] * 22)]) == (
        "the deck's median prompt is 21 words; keep it to 20 or fewer",
        "shorten the longest prompts: most cards read best in 15 words or fewer",
    )
    assert lint.long_median([twenty, twenty_one])[0] == (  # type: ignore[index]
        "the deck's median prompt is 20.5 words; keep it to 20 or fewer"
    )


# A couples deck: "relationship" and "family" are on many of its cards.
THEME = [
    "What did your family teach you about how a relationship should look?",
    "How does your family talk about our relationship when we are not there?",
    "Which family habit do you hope our relationship keeps?",
    "What part of our relationship would surprise your family most?",
    "Tell about a family meal that felt warm.",
    "Describe a song that reminds you of our relationship.",
    "What made you laugh on our first trip together?",
    "Tell about a kitchen smell from growing up and what it stirs.",
    "What smell takes you back to a kitchen from growing up, and how does it feel?",
    "Name a fear about money you have never said aloud.",
]


def test_a_decks_theme_words_alone_do_not_make_a_near_duplicate() -> None:
    # Unweighted, the first two share 2 of their 3 idea words and would be paired.
    assert lint.idea_words(THEME[0]) & lint.idea_words(THEME[1]) == {
        "fami",
        "relationship",
    }  # stems
    assert lint.near_duplicates(THEME) == [(7, 8, ("grow", "kitchen", "smell"))]


def test_idf_weights_are_per_deck() -> None:
    """The same two prompts pair when each is in a deck where their words are rare."""
    texts = [THEME[0], THEME[1]]
    assert lint.near_duplicates(texts, ["a", "b"]) == [(0, 1, ("fami", "relationship"))]
    assert lint.near_duplicates(THEME, ["one"] * len(THEME)) == lint.near_duplicates(THEME)
    weights = lint.idea_weights([frozenset({"a", "b"}), frozenset({"a"}), frozenset({"c"})])
    assert weights == pytest.approx({"a": math.log(4 / 2), "b": math.log(4), "c": math.log(4)})
