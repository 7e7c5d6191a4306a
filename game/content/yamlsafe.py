"""Reading untrusted YAML: a deck from a stranger must never run code, exhaust memory or crash the game.

A file is read only if it is a regular file (a FIFO, a device, a folder or a symlink loop is
refused unopened, by game/store/safe_read.py) and with a size limit, checked as strict UTF-8
with only YAML's printable characters (by libyaml as it reads, `decode` saying where a
problem is) and composed into nodes (which keep their line and column) by a composer that refuses tags
that build objects, anchors and aliases (an alias bomb is refused at its first anchor, before
anything is expanded) and nesting deeper than our formats need. Events come from libyaml's C parser where present, else from PyYAML's
pure-Python parser. Nothing is ever constructed: the loaders read the nodes themselves.
Every way a file can fail becomes exactly one Problem line, never a traceback.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from game.content.problems import Phrase, Problem, error, quote, says
from game.store.safe_read import Unreadable, check_regular, read_regular

MAX_BYTES = 16 * 1024 * 1024  # a 20,000-card deck is about 5 MiB; 8 MiB must load
MAX_NESTING = 10  # lists and mappings inside each other; a deck needs 4, the response guide 5
# Keys and list items, counted from the text before anything is composed (composing 1.4
# million keys took 48 s and 1.8 GB): a 20,000-card deck has about 150,000.
MAX_ITEMS = 400_000
# Items of a limited list (`ListLimit`) built while it is composed. Past them the rest of
# the list is counted from the parser's events, nothing built: a list over its limit is
# refused holding these, not the limit's 20,000 cards (32 MB over the RSS before, now
# about half). A list that ends within its limit is composed again, whole.
HOLD_ITEMS = 10_000
LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
# Explicit tags a file may use: they only restate a plain type and construct nothing.
_SCALAR_TAGS = frozenset({STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG})
_NON_SPECIFIC = (None, "!")

# YAML 1.1 printable characters; anything else is refused before parsing, with its position.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_SEARCH_PIECE = 65_536  # characters
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# How libyaml and PyYAML say that a line sits at the wrong indentation.
_INDENTATION_CLUES = ("expected key", "expected '-' indicator", "expected <block end>")


class _Where(Protocol):
    """A place in a file (0-based), as PyYAML's Mark and libyaml's both say it."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class _ReadAgain(Exception):
    """A limited list ran past `HOLD_ITEMS` and ended within its limit: compose it again."""


