"""NodeReader: reads composed YAML nodes into plain values, strictly, collecting every problem.

Shared by the deck, preset and words loaders so that the same mistake gets the same message
in every file. Nothing is converted behind the author's back: `42` is not text and `"2"` is
not a number. Each read returns None after reporting a problem, so a loader can carry on and
report everything that is wrong at once.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Sequence

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content.problems import SHOWN_PER_KIND, Phrase, Problem, Says, error, quote, says, warning
from game.content.yamlsafe import BOOL_TAG, FLOAT_TAG, INT_TAG, NULL_TAG, STR_TAG

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_NUMBERS = SafeConstructor()  # only its int parsing is used: 1_000, 0x1F, +5 ...
# No whole number in our formats needs more digits. A longer one is refused before it is
# converted: Python refuses to convert (or print) an int of more than 4,300 decimal digits,
# and a hex or sexagesimal one converts but could not be printed in a message.
MAX_DIGITS = 18
# What is not a digit in YAML 1.1's ways of writing an int: sign, 0x/0b/0o, '_' and ':'.
_NOT_DIGITS = re.compile(r"\A[-+]?(?:0[xXbBoO])?|[_:]")
_TRUE = frozenset({"yes", "true", "on"})
_KIND_NAMES = {
    INT_TAG: Phrase("kind_number"),
    FLOAT_TAG: Phrase("kind_decimal"),
    BOOL_TAG: Phrase("kind_true_false"),
    "tag:yaml.org,2002:timestamp": Phrase("kind_date"),
}
_MAPPING, _LIST = Phrase("kind_a_mapping"), Phrase("kind_list")
_TEXT, _EMPTY = Phrase("kind_text"), Phrase("kind_empty")
# What a problem names: a noun phrase of problems.yaml ("the prompt") or a YAML key in
# quotes ("'modes'"), which is said as written in every language.
What = str | Phrase


def quoted_list(names: Sequence[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def slugify(text: str, max_length: int = 40) -> str:
    """Lowercase ASCII letters and digits joined by '-', cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    return slug


