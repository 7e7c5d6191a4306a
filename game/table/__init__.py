"""One game at the table, without pygame: the session and what each phase offers.

The pygame table (game/ui) and any other view (a phone, a second screen) read the same
view models here and hand back the same choices; see docs/architecture.md.
"""
