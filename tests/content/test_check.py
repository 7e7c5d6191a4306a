"""`inkind check`: what it prints, its exit status, --strict and --format json."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.check import run_check
from game.content.sources import builtin_deck_files

GOOD = (
    "format: 1\nid: good\nname: Good\ncards:\n  - prompt: Tell about a morning. How did you feel?\n"
)
WARNS = "format: 1\nid: warns\nname: Warns\ncards:\n  - prompt: Do you like mornings?\n"
BROKEN = "format: 1\nid: broken\nname: Broken\ncards:\n  - prompt: 42\n"
LEVELS = (
    "format: 1\nid: levels\nname: Levels\nlevels: [{name: Warm}, {name: Deep}]\ncards:\n"
    "  - prompt: Tell about a morning.\n  - prompt: Tell about a fear you had.\n    level: 2\n"
    "  - wild: double\n    level: 2\n"
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in {"good.yaml": GOOD, "warns.yaml": WARNS, "broken.yaml": BROKEN}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def check(*paths: str, strict: bool = False, output: str = "text") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_check(list(paths), strict=strict, output=output, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_a_good_deck_passes_with_a_summary_of_its_cards_per_level(here: Path) -> None:
    (here / "levels.yaml").write_text(LEVELS, encoding="utf-8")
    status, out, _ = check("good.yaml", "levels.yaml")
    assert status == 0
    assert out.splitlines() == [
        "good.yaml: ok: Good (good), 1 card (level 1 Open: 1)",
        # Prompt cards, as the game counts them (game/content/card_counts.py); the wild
        # card is named apart.
        "levels.yaml: ok: Levels (levels), 2 cards (level 1 Warm: 1, level 2 Deep: 1), 1 wild card",
        "checked 2 decks: 2 ok, 0 failed",
    ]


def test_a_broken_deck_prints_its_errors_and_exits_1(here: Path) -> None:
    status, out, _ = check("broken.yaml", "good.yaml")
    assert status == 1
    assert out.splitlines() == [
        'broken.yaml:5:13: error: the prompt must be text, not a number (put it in quotes: "42")',
        "broken.yaml: failed: 1 error",
        "good.yaml: ok: Good (good), 1 card (level 1 Open: 1)",
        "checked 2 decks: 1 ok, 1 failed",
    ]


def test_warnings_pass_unless_strict(here: Path) -> None:
    status, out, _ = check("warns.yaml")
    assert status == 0
    warning = (
        "warns.yaml:5:13: warning: the prompt starts with 'Do', so it reads as a yes/no question "
        "(open it up: 'What...', 'How...', 'Tell about a time...')"
    )
    assert out.splitlines() == [
        warning,
        "warns.yaml: ok: Warns (warns), 1 card (level 1 Open: 1), 1 warning",
        "checked 1 deck: 1 ok, 0 failed",
    ]
    status, out, _ = check("warns.yaml", strict=True)
    assert status == 1
    assert (
        out.splitlines()[1]
        == "warns.yaml: failed: Warns (warns), 1 card (level 1 Open: 1), 1 warning"
    )


def test_a_folder_is_checked_file_by_file_in_name_order(here: Path) -> None:
    (here / "notes.txt").write_text("not a deck", encoding="utf-8")
    (here / ".hidden.yaml").write_text("junk: [", encoding="utf-8")
    status, out, _ = check(".")
    assert status == 1
    summaries = [line for line in out.splitlines() if ": ok: " in line or ": failed: " in line]
    assert [line.split(":")[0] for line in summaries] == [
        "./broken.yaml",
        "./good.yaml",
        "./warns.yaml",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "inkind check: no such file or folder: missing.yaml"),
        (["good.yaml", "nowhere/"], "inkind check: no such file or folder: nowhere/"),
        (["empty"], "inkind check: no deck files (*.yaml, *.yml) in empty"),
    ],
)
def test_usage_errors_exit_2(here: Path, args: list[str], message: str) -> None:
    (here / "empty").mkdir()
    status, out, err = check(*args)
    assert status == 2
    assert out == ""
    assert err.splitlines() == [message]


def test_json_output_has_every_deck_problem_and_count(here: Path) -> None:
    status, out, _ = check("broken.yaml", "warns.yaml", output="json")
    assert status == 1
    report = json.loads(out)
    assert (report["ok"], report["strict"], report["errors"], report["warnings"]) == (
        False,
        False,
        1,
        1,
    )
    broken, warns = report["decks"]
    assert broken == {
        "path": "broken.yaml",
        "ok": False,
        "id": None,
        "name": None,
        "cards": None,
        "wild_cards": None,
        "closing_card": None,
        "levels": [],
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": "broken.yaml",
                "line": 5,
                "col": 13,
                "severity": "error",
                "message": "the prompt must be text, not a number",
                "hint": 'put it in quotes: "42"',
            }
        ],
    }
    assert warns["ok"] is True and warns["id"] == "warns" and warns["cards"] == 1
    assert warns["wild_cards"] == 0 and warns["closing_card"] is False
    assert warns["levels"] == [{"level": 1, "name": "Open", "cards": 1}]
    assert json.loads(check("warns.yaml", strict=True, output="json")[1])["ok"] is False


def test_two_decks_with_one_id_fail_on_the_second(here: Path) -> None:
    (here / "copy.yaml").write_text(GOOD, encoding="utf-8")
    status, out, _ = check("good.yaml", "copy.yaml")
    assert status == 1
    assert (
        "copy.yaml:2:5: error: the deck id 'good' is already used by good.yaml (give this deck another id)"
        in out
    )


def test_a_deck_may_not_take_a_built_in_decks_id_but_a_built_in_deck_checks_clean(
    here: Path,
) -> None:
    (here / "mine.yaml").write_text(GOOD.replace("id: good", "id: first-steps"), encoding="utf-8")
    status, out, _ = check("mine.yaml")
    assert status == 1
    assert "mine.yaml:2:5: error: the deck id 'first-steps' is already used by" in out
    builtin = [path for path in builtin_deck_files() if path.endswith("first-steps.yaml")]
    assert check(str(Path(builtin[0]).resolve()))[0] == 0


def test_a_byte_for_byte_copy_of_a_built_in_deck_is_that_deck_not_a_second(here: Path) -> None:
    """A checkout's decks/ checked beside a non-editable install: the same files, elsewhere."""
    builtin = next(path for path in builtin_deck_files() if path.endswith("first-steps.yaml"))
    original = Path(builtin).read_bytes()
    (here / "first-steps.yaml").write_bytes(original)
    assert check("first-steps.yaml")[0] == 0
    (here / "first-steps.yaml").write_bytes(original.replace(b"\n", b"\n\n", 1))
    status, out, _ = check("first-steps.yaml")
    assert status == 1
    assert "first-steps.yaml:3:5: error: the deck id 'first-steps' is already used by" in out