class NodeReader:
    """Reads values from nodes of one file and keeps the problems it finds, in order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.guesses = 0  # "did you mean ...?" hints worked out so far
        # Each different text kept once for the whole file (a deck's tags and repeated
        # follow-ups: an 8,000-card deck's 51,000 texts are 24,000 different ones).
        self.kept: dict[str, str] = {}
        # And each different list of texts (the tags: a deck's cards share a few sets).
        self.kept_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    # ------------------------------------------------------------ reporting

    def error(self, node: Node | None, message: str | Says, hint: str | Says = "") -> None:
        line, col = position(node)
        self.problems.append(error(self.path, line, col, message, hint))

    def warn(self, node: Node | None, message: str | Says, hint: str | Says = "") -> None:
        line, col = position(node)
        self.problems.append(warning(self.path, line, col, message, hint))

    def sorted_problems(self) -> tuple[Problem, ...]:
        """File order: problems without a position first, then by line and column."""
        return tuple(sorted(self.problems, key=lambda p: (p.line or 0, p.col or 0)))

    # ------------------------------------------------------------ mappings

    def mapping(
        self,
        node: Node,
        what: What,
        keys: Collection[str] | None,
        required: Sequence[str] = (),
        misplaced: dict[str, tuple[Phrase, Phrase]] | None = None,
        hint: str | Phrase = "",
    ) -> dict[str, Node] | None:
        """The values of a mapping by key, after checking every key.

        `keys` None allows any key. `misplaced` maps a key that is known elsewhere to the
        message and hint to give here.
        Missing required keys are reported at the mapping's start.
        """
        if not isinstance(node, MappingNode):
            self.expected(node, what, says("kind_mapping"), _said(hint))
            return None
        values: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, what)
            if key is None:
                continue
            if key in first_line:
                self.error(
                    key_node,
                    says("key_twice", key=quote(key), what=what, line=first_line[key]),
                    says("hint_key_twice"),
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            if keys is None or key in keys:
                values[key] = value_node
            elif misplaced and key in misplaced:
                said, how = misplaced[key]
                self.error(key_node, said.said(), how.said())
            else:
                self.unknown_key(key_node, key, what, keys)
        for key in required:
            if key not in first_line:
                self.error(
                    node, says("key_missing", what=what, key=key), says("hint_add_key", key=key)
                )
        return values

    def key(self, node: Node, what: What) -> str | None:
        if isinstance(node, ScalarNode) and node.value != "":
            return str(node.value)
        self.error(node, says("key_not_word", what=what), says("hint_key_not_word"))
        return None

    def unknown_key(self, node: Node, key: str, what: What, keys: Collection[str]) -> None:
        # Guessing costs most of the time a file of 100,000 unknown keys takes; past the ten
        # `inkind check` shows of a kind (problems.capped), the hint lists the keys instead.
        self.guesses += 1
        close = (
            difflib.get_close_matches(key.lower(), list(keys), n=1, cutoff=0.6)
            if self.guesses <= SHOWN_PER_KIND
            else []
        )
        hint = (
            says("hint_did_you_mean", name=f"'{close[0]}'")
            if close
            else says("hint_the_keys_are", keys=quoted_list(list(keys)))
        )
        self.error(node, says("key_unknown", key=quote(key), what=what), hint)

    # ------------------------------------------------------------ lists

    def items(self, node: Node, what: What, allow_empty: bool = False) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            hint: str | Says = ""
            if isinstance(node, ScalarNode) and node.tag == STR_TAG and node.value:
                hint = says("hint_write_a_list", item=quote(node.value)[1:-1])
            self.expected(node, what, says("kind_list"), hint)
            return None
        if not node.value and not allow_empty:
            self.error(node, says("list_empty", what=what), says("hint_list_empty"))
            return None
        return list(node.value)

    def text_list(
        self,
        node: Node,
        what: What,
        item: What,
        max_length: int,
        pattern: re.Pattern[str] | None = None,
    ) -> list[tuple[Node, str]] | None:
        """Each item as (node, trimmed text); None if the list itself is wrong."""
        items = self.items(node, what)
        if items is None:
            return None
        texts = []
        for item_node in items:
            value = self.text(item_node, item, max_length)
            if value is not None and pattern is not None and not pattern.match(value):
                self.error(
                    item_node,
                    says("not_slug", what=item, value=quote(value)),
                    says("hint_try", value=f"'{slugify(value)}'") if slugify(value) else "",
                )
                value = None
            if value is not None:
                texts.append((item_node, value))
        return texts

    # ------------------------------------------------------------ scalars

    def text(
        self, node: Node, what: What, max_length: int, single_line: bool = False
    ) -> str | None:
        """Trimmed, non-empty text of at most `max_length` characters."""
        if not (isinstance(node, ScalarNode) and node.tag == STR_TAG):
            hint: str | Says = ""
            if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
                hint = says("hint_put_in_quotes", value=quote(node.value)[1:-1])
            self.expected(node, what, says("kind_text"), hint)
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, says("text_empty", what=what), says("hint_text_empty"))
            return None
        if len(value) > max_length:
            self.error(
                node,
                says("text_too_long", what=what, count=len(value), limit=max_length),
                says("hint_shorten"),
            )
            return None
        if single_line and "\n" in value:
            self.error(node, says("text_one_line", what=what), says("hint_join_lines"))
            return None
        return self.keep(value)

    def keep(self, value: str) -> str:
        """`value` as the reading keeps it: a fresh copy, the same one for every equal text."""
        kept = self.kept.get(value)
        if kept is None:
            kept = self.kept[value] = fresh(value)
        return kept

    def keep_all(self, values: Sequence[str]) -> tuple[str, ...]:
        """`values` kept (`keep`) in one tuple, the same tuple for every equal list."""
        if not values:
            return ()
        key = tuple(values)
        kept = self.kept_tuples.get(key)
        if kept is None:
            kept = self.kept_tuples[key] = tuple([self.keep(value) for value in values])
        return kept

    def slug(self, node: Node, what: What, max_length: int = 64) -> str | None:
        value = self.text(node, what, max_length)
        if value is not None and not SLUG.match(value):
            suggestion = slugify(value, max_length)
            self.error(
                node,
                says("not_slug", what=what, value=quote(value)),
                says("hint_try", value=f"'{suggestion}'") if suggestion else "",
            )
            return None
        return value

    def whole_number(
        self,
        node: Node,
        what: What,
        lowest: int,
        highest: int | None = None,
        too_long_hint: str | Phrase = "",
    ) -> int | None:
        """A whole number from `lowest` to `highest` (None: no upper limit). `too_long_hint`
        says how to fix one too long to read, where the range does not say it better."""
        if not (isinstance(node, ScalarNode) and node.tag == INT_TAG):
            hint: str | Says = ""
            if (
                isinstance(node, ScalarNode)
                and node.tag == STR_TAG
                and node.value.strip().lstrip("+-").isdigit()
            ):
                written = node.value.strip()
                hint = (
                    says("hint_remove_quotes", value=written)
                    if len(written) <= MAX_DIGITS
                    else _in_range(lowest, highest)
                )
            self.expected(node, what, says("kind_whole_number"), hint)
            return None
        digits = len(_NOT_DIGITS.sub("", str(node.value)))
        if digits > MAX_DIGITS:
            self.error(
                node,
                says("number_too_long", what=what, count=digits, number=f"{digits:,}"),
                _said(too_long_hint) or _in_range(lowest, highest),
            )
            return None
        value = int(_NUMBERS.construct_yaml_int(node))
        if highest is None and value < lowest:
            self.error(node, says("number_below", what=what, value=value, lowest=lowest))
            return None
        if highest is not None and not lowest <= value <= highest:
            self.error(
                node,
                says("number_out_of_range", what=what, value=value, lowest=lowest, highest=highest),
            )
            return None
        return value

    def flag(self, node: Node, what: What) -> bool | None:
        if not (isinstance(node, ScalarNode) and node.tag == BOOL_TAG):
            hint: str | Says = ""
            if isinstance(node, ScalarNode) and node.value.lower() in ("true", "false"):
                hint = says("hint_remove_quotes", value=node.value.lower())
            self.expected(node, what, says("kind_true_or_false"), hint)
            return None
        return str(node.value).lower() in _TRUE

    def choice(self, node: Node, what: What, options: Sequence[str]) -> str | None:
        value = self.text(node, what, 100)
        if value is not None and value not in options:
            close = difflib.get_close_matches(value.lower(), list(options), n=1, cutoff=0.7)
            hint = says("hint_did_you_mean", name=f"'{close[0]}'") if close else ""
            self.error(
                node,
                says("not_one_of", what=what, value=quote(value), options=quoted_list(options)),
                hint,
            )
            return None
        return value

    def format_ok(self, node: MappingNode, what: What, version: int = 1) -> bool:
        """Whether the mapping's `format:` (if any) is the version we read.

        Checked before anything else: False means stop, since a newer format may mean anything.
        """
        value = next((value for key, value in node.value if key.value == "format"), None)
        if value is None:
            return True
        found = self.whole_number(
            value, "'format'", -(2**63), too_long_hint=Phrase("hint_write_format", version=version)
        )
        if found is None or found == version:
            return True
        if found > version:
            self.error(
                value,
                says("format_newer", what=what, found=found, version=version),
                says("hint_update"),
            )
        else:
            self.error(
                value,
                says("format_unknown", found=found),
                says("hint_write_format", version=version),
            )
        return False

    def expected(self, node: Node, what: What, kind: What, hint: str | Says = "") -> None:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            self.error(node, says("no_value", what=what), hint or says("hint_no_value"))
            return
        self.error(node, says("must_be", what=what, kind=kind, found=describe(node)), hint)


def _said(text: str | Phrase) -> str:
    return text.said() if isinstance(text, Phrase) else text


def _in_range(lowest: int, highest: int | None) -> Says:
    """How to write a number in range (said only for a number that is wrong)."""
    if highest is None:
        return says("hint_number_at_least", lowest=lowest)
    return says("hint_number_from_to", lowest=lowest, highest=highest)


def fresh(text: str) -> str:
    """A copy of `text` made now, for what a reading keeps (issue 27).

    The composed tree's strings sit among its nodes; a deck that kept them kept that part
    of the heap too, freed but not given back (an 8,000-card deck's reading left 45 MB).
    Copied once the tree is whole, what is kept sits together, and the tree's memory goes
    back whole: 15 MB."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def describe(node: Node) -> Phrase:
    """What an author would call the kind of value a node holds."""
    if isinstance(node, MappingNode):
        return _MAPPING
    if isinstance(node, SequenceNode):
        return _LIST
    if node.tag == STR_TAG:
        return _TEXT
    if node.tag == NULL_TAG:
        return _EMPTY
    return _KIND_NAMES.get(node.tag, _TEXT)


def position(node: Node | None) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    mark = node.start_mark
    return mark.line + 1, mark.column + 1
