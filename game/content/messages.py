"""Every English text a translator translates, found in the YAML files where it is written.

English is written in YAML (assets/text/en/*.yaml) and checked there (ui_text.py, words.py);
this module lists its texts as messages, each with a context that names it for good:
- ui.yaml: the key (`title_new_game`), with the file's `# ---- section` heading and the
  comment lines just above the key as the note to translators;
- the other files: the file's name and the path to the text (`how_to_play.sections.2.body`,
  `feelings.families.0.words.3`). Colours, kinds, flags and `format` are not words;
- problems.yaml, the sentences of deck problems: flat like ui.yaml, each key's context is
  `problems.<key>` (its notes as ui.yaml's). Compiled apart from the rest
  (translations.py), so a start never reads them.

The same walk reads a translator's keyed YAML (tools/po_from_yaml.py), so the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content.problems import Problem, display_path
from game.content.ui_text_keys import KEY_LIST
from game.content.yamlsafe import STR_TAG, compose_file
from game.resources import text_dir

UI_FILE = "ui.yaml"
WORD_FILES = ("how_to_play.yaml", "response_guide.yaml", "feelings.yaml", "starters.yaml")
PROBLEMS_FILE = "problems.yaml"
PROBLEMS = "problems."  # the context of a deck problem's text: problems.<key>
FILES = (UI_FILE, *WORD_FILES, PROBLEMS_FILE)
FLAT = ("ui", "problems")  # files that are one mapping of key -> text (or plural forms)
NOT_WORDS = frozenset({"format", "colour", "kind", "scoring"})
_SECTION = re.compile(r"#\s*-{2,}\s*(.+?)\s*$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@attrs.frozen
class Message:
    """One text to translate: `text`, or for a counted text its English plural forms."""

    context: str
    text: str  # the English text (the "other" form's partner "one" for a plural)
    plural: str | None  # the English "other" form of a counted text, else None
    comments: tuple[str, ...]
    source: str  # file:line of the English text
    line: int

    @property
    def placeholders(self) -> frozenset[str]:
        found = set(_PLACEHOLDER.findall(self.text))
        if self.plural is not None:
            found |= set(_PLACEHOLDER.findall(self.plural))
        return frozenset(found)


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


@attrs.frozen
class Keyed:
    """A text found in a keyed YAML file: its context, the text (or plural forms) and line."""

    context: str
    value: str | dict[str, str]
    line: int


def keyed_texts(path: Path, stem: str) -> tuple[list[Keyed], tuple[Problem, ...]]:
    """Every text of one YAML file of words, by context (English's or a translation's)."""
    root, problems = compose_file(path)
    if root is None:
        return [], problems
    if stem in FLAT:
        return list(_ui_texts(root, _prefix(stem))), problems
    return list(_walk(root, stem)), problems


def _prefix(stem: str) -> str:
    return PROBLEMS if stem == "problems" else ""


def _ui_texts(root: Node, prefix: str = "") -> Iterator[Keyed]:
    if not isinstance(root, MappingNode):
        return
    for key_node, value_node in root.value:
        if not isinstance(key_node, ScalarNode):
            continue
        line = key_node.start_mark.line + 1
        if isinstance(value_node, ScalarNode) and value_node.tag == STR_TAG:
            yield Keyed(prefix + key_node.value, value_node.value, line)
        elif isinstance(value_node, MappingNode):
            forms = {
                f.value: t.value
                for f, t in value_node.value
                if isinstance(f, ScalarNode) and isinstance(t, ScalarNode)
            }
            yield Keyed(prefix + key_node.value, forms, line)


def _walk(node: Node, path: str) -> Iterator[Keyed]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value not in NOT_WORDS:
                yield from _walk(value_node, f"{path}.{key_node.value}")
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{path}.{index}")
    elif isinstance(node, ScalarNode) and node.tag == STR_TAG:
        yield Keyed(path, node.value, node.start_mark.line + 1)


def english_messages(folder: Path | None = None) -> tuple[list[Message], tuple[Problem, ...]]:
    """English's messages, in file order: ui.yaml's, then the other files'."""
    folder = folder or text_dir("en")
    messages: list[Message] = []
    problems: list[Problem] = []
    for name in FILES:
        path = folder / name
        stem = name.removesuffix(".yaml")
        found, trouble = keyed_texts(path, stem)
        problems.extend(trouble)
        notes = _ui_notes(path, _prefix(stem)) if stem in FLAT else {}
        shown = display_path(path)
        for item in found:
            comments = list(notes.get(item.context, ()))
            if isinstance(item.value, dict):
                one, other = item.value.get("one", ""), item.value.get("other", "")
                comments.append("A counted text: each plural form of your language, with {count}.")
                text, plural = one, other
            else:
                text, plural = item.value, None
            named = sorted(placeholders(text) | placeholders(plural or ""))
            if named:
                filled = ", ".join("{" + n + "}" for n in named)
                comments.append(f"Keep {filled} as written: the game puts a value there.")
            messages.append(
                Message(
                    item.context,
                    text,
                    plural,
                    tuple(comments),
                    f"{shown}:{item.line}",
                    item.line,
                )
            )
    return messages, tuple(problems)


def _ui_notes(path: Path, prefix: str = "") -> dict[str, list[str]]:
    """ui.yaml's (or problems.yaml's) notes to translators: its section heading ("Screen:
    title") and the comment lines right above a key, by context."""
    notes: dict[str, list[str]] = {}
    section = ""
    above: list[str] = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return notes
    for line in lines:
        heading = _SECTION.match(line)
        if heading:
            section, above = heading.group(1), []
        elif line.startswith("#"):
            above.append(line.lstrip("#").strip())
        elif line and not line[0].isspace() and ":" in line:
            key = line.split(":", 1)[0].strip()
            if key in KEY_LIST or prefix:
                notes[prefix + key] = ([f"Screen: {section}"] if section else []) + above
            above = []
        elif not line.strip():
            above = []
    return notes
