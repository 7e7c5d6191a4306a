"""The title kept from the last start (game/ui/kept_frame.py, issue 27): shown only when it
is, pixel for pixel, what the title draws now, and never when its file is not right."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pygame
import pytest

from game.content.ui_text import load_ui_text
from game.store.settings import Settings
from game.ui import kept_frame
from game.ui.text import Text
from tests.child import headless_child

# A real start; at each flip, the crc32 of the window's pixels. One flip: the title drawn;
# two: the kept title, then the title drawn on the next frame.
FLIPS = """
import json, zlib
import pygame
flips = []
real_flip = pygame.display.flip
def flip():
    flips.append(zlib.crc32(pygame.display.get_surface().get_buffer().raw))
    real_flip()
pygame.display.flip = flip
from game.cli import main
main([])
print(json.dumps(flips))
"""


def flips(home: Path, **env: str) -> list[int]:
    done, report = headless_child(FLIPS, home, timeout=60, INKIND_EXIT_AFTER_FIRST_FRAME="1", **env)
    assert "first frame drawn" in done.stdout
    return report


def _save_a_game(home: Path) -> None:
    from game.core.state import Phase
    from game.store.saves import SaveStore
    from tests.store.games import game_at

    SaveStore(home / "saves").save(game_at(Phase.SHARE))


@pytest.mark.parametrize("saved", [False, True], ids=["nothing saved", "a game saved"])
@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_the_kept_title_is_the_title_pixel_for_pixel(tmp_path, language, saved):
    if saved:
        _save_a_game(tmp_path)
    first = flips(tmp_path, LANGUAGE=language)
    assert len(first) == 1  # nothing kept yet: the title drawn, then kept
    second = flips(tmp_path, LANGUAGE=language)
    assert second == [first[0], first[0]]  # the kept title, then the same title drawn


@pytest.mark.slow
def test_a_changed_setting_or_save_is_never_shown_from_the_kept_title(tmp_path):
    first = flips(tmp_path)
    (tmp_path / "settings.json").write_text(json.dumps({"text_size": "large"}))
    larger = flips(tmp_path)
    assert len(larger) == 1 and larger[0] != first[0]  # the title drawn anew, not the kept one
    again = flips(tmp_path)
    assert again == [larger[0], larger[0]]
    _save_a_game(tmp_path)  # Continue shows now
    with_continue = flips(tmp_path)
    assert len(with_continue) == 1 and with_continue[0] != larger[0]
    assert flips(tmp_path, LANGUAGE="es")[0] != larger[0]  # another language: its own


@pytest.fixture
def window():
    pygame.display.init()
    screen = pygame.display.set_mode((320, 200))
    yield screen
    pygame.display.quit()


def _kept(tmp_path: Path, screen: pygame.Surface) -> tuple[Path, Settings, object]:
    t = load_ui_text("en", cache_dir=tmp_path)
    screen.fill((200, 120, 40))
    pygame.draw.circle(screen, (10, 20, 30), (160, 100), 50)
    assert not kept_frame.keep(tmp_path, screen, Settings(), t, False, Text(), None)
    return tmp_path / kept_frame.file_name("en"), Settings(), t


def test_the_kept_frame_comes_back_as_it_was(tmp_path, window):
    path, settings, t = _kept(tmp_path, window)
    drawn = bytes(window.get_buffer().raw)
    window.fill((0, 0, 0))
    shown = kept_frame.show(tmp_path, window, settings, t, False)  # type: ignore[arg-type]
    assert shown is not None and bytes(window.get_buffer().raw) == drawn
    assert len(path.read_bytes().split(b"\n", 1)[1]) < 10_000  # 256,000 bytes, deflated


def _flip_in_pixels(data: bytes) -> bytes:
    at = data.index(b"\n") + 10
    return data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :]


def _forged_key(data: bytes) -> bytes:
    line, rest = data.split(b"\n", 1)
    header = json.loads(line)
    header["key"]["words"][0] = "Out of Kind"  # what another title would have said
    return json.dumps(header).encode() + b"\n" + rest


def _other_pixels(data: bytes) -> bytes:
    """Pixels of the right length that are not the title's, their crc32 made to match."""
    line, _ = data.split(b"\n", 1)
    header = json.loads(line)
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed = deflate.compress(b"\x07" * 320 * 200 * 4) + deflate.flush()
    header["crc32"] = zlib.crc32(packed)
    header["stamps"][0][1] += 1  # ...but written for a file since changed
    return json.dumps(header).encode() + b"\n" + packed


