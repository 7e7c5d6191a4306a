"""The address phones use: this computer's address on the local network."""

from __future__ import annotations

import socket


def lan_address() -> str:
    """The local address other devices on the network reach this computer by.

    Asking the system which interface would carry a packet to a private address sends
    nothing (UDP `connect` only picks a route). With no network, 127.0.0.1: a phone
    cannot join, but the game still runs.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return str(address)
