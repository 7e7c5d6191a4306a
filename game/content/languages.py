"""Which languages the game speaks, and the compiled catalog of each (read at start-up).

Translators write gettext catalogs, assets/locale/<language>/inkind.po (docs/translating.md);
`inkind translations compile` turns each into inkind.json beside it: the translated texts by
context, the language's own name, its direction and its CLDR plural rule as a gettext
expression (from Babel). The game reads only that JSON here, so a start never imports Babel
nor parses a .po file; a text a catalog lacks is said in English.

This module is on the title's path: it keeps to json, zlib and gettext (for c2py, and not
for a language with one plural form). A start reads no catalog at all once the language's
texts are cached (game/content/ui_text.py, `ui-<language>.json`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from game.resources import assets_dir

ENGLISH = "en"
CATALOG_NAME = "inkind.json"
PO_NAME = "inkind.po"
MAX_CATALOG_BYTES = 4 * 1024 * 1024
# CLDR's plural categories, in the order gettext numbers them (babel.plural's order).
PLURAL_TAGS = ("zero", "one", "two", "few", "many", "other")
_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?")
_EXPONENT = re.compile(r"\be\b")

# A text: one string, or its plural forms by CLDR name.
Texts = dict[str, "str | dict[str, str]"]


def locale_dir() -> Path:
    return assets_dir() / "locale"


def po_path(language: str) -> Path:
    return locale_dir() / language / PO_NAME


def catalog_path(language: str) -> Path:
    return locale_dir() / language / CATALOG_NAME


class Catalog:
    """One language's compiled texts: `texts` by context, plus how to say numbers."""

    __slots__ = ("language", "name", "rtl", "forms", "texts", "rule", "_plural")

    def __init__(
        self,
        language: str,
        name: str,
        rtl: bool,
        forms: tuple[str, ...],
        plural: Callable[[int], int],
        texts: Texts,
        rule: str = "",
    ) -> None:
        self.language = language
        self.name = name
        self.rtl = rtl
        self.forms = forms  # the CLDR categories this language uses, in gettext's order
        self._plural = plural
        self.texts = texts
        self.rule = rule  # the plural rule as written (a gettext expression): `plural`'s source

    def plural_form(self, count: int) -> str:
        """The CLDR category of a whole number in this language ("one", "few", ...)."""
        index = self._plural(count)
        return self.forms[index] if 0 <= index < len(self.forms) else "other"

    def __repr__(self) -> str:
        return f"Catalog({self.language!r}, {len(self.texts)} texts)"


def english() -> Catalog:
    return Catalog(ENGLISH, "English", False, ("one", "other"), lambda n: 0 if n == 1 else 1, {})


def plural_function(expression: str) -> Callable[[int], int]:
    """A gettext plural expression (CLDR's rule, from Babel) as a function of a whole number.

    CLDR's rules may name `e`, the exponent of a number in compact notation: a whole
    number said plainly has none, so it is 0 here.
    """
    constant = expression.strip().strip("()").strip()
    if constant.isdigit():  # one form for every number (Japanese): no reader needed
        form = int(constant)
        return lambda n: form
    from gettext import c2py  # the standard library's reader of Plural-Forms

    return c2py(_EXPONENT.sub("0", expression))


def load_catalog(language: str, path: Path | None = None) -> Catalog | None:
    """The compiled catalog of `language`, or None if there is none or it cannot be used
    (then the game speaks English; `inkind translations check` says what is wrong)."""
    if language == ENGLISH:
        return english()
    from game.store.safe_read import read_regular

    path = path or catalog_path(language)
    try:
        data = json.loads(read_regular(path, MAX_CATALOG_BYTES).decode("utf-8"))
        forms = tuple(data["forms"])
        texts = data["texts"]
        if (
            not all(form in PLURAL_TAGS for form in forms)
            or "other" not in forms
            or not isinstance(texts, dict)
            or not isinstance(data["name"], str)
        ):
            return None
        plural = plural_function(str(data["plural"]))
        plural(0)  # an expression that cannot be evaluated is refused here, not mid-game
    except (OSError, ValueError, KeyError, TypeError, SyntaxError, RecursionError):
        return None
    kept: Texts = {}
    for key, value in texts.items():
        if (
            isinstance(value, str)
            or isinstance(value, dict)
            and all(form in forms and isinstance(text, str) for form, text in value.items())
        ):
            kept[key] = value
    rtl = data.get("direction") == "rtl"
    return Catalog(language, data["name"], rtl, forms, plural, kept, str(data["plural"]))


