"""Deck format 1 and 1.1: a deck file becomes a core `Deck`, or a list of everything wrong with it.

Format 1.1 adds keys (NEW_IN_1_1) and changes nothing a format-1 deck says: a deck that uses
one of them says `format: 1.1`, and one that says `format: 1` is told to.

A deck from a stranger is untrusted input: `load_deck` never raises for a bad file. It walks
the composed nodes once, reporting every problem with its line and column, and builds the
Deck only when there are no errors. Warnings (see lint.py) never stop a deck from loading.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping

import attrs
from yaml.nodes import MappingNode, Node, ScalarNode

from game.content.deck_cards import (
    FORMAT_1_1,
    MAX_CARDS,
    CardMarks,
    CardReader,
)
from game.content.node_reader import SLUG, NodeReader, quoted_list
from game.content.presets import read_inline_rules
from game.content.problems import Phrase, Problem, error, has_errors, quote, says
from game.content.yamlsafe import FLOAT_TAG, STR_TAG, ListLimit, compose_file
from game.core.cards import DEFAULT_LEVELS, Deck, Level, Mode
from game.core.rules import Rules

FORMAT_VERSION = 1
MAX_LEVELS = 12
MAX_NAME = 60
MAX_LEVEL_NAME = 40
MAX_DESCRIPTION = 1000
MAX_LINE = 200  # author, license, a topic's description, a level's description
MAX_MINUTES = 600
# Counted while the file is composed: a file of more is refused at its card past the limit.
CARDS_LIMIT = ListLimit(
    "cards",
    MAX_CARDS,
    Phrase("cards_limit", count=MAX_CARDS, number=f"{MAX_CARDS:,}", limit=f"{MAX_CARDS:,}"),
    lean=True,  # read by CardReader.cards, plain cards from their events
)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")

DECK_KEYS = (
    "format",
    "id",
    "name",
    "description",
    "language",
    "translates",
    "modes",
    "author",
    "license",
    "preset",
    "topics",
    "levels",
    "cards",
    "closing",
    "order",
    "rules",
)

# What a problem names, said only when there is one (problems.yaml).
WHAT_A_LEVEL_PACE = Phrase("what_a_level_pace")
WHAT_DECK = Phrase("what_deck")
WHAT_DECK_DESCRIPTION = Phrase("what_deck_description")
WHAT_DECK_FILE = Phrase("what_deck_file")
WHAT_DECK_ID = Phrase("what_deck_id")
WHAT_DECK_NAME = Phrase("what_deck_name")
WHAT_DECK_RULES = Phrase("what_deck_rules")
WHAT_LEVEL = Phrase("what_level")
WHAT_LEVEL_DESCRIPTION = Phrase("what_level_description")
WHAT_LEVEL_NAME = Phrase("what_level_name")
WHAT_LEVEL_PACE = Phrase("what_level_pace")
WHAT_MODE = Phrase("what_mode")
WHAT_PRESET = Phrase("what_preset")
WHAT_TOPIC = Phrase("what_topic")
WHAT_TOPIC_DESCRIPTION = Phrase("what_topic_description")
WRITE_FORMAT_1_1 = Phrase("hint_write_format", version="1.1")

DECK_REQUIRED = ("format", "id", "name", "cards")
LEVEL_KEYS = ("name", "description", "minutes", "pace")
MODES = tuple(mode.value for mode in Mode)
ORDERS = ("shuffled", "fixed")
LEVEL_PACES = ("finish",)
# What format 1.1 adds: a deck that says `format: 1` may use none of these.
NEW_IN_1_1 = ("order", "rules", "pace", "timer", "answered_by", "wild: action")


@attrs.frozen
class DeckResult:
    """One deck file after checking: the Deck when it has no errors, and every problem found."""

    path: str
    deck: Deck | None
    problems: tuple[Problem, ...]
    # Where each prompt card's text and follow-ups are in the file, by card id, so checks that
    # compare cards across decks (lint.near_duplicates) can point at both.
    marks: dict[str, CardMarks] = attrs.field(factory=dict, eq=False)

    @property
    def ok(self) -> bool:
        return self.deck is not None and not has_errors(self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if not problem.is_error)


def load_deck(
    path: str | os.PathLike[str],
    *,
    preset_ids: Collection[str] | None = None,
    taken_ids: Mapping[str, str] | None = None,
) -> DeckResult:
    """Load and check one deck file. Never raises for bad input.

    `preset_ids`, when given, are the rules presets a deck may name; `taken_ids` maps the ids
    of decks already loaded to their paths, so a second deck with the same id is an error.
    """
    shown = os.fspath(path)
    node, problems = compose_file(path, list_limit=CARDS_LIMIT)
    if node is None:
        return DeckResult(shown, None, problems)
    return read_deck(node, shown, preset_ids=preset_ids, taken_ids=taken_ids)


def read_deck(
    node: Node,
    shown: str,
    *,
    preset_ids: Collection[str] | None = None,
    taken_ids: Mapping[str, str] | None = None,
) -> DeckResult:
    """Check a composed deck document; `shown` is the path to put in problems."""
    reader = NodeReader(shown)
    deck_reader = _DeckReader(reader, preset_ids, taken_ids)
    try:
        deck = deck_reader.read(node)
    except RecursionError:
        return DeckResult(shown, None, (error(shown, None, None, says("nested_too_deeply")),))
    except Exception as bug:  # a bug of ours must not take the game down with it
        message = says("bug", error=f"{type(bug).__name__}: {bug}")
        return DeckResult(shown, None, (error(shown, None, None, message, says("hint_bug")),))
    problems = reader.sorted_problems()
    if has_errors(problems):
        return DeckResult(shown, None, problems)
    return DeckResult(shown, deck, problems, deck_reader.marks)


class _DeckReader(CardReader):
    """Reads one deck document; every method reports into the shared NodeReader. The cards
    are read by CardReader (deck_cards.py)."""

    def __init__(
        self,
        reader: NodeReader,
        preset_ids: Collection[str] | None,
        taken_ids: Mapping[str, str] | None,
    ) -> None:
        self.r = reader
        self.preset_ids = preset_ids
        self.taken_ids = taken_ids or {}
        self.used_tags: set[str] = set()
        self.english = True  # the word checks in lint.py know only English
        self.deck_language = "en"
        self.format = FORMAT_1_1  # as the deck says: '1' holds it to format 1's keys
        self.marks: dict[str, CardMarks] = {}

    def read(self, node: Node) -> Deck | None:
        """The deck, built with stand-ins where a value was wrong; the caller drops it on any error."""
        r = self.r
        if not isinstance(node, MappingNode):
            r.expected(node, WHAT_DECK_FILE, says("kind_file_mapping"))
            return None
        deck_format = self.deck_format(node)
        if deck_format is None:
            return None
        self.format = deck_format
        keys = r.mapping(node, WHAT_DECK, DECK_KEYS, DECK_REQUIRED) or {}
        name = r.text(keys["name"], WHAT_DECK_NAME, MAX_NAME, True) if "name" in keys else ""
        language = self.language(keys["language"]) if "language" in keys else "en"
        self.english = language.split("-")[0].lower() == "en"
        self.deck_language = language
        levels = self.levels(keys["levels"]) if "levels" in keys else DEFAULT_LEVELS
        cards = self.cards(keys["cards"], levels) if "cards" in keys else ()
        deck_id = (self.deck_id(keys["id"]) if "id" in keys else "") or ""
        return Deck(
            id=deck_id,
            name=name or "",
            cards=cards or (),
            levels=levels or DEFAULT_LEVELS,
            description=self.optional_text(
                keys, "description", WHAT_DECK_DESCRIPTION, MAX_DESCRIPTION
            ),
            language=language,
            modes=self.modes(keys["modes"]) if "modes" in keys else tuple(Mode),
            author=self.optional_text(keys, "author", "'author'", MAX_LINE, single_line=True),
            license=self.optional_text(keys, "license", "'license'", MAX_LINE, single_line=True),
            preset=self.preset(keys["preset"]) if "preset" in keys else "",
            topics=self.topics(keys["topics"]) if "topics" in keys else (),
            closing=self.closing(keys["closing"], cards or ()) if "closing" in keys else None,
            fixed_order=self.order(keys["order"]) if "order" in keys else False,
            rules=self.rules(keys, deck_id, name or "") if "rules" in keys else None,
            translates=(self.r.slug(keys["translates"], "'translates'") or "")
            if "translates" in keys
            else "",
        )

    # ------------------------------------------------------------ format 1.1

    def deck_format(self, node: MappingNode) -> str | None:
        """'1' or '1.1' as the deck says (or '1.1' when it says nothing: the keys are then
        not held to format 1); None means stop, since a newer format may mean anything."""
        value = next((value for key, value in node.value if key.value == "format"), None)
        if value is None:
            return FORMAT_1_1
        if isinstance(value, ScalarNode) and value.tag == FLOAT_TAG:
            return self.decimal_format(value)
        if isinstance(value, ScalarNode) and value.tag == STR_TAG and value.value.strip() == "1.1":
            self.r.expected(
                value, "'format'", says("kind_number"), says("hint_remove_quotes", value="1.1")
            )
            return FORMAT_1_1
        found = self.r.whole_number(value, "'format'", -(2**63), too_long_hint=WRITE_FORMAT_1_1)
        if found is None or found == FORMAT_VERSION:
            return str(FORMAT_VERSION)
        if found > FORMAT_VERSION:
            self.newer_format(value, str(found))
        else:
            self.r.error(value, says("format_unknown", found=found), says("hint_format_1_or_1_1"))
        return None

    def decimal_format(self, value: ScalarNode) -> str | None:
        written = str(value.value).strip()
        try:
            number = float(written.replace("_", ""))
        except ValueError:  # YAML 1.1 floats such as .inf, or 1:30.5, are no version
            number = -1.0
        if number == 1.1:
            return FORMAT_1_1
        if number > 1.1:
            self.newer_format(value, written)
        else:
            self.r.error(value, says("format_unknown", found=written), says("hint_format_1_or_1_1"))
        return None

    def newer_format(self, value: Node, written: str) -> None:
        self.r.error(
            value,
            says("deck_format_newer", found=written),
            says("hint_update"),
        )

    def order(self, node: Node) -> bool:
        """True for `order: fixed`: each level is dealt in file order."""
        if not self.needs_1_1(node, "'order'"):
            return False
        how = says("hint_order")
        if not (isinstance(node, ScalarNode) and node.tag == STR_TAG):
            self.r.expected(
                node,
                "'order'",
                says("kind_either", first=f"'{ORDERS[0]}'", second=f"'{ORDERS[1]}'"),
                how,
            )
            return False
        value = self.r.text(node, "'order'", 100)
        if value is not None and value not in ORDERS:
            self.r.error(
                node, says("order_unknown", value=quote(value), options=quoted_list(ORDERS)), how
            )
        return value == "fixed"

    def rules(self, keys: dict[str, Node], deck_id: str, deck_name: str) -> Rules | None:
        node = keys["rules"]
        if not self.needs_1_1(node, "'rules'"):
            return None
        if "preset" in keys:
            self.r.error(keys["preset"], says("preset_and_rules"), says("hint_preset_and_rules"))
        presets = self.preset_ids or ()
        default_id = deck_id if deck_id not in presets else f"{deck_id}-rules"
        if isinstance(node, ScalarNode) and node.tag == STR_TAG and SLUG.match(node.value):
            self.r.expected(
                node,
                WHAT_DECK_RULES,
                says("kind_preset_mapping"),
                says("hint_use_preset", preset=node.value),
            )
            return None
        rules = read_inline_rules(self.r, node, default_id, deck_name)
        if rules is None or not isinstance(node, MappingNode):
            return None
        id_node = next((v for k, v in node.value if k.value == "id"), None)
        if id_node is not None and rules.id in presets:
            self.r.error(
                id_node,
                says("rules_id_is_preset", id=f"'{rules.id}'"),
                says("hint_rules_id_is_preset"),
            )
        return rules

    # ------------------------------------------------------------ the deck's own keys

    def deck_id(self, node: Node) -> str | None:
        deck_id = self.r.slug(node, WHAT_DECK_ID)
        if deck_id is not None and deck_id in self.taken_ids:
            self.r.error(
                node,
                says("deck_id_taken", id=f"'{deck_id}'", path=self.taken_ids[deck_id]),
                says("hint_deck_id_taken"),
            )
            return None
        return deck_id

    def language(self, node: Node) -> str:
        language = self.r.text(node, "'language'", 35) or "en"
        if not LANGUAGE_TAG.match(language):
            self.r.error(
                node, says("not_language_tag", value=quote(language)), says("hint_language_tag")
            )
        return language

    def modes(self, node: Node) -> tuple[Mode, ...]:
        modes: list[Mode] = []
        for item in self.r.items(node, "'modes'") or ():
            value = self.r.choice(item, WHAT_MODE, MODES)
            if value is not None and Mode(value) in modes:
                self.r.error(item, says("mode_twice", mode=f"'{value}'"), says("hint_remove_one"))
            elif value is not None:
                modes.append(Mode(value))
        return tuple(modes)

    def preset(self, node: Node) -> str:
        preset = self.r.slug(node, WHAT_PRESET) or ""
        if preset and self.preset_ids is not None and preset not in self.preset_ids:
            hint = (
                says("hint_the_presets_are", presets=quoted_list(sorted(self.preset_ids)))
                if self.preset_ids
                else ""
            )
            self.r.error(node, says("no_such_preset", preset=f"'{preset}'"), hint)
        return preset

    def topics(self, node: Node) -> tuple[tuple[str, str], ...]:
        """Each topic as (tag, description), in file order; a topic no card uses is an error."""
        if self.r.mapping(node, "'topics'", None) is None:  # reports duplicate keys
            return ()
        if not node.value:
            self.r.error(node, says("topics_empty"), says("hint_topics_empty"))
        topics: dict[str, str] = {}
        for key_node, value_node in node.value:
            tag = self.r.slug(key_node, WHAT_TOPIC, 40)
            description = self.r.text(value_node, WHAT_TOPIC_DESCRIPTION, MAX_LINE, True)
            if tag is None or tag in topics:
                continue
            if tag not in self.used_tags:
                self.r.error(
                    key_node,
                    says("topic_unused", tag=f"'{tag}'"),
                    says("hint_topic_unused", tag=f"'{tag}'"),
                )
            topics[tag] = description or ""
        return tuple(topics.items())

    # ------------------------------------------------------------ levels

    def levels(self, node: Node) -> tuple[Level, ...] | None:
        """None when the list itself is wrong, so card levels cannot be checked against it."""
        items = self.r.items(node, "'levels'")
        if items is None:
            return None
        if len(items) > MAX_LEVELS:
            self.r.error(node, says("too_many_levels", count=len(items), limit=MAX_LEVELS))
            return None
        return tuple(self.level(item) for item in items)

    def level(self, node: Node) -> Level:
        keys = self.r.mapping(node, WHAT_LEVEL, LEVEL_KEYS, ("name",)) or {}
        name = (
            self.r.text(keys["name"], WHAT_LEVEL_NAME, MAX_LEVEL_NAME, True)
            if "name" in keys
            else ""
        )
        minutes = (
            self.r.whole_number(keys["minutes"], "'minutes'", 1, MAX_MINUTES)
            if "minutes" in keys
            else None
        )
        finish = self.level_pace(keys["pace"]) if "pace" in keys else False
        return Level(
            finish=finish,
            name=name or "",
            description=self.optional_text(keys, "description", WHAT_LEVEL_DESCRIPTION, MAX_LINE),
            minutes=minutes,
        )

    def level_pace(self, node: Node) -> bool:
        """True for `pace: finish`: the level moves up only when its cards are all dealt."""
        if not self.needs_1_1(node, WHAT_A_LEVEL_PACE):
            return False
        value = self.r.text(node, WHAT_LEVEL_PACE, 100)
        if value is not None and value not in LEVEL_PACES:
            self.r.error(
                node,
                says("pace_unknown", value=quote(value)),
                says("hint_pace"),
            )
            return False
        return value == "finish"
