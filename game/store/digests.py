"""Hashes taken without OpenSSL (issue 27: memory in play).

`import hashlib` loads `_hashlib`, and with it OpenSSL's libcrypto: 3.8 MB resident for
the few hashes the game takes, none of them big or frequent: a game's setup checksum
(sha256, written once a game, checked again by Continue and by the title's look at a
save), and, with phones on, the WebSocket handshake's sha1 (the websockets library) and
the phones' page policy's sha256. Python computes every one of them itself too, in its
own modules (`_sha256` or, since 3.12, `_sha2`; `_sha1`, `_md5`, `_blake2`, `_sha3`), which
is what hashlib uses where there is no OpenSSL.

So the process's first `import hashlib` is made with `_hashlib` kept out, when Python has
its own module for every hash hashlib offers (otherwise hashlib would log an error for
each one missing, and it is imported as usual); hmac with it, which takes OpenSSL's HMAC
when it can. Whatever imports hashlib afterwards gets that module; an `import _hashlib`
of its own (ssl does) still works. OpenSSL is faster on big inputs: the 3 MB setup of an
8,000-card deck takes 21 ms instead of 2 (once when the game starts, once at Continue and
at the title's look at the save); a built-in deck's (60-100 KB) well under a millisecond.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

# The modules hashlib builds its hashes from without OpenSSL (either name of a pair).
OWN_MODULES = (
    ("_md5",),
    ("_sha1",),
    ("_sha256", "_sha2"),
    ("_sha512", "_sha2"),
    ("_blake2",),
    ("_sha3",),
)


def own_hashes() -> bool:
    """Whether this Python has its own module for every hash hashlib offers."""
    return all(any(find_spec(name) is not None for name in names) for names in OWN_MODULES)


def without_openssl() -> None:
    """Import hashlib and hmac without OpenSSL, unless either is imported already (or
    OpenSSL's `_hashlib` is), or Python lacks its own hashes. Cheap once done."""
    if "hashlib" in sys.modules or "hmac" in sys.modules or "_hashlib" in sys.modules:
        return
    if not own_hashes():
        return
    sys.modules["_hashlib"] = None  # type: ignore[assignment]  # `import _hashlib` fails
    try:
        import hashlib  # noqa: F401
        import hmac  # noqa: F401
    finally:
        if "_hashlib" in sys.modules and sys.modules["_hashlib"] is None:
            del sys.modules["_hashlib"]


def sha256_hex(data: bytes) -> str:
    """The sha256 of `data`, in hex (the same digest whichever module computes it)."""
    without_openssl()
    import hashlib

    return hashlib.sha256(data).hexdigest()
