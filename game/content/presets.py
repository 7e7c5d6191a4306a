"""Rules presets as data: decks/presets/*.yaml become core `Rules`, checked like decks are.

A preset spells out every number the engine uses (points per award kind, passes, rounds, the
level schedule, scoring and the gentle timers), so a group can see and change the rules
without touching code. The format is described in docs/deck-format.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
from yaml.nodes import MappingNode, Node

from game import resources
from game.content.node_reader import NodeReader
from game.content.problems import Phrase, Problem, display_path, error, has_errors, says
from game.content.yamlsafe import compose_file
from game.core.cards import Mode
from game.core.rules import AWARD_ORDER, AwardKind, LevelPace, Rules, Scoring

WHAT_DECK_RULES = Phrase("what_deck_rules")  # said only when a deck's rules have a problem

FORMAT_VERSION = 1
PRESET_KEYS = (
    "format",
    "id",
    "name",
    "description",
    "modes",
    "points",
    "passes",
    "rounds",
    "levels",
    "scoring",
    "goal",
    "closing_card",
    "timers",
)
PRESET_REQUIRED = (
    "format",
    "id",
    "name",
    "modes",
    "points",
    "passes",
    "levels",
    "scoring",
    "closing_card",
    "timers",
)
# A deck's own `rules:` (format 1.1) take the same keys, all optional, and `preset`: the
# rules preset they change (default: classic). The deck already says its format, and its
# id, name and modes stand in for the rules' own when they are left out; the keys a preset
# must have (`INHERITED`) come from the named preset when left out. `rounds` and `goal` are
# the game's length and the deck's own: left out, no round limit and no goal, as in a preset.
INLINE_KEYS = (*PRESET_KEYS, "preset")
INLINE_REQUIRED: tuple[str, ...] = ()
INHERITED = tuple(key for key in PRESET_REQUIRED if key not in ("format", "id", "name", "modes"))
DEFAULT_BASE = "classic"
LEVELS_KEYS = ("pace", "rounds_per_level", "minutes_per_level")
TIMER_KEYS = ("share_seconds", "respond_seconds")
AWARD_KEYS = tuple(kind.value for kind in AWARD_ORDER)
PACES = tuple(pace.value for pace in LevelPace)
SCORINGS = tuple(scoring.value for scoring in Scoring)
MODES = tuple(mode.value for mode in Mode)
# Which schedule key goes with which pace.
_PACE_KEY = {LevelPace.ROUNDS: "rounds_per_level", LevelPace.MINUTES: "minutes_per_level"}


def preset_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".yaml", ".yml") and not path.name.startswith(".") and path.is_file()
    )


# Keys only a preset has: a file with one of these at the top and no `cards:` is a preset.
_PRESET_ONLY = ("points", "passes", "scoring", "closing_card", "timers", "goal")
_TOP_KEY = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.MULTILINE)
_MAX_SNIFF = 16 * 1024 * 1024  # a bigger file is no preset: the deck loader refuses it


def is_preset_file(path: str) -> bool:
    """Whether `inkind check` reads this file as a rules preset rather than a deck: it is
    an ordinary file with no top-level `cards:`, and it is in a folder named `presets` or has
    a key only a preset has (`passes`, `points`, `scoring`...). Anything else is a deck (so a
    pipe or a folder named like a deck is reported as the deck loader reports it)."""
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > _MAX_SNIFF:
            return False
        with open(path, "rb") as file:
            text = file.read(_MAX_SNIFF).decode("utf-8", "replace")
    except OSError:
        return False
    keys = set(_TOP_KEY.findall(text))
    if "cards" in keys:
        return False
    in_presets = os.path.basename(os.path.dirname(os.path.abspath(path))) == "presets"
    return in_presets or any(key in keys for key in _PRESET_ONLY)


@attrs.frozen
class PresetResult:
    """One preset file after checking: its Rules when it has no errors, and every problem."""

    path: str
    rules: Rules | None
    problems: tuple[Problem, ...]


def check_presets(paths: list[str]) -> list[PresetResult]:
    """Each preset file checked as the game checks decks/presets, and an id used twice."""
    results = []
    where: dict[str, str] = {}
    for path in paths:
        rules, problems = load_preset(path)
        if rules is not None and rules.id in where:
            message = says("preset_id_taken", id=f"'{rules.id}'", path=where[rules.id])
            hint = says("hint_preset_id_taken")
            problems += (error(path, *_id_position(path), message, hint),)
            rules = None
        elif rules is not None:
            where[rules.id] = path
        results.append(PresetResult(path, rules, problems))
    return results


def _id_position(path: str) -> tuple[int | None, int | None]:
    """Where the preset's `id` value is (1-based line and column), for a message about it."""
    node, _ = compose_file(path)
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id":
                return value.start_mark.line + 1, value.start_mark.column + 1
    return None, None


