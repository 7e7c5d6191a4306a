"""The cards of a deck file: prompt cards, wild cards and the closing card, each checked
and built, every problem reported with its line and column (the deck itself: decks.py)."""

from __future__ import annotations

from collections.abc import Collection

import attrs
from yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content import lint
from game.content.node_reader import MAX_DIGITS, SLUG, NodeReader, fresh, position, slugify
from game.content.problems import quote
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
WILD_CARD_KEYS = ("wild", "text", "level", "id", "timer")
CLOSING_KEYS = ("prompt", "id", "follow_ups", "timer")
_ON_PROMPT_CARD = {
    "text": ("'text' is only for wild cards", "a prompt card's words go in 'prompt'")
}
_ON_WILD_CARD = {
    "prompt": ("'prompt' is not allowed on a wild card", "use 'text' to change its wording"),
    "follow_ups": ("'follow_ups' is not allowed on a wild card", "remove them"),
    "tags": ("'tags' is not allowed on a wild card", "remove them"),
    "everyone": ("'everyone' is not allowed on a wild card", "use 'wild: everyone' instead"),
    "answered_by": (
        "'answered_by' is not allowed on a wild card",
        "the player who draws an action card reads it aloud; remove it",
    ),
}
# Keys a closing card may not have: the message names the key, the hint says what to do.
_ON_CLOSING_CARD = {
    key: (f"'{key}' is not allowed on the closing card", hint)
    for key, hint in (
        ("text", "write the closing words under 'prompt'"),
        ("level", "the closing card comes after every level; remove it"),
        ("tags", "the closing card is always dealt; remove them"),
        ("everyone", "everyone answers the closing card already; remove it"),
        ("wild", "a wild card goes under 'cards'; the closing card is a prompt"),
        ("answered_by", "everyone answers the closing card in turn; remove it"),
    )
}


@attrs.frozen
class CardMarks:
    """1-based (line, column) of a prompt card's prompt and of each of its follow-ups."""

    prompt: tuple[int | None, int | None]
    follow_ups: tuple[tuple[int | None, int | None], ...]


