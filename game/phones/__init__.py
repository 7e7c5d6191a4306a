"""Phones as private controllers: a small web server, a page, and the bridge to the table.

Nothing here imports pygame, and nothing here is imported while phones are off. The
server runs in its own thread and asyncio loop; every phone action crosses to the game's
thread through `Hub` and goes through the same `Session.choose` as a key press.
See docs/phones.md.
"""
