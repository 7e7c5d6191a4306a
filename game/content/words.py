"""The game's own words: how to play, the feelings palette, conversation starters, the response guide.

They live in assets/text/<language>/ as four YAML files so writers and translators can change
them without touching code, and they are checked as strictly as decks, with the same messages.

A how-to-play section may carry `scoring: true` (shown only when scoring is on) or
`scoring: false` (only when it is off), and its body may say `{passes}`, filled in by the
screen with how many passes each player has under the rules; the response guide ends with
one good share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

import attrs
from yaml.nodes import MappingNode, Node

from game import resources
from game.content.node_reader import NodeReader
from game.content.problems import Problem, display_path, has_errors, quote
from game.content.yamlsafe import compose_file
from game.core.rules import AWARD_ORDER

FORMAT_VERSION = 1
MAX_LINE = 200
MAX_BODY = 2000
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
# A how-to-play section's body may say {passes}: the screen puts how many passes each player
# has there, from the game's rules (ui.yaml's help_passes...), never a number written here.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
HOW_TO_PLAY_PLACEHOLDERS = ("passes",)
# What a response in the guide can earn (the listeners' awards) or be (what earns nothing).
EARNING_KINDS = tuple(kind.value for kind in AWARD_ORDER if kind.for_listener)
MISSING_KINDS = ("fixing", "advising", "judging", "one_upping", "interrogating", "praising")
SHARE_NOTES = (2, 4)  # how many notes the share example has, fewest and most
T = TypeVar("T")
HOW_TO_PLAY = "how_to_play.yaml"
FEELINGS = "feelings.yaml"
STARTERS = "starters.yaml"
RESPONSE_GUIDE = "response_guide.yaml"
FILES = (HOW_TO_PLAY, FEELINGS, STARTERS, RESPONSE_GUIDE)


@attrs.frozen
class Section:
    heading: str
    body: str
    scoring: bool | None = None  # True: shown only with scoring on; False: only with it off


@attrs.frozen
class HowToPlay:
    title: str
    sections: tuple[Section, ...]

    def sections_for(self, scoring: bool) -> tuple[Section, ...]:
        """The sections to show when scoring is on (True) or off (False)."""
        return tuple(s for s in self.sections if s.scoring is None or s.scoring is scoring)


@attrs.frozen
class FeelingFamily:
    name: str
    colour: str  # "#RRGGBB"
    words: tuple[str, ...]


@attrs.frozen
class Starters:
    deepening: tuple[str, ...]  # beginnings of deepening questions
    felt: tuple[str, ...]  # beginnings of felt responses


@attrs.frozen
class GuideResponse:
    kind: str
    text: str
    why: str


@attrs.frozen
class GuideExample:
    story: str
    earns: tuple[GuideResponse, ...]
    misses: tuple[GuideResponse, ...]


@attrs.frozen
class ShareExample:
    """One story shared in depth, and a few notes on what makes it a good share."""

    story: str  # paragraphs separated by blank lines
    notes: tuple[str, ...]


@attrs.frozen
class ResponseGuide:
    intro: str
    examples: tuple[GuideExample, ...]
    share_example: ShareExample


@attrs.frozen
class Words:
    how_to_play: HowToPlay
    feelings: tuple[FeelingFamily, ...]
    starters: Starters
    guide: ResponseGuide


def load_words(
    language: str = "en", folder: Path | None = None
) -> tuple[Words | None, tuple[Problem, ...]]:
    """All four files, in `language`: English's (from `folder`, default assets/text/en),
    each text its compiled catalog translates put in its place; the rest stays English."""
    words, problems = _load_words(resources.text_dir("en") if folder is None else folder)
    if words is None or language == "en":
        return words, problems
    from game.content.languages import load_catalog

    catalog = load_catalog(language)
    if catalog is None:
        return words, problems
    return translate_words(words, catalog.texts), problems


def translate_words(words: Words, texts: Mapping[str, object]) -> Words:
    """`words` with each text that `texts` (by context, game/content/messages.py) gives."""

    def say(context: str, english: str) -> str:
        found = texts.get(context)
        if not isinstance(found, str):
            return english
        if set(PLACEHOLDER.findall(found)) != set(PLACEHOLDER.findall(english)):
            return english  # a translation that would leave {passes} unfilled
        return found

    def many(context: str, english: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(say(f"{context}.{i}", text) for i, text in enumerate(english))

    how = words.how_to_play
    how_to_play = HowToPlay(
        say("how_to_play.title", how.title),
        tuple(
            attrs.evolve(
                section,
                heading=say(f"how_to_play.sections.{i}.heading", section.heading),
                body=say(f"how_to_play.sections.{i}.body", section.body),
            )
            for i, section in enumerate(how.sections)
        ),
    )
    feelings = tuple(
        attrs.evolve(
            family,
            name=say(f"feelings.families.{i}.name", family.name),
            words=many(f"feelings.families.{i}.words", family.words),
        )
        for i, family in enumerate(words.feelings)
    )
    starters = Starters(
        many("starters.deepening", words.starters.deepening),
        many("starters.felt", words.starters.felt),
    )
    guide = words.guide

    def responses(at: str, found: tuple[GuideResponse, ...]) -> tuple[GuideResponse, ...]:
        return tuple(
            attrs.evolve(r, text=say(f"{at}.{j}.text", r.text), why=say(f"{at}.{j}.why", r.why))
            for j, r in enumerate(found)
        )

    translated_guide = ResponseGuide(
        say("response_guide.intro", guide.intro),
        tuple(
            GuideExample(
                say(f"response_guide.examples.{i}.story", example.story),
                responses(f"response_guide.examples.{i}.earns", example.earns),
                responses(f"response_guide.examples.{i}.misses", example.misses),
            )
            for i, example in enumerate(guide.examples)
        ),
        ShareExample(
            say("response_guide.share_example.story", guide.share_example.story),
            many("response_guide.share_example.notes", guide.share_example.notes),
        ),
    )
    return Words(how_to_play, feelings, starters, translated_guide)


def _load_words(folder: Path) -> tuple[Words | None, tuple[Problem, ...]]:
    problems: list[Problem] = []

    def load(name: str, read: Callable[[NodeReader, MappingNode], T | None]) -> T | None:
        value, found = _load(display_path(folder / name), read)
        problems.extend(found)
        return value

    how_to_play = load(HOW_TO_PLAY, _how_to_play)
    feelings = load(FEELINGS, _feelings)
    starters = load(STARTERS, _starters)
    guide = load(RESPONSE_GUIDE, _guide)
    if how_to_play is None or feelings is None or starters is None or guide is None:
        return None, tuple(problems)
    return Words(how_to_play, feelings, starters, guide), tuple(problems)


def _load(
    path: str, read: Callable[[NodeReader, MappingNode], T | None]
) -> tuple[T | None, tuple[Problem, ...]]:
    node, problems = compose_file(path)
    if node is None:
        return None, problems
    reader = NodeReader(path)
    if not isinstance(node, MappingNode):
        reader.expected(node, "this file", "a mapping of keys starting with 'format: 1'")
        return None, reader.sorted_problems()
    value = read(reader, node)
    problems = reader.sorted_problems()
    return (None if has_errors(problems) else value), problems


def _keys(
    r: NodeReader, node: MappingNode, what: str, keys: tuple[str, ...]
) -> dict[str, Node] | None:
    """The file's keys, all required; None when `format` is a version we do not read."""
    if not r.format_ok(node, what, FORMAT_VERSION):
        return None
    return r.mapping(node, what, ("format", *keys), ("format", *keys)) or {}


