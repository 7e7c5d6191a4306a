"""The rules of In Kind as data and pure functions.

Imports only the standard library and attrs: no pygame, no yaml (a test checks).
The UI and the loaders depend on this package, never the other way round.
"""
