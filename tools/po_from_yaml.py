"""Put a translation written as keyed YAML into the language's gettext catalog.

    python tools/po_from_yaml.py LANG [--from DIR] [--remove]

reads DIR (default assets/text/LANG) — ui.yaml, how_to_play.yaml, response_guide.yaml,
feelings.yaml and starters.yaml, mirroring assets/text/en key for key, plural texts as
mappings of the language's CLDR forms — and writes assets/locale/LANG/inkind.po (made or
updated from the template) and its compiled assets/locale/LANG/inkind.json. Texts the YAML
does not give keep what the catalog had. Then it runs the check of that language.
With --remove the YAML files are deleted once they are in the catalog (the .po is the
translation from then on). Exit status 1 if the YAML or the catalog has problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.content.messages import FILES
from game.content.translations import check_all, from_yaml
from game.resources import text_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="po_from_yaml", description=__doc__.split("\n")[0])
    parser.add_argument("language", metavar="LANG", help="the language's tag: es, de, ja, ar")
    parser.add_argument("--from", dest="folder", metavar="DIR", help="the keyed YAML's folder")
    parser.add_argument("--remove", action="store_true", help="delete the YAML afterwards")
    args = parser.parse_args(argv)
    folder = Path(args.folder) if args.folder else text_dir(args.language)
    if args.language == "en":
        print("po_from_yaml: English is the source; it stays YAML", file=sys.stderr)
        return 2
    if not folder.is_dir():
        print(f"po_from_yaml: no folder {folder}", file=sys.stderr)
        return 2
    try:
        path, problems = from_yaml(args.language, folder)
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"wrote {path} and its compiled inkind.json")
    checked = check_all([args.language])
    for problem in [*problems, *checked]:
        print(problem.format())
    if args.remove and not problems:
        for name in FILES:
            (folder / name).unlink(missing_ok=True)
        print(f"removed the YAML files in {folder}")
    return 1 if problems or checked else 0


if __name__ == "__main__":
    sys.exit(main())