def _text(r: NodeReader, keys: dict[str, Node], key: str, max_length: int = MAX_LINE) -> str:
    return (r.text(keys[key], f"'{key}'", max_length) if key in keys else "") or ""


def _list(r: NodeReader, keys: dict[str, Node], key: str) -> list[Node]:
    return (r.items(keys[key], f"'{key}'") or []) if key in keys else []


def _texts(r: NodeReader, keys: dict[str, Node], key: str) -> tuple[str, ...]:
    if key not in keys:
        return ()
    return tuple(
        text for _, text in r.text_list(keys[key], f"'{key}'", "each item", MAX_LINE) or ()
    )


def _how_to_play(r: NodeReader, node: MappingNode) -> HowToPlay | None:
    keys = _keys(r, node, "the how-to-play file", ("title", "sections"))
    if keys is None:
        return None
    sections = []
    for item in _list(r, keys, "sections"):
        section = (
            r.mapping(item, "a section", ("heading", "body", "scoring"), ("heading", "body")) or {}
        )
        scoring = r.flag(section["scoring"], "'scoring'") if "scoring" in section else None
        body = _text(r, section, "body", MAX_BODY)
        for name in PLACEHOLDER.findall(body):
            if name not in HOW_TO_PLAY_PLACEHOLDERS:
                r.error(
                    section["body"],
                    f"unknown placeholder {{{name}}} in a section's 'body'",
                    "a section may use {passes}: how many passes each player has",
                )
        sections.append(Section(_text(r, section, "heading"), body, scoring))
    return HowToPlay(_text(r, keys, "title"), tuple(sections))


