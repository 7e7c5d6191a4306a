"""One scene per thing the players see: title, new game, table, level change, summary, help, settings, error."""
