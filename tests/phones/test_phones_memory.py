"""The phones load no TLS (issue 27): they speak plain HTTP and WebSocket, and ssl maps
OpenSSL's libssl (1.7 MB resident). Checked in a new process, as a game turns phones on."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import game.phones.link
print("ssl" in sys.modules, sys.modules["asyncio.base_events"].ssl)
import ssl  # still there for anyone who asks for it
print(ssl.OPENSSL_VERSION_NUMBER > 0)
"""


def test_turning_phones_on_loads_no_tls():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out == ["False", "None", "True"]
