"""The command line itself: version, usage errors, a closed pipe, and what it prints from
hostile files (escaped, and never waiting on a FIFO)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_version_and_check_start_without_loading_pygame():
    code = "import sys; from game.cli import main; main(['check']); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().splitlines()[-1] == "False"
    version = subprocess.run(
        [sys.executable, "-m", "game", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert version.returncode == 0 and version.stdout.strip() == "inkind 0.1.0"


def test_check_into_a_closed_pipe_prints_no_traceback():
    proc = subprocess.run(
        f"{sys.executable} -m game check tests/content/fixtures/broken | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_an_unknown_subcommand_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "game", "dance"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


# ---------------------------------------------------------------- issue 15: hostile files

DECK = "format: 1\nid: {id}\nname: {name}\ncards:\n  - prompt: Tell about a morning. How did you feel?\n"


def inkind(*args: str, home: Path, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    """The real command, in a process of its own; a hang fails the test after `timeout`."""
    env = {**os.environ, "INKIND_HOME": str(home), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_check_prints_a_deck_name_with_bidi_and_escape_codes_escaped(tmp_path: Path) -> None:
    deck = tmp_path / "bidi.yaml"
    deck.write_text(DECK.format(id="bidi", name='"Evil\\u202Eevil \\e]0;pwned\\a"'), "utf-8")
    proc = inkind("check", str(deck), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("ascii").splitlines()[0] == (
        f"{deck}: ok: Evil\\u202eevil \\x1b]0;pwned\\x07 (bidi), 1 card (level 1 Open: 1)"
    )


def test_paths_prints_a_home_folder_with_escape_codes_escaped(tmp_path: Path) -> None:
    home = tmp_path / "home\x1b[2Jcleared\u202e"
    proc = inkind("paths", home=home)
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.decode("utf-8").splitlines()[0]
    assert first == f"decks: {tmp_path}/home\\x1b[2Jcleared\\u202e/decks"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_check_of_a_fifo_says_it_cannot_be_read_instead_of_waiting_forever(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    try:
        proc = inkind("check", str(fifo), home=tmp_path / "home", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("inkind check waited for a writer on the FIFO")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").splitlines() == [
        f"{fifo}: error: cannot be read: it is a pipe (FIFO), not a file",
        f"{fifo}: failed: 1 error",
        "checked 1 deck: 0 ok, 1 failed",
    ]


# ------------------------------------------- issue 25: the command speaks the player's language


def inkind_in(language: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real command with the computer's language set to `language` (LANGUAGE first)."""
    env = {**os.environ, "INKIND_HOME": str(home), "LANGUAGE": language}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def deck_with(tmp_path: Path, cards: int) -> Path:
    deck = tmp_path / "morning.yaml"
    prompts = "".join(
        f"  - prompt: Tell about a morning number {n}. How did you feel?\n" for n in range(cards)
    )
    deck.write_text(f"format: 1\nid: morning\nname: Morning\ncards:\n{prompts}", "utf-8")
    return deck


def test_check_speaks_spanish_when_the_computer_does(tmp_path: Path) -> None:
    deck = deck_with(tmp_path, 2)
    proc = inkind_in("es_ES.UTF-8", "check", str(deck), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{deck}: bien: Morning (morning), 2 cartas (nivel 1 Open: 2)",
        "revisado: 1 baraja; 1 bien, 0 con fallos",
    ]


@pytest.mark.parametrize(
    ("cards", "said"), [(1, "بطاقة واحدة"), (2, "بطاقتان"), (3, "3 بطاقات"), (11, "11 بطاقة")]
)
def test_check_speaks_arabic_with_its_plural_forms(tmp_path: Path, cards: int, said: str) -> None:
    deck = deck_with(tmp_path, cards)
    proc = inkind_in("ar", "check", str(deck), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{deck}: سليم: Morning (morning)، {said} (المستوى 1 Open: {cards})",
        "تم فحص رزمة واحدة: 1 سليم، 0 فيه أخطاء",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_problem_is_said_in_the_language_with_the_systems_reason_as_written(
    tmp_path: Path,
) -> None:
    """The framing and the problem's own sentence are translated (problems.yaml); the
    reason the system gives stays as written (docs/translating.md, "Deck problems")."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    proc = inkind_in("ar", "check", str(fifo), home=tmp_path / "home")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{fifo}: خطأ: تتعذر قراءته: it is a pipe (FIFO), not a file",
        f"{fifo}: فيه أخطاء: خطأ واحد",
        "تم فحص رزمة واحدة: 0 سليم، 1 فيه أخطاء",
    ]


def test_a_usage_error_is_in_the_language(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    proc = inkind_in("es", "check", str(missing), home=tmp_path / "home")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"inkind check: no existe ese archivo o carpeta: {missing}"]
    proc = inkind_in("ar", "import", str(missing), home=tmp_path / "home")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"inkind import: لا يوجد ملف بهذا الاسم: {missing}"]


def test_the_language_option_comes_before_the_computers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = inkind_in("es", "--language", "de", "paths", home=home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"Decks: {home}/decks"


def test_the_language_chosen_in_settings_comes_before_the_computers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"format": 1, "language": "ja"}', "utf-8")
    proc = inkind_in("es", "paths", home=home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == f"ログ: {home}/inkind.log"


def test_a_language_the_game_lacks_is_english(tmp_path: Path) -> None:
    proc = inkind_in("fi_FI.UTF-8", "paths", home=tmp_path / "home")
    assert proc.stdout.splitlines()[0] == f"decks: {tmp_path}/home/decks"


def test_import_prints_its_next_step_in_the_language(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("What did you feel at the lake?\nWhen did you last laugh hard?\n", "utf-8")
    proc = inkind_in("es", "import", str(prompts), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        f"inkind import: para jugarla, ejecuta `inkind import {prompts} --install` "
        f"(va a {tmp_path}/home/decks), o pon tú el archivo de la baraja en esa carpeta"
    ]
    assert proc.stdout.startswith("format: ")  # the deck itself is YAML, never translated


def test_the_command_starts_without_reading_a_catalog_before_it_speaks() -> None:
    """--version prints nothing from the catalogs: ui.yaml, Settings and the compiled
    catalogs are read only when a message is printed."""
    code = (
        "import sys; from game.cli import main\n"
        "try:\n    main(['--language', 'ar', '--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('yaml', 'game.content.ui_text', "
        "'game.store.settings', 'babel')))"
    )
    env = {**os.environ, "LANGUAGE": "ar"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_help_is_in_the_language_and_parsing_reads_no_text(tmp_path: Path) -> None:
    proc = inkind_in("es", "check", "--help", home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "uso: inkind check [-h] [--strict] [--format {text,json}] [PATH ...]"
    assert "  --strict              trata los avisos como errores" in lines
    assert "  -h, --help            muestra esta ayuda y sale" in lines
    proc = inkind_in("es", "--language", "ja", "--help", home=tmp_path / "home")
    assert "In Kind: 深く分かち合い、心をこめて応えるための会話カードゲームです。" in proc.stdout
    code = (
        "import sys; from game.cli import build_parser\n"
        "build_parser().parse_args(['check', '--strict'])\n"
        "print('game.content.ui_text' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
