"""The computer's fonts: found by fontconfig or by reading the font folders, and cached (issue 16)."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from game.fonts import cmap, system
from game.fonts.cmap import KNOWN_TABLES, codepoints, coverage, describe_tables, face_count
from game.resources import assets_dir

ATKINSON = assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf"


def test_the_cmap_reader_reads_ranges_that_match_the_glyph_set():
    ranges = coverage(ATKINSON)
    assert ranges == sorted(ranges)
    assert sum(end - start + 1 for start, end in ranges) == len(codepoints(ATKINSON))
    assert ord("A") in codepoints(ATKINSON) and 0x65E5 not in codepoints(ATKINSON)
    assert face_count(ATKINSON) == 1


def test_the_bundled_fonts_cmaps_are_known_and_match_what_parsing_gives(monkeypatch):
    """assets/fonts/coverage.json is what tools/font_coverage.py writes for today's fonts
    (run it after changing one), and a start parses none of their tables."""
    fonts = sorted((assets_dir() / "fonts").glob("*.ttf"))
    written = json.loads((assets_dir() / "fonts" / KNOWN_TABLES).read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(describe_tables(fonts)))

    def parsed(*args: object) -> list[tuple[int, int]]:
        raise AssertionError("a bundled font's cmap was parsed")

    monkeypatch.setattr(cmap, "_cmap_ranges", parsed)
    for path in fonts:
        assert coverage(path) == [tuple(pair) for pair in _ranges_in(written, path.name)]


def _ranges_in(document: dict, name: str) -> list[list[int]]:
    return next(table["ranges"] for table in document["tables"] if table["font"] == name)


def test_a_font_whose_cmap_is_not_known_is_parsed(tmp_path: Path):
    """Only the bytes decide: a cmap changed by one byte is no longer the one known."""
    data = bytearray(ATKINSON.read_bytes())
    with open(ATKINSON, "rb") as file:
        table = cmap._read_table(file, 0, b"cmap", cmap.MAX_CMAP)
    assert table is not None
    at = bytes(data).index(table)
    data[at + len(table) - 2 : at + len(table)] = b"\x00\x00"  # the last glyph id: none
    changed = tmp_path / "changed.ttf"
    changed.write_bytes(bytes(data))
    assert coverage(changed) != coverage(ATKINSON)
    assert coverage(changed) == cmap.table_coverage(bytes(data[at : at + len(table)]))


def test_a_broken_font_file_has_no_characters(tmp_path: Path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\xff" * 40)
    assert coverage(bad) == []
    assert coverage(tmp_path / "missing.ttf") == []


def test_the_folders_are_read_when_there_is_no_fontconfig(tmp_path: Path):
    folder = tmp_path / "fonts" / "inner"
    folder.mkdir(parents=True)
    (folder / "AtkinsonHyperlegible-Regular.ttf").write_bytes(ATKINSON.read_bytes())
    index = system.FontIndex(system._from_folders([tmp_path / "fonts"]), "folders")
    assert [(f.family, f.style) for f in index.fonts] == [("Atkinson Hyperlegible", "Regular")]
    assert index.can_draw(ord("A")) and not index.can_draw(0x65E5)


def test_the_list_is_cached_and_read_back_without_searching_again(tmp_path: Path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Atkinson-Regular.ttf").write_bytes(ATKINSON.read_bytes())
    searches = []
    real = system.find_fonts

    def counted(folders):
        searches.append(folders)
        return system.FontIndex(system._from_folders(folders), "folders")

    monkeypatch.setattr(system, "find_fonts", counted)
    cache = tmp_path / "cache"
    first = system.load_or_find(cache, [fonts])
    second = system.load_or_find(cache, [fonts])
    assert len(searches) == 1 and second.source == "cache"
    assert [f.path for f in second.fonts] == [f.path for f in first.fonts]
    assert second.can_draw(ord("A"))
    # A font added changes the folder's time: the list is made again.
    (fonts / "Copy-Regular.ttf").write_bytes(ATKINSON.read_bytes())
    import os

    os.utime(fonts, ns=(1, 1))
    system.load_or_find(cache, [fonts])
    assert len(searches) == 2
    del real


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"[]",
        b'{"version": 1}',
        b'{"version": 1, "fonts": [3], "stamp": []}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_cache_is_rebuilt_never_a_crash(tmp_path: Path, damage: bytes, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Atkinson-Regular.ttf").write_bytes(ATKINSON.read_bytes())
    monkeypatch.setattr(
        system, "find_fonts", lambda folders: system.FontIndex(system._from_folders(folders))
    )
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / system.CACHE_NAME).write_bytes(damage)
    index = system.load_or_find(cache, [fonts])
    assert index.can_draw(ord("A"))
    header = (cache / system.CACHE_NAME).read_bytes().split(b"\n", 1)[0]
    assert json.loads(header)["version"] == system.CACHE_VERSION


def _flip_a_word(data: bytes) -> bytes:
    at = data.index(b"\n") + 5
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _ranges_changed(data: bytes) -> bytes:
    line, words = data.split(b"\n", 1)
    header = json.loads(line)
    header["ranges"][0] += 8
    return json.dumps(header).encode() + b"\n" + words + b"\0" * 8


@pytest.mark.parametrize(
    "damage",
    [
        _flip_a_word,  # the words' crc32 no longer matches
        lambda data: data[: data.index(b"\n") + 9],  # cut inside the words
        lambda data: data[: data.index(b"\n") - 3],  # cut inside the JSON line
        lambda data: data.replace(b"\n", b" ", 1),  # no line
        _ranges_changed,  # the sizes and the words agree with the crc, not with the faces
    ],
)
def test_a_damaged_version_4_cache_is_not_believed(tmp_path: Path, damage, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Atkinson-Regular.ttf").write_bytes(ATKINSON.read_bytes())
    found = []
    monkeypatch.setattr(
        system,
        "find_fonts",
        lambda folders: found.append(1) or system.FontIndex(system._from_folders(folders)),
    )
    cache = tmp_path / "cache"
    cache.mkdir()
    first = system.load_or_find(cache, [fonts])
    kept = system.read_cache(cache / system.CACHE_NAME, [fonts])
    assert kept is not None and found == [1]  # written, and read back as it was found
    assert [(list(a.starts), list(a.ends)) for a in kept.fonts] == [
        (list(a.starts), list(a.ends)) for a in first.fonts
    ]
    path = cache / system.CACHE_NAME
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    if damage is _ranges_changed:
        # Consistent bytes that are not what was found: still whole pairs of words, so the
        # faces read are well formed (a forged cache can only mislead the font choice).
        header = json.loads(damaged.split(b"\n", 1)[0])
        header["crc32"] = zlib.crc32(damaged.split(b"\n", 1)[1])
        path.write_bytes(json.dumps(header).encode() + b"\n" + damaged.split(b"\n", 1)[1])
        read = system.read_cache(path, [fonts])
        assert read is not None and len(read.fonts[0].starts) == len(first.fonts[0].starts) + 1
        return
    assert system.read_cache(path, [fonts]) is None
    index = system.load_or_find(cache, [fonts])
    assert index.can_draw(ord("A")) and found == [1, 1]  # found again, and cached again
    assert system.read_cache(path, [fonts]) is not None


def test_a_folder_where_the_cache_should_be_is_not_read(tmp_path: Path, monkeypatch):
    (tmp_path / "cache" / system.CACHE_NAME).mkdir(parents=True)
    monkeypatch.setattr(system, "find_fonts", lambda folders: system.FontIndex([]))
    assert system.load_or_find(tmp_path / "cache", []).fonts == []


def test_fontconfigs_charset_is_read_as_ranges():
    assert system._parse_charset("20-7e a0 3040-309f zz") == [
        (0x20, 0x7E),
        (0xA0, 0xA0),
        (0x3040, 0x309F),
    ]


def test_emoji_prefer_the_colour_font_and_letters_never_use_it():
    def font(name: str, colour: bool, ranges: list[tuple[int, int]]) -> system.SystemFont:
        return system._font(f"/f/{name}.ttf", name, "Regular", colour, ranges)

    emoji = font("Noto Color Emoji", True, [(0x30, 0x39), (0x1F600, 0x1F64F)])
    mono = font("DejaVu Sans", False, [(0x30, 0x39), (0x1F600, 0x1F64F)])
    index = system.FontIndex([mono, emoji])
    best = index.best(0x1F600)
    assert best is not None and best.colour
    digit = index.best(ord("5"))
    assert digit is not None and not digit.colour
    assert system.FontIndex([mono]).best(0x1F600) == mono  # no colour font: monochrome
