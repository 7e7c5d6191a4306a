"""The game's hashes come without OpenSSL (game/store/digests.py, issue 27): `_hashlib`
maps libcrypto, 3.8 MB resident for a sha256 once a game. Checked in fresh processes, as
a game saves and reads back, since what a process imported is what it holds."""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.store import digests
from tests.child import headless_child

SAVED_AND_READ = """
import json, os, sys
from pathlib import Path
from game.core.engine import new_game
from game.store.saves import SaveStore
from tests.store.games import new_setup

store = SaveStore(Path(os.environ["INKIND_HOME"]) / "saves")
state = new_game(new_setup())
store.save(state)
store.flush()
loaded = SaveStore(store.folder).load()
import hashlib
print(json.dumps({
    "openssl": "_hashlib" in sys.modules,
    "same": loaded.state == state,
    "hashes": sorted(n for n in ("md5", "sha1", "sha256", "sha512", "blake2b", "sha3_256")
                     if hasattr(hashlib, n)),
}))
"""


def test_a_game_saved_and_read_back_loads_no_openssl(tmp_path: Path):
    _, seen = headless_child(SAVED_AND_READ, tmp_path)
    assert seen == {
        "openssl": False,
        "same": True,
        "hashes": ["blake2b", "md5", "sha1", "sha256", "sha3_256", "sha512"],
    }


def test_the_digest_is_sha256_whichever_module_takes_it():
    data = b"abc" * 1000
    assert digests.sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()


NO_OWN_HASHES = """
import json, sys
from game.store import digests
digests.OWN_MODULES = (("_no_such_hash_module",),)  # a Python built with OpenSSL's only
digests.without_openssl()
before = "hashlib" in sys.modules
digest = digests.sha256_hex(b"abc")
print(json.dumps({"imported_early": before, "digest": digest[:8],
                  "openssl": "_hashlib" in sys.modules}))
"""


def test_without_its_own_hashes_python_imports_hashlib_as_usual(tmp_path: Path):
    _, seen = headless_child(NO_OWN_HASHES, tmp_path)
    assert seen == {"imported_early": False, "digest": "ba7816bf", "openssl": True}


def test_a_hashlib_already_imported_is_left_as_it_is(tmp_path: Path):
    script = (
        "import json, sys, hashlib\n"
        "from game.store.digests import without_openssl\n"
        "without_openssl()\n"
        "print(json.dumps([sys.modules['hashlib'] is hashlib, '_hashlib' in sys.modules]))\n"
    )
    _, seen = headless_child(script, tmp_path)
    assert seen == [True, True]
