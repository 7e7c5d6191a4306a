"""The wheel carries the decks and assets: installed in a fresh venv outside the checkout, it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it, with its dependencies, into a brand-new venv."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "dist").glob("inkind-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    return env_dir


def run_outside(env_dir: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["INKIND_HOME"] = str(tmp_path / "home")
    return subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_installed_wheel_reports_its_version(installed: Path, tmp_path: Path) -> None:
    result = run_outside(
        installed, str(installed / "bin" / "inkind"), "--version", tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "inkind 0.1.0"


def test_installed_wheel_finds_its_decks_and_assets(installed: Path, tmp_path: Path) -> None:
    code = (
        "import game, game.resources as r\n"
        "assert 'site-packages' in game.__file__, game.__file__\n"
        "print(sorted(p.name for p in r.decks_dir().glob('*.yaml')))\n"
        "print(sorted(p.name for p in (r.assets_dir() / 'fonts').glob('*.ttf')))\n"
        "print((r.text_dir() / 'how_to_play.yaml').is_file())\n"
    )
    result = run_outside(
        installed, str(installed / "bin" / "python"), "-c", code, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    decks, fonts, words = result.stdout.strip().splitlines()
    assert (
        "first-steps.yaml" in decks and "closer.yaml" in decks and "around-the-table.yaml" in decks
    )
    assert "AtkinsonHyperlegible-Regular.ttf" in fonts
    assert words == "True"


def test_installed_wheel_serves_the_phone_page(installed: Path, tmp_path: Path) -> None:
    """The page's three files ship in the wheel, and the installed server answers with them."""
    code = (
        "import urllib.request\n"
        "from game.phones.hub import Hub\n"
        "from game.phones.server import PhoneServer\n"
        "server = PhoneServer(Hub(lambda key, **k: key), {}, host='127.0.0.1', port=0)\n"
        "server.start()\n"
        "for name in ('', 'phone.js', 'phone.css'):\n"
        "    url = f'http://127.0.0.1:{server.port}/{server.room.code}/{name}'\n"
        "    print(len(urllib.request.urlopen(url).read()) > 200)\n"
        "server.stop()\n"
    )
    result = run_outside(
        installed, str(installed / "bin" / "python"), "-c", code, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]
