"""An accessibility audit of the phone page in Debian's chromium: axe-core (the npm package
pinned in tests/browser/package-lock.json; `.ci/run` fetches it with `npm ci`) is injected
into every screen a phone shows — waiting, picking a seat, the closeness check (pick,
answered, keep it?), the deal, the share (sharer and listener), the response, the marks,
"ready to go deeper?", an error and the lost page — in each theme, and finds no serious
or critical violation. Each screen's findings are saved to INKIND_ARTIFACTS/phone-audit.json.

Then what a screen reader gets: one polite live region says what changed as whole
sentences (never the same text twice), the focused button keeps its focus across a new
view, every button is at least 44x44 CSS pixels, and <html lang dir> follow the phone's
language (Arabic: rtl).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.content.ui_text import load_ui_text
from game.content.ui_text_keys import KEY_LIST
from game.content.words import load_words
from game.core import engine
from game.core.state import Phase
from game.phones.hub import Hub
from game.phones.server import PhoneServer
from game.table.closeness import AFTER, BEFORE, ClosenessRound
from game.table.session import Session
from game.ui.theme import PALETTES, css_palette
from tests.core.factory import make_deck, make_setup

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
REPORT = Path(os.environ.get("INKIND_ARTIFACTS", "artifacts")) / "phone-audit.json"
SERIOUS = ("serious", "critical")

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists() or not AXE.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI installs chromium and axe-core (npm ci in tests/browser) first")
    pytest.skip(
        "Debian's chromium or axe-core (npm ci in tests/browser) is missing",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api")

T = load_ui_text()
WORDS = {key: T(key) for key in KEY_LIST if key.startswith("phone_")}


class Table:
    """Two players, their game and a phone server on loopback; the hub pumped as the
    game's loop does (held still while `lock` is held)."""

    def __init__(self, theme: str) -> None:
        deck = make_deck(prompts_per_level=8, levels=3)
        self.session = Session(engine.new_game(make_setup(2, deck=deck, seed=5)), None)
        self.hub = Hub(T, words=lambda: load_words()[0])
        self.server = PhoneServer(
            self.hub,
            WORDS,
            css_palette(PALETTES[theme]),
            host="127.0.0.1",
            port=0,
            words_in=lambda language: {
                key: self.hub.t_in(language)(key) for key in KEY_LIST if key.startswith("phone_")
            },
        )
        self.server.start()
        self.hub.publish()  # no game yet: every phone waits
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._frames, daemon=True)
        self.thread.start()

    def _frames(self) -> None:
        while self.running:
            with self.lock:
                self.hub.pump()
            time.sleep(0.002)

    def stop(self) -> None:
        self.running = False
        self.thread.join(2)
        self.server.stop()

    @property
    def state(self) -> Any:
        return self.session.state

    def until(self, condition: Any, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out at {self.state.phase}"
            time.sleep(0.01)


def audit(page: Any, screen: str, found: dict[str, Any]) -> list[str]:
    """axe-core over the page as it is; the serious and critical violations, as lines."""
    page.wait_for_timeout(150)  # the view drawn and its announcement set
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))})))"
    )
    found[screen] = result
    small = page.evaluate(
        "() => [...document.querySelectorAll('button')].filter(b => b.offsetParent)"
        ".map(b => [b.id || b.textContent, b.getBoundingClientRect()])"
        ".filter(([, r]) => r.width < 44 || r.height < 44).map(([name]) => name)"
    )
    return [f"{screen}: buttons under 44x44 CSS px: {small}"] * bool(small) + [
        f"{screen}: {v['id']} ({v['impact']}) {v['help']}: {v['nodes']}"
        for v in result
        if v["impact"] in SERIOUS
    ]


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


# Everything the live region says, in order (a screen reader speaks each change).
LISTEN = """
document.addEventListener("DOMContentLoaded", () => {
  const news = document.getElementById("news");
  window.said = [];
  if (news) new MutationObserver(() => window.said.push(news.textContent))
    .observe(news, {childList: true, characterData: true, subtree: true});
});
"""


def phone(browser: Any, locale: str = "en-GB") -> Any:
    # The page forbids inline scripts (its Content-Security-Policy): the audit's own
    # script is let in by the test's browser, never by the page.
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale=locale, bypass_csp=True
    )
    context.add_init_script(LISTEN)
    return context.new_page()


def said(page: Any) -> list[str]:
    return [text for text in page.evaluate("() => window.said") if text]


def click(page: Any, choice: str) -> None:
    page.click(f'[data-choice="{choice}"]')


