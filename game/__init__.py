"""In Kind: a conversation card game for sharing in depth and responding in kind."""

__version__ = "0.1.0"