def load_presets(folder: Path | None = None) -> tuple[dict[str, Rules], tuple[Problem, ...]]:
    """Every preset in the folder (default: the built-in decks/presets) by id, and all problems."""
    folder = resources.presets_dir() if folder is None else folder
    presets: dict[str, Rules] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    files = preset_files(folder)
    if not files:
        problems.append(error(display_path(folder), None, None, says("no_presets_here")))
    for path in files:
        rules, found = load_preset(display_path(path))
        problems.extend(found)
        if rules is None:
            continue
        if rules.id in presets:
            problems.append(
                error(
                    display_path(path),
                    None,
                    None,
                    says("preset_id_taken", id=f"'{rules.id}'", path=where[rules.id]),
                )
            )
            continue
        presets[rules.id] = rules
        where[rules.id] = display_path(path)
    return presets, tuple(problems)


def load_preset(path: str) -> tuple[Rules | None, tuple[Problem, ...]]:
    node, problems = compose_file(path)
    if node is None:
        return None, problems
    reader = NodeReader(path)
    rules = _read_preset(reader, node)
    problems = reader.sorted_problems()
    return (None if has_errors(problems) else rules), problems


def _read_preset(r: NodeReader, node: Node) -> Rules | None:
    """The preset, built with stand-ins where a value was wrong; dropped on any error."""
    if not isinstance(node, MappingNode):
        r.expected(node, Phrase("what_preset_file"), Phrase("kind_file_mapping"))
        return None
    if not r.format_ok(node, Phrase("what_this_preset"), FORMAT_VERSION):
        return None
    keys = r.mapping(node, Phrase("what_the_preset"), PRESET_KEYS, PRESET_REQUIRED) or {}
    return rules_from_keys(r, keys)


_builtin_presets: dict[str, Rules] | None = None


def builtin_presets() -> dict[str, Rules]:
    """The built-in rules presets by id, read once (a deck's `rules:` change one of them)."""
    global _builtin_presets
    if _builtin_presets is None:
        _builtin_presets = load_presets()[0]
    return _builtin_presets


def read_inline_rules(
    r: NodeReader,
    node: Node,
    default_id: str,
    default_name: str,
    presets: dict[str, Rules] | None = None,
) -> Rules | None:
    """A deck's own `rules:`: what they give, over the preset they name (None after an error).

    `presets` are the presets they may name (default: the built-in ones)."""
    if not isinstance(node, MappingNode):
        r.expected(node, WHAT_DECK_RULES, Phrase("kind_preset_mapping"), "")
        return None
    if not r.format_ok(node, WHAT_DECK_RULES, FORMAT_VERSION):
        return None
    keys = r.mapping(node, WHAT_DECK_RULES, INLINE_KEYS, INLINE_REQUIRED)
    if keys is None:
        return None
    presets = builtin_presets() if presets is None else presets
    base_id = DEFAULT_BASE
    if "preset" in keys:
        base_id = r.slug(keys["preset"], Phrase("what_rules_preset")) or DEFAULT_BASE
        if base_id not in presets:
            names = ", ".join(f"'{name}'" for name in sorted(presets))
            r.error(
                keys["preset"],
                says("no_such_preset", preset=f"'{base_id}'"),
                says("hint_the_presets_are", presets=names) if names else "",
            )
            return None
    base = presets.get(base_id)
    if base is None:  # the built-in presets are missing: every key must be given
        r.mapping(node, WHAT_DECK_RULES, INLINE_KEYS, INHERITED)
    return rules_from_keys(r, keys, default_id, default_name, base)


