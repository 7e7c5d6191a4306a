"""Translations: the template, the check's exact messages, the converter from keyed YAML,
the compiled catalog the game reads, and which language is spoken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel import Locale

from game.content import languages
from game.content.languages import (
    accept_language,
    best_language,
    load_catalog,
    system_language,
)
from game.content.translations import (
    check_language,
    check_template,
    cldr_forms,
    compile_language,
    from_yaml,
    update,
)
from game.content.ui_text import ENGLISH_FORMS, load_ui_text
from game.content.words import load_words

SPANISH_UI = """\
title_new_game: "Nueva partida"
title_quit: "Salir"
title_settings: "Ajustes"
settings_language: "Idioma"
new_deck_cards: {one: "{count} carta", many: "{count} de cartas", other: "{count} cartas"}
new_step: "Paso {number} de {count}"
new_start_with: "Empezar con {deck}"
list_more_above: "{count} más arriba"
quit_confirm: "¿Salir de In Kind?"
new_back: "Atrás"
new_next: "Siguiente: elegir un mazo"
settings_back: "Hecho"
"""
SPANISH_HOW = """\
format: 1
title: Cómo se juega
sections:
  - heading: Dos habilidades
"""


@pytest.fixture
def locale_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """assets/locale in a folder of the test's own (English stays the real one)."""
    monkeypatch.setattr(languages, "assets_dir", lambda: tmp_path)
    return tmp_path / "locale"


@pytest.fixture
def spanish(locale_root: Path, tmp_path: Path) -> Path:
    source = tmp_path / "es-yaml"
    source.mkdir()
    (source / "ui.yaml").write_text(SPANISH_UI, "utf-8")
    (source / "how_to_play.yaml").write_text(SPANISH_HOW, "utf-8")
    path, problems = from_yaml("es", source)
    assert problems == []
    return path


def test_english_plural_forms_are_cldrs() -> None:
    tags = Locale.parse("en").plural_form.tags | {"other"}
    assert set(ENGLISH_FORMS) == tags


def test_the_template_lists_todays_english() -> None:
    assert [p.format() for p in check_template()] == []


def test_every_catalog_in_the_game_passes_the_check() -> None:
    from game.content.translations import check_all

    assert [p.format() for p in check_all()] == []


def test_cldr_forms_come_from_babel() -> None:
    assert cldr_forms("es") == ("one", "many", "other")
    assert cldr_forms("de") == ("one", "other")
    assert cldr_forms("ja") == ("other",)
    assert cldr_forms("ar") == ("zero", "one", "two", "few", "many", "other")