# Each catalog's own name, by its file's size and time: a page that names languages (a
# deck's tile, Settings) reads each catalog once, not every time it is drawn.
_NAMES: dict[Path, tuple[tuple[int, int], str | None]] = {}


def offered_languages() -> list[str]:
    """The codes of English and each compiled catalog, by code, reading none of them (the
    title's path: which language to speak needs no catalog's name)."""
    try:
        return [ENGLISH] + sorted(
            p.name for p in locale_dir().iterdir() if (p / CATALOG_NAME).is_file()
        )
    except OSError:
        return [ENGLISH]


def available_languages() -> list[tuple[str, str]]:
    """(code, the language's own name) for English and each compiled catalog, by code."""
    found = [(ENGLISH, "English")]
    for code in offered_languages()[1:]:
        path = locale_dir() / code / CATALOG_NAME
        try:
            info = path.stat()
            stamp = (info.st_size, info.st_mtime_ns)
            kept = _NAMES.get(path)
            if kept is None or kept[0] != stamp:
                name: str | None = None
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    name = str(json.loads(path.read_text("utf-8"))["name"])
                kept = _NAMES[path] = (stamp, name)
        except OSError:
            continue
        if kept[1] is not None:
            found.append((code, kept[1]))
    return found


def language_tag(value: str) -> str:
    """The language part of a locale name: "es_ES.UTF-8" -> "es", "zh-Hant" kept whole,
    "C" and "POSIX" -> ""."""
    value = value.split(".")[0].split("@")[0].replace("_", "-")
    if value in ("C", "POSIX", ""):
        return ""
    parts = value.split("-")
    language = parts[0].lower()
    if len(parts) > 1 and len(parts[1]) == 4:
        language += "-" + parts[1].title()
    return language if _TAG.fullmatch(language) else ""


def system_language(environ: dict[str, str] | None = None) -> str:
    """The computer's language as a tag ("es", "ja"), or "" when it says none.

    Like gettext: LANGUAGE (its first entry), LC_ALL, LC_MESSAGES, LANG, in that order;
    on a system without them (Windows, macOS apps) locale.getlocale() is asked.
    """
    values = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = values.get(name, "")
        if value:
            tag = language_tag(value.split(":")[0])
            if tag:
                return tag
    if environ is not None and environ is not os.environ:
        return ""  # a test gave its own environment: the process's locale is not asked
    try:
        import locale

        found = locale.getlocale()[0] or ""
    except (ValueError, AttributeError):
        return ""
    return language_tag(found)


def best_language(wanted: list[str], offered: list[str]) -> str:
    """The first of `wanted` (tags, best first) that `offered` has, matching "es-MX" to
    "es"; English if none."""
    for tag in wanted:
        tag = language_tag(tag.strip())
        if not tag:
            continue
        if tag in offered:
            return tag
        base = tag.split("-")[0]
        if base in offered:
            return base
    return ENGLISH


def chosen_language(setting: str, environ: dict[str, str] | None = None) -> str:
    """The language to speak: the one Settings chose, else the computer's if the game has
    it, else English."""
    offered = offered_languages()
    if setting:
        return setting if setting in offered else ENGLISH
    return best_language([system_language(environ)], offered)


def accept_language(header: str) -> list[str]:
    """The tags of an HTTP Accept-Language header, most wanted first."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(ranked)]
