"""`python -m game` runs the same command line as `inkind`."""

import sys

from game.cli import main

sys.exit(main())
