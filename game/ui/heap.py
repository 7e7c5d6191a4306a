"""Big blocks of memory given back when freed (issue 27: memory in play).

glibc's malloc maps a block of 128 KB or more on its own and unmaps it when it is freed;
but each time one is freed it raises that threshold to the freed block's size (up to 32
MB), so the next big blocks come from the heap, which keeps what is freed. Over an
evening the game frees big blocks all the time: rendered lines of text (100-400 KB at
1920x1080), the card's two sides at every flip (1.6 MB each). With the threshold left to
move, the heap grew with them: 2 MB more by turn 200 of a twelve-player evening (85.6 MB
against 83.3 at turn 10 with it fixed, 87.6 against 85.6 without).

`give_back_big_blocks` fixes the threshold at glibc's own default (`mallopt`), so freed
big blocks go back to the system. Elsewhere (macOS, Windows, musl) it does nothing. It
loads ctypes (0.7 MB, about 3 ms), so the loop's idle preparation runs it
(game/ui/warmup.py), never start-up.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD = 128 * 1024  # glibc's default, kept from moving


def give_back_big_blocks() -> bool:
    """Whether the threshold is now fixed (False where there is no glibc to ask)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        gnu_version = libc.gnu_get_libc_version  # glibc only: musl's mallopt does nothing
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    del gnu_version
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
