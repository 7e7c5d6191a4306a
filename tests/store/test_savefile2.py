"""Save format 2's pieces: the setup once, a journal of actions, a header with a checksum."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import Draw, EndTurn, FinishResponding, FinishSharing
from game.store.save_header import UnreadableHeader
from game.store.savefile import UnreadableSave
from game.store.savefile2 import (
    decode_actions,
    decode_header,
    decode_setup,
    encode_actions,
    encode_header,
    encode_setup,
    header_for,
    rebuild,
)
from tests.budget import examples
from tests.core.factory import make_setup
from tests.moves import ANY, apply


def played(turns: int = 2):
    state = engine.new_game(make_setup(2))
    for _ in range(turns):
        for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
            state = apply(state, action)
    return state


def test_a_game_is_its_setup_and_journal_replayed():
    state = played()
    name, setup_file = encode_setup(state.setup)
    header = decode_header(encode_header(header_for(state, name, {"elapsed_seconds": 12.5})))
    setup = decode_setup(setup_file, header["setup"])
    actions, problem = decode_actions(encode_actions(state.log), header["actions"])
    assert problem is None
    assert rebuild(setup, actions) == state
    assert header["summary"]["names"] == ["Ana", "Ben"] and header["table"] == {
        "elapsed_seconds": 12.5
    }


def test_the_same_setup_has_the_same_name_and_another_setup_another():
    state = played(0)
    assert encode_setup(state.setup) == encode_setup(make_setup(2))
    assert encode_setup(state.setup)[0] != encode_setup(make_setup(3))[0]
    assert encode_setup(state.setup)[0] != encode_setup(make_setup(2, seed=8))[0]


def test_the_journal_grows_by_one_line_per_action():
    state = played(1)
    whole = encode_actions(state.log)
    assert whole.count(b"\n") == len(state.log)
    assert encode_actions(state.log[:2]) + encode_actions(state.log[2:]) == whole


@settings(max_examples=examples(ci=60, dev=20))
@given(st.data())
def test_any_damaged_byte_is_caught(data):
    """Format 1 accepted 18 % of random byte flips silently; a checksum catches every one."""
    state = played()
    name, setup_file = encode_setup(state.setup)
    header_file = encode_header(header_for(state, name, {}))
    journal = encode_actions(state.log)
    which = data.draw(st.sampled_from(["header", "setup", "journal"]))
    original = {"header": header_file, "setup": setup_file, "journal": journal}[which]
    at = data.draw(st.integers(0, len(original) - 2))  # not the final newline
    flip = data.draw(st.integers(1, 255))
    damaged = bytearray(original)
    damaged[at] ^= flip
    damaged = bytes(damaged)
    if which == "header":
        with pytest.raises(UnreadableHeader):
            decode_header(damaged)
    elif which == "setup":
        with pytest.raises(UnreadableSave):
            decode_setup(damaged, name)
    else:
        actions, problem = decode_actions(damaged, len(state.log))
        assert problem is not None
        assert list(actions) == list(state.log[: len(actions)]), "only good actions before it"


def test_a_cut_journal_gives_the_game_up_to_its_last_whole_action():
    state = played()
    journal = encode_actions(state.log)
    actions, problem = decode_actions(journal[:-5], len(state.log))
    assert problem == f"line {len(state.log)} of the journal is cut or damaged"
    assert actions == list(state.log[:-1])


def test_a_checksum_digit_changed_in_case_is_damage():
    """int("Cdc4def1", 16) reads the same number as "cdc4def1": a flipped case bit (0x20)
    in a journal line's checksum was let through. The checksum is compared as written."""
    state = played()
    journal = bytearray(encode_actions(state.log))
    lines = bytes(journal).split(b"\n")
    number, line = next((n, x) for n, x in enumerate(lines) if x[:8].lower() != x[:8].upper())
    at = sum(len(x) + 1 for x in lines[:number]) + next(
        i for i, c in enumerate(line[:8]) if chr(c) in "abcdef"
    )
    journal[at] ^= 0x20  # a letter digit to upper case
    actions, problem = decode_actions(bytes(journal), len(state.log))
    assert problem == f"line {number + 1} of the journal fails its checksum"
    assert list(actions) == list(state.log[:number])
