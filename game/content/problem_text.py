"""The words of deck problems (problems.py's `Says`), in English or in the player's language.

English is assets/text/en/problems.yaml: a flat mapping key -> text, or for a text with
{count} its plural forms `{one: ..., other: ...}`, like ui.yaml. It is read on the first
problem said, never at start-up. Each other language's translations are compiled from its
catalog into assets/locale/<language>/problems.json, beside inkind.json and apart from it,
so a start that reads inkind.json reads none of them (docs/translating.md); a text the
catalog lacks, or fills with other placeholders than English's, is said in English.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from game.content.languages import ENGLISH, load_catalog, locale_dir
from game.resources import text_dir

FILE_NAME = "problems.yaml"
COMPILED_NAME = "problems.json"
MAX_BYTES = 1024 * 1024
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

Entry = str | dict[str, str]


class Says(str):
    """A sentence of problems.yaml, in English, with its key and the values it fills.

    A value is put in as written (quoted names, numbers), or is itself a `Says` (a noun
    phrase such as "the prompt"), said in the same language. `count`, when given, chooses
    the plural form; its digits are written by a `number` value where the text needs them.
    Equal to, and hashed as, its English text.
    """

    key: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, key: str, values: tuple[tuple[str, object], ...] = ()) -> Says:
        if any(isinstance(value, Phrase) for _, value in values):
            values = tuple(
                (name, value.said() if isinstance(value, Phrase) else value)
                for name, value in values
            )
        said = super().__new__(cls, english_text().fill(key, values))
        said.key = key
        said.values = values
        return said

    def __reduce__(self) -> tuple[object, ...]:
        return Says, (self.key, self.values)


class Phrase:
    """A text of problems.yaml named where a problem may need it ("the prompt"), said only
    when one does: a reader passes it for every card, so it costs nothing until then."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = tuple(values.items())

    def __repr__(self) -> str:
        return f"Phrase({self.key!r})"

    def said(self) -> Says:
        return Says(self.key, self.values)


def says(key: str, /, **values: object) -> Says:
    """The sentence of problems.yaml's `key` with these values."""
    return Says(key, tuple(values.items()))


def compiled_path(language: str) -> Path:
    return locale_dir() / language / COMPILED_NAME


class ProblemText:
    """The texts of one language: call `said(says)` for its sentence."""

    __slots__ = ("language", "texts", "rtl", "_plural")

    def __init__(
        self,
        language: str,
        texts: dict[str, Entry],
        plural: Callable[[int], str] | None = None,
        rtl: bool = False,
    ) -> None:
        self.language = language
        self.texts = texts
        self.rtl = rtl
        self._plural = plural or (lambda n: "one" if n == 1 else "other")

    def said(self, text: str, wrap: Callable[[object], object] | None = None) -> str:
        """`text` in this language: a `Says` said with its values (each through `wrap`, if
        given: the game's isolates around a right to left value); a plain str as it is."""
        if not isinstance(text, Says):
            return text
        if self.language == ENGLISH and wrap is None:
            return str.__str__(text)
        values = tuple(
            (name, self.said(value, wrap) if isinstance(value, Says) else value)
            for name, value in text.values
        )
        if wrap is not None:
            values = tuple((name, wrap(value)) for name, value in values)
        return self.fill(text.key, values)

    def fill(self, key: str, values: tuple[tuple[str, object], ...]) -> str:
        """The text of `key`, its plural form chosen by `count`, its placeholders filled."""
        entry = self.texts.get(key)
        if entry is None:  # a key English lacks (a test catches it): say what is known
            return " ".join([key, *(str(value) for _, value in values)])
        if isinstance(entry, dict):
            count = dict(values).get("count")
            form = "other"
            if isinstance(count, int) and not isinstance(count, bool):
                form = self._plural(count)
            entry = entry.get(form, entry["other"])
        return entry.format_map(_Kept(values)) if values else entry


class _Kept(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_lock = threading.Lock()
_loaded: dict[str, ProblemText] = {}


def english_text() -> ProblemText:
    """English's texts, read once (a deck is read in a thread; the page says it in another)."""
    found = _loaded.get(ENGLISH)
    if found is not None:
        return found
    with _lock:
        found = _loaded.get(ENGLISH)
        if found is None:
            found = _loaded[ENGLISH] = ProblemText(ENGLISH, read_english())
        return found


def problem_text(language: str) -> ProblemText:
    """The texts of `language`: its compiled translations over English's, read once."""
    base = english_text()
    if language == ENGLISH:
        return base
    with _lock:
        found = _loaded.get(language)
    if found is not None:
        return found
    catalog = load_catalog(language, compiled_path(language))
    if catalog is None:
        found = ProblemText(language, base.texts)
    else:
        texts = dict(base.texts)
        for key, value in catalog.texts.items():
            english = base.texts.get(key)
            if english is not None and _fits(value, english):
                texts[key] = value
        found = ProblemText(language, texts, catalog.plural_form, catalog.rtl)
    with _lock:
        _loaded[language] = found
    return found


def placeholders(entry: Entry) -> frozenset[str]:
    texts = entry.values() if isinstance(entry, dict) else (entry,)
    return frozenset(name for text in texts for name in _PLACEHOLDER.findall(text))


def _fits(value: Entry, english: Entry) -> bool:
    """A translation the game can say: English's placeholders (a plural form other than
    "other" may leave {count} out) and, for a counted text, plural forms."""
    wanted = placeholders(english)
    if isinstance(value, str):
        return isinstance(english, str) and placeholders(value) == wanted
    if not isinstance(english, dict) or "other" not in value:
        return False
    return all(
        placeholders(text) <= wanted
        and (
            placeholders(text) == wanted
            or form != "other"
            and wanted - placeholders(text) <= {"count"}
        )
        for form, text in value.items()
    )


def read_english(path: Path | None = None) -> dict[str, Entry]:
    """problems.yaml's texts. Its strict check is `inkind translations check` and
    tests/content/test_problem_text.py; here a file that cannot be read says keys."""
    import yaml

    from game.store.safe_read import read_regular

    path = path or text_dir(ENGLISH) / FILE_NAME
    try:
        data = yaml.load(read_regular(path, MAX_BYTES), Loader=yaml.CSafeLoader)
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    texts: dict[str, Entry] = {}
    for key, value in data.items():
        if isinstance(value, str):
            texts[str(key)] = value
        elif (
            isinstance(value, dict)
            and isinstance(value.get("other"), str)
            and all(isinstance(text, str) for text in value.values())
        ):
            texts[str(key)] = {str(form): text for form, text in value.items()}
    return texts
