"""In Kind's benchmark, run from a checkout as `python -m bench` (see bench/__main__.py and
docs/performance.md). It sits outside the game's package: it may import any part of
`game`, and nothing in `game` imports it."""
