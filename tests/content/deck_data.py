"""Decks as data for tests: Hypothesis strategies for valid decks, and a writer that turns a Deck into YAML."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

from game.core.cards import Card, Deck, Level, Mode, WildEffect
from game.core.rules import AWARD_ORDER, LevelPace, Rules, Scoring

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
            finish=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(1, 4)))
    )


@st.composite
def inline_rules(draw: st.DrawFn) -> Rules:
    """A deck's own rules (format 1.1), as the loader builds them from every preset key."""
    scoring = draw(st.sampled_from(list(Scoring)))
    return Rules(
        id=draw(slugs),
        name=draw(texts(40).filter(lambda s: "\n" not in s)),
        points={kind: draw(st.integers(0, 100)) for kind in AWARD_ORDER},
        passes_per_player=draw(st.integers(0, 20)),
        rounds=draw(st.one_of(st.none(), st.integers(1, 100))),
        level_pace=draw(st.sampled_from(list(LevelPace))),
        scoring=scoring,
        goal=draw(st.integers(1, 1000)) if scoring is Scoring.TOGETHER else None,
        closing_card=draw(st.booleans()),
        share_seconds=draw(st.integers(0, 3600)),
        respond_seconds=draw(st.integers(0, 3600)),
        modes=tuple(
            m.value for m in draw(st.lists(st.sampled_from(list(Mode)), min_size=1, unique=True))
        ),
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
            if effect is WildEffect.ACTION:  # an action card is its text, and may time it
                timer = draw(st.one_of(st.none(), st.integers(0, 3600)))
                text = draw(texts(100))
            else:
                timer, text = None, draw(st.one_of(st.just(""), texts(100)))
            cards.append(Card(id=ids[index], level=level, wild=effect, text=text, timer=timer))
            continue
        tags = draw(st.lists(st.sampled_from(tag_names), unique=True)) if tag_names else []
        everyone = draw(st.booleans())
        cards.append(
            Card(
                id=ids[index],
                prompt=draw(texts(300)),
                level=level,
                follow_ups=tuple(draw(st.lists(texts(60), max_size=3))),
                tags=tuple(tags),
                everyone=everyone,
                timer=draw(st.one_of(st.none(), st.integers(0, 3600))),
                answered_by_next=not everyone and draw(st.booleans()),
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
            timer=draw(st.one_of(st.none(), st.integers(0, 3600))),
        )
    rules = draw(st.one_of(st.none(), inline_rules()))
    preset = "" if rules else draw(st.sampled_from(["", "classic", "gathering", "together"]))
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
        preset=preset,
        topics=tuple((tag, draw(texts(80))) for tag in topic_tags),
        closing=closing,
        fixed_order=draw(st.booleans()),
        rules=rules,
    )


def uses_format_1_1(deck: Deck) -> bool:
    cards = (*deck.cards, *((deck.closing,) if deck.closing else ()))
    return (
        deck.fixed_order
        or deck.rules is not None
        or any(level.finish for level in deck.levels)
        or any(c.timer is not None or c.answered_by_next or c.is_action for c in cards)
    )


def deck_to_plain(deck: Deck) -> dict[str, Any]:
    """The deck as the plain data of a deck file, leaving out what the format defaults."""
    version = 1.1 if uses_format_1_1(deck) else 1
    plain: dict[str, Any] = {"format": version, "id": deck.id, "name": deck.name}
    if deck.fixed_order:
        plain["order"] = "fixed"
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
        if deck.closing.timer is not None:
            closing["timer"] = deck.closing.timer
        plain["closing"] = closing
    if deck.rules is not None:
        plain["rules"] = _rules(deck.rules)
    return plain


def _rules(rules: Rules) -> dict[str, Any]:
    plain: dict[str, Any] = {
        "id": rules.id,
        "name": rules.name,
        "modes": list(rules.modes),
        "points": {kind.value: rules.points_for(kind) for kind in AWARD_ORDER},
        "passes": rules.passes_per_player,
        "levels": {"pace": rules.level_pace.value},
        "scoring": rules.scoring.value,
        "closing_card": rules.closing_card,
        "timers": {"share_seconds": rules.share_seconds, "respond_seconds": rules.respond_seconds},
    }
    if rules.rounds is not None:
        plain["rounds"] = rules.rounds
    if rules.goal is not None:
        plain["goal"] = rules.goal
    return plain


def _level(level: Level) -> dict[str, Any]:
    plain: dict[str, Any] = {"name": level.name}
    if level.description:
        plain["description"] = level.description
    if level.minutes is not None:
        plain["minutes"] = level.minutes
    if level.finish:
        plain["pace"] = "finish"
    return plain


def _card(card: Card) -> dict[str, Any]:
    if card.wild is not None:
        wild: dict[str, Any] = {"id": card.id, "wild": card.wild.value, "level": card.level}
        if card.text:
            wild["text"] = card.text
        if card.timer is not None:
            wild["timer"] = card.timer
        return wild
    plain: dict[str, Any] = {"id": card.id, "prompt": card.prompt, "level": card.level}
    if card.follow_ups:
        plain["follow_ups"] = list(card.follow_ups)
    if card.tags:
        plain["tags"] = list(card.tags)
    if card.everyone:
        plain["everyone"] = True
    if card.timer is not None:
        plain["timer"] = card.timer
    if card.answered_by_next:
        plain["answered_by"] = "next"
    return plain


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out in full: deck files may not use anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(plain: Any, **style: Any) -> str:
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, **style}
    return yaml.dump(plain, Dumper=_PlainDumper, **options)
