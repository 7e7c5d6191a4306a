"""A deck problem's sentence and hint in the player's language (problems.py's `Says`,
game/content/problem_text.py): every key the checker uses is written in English with the
placeholders it fills and none is left unused; `inkind check --language xx` says them in
the language; English is exactly what it was (the exact-message tests elsewhere)."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest
import yaml

from game import cli
from game.content import problem_text
from game.content.check import run_check
from game.content.cli_words import choose_language
from game.content.decks import load_deck
from game.content.problems import Says, says
from game.resources import text_dir

GAME = Path(__file__).resolve().parents[2] / "game"
ENGLISH = text_dir("en") / problem_text.FILE_NAME

BROKEN = """\
format: 1.1
id: broken
name: Broken
cards:
  - prompt: Tell about a walk you still think of, and how it felt.
  - wild: mirror
    prompt: Say it back
  - prompt: Tell about a meal you remember, and what you felt then.
    level: 3
"""
WILD_LINE = "broken.yaml:7:5"
LEVEL_LINE = "broken.yaml:9:12"


def english() -> dict[str, object]:
    data = yaml.safe_load(ENGLISH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def used_keys() -> dict[str, set[frozenset[str]]]:
    """Each key the code names (says("key", ...) and Phrase("key")), with the values each
    call gives."""
    found: dict[str, set[frozenset[str]]] = {}
    for path in GAME.rglob("*.py"):
        if path.name == "problem_text.py":  # where says and Says are defined
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in ("says", "Phrase", "Says") or not node.args:
                continue
            first = node.args[0]
            choices = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            names = frozenset(k.arg for k in node.keywords if k.arg is not None)
            for choice in choices:
                assert isinstance(choice, ast.Constant) and isinstance(choice.value, str), (
                    f"{path}:{node.lineno}: a problem's key is written out, so this test finds it"
                )
                found.setdefault(choice.value, set()).add(names)
    return found


def placeholders(entry: object) -> frozenset[str]:
    return problem_text.placeholders(entry)  # type: ignore[arg-type]


def test_every_key_the_checker_uses_is_written_in_english_with_its_placeholders() -> None:
    texts = english()
    used = used_keys()
    assert len(used) > 100
    for key, calls in sorted(used.items()):
        assert key in texts, f"{key!r} is used in game/ but not written in {ENGLISH.name}"
        wanted = placeholders(texts[key])
        counted = isinstance(texts[key], dict)
        for given in calls:
            # A counted text may take `count` only to choose its form (its digits as {number}).
            extra = given - wanted - ({"count"} if counted else set())
            assert not extra and not wanted - given, (key, sorted(given), sorted(wanted))
        if counted:
            assert all("count" in given for given in calls), key


def test_no_english_text_is_left_unused() -> None:
    assert sorted(set(english()) - set(used_keys())) == []


def test_a_key_is_said_and_equal_to_its_english() -> None:
    said = says("no_such_level", level=3, count=2)
    assert said == "there is no level 3: the deck has 2 levels"
    assert isinstance(said, Says) and said.key == "no_such_level"
    assert says("no_such_level", level=3, count=1) == "there is no level 3: the deck has one level"


def test_plural_forms_are_the_languages_own() -> None:
    arabic = problem_text.problem_text("ar")
    two = says("no_such_level", level=5, count=2)
    few = says("no_such_level", level=5, count=3)
    many = says("no_such_level", level=20, count=11)
    assert arabic.said(two) == "لا يوجد المستوى 5: في الرزمة مستويان"
    assert arabic.said(few) == "لا يوجد المستوى 5: في الرزمة 3 مستويات"
    assert arabic.said(many) == "لا يوجد المستوى 20: في الرزمة 11 مستوى"
    spanish = problem_text.problem_text("es")
    one = says("no_such_level", level=5, count=1)
    assert spanish.said(one) == "no existe el nivel 5: la baraja tiene un solo nivel"
    assert spanish.said(few) == "no existe el nivel 5: la baraja tiene 3 niveles"


def test_a_phrase_inside_a_sentence_is_said_in_the_same_language() -> None:
    result = load_deck_text("cards:\n  - prompt: ''\n")
    empty = next(p for p in result.problems if p.message == "the prompt is empty")
    assert problem_text.problem_text("es").said(empty.message) == "la pregunta: no hay texto"
    assert problem_text.problem_text("ja").said(empty.message) == "質問が空です"


def load_deck_text(cards: str, tmp: Path | None = None):
    import tempfile

    folder = Path(tempfile.mkdtemp()) if tmp is None else tmp
    path = folder / "d.yaml"
    path.write_text(f"format: 1\nid: d\nname: D\n{cards}", encoding="utf-8")
    return load_deck(path)


def test_a_plain_string_is_said_as_it_is() -> None:
    assert (
        problem_text.problem_text("es").said("not from problems.yaml") == "not from problems.yaml"
    )


def test_a_translation_with_other_placeholders_is_not_used(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "xx").mkdir()
    compiled = {
        "language": "xx",
        "name": "Xx",
        "direction": "ltr",
        "forms": ["other"],
        "plural": "0",
        "texts": {"tag_twice": "la marca {etiqueta} dos veces", "hint_remove_one": "quita"},
    }
    (tmp_path / "xx" / problem_text.COMPILED_NAME).write_text(json.dumps(compiled), "utf-8")
    monkeypatch.setattr(problem_text, "locale_dir", lambda: tmp_path)
    monkeypatch.setattr(problem_text, "_loaded", {})
    words = problem_text.problem_text("xx")
    assert words.said(says("tag_twice", tag="'a'")) == "the tag 'a' is listed twice on this card"
    assert words.said(says("hint_remove_one")) == "quita"


def test_english_reads_no_catalog(monkeypatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("English read a catalog")

    monkeypatch.setattr(problem_text, "load_catalog", refuse)
    assert problem_text.problem_text("en").said(says("hint_remove_one")) == "remove one"


# ---------------------------------------------------------------- inkind check


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    yield tmp_path
    choose_language(None)


def checked(*arguments: str, capsys) -> list[str]:
    cli.main([*arguments, "check", "broken.yaml"])
    return capsys.readouterr().out.splitlines()


def test_inkind_check_in_spanish_says_each_problem_in_spanish(here: Path, capsys) -> None:
    assert checked("--language", "es", capsys=capsys)[:2] == [
        f"{WILD_LINE}: error: 'prompt' no está permitido en un comodín"
        " (usa 'text' para cambiar lo que dice)",
        f"{LEVEL_LINE}: error: no existe el nivel 3: la baraja tiene un solo nivel"
        " (usa un número de nivel de la lista 'levels', contando desde 1)",
    ]


def test_inkind_check_in_arabic_says_each_problem_in_arabic(here: Path, capsys) -> None:
    assert checked("--language", "ar", capsys=capsys)[:2] == [
        f"{WILD_LINE}: خطأ: 'prompt' غير مسموح في بطاقة المفاجأة (استخدموا 'text' لتغيير نصها)",
        f"{LEVEL_LINE}: خطأ: لا يوجد المستوى 3: في الرزمة مستوى واحد"
        " (استخدموا رقم مستوى من قائمة 'levels'، بدءًا من 1)",
    ]


def test_inkind_check_in_english_is_as_it_was(here: Path, capsys) -> None:
    assert checked("--language", "en", capsys=capsys)[:2] == [
        f"{WILD_LINE}: error: 'prompt' is not allowed on a wild card"
        " (use 'text' to change its wording)",
        f"{LEVEL_LINE}: error: there is no level 3: the deck has one level"
        " (use a level number from the 'levels' list, counting from 1)",
    ]


def test_json_stays_english_whatever_the_language(here: Path) -> None:
    choose_language("es")
    out = io.StringIO()
    run_check(["broken.yaml"], output="json", out=out, err=io.StringIO())
    problem = json.loads(out.getvalue())["decks"][0]["problems"][0]
    assert problem["message"] == "'prompt' is not allowed on a wild card"
    assert problem["hint"] == "use 'text' to change its wording"


def test_the_check_names_a_missing_problems_json(tmp_path: Path) -> None:
    from game.content.languages import locale_dir
    from game.content.translations import check_language

    (tmp_path / "es").mkdir()
    for name in ("inkind.po", "inkind.json"):
        (tmp_path / "es" / name).write_bytes((locale_dir() / "es" / name).read_bytes())
    found = [p.format() for p in check_language("es", tmp_path / "es" / "inkind.po")]
    assert found == [
        f"{tmp_path / 'es' / 'problems.json'}: error: the compiled catalog is missing"
        " (run: inkind translations compile es)"
    ]


def test_the_words_of_a_start_hold_no_deck_problem() -> None:
    """problems.yaml's translations are compiled apart: inkind.json, read at every start,
    has none of them."""
    from game.content.languages import locale_dir

    for language in ("es", "de", "ja", "ar"):
        texts = json.loads((locale_dir() / language / "inkind.json").read_text("utf-8"))["texts"]
        assert not [key for key in texts if key.startswith("problems.")]
        said = json.loads((locale_dir() / language / "problems.json").read_text("utf-8"))
        assert set(said["texts"]) == set(english())


def test_a_file_that_cannot_be_read_is_said_in_the_language(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("format: 1\ncards:\n  - prompt: Tell me: what now?\n", encoding="utf-8")
    problem = load_deck(path).problems[0]
    assert problem.message == "a ':' here starts a key, which is not allowed at this place"
    german = problem_text.problem_text("de")
    assert german.said(problem.message) == (
        "ein ':' beginnt hier einen Schlüssel, und das ist an dieser Stelle nicht erlaubt"
    )
    assert german.said(problem.hint) == (
        "setz Text mit ': ' in Anführungszeichen, oder prüf die Einrückung"
    )


def test_reading_good_decks_and_presets_reads_no_problem_text(monkeypatch) -> None:
    """problems.yaml is read with the first problem, not by a deck that has none: what a
    reader names (Phrase) is said only then."""
    from game.content.presets import load_presets
    from game.content.sources import builtin_deck_files

    def refuse(*args: object) -> None:
        raise AssertionError("problems.yaml read for decks without a problem")

    monkeypatch.setattr(problem_text, "_loaded", {})
    monkeypatch.setattr(problem_text, "read_english", refuse)
    results = [load_deck(path) for path in builtin_deck_files()]
    assert all(result.ok for result in results)
    assert load_presets()[1] == ()