def _repacked(data: bytes, pixels: bytes | None) -> bytes:
    """Other bytes after the line, their crc32 made to match (None: not deflate at all)."""
    line, _ = data.split(b"\n", 1)
    header = json.loads(line)
    if pixels is None:
        packed = b"\xff\xfe not deflated"
    else:
        deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
        packed = deflate.compress(pixels) + deflate.flush()
    header["crc32"] = zlib.crc32(packed)
    return json.dumps(header).encode() + b"\n" + packed


DAMAGE = {
    "cut in the pixels": lambda data: data[: len(data) - 7],
    "cut in the line": lambda data: data[: data.index(b"\n") - 5],
    "a byte changed in the pixels": _flip_in_pixels,
    "a byte changed in the line": lambda data: data.replace(b'"version":1', b'"version":7', 1),
    "no line": lambda data: data.replace(b"\n", b" ", 1),
    "empty": lambda data: b"",
    "not ours": lambda data: b"\x89PNG\r\n\x1a\n" + data,
    "the key forged": _forged_key,
    "a module changed since": _other_pixels,
    "inflates to another size": lambda data: _repacked(data, b"\0" * 99),
    "not deflate": lambda data: _repacked(data, None),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_kept_frame_that_is_not_right_is_never_shown(tmp_path, window, damage):
    path, settings, t = _kept(tmp_path, window)
    path.write_bytes(damage(path.read_bytes()))
    window.fill((1, 2, 3))
    before = bytes(window.get_buffer().raw)
    assert kept_frame.show(tmp_path, window, settings, t, False) is None  # type: ignore[arg-type]
    assert bytes(window.get_buffer().raw) == before  # nothing drawn


def test_a_kept_frame_for_another_window_or_setting_is_not_shown(tmp_path, window):
    _, settings, t = _kept(tmp_path, window)
    assert kept_frame.show(tmp_path, window, Settings(text_size="large"), t, False) is None  # type: ignore[arg-type]
    assert kept_frame.show(tmp_path, window, settings, t, True) is None  # type: ignore[arg-type]
    bigger = pygame.display.set_mode((400, 200))
    assert kept_frame.show(tmp_path, bigger, settings, t, False) is None  # type: ignore[arg-type]


def test_a_kept_frame_unlike_the_title_drawn_is_kept_again(tmp_path, window):
    """Pixels a key cannot tell apart (forged with everything matching): the title drawn on
    the next frame is compared with them, logged, and kept instead."""
    path, settings, t = _kept(tmp_path, window)
    path.write_bytes(_repacked(path.read_bytes(), b"\x07" * 320 * 200 * 4))
    shown = kept_frame.show(tmp_path, window, settings, t, False)  # type: ignore[arg-type]
    assert shown is not None  # shown: nothing could tell
    window.fill((200, 120, 40))  # the title drawn again, on the next frame
    drawn = bytes(window.get_buffer().raw)
    assert kept_frame.keep(tmp_path, window, settings, t, False, Text(), shown)  # type: ignore[arg-type]
    window.fill((0, 0, 0))
    assert kept_frame.show(tmp_path, window, settings, t, False) is not None  # type: ignore[arg-type]
    assert bytes(window.get_buffer().raw) == drawn


def test_a_folder_in_place_of_the_kept_frame_is_no_crash(tmp_path, window):
    (tmp_path / kept_frame.file_name("en")).mkdir()
    t = load_ui_text("en", cache_dir=tmp_path)
    assert kept_frame.show(tmp_path, window, Settings(), t, False) is None
    window.fill((5, 5, 5))
    kept_frame.keep(tmp_path, window, Settings(), t, False, Text(), None)  # not kept, no error


# The player closes the window while the kept title shows: the real loop takes that.
QUIT_AT_THE_KEPT_FRAME = """
import json, zlib
import pygame
flips = []
real_flip = pygame.display.flip
def flip():
    flips.append(zlib.crc32(pygame.display.get_surface().get_buffer().raw))
    real_flip()
    if len(flips) == 1:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
pygame.display.flip = flip
from game.cli import main
print(json.dumps({"code": main([]), "flips": flips}))
"""


def test_input_at_the_kept_title_is_handled_by_the_real_one(tmp_path):
    kept = flips(tmp_path)
    _, report = headless_child(QUIT_AT_THE_KEPT_FRAME, tmp_path, timeout=60)
    assert report["code"] == 0
    assert report["flips"] == [kept[0], kept[0]]  # the kept title, the title, then it quit


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("make", [os.mkfifo, lambda path: path.symlink_to("/dev/zero")])
def test_a_fifo_or_a_device_in_place_of_the_kept_frame_never_blocks(tmp_path, window, make):
    """Looked at, never opened (a FIFO would block the start until someone wrote to it)."""
    make(tmp_path / kept_frame.file_name("en"))
    t = load_ui_text("en", cache_dir=tmp_path)
    assert kept_frame.show(tmp_path, window, Settings(), t, False) is None


def test_a_font_added_anywhere_in_the_font_folders_is_never_shown_kept(
    tmp_path, window, monkeypatch
):
    """Drawn with a computer's font, the kept frame checks the font folders it walked when
    kept by a stat of each (game/fonts/folders.py `stamp_again`), not a walk: a font added
    deep in a folder, a folder removed or a new font folder each show the title drawn."""
    fonts = tmp_path / "data" / "fonts"
    (fonts / "noto" / "cjk").mkdir(parents=True)
    (fonts / "noto" / "cjk" / "A.ttc").write_bytes(b"a font")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    cache = tmp_path / "cache"
    cache.mkdir()
    t = load_ui_text("en", cache_dir=cache)
    text = Text()
    monkeypatch.setattr(text, "uses_system_fonts", lambda: True)

    def kept_and_shown() -> bool:
        window.fill((200, 120, 40))
        kept_frame.keep(cache, window, Settings(), t, False, text, None)  # type: ignore[arg-type]
        return kept_frame.show(cache, window, Settings(), t, False) is not None  # type: ignore[arg-type]

    def ns_later(path: Path) -> None:  # a time no coarse clock leaves equal
        later = path.stat().st_mtime_ns + 1_000_000_000
        os.utime(path, ns=(later, later))

    assert kept_and_shown()
    header = json.loads((cache / kept_frame.file_name("en")).read_bytes().split(b"\n", 1)[0])
    names = [name for name, _ in header["stamps"][-1][1]]
    assert [name for name in names if name.startswith(str(tmp_path))] == [
        str(fonts),
        str(fonts / "noto"),
        str(fonts / "noto" / "cjk"),
        str(tmp_path / "home" / ".fonts"),  # missing, and named so
    ]
    (fonts / "noto" / "cjk" / "B.ttc").write_bytes(b"another font")
    ns_later(fonts / "noto" / "cjk")
    assert kept_frame.show(cache, window, Settings(), t, False) is None  # type: ignore[arg-type]

    assert kept_and_shown()
    (tmp_path / "home" / ".fonts").mkdir(parents=True)  # a font folder that was not there
    assert kept_frame.show(cache, window, Settings(), t, False) is None  # type: ignore[arg-type]

    assert kept_and_shown()
    (fonts / "noto" / "cjk" / "A.ttc").unlink()
    (fonts / "noto" / "cjk" / "B.ttc").unlink()
    (fonts / "noto" / "cjk").rmdir()
    assert kept_frame.show(cache, window, Settings(), t, False) is None  # type: ignore[arg-type]
