"""A game with phones alone in a process whose open-file limit is 1,024 (the usual desktop
limit), saving to disk as the game window does: for test_phones_siege.py.

Prints one JSON line when it listens ({"port", "code", "saves", "limit"}), pumps the hub
as the game's loop does each frame until its standard input closes, then waits for the
last save and prints {"applied", "closed"}. Run as `python -m tests.phones.besieged_table`
with INKIND_HOME set to a fresh folder.
"""

from __future__ import annotations

import json
import resource
import sys
import threading
import time

from game.core import engine
from game.phones.hub import Hub
from game.phones.server import PhoneServer
from game.store.saves import SaveStore
from game.table.session import Session
from tests.core.factory import make_deck, make_setup
from tests.phones.conftest import WORDS, T

OPEN_FILES = 1024


def main() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, hard))
    store = SaveStore()
    deck = make_deck(prompts_per_level=8, levels=3)
    session = Session(engine.new_game(make_setup(2, deck=deck, seed=7)), store)
    hub = Hub(T)
    server = PhoneServer(hub, WORDS, host="127.0.0.1", port=0)
    server.start()
    session.extras["phones"] = server.room.saved
    session.save()
    hub.attach(session)
    ready = {
        "port": server.port,
        "code": server.room.code,
        "saves": str(store.folder),
        "limit": 256,
    }
    print(json.dumps(ready), flush=True)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    while not done.is_set():  # the game's loop, a frame every few milliseconds
        hub.pump()
        time.sleep(0.004)
    server.stop()
    session.flush()
    print(json.dumps({"applied": hub.applied, "closed": 1}), flush=True)


if __name__ == "__main__":
    main()
