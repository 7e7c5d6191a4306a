"""The words on the game's buttons and screens: English's assets/text/en/ui.yaml, and each
other language's translations of it from its compiled catalog (game/content/languages.py).

The file is a flat mapping key -> text with {name}-style placeholders. Every key the UI
uses is listed in KEYS with the placeholders it may fill, so a missing, unknown or
misspelled key, or a placeholder the game cannot fill, is an error naming file:line:col.

A text with {count} may instead be a mapping of plural forms, `{one: "{count} card",
other: "{count} cards"}`; `t(key, count=n)` picks the form the language uses for n.
A text with several numbers fills each from a counted text of its own (PARTS):
`summary_facts` fills {passes} with `summary_facts_passes`, so it says "1 pass" and "2 passes".
"""

from __future__ import annotations

import contextlib
import json
import string
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.resources import text_dir

if TYPE_CHECKING:
    from game.content.problems import Problem

# This module is on the title's path at every start, so it keeps to what pygame has already
# imported: no attrs, no PyYAML, no hashlib. The checker's imports wait until ui.yaml is read.

FILE_NAME = "ui.yaml"
MAX_TEXT = 2000  # characters in one text (the longest in English is under 200)
MAX_CACHE_BYTES = 512 * 1024  # the cache holds about 20 KB

# A text: one string, or its plural forms ({"one": ..., "other": ...}) for a text with {count}.
Entry = str | dict[str, str]

ALL_PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
# English's CLDR plural categories (tests/content/test_translations.py compares them with
# Babel's); every other language's come with its compiled catalog (game/content/languages.py).
ENGLISH_FORMS = ("one", "other")


def _english_plural(count: int) -> str:
    """English's CLDR rule: "one" for 1, "other" for every other whole number."""
    return "one" if count == 1 else "other"


from game.content.ui_text_keys import KEY_LIST  # noqa: E402  (a plain dict, no imports)

KEYS: dict[str, frozenset[str]] = {key: frozenset(names) for key, names in KEY_LIST.items()}

# Texts with several numbers: each placeholder named here is filled by the counted text
# "<key>_<placeholder>" (which has {count} and plural forms), given the number.
PARTS: dict[str, tuple[str, ...]] = {
    "summary_facts": ("cards", "passes", "rounds", "skips"),
    "summary_together": ("points",),
    "top_together_open": ("points",),
    "print_done": ("cards", "pages", "sheets"),
}


