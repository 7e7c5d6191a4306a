"""The rules' words a screen may name, and how a game begins and ends: the one door from
the screens to the rules.

game/ui and game/phones never import game.core (import-linter holds it): what they draw
comes from the views in views.py, and the few names they need besides — a phase to pick a
layout by, a mark's kind to word it, a setting chosen on the new-game page — come from
here. So the rules can change inside game/core while the screens keep one place to read.
"""

from __future__ import annotations

from game.core.cards import Card, Deck, Level, Mode, WildEffect
from game.core.engine import new_game, outcome
from game.core.errors import RuleError, SetupError
from game.core.outcome import Outcome, PlayerResult
from game.core.rules import AwardKind, LevelPace, Rules, Scoring
from game.core.state import EndReason, GameState, Phase, Player, Setup
from game.core.turns import Stage

__all__ = [
    "AwardKind",
    "Card",
    "Deck",
    "EndReason",
    "GameState",
    "Level",
    "LevelPace",
    "Mode",
    "Outcome",
    "Phase",
    "Player",
    "PlayerResult",
    "RuleError",
    "Rules",
    "Scoring",
    "Setup",
    "SetupError",
    "Stage",
    "WildEffect",
    "new_game",
    "outcome",
]
