"""How much a test tries: everything under CI, less in the everyday `pytest -m "not slow"`.

The Hypothesis profile is chosen here once (tests/conftest.py loads it): "ci" when CI=true,
as `.ci/run` runs, "dev" everywhere else; HYPOTHESIS_PROFILE=ci (or dev) chooses by hand.
A test that needs more examples than the profile gives asks `examples(ci=..., dev=...)`, so
CI keeps the full number and a developer's run stays under a minute.
"""

from __future__ import annotations

import os

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev")


def examples(ci: int, dev: int) -> int:
    """The number of examples for this run's profile."""
    return ci if PROFILE == "ci" else dev
