"""The headless host: one queue of (seat, choice) from any thread, the table's clock, the
closeness check answered from anywhere — and a whole evening with no window at all."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game.core import engine
from game.core.actions import EndTurn
from game.core.errors import InvalidAction, NotThisPhase, NotYourMove, RuleError
from game.core.state import Phase
from game.table.choices import Choice, Do, keep, picture
from game.table.closeness import AFTER, BEFORE, ClosenessRound
from game.table.host import Command, Follower, Host
from game.table.session import Session
from tests.core.factory import make_setup

ROOT = Path(__file__).resolve().parents[2]


def hosted(players: int = 3, seed: int = 5) -> tuple[Host, Session]:
    host = Host()
    session = Session(engine.new_game(make_setup(players, seed=seed)), None)
    host.attach(session)
    return host, session


def test_choices_wait_in_the_queue_until_the_games_thread_pumps():
    host, session = hosted()
    host.submit(Command(0, Choice(Do.DRAW)))
    assert host.pending() and session.state.phase is Phase.DEAL, "nothing happens off-thread"
    assert host.pump() == 1
    assert session.state.phase is Phase.SHARE and not host.pending() and host.taken == 1


def test_a_refused_choice_changes_nothing_and_its_sender_hears_why():
    host, session = hosted()
    refusals: list[RuleError] = []
    host.submit(Command(1, Choice(Do.DRAW), refusals.append))  # only the sharer draws
    host.submit(Command(0, Choice(Do.DONE_SHARING), refusals.append))  # nothing drawn yet
    before = session.state
    assert host.pump() == 2
    assert session.state is before and host.taken == 0
    assert [type(error) for error in refusals] == [NotYourMove, NotThisPhase]


def test_one_pump_saves_and_tells_once_however_many_choices_came():
    host, session = hosted()
    heard: list[tuple[Phase, Phase]] = []
    session.subscribe(lambda before, after: heard.append((before.phase, after.phase)))
    for do in (Do.DRAW, Do.DONE_SHARING):
        host.submit(Command(0, Choice(do)))
    host.pump()
    assert heard == [(Phase.DEAL, Phase.RESPOND)]


def test_choices_from_many_threads_are_all_taken():
    host, session = hosted(players=4)
    sharer = session.state.speaker
    host.take(sharer, Choice(Do.DRAW))
    host.take(sharer, Choice(Do.DONE_SHARING))
    listeners = tuple(seat for seat in range(4) if seat != sharer)
    threads = [
        threading.Thread(target=host.submit, args=(Command(seat, Choice(Do.DONE_RESPONDING)),))
        for seat in listeners
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert host.pump() == 3 and host.taken == 3
    assert session.state.phase is Phase.AWARD, "every listener's own 'done' counted"


def test_the_clock_runs_only_when_someone_keeps_time_and_the_turn_carries_it():
    host, session = hosted(players=2)
    host.advance(90.0)
    host.advance(-5.0)  # a clock never runs backwards
    assert session.elapsed == 90.0
    for do in (Do.DRAW, Do.DONE_SHARING, Do.DONE_RESPONDING, Do.END_TURN):
        host.take(0 if do is not Do.DONE_RESPONDING else 1, Choice(do))
    end = [a for a in session.state.log if isinstance(a, EndTurn)][-1]
    assert end.elapsed_seconds == 90.0
    Host().advance(10.0)  # no game on the table: nothing to keep time for, no error


def test_followers_hear_of_each_game_and_of_the_closeness_check():
    host = Host()

    class Heard(Follower):
        def __init__(self) -> None:
            self.games: list[Session] = []
            self.asks: list[str | None] = []

        def attached(self, session: Session) -> None:
            self.games.append(session)

        def asking(self, asking) -> None:
            self.asks.append(None if asking is None else asking.when)

    early, late = Heard(), Heard()
    host.follow(early)
    round_ = ClosenessRound(("Ana", "Ben"))
    host.ask_closeness(round_, BEFORE)
    host.end_closeness()
    _, session = hosted()
    host.attach(session)
    stop = host.follow(late)  # a follower that comes later hears of the game on the table
    assert early.games == [session] and early.asks == [BEFORE, None]
    assert late.games == [session] and late.asks == []
    stop()
    host.attach(session)
    assert late.games == [session], "a follower that stopped hears nothing more"


def test_the_closeness_check_takes_each_players_own_answers_from_anywhere():
    host = Host()
    with pytest.raises(NotThisPhase):
        host.take(0, picture(3))  # not asked now
    round_ = ClosenessRound(("Ana", "Ben"))
    host.ask_closeness(round_, BEFORE)
    host.take(0, picture(2))
    host.take(1, picture(5))
    host.end_closeness()
    asking = host.ask_closeness(round_, AFTER)
    told: list[int] = []
    asking.listeners.append(lambda: told.append(1))
    host.take(0, picture(4))  # the laptop, for Ana
    host.submit(Command(1, picture(None)))  # Ben's phone: "rather not say"
    host.submit(Command(1, picture(6)))  # a second answer: refused
    host.pump()
    assert round_.after == {0: 4, 1: None} and told == [1, 1]
    with pytest.raises(InvalidAction):
        host.take(1, keep(True))  # nothing to keep without two answers
    host.take(0, keep(True))
    assert round_.keep == {0: True} and round_.evenings().keys() == {"Ana"}
    again = ClosenessRound.replay(round_.names, round_.log)
    assert (again.before, again.after, again.keep) == (round_.before, round_.after, round_.keep)


def test_a_saved_check_keeps_its_before_answers_as_a_log():
    round_ = ClosenessRound(("Ana", "Ben", "Chloé"))
    for seat, level in ((0, 3), (2, None), (1, 7)):
        round_.answer(BEFORE, seat, picture(level))
    back = ClosenessRound.from_saved(round_.saved(), round_.names)
    assert back is not None and back.before == round_.before
    assert ClosenessRound.replay(back.names, back.log).before == round_.before


HEADLESS = r"""
import json, sys, threading
from game.core import engine
from game.core.state import Phase
from game.table.choices import Choice, Do, mark
from game.core.rules import AwardKind
from game.table.host import Command, Host
from game.table.session import Session
from tests.core.factory import make_deck, make_setup

