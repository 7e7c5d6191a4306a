"""game/ui/heap.py: the loop's idle preparation fixes glibc's mmap threshold, so the big
blocks an evening frees (rendered lines, the card's two sides) go back to the system."""

from __future__ import annotations

import contextlib
import os
import sys

from game.ui import warmup
from game.ui.heap import give_back_big_blocks


def _glibc() -> bool:
    with contextlib.suppress(AttributeError, ValueError, OSError):
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    return False


def test_the_threshold_is_fixed_where_glibc_runs_the_heap():
    assert give_back_big_blocks() == (sys.platform.startswith("linux") and _glibc())


def test_the_idle_preparation_does_it_before_it_imports_the_screens():
    plan = warmup.Warmup.__new__(warmup.Warmup)
    names = [name for name, _ in _planned(plan)]
    assert names.index("big blocks given back") < names.index(
        next(name for name in names if name.startswith("import "))
    )


def _planned(plan: warmup.Warmup) -> list[tuple[str, object]]:
    from collections import deque

    plan.jobs = deque()
    plan._planned = False
    plan._window_jobs = list  # type: ignore[method-assign]  # no window here
    plan.app = type("App", (), {"words": staticmethod(lambda: None)})()  # type: ignore[assignment]
    plan._plan()
    return list(plan.jobs)
