"""Warnings for deck authors: cards that load fine but may not work at the table.

These are the checks the content writers were given, word for word; the word lists are data
and live only here. Each function returns (message, hint) pairs; the deck loader adds positions.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Hashable, Sequence

from game.content.problems import Phrase, says

# fmt: off
# A prompt or follow-up that starts with one of these reads as a yes/no question.
CLOSED_QUESTION_WORDS = frozenset({
    "do", "does", "did", "have", "has", "had", "is", "are", "was", "were", "can", "could",
    "would", "will", "should", "shall", "may", "might", "am", "must",
})

# A prompt at level 2 or above should contain a word starting with one of these stems.
FEELING_STEMS = (
    "feel", "felt", "think", "thought", "wonder", "afraid", "fear", "hope", "wish", "miss",
    "proud", "asham", "shame", "scare", "glad", "sad", "angry", "anger", "hurt", "tender",
    "love", "lonel", "grate", "regret", "mean", "realis", "realiz", "learn", "heart", "moved",
    "touch", "joy", "worr", "longing", "longed", "relie", "believ", "surpris", "happ", "cry",
    "cried", "laugh", "embarrass", "nervous", "excit", "safe", "comfort", "envy", "envi",
    "jealous", "guilt", "upset", "calm", "peace", "alone", "brave", "courage", "desire",
    "want", "resent", "frustrat", "annoy", "furious", "rage", "grief", "griev", "mourn",
    "tired", "numb", "torn", "anxi", "panic", "dread", "delight", "thrill", "awkward",
    "humiliat", "lost", "warm", "tense", "uneasy", "ache", "bitter", "sorry",
    "treasur", "cherish", "admir", "trust", "attract", "ador", "fond", "yearn", "crav",
    "affection", "intima", "appreciat", "thankful", "belong", "valued", "inspir", "disgust",
    "cring", "repuls", "appal", "hate", "hatred", "shock", "stunn", "amaz", "awe", "bored",
    "confus", "overwhelm", "insecur", "vulnerab", "disappoint", "reject", "exclud",
    "homesick", "nostalg", "helpless", "powerless", "stress", "terrif", "fright", "mortif",
    "satisf", "bliss", "elat", "ecsta",
)
# Words that start with a stem above but say nothing about the inside of a moment.
FALSE_FRIENDS = frozenset({
    "happen", "happens", "happened", "happening", "learning", "meanwhile", "fondue", "adorn",
    "adorned", "trustee", "trustees", "cravat", "appalachian",
})
# "Think of a time..." asks to remember, not what you thought: it does not count.
_REMEMBER_INSTRUCTION = re.compile(r"(?:^|[.;:?!]\s+)think\s+(?:of|about|back)\b", re.IGNORECASE)

# A follow-up opening like these asks for facts, unless it also asks for a feeling or thought.
FACT_OPENINGS = re.compile(
    r"^\W*(?:who|whom|whose|where|when|what\s+(?:exactly|time|year|day|age|kind of)"
    r"|how\s+(?:old|long|many|much|often|far|soon)"
    r"|how\s+did\s+(?:it|that|the\s+\w+|everyone|they)\s+(?:end|finish|turn out|part)"
    r"|what\s+did\s+(?:they|he|she|you)\s+(?:do|say)\b\W*$)",
    re.IGNORECASE,
)
# Words that point a follow-up at the body or at meaning even without a feeling word.
INSIDE_WORDS = re.compile(r"\b(?:body|chest|stomach|throat|breath|shoulders|mind|inside|part of you)\b")
# A follow-up that asks how it was fixed or coped with moves away from the experience.
# The lookahead names the letters the words start with, so the search tries the words only
# there (2.5 times faster, the same matches).
FIXING = re.compile(
    r"\b(?=[cdfghms])"
    r"(?:helped|help(?:s)? (?:it|you)|fix(?:ed)?|solve[ds]?|cope[ds]?|coping|get through|got through"
    r"|get over|got over|deal with|dealt with|make it right|made it right|settle[ds]?)\b",
    re.IGNORECASE,
)

# What a problem names, said only when there is one (problems.yaml).
WHAT_PROMPT = Phrase("what_prompt")
WHAT_THE_FOLLOW_UP = Phrase("what_the_follow_up")

# fmt: on
# A piece of every way FIXING matches, lowercase: ASCII text holding none of them cannot match,
# and is not searched. (Other text is: IGNORECASE also matches 'ſ' for 's'.)
_FIXING_PIECES = re.compile("help|fix|solve|cop|get |got |deal|made it|make it|settle")
FEELINGS_FROM_LEVEL = 2

# The longest texts that fit on a card at the smallest text size the UI uses.
PROMPT_FITS = 170
FOLLOW_UP_FITS = 140
# A prompt is heard once and held in mind: at most this many words, and a deck's median
# prompt at most MEDIAN_PROMPT_WORDS.
PROMPT_MAX_WORDS = 30
MEDIAN_PROMPT_WORDS = 20

_FIRST_WORD = re.compile(r"[^\w]*([\w']+)")
_WORDS = re.compile(r"[a-z]+")

Warning = tuple[str, str]  # (message, hint)


def first_word(text: str) -> str:
    found = _FIRST_WORD.match(text)
    return found.group(1).lower() if found else ""


# A yes/no question that opens up at once ("Have you ever...? Why?", "Did it...? If so,
# what...", "...? Explain.") asks for the story after all: these endings let it pass.
OPENS_UP = re.compile(
    r"(?:\?\s*(?:and\s+|so\s+|if\s+(?:so|not|yes|no)\b,?\s*|tell\s+(?:us|me)\s+)?"
    r"|[,;.\u2013\u2014]\s*(?:and\s+)?if\s+(?:so|not|yes|no)\b,?\s*)"
    r"(?:why|what|how|which|tell|describe|explain|in\s+what\s+way)\b",
    re.IGNORECASE,
)
# An either/or question ("Would you rather cook or order in?", "Is it the smell or the
# sound?") asks to choose, not yes or no: its first question holds an "or" that is neither
# "or not" nor the third word ("Do you or your partner...?" is still yes or no).
EITHER_OR = re.compile(
    r"^\W*[\w']+\s+[\w']+\s+[^\s?]+\s+[^?]*?\bor\s+(?!not\b)[^?]*\?", re.IGNORECASE
)


def closed_question(text: str, what: str | Phrase) -> Warning | None:
    word = first_word(text)
    if word not in CLOSED_QUESTION_WORDS or OPENS_UP.search(text) or EITHER_OR.search(text):
        return None
    return (
        says("closed_question", what=what, word=f"'{text.split()[0]}'"),
        says("hint_closed_question"),
    )


# Each stem under its first letters: a word is compared with the few stems that start as it
# does, not with all of them (`str.startswith` with the whole tuple was most of the lint's time).
_STEM_START = min(len(stem) for stem in FEELING_STEMS)
_STEMS_BY_START: dict[str, tuple[str, ...]] = {}
for _stem_ in FEELING_STEMS:
    _STEMS_BY_START[_stem_[:_STEM_START]] = (*_STEMS_BY_START.get(_stem_[:_STEM_START], ()), _stem_)
del _stem_


def invites_feelings(text: str) -> bool:
    by_start = _STEMS_BY_START
    for word in _WORDS.findall(_without_remember(text)):
        stems = by_start.get(word[:_STEM_START])
        if stems is not None and word.startswith(stems) and word not in FALSE_FRIENDS:
            return True
    return False


def _without_remember(text: str) -> str:
    """`text` lowercase, with "think of/about/back" taken out. ASCII text without "think" has
    none to take out, and is not searched (other text is: IGNORECASE also matches 'ı' and
    'K' for 'i' and 'k')."""
    lower = text.lower()
    if text.isascii() and "think" not in lower:
        return lower
    return _REMEMBER_INSTRUCTION.sub(" ", text).lower()


# The stems above that name a thought rather than a feeling (tools/deck_stats.py counts the
# prompts that ask for a feeling in the prompt itself, and leaves these out).
THOUGHT_STEMS = ("think", "thought", "wonder", "mean", "realis", "realiz", "learn", "believ")


_ASKS_HOW_IT_FELT = re.compile(r"\b(?:feel|feels|felt|feeling|feelings|emotions?)\b", re.IGNORECASE)


def asks_for_feeling(text: str) -> bool:
    """Whether a prompt itself asks how it felt, in so many words ("what did you feel",
    "how did it feel"): the template a deck should not lean on, since the follow-ups and the
    game's marks ask it already. A prompt that names a feeling as its moment ("a time you
    were proud") is a moment, not this question."""
    return bool(_ASKS_HOW_IT_FELT.search(_REMEMBER_INSTRUCTION.sub(" ", text)))


