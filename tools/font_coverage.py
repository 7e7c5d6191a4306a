"""Write assets/fonts/coverage.json: what each bundled font's cmap maps, worked out once.

    python tools/font_coverage.py

Run it after adding or updating a font in assets/fonts. A start then reads the bundled
fonts' cmap tables but parses none (game/fonts/cmap.py `known_tables`): each table is
known by its bytes' crc32 and length, so a font changed without running this is simply
parsed again (and tests/fonts/test_system_fonts.py fails until this is run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from game.fonts.cmap import KNOWN_TABLES, describe_tables  # noqa: E402

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"


def main() -> int:
    document = describe_tables(sorted(FONTS.glob("*.ttf")))
    tables = document["tables"]
    assert isinstance(tables, list)
    lines = ",\n".join(json.dumps(table, separators=(",", ":")) for table in tables)
    about = json.dumps(document["about"])
    text = f'{{"about": {about},\n"tables": [\n{lines}\n]}}\n'
    (FONTS / KNOWN_TABLES).write_text(text, encoding="utf-8")
    print(f"{FONTS / KNOWN_TABLES}: {len(tables)} fonts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
