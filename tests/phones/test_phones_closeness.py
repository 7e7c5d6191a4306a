"""The closeness check on phones: each player answers their own picture, privately; after the
closing card they say whether it may be kept; the laptop walks only the others."""

from __future__ import annotations

import asyncio

from game.phones.closeness_ask import ClosenessAsk
from game.table.closeness import AFTER, BEFORE, ClosenessRound
from tests.phones.conftest import Phone, T


def test_a_phone_answers_for_its_own_seat_once_then_is_asked_to_keep_it():
    told: list[str] = []
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"), before={0: 3, 1: None})
    ask = ClosenessAsk(round_, AFTER, lambda: told.append("changed"))
    assert ask.stage(0) == "pick"
    assert not ask.take(0, "keep:yes"), "no keeping before answering"
    assert not ask.take(0, "closeness:8") and not ask.take(5, "closeness:2")
    assert ask.take(0, "closeness:5")
    assert round_.after == {0: 5} and told == ["changed"]
    assert ask.stage(0) == "consent"
    assert not ask.take(0, "closeness:6"), "one answer each"
    assert ask.take(0, "keep:yes") and round_.keep == {0: True}
    assert ask.stage(0) == "done" and ask.choices(0) == ()
    assert ask.take(1, "closeness:none")  # "rather not say"
    assert ask.stage(1) == "done", "nothing to keep without two answers"
    view = ask.view(2, T)
    assert [p["id"] for p in view["pictures"]] == [f"closeness:{n}" for n in range(1, 8)]
    assert view["headline"] == T(
        "closeness_question_after", name="Chloé", other=T("closeness_group")
    )
    assert [o["id"] for o in view["offers"]] == ["closeness:none"]
    assert ask.view(0, T)["pictures"] == []  # a done phone shows no pictures


def test_before_the_first_card_phones_pick_seats_by_the_check_and_answer(table_of):
    """No game yet: the seats come from the check's names; each phone's answer fills the
    same round the laptop does, and nobody's phone shows another's answer."""
    table = table_of(3)
    hub = table.hub
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"))
    heard: list[int] = []
    with table.lock:
        hub.ask_closeness(ClosenessAsk(round_, BEFORE, lambda: heard.append(1)))

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
        hub.end_closeness()
