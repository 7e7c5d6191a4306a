"""The closeness check on phones: each player answers their own picture, privately; after the
closing card they say whether it may be kept; the laptop walks only the others."""

from __future__ import annotations

import asyncio

import pytest

from game.core.errors import InvalidAction, NotYourMove
from game.phones.closeness_ask import closeness_view
from game.table.choices import keep, picture
from game.table.closeness import AFTER, BEFORE, ClosenessAsking, ClosenessRound
from tests.phones.conftest import Phone, T


def test_a_phone_answers_for_its_own_seat_once_then_is_asked_to_keep_it():
    told: list[str] = []
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"), before={0: 3, 1: None})
    ask = ClosenessAsking(round_, AFTER, [lambda: told.append("changed")])
    assert ask.stage(0) == "pick"
    with pytest.raises(InvalidAction):
        ask.take(0, keep(True))  # no keeping before answering
    with pytest.raises(InvalidAction):
        ask.take(0, picture(8))
    with pytest.raises(NotYourMove):
        ask.take(5, picture(2))
    ask.take(0, picture(5))
    assert round_.after == {0: 5} and told == ["changed"]
    assert ask.stage(0) == "consent"
    with pytest.raises(InvalidAction):
        ask.take(0, picture(6))  # one answer each
    ask.take(0, keep(True))
    assert round_.keep == {0: True}
    assert ask.stage(0) == "done" and ask.choices(0) == ()
    ask.take(1, picture(None))  # "rather not say"
    assert ask.stage(1) == "done", "nothing to keep without two answers"
    assert round_.log == [(AFTER, 0, picture(5)), (AFTER, 0, keep(True)), (AFTER, 1, picture(None))]
    view = closeness_view(ask, 2, T)
    assert [p["id"] for p in view["pictures"]] == [f"closeness:{n}" for n in range(1, 8)]
    assert view["headline"] == T(
        "closeness_question_after", name="Chloé", other=T("closeness_group")
    )
    assert [o["id"] for o in view["offers"]] == ["closeness:none"]
    assert closeness_view(ask, 0, T)["pictures"] == []  # a done phone shows no pictures


def test_before_the_first_card_phones_pick_seats_by_the_check_and_answer(table_of):
    """No game yet: the seats come from the check's names; each phone's answer fills the
    same round the laptop does, and nobody's phone shows another's answer."""
    table = table_of(3)
    hub = table.hub
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"))
    heard: list[int] = []
    with table.lock:
        hub.host.ask_closeness(round_, BEFORE).listeners.append(lambda: heard.append(1))

    async def play() -> None:
        ben, chloe = await Phone(table).open(), await Phone(table).open()
        view = await ben.join(1)
        assert view["phase"] == "closeness" and len(view["pictures"]) == 7
        await chloe.join(2)
        await ben.choose("closeness:6")
        done = await ben.expect("view", seat=1, line=T("phone_closeness_done"))
        assert done["pictures"] == [] and "6" not in done["headline"]
        await ben.choose("closeness:2")  # a second answer: refused
        assert (await ben.expect("error"))["code"] == "not_now"
        await chloe.choose("closeness:none")
        await chloe.expect("view", seat=2, line=T("phone_closeness_done"))
        for phone in (ben, chloe):
            await phone.close()

    asyncio.run(play())
    assert round_.before == {1: 6, 2: None} and len(heard) == 2
    with table.lock:
        hub.host.end_closeness()