def names_a_feeling(text: str) -> bool:
    """Whether a prompt holds any feeling word (a stem of FEELING_STEMS, not a thought one)."""
    text = _REMEMBER_INSTRUCTION.sub(" ", text).lower()
    stems = tuple(stem for stem in FEELING_STEMS if stem not in THOUGHT_STEMS)
    return any(
        word.startswith(stems) and word not in FALSE_FRIENDS for word in _WORDS.findall(text)
    )


def prompt_warnings(
    prompt: str, level: int | None, english: bool = True, language: str = "en"
) -> list[Warning]:
    """Warnings for a card's prompt; `level` None (the closing card) skips the feelings check.

    The word checks know only English: for a deck in another language only the length is checked.
    """
    found = []
    closed = closed_question(prompt, WHAT_PROMPT) if english else None
    if closed:
        found.append(closed)
    if (
        english
        and level is not None
        and level >= FEELINGS_FROM_LEVEL
        and not invites_feelings(prompt)
    ):
        found.append((says("no_feelings", level=level), says("hint_no_feelings")))
    if len(prompt) > PROMPT_FITS:
        found.append(_too_long(WHAT_PROMPT, len(prompt), PROMPT_FITS))
    length, unit = spoken_length(prompt, language)
    limit = length_limit(PROMPT_MAX_WORDS, language)
    if length > limit:
        found.append(
            (
                says(
                    "prompt_long_words" if unit == "words" else "prompt_long_characters",
                    count=length,
                    limit=limit,
                ),
                says("hint_prompt_long"),
            )
        )
    return found


