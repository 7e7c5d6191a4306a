"""`inkind schema`: the deck format as JSON Schema, for editors. It is kept as
docs/deck.schema.json; every built-in deck passes it, and it refuses what a schema can
see in the broken fixtures (the rest is `inkind check`'s)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.content.schema import schema_text
from game.content.sources import builtin_deck_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "broken"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))

# Broken fixtures whose fault a schema can see: keys, kinds, lengths and ranges.
SEEN_BY_THE_SCHEMA = {
    "card-id-with-spaces",
    "card-is-text",
    "cards-empty",
    "cards-is-a-mapping",
    "cards-missing",
    "closing-is-text",
    "closing-with-level",
    "follow-ups-empty",
    "topics-empty",
    "description-has-no-value",
    "description-is-a-mapping",
}


def test_the_command_prints_the_schema_kept_in_the_docs(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == (ROOT / "docs" / "deck.schema.json").read_text(encoding="utf-8"), (
        "docs/deck.schema.json is out of date: run `inkind schema > docs/deck.schema.json`"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(printed))


@pytest.mark.parametrize("path", builtin_deck_files(), ids=lambda p: Path(p).stem)
def test_every_built_in_deck_passes_the_schema(path: str) -> None:
    deck = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    errors = [e.message for e in VALIDATOR.iter_errors(deck)]
    assert errors == []


def _loadable_fixtures() -> list[Path]:
    found = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # not YAML, or not UTF-8: the editor's parser says so, not the schema
        found.append(path)
    return found


def test_the_schema_refuses_every_broken_fixture_it_can_see() -> None:
    refused = {
        path.stem
        for path in _loadable_fixtures()
        if not VALIDATOR.is_valid(yaml.safe_load(path.read_text(encoding="utf-8")))
    }
    assert refused >= SEEN_BY_THE_SCHEMA
    assert len(refused) >= 50, sorted(refused)


@pytest.mark.parametrize(
    "change, error",
    [
        ({"format": "1"}, "1 was expected"),
        ({"cards": [{"prompt": 42}]}, "42 is not of type 'string'"),
        ({"cards": [{"prompt": "Hi", "level": "2"}]}, "'2' is not of type 'integer'"),
        ({"cards": [{"prompt": "Hi", "folow_ups": ["x"]}]}, "is not valid under any"),
        ({"colour": "red"}, "Additional properties are not allowed ('colour' was unexpected)"),
        ({"cards": [{"wild": "teleport"}]}, "is not valid under any"),
    ],
)
def test_what_an_editor_underlines(change: dict, error: str) -> None:
    deck = {"format": 1, "id": "mine", "name": "Mine", "cards": [{"prompt": "Tell me."}]}
    deck.update(change)

    def messages(errors) -> list[str]:  # "not valid under any" carries why in its context
        return [m for e in errors for m in (e.message, *messages(e.context))]

    assert error in " | ".join(messages(VALIDATOR.iter_errors(deck)))
