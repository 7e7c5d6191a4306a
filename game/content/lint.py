"""Warnings for deck authors: cards that load fine but may not work at the table.

These are the checks the content writers were given, word for word; the word lists are data
and live only here. Each function returns (message, hint) pairs; the deck loader adds positions.
"""

from __future__ import annotations

import re

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
    "touch", "joy", "worr", "long", "relie", "believ", "surpris", "happ", "cry", "cried",
    "laugh", "embarrass", "nervous", "excit", "safe", "comfort", "envy", "jealous", "guilt",
    "upset", "calm", "peace", "alone", "brave", "courage",
)
# fmt: on
FEELINGS_FROM_LEVEL = 2

# The longest texts that fit on a card at the smallest text size the UI uses.
PROMPT_FITS = 170
FOLLOW_UP_FITS = 140

_FIRST_WORD = re.compile(r"[^\w]*([\w']+)")
_WORDS = re.compile(r"[a-z]+")

Warning = tuple[str, str]  # (message, hint)


def first_word(text: str) -> str:
    found = _FIRST_WORD.match(text)
    return found.group(1).lower() if found else ""


def closed_question(text: str, what: str) -> Warning | None:
    word = first_word(text)
    if word not in CLOSED_QUESTION_WORDS:
        return None
    return (
        f"{what} starts with '{text.split()[0]}', so it reads as a yes/no question",
        "open it up: 'What...', 'How...', 'Tell about a time...'",
    )


def invites_feelings(text: str) -> bool:
    return any(word.startswith(FEELING_STEMS) for word in _WORDS.findall(text.lower()))


def prompt_warnings(prompt: str, level: int | None) -> list[Warning]:
    """Warnings for a card's prompt; `level` None (the closing card) skips the feelings check."""
    found = []
    closed = closed_question(prompt, "the prompt")
    if closed:
        found.append(closed)
    if level is not None and level >= FEELINGS_FROM_LEVEL and not invites_feelings(prompt):
        found.append(
            (
                f"the prompt at level {level} does not invite feelings or thoughts",
                "ask what they felt or thought, e.g. 'How did you feel when...'",
            )
        )
    if len(prompt) > PROMPT_FITS:
        found.append(_too_long("the prompt", len(prompt), PROMPT_FITS))
    return found


def follow_up_warnings(follow_up: str) -> list[Warning]:
    found = []
    closed = closed_question(follow_up, "the follow-up")
    if closed:
        found.append(closed)
    if len(follow_up) > FOLLOW_UP_FITS:
        found.append(_too_long("the follow-up", len(follow_up), FOLLOW_UP_FITS))
    return found


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


REPEATED_FOLLOW_UP: Warning = (
    "this follow-up repeats an earlier one on the same card",
    "remove it or ask something new",
)


def _too_long(what: str, length: int, fits: int) -> Warning:
    return (
        f"{what} is {length} characters and may not fit on a card at the smallest text size",
        f"keep it to {fits}",
    )