def test_without_babel_the_tool_says_to_run_it_from_a_checkout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app (packaging/inkind.spec) leaves Babel out: one line and an exit code, no traceback."""
    import io
    import sys

    from game.content.translations import run_translations

    monkeypatch.setitem(sys.modules, "babel", None)  # as if not installed: find_spec says None
    out, err = io.StringIO(), io.StringIO()
    assert run_translations("check", [], out=out, err=err) == 1
    assert out.getvalue() == ""
    assert err.getvalue() == (
        "inkind translations needs Babel, which this copy of In Kind does not carry (the app "
        "leaves it out): run it from a checkout of the source, after `pip install -e .` "
        "(docs/translating.md)\n"
    )


def test_the_converter_puts_keyed_yaml_into_the_catalog(spanish: Path) -> None:
    text = spanish.read_text("utf-8")
    assert 'msgctxt "title_quit"\nmsgid "Quit"\nmsgstr "Salir"' in text
    assert 'msgstr[1] "{count} de cartas"' in text
    assert "nplurals=3;" in text
    catalog = load_catalog("es")
    assert catalog is not None and catalog.name == "español" and not catalog.rtl
    assert catalog.forms == ("one", "many", "other")


def test_a_spanish_game_says_what_is_translated_and_english_for_the_rest(spanish: Path) -> None:
    t = load_ui_text("es")
    assert t("title_quit") == "Salir"
    assert t("new_deck_cards", count=1) == "1 carta"
    assert t("new_deck_cards", count=2) == "2 cartas"
    assert t("new_deck_cards", count=1_000_000) == "1000000 de cartas"  # CLDR's "many"
    assert t("title_continue") == "Continue"  # not translated yet: English
    words, problems = load_words("es")
    assert problems == () and words is not None
    assert words.how_to_play.title == "Cómo se juega"
    assert words.how_to_play.sections[0].heading == "Dos habilidades"
    assert words.how_to_play.sections[1].heading == "A turn"


def test_the_check_names_each_missing_text(spanish: Path) -> None:
    found = [p.format() for p in check_language("es")]
    assert any(
        line.startswith("locale/es/inkind.po:") is False and "missing: 'title_continue'" in line
        for line in found
    )
    first = next(line for line in found if "'title_continue'" in line)
    assert first.endswith("error: missing: 'title_continue' is not translated (fill in msgstr)")


def _po(locale_root: Path, body: str, header: str = "nplurals=3; plural=(n != 1);") -> Path:
    path = locale_root / "es" / "inkind.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        f'"Plural-Forms: {header}\\n"\n\n' + body,
        "utf-8",
    )
    return path


def _problems(path: Path) -> list[str]:
    # Only the lines about the entries written here (the rest of English is "missing").
    return [
        p.format().replace(str(path), "es.po")
        for p in check_language("es", path)
        if p.line is not None or "compiled" in p.message
    ]


def test_bad_catalog_entries_are_named_with_their_line_and_fix(locale_root: Path) -> None:
    path = _po(
        locale_root,
        'msgctxt "title_quit"\nmsgid "Quit"\nmsgstr "Salir {now}"\n\n'
        'msgctxt "gone_key"\nmsgid "Gone"\nmsgstr "Ido"\n\n'
        'msgctxt "new_deck_cards"\nmsgid "{count} card"\nmsgid_plural "{count} cards"\n'
        'msgstr[0] "{count} carta"\nmsgstr[1] "{count} cartas"\n\n'
        'msgctxt "title_new_game"\nmsgid "Old game"\nmsgstr "Partida"\n\n'
        'msgctxt "new_start_with"\nmsgid "Start with {deck}"\nmsgstr "Empezar"\n',
    )
    assert _problems(path) == [
        "es.po:7: error: 'title_quit': placeholders {now} differ from English's (none) "
        "(keep each {name} exactly as English writes it; translate only the words)",
        "es.po:11: error: unused: 'gone_key' is no longer an English text "
        "(remove the entry, or run: inkind translations update es)",
        "es.po:15: error: missing: 'new_deck_cards' has no msgstr[2] (other) "
        "(fill in every plural form)",
        "es.po:21: error: 'title_new_game' translates an older English text (English now "
        "at assets/text/en/ui.yaml:10) (run: inkind translations update es, then check the "
        "translation against the new English)",
        "es.po:25: error: 'new_start_with': placeholders (none) differ from English's "
        "{deck} (keep each {name} exactly as English writes it; translate only the words)",
        f"{locale_root / 'es' / 'inkind.json'}: error: the compiled catalog is missing "
        "(run: inkind translations compile es)",
    ]


def test_a_plural_header_that_is_not_cldrs_is_an_error(locale_root: Path) -> None:
    path = _po(locale_root, "", header="nplurals=2; plural=(n != 1);")
    assert _problems(path)[0] == (
        "es.po:4: error: Plural-Forms says nplurals=2; es has 3 plural forms in CLDR "
        '(one, many, other) (write "Plural-Forms: nplurals=3; plural=(((((((e == 0)) && '
        "(!((n == 0)))) && (((n % 1000000) == 0))) && ((0 == 0))) || (!((e >= 0 && e <= "
        '5)))) ? 1 : ((n == 1)) ? 0 : 2);\\n" or run: inkind translations update es)'
    )


def test_a_broken_catalog_is_one_line_at_its_place(locale_root: Path) -> None:
    path = _po(locale_root, 'msgctxt "title_quit"\nmsgid "Quit"\nmsgstrr "Salir"\n')
    found = check_language("es", path)
    assert [p.format().replace(str(path), "es.po") for p in found] == [
        "es.po:8: error: Unknown or misformatted keyword on 7 (fix the syntax at that line)"
    ]


def test_a_stale_compiled_catalog_is_reported(spanish: Path) -> None:
    spanish.write_text(spanish.read_text("utf-8") + "\n", "utf-8")
    found = [p.format() for p in check_language("es") if "compiled" in p.message]
    assert found == [
        f"{spanish.parent / 'inkind.json'}: error: the compiled catalog is out of date "
        "(run: inkind translations compile es)"
    ]
    compile_language("es")
    assert [p for p in check_language("es") if "compiled" in p.message] == []


def test_update_keeps_translations_and_adds_new_english(spanish: Path) -> None:
    update("es")
    text = spanish.read_text("utf-8")
    assert 'msgstr "Salir"' in text and 'msgctxt "title_continue"' in text


def test_a_damaged_compiled_catalog_is_english(locale_root: Path) -> None:
    (locale_root / "xx").mkdir(parents=True)
    (locale_root / "xx" / "inkind.json").write_text(json.dumps({"forms": ["one"]}))
    assert load_catalog("xx") is None
    assert load_ui_text("xx")("title_quit") == "Quit"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, "de"),
        ({"LANGUAGE": "ja:en", "LANG": "C.UTF-8"}, "ja"),
        ({"LC_MESSAGES": "ar_EG", "LANG": "C"}, "ar"),
        ({"LANG": "C"}, ""),
        ({"LANG": "zh_Hant_TW"}, "zh-Hant"),
        ({}, ""),
    ],
)
def test_the_computers_language(environ: dict[str, str], expected: str) -> None:
    assert system_language(environ) == expected


def test_a_phone_gets_the_language_it_wants_most_that_the_game_has() -> None:
    wanted = accept_language("fr-CH, fr;q=0.9, es-MX;q=0.8, *;q=0.5")
    assert wanted == ["fr-CH", "fr", "es-MX"]
    assert best_language(wanted, ["en", "es", "de"]) == "es"
    assert best_language(accept_language("ko"), ["en", "es"]) == "en"
    assert best_language(accept_language("de;q=0, es"), ["en", "de", "es"]) == "es"


def test_the_first_start_follows_the_computer_and_settings_win(spanish: Path) -> None:
    assert languages.chosen_language("", {"LANG": "es_AR.UTF-8"}) == "es"
    assert languages.chosen_language("", {"LANG": "ko_KR.UTF-8"}) == "en"
    assert languages.chosen_language("en", {"LANG": "es_AR.UTF-8"}) == "en"
    assert languages.chosen_language("xx", {}) == "en"
    assert languages.available_languages() == [("en", "English"), ("es", "español")]