class _Refused(Exception):
    """Raised inside the composer to stop at the first thing we will not read."""

    def __init__(self, mark: _Where | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


@dataclasses.dataclass(frozen=True)
class ListLimit:
    """At most `most` items in the list under the top-level key `key`, counted while composing:
    the item past it stops the reading with `message` at the list (a 100,000-card file was
    composed whole before its cards were counted: 5.95 s and 265 MB)."""

    key: str
    most: int
    message: str | Phrase  # a Phrase with values is said only when a file is refused
    # Whatever the list holds is kept as libyaml's events, not built into nodes (`lean`).
    lean: bool = False


def lean(item: Any) -> Node:
    """A node of a `ListLimit.lean` list as the nodes it would have been: the same tags,
    values and marks (a node itself as it is). A lean scalar is its `ScalarEvent`, given the
    tag its node would have; a lean list or mapping its start event, given its tag, its
    items as `value` and its end mark. Building a node costs more than reading its event,
    and a big deck's plain cards are read from their events alone (issue 27)."""
    kind = item.__class__
    if kind is ScalarEvent:
        return ScalarNode(item.tag, item.value, item.start_mark, None, item.style)
    if kind is SequenceStartEvent:
        return SequenceNode(
            item.tag,
            [lean(x) for x in item.value],
            item.start_mark,
            item.end_mark,
            item.flow_style,
        )
    if kind is MappingStartEvent:
        pairs = [(lean(k), lean(v)) for k, v in item.value]
        return MappingNode(item.tag, pairs, item.start_mark, item.end_mark, item.flow_style)
    node: Node = item
    return node


class _SafeComposer:
    """Builds nodes from parser events, refusing anchors, aliases, object tags and deep nesting.

    Mixed into a parser (libyaml's CParser or PyYAML's Parser) and the standard Resolver, which
    types plain scalars the YAML 1.1 way (`yes` is a boolean, `1` an integer).
    """

    max_nesting = MAX_NESTING
    list_limit: ListLimit | None = None
    hold = HOLD_ITEMS  # items of the limited list built before the rest are counted

    if TYPE_CHECKING:
        # Supplied by the parser and the Resolver this class is mixed into.
        def get_event(self) -> Event: ...

        # As wide as Parser's (event classes, tuples or unions of them), so the mixes type-check.
        def check_event(self, *choices: object) -> bool: ...

        def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str: ...

    def get_single_node(self) -> Node | None:
        self.get_event()  # StreamStartEvent
        document = None
        if not self.check_event(StreamEndEvent):
            self.get_event()  # DocumentStartEvent
            document = self._compose(0)
            self.get_event()  # DocumentEndEvent
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            raise _Refused(
                event.start_mark,
                says("yaml_second_document"),
                says("hint_yaml_second_document"),
            )
        self.get_event()
        return document

    def _compose(self, depth: int = 0) -> Node:
        """The document's root node, composed from the parser's events in one loop (no
        recursion: a Python call per node was a third of the composing). `depth` is the
        nesting of the root, 0."""
        get_event = self.get_event
        resolve = self.resolve
        max_nesting = self.max_nesting
        limit = self.list_limit if depth == 0 else None  # a top-level key's list
        # What a plain scalar resolves to, by its text: a deck repeats its keys on every
        # card ('prompt', 'level'), and the Resolver tries a list of patterns each time.
        resolved: dict[str, str] = {}
        sequence_node, mapping_node, scalar_node = SequenceNode, MappingNode, ScalarNode
        # The open collections, outermost first, each as (node, its list, a mapping?,
        # the key waiting for its value, most); the innermost is kept in locals.
        stack: list[tuple[Node, list[Any], bool, Node | None, int | None, bool]] = []
        node: Node | None = None
        items: list[Any] = []
        is_map = False
        thin = False  # what the open collection holds is kept lean (`ListLimit.lean`)
        key: Node | None = None
        most: int | None = None  # the limited list's most items, when it is the open one
        watch = False  # the open list is limited and holds `hold` (or `most`) items
        pending: int | None = None  # `most`, for the limited key's value when it opens
        while True:
            # Any: the branches below tell the events apart by their class, faster than
            # isinstance, which is what mypy would need to narrow them (and libyaml's marks
            # are not yaml.Mark to PyYAML's stubs, though they have its line and column).
            event: Any = get_event()
            kind = event.__class__
            if watch and kind is not SequenceEndEvent:
                # An item past what the limited list may build starts here.
                assert limit is not None and most is not None and node is not None
                if len(items) < most:
                    self._count_the_rest(len(items), most, event)  # raises _ReadAgain if fine
                raise _Refused(node.start_mark, _said(limit.message))
            if kind is ScalarEvent:
                if event.anchor is not None:
                    raise self._refuse_anchor(event)
                tag = event.tag
                if tag is None or tag == "!":
                    implicit = event.implicit
                    if implicit[0]:
                        value = event.value
                        tag = resolved.get(value)
                        if tag is None:
                            tag = resolved[value] = resolve(scalar_node, value, implicit)
                    else:
                        tag = STR_TAG
                elif tag not in _SCALAR_TAGS:
                    raise self._refuse_tag(event)
                # No end mark: nothing reads a scalar's, and a 10,000-card deck has 150,000
                # of them (one object each, kept until the deck is checked, and the heap
                # they leave behind is kept by the allocator).
                if thin:
                    event.tag = tag
                    event.end_mark = event.implicit = None  # kept no more than a node keeps
                    done: Node = event
                else:
                    done = scalar_node(tag, event.value, event.start_mark, None, event.style)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    raise self._refuse_anchor(event)
                if depth + len(stack) + (node is not None) >= max_nesting:
                    raise _Refused(
                        event.start_mark,
                        says("yaml_too_deep", limit=max_nesting),
                        says("hint_yaml_too_deep"),
                    )
                if node is not None:
                    stack.append((node, items, is_map, key, most, thin))
                tag = event.tag
                start = event.start_mark
                items = []
                if kind is SequenceStartEvent:
                    if tag not in _NON_SPECIFIC and tag != SEQ_TAG:
                        raise self._refuse_tag(event)
                    if thin:
                        event.tag, event.value, event.end_mark = SEQ_TAG, items, None
                        node = event
                    else:
                        node = sequence_node(SEQ_TAG, items, start, None, event.flow_style)
                    is_map = False
                    most, pending = pending, None
                    thin = thin or (most is not None and limit is not None and limit.lean)
                    watch = most is not None and min(most, self.hold) <= 0
                else:
                    if tag not in _NON_SPECIFIC and tag != MAP_TAG:
                        raise self._refuse_tag(event)
                    if thin:
                        event.tag, event.value, event.end_mark = MAP_TAG, items, None
                        node = event
                    else:
                        node = mapping_node(MAP_TAG, items, start, None, event.flow_style)
                    is_map = True
                    most = pending = None
                    watch = False
                key = None
                continue
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                assert node is not None
                node.end_mark = event.end_mark
                done = node
                if not stack:
                    return done
                node, items, is_map, key, most, thin = stack.pop()
                watch = False
            elif kind is AliasEvent:
                raise _Refused(
                    event.start_mark,
                    says("yaml_alias", alias=quote(f"*{event.anchor}")),
                    says("hint_yaml_alias"),
                )
            else:  # pragma: no cover - the parser yields only the events above here
                raise _Refused(event.start_mark, f"unexpected YAML event {kind.__name__}")
            if node is None:
                return done  # the root is a scalar
            if not is_map:
                items.append(done)
                if most is not None and len(items) >= min(most, self.hold):
                    watch = True
            elif key is None:
                key = done
                if (
                    not stack
                    and limit is not None
                    and done.value == limit.key
                    and done.tag == STR_TAG
                ):
                    pending = limit.most
            else:
                items.append((key, done))
                key = None
                pending = None

    def _count_the_rest(self, held: int, most: int, first: Event) -> None:
        """Count the limited list's items from the parser's events, building nothing; return
        at its item past `most` (the caller refuses the list), or raise `_ReadAgain` at its
        end. `first` is the event that starts the item after the `held` ones. Whatever the
        items hold is checked when the list is composed again."""
        count, depth, event = held, 0, first
        while True:
            if depth == 0:
                if isinstance(event, SequenceEndEvent):
                    raise _ReadAgain
                count += 1  # an item starts
                if count > most:
                    return
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                depth -= 1
            event = self.get_event()

    @staticmethod
    def _refuse_anchor(event: NodeEvent) -> _Refused:
        return _Refused(
            event.start_mark,
            says("yaml_anchor", anchor=quote("&" + str(event.anchor))),
            says("hint_yaml_anchor"),
        )

    @staticmethod
    def _refuse_tag(event: ScalarEvent | CollectionStartEvent) -> _Refused:
        return _Refused(
            event.start_mark,
            says("yaml_tag", tag=quote(short_tag(event.tag or "!"))),
            says("hint_yaml_tag"),
        )


class _PythonLoader(
    _SafeComposer,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    Resolver,
):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        Resolver.__init__(self)

    def dispose(self) -> None:
        self.states = []
        self.state = None


if LIBYAML:
    from yaml._yaml import CParser

    class _CLoader(_SafeComposer, Resolver, CParser):
        def __init__(self, text: str | bytes) -> None:
            CParser.__init__(self, text)
            Resolver.__init__(self)


def compose_file(
    path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, list_limit: ListLimit | None = None
) -> tuple[Node | None, tuple[Problem, ...]]:
    """Read, decode and compose one file. Returns the root node, or None and one Problem."""
    shown = os.fspath(path)
    try:
        data = read_limited(path, max_bytes)
        items = data.count(b":") + data.count(b"- ")  # over-counts: a colon in a sentence too
        if items > MAX_ITEMS:
            raise _Refused(
                None,
                says(
                    "file_too_many_items", count=items, number=f"{items:,}", limit=f"{MAX_ITEMS:,}"
                ),
            )
        if LIBYAML and data and not data.startswith(_UTF16_32_BOMS):
            # libyaml reads UTF-8 bytes, and copies a text it is given into them: it is given
            # the file's own bytes, so one copy of the file is held while it is composed, not
            # two (6 MB of a 100,000-card file's refusal). It checks them as it reads, as
            # `decode` does; `decode` runs only if it finds a problem (issue 27: decoding a
            # 10,000-card deck and searching it for characters YAML does not allow was 4% of
            # its load, and the decoded copy 3.4 MB more).
            unchecked = data
            return compose_text(
                data.removeprefix(_UTF8_BOM), shown, list_limit=list_limit, unchecked=unchecked
            )
        text = decode(data)
    except _Refused as refused:
        return None, (_problem(shown, refused),)
    del data  # a big file's bytes are not kept while it is composed
    return compose_text(text, shown, list_limit=list_limit)


def read_limited(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes. Anything but a regular file (a FIFO, a device such as /dev/zero, a
    folder, a symlink loop) is refused from what `stat` says, without opening it (a FIFO
    opened for reading would wait for a writer forever); so is a file over the limit."""
    where = Path(path)
    try:
        info = check_regular(where, sys.maxsize)  # what it is, whatever its size
        if info.st_size > max_bytes:
            raise _too_big(info.st_size, max_bytes)
        return read_regular(where, max_bytes)  # never blocks, and stops past the limit
    except FileNotFoundError:
        raise _Refused(None, says("file_missing")) from None
    except Unreadable as refused:
        raise _Refused(None, says("file_unreadable", reason=_reason(refused.reason))) from None


def _reason(reason: str) -> str:
    """safe_read's reason, said after "cannot be read: " ("permission denied")."""
    inner = re.fullmatch(r"it cannot be read \((.*)\)", reason)
    return inner.group(1).lower() if inner else reason


def _too_big(size: int, max_bytes: int) -> _Refused:
    limit = f"{max_bytes / (1024 * 1024):g} MiB"
    return _Refused(None, says("file_too_big", size=f"{size / 1_000_000:.1f}", limit=limit))


def decode(data: bytes) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped), with only YAML's printable characters."""
    if not data:
        raise _Refused(None, says("file_empty"), says("hint_file_empty"))
    if data.startswith(_UTF16_32_BOMS):
        raise _Refused(None, says("file_utf16"), says("hint_save_utf8"))
    if b"\x00" in data:
        raise _Refused(None, says("file_binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line, col = _line_col(data[: problem.start].decode("utf-8", errors="replace"))
        bad = data[problem.start : problem.start + 1].hex().upper()
        raise _Refused(
            yaml.Mark("", problem.start, line - 1, col - 1, None, 0),
            says("file_not_utf8", byte=f"0x{bad}"),
            says("hint_save_utf8"),
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    found = _first_not_printable(text)
    if found:
        line, col = _line_col(text[: found.start()])
        raise _Refused(
            yaml.Mark("", found.start(), line - 1, col - 1, None, 0),
            says("file_bad_character", character=f"U+{ord(found.group()):04X}"),
            says("hint_remove_it"),
        )
    if not text.strip():
        raise _Refused(None, says("file_empty"), says("hint_file_empty"))
    return text


def _decodes(data: bytes) -> bool:
    """Whether `decode(data)` would return the text (so refuse nothing), found a piece at a
    time without holding the whole text: a refused 100,000-card file's text was 6 MB more at
    its refusal's peak. False means `decode` is to say what is wrong."""
    if not data or data.startswith(_UTF16_32_BOMS) or b"\x00" in data:
        return False
    body = data.removeprefix(_UTF8_BOM)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    blank = True
    for start in range(0, len(body), _SEARCH_PIECE):
        end = start + _SEARCH_PIECE
        try:
            piece = decoder.decode(body[start:end], final=end >= len(body))
        except UnicodeDecodeError:
            return False
        if _NOT_PRINTABLE.search(piece):
            return False
        blank = blank and (not piece or piece.isspace())
    return not blank


def _first_not_printable(text: str) -> re.Match[str] | None:
    """The first character YAML does not allow, looked for a piece at a time: one search of
    a whole 1 MB deck held the interpreter's lock for 5 ms, while the game's frames waited
    (decks are read in a thread)."""
    for start in range(0, len(text), _SEARCH_PIECE):
        found = _NOT_PRINTABLE.search(text, start, start + _SEARCH_PIECE)
        if found:
            return found
    return None


def _line_col(before: str) -> tuple[int, int]:
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


_LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"


def compose_text(
    text: str | bytes,
    shown: str,
    pure_python: bool = False,
    list_limit: ListLimit | None = None,
    hold: int = HOLD_ITEMS,
    unchecked: bytes | None = None,
) -> tuple[Node | None, tuple[Problem, ...]]:
    """Compose already-decoded text (or its UTF-8 bytes, checked by `decode`, for libyaml).
    `shown` is the path to put in problems; `hold` the items of `list_limit`'s list built
    before the rest are counted.

    `unchecked`: the file's bytes, when `text` is them (less a byte-order mark) and `decode`
    has not checked them. libyaml refuses what `decode` refuses (bytes that are not UTF-8,
    characters YAML does not allow) as it reads, so a file it composes whole into a mapping
    or a list needed no other check. Anything else (a problem, no document, a lone scalar,
    which may be the whitespace `decode` calls an empty file) is `decode`'s to judge first,
    as when it ran before composing."""
    loader: _PythonLoader | _CLoader = (
        _PythonLoader(_as_text(text)) if pure_python or not LIBYAML else _CLoader(text)
    )
    loader.list_limit = list_limit
    loader.hold = hold
    failure: Exception | None = None
    try:
        node = loader.get_single_node()
    except (_Refused, _ReadAgain, yaml.YAMLError, RecursionError) as caught:
        node, failure = None, caught
        # Its traceback holds the composer's frames, and they the items built so far: let
        # them go before anything else is read or decoded.
        caught.__traceback__ = None
    finally:
        loader.dispose()
    del loader
    if (
        unchecked is not None
        and not isinstance(node, (MappingNode, SequenceNode))
        and not _decodes(unchecked)
    ):
        try:
            decode(unchecked)
        except _Refused as refused:
            return None, (_problem(shown, refused),)
    if isinstance(failure, _Refused):
        return None, (_problem(shown, failure),)
    if isinstance(failure, _ReadAgain):  # composed again, now that those items are let go
        return compose_text(text, shown, pure_python, list_limit, hold=sys.maxsize)
    if isinstance(failure, yaml.MarkedYAMLError):
        if not pure_python and _LIBYAML_DEPTH_LIMIT in (failure.problem or ""):
            # libyaml (the one in PyYAML 6.0.4's wheels) stops at 1,000 levels while it
            # scans ahead, before the composer sees the 11th and can name it; PyYAML's own
            # scanner looks ahead at most 1,024 characters, so it gets there.
            return compose_text(text, shown, pure_python=True, list_limit=list_limit)
        return None, (_syntax_problem(shown, _as_text(text), failure),)
    if isinstance(failure, yaml.YAMLError):
        return None, (error(shown, None, None, says("yaml_invalid", problem=str(failure))),)
    if isinstance(failure, RecursionError):
        return None, (error(shown, None, None, says("yaml_nested_too_deeply")),)
    if node is None:
        return None, (
            error(shown, None, None, says("file_only_comments"), says("hint_add_content")),
        )
    return node, ()


def _as_text(text: str | bytes) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else text


def _problem(shown: str, refused: _Refused) -> Problem:
    if refused.mark is None:
        return error(shown, None, None, refused.message, refused.hint)
    return error(
        shown, refused.mark.line + 1, refused.mark.column + 1, refused.message, refused.hint
    )


def _syntax_problem(shown: str, text: str, problem: yaml.MarkedYAMLError) -> Problem:
    """libyaml and PyYAML word their errors differently; say the common ones our way."""
    said = problem.problem or ""
    mark = problem.problem_mark or problem.context_mark
    message, hint = says("yaml_invalid", problem=said), says("hint_yaml_invalid")
    if "mapping values are not allowed" in said:
        message, hint = says("yaml_colon"), says("hint_yaml_colon")
    elif "cannot start any token" in said and mark is not None:
        character = _character_at(text, mark)
        if character == "\t":
            message, hint = says("yaml_tab"), says("hint_yaml_tab")
        else:
            message = says("yaml_bad_start", character=quote(character))
            hint = says("hint_yaml_bad_start", character=quote(character))
    elif "end of stream" in said and "quoted scalar" in (problem.context or ""):
        mark = problem.context_mark or mark
        message, hint = says("yaml_no_closing_quote"), says("hint_yaml_no_closing_quote")
    elif any(clue in said for clue in _INDENTATION_CLUES):
        message, hint = says("yaml_indentation"), says("hint_yaml_indentation")
    elif problem.context and "expected a single document" in problem.context:
        message, hint = says("yaml_second_document"), says("hint_yaml_second_document")
    if mark is None:
        return error(shown, None, None, message, hint)
    return error(shown, mark.line + 1, mark.column + 1, message, hint)


def _said(message: str | Phrase) -> str:
    """A ListLimit's message: a Phrase is said (problems.yaml) only when a list is refused."""
    return message.said() if isinstance(message, Phrase) else message


def _character_at(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return "?"
