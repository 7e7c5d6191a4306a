"""Draw the app's icon files from the window's own icon (game/ui/icon.py): no artwork is kept.

    python packaging/make_icon.py OUT_DIR

writes OUT_DIR/inkind.png (256 px, for the Linux desktop entry), inkind.ico (16 to 256 px,
Windows) and inkind.icns (128 to 512 px, macOS). The .ico and .icns hold PNG images, which
Windows Vista and later and macOS 10.7 and later read, so no image library beyond pygame is
needed. packaging/inkind.spec runs this before it builds the app.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The icns element types whose data may be a PNG of this many pixels square.
ICNS_TYPES = {128: b"ic07", 256: b"ic08", 512: b"ic09"}


def png_bytes(size: int) -> bytes:
    """The icon drawn at `size` pixels square, as a PNG file's bytes."""
    import pygame

    from game.ui.icon import window_icon

    with tempfile.TemporaryDirectory(prefix="inkind-icon-") as folder:
        path = Path(folder) / "icon.png"
        pygame.image.save(window_icon(size), str(path))
        return path.read_bytes()


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (ICONDIR, then an ICONDIRENTRY per image)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns: 'icns' and the file's length, then (type, length, PNG) per size."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in sorted(images.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out: Path) -> list[Path]:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    drawn = {size: png_bytes(size) for size in {PNG_SIZE, *ICO_SIZES, *ICNS_TYPES}}
    out.mkdir(parents=True, exist_ok=True)
    files = {
        out / "inkind.png": drawn[PNG_SIZE],
        out / "inkind.ico": ico({size: drawn[size] for size in ICO_SIZES}),
        out / "inkind.icns": icns({size: drawn[size] for size in ICNS_TYPES}),
    }
    for path, data in files.items():
        path.write_bytes(data)
    return list(files)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/make_icon.py OUT_DIR", file=sys.stderr)
        return 2
    for path in make_icons(Path(argv[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