@pytest.mark.parametrize("theme", ["warm", "dark", "contrast"])
def test_every_phone_screen_has_no_serious_or_critical_violation(browser, theme):
    table = Table(theme)
    found: dict[str, Any] = {}
    problems: list[str] = []
    try:
        url = table.server.url
        ana, ben = phone(browser), phone(browser)
        ana.goto(url)
        sync_api.expect(ana.locator("main")).to_contain_text(T("phone_waiting"))
        problems += audit(ana, "waiting", found)

        round_ = ClosenessRound(("Ana", "Ben"))
        with table.lock:
            table.hub.host.ask_closeness(round_, BEFORE)
        ana.wait_for_selector('[data-seat="0"]')
        problems += audit(ana, "pick-seat", found)
        ana.click('[data-seat="0"]')
        ben.goto(url)
        ben.wait_for_selector('[data-seat="1"]:not([disabled])')
        ben.click('[data-seat="1"]')
        ana.wait_for_selector('[data-choice="closeness:4"]')
        problems += audit(ana, "closeness-pick", found)
        click(ana, "closeness:3")
        sync_api.expect(ana.locator("main")).to_contain_text(T("phone_closeness_done"))
        problems += audit(ana, "closeness-answered", found)
        click(ben, "closeness:none")
        table.until(lambda: len(round_.before) == 2)
        with table.lock:
            table.hub.host.end_closeness()
            table.hub.attach(table.session)

        pages = {0: ana, 1: ben}
        sharer = table.state.sharer
        listener = 1 - sharer
        pages[sharer].wait_for_selector('[data-choice="draw"]')
        problems += audit(pages[sharer], "deal-sharer", found)
        problems += audit(pages[listener], "deal-listener", found)

        # An error: "draw" tapped twice before the view changes; the second is refused.
        with table.lock:
            click(pages[sharer], "draw")
            click(pages[sharer], "draw")
            time.sleep(0.2)  # both taps at the hub before it takes either
        pages[sharer].wait_for_selector("#toast:not([hidden])")
        problems += audit(pages[sharer], "error", found)

        table.until(lambda: table.state.phase is Phase.SHARE)
        pages[sharer].wait_for_selector(".chip")
        # The card drawn: the sharer hears it once, whole, with the new headline and line.
        card = table.state.current_card
        sync_api.expect(pages[sharer].locator("#news")).to_contain_text(card.prompt)
        # Its "draw" button gone, the focus is on the new heading, which the screen reader
        # reads itself: the live region says the rest (else it starts with the heading).
        news = said(pages[sharer])[-1]
        headline = pages[sharer].locator("h1").inner_text()
        on_heading = pages[sharer].evaluate("() => document.activeElement.tagName") == "H1"
        assert on_heading and headline not in news
        problems += audit(pages[sharer], "share-sharer", found)
        problems += audit(pages[listener], "share-listener", found)
        click(pages[sharer], "done_sharing")
        pages[listener].wait_for_selector('[data-choice="done_responding"]')
        problems += audit(pages[listener], "respond-listener", found)
        problems += audit(pages[sharer], "respond-sharer", found)
        click(pages[listener], "done_responding")
        table.until(lambda: table.state.phase is Phase.AWARD)
        mark = f"mark:{sharer}:shared_feeling"
        pages[listener].wait_for_selector(f'[data-choice="{mark}"]')
        heard = len(said(pages[listener]))
        # By keyboard, as a screen reader's user gives it: the mark keeps its focus when
        # the page is drawn again, and the live region says nothing new (nothing else changed).
        pages[listener].focus(f'[data-choice="{mark}"]')
        pages[listener].keyboard.press("Enter")
        pages[listener].wait_for_selector(f'[data-choice="{mark}"][aria-pressed="true"]')
        focused = pages[listener].evaluate("() => document.activeElement.dataset.choice")
        assert focused == mark
        assert len(said(pages[listener])) == heard
        problems += audit(pages[listener], "marks-listener", found)
        problems += audit(pages[sharer], "marks-sharer", found)

        # After the closing card: the check again, then whether to keep it.
        after = ClosenessRound(("Ana", "Ben"), before={0: 3, 1: None})
        with table.lock:
            table.hub.host.ask_closeness(after, AFTER)
        click(ana, "closeness:5")
        ana.wait_for_selector('[data-choice="keep:no"]')
        problems += audit(ana, "closeness-keep", found)

        lost = phone(browser)
        lost.goto(url.rstrip("/").rsplit("/", 1)[0] + "/WRONG1/")
        problems += audit(lost, "lost", found)

        arabic = phone(browser, locale="ar")
        arabic.goto(url)
        arabic.wait_for_selector("[data-seat]")
        assert arabic.locator("html").get_attribute("dir") == "rtl"
        assert arabic.locator("html").get_attribute("lang") == "ar"
        problems += audit(arabic, "pick-seat-ar", found)
        for page in (ana, ben):  # never the same words twice in a row
            heard = said(page)
            assert heard and all(a != b for a, b in zip(heard, heard[1:], strict=False)), heard
    finally:
        table.stop()
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        report = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        report[theme] = found
        REPORT.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    assert not problems, "\n".join(problems)
