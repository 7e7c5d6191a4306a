"""The title's first frame, kept from the last start and shown while the real title is built.

A start shows the title as the last one drew it (raw pixels, `pygame.image.frombuffer`: no
image decoder) only when everything its pixels depend on is as it was then: the window's
size, every setting, the language, the title's words, whether Continue shows, the game's,
pygame's, SDL's, SDL_ttf's and Python's versions, and every file it was drawn with (each module of the
game loaded by then and each font file opened, by size and modification time; with a
computer's font, the font folders' stamp too: each folder found when kept, stat'ed again), and the window's pixel format. Anything
else, a file that is damaged, cut or
not ours, and the real title is drawn first, as it always was. Either way the real title is
built at once and drawn on the next frame, and compared with what was kept: a frame that
differs is written again (and logged), so a start never shows a wrong title twice.

One file a language (`<cache>/first-frame-<language>.bin`): a line of JSON (the key, the
files' stamps, the crc32 of what follows), then the window's own pixel bytes, deflated
(about 40 KB for 1280x720): copied back into the window's memory as they are, no
conversion and no image decoder.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import __version__

if TYPE_CHECKING:
    from game.content.ui_text import UiText
    from game.store.settings import Settings
    from game.ui.text import Text

VERSION = 1
MAX_BYTES = 64 << 20  # 4K is 25 MB of RGB
# The words the title can draw on its first frame (game/ui/scenes/title.py).
WORDS = (
    "title_name",
    "title_tagline",
    "title_continue",
    "title_new_game",
    "title_how_to_play",
    "title_settings",
    "title_quit",
)
GAME_DIR = Path(__file__).resolve().parents[1]


def file_name(language: str) -> str:
    return f"first-frame-{language}.bin"


def title_key(
    screen: pygame.Surface, settings: Settings, t: UiText, can_continue: bool
) -> dict[str, Any]:
    """What the title's first frame depends on, files aside (`drawn_with`)."""
    key = {
        "version": VERSION,
        "game": __version__,
        "pygame": pygame.version.ver,
        "sdl": list(pygame.get_sdl_version()),
        "sdl_ttf": list(pygame.font.get_sdl_ttf_version()),  # with its FreeType and HarfBuzz
        "python": sys.version,
        "size": list(screen.get_size()),
        "pixels": [screen.get_bitsize(), list(screen.get_masks()), screen.get_pitch()],
        "settings": settings.to_plain(),
        "language": t.language,
        "rtl": t.rtl,
        "words": [t(word) for word in WORDS],
        "continue": can_continue,
    }
    read_back: dict[str, Any] = json.loads(json.dumps(key))  # as the file gives it back
    return read_back


def drawn_with(text: Text) -> list[str]:
    """The files the frame on screen was drawn with: the game's modules loaded by now, the
    bundled fonts' coverage, and every font file `text` opened."""
    files = set()
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if (name == "game" or name.startswith("game.")) and path:
            files.add(str(path))
    files.add(str(GAME_DIR.parent / "assets" / "fonts" / "coverage.json"))
    files.update(str(face.path) for face in text.opened_faces())
    return sorted(files)


def _stamps(
    files: list[str], system_fonts: bool, kept: list[Any] | None = None
) -> list[list[object]]:
    """Each file's modification time and size; with a computer's font, the font folders'
    stamp after them: walked when keeping, and when checking `kept` (the stamps kept) only
    the folders it names stat'ed again (game/fonts/folders.py `stamp_again`)."""
    stamps: list[list[object]] = []
    for path in files:
        try:
            info = os.stat(path)
            stamps.append([path, info.st_mtime_ns, info.st_size])
        except OSError:
            stamps.append([path, -1, -1])
    if system_fonts:  # which computer's font draws a character can change with a new one
        from game.fonts.folders import font_folders, kept_stamp, stamp_again

        folders = font_folders()
        last = kept[-1] if kept else None
        if type(last) is list and len(last) == 2 and type(last[1]) is list:
            stamps.append(["font folders", stamp_again(last[1], folders)])
        else:
            stamps.append(["font folders", kept_stamp(folders)])
    return stamps


class Kept:
    """A kept frame shown at start, remembered until the real title's first frame."""

    def __init__(self, key: dict[str, Any], pixels: bytes) -> None:
        self.key = key
        self.pixels = pixels


def show(
    cache: Path, screen: pygame.Surface, settings: Settings, t: UiText, can_continue: bool
) -> Kept | None:
    """Show the kept title on `screen` and flip, if it is exactly what the title would draw
    now; None (nothing drawn) if not, or if the file is missing, damaged or not ours."""
    key = title_key(screen, settings, t, can_continue)
    from game.store.safe_read import read_regular

    try:
        # Only a regular file of a sane size: a FIFO or a device in its place never blocks.
        data = read_regular(cache / file_name(t.language), MAX_BYTES)
        line = data.find(b"\n")
        if line < 0:
            return None
        header = json.loads(data[:line].decode("ascii"))
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        files, system_fonts = header["files"], header["system_fonts"]
        if type(files) is not list or not all(type(path) is str for path in files):
            return None
        kept = header["stamps"]
        if type(kept) is not list or kept != _stamps(files, system_fonts is True, kept):
            return None
        packed = memoryview(data)[line + 1 :]
        if zlib.crc32(packed) != header["crc32"]:
            return None
        pixels = zlib.decompress(packed, -15)
        if len(pixels) != screen.get_pitch() * screen.get_height():
            return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError, zlib.error):
        return None
    screen.get_buffer().write(pixels)
    pygame.display.flip()
    return Kept(key, pixels)


def keep(
    cache: Path,
    screen: pygame.Surface,
    settings: Settings,
    t: UiText,
    can_continue: bool,
    text: Text,
    shown: Kept | None,
) -> bool:
    """After the real title's first frame: keep it for the next start, unless the frame
    shown first was this very one. True when what was shown first differed (a key that
    missed something the title depends on: logged, and the file written again)."""
    key = title_key(screen, settings, t, can_continue)
    pixels = screen.get_buffer().raw
    if shown is not None and shown.key == key and shown.pixels == pixels:
        return False
    wrong = shown is not None
    if wrong:
        from game.store.log import log_note

        log_note("the kept first frame", "it differed from the title drawn; kept again")
    files = drawn_with(text)
    system_fonts = text.uses_system_fonts()
    header = {
        "key": key,
        "files": files,
        "system_fonts": system_fonts,
        "stamps": _stamps(files, system_fonts),
    }
    from game.store.atomic import write_atomic

    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed = deflate.compress(pixels) + deflate.flush()
    header["crc32"] = zlib.crc32(packed)
    try:
        line = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        write_atomic(cache / file_name(t.language), line + b"\n" + packed)
    except (OSError, ValueError, TypeError):
        pass  # not kept: the next start draws its title, as without one
    return wrong