# Languages written without spaces between words: a prompt's length is counted in
# characters there, about CHARACTERS_PER_WORD of them carrying what an English word does
# (measured on our Japanese translations: 15 English words came to 25-35 characters).
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
CHARACTERS_PER_WORD = 2


@functools.cache  # asked three times for each prompt of a deck, always of a few languages
def unspaced(language: str) -> bool:
    return language.split("-")[0].lower() in UNSPACED


def spoken_length(text: str, language: str = "en") -> tuple[int, str]:
    """How long a listener hears `text` to be, and in what: words, or characters in a
    language written without spaces (punctuation and spaces not counted)."""
    if unspaced(language):
        return sum(1 for char in text if char.isalnum()), "characters"
    return word_count(text), "words"


def length_limit(words: int, language: str = "en") -> int:
    """A limit given in English words, in the unit `spoken_length` counts for `language`."""
    return words * CHARACTERS_PER_WORD if unspaced(language) else words


def word_count(text: str) -> int:
    """Words as a listener hears them: the runs of text between spaces."""
    return len(text.split())


def follow_up_warnings(follow_up: str, english: bool = True) -> list[Warning]:
    found = []
    if english:
        closed = closed_question(follow_up, WHAT_THE_FOLLOW_UP)
        if closed:
            found.append(closed)
        facts = fact_only(follow_up)
        if facts:
            found.append(facts)
    if len(follow_up) > FOLLOW_UP_FITS:
        found.append(_too_long(WHAT_THE_FOLLOW_UP, len(follow_up), FOLLOW_UP_FITS))
    return found


def fact_only(follow_up: str) -> Warning | None:
    """A follow-up that asks for facts (who, where, how old...) or for how it was fixed."""
    if _may_fix(follow_up) and FIXING.search(follow_up):
        return (says("follow_up_fixing"), says("hint_follow_up_fixing"))
    if FACT_OPENINGS.search(follow_up) and not (
        invites_feelings(follow_up) or INSIDE_WORDS.search(follow_up.lower())
    ):
        return (says("follow_up_facts"), says("hint_follow_up_facts"))
    return None


def _may_fix(text: str) -> bool:
    """Whether FIXING may match `text` (False only where it cannot)."""
    if not text.isascii():
        return True
    return _FIXING_PIECES.search(text.lower()) is not None


def repeated_follow_ups(follow_ups: list[str]) -> list[int]:
    """Indexes of follow-ups identical (ignoring case) to an earlier one on the same card."""
    seen: set[str] = set()
    repeats = []
    for index, text in enumerate(follow_ups):
        key = text.casefold()
        if key in seen:
            repeats.append(index)
        seen.add(key)
    return repeats


def repeated_follow_up() -> Warning:
    return (says("follow_up_repeated"), says("hint_follow_up_repeated"))


def _too_long(what: str | Phrase, length: int, fits: int) -> Warning:
    return (says("may_not_fit", what=what, count=length), says("hint_keep_to", limit=fits))


# ------------------------------------------------------------ across cards

# A deck needs this many prompts before one opening word can be "too common".
OPENING_MIN_PROMPTS = 20
OPENING_SHARE = 0.15


