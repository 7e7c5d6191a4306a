"""The phones load no TLS (issue 27): they speak plain HTTP and WebSocket, and ssl maps
OpenSSL's libssl (1.7 MB resident); nor OpenSSL's libcrypto for their hashes (3.8 MB,
game/store/digests.py). Checked in a new process, as a game turns phones on."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import game.phones.link
print("ssl" in sys.modules, sys.modules["asyncio.base_events"].ssl)
print("_hashlib" in sys.modules)  # websockets' handshake takes its sha1 from Python's own
from websockets.utils import accept_key
print(accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")  # RFC 6455
import ssl  # still there for anyone who asks for it
print(ssl.OPENSSL_VERSION_NUMBER > 0)
"""


def test_turning_phones_on_loads_no_tls():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out == ["False", "None", "False", "True", "True"]


def test_a_phone_gets_no_compression_state(table_of):
    """Views go uncompressed: no permessage-deflate (its compressor and decompressor held
    about 50 KB a phone, 0.6 MB for twelve), whatever the phone's browser offers."""
    import asyncio

    from tests.phones.conftest import Phone

    table = table_of(2)

    async def look() -> list[object]:
        phone = await Phone(table).open()  # websockets' client offers permessage-deflate
        try:
            assert phone.ws is not None
            return list(phone.ws.protocol.extensions)
        finally:
            await phone.close()

    assert asyncio.run(look()) == []
