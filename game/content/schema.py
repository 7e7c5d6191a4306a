"""`inkind schema`: a JSON Schema (draft 2020-12) of the deck format, for editors.

An editor with a YAML language server (VS Code's YAML extension, for one) completes and
checks a deck as it is typed when the file starts with

    # yaml-language-server: $schema=https://…/deck.schema.json

or when the schema is mapped to `decks/*.yaml` in the editor's settings. The schema is
built from the loader's own key lists and limits (game/content/decks.py), so it cannot
drift from them; `docs/deck.schema.json` is this output, and a test keeps the two equal
and checks every built-in deck and every broken fixture against it. It holds what a
schema can say (keys, kinds, lengths, ranges); `inkind check` says the rest (a level
past the deck's levels, a topic no card uses, ids used twice, the warnings).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from game.content import presets
from game.content.deck_cards import (
    ANSWERED_BY,
    CLOSING_KEYS,
    MAX_CARDS,
    MAX_FOLLOW_UP,
    MAX_PROMPT,
    MAX_TIMER,
    PROMPT_CARD_KEYS,
    WILD_CARD_KEYS,
    WILD_EFFECTS,
)
from game.content.decks import (
    DECK_KEYS,
    DECK_REQUIRED,
    LEVEL_KEYS,
    LEVEL_PACES,
    MAX_DESCRIPTION,
    MAX_LEVEL_NAME,
    MAX_LEVELS,
    MAX_LINE,
    MAX_MINUTES,
    MAX_NAME,
    MODES,
    ORDERS,
)
from game.core.cards import WildEffect

SCHEMA_ID = "https://inkind.invalid/deck.schema.json"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ONE_LINE = r"^[^\n\r]*$"
NOT_BLANK = r"\S"


def _text(most: int, one_line: bool = False, about: str = "") -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": most}
    text["pattern"] = ONE_LINE if one_line else NOT_BLANK
    if about:
        text["description"] = about
    return text


def _slug(most: int, about: str) -> dict[str, Any]:
    return {"type": "string", "pattern": SLUG, "maxLength": most, "description": about}


def _closed(
    properties: dict[str, Any], keys: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    assert set(properties) == set(keys), "the schema must know exactly the loader's keys"
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def _whole(lowest: int, highest: int, about: str = "") -> dict[str, Any]:
    number: dict[str, Any] = {"type": "integer", "minimum": lowest, "maximum": highest}
    if about:
        number["description"] = about
    return number


def rules_schema() -> dict[str, Any]:
    """A deck's own `rules:` (format 1.1): a preset's keys, as decks/presets holds them, each
    optional: what is left out comes from the preset named in `preset` (default: classic)."""
    points = _closed(
        {key: _whole(0, 100) for key in presets.AWARD_KEYS},
        presets.AWARD_KEYS,
        (),
    )
    schedule = _closed(
        {
            "pace": {"enum": list(presets.PACES)},
            "rounds_per_level": _whole(1, 100),
            "minutes_per_level": _whole(1, 600),
        },
        presets.LEVELS_KEYS,
        (),
    )
    timers = _closed(
        {key: _whole(0, 3600) for key in presets.TIMER_KEYS},
        presets.TIMER_KEYS,
        (),
    )
    rules = _closed(
        {
            "format": {"const": 1},
            "id": _slug(64, "Default: the deck's id."),
            "name": _text(40, one_line=True, about="Default: the deck's name."),
            "description": _text(500),
            "modes": {
                "type": "array",
                "items": {"enum": list(MODES)},
                "minItems": 1,
                "uniqueItems": True,
            },
            "points": points,
            "passes": _whole(0, 20),
            "rounds": _whole(1, 100),
            "levels": schedule,
            "scoring": {"enum": list(presets.SCORINGS)},
            "goal": _whole(1, 100_000),
            "closing_card": {"type": "boolean"},
            "timers": timers,
            "preset": _slug(
                64, "The rules preset these rules change (default: classic); left-out keys are its."
            ),
        },
        presets.INLINE_KEYS,
        presets.INLINE_REQUIRED,
    )
    rules["description"] = (
        "The deck's own rules: the keys of decks/presets they change, over the preset named in"
        " 'preset' (default: classic). 'rounds' and 'goal' are never taken from it."
    )
    return rules


def _needs_1_1() -> dict[str, Any]:
    """A deck that uses a key new in format 1.1 says `format: 1.1`."""
    format_1_1 = {"properties": {"format": {"const": 1.1}}}
    uses_card_keys = {
        "properties": {
            "cards": {
                "contains": {
                    "anyOf": [
                        {"required": ["timer"]},
                        {"required": ["answered_by"]},
                        {
                            "required": ["wild"],
                            "properties": {"wild": {"const": WildEffect.ACTION.value}},
                        },
                    ]
                }
            }
        },
        "required": ["cards"],
    }
    uses_level_pace = {
        "properties": {"levels": {"contains": {"required": ["pace"]}}},
        "required": ["levels"],
    }
    uses_closing_timer = {
        "properties": {"closing": {"required": ["timer"]}},
        "required": ["closing"],
    }
    return {
        "dependentSchemas": {"order": format_1_1, "rules": format_1_1},
        "allOf": [
            {"if": condition, "then": format_1_1}
            for condition in (uses_card_keys, uses_level_pace, uses_closing_timer)
        ],
    }


def deck_schema() -> dict[str, Any]:
    level_number = {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_LEVELS,
        "description": "The level's number, counting from 1 (default 1).",
    }
    follow_ups = {
        "type": "array",
        "items": _text(MAX_FOLLOW_UP),
        "minItems": 1,
        "description": "Deepening questions a listener may ask.",
    }
    card_id = _slug(64, "Unique in the deck; saved games refer to cards by id.")
    timer = _whole(0, MAX_TIMER, "Format 1.1: this card's own gentle timer, in seconds.")
    prompt_card = _closed(
        {
            "prompt": _text(MAX_PROMPT, about="What the sharer answers."),
            "id": card_id,
            "level": level_number,
            "follow_ups": follow_ups,
            "tags": {
                "type": "array",
                "items": _slug(40, "What the card is about, e.g. 'family'."),
                "minItems": 1,
                "uniqueItems": True,
            },
            "everyone": {"type": "boolean", "description": "Every player answers it in turn."},
            "timer": timer,
            "answered_by": {
                "enum": list(ANSWERED_BY),
                "description": "Format 1.1: the drawer reads it aloud and the next player answers.",
            },
        },
        PROMPT_CARD_KEYS,
        ("prompt",),
    )
    wild_card = _closed(
        {
            "wild": {"enum": list(WILD_EFFECTS), "description": "What the card does to the turn."},
            "text": _text(MAX_PROMPT, about="Your own wording for the card."),
            "level": level_number,
            "id": card_id,
            "timer": timer,
        },
        WILD_CARD_KEYS,
        ("wild",),
    )
    # An action card (format 1.1) is all its text; only it may have a timer.
    wild_card["allOf"] = [
        {
            "if": {"properties": {"wild": {"const": WildEffect.ACTION.value}}},
            "then": {"required": ["text"]},
            "else": {"not": {"required": ["timer"]}},
        }
    ]
    level = _closed(
        {
            "name": _text(MAX_LEVEL_NAME, one_line=True),
            "description": _text(MAX_LINE),
            "minutes": {"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
            "pace": {
                "enum": list(LEVEL_PACES),
                "description": "Format 1.1: move up only when this level's cards are all dealt.",
            },
        },
        LEVEL_KEYS,
        ("name",),
    )
    closing = _closed(
        {"prompt": _text(MAX_PROMPT), "id": card_id, "follow_ups": follow_ups, "timer": timer},
        CLOSING_KEYS,
        ("prompt",),
    )
    deck = _closed(
        {
            "format": {
                "anyOf": [{"const": 1}, {"const": 1.1}],
                "description": "The format version: 1, or 1.1 for a deck that uses 1.1's keys.",
            },
            "id": _slug(64, "Unique among all the decks the game loads, like 'late-night'."),
            "name": _text(MAX_NAME, one_line=True, about="The name players see."),
            "description": _text(MAX_DESCRIPTION),
            "language": {
                "type": "string",
                "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                "description": "A BCP-47 language tag such as 'en', 'de' or 'pt-BR'.",
            },
            "translates": _slug(
                64,
                "The id of the deck this one translates card by card, with the same card ids.",
            ),
            "modes": {
                "type": "array",
                "items": {"enum": list(MODES)},
                "minItems": 1,
                "uniqueItems": True,
            },
            "author": _text(MAX_LINE, one_line=True),
            "license": _text(MAX_LINE, one_line=True),
            "preset": _slug(64, "The rules preset the deck suits: classic, gathering, together."),
            "topics": {
                "type": "object",
                "propertyNames": {"pattern": SLUG, "maxLength": 40},
                "minProperties": 1,
                "additionalProperties": _text(MAX_LINE, one_line=True),
                "description": "The sensitive topics the deck's cards are tagged with.",
            },
            "levels": {"type": "array", "items": level, "minItems": 1, "maxItems": MAX_LEVELS},
            "cards": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_CARDS,
                "items": {"oneOf": [prompt_card, wild_card]},
            },
            "closing": closing,
            "order": {
                "enum": list(ORDERS),
                "description": "Format 1.1: 'fixed' deals each level in file order.",
            },
            "rules": rules_schema(),
        },
        DECK_KEYS,
        DECK_REQUIRED,
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "In Kind deck (format 1 and 1.1)",
        "description": "A deck of prompt cards for In Kind; see docs/deck-format.md.",
        **deck,
        **_needs_1_1(),
    }


def schema_text() -> str:
    return json.dumps(deck_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(out: TextIO) -> int:
    out.write(schema_text())
    return 0
