"""The checked UI text is cached so a normal start skips PyYAML; any change to the file is seen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game import resources
from game.content import languages, ui_text
from game.content.ui_text import UiTextError, load_ui_text


@pytest.fixture
def ui_copy(tmp_path: Path) -> Path:
    path = tmp_path / "ui.yaml"
    shutil.copy(resources.text_dir("en") / "ui.yaml", path)
    return path


def test_a_second_load_reads_the_cache_not_the_yaml(ui_copy, tmp_path, monkeypatch):
    first = load_ui_text(path=ui_copy, cache_dir=tmp_path / "cache")
    assert (tmp_path / "cache" / "ui-en.json").is_file()

    def no_yaml(*args, **kwargs):
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr(ui_text, "_check", no_yaml)
    assert load_ui_text(path=ui_copy, cache_dir=tmp_path / "cache").texts == first.texts


def test_an_edited_file_is_checked_again(ui_copy, tmp_path):
    load_ui_text(path=ui_copy, cache_dir=tmp_path / "cache")
    text = ui_copy.read_text(encoding="utf-8")
    ui_copy.write_text(text.replace("title_quit:", "title_quitt:", 1), encoding="utf-8")
    os.utime(ui_copy, ns=(1, 1))  # a different time even on a coarse clock
    with pytest.raises(UiTextError, match="unknown key 'title_quitt'"):
        load_ui_text(path=ui_copy, cache_dir=tmp_path / "cache")


def test_a_damaged_cache_is_ignored_and_rewritten(ui_copy, tmp_path):
    cache = tmp_path / "cache"
    expected = load_ui_text(path=ui_copy, cache_dir=cache).texts
    (cache / "ui-en.json").write_text("{not json", encoding="utf-8")
    assert load_ui_text(path=ui_copy, cache_dir=cache).texts == expected
    assert (cache / "ui-en.json").read_text(encoding="utf-8").startswith("{")


def test_the_title_path_imports_no_yaml_once_cached(tmp_path):
    env = {**os.environ, "INKIND_HOME": str(tmp_path)}
    code = (
        "import sys\n"
        "from game.content.ui_text import load_ui_text\n"
        "from game.store.paths import cache_dir\n"
        "from game.store.saves import SaveStore\n"
        "load_ui_text(cache_dir=cache_dir()); SaveStore().has_unfinished()\n"
        "print(sorted(m for m in ('yaml', 'game.core.engine') if m in sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    assert second.stdout.strip() == "[]"


# ------------------------------------------------------------ a language's own cache


@pytest.fixture
def catalog_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Arabic's compiled catalog, copied where a test may change it (Arabic: plural forms
    that need a rule read, and right to left)."""
    copy = tmp_path / "ar" / "inkind.json"
    copy.parent.mkdir()
    real = languages.catalog_path
    shutil.copy(real("ar"), copy)
    monkeypatch.setattr(
        languages, "catalog_path", lambda code: copy if code == "ar" else real(code)
    )
    return copy


def test_a_language_is_read_from_its_own_cache_once_merged(
    ui_copy, catalog_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    first = load_ui_text("ar", path=ui_copy, cache_dir=cache)
    assert (cache / "ui-ar.json").is_file()
    assert first.texts != load_ui_text("en", path=ui_copy, cache_dir=cache).texts

    def not_again(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(ui_text, "_check", not_again)
    monkeypatch.setattr(languages, "load_catalog", not_again)
    again = load_ui_text("ar", path=ui_copy, cache_dir=cache)
    assert (again.texts, again.rtl, again.forms) == (first.texts, True, first.forms)
    for count in range(0, 120):
        assert again("new_deck_cards", count=count) == first("new_deck_cards", count=count)


def test_a_changed_catalog_is_merged_again(ui_copy, catalog_copy, tmp_path):
    cache = tmp_path / "cache"
    load_ui_text("ar", path=ui_copy, cache_dir=cache)
    document = json.loads(catalog_copy.read_bytes())
    document["texts"]["title_quit"] = "خروج الآن"
    catalog_copy.write_text(json.dumps(document), encoding="utf-8")
    os.utime(catalog_copy, ns=(1, 1))
    assert load_ui_text("ar", path=ui_copy, cache_dir=cache)("title_quit") == "خروج الآن"


def _forged(change: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    """The cache changed as someone who knows its format would, checksum recomputed."""

    def mutate(data: bytes) -> bytes:
        document = json.loads(data)
        change(document)
        extra = {name: document.get(name) for name in ui_text.LANGUAGE_FIELDS}
        document["crc32"] = ui_text._texts_crc(document["texts"], extra)
        return json.dumps(document, ensure_ascii=False).encode()

    return mutate


LANGUAGE_DAMAGE = {
    "one byte changed": lambda data: data.replace(b'"rtl": true', b'"rtl": tru3', 1),
    "the rule changed, checksum not": lambda data: data.replace(b"n % 100", b"n % 101", 1),
    "a rule that cannot be read": _forged(lambda d: d.update(plural="(n ==")),
    "a rule that divides by zero": _forged(lambda d: d.update(plural="(n / 0)")),
    "a form of no language": _forged(lambda d: d.update(forms=["lots", "other"])),
    "no other form": _forged(lambda d: d.update(forms=["one"])),
    "another language's": _forged(lambda d: d.update(language="es")),
    "a direction not true or false": _forged(lambda d: d.update(rtl="yes")),
    "a placeholder the key cannot fill": _forged(lambda d: d["texts"].update(title_quit="{n}")),
}


@pytest.mark.parametrize("damage", LANGUAGE_DAMAGE.values(), ids=LANGUAGE_DAMAGE.keys())
def test_a_damaged_or_forged_language_cache_is_merged_again(
    ui_copy, catalog_copy, tmp_path, damage
):
    cache = tmp_path / "cache"
    good = load_ui_text("ar", path=ui_copy, cache_dir=cache)
    target = cache / "ui-ar.json"
    target.write_bytes(damage(target.read_bytes()))
    again = load_ui_text("ar", path=ui_copy, cache_dir=cache)
    assert (again.texts, again.rtl, again.forms) == (good.texts, good.rtl, good.forms)
    assert [again("new_deck_cards", count=n) for n in range(120)] == [
        good("new_deck_cards", count=n) for n in range(120)
    ]
    assert (
        json.loads(target.read_bytes())["plural"] == json.loads(catalog_copy.read_bytes())["plural"]
    )
