"""Numbers about how a deck's cards sound, against the targets of shared/CONTENT.md.

    python tools/deck_stats.py decks/*.yaml

For each deck: its prompts (prompt cards, not wild cards or the closing card), the median and
longest prompt in words, the share of prompts that ask for a feeling in the prompt itself (in
so many words: feel, felt, feeling, emotion; `lint.asks_for_feeling`), and beside it the share
that name any feeling word at all (the checker's feeling stems, as "a time you were proud"
does; shown, not judged), the most common first two words, the share opening
with a remember verb, the action cards (`wild: action`), and the pairs of follow-ups alike in
wording on two different cards (difflib ratio >= 0.85 ignoring case, as `inkind check`).
Then the same pairs across the decks given, deck against deck in one language (a group that
plays two decks hears both; `inkind check` looks only inside a deck).

Exit status 0 when every deck meets every target, 1 when one misses, 2 for a deck that does
not load (its errors are printed).
"""

from __future__ import annotations

import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from game.content import lint  # noqa: E402
from game.content.decks import load_deck  # noqa: E402
from game.content.similar import alike_pairs  # noqa: E402
from game.core.cards import Deck, WildEffect  # noqa: E402

MEDIAN_WORDS = 15
MAX_WORDS = 30
FEELING_SHARE = 0.50
OPENING_SHARE = 0.08
REMEMBER_SHARE = 0.10
ACTION_CARDS = 3
REMEMBER = re.compile(
    r"\W*(?:bring\s+back|go\s+back|picture|remember|think\s+back|recall|look\s+back)\b",
    re.IGNORECASE,
)
TOP_OPENINGS = 3


def first_two_words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower())[:2])


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def deck_report(deck: Deck) -> tuple[list[str], list[str]]:
    """The lines about one deck, and the targets it misses."""
    prompts = [card for card in deck.cards if not card.is_wild and card.prompt]
    texts = [card.prompt for card in prompts]
    words = [lint.word_count(text) for text in texts]
    count = len(texts)
    median = statistics.median(words) if words else 0
    longest = max(words, default=0)
    over = sum(1 for n in words if n > MAX_WORDS)
    feelings = sum(1 for text in texts if lint.asks_for_feeling(text))
    named = sum(1 for text in texts if lint.names_a_feeling(text))
    openings = Counter(first_two_words(text) for text in texts).most_common()
    remember = sum(1 for text in texts if REMEMBER.match(text))
    actions = sum(1 for card in deck.cards if card.wild is WildEffect.ACTION)
    follow_ups = [
        (card.id, f"{card.id} (follow-up {n})", text)
        for card in prompts
        for n, text in enumerate(card.follow_ups, start=1)
    ]
    pairs = alike_pairs([text for *_, text in follow_ups], [card for card, *_ in follow_ups])
    top = ", ".join(
        f'"{words_}" {percent(n, count)} ({n})' for words_, n in openings[:TOP_OPENINGS]
    )
    lines = [
        f"  prompts: {count}   median words: {median:g}   max words: {longest}"
        f"   over {MAX_WORDS} words: {over}",
        f"  ask for a feeling in the prompt: {percent(feelings, count)} ({feelings});"
        f" name a feeling word: {percent(named, count)}",
        f"  top first two words: {top}",
        f"  open with a remember verb: {percent(remember, count)} ({remember})",
        f"  action cards: {actions}",
        f"  similar follow-up pairs: {len(pairs)}",
        *(f"    {follow_ups[i][1]} ~ {follow_ups[j][1]}" for i, j in pairs),
    ]
    missed = []
    if median > MEDIAN_WORDS:
        missed.append(f"median words {median:g} > {MEDIAN_WORDS}")
    if over:
        missed.append(f"{over} prompt{'' if over == 1 else 's'} over {MAX_WORDS} words")
    if count and feelings > FEELING_SHARE * count:
        missed.append(f"feeling asks {percent(feelings, count)} > {FEELING_SHARE:.0%}")
    if openings and count and openings[0][1] > OPENING_SHARE * count:
        missed.append(
            f'"{openings[0][0]}" opens {percent(openings[0][1], count)} > {OPENING_SHARE:.0%}'
        )
    if count and remember > REMEMBER_SHARE * count:
        missed.append(f"remember verbs open {percent(remember, count)} > {REMEMBER_SHARE:.0%}")
    if actions < ACTION_CARDS:
        missed.append(f"action cards {actions} < {ACTION_CARDS}")
    if pairs:
        missed.append(f"similar follow-up pairs {len(pairs)} > 0")
    return lines, missed


def across_decks(decks: list[Deck]) -> list[str]:
    """Follow-ups alike in wording on cards of two different decks of one language."""
    lines = []
    for language in sorted({deck.language for deck in decks}):
        follow_ups = [
            ((deck.id, card.id), f"{deck.id}/{card.id}", text)
            for deck in decks
            if deck.language == language
            for card in deck.cards
            if not card.is_wild and card.prompt
            for text in card.follow_ups
        ]
        pairs = alike_pairs([text for *_, text in follow_ups], [key for key, *_ in follow_ups])
        pairs = [(i, j) for i, j in pairs if follow_ups[i][0][0] != follow_ups[j][0][0]]
        lines += [f"  {language}: {len(pairs)}"]
        lines += [
            f'    {follow_ups[i][1]} ~ {follow_ups[j][1]}: "{follow_ups[i][2]}"' for i, j in pairs
        ]
    return lines


def main(argv: Sequence[str]) -> int:
    if not argv:
        print("usage: python tools/deck_stats.py DECK.yaml ...", file=sys.stderr)
        return 2
    status = 0
    loaded = []
    for path in argv:
        result = load_deck(path)
        if result.deck is None:
            print(f"{path}: does not load:")
            for problem in result.errors:
                print(f"  {problem.format()}")
            status = 2
            continue
        loaded.append(result.deck)
        lines, missed = deck_report(result.deck)
        print(f"{path} ({result.deck.id})")
        print("\n".join(lines))
        print(f"  targets missed: {'; '.join(missed)}" if missed else "  targets: all met")
        if missed and status == 0:
            status = 1
    if len(loaded) > 1:
        lines = across_decks(loaded)
        print("similar follow-up pairs across decks, by language:")
        print("\n".join(lines))
        totals = [line for line in lines if not line.startswith("    ")]
        if any(not line.endswith(": 0") for line in totals):
            print("  targets missed: follow-ups alike across decks")
            if status == 0:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
