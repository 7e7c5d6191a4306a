"""Phones as private controllers: a small web server, a page, and the bridge to the table.

Nothing here imports pygame, and nothing here is imported while phones are off. The
server runs in its own thread and asyncio loop; every phone action crosses to the game's
thread through `Hub` and goes through the same `Session.choose` as a key press.
See docs/phones.md.
"""

import sys

from game.store.digests import without_openssl


def _without_tls() -> None:
    """asyncio and websockets imported without ssl: the phones speak plain HTTP and
    WebSocket on the local network, never TLS, and both do without it (asyncio keeps
    `ssl = None`). Importing ssl maps OpenSSL's libssl: 1.7 MB resident for nothing (issue
    27). Only while they are imported: an `import ssl` later works as ever.

    Their hashes (the handshake's sha1, hmac's comparisons) come without OpenSSL's
    libcrypto either, another 3.8 MB (game/store/digests.py)."""
    without_openssl()
    if "ssl" in sys.modules or "asyncio" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # `import ssl` raises ImportError
    try:
        import asyncio  # noqa: F401

        import websockets.asyncio.server  # noqa: F401
    finally:
        if "ssl" in sys.modules and sys.modules["ssl"] is None:
            del sys.modules["ssl"]


_without_tls()
