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

from game.content.decks import (
    CLOSING_KEYS,
    DECK_KEYS,
    DECK_REQUIRED,
    LEVEL_KEYS,
    MAX_CARDS,
    MAX_DESCRIPTION,
    MAX_FOLLOW_UP,
    MAX_LEVEL_NAME,
    MAX_LEVELS,
    MAX_LINE,
    MAX_MINUTES,
    MAX_NAME,
    MAX_PROMPT,
    MODES,
    PROMPT_CARD_KEYS,
    WILD_CARD_KEYS,
    WILD_EFFECTS,
)

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
        },
        WILD_CARD_KEYS,
        ("wild",),
    )
    level = _closed(
        {
            "name": _text(MAX_LEVEL_NAME, one_line=True),
            "description": _text(MAX_LINE),
            "minutes": {"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
        },
        LEVEL_KEYS,
        ("name",),
    )
    closing = _closed(
        {"prompt": _text(MAX_PROMPT), "id": card_id, "follow_ups": follow_ups},
        CLOSING_KEYS,
        ("prompt",),
    )
    deck = _closed(
        {
            "format": {"const": 1, "description": "The format version: the whole number 1."},
            "id": _slug(64, "Unique among all the decks the game loads, like 'late-night'."),
            "name": _text(MAX_NAME, one_line=True, about="The name players see."),
            "description": _text(MAX_DESCRIPTION),
            "language": {
                "type": "string",
                "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                "description": "A BCP-47 language tag such as 'en', 'de' or 'pt-BR'.",
            },
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
        },
        DECK_KEYS,
        DECK_REQUIRED,
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "In Kind deck (format 1)",
        "description": "A deck of prompt cards for In Kind; see docs/deck-format.md.",
        **deck,
    }


def schema_text() -> str:
    return json.dumps(deck_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(out: TextIO) -> int:
    out.write(schema_text())
    return 0
