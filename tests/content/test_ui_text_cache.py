"""The checked UI text is cached so a normal start skips PyYAML; any change to the file is seen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game import resources
from game.content import ui_text
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
