"""The app's icon files, desktop entry and install script (quick: no build; test_bundle.py
builds the app itself)."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
PNG = b"\x89PNG\r\n\x1a\n"

sys.path.insert(0, str(PACKAGING))
import make_icon  # noqa: E402  (packaging/ is not a package)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    paths = make_icon.make_icons(tmp_path_factory.mktemp("icons"))
    return {path.name: path.read_bytes() for path in paths}


def test_the_png_is_256_pixels_square(icons: dict[str, bytes]) -> None:
    assert png_size(icons["inkind.png"]) == (256, 256)


def test_the_ico_holds_a_png_per_size_where_its_directory_says(icons: dict[str, bytes]) -> None:
    data = icons["inkind.ico"]
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icon.ICO_SIZES))
    sizes = []
    for index in range(count):
        side, _, _, _, _, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        width, height = png_size(data[offset : offset + length])
        assert width == height == (side or 256)
        assert bits == 32
        sizes.append(width)
    assert tuple(sizes) == make_icon.ICO_SIZES
    assert offset + length == len(data)


def test_the_icns_is_its_length_and_a_png_per_type(icons: dict[str, bytes]) -> None:
    data = icons["inkind.icns"]
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found, at = {}, 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        found[kind] = png_size(data[at + 8 : at + length])
        at += length
    assert at == len(data)
    assert found == {kind: (size, size) for size, kind in make_icon.ICNS_TYPES.items()}


def test_the_desktop_entry_opens_the_game_from_the_menu() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    entry.read(PACKAGING / "inkind.desktop", encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application"
    assert fields["Name"] == "In Kind"
    assert fields["Exec"] == "inkind"
    assert fields["Icon"] == "inkind"
    assert fields["Terminal"] == "false"
    assert "Game" in fields["Categories"].split(";")
    assert fields["Categories"].endswith(";")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_then_remove_for_this_user(tmp_path: Path) -> None:
    """install.sh copies the unpacked app to ~/.local/share/inkind, links `inkind` into
    ~/.local/bin and puts the entry and icon in the menu; --remove takes them away."""
    app = tmp_path / "dist" / "inkind"
    (app / "_internal").mkdir(parents=True)
    (app / "inkind").write_text("#!/bin/sh\necho in kind\n")
    (app / "inkind").chmod(0o755)
    shutil.copy(PACKAGING / "inkind.desktop", app / "inkind.desktop")
    shutil.copy(PACKAGING / "install-linux.sh", app / "install.sh")
    (app / "inkind.png").write_bytes(PNG)
    home = tmp_path / "home"
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}

    done = subprocess.run(
        ["sh", str(app / "install.sh")], env=env, capture_output=True, text=True, check=True
    )
    installed = home / ".local" / "share" / "inkind"
    assert (
        done.stdout
        == f"In Kind installed: {installed} (the menu's Games, or `inkind` in a terminal)\n"
    )
    assert (home / ".local" / "bin" / "inkind").resolve() == (installed / "inkind").resolve()
    menu = (home / ".local" / "share" / "applications" / "inkind.desktop").read_text()
    assert f"Exec={installed}/inkind\n" in menu
    assert f"TryExec={installed}/inkind\n" in menu
    icon = home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "inkind.png"
    assert icon.read_bytes() == PNG

    done = subprocess.run(
        ["sh", str(app / "install.sh"), "--remove"], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "In Kind removed (saves and settings kept)\n")
    assert not installed.exists()
    assert not (home / ".local" / "bin" / "inkind").exists()
    assert not icon.exists()