host = Host()
deck = make_deck(prompts_per_level=6, levels=1)
session = Session(engine.new_game(make_setup(3, deck=deck, seed=11)), None)
host.attach(session)
stop = threading.Event()
loop = threading.Thread(target=host.serve, args=(stop, 0.01))
loop.start()
done = threading.Event()
session.subscribe(lambda before, after: done.set() if after.finished else None)

def phones():  # three phones, each on its own thread, taking turns as the table asks
    import time
    while not done.is_set():
        state = session.state  # read-only: the phones' copy of what they were last sent
        sharer = state.speaker
        listeners = [s for s in range(3) if s != sharer]
        if state.phase is Phase.DEAL:
            host.submit(Command(sharer, Choice(Do.DRAW)))
        elif state.phase is Phase.SHARE:
            host.submit(Command(sharer, Choice(Do.DONE_SHARING)))
        elif state.phase is Phase.RESPOND:
            for seat in listeners:
                host.submit(Command(seat, Choice(Do.DONE_RESPONDING)))
        elif state.phase is Phase.AWARD:
            host.submit(Command(sharer, mark(listeners[0], AwardKind.DEEPENING_QUESTION)))
            host.submit(Command(sharer, Choice(Do.END_TURN)))
        elif state.phase is Phase.CLOSING:
            host.submit(Command(sharer, Choice(Do.DONE_CLOSING)))
        elif state.phase is Phase.DEEPER:
            for seat in range(3):
                host.submit(Command(seat, Choice(Do.READY)))
        time.sleep(0.02)

threading.Thread(target=phones, daemon=True).start()
finished = done.wait(120)
stop.set()
loop.join()
print(json.dumps({
    "finished": finished,
    "turns": session.state.turn,
    "points": session.state.scores.team_total,
    "elapsed": session.elapsed,
    "pygame": "pygame" in sys.modules,
}))
"""


def test_a_whole_evening_with_no_window_and_no_pygame():
    import json

    done = subprocess.run(
        [sys.executable, "-c", HEADLESS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["finished"], result
    assert result["pygame"] is False, "the host runs an evening without pygame"
    assert result["points"] > 0 and result["turns"] > 1
    assert result["elapsed"] > 0, "the host kept the table's time"


def test_the_host_module_is_light_enough_for_the_first_frame():
    """The window makes its host before the first frame: no attrs, no rules yet."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, game.table.host; "
            "print(sorted(m for m in ('attrs', 'game.core', 'yaml') if m in sys.modules))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip() == "[]", done.stderr