def test_a_preset_a_deck_names_must_exist(here: Path) -> None:
    (here / "p.yaml").write_text(GOOD + "preset: speedy\n", encoding="utf-8")
    status, out, _ = check("p.yaml")
    assert status == 1
    assert (
        "p.yaml:6:9: error: there is no rules preset 'speedy' "
        "(the presets are 'classic', 'gathering', 'together')"
    ) in out


def test_without_paths_it_checks_the_built_in_decks_the_presets_and_the_user_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INKIND_HOME", str(tmp_path / "home"))
    decks = tmp_path / "home" / "decks"
    decks.mkdir(parents=True)
    (decks / "mine.yaml").write_text(BROKEN, encoding="utf-8")
    status, out, _ = check()
    lines = out.splitlines()
    assert status == 1
    builtin = builtin_deck_files()
    summaries = [line.split(": ")[0] for line in lines if ": ok: " in line or ": failed: " in line]
    assert summaries == [*builtin, str(decks / "mine.yaml")]
    assert f"{decks / 'mine.yaml'}: failed: 1 error" in lines
    assert lines[-1].startswith(f"checked {len(builtin) + 1} decks: ")


def test_the_command_line_runs_the_check(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "good.yaml"]) == 0
    assert main(["check", "--strict", "warns.yaml"]) == 1
    assert main(["check", "--format", "json", "broken.yaml"]) == 1
    assert main(["check", "nothing-here.yaml"]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "xml"])
    assert exit_.value.code == 2
    assert "no such file or folder: nothing-here.yaml" in capsys.readouterr().err


