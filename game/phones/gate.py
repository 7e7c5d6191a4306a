"""The cap on the phones' server's open connections, so that a stranger on the network
cannot use up the files the game needs for its saves and its log (docs/phones.md)."""

from __future__ import annotations

import asyncio
import errno

from websockets.asyncio.server import ServerConnection

# Open connections at most: a table has twelve phones, each with a page and a socket. With
# a low open-file limit, a third of what is left after `ACCEPT_BATCH` twice (`cap`).
MAX_CONNECTIONS = 256
PER_ADDRESS = 16  # connections one address may hold before it gives the room's code
ACCEPT_BATCH = 32  # connections taken from the kernel's queue at once (the listen backlog)
OUT_OF_FILES = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


def cap(max_connections: int = MAX_CONNECTIONS) -> int:
    """How many connections may be open at once under this process's open-file limit.

    A third of the limit is left for the connections once two batches of accepts are
    set aside: the game keeps the rest (its saves, its log, fonts, sounds)."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):  # Windows has no such limit
        return max_connections
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return max_connections
    return max(8, min(max_connections, (soft - 2 * ACCEPT_BATCH) // 3))


class Gate:
    """The open connections, at most `limit` of them.

    A connection that has not yet given the room's code is a stranger's as likely as a
    phone's: when the room is full, a new one closes the oldest of those (a half-open
    connection that sends nothing holds a file until then), and one address may hold
    only `per_address` of them. A connection past the code is never closed for room."""

    def __init__(self, limit: int, per_address: int = PER_ADDRESS) -> None:
        self.limit, self.per_address = limit, per_address
        self.outside: dict[ServerConnection, str] = {}  # before the code, oldest first
        self.inside: set[ServerConnection] = set()  # past the code
        self.closed = 0  # connections closed to make room (tests read it)

    def __len__(self) -> int:
        return len(self.outside) + len(self.inside)

    def arrived(self, connection: ServerConnection) -> None:
        address = address_of(connection)
        same = [c for c, a in self.outside.items() if a == address]
        if len(same) >= self.per_address:
            self._close(same[0])
        elif len(self) >= self.limit:
            if not self.outside:  # every one is a phone's: the newest waits for room
                self.closed += 1
                connection.transport.abort()
                return
            self._close(next(iter(self.outside)))
        self.outside[connection] = address

    def admitted(self, connection: ServerConnection) -> None:
        if self.outside.pop(connection, None) is not None:
            self.inside.add(connection)

    def left(self, connection: ServerConnection) -> None:
        self.outside.pop(connection, None)
        self.inside.discard(connection)

    def shed(self) -> None:
        """The system has no file left for a new connection: close the newest half of
        those that have not given the code."""
        for connection in list(self.outside)[len(self.outside) // 2 :]:
            self._close(connection)

    def _close(self, connection: ServerConnection) -> None:
        del self.outside[connection]
        self.closed += 1
        connection.transport.abort()


def connection_type(gate: Gate) -> type[ServerConnection]:
    class PhoneConnection(ServerConnection):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            gate.arrived(self)

        def connection_lost(self, exc: Exception | None) -> None:
            gate.left(self)
            super().connection_lost(exc)

    return PhoneConnection


def address_of(connection: ServerConnection) -> str:
    remote = connection.remote_address
    return str(remote[0]) if remote else ""
