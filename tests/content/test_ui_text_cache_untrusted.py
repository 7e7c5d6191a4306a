"""Issue 23: the UI text cache is checked like ui.yaml, and rebuilt when anything is wrong.

Before, a cache whose stamp matched was trusted: one changed byte ("Player {number{") gave
the error page at every New game, a 100,000-character text took 36 s to the first frame,
and a cache with every text "{" exited with a traceback.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game import resources
from game.content import ui_text
from game.content.ui_text import MAX_TEXT, UiTextError, load_ui_text


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """ui.yaml, its cache folder, and the good texts."""
    path = tmp_path / "ui.yaml"
    shutil.copy(resources.text_dir("en") / "ui.yaml", path)
    texts = load_ui_text(path=path, cache_dir=tmp_path / "cache").texts
    return path, tmp_path / "cache", texts


def edit(change: Callable[[dict[str, Any]], object], fix_crc: bool) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        document = json.loads(data)
        change(document["texts"])
        if fix_crc:  # as someone who knows the format would
            document["crc32"] = ui_text._texts_crc(document["texts"])
        return json.dumps(document).encode()

    return mutate


def every_text(value: str) -> Callable[[dict[str, Any]], None]:
    def change(texts: dict[str, Any]) -> None:
        for key in texts:
            texts[key] = value

    return change


DAMAGE = {
    "one byte changed": lambda data: data.replace(b"Player {number}", b"Player {number{", 1),
    **{
        f"{name}{' (crc recomputed)' if fix else ''}": edit(change, fix)
        for name, change in {
            "a lone brace": lambda t: t.update(new_name_placeholder="Player {number{"),
            "a 100,000-character text": lambda t: t.update(title_quit="x" * 100_000),
            "every text a brace": every_text("{"),
            "a placeholder the key cannot fill": lambda t: t.update(title_quit="{number}"),
            "a conversion": lambda t: t.update(new_name_placeholder="{number!x}"),
            "a format": lambda t: t.update(new_name_placeholder="{number:zz}"),
            "plural forms on a text without a count": lambda t: t.update(
                title_quit={"one": "a", "other": "b"}
            ),
            "an unknown plural form": lambda t: t.update(
                new_deck_cards={"lots": "{count}", "other": "{count}"}
            ),
        }.items()
        for fix in (False, True)
    },
    "not JSON": lambda data: b"{" * 50,
    "a 1 MB file": lambda data: data[:-1] + b" " * (1 << 20) + b"}",
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_or_forged_cache_is_rebuilt(cached, damage):
    path, cache_dir, texts = cached
    cache = cache_dir / "ui-en.json"
    cache.write_bytes(damage(cache.read_bytes()))
    loaded = load_ui_text(path=path, cache_dir=cache_dir)
    assert loaded.texts == texts
    assert loaded("new_name_placeholder", number=2) == texts["new_name_placeholder"].replace(
        "{number}", "2"
    )
    assert json.loads(cache.read_bytes())["texts"] == texts  # written again, whole


def test_a_folder_in_place_of_the_cache_is_moved_aside_and_the_cache_kept(cached, tmp_path):
    path, cache_dir, texts = cached
    cache = cache_dir / "ui-en.json"
    cache.unlink()
    cache.mkdir()
    (cache_dir / ".ui-en.json.k1ll3d.tmp").write_bytes(b"{half")
    assert load_ui_text(path=path, cache_dir=cache_dir).texts == texts
    assert json.loads(cache.read_bytes())["texts"] == texts
    assert (cache_dir / "ui-en.json.damaged").is_dir()
    assert not (cache_dir / ".ui-en.json.k1ll3d.tmp").exists()


def test_ui_yaml_itself_is_held_to_the_same_length(cached):
    path, _, _ = cached
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('title_quit: "Quit"', f'title_quit: "{"x" * (MAX_TEXT + 1)}"'),
        encoding="utf-8",
    )
    assert "x" * (MAX_TEXT + 1) in path.read_text(encoding="utf-8")
    with pytest.raises(
        UiTextError, match="title_quit: the text is 2,001 characters; the limit is 2,000"
    ):
        load_ui_text(path=path)
