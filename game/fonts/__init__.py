"""Fonts without pygame: what a font file can draw, and the fonts installed on this computer.

Outside the layers, like game/resources.py: the UI picks fallback fonts from it and
`inkind check` asks it whether a deck's characters can be drawn here at all.
"""
