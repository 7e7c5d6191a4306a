"""The closed family of rule errors. `apply` raises one of these and leaves the state as it was."""

from __future__ import annotations


class RuleError(ValueError):
    """An action the rules do not allow now. The message is short enough to show to players."""


class NotThisPhase(RuleError):
    """The action is not available in the current phase."""


class GameOver(RuleError):
    """The game has finished; no more actions."""


class NotYourMove(RuleError):
    """This player may not make this move now (for example a listener passing the sharer's card)."""


class InvalidAction(RuleError):
    """The action is malformed or impossible: an unknown player, a second award of a kind, no passes left."""


class SetupError(ValueError):
    """A game cannot be set up this way (wrong number of players for the mode, an empty deck).

    The message is English, for logs and the command line; `why` names the problem for the
    screens, which say it in the players' language (ui.yaml's `setup_<why>`, filled in with
    `values`)."""

    def __init__(self, message: str, why: str, **values: object) -> None:
        super().__init__(message)
        self.why = why
        self.values = values
