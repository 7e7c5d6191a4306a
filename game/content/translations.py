"""Translators' catalogs: extract English into a template, update, check and compile them.

English is written in YAML (assets/text/en/) and stays there: its writers keep the strict
checks and file:line messages they have, and the how-to-play pages and the response guide
keep their shape. Every other language is a gettext catalog read with Babel,
assets/locale/<language>/inkind.po, made from the template assets/locale/inkind.pot:
the format Weblate, Pontoon and Poedit read, with each text's context (its key) and notes.
`compile` writes the JSON the game reads at start-up (game/content/languages.py), so
Babel is never imported by a game that is playing. docs/translating.md says how to use it.

The texts of deck problems (contexts `problems.<key>`, from problems.yaml) are compiled
into problems.json beside inkind.json, keyed by their problems.yaml key: the game reads
them only when it says a problem (game/content/problem_text.py), never at start-up.

Plural forms are CLDR's, from Babel: the catalog's Plural-Forms header and the number of
forms of each counted text must be the language's, in CLDR's order (zero, one, two, few,
many, other: the ones the language has).
"""

from __future__ import annotations

import datetime
import io
import json
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game import __version__
from game.content.languages import (
    CATALOG_NAME,
    PLURAL_TAGS,
    catalog_path,
    locale_dir,
    po_path,
)
from game.content.messages import (
    FILES,
    PROBLEMS,
    Message,
    english_messages,
    keyed_texts,
    placeholders,
)
from game.content.problem_text import COMPILED_NAME
from game.content.problems import Problem, display_path, error, quote

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

TEMPLATE_NAME = "inkind.pot"


def _FIXED_DATE() -> datetime.datetime:  # noqa: N802
    return datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


DOMAIN = "inkind"
FIX_UPDATE = "run: inkind translations update {language}"
FIX_COMPILE = "run: inkind translations compile {language}"
# The app built by PyInstaller (packaging/inkind.spec) leaves Babel out: players never need it.


def template_path() -> Path:
    return locale_dir() / TEMPLATE_NAME


def languages() -> list[str]:
    """The languages with a catalog, by code."""
    try:
        return sorted(p.name for p in locale_dir().iterdir() if (p / "inkind.po").is_file())
    except OSError:
        return []


def cldr_forms(language: str) -> tuple[str, ...]:
    """The CLDR plural categories `language` uses, in gettext's order (Babel's rules)."""
    from babel import Locale

    tags = Locale.parse(language.replace("-", "_")).plural_form.tags | {"other"}
    return tuple(tag for tag in PLURAL_TAGS if tag in tags)


def plural_expression(language: str) -> str:
    """CLDR's plural rule for `language` as a gettext expression (Babel's to_gettext)."""
    from babel import Locale
    from babel.plural import to_gettext

    rule = to_gettext(Locale.parse(language.replace("-", "_")).plural_form)
    return rule.split("plural=", 1)[1].rstrip(";").strip()


# ------------------------------------------------------------ the template


def make_template(messages: Iterable[Message]) -> Catalog:
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        domain=DOMAIN,
        project="In Kind",
        version=__version__,
        header_comment=(
            "# The words of In Kind, to translate (docs/translating.md).\n"
            "# Made from assets/text/en/*.yaml by `inkind translations extract`: do not edit.\n"
            "#"
        ),
        charset="utf-8",
        creation_date=_FIXED_DATE(),  # the same template for the same English
    )
    for message in messages:
        file, _, line = message.source.rpartition(":")
        catalog.add(
            (message.text, message.plural) if message.plural is not None else message.text,
            locations=[(file, int(line))],
            auto_comments=message.comments,
            context=message.context,
        )
    return catalog


