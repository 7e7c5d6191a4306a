"""The cards of a deck file: prompt cards, wild cards and the closing card, each checked
and built, every problem reported with its line and column (the deck itself: decks.py)."""

from __future__ import annotations

from collections.abc import Collection

import attrs
from yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content import lint
from game.content.node_reader import MAX_DIGITS, SLUG, NodeReader, What, position, slugify
from game.content.problems import Phrase, quote, says
from game.content.yamlsafe import INT_TAG, STR_TAG, lean
from game.core.cards import Card, Level, WildEffect

FORMAT_1_1 = "1.1"  # YAML reads `format: 1.1` as a decimal number; compared as written
MAX_TIMER = 3600  # a card's own timer, as the rules' timers: an hour at most
MAX_CARDS = 20_000
MAX_PROMPT = 300
MAX_FOLLOW_UP = 300
MAX_ID = 64  # a card id: `NodeReader.slug`'s default
MAX_TAG = 40
CLOSING_ID = "closing"
WILD_EFFECTS = tuple(effect.value for effect in WildEffect)
ANSWERED_BY = ("next",)

PROMPT_CARD_KEYS = (
    "prompt",
    "id",
    "level",
    "follow_ups",
    "tags",
    "everyone",
    "timer",
    "answered_by",
)

# What a problem names, said only when there is one (problems.yaml).
WHAT_CARD = Phrase("what_card")
WHAT_CARD_ID = Phrase("what_card_id")
WHAT_CLOSING_CARD = Phrase("what_closing_card")
WHAT_FOLLOW_UP = Phrase("what_follow_up")
WHAT_PROMPT = Phrase("what_prompt")
WHAT_TAG = Phrase("what_tag")
WHAT_WILD_CARD = Phrase("what_wild_card")
WHAT_WILD_EFFECT = Phrase("what_wild_effect")
WHAT_WILD_TEXT = Phrase("what_wild_text")

WILD_CARD_KEYS = ("wild", "text", "level", "id", "timer")
CLOSING_KEYS = ("prompt", "id", "follow_ups", "timer")


WRITE_AS_PROMPT = Phrase("hint_write_as_prompt")
# Keys a card may not have: the message names the key, the hint says what to do (Phrases:
# said only when a deck has one, so reading a deck reads no problems.yaml).
_ON_PROMPT_CARD = {"text": (Phrase("text_only_wild"), Phrase("hint_text_only_wild"))}
_ON_WILD_CARD = {
    key: (Phrase("not_on_wild_card", key=f"'{key}'"), hint)
    for key, hint in (
        ("prompt", Phrase("hint_wild_prompt")),
        ("follow_ups", Phrase("hint_remove_them")),
        ("tags", Phrase("hint_remove_them")),
        ("everyone", Phrase("hint_wild_everyone")),
        ("answered_by", Phrase("hint_wild_answered_by")),
    )
}
_ON_CLOSING_CARD = {
    key: (Phrase("not_on_closing_card", key=f"'{key}'"), hint)
    for key, hint in (
        ("text", Phrase("hint_closing_text")),
        ("level", Phrase("hint_closing_level")),
        ("tags", Phrase("hint_closing_tags")),
        ("everyone", Phrase("hint_closing_everyone")),
        ("wild", Phrase("hint_closing_wild")),
        ("answered_by", Phrase("hint_closing_answered_by")),
    )
}


@attrs.frozen
class CardMarks:
    """1-based (line, column) of a prompt card's prompt and of each of its follow-ups."""

    prompt: tuple[int | None, int | None]
    follow_ups: tuple[tuple[int | None, int | None], ...]


# Where a plain card's prompt and follow-ups are: their nodes, read for the marks once
# every card is read.
_Where = tuple[Node, list[Node]]


