"""Issue 15: two names that look the same are one name.

"José" typed with é (U+00E9) and typed as e + a combining acute (U+0301) look the same on
screen, and so do "Ana" and "ANA " to a group at a table: the engine refuses both pairs, by
comparing names after Unicode NFC normalisation and casefolding, without the spaces around.
Names that only look alike to a reader ("Jose" and "José") are different names.
"""

from __future__ import annotations

import attrs
import pytest

from game.core.engine import new_game
from game.core.errors import SetupError
from game.core.state import Player, name_key

from .factory import make_setup

COMPOSED = "Jos\u00e9"
DECOMPOSED = "Jose\u0301"


def players(*names: str):  # type: ignore[no-untyped-def]
    setup = make_setup(len(names))
    return attrs.evolve(setup, players=tuple(Player(name) for name in names))


def test_josé_composed_and_decomposed_look_the_same_and_are_refused() -> None:
    assert COMPOSED != DECOMPOSED
    with pytest.raises(SetupError) as error:
        new_game(players(COMPOSED, DECOMPOSED))
    assert str(error.value) == "Two players have the same name, José: give each a different one."


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (("Sam", " sam "), "Sam"),
        (("Ana", "Ben", "ANA"), "Ana"),
        ((" Jose\u0301 ", "Ben", "JOS\u00c9"), "José"),  # decomposed first: shown composed
        (("Straße", "Ben", "STRASSE"), "Straße"),  # casefold: ß is ss
        (("Ana", "Ben", "Zoë", "Zoe\u0308"), "Zoë"),
    ],
)
def test_names_equal_after_nfc_casefold_and_trimming_are_refused_naming_the_first(
    names: tuple[str, ...], shown: str
) -> None:
    with pytest.raises(SetupError) as error:
        new_game(players(*names))
    assert (
        str(error.value) == f"Two players have the same name, {shown}: give each a different one."
    )


def test_names_that_differ_are_kept_as_typed() -> None:
    state = new_game(players("Jose", COMPOSED))
    assert [player.name for player in state.setup.players] == ["Jose", COMPOSED]


def test_the_key_a_name_is_compared_by() -> None:
    assert name_key(DECOMPOSED) == name_key(COMPOSED) == name_key("  JOSÉ ") == "josé"
    assert name_key("Jose") != name_key(COMPOSED)
