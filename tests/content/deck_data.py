"""Decks as data for tests: Hypothesis strategies for valid decks, and a writer that turns a Deck into YAML."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

from game.core.cards import Card, Deck, Level, Mode, WildEffect

# Letters, marks, digits, punctuation, symbols and spaces from any script: no control
# characters and no line separators, which are not what a card's text is made of.
TEXT_ALPHABET = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
SLUG = r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}"


def texts(max_size: int) -> st.SearchStrategy[str]:
    """Non-empty text that is already trimmed, as the loader stores it."""
    return st.text(TEXT_ALPHABET, min_size=1, max_size=max_size).filter(
        lambda text: text == text.strip() and bool(text)
    )


slugs = st.from_regex(SLUG, fullmatch=True)


@st.composite
def levels(draw: st.DrawFn) -> tuple[Level, ...]:
    return tuple(
        Level(
            name=draw(texts(40)),
            description=draw(st.one_of(st.just(""), texts(120))),
            minutes=draw(st.one_of(st.none(), st.integers(1, 600))),
        )
        for _ in range(draw(st.integers(1, 4)))
    )


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    deck_levels = draw(levels())
    count = draw(st.integers(1, 8))
    ids = draw(st.lists(slugs, min_size=count + 1, max_size=count + 1, unique=True))
    tag_names = draw(st.lists(slugs.filter(lambda s: len(s) <= 40), max_size=5, unique=True))
    cards = []
    for index in range(count):
        level = draw(st.integers(1, len(deck_levels)))
        if index > 0 and draw(st.booleans()) and draw(st.booleans()):
            effect = draw(st.sampled_from(list(WildEffect)))
            text = draw(st.one_of(st.just(""), texts(100)))
            cards.append(Card(id=ids[index], level=level, wild=effect, text=text))
            continue
        tags = draw(st.lists(st.sampled_from(tag_names), unique=True)) if tag_names else []
        cards.append(
            Card(
                id=ids[index],
                prompt=draw(texts(300)),
                level=level,
                follow_ups=tuple(draw(st.lists(texts(60), max_size=3))),
                tags=tuple(tags),
                everyone=draw(st.booleans()),
            )
        )
    used = sorted({tag for card in cards for tag in card.tags})
    topic_tags = draw(st.lists(st.sampled_from(used), unique=True)) if used else []
    closing = None
    if draw(st.booleans()):
        closing = Card(
            id=ids[count],
            prompt=draw(texts(200)),
            follow_ups=tuple(draw(st.lists(texts(60), max_size=2))),
            everyone=True,
        )
    return Deck(
        id=draw(slugs),
        name=draw(texts(60).filter(lambda s: "\n" not in s)),
        cards=tuple(cards),
        levels=deck_levels,
        description=draw(st.one_of(st.just(""), texts(200))),
        language=draw(st.sampled_from(["en", "pt-BR", "el", "zh-Hant", "de-CH-1996"])),
        modes=tuple(draw(st.lists(st.sampled_from(list(Mode)), min_size=1, unique=True))),
        author=draw(st.one_of(st.just(""), texts(80))),
        license=draw(st.sampled_from(["", "CC-BY-4.0", "CC0-1.0"])),
        preset=draw(st.sampled_from(["", "classic", "gathering", "together"])),
        topics=tuple((tag, draw(texts(80))) for tag in topic_tags),
        closing=closing,
    )


def deck_to_plain(deck: Deck) -> dict[str, Any]:
    """The deck as the plain data of a deck file, leaving out what the format defaults."""
    plain: dict[str, Any] = {"format": 1, "id": deck.id, "name": deck.name}
    for key in ("description", "author", "license", "preset"):
        if getattr(deck, key):
            plain[key] = getattr(deck, key)
    plain["language"] = deck.language
    plain["modes"] = [mode.value for mode in deck.modes]
    if deck.topics:
        plain["topics"] = dict(deck.topics)
    plain["levels"] = [_level(level) for level in deck.levels]
    plain["cards"] = [_card(card) for card in deck.cards]
    if deck.closing is not None:
        closing: dict[str, Any] = {"id": deck.closing.id, "prompt": deck.closing.prompt}
        if deck.closing.follow_ups:
            closing["follow_ups"] = list(deck.closing.follow_ups)
        plain["closing"] = closing
    return plain


def _level(level: Level) -> dict[str, Any]:
    plain: dict[str, Any] = {"name": level.name}
    if level.description:
        plain["description"] = level.description
    if level.minutes is not None:
        plain["minutes"] = level.minutes
    return plain


def _card(card: Card) -> dict[str, Any]:
    if card.wild is not None:
        wild: dict[str, Any] = {"id": card.id, "wild": card.wild.value, "level": card.level}
        if card.text:
            wild["text"] = card.text
        return wild
    plain: dict[str, Any] = {"id": card.id, "prompt": card.prompt, "level": card.level}
    if card.follow_ups:
        plain["follow_ups"] = list(card.follow_ups)
    if card.tags:
        plain["tags"] = list(card.tags)
    if card.everyone:
        plain["everyone"] = True
    return plain


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out in full: deck files may not use anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(plain: Any, **style: Any) -> str:
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, **style}
    return yaml.dump(plain, Dumper=_PlainDumper, **options)