class CardReader:
    """Reads a deck's cards; the deck's reader (decks.py) holds what they share."""

    r: NodeReader
    used_tags: set[str]
    english: bool  # the word checks in lint.py know only English
    deck_language: str  # lengths are counted in characters where words have no spaces
    format: str  # as the deck says: '1' holds it to format 1's keys
    marks: dict[str, CardMarks]

    def optional_text(
        self,
        keys: dict[str, Node],
        key: str,
        what: What,
        max_length: int,
        single_line: bool = False,
    ) -> str:
        if key not in keys:
            return ""
        return self.r.text(keys[key], what, max_length, single_line) or ""

    def needs_1_1(self, node: Node, what: What) -> bool:
        """Whether a format 1.1 key may be used here; if not, says to write `format: 1.1`."""
        if self.format == FORMAT_1_1:
            return True
        self.r.error(node, says("needs_format_1_1", what=what), says("hint_needs_format_1_1"))
        return False

    # ------------------------------------------------------------ cards

    def cards(self, node: Node, levels: tuple[Level, ...] | None) -> tuple[Card, ...]:
        items = self.r.items(node, "'cards'")
        if items is None:
            return ()
        if len(items) > MAX_CARDS:
            self.r.error(
                node,
                says(
                    "too_many_cards",
                    count=len(items),
                    number=f"{len(items):,}",
                    limit=f"{MAX_CARDS:,}",
                ),
            )
            return ()
        level_count = len(levels) if levels is not None else None
        explicit_ids: dict[str, int] = {}
        kept: list[tuple[Node, Card, _Where | None]] = []
        for item in items:
            plain = self.plain_card(item, level_count, explicit_ids)
            if plain is not None:
                kept.append((item, plain[0], plain[1:]))
                continue
            item = lean(item)  # the nodes the general checks read
            card = self.card(item, level_count, explicit_ids)
            if card is not None:
                kept.append((item, card, None))
        cards = _with_ids([card for _, card, _ in kept], set(explicit_ids))
        # The marks are made here, once every card is: made with each card, they sat among
        # the cards in the heap and kept it when the marks went (2.5 MB more in play).
        for (item, _, where), card in zip(kept, cards, strict=True):
            if card.is_wild:
                continue
            if where is None:
                self.marks[card.id] = _card_marks(item)
            else:
                prompt_node, follow_items = where
                follow_ups = tuple([position(item) for item in follow_items])
                self.marks[card.id] = CardMarks(position(prompt_node), follow_ups)
        # A prompt that was wrong (empty here) has no opening word or length to count.
        prompts = [c.prompt for c in cards if not c.is_wild and c.prompt]
        if self.english:
            opening = lint.common_opening(prompts)
            if opening:
                self.r.warn(node, *opening)
        median = lint.long_median(prompts, self.deck_language)
        if median:
            self.r.warn(node, *median)
        if all(card.is_wild for card in cards):
            self.r.error(node, says("only_wild_cards"), says("hint_only_wild_cards"))
        return cards

    def plain_card(
        self, node: Node, level_count: int | None, explicit_ids: dict[str, int]
    ) -> tuple[Card, Node, list[Node]] | None:
        """A prompt card with nothing to say about its keys or values, and where its prompt
        and follow-ups are: its keys among 'prompt' (which it has), 'id', 'level',
        'follow_ups' and 'tags', each once, each value right as it is (its lint warnings are
        given as `card` gives them). None, having done nothing, for any other card, which
        `card` then reads and reports. Issue 27: most of a big deck's cards are these, and
        reading them through the general checks was a third of its load."""
        if node.__class__ not in _MAPPINGS:
            return None
        prompt_node: Node | None = None
        id_node: Node | None = None
        level_node: Node | None = None
        follow_node: Node | None = None
        tags_node: Node | None = None
        for key_node, value_node in node.value:
            if key_node.__class__ not in _SCALARS:
                return None
            key = key_node.value
            if key == "prompt" and prompt_node is None:
                prompt_node = value_node
            elif key == "id" and id_node is None:
                id_node = value_node
            elif key == "level" and level_node is None:
                level_node = value_node
            elif key == "follow_ups" and follow_node is None:
                follow_node = value_node
            elif key == "tags" and tags_node is None:
                tags_node = value_node
            else:
                return None  # another key, or one written twice
        prompt = _plain_text(prompt_node, MAX_PROMPT)
        if prompt is None or prompt_node is None:
            return None
        card_id = ""
        if id_node is not None:
            card_id = _plain_text(id_node, MAX_ID) or ""
            if not SLUG.match(card_id) or card_id in explicit_ids:
                return None
        level = 1
        if level_node is not None:
            written = level_node.value
            if not (
                level_node.__class__ in _SCALARS
                and level_node.tag == INT_TAG
                and written.isascii()
                and written.isdigit()  # 1 or more, no sign, no 0x, no '_' (no leading 0 below)
                and written[0] != "0"
                and len(written) <= MAX_DIGITS
            ):
                return None
            level = int(written)
            if level_count is not None and level > level_count:
                return None
        follow_ups: list[str] = []
        follow_items: list[Node] = []
        if follow_node is not None:
            if follow_node.__class__ not in _SEQUENCES or not follow_node.value:
                return None
            follow_items = follow_node.value
            for item in follow_items:
                text = _plain_text(item, MAX_FOLLOW_UP)
                if text is None:
                    return None
                follow_ups.append(text)
        tags: list[str] = []
        if tags_node is not None:
            if tags_node.__class__ not in _SEQUENCES or not tags_node.value:
                return None
            for item in tags_node.value:
                tag = _plain_text(item, MAX_TAG)
                if tag is None or not SLUG.match(tag) or tag in tags:
                    return None
                tags.append(tag)
        # Nothing wrong: what `card` would do, in its order.
        if id_node is not None:
            explicit_ids[card_id] = id_node.start_mark.line + 1
        r, english = self.r, self.english
        for message, hint in lint.prompt_warnings(prompt, level, english, self.deck_language):
            r.warn(prompt_node, message, hint)
        for item, text in zip(follow_items, follow_ups, strict=True):
            for message, hint in lint.follow_up_warnings(text, english):
                r.warn(item, message, hint)
        for index in lint.repeated_follow_ups(follow_ups):
            r.warn(follow_items[index], *lint.repeated_follow_up())
        self.used_tags.update(tags)
        card = Card(
            id=r.keep(card_id),
            prompt=r.keep(prompt),
            level=level,
            follow_ups=tuple([r.keep(text) for text in follow_ups]),
            tags=r.keep_all(tags),
        )
        return card, prompt_node, follow_items

    def card(
        self, node: Node, level_count: int | None, explicit_ids: dict[str, int]
    ) -> Card | None:
        is_wild = isinstance(node, MappingNode) and any(k.value == "wild" for k, _ in node.value)
        if is_wild:
            keys = self.r.mapping(node, WHAT_WILD_CARD, WILD_CARD_KEYS, ("wild",), _ON_WILD_CARD)
        else:
            keys = self.r.mapping(
                node,
                WHAT_CARD,
                PROMPT_CARD_KEYS,
                (),
                _ON_PROMPT_CARD,
                WRITE_AS_PROMPT,
            )
        if keys is None:
            return None
        card_id = self.card_id(keys["id"], explicit_ids) if "id" in keys else ""
        level = self.card_level(keys["level"], level_count) if "level" in keys else 1
        timer = self.timer(keys["timer"]) if "timer" in keys else None
        if is_wild:
            return self.wild_card(node, keys, card_id, level, timer)
        if "prompt" not in keys:
            self.r.error(node, says("card_no_prompt"), says("hint_card_no_prompt"))
        everyone = self.r.flag(keys["everyone"], "'everyone'") if "everyone" in keys else False
        by_next = self.answered_by(keys["answered_by"]) if "answered_by" in keys else False
        if everyone and by_next:
            self.r.error(
                keys["answered_by"], says("everyone_and_next"), says("hint_everyone_and_next")
            )
        return Card(
            id=card_id,
            prompt=self.prompt(keys["prompt"], level) if "prompt" in keys else "",
            level=level,
            follow_ups=self.follow_ups(keys["follow_ups"]) if "follow_ups" in keys else (),
            tags=self.tags(keys["tags"]) if "tags" in keys else (),
            everyone=bool(everyone),
            timer=timer,
            answered_by_next=by_next,
        )

    def wild_card(
        self, node: Node, keys: dict[str, Node], card_id: str, level: int, timer: int | None
    ) -> Card:
        effect = self.r.choice(keys["wild"], WHAT_WILD_EFFECT, WILD_EFFECTS)
        action = effect == WildEffect.ACTION.value
        if action and not self.needs_1_1(keys["wild"], "'wild: action'"):
            effect = None
        elif action and "text" not in keys:
            self.r.error(node, says("action_no_text"), says("hint_action_no_text"))
        if timer is not None and not action and effect is not None:
            self.r.error(
                keys["timer"],
                says("wild_no_timer", effect=f"'{effect}'"),
                says("hint_wild_no_timer"),
            )
        return Card(
            id=card_id,
            level=level,
            wild=WildEffect(effect or WILD_EFFECTS[0]),
            text=self.optional_text(keys, "text", WHAT_WILD_TEXT, MAX_PROMPT),
            timer=timer,
        )

    def timer(self, node: Node) -> int | None:
        if not self.needs_1_1(node, "'timer'"):
            return None
        if (
            isinstance(node, ScalarNode)
            and node.tag == STR_TAG
            and not node.value.strip().isdigit()
        ):
            self.r.expected(node, "'timer'", says("kind_seconds"), says("hint_timer"))
            return None
        return self.r.whole_number(node, "'timer'", 0, MAX_TIMER)

    def answered_by(self, node: Node) -> bool:
        """True for `answered_by: next`: the drawer reads it aloud, the next player answers."""
        if not self.needs_1_1(node, "'answered_by'"):
            return False
        value = self.r.text(node, "'answered_by'", 100)
        if value is not None and value not in ANSWERED_BY:
            self.r.error(
                node, says("answered_by_unknown", value=quote(value)), says("hint_answered_by")
            )
            return False
        return value == "next"

    def card_id(self, node: Node, explicit_ids: dict[str, int]) -> str:
        card_id = self.r.slug(node, WHAT_CARD_ID)
        if card_id is None:
            return ""
        if card_id in explicit_ids:
            self.r.error(
                node,
                says("card_id_twice", id=f"'{card_id}'", line=explicit_ids[card_id]),
                says("hint_card_id_twice"),
            )
        else:
            explicit_ids[card_id] = node.start_mark.line + 1
        return card_id

    def card_level(self, node: Node, level_count: int | None) -> int:
        level = self.r.whole_number(node, "'level'", 1)
        if level is not None and level_count is not None and level > level_count:
            self.r.error(
                node,
                says("no_such_level", level=level, count=level_count),
                says("hint_no_such_level"),
            )
        return level or 1

    def prompt(self, node: Node, level: int) -> str:
        prompt = self.r.text(node, WHAT_PROMPT, MAX_PROMPT) or ""
        if prompt:
            for message, hint in lint.prompt_warnings(
                prompt, level, self.english, self.deck_language
            ):
                self.r.warn(node, message, hint)
        return prompt

    def follow_ups(self, node: Node) -> tuple[str, ...]:
        items = self.r.text_list(node, "'follow_ups'", WHAT_FOLLOW_UP, MAX_FOLLOW_UP) or []
        for item_node, text in items:
            for message, hint in lint.follow_up_warnings(text, self.english):
                self.r.warn(item_node, message, hint)
        texts = [text for _, text in items]
        for index in lint.repeated_follow_ups(texts):
            self.r.warn(items[index][0], *lint.repeated_follow_up())
        return tuple(texts)

    def tags(self, node: Node) -> tuple[str, ...]:
        tags: list[str] = []
        for item_node, tag in self.r.text_list(node, "'tags'", WHAT_TAG, MAX_TAG, SLUG) or []:
            if tag in tags:
                self.r.error(item_node, says("tag_twice", tag=f"'{tag}'"), says("hint_remove_one"))
            else:
                tags.append(tag)
        self.used_tags.update(tags)
        return self.r.keep_all(tags)

    def closing(self, node: Node, cards: tuple[Card, ...]) -> Card | None:
        keys = self.r.mapping(node, WHAT_CLOSING_CARD, CLOSING_KEYS, ("prompt",), _ON_CLOSING_CARD)
        if keys is None:
            return None
        taken = {card.id for card in cards}
        card_id = _unused(CLOSING_ID, taken)
        if "id" in keys:
            card_id = self.r.slug(keys["id"], WHAT_CARD_ID) or card_id
            if card_id in taken:
                self.r.error(keys["id"], says("closing_id_taken", id=f"'{card_id}'"))
        prompt = self.r.text(keys["prompt"], WHAT_PROMPT, MAX_PROMPT) if "prompt" in keys else ""
        if prompt:
            for message, hint in lint.prompt_warnings(
                prompt, None, self.english, self.deck_language
            ):
                self.r.warn(keys["prompt"], message, hint)
        follow_ups = self.follow_ups(keys["follow_ups"]) if "follow_ups" in keys else ()
        timer = self.timer(keys["timer"]) if "timer" in keys else None
        return Card(
            id=card_id,
            prompt=prompt or "",
            follow_ups=follow_ups or (),
            everyone=True,
            timer=timer,
        )