KITCHEN = (
    "format: 1\nid: kitchen\nname: Kitchen\ncards:\n"
    "  - id: childhood-kitchen\n"
    "    prompt: Picture the kitchen you grew up with and one smell that takes you back.\n"
    "    follow_ups: [What do you feel when it comes back?]\n"
)
SMELLS = (
    "format: 1\nid: smells\nname: Smells\ncards:\n"
    "  - id: kitchen-smell\n"
    "    prompt: What smell takes you back to a kitchen from growing up, and how does it feel?\n"
    "    follow_ups: [What do you feel when it comes back?]\n"
    "  - id: song\n"
    "    prompt: Name a song you loved at fifteen and how it made you feel.\n"
    "  - id: laugh\n"
    "    prompt: When did you last laugh so hard you could not stop, and how did it feel?\n"
    "  - id: laugh-again\n"
    "    prompt: Who made you laugh until you couldn't stop, and what did you think of them?\n"
)
FOREIGN = (
    "format: 1\nid: foreign\nname: Estrangeiro\nlanguage: pt-BR\ncards:\n"
    "  - prompt: Do que você sente falta? Picture the kitchen you grew up with and one smell.\n"
    "    follow_ups: [Who was there?]\n"
)


def test_near_duplicates_and_copied_follow_ups_are_found_across_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-kitchen.yaml").write_text(KITCHEN, encoding="utf-8")
    (tmp_path / "b-smells.yaml").write_text(SMELLS, encoding="utf-8")
    (tmp_path / "c-foreign.yaml").write_text(FOREIGN, encoding="utf-8")
    status, out, _ = check("a-kitchen.yaml", "b-smells.yaml", "c-foreign.yaml", strict=True)
    assert status == 1
    assert out.splitlines()[:7] == [
        "a-kitchen.yaml: ok: Kitchen (kitchen), 1 card (level 1 Open: 1)",
        "b-smells.yaml:6:13: warning: this prompt shares an idea with 'childhood-kitchen' "
        "(a-kitchen.yaml:6): both are about growing, kitchen, smell "
        "(give one of them a fresh idea, so no two cards ask the same thing)",
        "b-smells.yaml:7:18: warning: this follow-up is word for word the one on "
        "'childhood-kitchen' (a-kitchen.yaml:7) (ask something that belongs to this card)",
        "b-smells.yaml:13:13: warning: this prompt shares an idea with 'laugh' "
        "(b-smells.yaml:11): both are about laugh, stop "
        "(give one of them a fresh idea, so no two cards ask the same thing)",
        "b-smells.yaml: failed: Smells (smells), 4 cards (level 1 Open: 4), 3 warnings",
        # English word checks and comparisons skip a Portuguese deck
        "c-foreign.yaml: ok: Estrangeiro (foreign), 1 card (level 1 Open: 1)",
        "checked 3 decks: 2 ok, 1 failed",
    ]