def common_opening(prompts: list[str]) -> Warning | None:
    """The opening word used by more than 15% of a deck's prompts, if there is one."""
    if len(prompts) < OPENING_MIN_PROMPTS:
        return None
    counts: dict[str, int] = {}
    for prompt in prompts:
        word = first_word(prompt)
        counts[word] = counts.get(word, 0) + 1
    word, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if count <= OPENING_SHARE * len(prompts):
        return None
    return (
        says(
            "common_opening",
            word=f"'{word.capitalize()}'",
            opened=count,
            count=len(prompts),
            share=f"{100 * count / len(prompts):.0f}%",
            limit=f"{100 * OPENING_SHARE:.0f}%",
        ),
        says("hint_common_opening"),
    )


def _median(values: list[int]) -> float:
    """`statistics.median`, the same value (the middle one, or the mean of the two in the
    middle), without importing statistics, fractions and decimal into every game that
    reads a deck (0.45 MB in play, issue 27)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def long_median(prompts: list[str], language: str = "en") -> Warning | None:
    """A warning when the deck's median prompt is over MEDIAN_PROMPT_WORDS words (or their
    length in characters, in a language written without spaces)."""
    if not prompts:
        return None
    median = _median([spoken_length(prompt, language)[0] for prompt in prompts])
    limit = length_limit(MEDIAN_PROMPT_WORDS, language)
    if median <= limit:
        return None
    unit = spoken_length("", language)[1]
    return (
        says(
            "median_long_words" if unit == "words" else "median_long_characters",
            count=median,
            number=f"{median:g}",
            limit=limit,
        ),
        says("hint_median_long"),
    )


# fmt: off
# Words that carry no idea of their own in a prompt: grammar, and the frame every card shares
# ("tell about a time you felt...").
IDEA_STOPWORDS = frozenset(["a", "about", "after", "afterwards", "again", "all", "almost", "also", "an", "and", "any", "anyone", "anything", "are", "as", "at", "away", "back", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "during", "each", "even", "ever", "every", "everyone", "for", "from", "get", "gets", "getting", "go", "goes", "going", "got", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "last", "least", "let", "like", "little", "lot", "made", "make", "many", "me", "might", "moment", "moments", "more", "most", "much", "my", "never", "no", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "part", "really", "right", "said", "same", "say", "see", "set", "she", "should", "since", "so", "some", "someone", "something", "sometimes", "still", "such", "take", "tell", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing", "things", "this", "those", "time", "times", "to", "too", "until", "up", "us", "very", "was", "way", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "yet", "you", "your", "yours", "yourself", "describe", "recall", "remember", "share", "think", "thought", "thoughts", "feel", "feeling", "feelings", "felt", "story", "scene", "name", "pick", "walk", "bring", "picture", "talk", "whole", "mind", "first", "ago", "through", "went", "go", "gone", "day", "days", "week", "weeks", "year", "years", "life", "people", "person", "place", "places", "hard", "found", "find", "need", "needed", "come", "came", "left", "didn", "didnt", "don", "dont", "youve", "ive", "youd", "youre", "isn", "wasn", "couldn", "wouldn", "happen", "happened", "happens", "notice", "noticed", "noticing", "know", "knew", "known", "truly", "quite", "ever", "already", "another", "anybody", "somebody", "everybody", "around", "inside", "outside", "whatever", "today", "tonight", "lately", "recently", "long"])
# fmt: on
_IRREGULAR = {
    "grew": "grow",
    "grown": "grow",
    "knew": "know",
    "known": "know",
    "laughter": "laugh",
    "kindness": "kind",
    "kindly": "kind",
    "strangers": "stranger",
    "nobody": "stranger",
    "children": "child",
    "childhood": "child",
    "kid": "child",
    "kids": "child",
    "cried": "cry",
    "tears": "cry",
    "bought": "buy",
    "lonely": "alone",
    "loneliness": "alone",
    "outsider": "alone",
    "isolated": "alone",
    "unfamiliar": "stranger",
    "unknown": "stranger",
    "laughing": "laugh",
    "laughed": "laugh",
    "giggle": "laugh",
    "giggling": "laugh",
    "cash": "money",
    "broke": "money",
    "afford": "money",
    "pay": "money",
    "paid": "money",
    "salary": "money",
    "debt": "money",
    "savings": "money",
    "spent": "spend",
    "spending": "spend",
    "worry": "worr",
    "worried": "worr",
    "worries": "worr",
    "worrying": "worr",
    "parents": "parent",
    "mother": "parent",
    "father": "parent",
    "mum": "parent",
    "dad": "parent",
    "carer": "parent",
    "carers": "parent",
    "raised": "parent",
    "jealousy": "jealous",
    "envious": "jealous",
    "envy": "jealous",
    "proudest": "proud",
    "pride": "proud",
    "wedding": "party",
    "parties": "party",
    "gathering": "party",
    "celebration": "party",
}
_SUFFIXES = ("ing", "ness", "ed", "ly", "es", "s")


def _stem(word: str) -> str:
    word = word.removesuffix("'s").replace("'", "")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in _SUFFIXES:
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def idea_words(text: str) -> frozenset[str]:
    """The words of a prompt that carry its idea, roughly stemmed ("laughed" and "laughing" meet)."""
    words = re.findall(r"[a-z']+", text.lower())
    return frozenset(
        stem
        for stem in (_stem(w) for w in words if w not in IDEA_STOPWORDS)
        if len(stem) > 2 and stem not in IDEA_STOPWORDS
    )


# Two prompts share an idea when at least this many idea words meet, and for one of the two
# they carry at least this share of its words' weight and weigh at least as much as a word
# only one prompt of its deck uses. Each word weighs its inverse document frequency in the
# prompt's own deck, ln((N + 1) / df) for N prompts of which df use it, so a word the deck
# uses on many cards ("family" in a family deck, its stock phrasing) weighs little and two
# prompts must share more than the deck's theme.
SHARED_WORDS = 2
SHARED_SHARE = 0.5
# A word in more prompts than this is too common to suggest a pair by itself (keeps a
# 10,000-card deck fast); it still counts once a pair is suggested by rarer words.
_COMMON_POSTINGS = 200


def surface_words(text: str, stems: tuple[str, ...]) -> tuple[str, ...]:
    """The words of `text` behind each stem, as written (so a message says "worried", not "worr")."""
    written: dict[str, str] = {}
    for word in re.findall(r"[a-z']+", text.lower()):
        written.setdefault(_stem(word), word)
    return tuple(written.get(stem, stem) for stem in stems)


def idea_weights(words: list[frozenset[str]]) -> dict[str, float]:
    """Each idea word's weight in one deck's prompts: ln((N + 1) / df)."""
    df: dict[str, int] = {}
    for found in words:
        for word in found:
            df[word] = df.get(word, 0) + 1
    return {word: math.log((len(words) + 1) / count) for word, count in df.items()}


def near_duplicates(
    texts: list[str], decks: Sequence[Hashable] | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Pairs of prompts (indexes, i < j) that seem to share one idea, with the words they share.

    `decks` names each prompt's deck (default: all in one), whose prompts weigh its words.
    """
    words = [idea_words(text) for text in texts]
    decks = decks if decks is not None else [0] * len(texts)
    by_deck: dict[Hashable, list[int]] = {}
    for index, deck in enumerate(decks):
        by_deck.setdefault(deck, []).append(index)
    weights: dict[Hashable, dict[str, float]] = {
        deck: idea_weights([words[i] for i in indexes]) for deck, indexes in by_deck.items()
    }
    # The weight of a word only one prompt of the deck uses.
    rarest = {deck: math.log(len(indexes) + 1) for deck, indexes in by_deck.items()}
    postings: dict[str, list[int]] = {}
    for index, found in enumerate(words):
        for word in found:
            postings.setdefault(word, []).append(index)
    candidates: set[tuple[int, int]] = set()
    for indexes in postings.values():
        if len(indexes) > _COMMON_POSTINGS:
            continue
        for n, i in enumerate(indexes):
            for j in indexes[n + 1 :]:
                candidates.add((i, j))
    pairs = []
    for i, j in sorted(candidates):
        shared = words[i] & words[j]
        if len(shared) < SHARED_WORDS:
            continue
        if any(_carries(shared, words[k], weights[decks[k]], rarest[decks[k]]) for k in (i, j)):
            pairs.append((i, j, tuple(sorted(shared))))
    return pairs


def _carries(
    shared: frozenset[str], words: frozenset[str], weights: dict[str, float], rarest: float
) -> bool:
    """Whether the shared words carry a prompt's idea: at least SHARED_SHARE of its words'
    weight, and at least the weight of a word only one prompt of its deck uses."""
    total = sum(weights[word] for word in words)
    carried = sum(weights[word] for word in shared)
    return total > 0 and carried >= SHARED_SHARE * total and carried >= rarest - 1e-9