def write_catalog(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def extract() -> Path:
    """Write the template from English's YAML; returns its path."""
    messages, problems = english_messages()
    if problems:
        raise ValueError("\n".join(p.format() for p in problems))
    path = template_path()
    write_catalog(path, make_template(messages))
    return path


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """A .po or .pot file; raises ValueError naming file:line when it cannot be read."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as stream:
            return read_po(stream, locale=language, domain=DOMAIN, abort_invalid=True)
    except PoFileError as problem:
        # Babel counts this line from 0 (an entry's own `lineno` from 1).
        raise ValueError(f"{display_path(path)}:{problem.lineno + 1}: error: {problem}") from None
    except UnicodeDecodeError as problem:
        raise ValueError(f"{display_path(path)}: error: not UTF-8 ({problem})") from None


def new_catalog(language: str) -> Catalog:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=language.replace("-", "_"),
        domain=DOMAIN,
        project="In Kind",
        version=__version__,
        header_comment=(
            "# The words of In Kind in this language (docs/translating.md).\n"
            "# Translate each msgstr; keep every {placeholder} as written.\n"
            "#"
        ),
        charset="utf-8",
        fuzzy=False,
    )


def update(language: str) -> Path:
    """Bring a language's catalog up to date with the template (made first), creating it if
    it is new: new English texts come in untranslated, changed ones marked fuzzy."""
    messages, problems = english_messages()
    if problems:
        raise ValueError("\n".join(p.format() for p in problems))
    template = make_template(messages)
    path = po_path(language)
    catalog = read_catalog(path, language) if path.exists() else new_catalog(language)
    catalog.update(template, update_creation_date=False)
    _set_plural_header(catalog, language)
    write_catalog(path, catalog)
    return path


def _set_plural_header(catalog: Catalog, language: str) -> None:
    """The Plural-Forms header from CLDR (Babel's own table agrees for our languages, but
    CLDR is the rule the game follows)."""
    # Babel keeps the header's values in these two attributes (read from Plural-Forms).
    vars(catalog).update(
        _num_plurals=len(cldr_forms(language)), _plural_expr=plural_expression(language)
    )


# ------------------------------------------------------------ compiling


def compile_language(language: str) -> Path:
    """Write the game's JSON of one catalog: every text translated in full, not fuzzy, of
    today's English; returns its path. The deck problems' texts go to problems.json."""
    from babel import Locale

    source = po_path(language)
    data = source.read_bytes()
    catalog = read_catalog(source, language)
    english = {m.context: m for m in english_messages()[0]}
    forms = cldr_forms(language)
    texts: dict[str, object] = {}
    for entry in catalog:
        if not entry.id or entry.context not in english or entry.fuzzy:
            continue
        message = english[entry.context]
        if _english_id(entry) != (message.text, message.plural):
            continue
        if message.plural is None:
            if isinstance(entry.string, str) and entry.string:
                texts[entry.context] = entry.string
            continue
        strings = tuple(entry.string) if isinstance(entry.string, (tuple, list)) else ()
        if len(strings) == len(forms) and all(strings):
            texts[entry.context] = dict(zip(forms, strings, strict=True))
    locale = Locale.parse(language.replace("-", "_"))
    problems = {
        context.removeprefix(PROBLEMS): texts.pop(context)
        for context in [c for c in texts if c.startswith(PROBLEMS)]
    }
    path = catalog_path(language)
    for target, kept in ((path, texts), (path.parent / COMPILED_NAME, problems)):
        document = {
            "language": language,
            "name": locale.get_display_name(locale) or language,
            "direction": "rtl" if locale.character_order == "right-to-left" else "ltr",
            "forms": list(forms),
            "plural": plural_expression(language),
            "source_crc32": zlib.crc32(data),
            "texts": kept,
        }
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        target.write_text(text, encoding="utf-8")
    return path


def _english_id(entry: object) -> tuple[str, str | None]:
    identity = getattr(entry, "id", "")
    if isinstance(identity, (tuple, list)):
        return str(identity[0]), str(identity[1]) if len(identity) > 1 else None
    return str(identity), None


# ------------------------------------------------------------ checking


def check_template() -> list[Problem]:
    """The template must list today's English, text for text."""
    messages, problems = english_messages()
    path = template_path()
    shown = display_path(path)
    fix = "run: inkind translations extract"
    if not path.exists():
        return [*problems, error(shown, None, None, "the template is missing", fix)]
    try:
        template = read_catalog(path)
    except ValueError as problem:
        return [*problems, error(shown, None, None, str(problem), fix)]
    listed = {e.context or "": _english_id(e) for e in template if e.id}
    wanted = {m.context: (m.text, m.plural) for m in messages}
    if listed != wanted:
        changed = sorted(k for k in set(listed) | set(wanted) if listed.get(k) != wanted.get(k))
        return [
            *problems,
            error(
                shown,
                None,
                None,
                f"the template is out of date with English ({len(changed)} texts, "
                f"first {quote(changed[0])})",
                fix,
            ),
        ]
    return list(problems)


def check_language(language: str, path: Path | None = None) -> list[Problem]:
    """Everything wrong with one language's catalog, each naming file:line and the fix."""
    from babel import Locale, UnknownLocaleError

    path = path or po_path(language)
    shown = display_path(path)
    fix_update = FIX_UPDATE.format(language=language)
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return [error(shown, None, None, f"{quote(language)} is not a language CLDR knows")]
    try:
        catalog = read_catalog(path, language)
    except ValueError as problem:
        text = str(problem).split(": error: ", 1)
        where = text[0].rsplit(":", 1)
        line = int(where[1]) if len(where) == 2 and where[1].isdigit() else None
        return [error(shown, line, None, text[-1], "fix the syntax at that line")]
    messages = english_messages()[0]
    english = {m.context: m for m in messages}
    forms = cldr_forms(language)
    named = ", ".join(forms)
    found: list[Problem] = []
    raw = path.read_text("utf-8", errors="replace").splitlines()
    header = next((i + 1 for i, line in enumerate(raw) if "Plural-Forms:" in line), 1)
    if catalog.num_plurals != len(forms):
        found.append(
            error(
                shown,
                header,
                None,
                f"Plural-Forms says nplurals={catalog.num_plurals}; {language} has "
                f"{len(forms)} plural forms in CLDR ({named})",
                f'write "Plural-Forms: nplurals={len(forms)}; '
                f'plural={plural_expression(language)};\\n" or {fix_update}',
            )
        )
    seen: set[str] = set()
    for entry in catalog:
        if not entry.id:
            continue
        line = entry.lineno
        context = entry.context or ""
        if context not in english:
            found.append(
                error(
                    shown,
                    line,
                    None,
                    f"unused: {quote(context)} is no longer an English text",
                    f"remove the entry, or {fix_update}",
                )
            )
            continue
        seen.add(context)
        message = english[context]
        if _english_id(entry) != (message.text, message.plural):
            found.append(
                error(
                    shown,
                    line,
                    None,
                    f"{quote(context)} translates an older English text "
                    f"(English now at {message.source})",
                    f"{fix_update}, then check the translation against the new English",
                )
            )
            continue
        found.extend(_entry_problems(shown, line, entry, message, forms, language))
    for message in messages:
        if message.context not in seen:
            found.append(
                error(
                    shown,
                    None,
                    None,
                    f"missing: {quote(message.context)} has no entry (English at {message.source})",
                    f"{fix_update}, then translate it",
                )
            )
    # One `compile` writes both files: the second is named only when the first is right.
    for name in (CATALOG_NAME, COMPILED_NAME):
        compiled = path.parent / name
        if not compiled.exists() or _compiled_crc(compiled) != zlib.crc32(path.read_bytes()):
            state = "missing" if not compiled.exists() else "out of date"
            found.append(
                error(
                    display_path(compiled),
                    None,
                    None,
                    f"the compiled catalog is {state}",
                    FIX_COMPILE.format(language=language),
                )
            )
            break
    return found


def _entry_problems(
    shown: str,
    line: int | None,
    entry: object,
    message: Message,
    forms: tuple[str, ...],
    language: str,
) -> list[Problem]:
    context = quote(message.context)
    string = getattr(entry, "string", "")
    if "fuzzy" in getattr(entry, "flags", ()):
        return [
            error(
                shown,
                line,
                None,
                f"{context} is marked fuzzy (a guess from an older English text)",
                "check the translation, then remove the '#, fuzzy' line above it",
            )
        ]
    if message.plural is None:
        if isinstance(string, (tuple, list)):
            return [
                error(
                    shown,
                    line,
                    None,
                    f"{context} has plural forms but English has one text",
                    "write one msgstr",
                )
            ]
        if not string:
            return [
                error(shown, line, None, f"missing: {context} is not translated", "fill in msgstr")
            ]
        return _placeholder_problems(shown, line, context, {"": string}, message)
    strings = tuple(string) if isinstance(string, (tuple, list)) else (string,)
    if len(strings) != len(forms):
        return [
            error(
                shown,
                line,
                None,
                f"{context} has {len(strings)} plural forms; {language} has {len(forms)} "
                f"in CLDR ({', '.join(forms)})",
                f"give msgstr[0] to msgstr[{len(forms) - 1}], in that order",
            )
        ]
    empty = [f"msgstr[{i}] ({forms[i]})" for i, text in enumerate(strings) if not text]
    if empty:
        return [
            error(
                shown,
                line,
                None,
                f"missing: {context} has no {empty[0]}",
                "fill in every plural form",
            )
        ]
    return _placeholder_problems(
        shown, line, context, dict(zip(forms, strings, strict=True)), message
    )


def _placeholder_problems(
    shown: str,
    line: int | None,
    context: str,
    strings: dict[str, str],
    message: Message,
) -> list[Problem]:
    """Each form must fill the placeholders English fills; a plural form other than
    "other" may leave {count} out (Arabic's "one" and "two" say the number in the word)."""
    wanted = message.placeholders
    problems = []
    for form, text in strings.items():
        have = placeholders(text)
        loose = form not in ("", "other") and "count" in wanted
        expected = wanted - {"count"} if loose else wanted
        if have - wanted or expected - have:
            where = f" ({form})" if form else ""
            problems.append(
                error(
                    shown,
                    line,
                    None,
                    f"{context}{where}: placeholders {_names(have)} differ from English's "
                    f"{_names(wanted)}",
                    "keep each {name} exactly as English writes it; translate only the words",
                )
            )
    return problems


def _names(names: frozenset[str]) -> str:
    return " ".join("{" + n + "}" for n in sorted(names)) or "(none)"


def _compiled_crc(path: Path) -> int | None:
    try:
        value = json.loads(path.read_text("utf-8")).get("source_crc32")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def check_all(only: Iterable[str] = ()) -> list[Problem]:
    """The template and every language's catalog (or only those named)."""
    wanted = list(only) or languages()
    problems = check_template()
    for language in wanted:
        problems.extend(check_language(language))
    return problems


# ------------------------------------------------------------ from keyed YAML


def from_yaml(language: str, folder: Path) -> tuple[Path, list[Problem]]:
    """Put the texts of a translator's keyed YAML (folder/ui.yaml and the other files,
    mirroring English's key for key) into the language's catalog, then compile it.

    A text the YAML gives replaces the catalog's; an entry it does not give is kept.
    Returns the catalog's path and the YAML's problems (keys English lacks, plural forms
    that are not the language's): those texts are left out.
    """
    update(language)
    path = po_path(language)
    catalog = read_catalog(path, language)
    english = {m.context: m for m in english_messages()[0]}
    forms = cldr_forms(language)
    problems: list[Problem] = []
    for name in FILES:
        source = folder / name
        if not source.exists():
            continue
        found, trouble = keyed_texts(source, name.removesuffix(".yaml"))
        problems.extend(trouble)
        shown = display_path(source)
        for item in found:
            message = english.get(item.context)
            if message is None:
                problems.append(
                    error(
                        shown,
                        item.line,
                        None,
                        f"{quote(item.context)} is not an English text",
                        "check its key against assets/text/en",
                    )
                )
                continue
            identity = (
                (message.text, message.plural) if message.plural is not None else message.text
            )
            entry = catalog.get(identity, context=item.context)
            if entry is None:
                continue
            if isinstance(item.value, dict):
                if message.plural is None or set(item.value) != set(forms):
                    problems.append(
                        error(
                            shown,
                            item.line,
                            None,
                            f"{quote(item.context)}: plural forms "
                            f"{', '.join(sorted(item.value))}; {language} has {', '.join(forms)}",
                            "give exactly the language's CLDR forms",
                        )
                    )
                    continue
                entry.string = tuple(item.value[form] for form in forms)
            elif message.plural is not None:
                problems.append(
                    error(
                        shown,
                        item.line,
                        None,
                        f"{quote(item.context)} is a counted text: it needs plural forms",
                        f"give {', '.join(forms)}",
                    )
                )
                continue
            else:
                entry.string = item.value
            entry.flags.discard("fuzzy")
    write_catalog(path, catalog)
    compile_language(language)
    return path, problems


# ------------------------------------------------------------ the command


def run_translations(action: str, names: list[str], out: TextIO, err: TextIO) -> int:
    """`inkind translations extract|update|compile|check [LANGUAGE...]`."""
    import importlib.util

    from game.content.cli_words import joined, problem_line, say

    if importlib.util.find_spec("babel") is None:
        print(say("cli_no_babel"), file=err)
        return 1
    try:
        if action == "extract":
            print(say("cli_wrote", path=display_path(extract())), file=out)
            return 0
        wanted = names or languages()
        if action == "update":
            extract()
            for language in wanted:
                print(say("cli_wrote", path=display_path(update(language))), file=out)
            return 0
        if action == "compile":
            for language in wanted:
                print(say("cli_wrote", path=display_path(compile_language(language))), file=out)
            return 0
    except ValueError as failed:
        print(failed, file=err)
        return 1
    problems = check_all(wanted)
    for problem in problems:
        print(problem_line(problem), file=out)
    checked = joined(wanted) or say("cli_no_language")
    if problems:
        print(say("cli_translations_problems", count=len(problems), languages=checked), file=out)
        return 1
    print(say("cli_translations_ok", languages=checked), file=out)
    return 0


__all__ = ["CATALOG_NAME", "check_all", "check_language", "compile_language", "from_yaml"]