class CardReader:
    """Reads a deck's cards; the deck's reader (decks.py) holds what they share."""

    r: NodeReader
    used_tags: set[str]
    english: bool  # the word checks in lint.py know only English
    deck_language: str  # lengths are counted in characters where words have no spaces
    format: str  # as the deck says: '1' holds it to format 1's keys
    marks: dict[str, CardMarks]

    def optional_text(
        self, keys: dict[str, Node], key: str, what: str, max_length: int, single_line: bool = False
    ) -> str:
        if key not in keys:
            return ""
        return self.r.text(keys[key], what, max_length, single_line) or ""

    def needs_1_1(self, node: Node, what: str) -> bool:
        """Whether a format 1.1 key may be used here; if not, says to write `format: 1.1`."""
        if self.format == FORMAT_1_1:
            return True
        self.r.error(
            node,
            f"{what} is new in format 1.1, and this deck says 'format: 1'",
            "write 'format: 1.1' at the top to use it",
        )
        return False

    # ------------------------------------------------------------ cards

    def cards(self, node: Node, levels: tuple[Level, ...] | None) -> tuple[Card, ...]:
        items = self.r.items(node, "'cards'")
        if items is None:
            return ()
        if len(items) > MAX_CARDS:
            self.r.error(node, f"the deck has {len(items):,} cards; the limit is {MAX_CARDS:,}")
            return ()
        level_count = len(levels) if levels is not None else None
        explicit_ids: dict[str, int] = {}
        kept: list[tuple[Node, Card, CardMarks | None]] = []
        for item in items:
            plain = self.plain_card(item, level_count, explicit_ids)
            if plain is not None:
                kept.append((item, *plain))
                continue
            item = lean(item)  # the nodes the general checks read
            card = self.card(item, level_count, explicit_ids)
            if card is not None:
                kept.append((item, card, None))
        cards = _with_ids([card for _, card, _ in kept], set(explicit_ids))
        for (item, _, marks), card in zip(kept, cards, strict=True):
            if not card.is_wild:
                self.marks[card.id] = marks or _card_marks(item)
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
            self.r.error(
                node, "the deck has only wild cards", "add at least one card with a 'prompt'"
            )
        return cards

    def plain_card(
        self, node: Node, level_count: int | None, explicit_ids: dict[str, int]
    ) -> tuple[Card, CardMarks] | None:
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
        if prompt is None:
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
            r.warn(follow_items[index], *lint.REPEATED_FOLLOW_UP)
        self.used_tags.update(tags)
        card = Card(
            id=fresh(card_id),
            prompt=fresh(prompt),
            level=level,
            follow_ups=tuple([fresh(text) for text in follow_ups]),
            tags=tuple([fresh(tag) for tag in tags]),
        )
        marks = CardMarks(position(prompt_node), tuple([position(item) for item in follow_items]))
        return card, marks

    def card(
        self, node: Node, level_count: int | None, explicit_ids: dict[str, int]
    ) -> Card | None:
        is_wild = isinstance(node, MappingNode) and any(k.value == "wild" for k, _ in node.value)
        if is_wild:
            keys = self.r.mapping(node, "a wild card", WILD_CARD_KEYS, ("wild",), _ON_WILD_CARD)
        else:
            keys = self.r.mapping(
                node, "a card", PROMPT_CARD_KEYS, (), _ON_PROMPT_CARD, "write it as 'prompt: ...'"
            )
        if keys is None:
            return None
        card_id = self.card_id(keys["id"], explicit_ids) if "id" in keys else ""
        level = self.card_level(keys["level"], level_count) if "level" in keys else 1
        timer = self.timer(keys["timer"]) if "timer" in keys else None
        if is_wild:
            return self.wild_card(node, keys, card_id, level, timer)
        if "prompt" not in keys:
            self.r.error(
                node, "a card has no 'prompt'", "add 'prompt:', or 'wild:' for a wild card"
            )
        everyone = self.r.flag(keys["everyone"], "'everyone'") if "everyone" in keys else False
        by_next = self.answered_by(keys["answered_by"]) if "answered_by" in keys else False
        if everyone and by_next:
            self.r.error(
                keys["answered_by"],
                "a card everyone answers is not answered by the next player alone",
                "remove 'answered_by' or 'everyone'",
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
        effect = self.r.choice(keys["wild"], "the wild effect", WILD_EFFECTS)
        action = effect == WildEffect.ACTION.value
        if action and not self.needs_1_1(keys["wild"], "'wild: action'"):
            effect = None
        elif action and "text" not in keys:
            self.r.error(
                node,
                "an action card has no 'text'",
                "add 'text:' with what the table does, like 'text: \"Each of you ...\"'",
            )
        if timer is not None and not action and effect is not None:
            self.r.error(
                keys["timer"],
                f"a '{effect}' wild card has no 'timer'",
                "only prompt cards, action cards and the closing card have one; remove it",
            )
        return Card(
            id=card_id,
            level=level,
            wild=WildEffect(effect or WILD_EFFECTS[0]),
            text=self.optional_text(keys, "text", "the wild card's 'text'", MAX_PROMPT),
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
            self.r.expected(
                node, "'timer'", "a whole number of seconds", "write 'timer: 240' for four minutes"
            )
            return None
        return self.r.whole_number(node, "'timer'", 0, MAX_TIMER)

    def answered_by(self, node: Node) -> bool:
        """True for `answered_by: next`: the drawer reads it aloud, the next player answers."""
        if not self.needs_1_1(node, "'answered_by'"):
            return False
        value = self.r.text(node, "'answered_by'", 100)
        if value is not None and value not in ANSWERED_BY:
            self.r.error(
                node,
                f"'answered_by' is {quote(value)}; the only one there is 'next'",
                "write 'answered_by: next' for a card the drawer reads aloud to the next "
                "player, or leave it out for the drawer to answer",
            )
            return False
        return value == "next"

    def card_id(self, node: Node, explicit_ids: dict[str, int]) -> str:
        card_id = self.r.slug(node, "the card id")
        if card_id is None:
            return ""
        if card_id in explicit_ids:
            self.r.error(
                node,
                f"the card id '{card_id}' is already used on line {explicit_ids[card_id]}",
                "card ids must be unique in a deck",
            )
        else:
            explicit_ids[card_id] = node.start_mark.line + 1
        return card_id

    def card_level(self, node: Node, level_count: int | None) -> int:
        level = self.r.whole_number(node, "'level'", 1)
        if level is not None and level_count is not None and level > level_count:
            levels = "one level" if level_count == 1 else f"{level_count} levels"
            self.r.error(
                node,
                f"there is no level {level}: the deck has {levels}",
                "use a level number from the 'levels' list, counting from 1",
            )
        return level or 1

    def prompt(self, node: Node, level: int) -> str:
        prompt = self.r.text(node, "the prompt", MAX_PROMPT) or ""
        if prompt:
            for message, hint in lint.prompt_warnings(
                prompt, level, self.english, self.deck_language
            ):
                self.r.warn(node, message, hint)
        return prompt

    def follow_ups(self, node: Node) -> tuple[str, ...]:
        items = self.r.text_list(node, "'follow_ups'", "a follow-up", MAX_FOLLOW_UP) or []
        for item_node, text in items:
            for message, hint in lint.follow_up_warnings(text, self.english):
                self.r.warn(item_node, message, hint)
        texts = [text for _, text in items]
        for index in lint.repeated_follow_ups(texts):
            self.r.warn(items[index][0], *lint.REPEATED_FOLLOW_UP)
        return tuple(texts)

    def tags(self, node: Node) -> tuple[str, ...]:
        tags: list[str] = []
        for item_node, tag in self.r.text_list(node, "'tags'", "the tag", MAX_TAG, SLUG) or []:
            if tag in tags:
                self.r.error(
                    item_node, f"the tag '{tag}' is listed twice on this card", "remove one"
                )
            else:
                tags.append(tag)
        self.used_tags.update(tags)
        return tuple(tags)

    def closing(self, node: Node, cards: tuple[Card, ...]) -> Card | None:
        keys = self.r.mapping(node, "the closing card", CLOSING_KEYS, ("prompt",), _ON_CLOSING_CARD)
        if keys is None:
            return None
        taken = {card.id for card in cards}
        card_id = _unused(CLOSING_ID, taken)
        if "id" in keys:
            card_id = self.r.slug(keys["id"], "the card id") or card_id
            if card_id in taken:
                self.r.error(keys["id"], f"the card id '{card_id}' is already used by a card")
        prompt = self.r.text(keys["prompt"], "the prompt", MAX_PROMPT) if "prompt" in keys else ""
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