class UiTextError(ValueError):
    """ui.yaml cannot be used; every problem found is listed, one line each."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# A value written right to left (a Hebrew or Arabic name, a level's name) goes into the
# sentence between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, as Unicode asks: its
# direction is its own and the sentence keeps the language's ("נועה: 4    فاطمة: 1" is
# still a left-to-right list of scores). Browsers honour them; the table draws them so.
ISOLATE_OPEN, ISOLATE_CLOSE = "\u2068", "\u2069"
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def isolated(value: object) -> object:
    if isinstance(value, str) and any(
        char >= "\u0590" and unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in value
    ):
        return f"{ISOLATE_OPEN}{value}{ISOLATE_CLOSE}"
    return value


class UiText:
    """The checked texts of one language; call it with a key (and placeholder values)."""

    __slots__ = ("texts", "language", "rtl", "_plural")

    def __init__(
        self,
        texts: dict[str, Entry],
        language: str = "en",
        plural: Callable[[int], str] | None = None,
        rtl: bool = False,
    ) -> None:
        self.texts = texts
        self.language = language
        self.rtl = rtl  # the language is written right to left: the screens mirror
        self._plural = plural or _english_plural

    def __repr__(self) -> str:
        return f"UiText({len(self.texts)} texts, language={self.language!r})"

    def get(self, key: str, **values: object) -> str:
        """The text for `key` with its placeholders filled.

        Plural forms are chosen by `count`; a number for a placeholder in PARTS is said by
        its own counted text ("1 pass", "2 passes"); words given instead are used as they are.
        """
        entry = self.texts[key]
        text = entry if isinstance(entry, str) else self._form(entry, values.get("count"))
        for name in PARTS.get(key, ()):
            if name in values and not isinstance(values[name], str):
                values[name] = self.get(f"{key}_{name}", count=values[name])
        if not values:
            return text
        return text.format_map(_Missing({k: isolated(v) for k, v in values.items()}))

    def _form(self, forms: dict[str, str], count: object) -> str:
        """The plural form for `count` (the "other" form when there is no whole number)."""
        form = "other"
        if isinstance(count, int) and not isinstance(count, bool):
            form = self._plural(count)
        return forms.get(form, forms["other"])

    def __call__(self, key: str, **values: object) -> str:
        return self.get(key, **values)


def load_ui_text(
    language: str = "en", path: Path | None = None, cache_dir: Path | None = None
) -> UiText:
    """The UI's words in `language`: English's ui.yaml, checked, with each text the
    language's compiled catalog translates put in its place (game/content/languages.py).

    A text the catalog lacks, or has in a form the game cannot fill, stays English (and
    `inkind translations check` reports it). A language without a catalog is English.
    """
    english = load_english(path, cache_dir)
    if language == "en":
        return english
    from game.content.languages import load_catalog

    catalog = load_catalog(language)
    if catalog is None:
        return english
    texts = dict(english.texts)
    for key, value in catalog.texts.items():
        if key in KEYS and _is_entry(key, value, catalog.forms):
            texts[key] = value
    return UiText(texts, language, catalog.plural_form, catalog.rtl)


def load_english(path: Path | None = None, cache_dir: Path | None = None) -> UiText:
    """Read and check English's ui.yaml, the source of every other language; raise
    UiTextError listing every problem.

    With `cache_dir`, texts that passed the check are kept there as JSON, keyed by the
    file's path, size and time, the game's version and the keys it needs: a start with an
    unchanged ui.yaml then reads the JSON and never imports PyYAML (about 25 ms saved).
    The cache is not trusted: it carries a crc32 of its texts, and each text is checked
    again as ui.yaml's are (its key's placeholders only, a bounded length, plural forms
    only where {count} is); anything wrong and ui.yaml is read and checked again.
    """
    language = "en"
    path = path or text_dir(language) / FILE_NAME
    stamp = _stamp(path)
    if cache_dir is None or stamp is None:
        return _check(path, language)
    cache = cache_dir / f"ui-{language}.json"
    cached = _read_cache(cache, stamp)
    if cached is not None:
        return UiText(cached, language)
    text = _check(path, language)
    _write_cache(cache, stamp, text.texts)
    return text


def _stamp(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    needed = sorted((key, sorted(names)) for key, names in KEYS.items())  # sets print in any order
    keys = f"{zlib.crc32(repr(needed).encode()):08x}"  # changes when the UI needs other keys
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{__version__}|{keys}"


def _read_cache(cache: Path, stamp: str) -> dict[str, Entry] | None:
    """The cached texts, or None (then ui.yaml is checked again and the cache rewritten).

    Only a regular file of a sane size is opened: a FIFO or a device in its place never
    blocks the start, and any JSON that is not the cache's object is simply rebuilt.
    """
    from game.store.safe_read import read_regular

    try:
        data = json.loads(read_regular(cache, MAX_CACHE_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    texts = data.get("texts")
    if data.get("stamp") != stamp or not isinstance(texts, dict) or set(texts) != set(KEYS):
        return None
    if data.get("crc32") != _texts_crc(texts):
        return None
    if not all(_is_entry(key, value) for key, value in texts.items()):
        return None
    return texts


def _texts_crc(texts: object) -> int:
    return zlib.crc32(json.dumps(texts, sort_keys=True).encode("utf-8"))


def _is_entry(key: str, value: object, forms: tuple[str, ...] = ALL_PLURAL_FORMS) -> bool:
    """A text ui.yaml's check would pass for `key`: a string using only the key's
    placeholders and at most MAX_TEXT long, or its plural forms ("other" among them, each
    one of `forms`)."""
    if isinstance(value, str):
        return _fits(key, value)
    return (
        isinstance(value, dict)
        and "count" in KEYS[key]
        and "other" in value
        and all(
            form in forms and isinstance(text, str) and _fits(key, text)
            for form, text in value.items()
        )
    )


def _fits(key: str, text: str) -> bool:
    return len(text) <= MAX_TEXT and not _placeholders(text) - KEYS[key]


def _write_cache(cache: Path, stamp: str, texts: dict[str, Entry]) -> None:
    """Best effort: a cache that cannot be written only costs the next start a little time."""
    from game.store.atomic import write_atomic  # only when the cache is rebuilt
    from game.store.repair import ensure_file_slot, sweep_temps

    with contextlib.suppress(OSError):
        sweep_temps(cache.parent)  # left by a start killed while writing it
        ensure_file_slot(cache, "rebuilding the UI text cache")  # a folder in its place
        document = {"stamp": stamp, "crc32": _texts_crc(texts), "texts": texts}
        data = json.dumps(document).encode("utf-8")
        write_atomic(cache, data)  # 0600 whatever the umask, like every file the game writes


def _check(path: Path, language: str) -> UiText:
    from yaml.nodes import MappingNode, Node, ScalarNode

    from game.content.problems import error
    from game.content.yamlsafe import STR_TAG, compose_file, position

    shown = str(path)
    root, problems = compose_file(path)
    if root is None:
        raise UiTextError(problems)
    if not isinstance(root, MappingNode):
        line, col = position(root)
        raise UiTextError((error(shown, line, col, "ui.yaml must be a mapping of key: text"),))
    found: list[Problem] = []
    texts: dict[str, Entry] = {}

    def text_problem(key: str, node: Node) -> Problem | None:
        """What is wrong with one text (a string with placeholders its key may fill), if anything."""
        vline, vcol = position(node)
        if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
            return error(
                shown, vline, vcol, f"{key}: the text must be a string", "put it in quotes"
            )
        if len(node.value) > MAX_TEXT:
            return error(
                shown,
                vline,
                vcol,
                f"{key}: the text is {len(node.value):,} characters; the limit is {MAX_TEXT:,}",
                "shorten it",
            )
        bad = _placeholders(node.value) - KEYS[key.split(".")[0]]
        if bad:
            allowed = ", ".join("{" + n + "}" for n in sorted(KEYS[key.split(".")[0]])) or "none"
            return error(
                shown,
                vline,
                vcol,
                f"{key}: unknown placeholder {{{sorted(bad)[0]}}}",
                f"this text may use {allowed}",
            )
        return None

    def plural_forms(key: str, node: MappingNode) -> dict[str, str] | None:
        """The plural forms of a text with {count}, or None after adding what is wrong."""
        vline, vcol = position(node)
        if "count" not in KEYS[key]:
            found.append(
                error(
                    shown,
                    vline,
                    vcol,
                    f"{key}: only a text with {{count}} can have plural forms",
                    "write one text in quotes",
                )
            )
            return None
        wanted = ENGLISH_FORMS
        named = ", ".join(wanted)
        forms: dict[str, str] = {}
        broken = False
        for form_node, text_node in node.value:
            fline, fcol = position(form_node)
            form = form_node.value if isinstance(form_node, ScalarNode) else None
            if form not in wanted:
                shown_form = repr(form) if isinstance(form, str) else "that is not a name"
                found.append(
                    error(
                        shown,
                        fline,
                        fcol,
                        f"{key}: unknown plural form {shown_form}",
                        f"the forms in {language!r} are {named}",
                    )
                )
                broken = True
                continue
            if form in forms:
                found.append(
                    error(shown, fline, fcol, f"{key}: plural form {form!r} appears twice")
                )
                broken = True
                continue
            problem = text_problem(f"{key}.{form}", text_node)
            if problem is not None:
                found.append(problem)
                broken = True
                continue
            forms[form] = text_node.value
        missing = [form for form in wanted if form not in forms]
        if missing and not broken:
            found.append(
                error(
                    shown,
                    vline,
                    vcol,
                    f"{key}: the plural form {missing[0]!r} is missing",
                    f"give each of {named}",
                )
            )
        return None if broken or missing else forms

    for key_node, value_node in root.value:
        line, col = position(key_node)
        if not isinstance(key_node, ScalarNode):
            found.append(error(shown, line, col, "a key must be plain text"))
            continue
        key = key_node.value
        if key not in KEYS:
            found.append(error(shown, line, col, f"unknown key {key!r}", "check its spelling"))
            continue
        if key in texts:
            found.append(error(shown, line, col, f"key {key!r} appears twice"))
            continue
        if isinstance(value_node, MappingNode):
            forms = plural_forms(key, value_node)
            if forms is not None:
                texts[key] = forms
            continue
        problem = text_problem(key, value_node)
        if problem is not None:
            found.append(problem)
            continue
        texts[key] = value_node.value
    end_line, end_col = root.end_mark.line + 1, root.end_mark.column + 1
    for key in KEYS:
        if key not in texts and not any(key in p.message for p in found):
            found.append(
                error(shown, end_line, end_col, f"missing key {key!r}", "add it with its text")
            )
    if found:
        raise UiTextError(tuple(found))
    return UiText(texts, language)


def _placeholders(text: str) -> set[str]:
    """The placeholders `text` fills; one with a conversion or a format ({count!r},
    {count:,}) is named with it, so it is never a key's (filling it could raise)."""
    try:
        return {
            field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _, field, spec, conversion in string.Formatter().parse(text)
            if field is not None
        }
    except ValueError:
        return {"(a lone brace)"}
