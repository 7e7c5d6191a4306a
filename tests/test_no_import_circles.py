"""No import circles: in `game` and in `bench`, no module imports itself through others.

A circle (a imports b, b imports a, directly or round a longer loop) makes the import order
matter and hides which module is the base of which; the benchmark once had one
(game/bench.py and game/bench_evening.py). The graph comes from grimp, the library under
import-linter, and counts imports inside functions too. Imports under
`if TYPE_CHECKING:` are left out: they are never executed, only read by mypy, so they
cannot make a circle at run time (and are the usual way to name a type without one).
"""

from __future__ import annotations

import grimp
import pytest


def circles(package: str) -> list[list[str]]:
    """The strongly connected components of more than one module in `package`'s imports:
    each module with the modules it reaches by imports and that reach it back."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    found: list[list[str]] = []
    seen: set[str] = set()
    for module in sorted(graph.modules):
        if module in seen:
            continue
        imports = graph.find_upstream_modules(module)  # what it imports, at any depth
        imported_by = graph.find_downstream_modules(module)  # what imports it, at any depth
        component = {module} | (imports & imported_by)
        seen |= component
        if len(component) > 1:
            found.append(sorted(component))
    return found


@pytest.mark.parametrize("package", ["game", "bench"])
def test_no_module_imports_itself_through_others(package: str) -> None:
    found = circles(package)
    assert not found, f"import circles in {package}: " + "; ".join(
        " <-> ".join(component) for component in found
    )


def test_a_circle_is_found_and_named(tmp_path, monkeypatch) -> None:
    """The check itself: two modules that import each other are reported by name."""
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circled import b\n")
    (package / "b.py").write_text("def later():\n    from circled import a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circled import d\n"
    )
    (package / "d.py").write_text("from circled import c\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles("circled") == [["circled.a", "circled.b"]]