def rules_from_keys(
    r: NodeReader,
    keys: dict[str, Node],
    default_id: str = "",
    default_name: str = "",
    base: Rules | None = None,
) -> Rules:
    """The rules a preset's checked keys give, with stand-ins where a value was wrong.

    With `base` (a deck's own rules over a preset) a key left out, or a key left out of
    `points`, `levels` or `timers`, is the base's."""
    pace, rounds_per_level, minutes_per_level = _schedule(r, keys.get("levels"), base)
    scoring = (
        Scoring(r.choice(keys["scoring"], Phrase("what_scoring"), SCORINGS) or "versus")
        if "scoring" in keys
        else base.scoring
        if base is not None
        else Scoring.VERSUS
    )
    goal = None
    if "goal" in keys:
        goal = r.whole_number(keys["goal"], "'goal'", 1, 100_000)
        if scoring is not Scoring.TOGETHER:
            r.error(keys["goal"], says("goal_only_together"), says("hint_remove_it"))
    timers = (
        (r.mapping(keys["timers"], "'timers'", TIMER_KEYS, () if base else TIMER_KEYS) or {})
        if "timers" in keys
        else {}
    )
    share_seconds = _number(r, timers, "share_seconds", 0, 3600)
    respond_seconds = _number(r, timers, "respond_seconds", 0, 3600)
    points = _points(r, keys["points"], base is None) if "points" in keys else {}
    passes = _number(r, keys, "passes", 0, 20)
    if base is not None:
        points = {**base.points, **points}
        passes = base.passes_per_player if passes is None else passes
        share_seconds = base.share_seconds if share_seconds is None else share_seconds
        respond_seconds = base.respond_seconds if respond_seconds is None else respond_seconds
    return Rules(
        id=(r.slug(keys["id"], Phrase("what_preset_id")) if "id" in keys else default_id) or "",
        name=(
            r.text(keys["name"], Phrase("what_preset_name"), 40, True)
            if "name" in keys
            else default_name
        )
        or "",
        description=(
            r.text(keys["description"], "'description'", 500) if "description" in keys else ""
        )
        or "",
        points=points,
        passes_per_player=passes or 0,
        rounds=_number(r, keys, "rounds", 1, 100),
        level_pace=pace,
        rounds_per_level=rounds_per_level,
        minutes_per_level=minutes_per_level,
        scoring=scoring,
        goal=goal,
        closing_card=bool(r.flag(keys["closing_card"], "'closing_card'"))
        if "closing_card" in keys
        else base.closing_card
        if base is not None
        else True,
        share_seconds=share_seconds or 0,
        respond_seconds=respond_seconds or 0,
        modes=_modes(r, keys["modes"]) if "modes" in keys else MODES,
    )


def _number(
    r: NodeReader, keys: dict[str, Node], key: str, lowest: int, highest: int
) -> int | None:
    return r.whole_number(keys[key], f"'{key}'", lowest, highest) if key in keys else None


def _points(r: NodeReader, node: Node, every: bool = True) -> dict[AwardKind, int]:
    keys = r.mapping(node, "'points'", AWARD_KEYS, AWARD_KEYS if every else ()) or {}
    return {
        kind: r.whole_number(
            keys[kind.value], Phrase("what_points_for", kind=f"'{kind.value}'"), 0, 100
        )
        or 0
        for kind in AWARD_ORDER
        if kind.value in keys
    }


def _schedule(
    r: NodeReader, node: Node | None, base: Rules | None = None
) -> tuple[LevelPace, int | None, int | None]:
    """The level schedule: the pace, and the rounds or minutes per level that go with it.

    Over a `base` the pace may be left out (the base's), and so may the schedule of the
    base's own pace."""
    if node is None:
        if base is not None:
            return base.level_pace, base.rounds_per_level, base.minutes_per_level
        return LevelPace.ROUNDS, None, None
    keys = r.mapping(node, "'levels'", LEVELS_KEYS, () if base else ("pace",)) or {}
    pace = (
        LevelPace(r.choice(keys["pace"], Phrase("what_pace"), PACES) or "rounds")
        if "pace" in keys
        else base.level_pace
        if base is not None
        else LevelPace.ROUNDS
    )
    for key in ("rounds_per_level", "minutes_per_level"):
        if key in keys and _PACE_KEY.get(pace) != key:
            wanted = "rounds" if key == "rounds_per_level" else "minutes"
            r.error(
                keys[key],
                says("only_for_pace", key=f"'{key}'", pace=wanted),
                says("hint_remove_it"),
            )
    rounds = _number(r, keys, "rounds_per_level", 1, 100)
    minutes = _number(r, keys, "minutes_per_level", 1, 600)
    if base is not None and pace is base.level_pace:
        rounds = base.rounds_per_level if rounds is None else rounds
        minutes = base.minutes_per_level if minutes is None else minutes
    return pace, rounds, minutes


def _modes(r: NodeReader, node: Node) -> tuple[str, ...]:
    modes: list[str] = []
    for item in r.items(node, "'modes'") or ():
        mode = r.choice(item, Phrase("what_mode"), MODES)
        if mode in modes:
            r.error(item, says("mode_twice", mode=f"'{mode}'"), says("hint_remove_one"))
        elif mode is not None:
            modes.append(mode)
    return tuple(modes)
