"""The header of a format-2 save (see savefile2.py), read without the engine.

The title reads only this to offer Continue: which game, whether it is over, who plays.
Nothing here imports game.core, so a start with a save on disk stays as light as one
without.
"""

from __future__ import annotations

import json
import math
import zlib
from typing import Any

SAVE_FORMAT_2 = 2
MAX_HEADER_BYTES = 1024 * 1024


class UnreadableHeader(ValueError):
    """Not a format-2 header this version can trust. `newer`: a later version wrote it."""

    def __init__(self, reason: str, newer: bool = False) -> None:
        super().__init__(reason)
        self.newer = newer


def canonical(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=True, allow_nan=False, separators=(",", ":"), sort_keys=True
    ).encode("ascii")


def encode_header(header: dict[str, Any]) -> bytes:
    # crc32, not sha256: it catches any damaged byte in a header this small, and zlib is
    # already loaded (hashlib would be one more import before the title's first frame).
    return canonical({**header, "crc32": zlib.crc32(canonical(header))}) + b"\n"


def save_format(data: bytes) -> int | None:
    """The `inkind_save` number of a save file, read cheaply (None: not a save at all)."""
    head = data[:512]  # format 1 begins with it; a header (sorted keys) has it early
    marker = b'"inkind_save":'
    at = head.find(marker)
    if at < 0:
        return None
    digits = head[at + len(marker) :].split(b",")[0].split(b"}")[0].strip()
    return int(digits) if digits.isdigit() and len(digits) < 4 else None


def decode_header(data: bytes) -> dict[str, Any]:
    """The header's fields (without its checksum), or UnreadableHeader saying why not."""
    if len(data) > MAX_HEADER_BYTES:
        raise UnreadableHeader(f"the save's header is {len(data)} bytes, more than it can be")
    try:
        document = json.loads(
            data.decode("ascii"), parse_float=finite_float, parse_constant=refuse_constant
        )
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise UnreadableHeader(f"the save is not JSON: {type(error).__name__}") from None
    if not isinstance(document, dict) or "inkind_save" not in document:
        raise UnreadableHeader("this is not an In Kind save")
    version = document["inkind_save"]
    header = {key: value for key, value in document.items() if key != "crc32"}
    if "crc32" in document and document["crc32"] != zlib.crc32(canonical(header)):
        # Before the format number: a damaged byte there must not pass for a newer version.
        raise UnreadableHeader("the save is damaged (its checksum does not match)")
    if type(version) is not int:
        raise UnreadableHeader(f"the save has no format number: {version!r}")
    if version > SAVE_FORMAT_2:
        raise UnreadableHeader(
            f"the save has format {version}; this version reads {SAVE_FORMAT_2}", True
        )
    if version != SAVE_FORMAT_2:
        raise UnreadableHeader(f"the save has format {version}, not a header")
    if "crc32" not in document:
        raise UnreadableHeader("the save is damaged (its checksum is missing)")
    if not isinstance(header.get("setup"), str) or not header["setup"].isalnum():
        raise UnreadableHeader("the save does not name its game's setup")
    count = header.get("actions")
    if type(count) is not int or count < 0:
        raise UnreadableHeader("the save does not say how many actions it holds")
    if not isinstance(header.get("table"), dict):
        raise UnreadableHeader("the table extras are missing or not an object")
    if type(header.get("finished")) is not bool:
        raise UnreadableHeader("the save does not say whether the game is over")
    return header


def finite_float(text: str) -> float:
    """For json.loads: a save holds no infinities (both save formats read through it)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text}")
    return value


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save can hold")


def setup_bytes_vouched(data: bytes, name: str) -> bool:
    """Whether a setup file's bytes are ours, whole: `{"game":<body>,"inkind_setup":2,
    "sha256":"<hex>"}` as savefile2.encode_setup writes it, the sha256 of <body> matching
    and naming the game `name`. No JSON parse and no engine."""
    head, tail = b'{"game":', b',"inkind_setup":2,"sha256":"'
    end = len(tail) + 64 + 3  # the hex digest, then "}\n
    if not data.startswith(head) or len(data) < len(head) + end or not data.endswith(b'"}\n'):
        return False
    body, rest = data[len(head) : -end], data[-end:]
    if not rest.startswith(tail):
        return False
    # Here: the title imports this module at every start, most with no save.
    from game.store.digests import sha256_hex

    digest = rest[len(tail) : len(tail) + 64].decode("ascii", "replace")
    return digest[:32] == name and sha256_hex(body) == digest
