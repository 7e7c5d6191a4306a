"""Drawn pieces the scenes are made of: buttons, cards, text fields, the chart, the palette, the timer."""