# A node, or its event in a lean list (yamlsafe.lean): a plain card reads either.
_SCALARS = (ScalarNode, ScalarEvent)
_SEQUENCES = (SequenceNode, SequenceStartEvent)
_MAPPINGS = (MappingNode, MappingStartEvent)


def _plain_text(node: Node | None, max_length: int) -> str | None:
    """`NodeReader.text`'s value (before its copy) where it would say nothing, else None."""
    if node.__class__ not in _SCALARS or node.tag != STR_TAG:
        return None
    value: str = node.value.strip()
    if not value or len(value) > max_length:
        return None
    return value


def _card_marks(node: Node) -> CardMarks:
    """Where a prompt card's prompt and follow-ups start (the card's own start if missing)."""
    keys = {k.value: v for k, v in node.value} if isinstance(node, MappingNode) else {}
    prompt = keys.get("prompt", node)
    follow_ups = keys.get("follow_ups")
    items = follow_ups.value if isinstance(follow_ups, SequenceNode) else []
    return CardMarks(position(prompt), tuple(position(item) for item in items))


def _with_ids(cards: list[Card], explicit: set[str]) -> tuple[Card, ...]:
    """Give cards without an id one derived from the prompt (or wild effect), unique in the deck."""
    taken = set(explicit)
    done = []
    for number, card in enumerate(cards, start=1):
        if not card.id:
            base = (
                f"wild-{card.wild.value}" if card.wild else slugify(card.prompt) or f"card-{number}"
            )
            card = attrs.evolve(card, id=_unused(base, taken))
            taken.add(card.id)
        done.append(card)
    return tuple(done)


def _unused(base: str, taken: Collection[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
