"""Twelve phones at one table, over real WebSockets on loopback: each acts for its own seat
only, through the same session as a key press, and a phone that drops out changes nothing."""

from __future__ import annotations

import asyncio
import time

from game.core.state import Phase
from game.table.choices import Do
from tests.phones.conftest import Phone, offers


async def until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.005)


def test_twelve_phones_each_see_their_own_seat_and_act_only_for_it(table_of):
    table = table_of(12)
    session = table.session

    async def play() -> None:
        phones = [await Phone(table).open() for _ in range(12)]
        seats = await phones[0].expect("seats")
        assert [s["name"] for s in seats["seats"]] == [p.name for p in session.state.players]
        views = [await phone.join(seat) for seat, phone in enumerate(phones)]
        for seat, view in enumerate(views):
            assert view["name"] == session.state.players[seat].name
        sharer = session.state.sharer
        assert offers(views[sharer]) == ["draw"]
        assert all(offers(v) == [] for s, v in enumerate(views) if s != sharer)

        # A listener's phone cannot draw for the sharer: refused, nothing changes.
        listener = (sharer + 1) % 12
        before = session.state
        await phones[listener].choose("draw")
        error = await phones[listener].expect("error")
        assert error["code"] == "not_now"
        assert session.state is before

        await phones[sharer].choose("draw")
        for phone in phones:
            view = await phone.expect("view", phase="share")
            assert view["card"]["prompt"] == session.state.current_card.prompt
        assert phones[sharer].last["role"] == "sharer"
        assert phones[sharer].last["feelings"] == []  # no Words given to this hub
        assert {"done_sharing", "pass", "skip"} <= set(offers(phones[sharer].last))
        assert offers(phones[listener].last) == ["skip"]  # anyone may skip the card
        # Listeners see the card's follow-ups; the sharer does not need them.
        assert phones[listener].last["card"]["follow_ups"] == []  # shown while responding
        await phones[sharer].choose("done_sharing")
        view = await phones[listener].expect("view", phase="respond")
        assert view["card"]["follow_ups"] == list(session.state.current_card.follow_ups)
        # A listener's "done responding" is their own: the others may go on responding.
        await phones[listener].choose("done_responding")
        await until(lambda: session.state.done_responding == (listener,))
        assert session.state.phase is Phase.RESPOND
        done = await phones[listener].expect("view", phase="respond")
        while "done_responding" in offers(done):
            done = await phones[listener].expect("view", phase="respond")
        # The sharer says when responding is over, for everyone.
        await phones[sharer].choose("done_responding")
        await until(lambda: session.state.phase is Phase.AWARD)

        award = await phones[sharer].expect("view", phase="award")
        assert len(award["marks"]) == 11  # a row for each listener
        listener_view = await phones[listener].expect("view", phase="award")
        assert [len(r["offers"]) for r in listener_view["marks"]] == [2]  # the sharer's row
        await phones[listener].choose(f"mark:{sharer}:shared_feeling")
        marked = await phones[listener].expect("view", phase="award")
        while not any(o["on"] for o in marked["marks"][0]["offers"]):
            marked = await phones[listener].expect("view", phase="award")
        # Another listener's phone does not see that mark: each marks on their own.
        others = await phones[(sharer + 3) % 12].expect("view", phase="award")
        assert not any(o["on"] for o in others["marks"][0]["offers"])
        await phones[sharer].choose(f"mark:{listener}:deepening_question")
        await until(lambda: len(session.state.pending) == 2)
        # A listener cannot mark for another listener: that row is not on its phone.
        other = (sharer + 2) % 12
        await phones[listener].choose(f"mark:{other}:felt_response")
        assert (await phones[listener].expect("error"))["code"] == "not_now"
        assert len(session.state.pending) == 2

        # Continue is the sharer's on phones: a listener's tap cannot cut the marking short.
        assert "end_turn" not in offers(listener_view)
        await phones[listener].choose("end_turn")
        assert (await phones[listener].expect("error"))["code"] == "not_now"
        assert session.state.phase is Phase.AWARD
        await phones[sharer].choose("end_turn")
        await until(lambda: session.state.phase is Phase.DEAL)
        nxt = session.state.sharer
        view = await phones[nxt].expect("view", phase="deal")
        assert offers(view) == ["draw"]
        assert session.state.scores.total(listener) > 0 or session.state.together
        for phone in phones:
            await phone.close()

    asyncio.run(play())


def test_a_phone_that_drops_out_changes_nothing_and_takes_its_seat_back(table_of):
    table = table_of(3)
    session = table.session

    async def play() -> None:
        phone = await Phone(table).open()
        await phone.join(1)
        key = phone.key
        other = await Phone(table).open()
        await other.send({"type": "join", "seat": 1})
        assert (await other.expect("error"))["code"] == "seat_taken"
        before = session.state
        await phone.close()
        await until(lambda: 1 not in table.server.holders())
        assert session.state is before

        # A wrong key takes nothing; the right one (a reloaded page) takes the seat back.
        await other.send({"type": "rejoin", "seat": 1, "key": "x" * 32})
        assert (await other.expect("error"))["code"] == "seat_key_refused"
        again = await Phone(table).open()
        await again.send({"type": "rejoin", "seat": 1, "key": key})
        assert (await again.expect("joined"))["seat"] == 1
        view = await again.expect("view", seat=1)
        assert view["name"] == session.state.players[1].name

        # Rejoining from a second page replaces the first: one page per seat.
        third = await Phone(table).open()
        await third.send({"type": "rejoin", "seat": 1, "key": key})
        await third.expect("joined")
        await until(lambda: again.ws is not None and again.ws.close_code == 4000)
        for p in (other, again, third):
            await p.close()

    asyncio.run(play())


def test_the_laptop_and_phones_drive_one_game(table_of):
    """A key press (Session.choose on the game's thread) reaches every phone's view."""
    table = table_of(2)
    session = table.session

    async def play() -> None:
        phone = await Phone(table).open()
        await phone.join(1)
        with table.lock:  # the "laptop": the game's own thread presses Enter
            from game.table.choices import Choice

            session.choose(session.state.sharer, Choice(Do.DRAW))
        await phone.expect("view", phase="share")
        await phone.close()

    asyncio.run(play())