def _feelings(r: NodeReader, node: MappingNode) -> tuple[FeelingFamily, ...] | None:
    keys = _keys(r, node, "the feelings file", ("families",))
    if keys is None:
        return None
    families = []
    names: set[str] = set()
    words: set[str] = set()
    for item in _list(r, keys, "families"):
        family = r.mapping(
            item, "a family", ("name", "colour", "words"), ("name", "colour", "words")
        )
        family = family or {}
        name = _text(r, family, "name")
        if name in names:
            r.error(family["name"], f"the family {quote(name)} is listed twice", "remove one")
        names.add(name)
        colour = _text(r, family, "colour")
        if colour and not COLOUR.match(colour):
            r.error(family["colour"], f"{quote(colour)} is not a colour like '#F2C14E'")
        family_words = []
        listed = (
            r.text_list(family["words"], "'words'", "each word", 40) if "words" in family else []
        )
        for word_node, word in listed or []:
            if word in words:
                r.error(
                    word_node, f"the word {quote(word)} is listed twice", "keep it in one family"
                )
            words.add(word)
            family_words.append(word)
        families.append(FeelingFamily(name, colour, tuple(family_words)))
    return tuple(families)


def _starters(r: NodeReader, node: MappingNode) -> Starters | None:
    keys = _keys(r, node, "the starters file", ("deepening", "felt"))
    if keys is None:
        return None
    return Starters(_texts(r, keys, "deepening"), _texts(r, keys, "felt"))


def _guide(r: NodeReader, node: MappingNode) -> ResponseGuide | None:
    keys = _keys(r, node, "the response guide", ("intro", "examples", "share_example"))
    if keys is None:
        return None
    examples = []
    for item in _list(r, keys, "examples"):
        example = r.mapping(
            item, "an example", ("story", "earns", "misses"), ("story", "earns", "misses")
        )
        example = example or {}
        examples.append(
            GuideExample(
                story=_text(r, example, "story", MAX_BODY),
                earns=_responses(r, example.get("earns"), "earns", EARNING_KINDS),
                misses=_responses(r, example.get("misses"), "misses", MISSING_KINDS),
            )
        )
    return ResponseGuide(
        _text(r, keys, "intro", MAX_BODY), tuple(examples), _share_example(r, keys)
    )


def _share_example(r: NodeReader, keys: dict[str, Node]) -> ShareExample:
    if "share_example" not in keys:
        return ShareExample("", ())
    node = keys["share_example"]
    example = r.mapping(node, "the share example", ("story", "notes"), ("story", "notes")) or {}
    notes = _texts(r, example, "notes")
    fewest, most = SHARE_NOTES
    if notes and not fewest <= len(notes) <= most:
        r.error(
            example["notes"],
            f"the share example has {len(notes)} note{'' if len(notes) == 1 else 's'}; "
            f"it needs {fewest} to {most}",
            "keep the few that matter most" if len(notes) > most else "add a note",
        )
    return ShareExample(_text(r, example, "story", MAX_BODY), notes)


def _responses(
    r: NodeReader, node: Node | None, what: str, kinds: tuple[str, ...]
) -> tuple[GuideResponse, ...]:
    responses = []
    for item in _list(r, {what: node} if node is not None else {}, what):
        keys = r.mapping(item, "a response", ("kind", "text", "why"), ("kind", "text", "why")) or {}
        kind = (r.choice(keys["kind"], "the kind", kinds) if "kind" in keys else "") or ""
        responses.append(GuideResponse(kind, _text(r, keys, "text"), _text(r, keys, "why")))
    return tuple(responses)
