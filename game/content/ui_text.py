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

import _string  # type: ignore[import-not-found]  # string.Formatter's parser, without `string`
import contextlib
import json
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

    __slots__ = ("texts", "language", "rtl", "forms", "_plural")

    def __init__(
        self,
        texts: dict[str, Entry],
        language: str = "en",
        plural: Callable[[int], str] | None = None,
        rtl: bool = False,
        forms: tuple[str, ...] = ENGLISH_FORMS,
    ) -> None:
        self.texts = texts
        self.language = language
        self.rtl = rtl  # the language is written right to left: the screens mirror
        self.forms = forms  # its CLDR plural categories (the catalog's)
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

    With `cache_dir`, the language's texts as merged here are kept there too
    (`ui-<language>.json`, keyed by both files' stamps and checked as English's cache is),
    so a start in that language reads one small file and not the whole catalog.
    """
    if language == "en":
        return load_english(path, cache_dir)
    from game.content.languages import catalog_path

    english_path = path or text_dir("en") / FILE_NAME
    stamp = _stamp(english_path)
    catalog_stamp = _stamp(catalog_path(language))
    if cache_dir is not None and stamp is not None and catalog_stamp is not None:
        cache = cache_dir / f"ui-{language}.json"
        cached = _read_language_cache(cache, f"{stamp}|{catalog_stamp}", language)
        if cached is not None:
            return cached
        text, rule = _merged(language, english_path, cache_dir)
        if rule is not None:
            _write_cache(
                cache, f"{stamp}|{catalog_stamp}", text.texts, _language_fields(text, rule)
            )
        return text
    return _merged(language, english_path, cache_dir)[0]


def _merged(language: str, path: Path, cache_dir: Path | None) -> tuple[UiText, str | None]:
    """English's texts with the catalog's in their place, and the catalog's plural rule
    (None: no usable catalog, the texts are English's)."""
    from game.content.languages import load_catalog

    english = load_english(path, cache_dir)
    catalog = load_catalog(language)
    if catalog is None:
        return english, None
    texts = dict(english.texts)
    for key, value in catalog.texts.items():
        if key in KEYS and _is_entry(key, value, catalog.forms):
            texts[key] = value
    return UiText(texts, language, catalog.plural_form, catalog.rtl, catalog.forms), catalog.rule


LANGUAGE_FIELDS = ("language", "rtl", "forms", "plural")  # a language's cache's, beside its texts


def _language_fields(text: UiText, rule: str) -> dict[str, object]:
    """What a language's cache keeps beside its texts, in LANGUAGE_FIELDS' order (the order
    its checksum reads them in)."""
    values = (text.language, text.rtl, list(text.forms), rule)
    return dict(zip(LANGUAGE_FIELDS, values, strict=True))


def _read_language_cache(cache: Path, stamp: str, language: str) -> UiText | None:
    """A language's merged texts from its cache, or None (then merged again and rewritten).
    Its plural rule is read as the catalog's is (languages.plural_function) and tried."""
    from game.content.languages import PLURAL_TAGS, Catalog, plural_function

    found = _read_cache(cache, stamp, LANGUAGE_FIELDS)
    if found is None:
        return None
    texts, document = found
    forms, rule, rtl = document["forms"], document["plural"], document["rtl"]
    if (
        document.get("language") != language
        or not isinstance(forms, list)
        or not all(isinstance(form, str) and form in PLURAL_TAGS for form in forms)
        or "other" not in forms
        or not isinstance(rule, str)
        or not isinstance(rtl, bool)
    ):
        return None
    try:
        plural = plural_function(rule)
        plural(0)
    except (ValueError, SyntaxError, TypeError, ArithmeticError, RecursionError):
        return None
    catalog = Catalog(language, "", rtl, tuple(forms), plural, {}, rule)
    return UiText(texts, language, catalog.plural_form, rtl, catalog.forms)


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
        return UiText(cached[0], language)
    text = _check(path, language)
    _write_cache(cache, stamp, text.texts)
    return text


# Changes when the UI needs other keys or placeholders (KEY_LIST is a literal, in the
# order written: its repr is the same in every process).
_KEYS_CRC = f"{zlib.crc32(repr(KEY_LIST).encode()):08x}"


def _stamp(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{__version__}|{_KEYS_CRC}"


def _read_cache(
    cache: Path, stamp: str, fields: tuple[str, ...] = ()
) -> tuple[dict[str, Entry], dict[str, object]] | None:
    """The cached texts and `fields` (which its checksum covers too), or None (then ui.yaml
    is checked again and the cache rewritten).

    Only a regular file of a sane size is opened: a FIFO or a device in its place never
    blocks the start, and any JSON that is not the cache's object is simply rebuilt.
    """
    from game.store.safe_read import read_regular

    try:
        raw = read_regular(cache, MAX_CACHE_BYTES)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    texts = data.get("texts")
    if data.get("stamp") != stamp or not isinstance(texts, dict) or set(texts) != set(KEYS):
        return None
    extra = {name: data.get(name) for name in fields}
    if data.get("crc32") != _written_crc(raw, extra):
        return None
    if not _all_entries(texts):
        return None
    return texts, extra


def _all_entries(texts: dict[str, object]) -> bool:
    """`_is_entry` for every text (each key one of KEYS), in one loop: a string without a
    brace, most of them, needs only its length looked at (a start checks some 500)."""
    for key, value in texts.items():
        if type(value) is str:
            if len(value) > MAX_TEXT or (
                ("{" in value or "}" in value) and not _placeholders(value) <= KEYS[key]
            ):
                return False
        elif not _is_entry(key, value):
            return False
    return True


def _written_crc(raw: bytes, extra: dict[str, object]) -> int:
    """`_texts_crc` of the texts as they stand in the cache's bytes (the document's last
    value, as `_write_cache` writes it), not written out as JSON again to be summed (0.3 ms
    of English's start, more for a language's). A cache laid out otherwise does not match,
    and is rebuilt."""
    at = raw.find(b'"texts": {')
    end = raw.rstrip().rfind(b"}")
    if at < 0 or end <= at:
        return -1
    crc = zlib.crc32(raw[at + len(b'"texts": ') : end])
    return zlib.crc32(json.dumps(extra).encode("utf-8"), crc) if extra else crc


def _texts_crc(texts: object, extra: dict[str, object] | None = None) -> int:
    """The texts' checksum (and the fields beside them, if any), as JSON in the order they
    were written and read back."""
    crc = zlib.crc32(json.dumps(texts, ensure_ascii=False).encode("utf-8"))
    return zlib.crc32(json.dumps(extra).encode("utf-8"), crc) if extra else crc


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


def _write_cache(
    cache: Path, stamp: str, texts: dict[str, Entry], extra: dict[str, object] | None = None
) -> None:
    """Best effort: a cache that cannot be written only costs the next start a little time."""
    from game.store.atomic import write_atomic  # only when the cache is rebuilt
    from game.store.repair import ensure_file_slot, sweep_temps

    with contextlib.suppress(OSError):
        sweep_temps(cache.parent)  # left by a start killed while writing it
        ensure_file_slot(cache, "rebuilding the UI text cache")  # a folder in its place
        crc = _texts_crc(texts, extra)
        document = {"stamp": stamp, "crc32": crc, **(extra or {}), "texts": texts}
        # As UTF-8, not \u escapes: a Japanese cache read a third quicker (issue 27).
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
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
    {count:,}) is named with it, so it is never a key's (filling it could raise).

    Read as `string.Formatter().parse` reads it (that is `_string.formatter_parser`; the
    `string` module is not imported on the title's path), and only if it has a brace."""
    if "{" not in text and "}" not in text:
        return set()
    try:
        return {
            field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _, field, spec, conversion in _string.formatter_parser(text)
            if field is not None
        }
    except ValueError:
        return {"(a lone brace)"}
