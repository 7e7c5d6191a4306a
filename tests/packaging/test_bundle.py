"""The app PyInstaller builds from packaging/inkind.spec runs with no Python of ours: it carries
the decks, fonts, sounds, words and translations, draws every screen as the source does,
checks and prints decks, and serves the phone page.

One build per test session, in a temporary folder outside the checkout, removed afterwards.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
pytest.importorskip("PyInstaller", reason="the test extra installs PyInstaller")

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "inkind.spec"
LANGUAGES = sorted(p.parent.name for p in (ROOT / "assets" / "locale").glob("*/inkind.json"))


@pytest.fixture(scope="session")
def bundle() -> Iterator[Path]:
    """dist/inkind, built once from the spec; the build's own time and size are printed."""
    with tempfile.TemporaryDirectory(prefix="inkind-bundle-") as work:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                f"{work}/dist",
                "--workpath",
                f"{work}/build",
                str(SPEC),
            ],
            cwd=work,
            check=True,
            capture_output=True,
        )
        folder = Path(work) / "dist" / "inkind"
        size = sum(
            p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
        )
        print(
            f"\nbuilt {folder} in {time.perf_counter() - started:.0f} s: {size / 2**20:.0f} MiB",
            file=sys.stderr,
        )
        yield folder


def app_env(home: Path) -> dict[str, str]:
    """The environment of a player's double-click: no PYTHONPATH into the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(INKIND_HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return env


def run_app(bundle: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "inkind"), *args],
        cwd=cwd,
        env=app_env(cwd / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_bundle_carries_the_game_and_its_desktop_entry(bundle: Path) -> None:
    data = bundle / "_internal" / "game" / "_data"
    assert (data / "decks" / "closer.yaml").is_file()
    assert (data / "decks" / "presets").is_dir()
    assert (data / "assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()
    assert (data / "assets" / "sounds" / "chime.wav").is_file()
    assert (data / "assets" / "text" / "en" / "ui.yaml").is_file()
    assert LANGUAGES, "no compiled catalog in assets/locale"
    for language in LANGUAGES:
        assert (data / "assets" / "locale" / language / "inkind.json").is_file(), language
    assert not list(data.rglob("*.po")), "translators' sources stay out of the app"
    assert (bundle / "_internal" / "game" / "phones" / "static" / "phone.js").is_file()
    assert not (bundle / "_internal" / "babel").exists()
    assert (bundle / "inkind.desktop").read_text() == (
        ROOT / "packaging" / "inkind.desktop"
    ).read_text()
    assert (bundle / "inkind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert os.access(bundle / "install.sh", os.X_OK)


def test_the_bundle_reports_its_version(bundle: Path, tmp_path: Path) -> None:
    result = run_app(bundle, "--version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "inkind 0.1.0\n", "")


def test_the_bundle_checks_its_own_decks(bundle: Path, tmp_path: Path) -> None:
    result = run_app(bundle, "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "_internal/game/_data/decks/closer.yaml: ok: Closer" in result.stdout
    assert re.search(r"checked \d+ decks: \d+ ok, 0 failed", result.stdout), result.stdout


def test_the_bundle_prints_a_deck_as_a_pdf(bundle: Path, tmp_path: Path) -> None:
    """`inkind print` loads reportlab and the bundled fonts."""
    result = run_app(bundle, "print", "first-steps", "--out", "cards.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cards on" in result.stdout
    assert (tmp_path / "cards.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_translators_tool_says_to_use_a_checkout(bundle: Path, tmp_path: Path) -> None:
    result = run_app(bundle, "translations", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("inkind translations needs Babel"), result.stderr
    assert "Traceback" not in result.stderr


def test_the_bundle_serves_the_phone_page(bundle: Path, tmp_path: Path) -> None:
    """`inkind --phones` in the window (headless) prints the phones' address and answers it."""
    process = subprocess.Popen(
        [str(bundle / "inkind"), "--phones", "--windowed"],
        cwd=tmp_path,
        env=app_env(tmp_path / "home"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 120)
        line = process.stdout.readline() if ready else ""  # the app says it once serving
        found = re.match(r"phones: (http://\S+)", line)
        assert found, line + (process.stderr.read() if process.poll() is not None else "")
        with urllib.request.urlopen(found.group(1), timeout=30) as page:
            assert b"<!doctype html>" in page.read().lower()
    finally:
        process.terminate()
        process.communicate(timeout=30)


def render(command: list[str], out: Path, env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(
        [*command, "--screenshot", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr


def test_the_bundle_draws_every_screen_as_the_source_does(bundle: Path, tmp_path: Path) -> None:
    """Same fonts, same words, same pixels: the title (and every other screen) from the app
    against the same screen drawn by `python -m game` from this checkout."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    render([str(bundle / "inkind")], tmp_path / "app", app_env(tmp_path / "home-app"), tmp_path)
    source_env = app_env(tmp_path / "home-source") | {"PYTHONPATH": str(ROOT)}
    render([sys.executable, "-m", "game"], tmp_path / "source", source_env, tmp_path)

    shots = sorted(p.name for p in (tmp_path / "source").glob("*.png"))
    assert sorted(p.name for p in (tmp_path / "app").glob("*.png")) == shots
    titles = [name for name in shots if name.endswith("-01-title.png")]
    assert len(titles) == 3, shots
    differing: dict[str, float] = {}
    for name in shots:
        if name.endswith("-error.png"):
            continue  # names the throwaway folder of its run, different each time
        app = pygame.image.load(str(tmp_path / "app" / name))
        source = pygame.image.load(str(tmp_path / "source" / name))
        assert app.get_size() == source.get_size(), name
        a, b = pygame.image.tobytes(app, "RGB"), pygame.image.tobytes(source, "RGB")
        if a != b:
            pixels = sum(a[i : i + 3] != b[i : i + 3] for i in range(0, len(a), 3))
            differing[name] = pixels / (len(a) // 3)
    assert not [name for name in titles if name in differing], differing
    assert all(share < 0.001 for share in differing.values()), differing
