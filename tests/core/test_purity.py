"""The engine core stays pure: only the standard library, attrs and itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "game" / "core"
ALLOWED_THIRD_PARTY = {"attrs"}


def imported_top_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_files_import_only_stdlib_attrs_and_game():
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    offenders = {}
    for path in sorted(CORE.glob("*.py")):
        bad = imported_top_names(path) - stdlib - ALLOWED_THIRD_PARTY - {"game"}
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_core_modules_import_from_game_only_the_core():
    for path in sorted(CORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("game"):
                assert node.module.startswith("game.core"), f"{path.name} imports {node.module}"


def test_importing_the_core_loads_neither_pygame_nor_yaml():
    code = (
        "import sys, pkgutil, importlib, game.core\n"
        "for m in pkgutil.iter_modules(game.core.__path__): importlib.import_module('game.core.' + m.name)\n"
        "print(sorted(n for n in ('pygame', 'yaml') if n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