def test_a_folder_is_walked_to_the_bottom_and_a_link_back_up_is_reported(here: Path) -> None:
    """`inkind check FOLDER` looks into every folder inside it; a folder link that leads
    back to a folder already checked (or to itself) is an error, walked no further."""
    (here / "all" / "pairs" / "old").mkdir(parents=True)
    (here / "all" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (here / "all" / "pairs" / "warns.yaml").write_text(WARNS, encoding="utf-8")
    (here / "all" / "pairs" / "old" / "levels.yaml").write_text(LEVELS, encoding="utf-8")
    (here / "all" / "pairs" / "up").symlink_to("..")
    (here / "all" / "self").symlink_to("self")
    status, out, _ = check("all")
    assert status == 1
    lines = out.splitlines()
    hint = "(remove the link, or point it elsewhere)"
    assert lines[:2] == [
        "all/pairs/up: error: this folder link leads back to a folder already checked " + hint,
        "all/self: error: this folder link cannot be followed "
        "(Too many levels of symbolic links) " + hint,
    ]
    # A folder's decks by name, then the folders inside it, by name.
    assert [line.split(":")[0] for line in lines if ": ok:" in line] == [
        "all/good.yaml",
        "all/pairs/warns.yaml",
        "all/pairs/old/levels.yaml",
    ]


CHECK_FIXTURES = Path(__file__).parent / "fixtures" / "check"


def test_rules_presets_in_a_folder_are_checked_as_presets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file in a folder named `presets`, or one with a preset's own keys and no `cards:`,
    is a rules preset: checked with the preset's keys, never as a deck."""
    monkeypatch.chdir(CHECK_FIXTURES.parent)
    status, out, _ = check("check")
    assert status == 1
    assert out.splitlines() == [
        "check/talk.yaml:10:18: warning: this follow-up is worded much like the one on "
        "'morning' (check/talk.yaml:7) (ask something that belongs to this card, in its own words)",
        "check/talk.yaml:13:18: warning: this follow-up is word for word the one on 'morning' "
        "(check/talk.yaml:7) (ask something that belongs to this card)",
        "check/talk.yaml: ok: Talk (talk), 3 cards (level 1 Open: 3), 2 warnings",
        "check/quick-rules.yaml: ok: rules preset Quick (quick)",
        "check/presets/broken.yaml:6:9: error: 'passes' is 50; it must be from 0 to 20",
        "check/presets/broken.yaml: failed: 1 error",
        "check/presets/classic.yaml: ok: rules preset Classic (classic)",
        "checked 1 deck and 3 rules presets: 3 ok, 1 failed",
    ]
    report = json.loads(check("check/presets", output="json")[1])
    assert report["decks"] == [] and report["errors"] == 1
    assert [(p["path"], p["ok"], p["id"]) for p in report["presets"]] == [
        ("check/presets/broken.yaml", False, None),
        ("check/presets/classic.yaml", True, "classic"),
    ]


def test_the_built_in_deck_folder_checks_its_presets_as_presets() -> None:
    folder = Path(builtin_deck_files()[0]).parent
    status, out, _ = check(str(folder / "presets"))
    assert status == 0
    assert out.splitlines()[-1] == "checked 3 rules presets: 3 ok, 0 failed"


def test_two_checked_presets_with_one_id_fail_on_the_second(here: Path) -> None:
    (here / "presets").mkdir()
    classic = (CHECK_FIXTURES / "presets" / "classic.yaml").read_text(encoding="utf-8")
    (here / "presets" / "a.yaml").write_text(classic, encoding="utf-8")
    (here / "presets" / "b.yaml").write_text(classic, encoding="utf-8")
    (here / "presets" / "deck.yaml").write_text(GOOD, encoding="utf-8")  # has cards: a deck
    status, out, _ = check("presets")
    assert status == 1
    assert out.splitlines() == [
        "presets/deck.yaml: ok: Good (good), 1 card (level 1 Open: 1)",
        "presets/a.yaml: ok: rules preset Classic (classic)",
        "presets/b.yaml:3:5: error: the preset id 'classic' is already used by presets/a.yaml "
        "(give this preset another id)",
        "presets/b.yaml: failed: 1 error",
        "checked 1 deck and 2 rules presets: 2 ok, 1 failed",
    ]


def test_a_closing_card_with_text_is_told_to_use_prompt(here: Path) -> None:
    (here / "c.yaml").write_text(GOOD + "closing:\n  text: What will you take home?\n", "utf-8")
    status, out, _ = check("c.yaml")
    assert status == 1
    assert out.splitlines()[:2] == [
        "c.yaml:7:3: error: 'text' is not allowed on the closing card "
        "(write the closing words under 'prompt')",
        "c.yaml:7:3: error: the closing card has no 'prompt' (add 'prompt:')",
    ]


LONG = (
    "format: 1\nid: long\nname: Long\ncards:\n"
    "  - prompt: " + " ".join(["Tell"] + ["more"] * 30) + ".\n"
    "  - prompt: " + " ".join(["Tell"] + ["more"] * 21) + ".\n"
    "  - prompt: Tell about a morning.\n"
)


def test_long_prompts_and_a_long_median_warn(here: Path) -> None:
    (here / "long.yaml").write_text(LONG, encoding="utf-8")
    status, out, _ = check("long.yaml", strict=True)
    assert status == 1
    assert out.splitlines() == [
        "long.yaml:5:3: warning: the deck's median prompt is 22 words; keep it to 20 or fewer "
        "(shorten the longest prompts: most cards read best in 15 words or fewer)",
        "long.yaml:5:13: warning: the prompt is 31 words; a card is heard once, so keep it to "
        "30 or fewer (say one idea in one or two short sentences)",
        "long.yaml: failed: Long (long), 3 cards (level 1 Open: 3), 2 warnings",
        "checked 1 deck: 0 ok, 1 failed",
    ]
