"""The words on the game's buttons and screens, from assets/text/<language>/ui.yaml.

The file is a flat mapping key -> text with {name}-style placeholders. Every key the UI
uses is listed in KEYS with the placeholders it may fill, so a missing, unknown or
misspelled key, or a placeholder the game cannot fill, is an error naming file:line:col.

A text with {count} may instead be a mapping of plural forms, `{one: "{count} card",
other: "{count} cards"}`; `t(key, count=n)` picks the form the language uses for n.
A text with several numbers fills each from a counted text of its own (PARTS):
`summary_facts` fills {passes} with `summary_facts_passes`, so it says "1 pass" and "2 passes".
"""

from __future__ import annotations

import contextlib
import json
import os
import string
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.resources import text_dir

if TYPE_CHECKING:
    from game.content.problems import Problem

# This module is on the title's path at every start, so it keeps to what pygame has already
# imported: no attrs, no PyYAML, no hashlib. The checker's imports wait until ui.yaml is read.

FILE_NAME = "ui.yaml"

# A text: one string, or its plural forms ({"one": ..., "other": ...}) for a text with {count}.
Entry = str | dict[str, str]

# The plural forms each language uses (CLDR's names) and the rule that picks one for a number.
PLURAL_FORMS: dict[str, tuple[str, ...]] = {"en": ("one", "other")}
ALL_PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def plural_form(language: str, count: int) -> str:
    """The plural form `language` uses for `count` (English: one for 1, other otherwise)."""
    return "one" if count == 1 else "other"


# Every key the UI uses -> the placeholders its text may fill.
_KEY_LIST: dict[str, tuple[str, ...]] = {
    "title_name": (),
    "title_tagline": (),
    "title_continue": (),
    "title_new_game": (),
    "title_how_to_play": (),
    "title_settings": (),
    "title_quit": (),
    "title_no_save": (),
    "quit_confirm": (),
    "quit_confirm_hint": (),
    "new_players_title": (),
    "new_deck_title": (),
    "new_step": ("count", "number"),
    "new_players_hint": (),
    "new_deck_hint": (),
    "new_mode_pair": (),
    "new_mode_circle": (),
    "new_names": ("count",),
    "new_name_placeholder": ("number",),
    "new_add_player": (),
    "new_remove_player": (),
    "new_back": (),
    "new_next": (),
    "new_start": (),
    "new_start_with": ("deck",),
    "new_loading": ("done", "total"),
    "new_loading_list": (),
    "new_no_deck": (),
    "new_deck_detail": ("cards", "levels"),
    "new_deck_cards": ("count",),
    "new_deck_cards_some": ("count", "total"),
    "new_deck_check": ("path",),
    "list_more_above": ("count",),
    "list_more_below": ("count",),
    "new_deck_broken": ("problem",),
    "new_deck_other_mode": ("mode",),
    "new_mode_only_pair": (),
    "new_mode_only_circle": (),
    "new_option_preset": (),
    "new_option_rounds": (),
    "new_option_scoring": (),
    "new_option_timers": (),
    "new_option_pace": (),
    "new_rounds": ("count",),
    "new_rounds_open": (),
    "new_scoring_versus": (),
    "new_scoring_together": (),
    "new_scoring_off": (),
    "new_goal": ("goal",),
    "new_timers_on": (),
    "new_timers_off": (),
    "new_pace_rounds": (),
    "new_pace_minutes": (),
    "new_pace_agreement": (),
    "new_option_lines": (),
    "new_option_closeness": (),
    "new_lines_none": (),
    "new_lines_some": ("topics",),
    "new_lines_unavailable": (),
    "new_closeness_off": (),
    "new_closeness_on": (),
    "lines_title": (),
    "lines_hint": (),
    "lines_keys": (),
    "lines_left_out": (),
    "lines_all": ("total",),
    "lines_some": ("count", "total"),
    "lines_none_left": (),
    "lines_no_topics": (),
    "lines_done": (),
    "top_level": ("name", "number"),
    "top_round": ("count", "number"),
    "top_round_open": ("number",),
    "top_score": ("name", "points"),
    "top_together": ("goal", "points"),
    "top_together_open": ("points",),
    "top_together_open_points": ("count",),
    "table_menu": (),
    "table_turn": ("name",),
    "table_deal": ("name",),
    "table_listening": ("names",),
    "table_shares": ("name",),
    "table_share": ("name",),
    "table_answers": ("name",),
    "table_everyone_wild": ("name", "number", "count"),
    "table_everyone_card": ("name", "number", "count"),
    "table_share_help": (),
    "table_no_passes": (),
    "table_pass_or_skip": ("name",),
    "table_pass_or_skip_everyone": (),
    "table_cards_ran_out": (),
    "table_rows_above": ("count",),
    "table_rows_below": ("count",),
    "table_respond_heading": (),
    "table_respond_heading_one": ("name",),
    "table_respond": ("name",),
    "table_award_heading": (),
    "table_award_heading_wild": ("wild",),
    "table_award": ("name",),
    "table_award_one_listener": ("name", "listener"),
    "table_award_rows": (),
    "table_deeper_heading": (),
    "table_deeper": ("name",),
    "table_deeper_count": ("count", "total"),
    "table_closing_heading": ("name",),
    "table_closing": ("count", "name", "number"),
    "table_draw": (),
    "table_end_evening": (),
    "table_done_sharing": (),
    "table_pass": ("name", "left"),
    "table_pass_sit_out": ("left",),
    "table_lighter": (),
    "table_skip": (),
    "table_skip_closing": (),
    "table_feelings": (),
    "table_done_responding": (),
    "table_hints": (),
    "table_hints_hide": (),
    "table_end_turn": (),
    "table_undo": (),
    "table_ready": (),
    "table_not_yet": (),
    "table_done_closing": (),
    "table_save_failed": (),
    "table_stay": ("name",),
    "table_swap": ("name",),
    "table_swap_new": ("name",),
    "table_double": (),
    "table_double_off": (),
    "table_mirror_heading": (),
    "table_mirror_retell": ("listener", "name"),
    "table_mirror_retold": (),
    "table_mirror_then": ("name",),
    "respond_deepening_question": ("name",),
    "respond_felt_response": ("name",),
    "hints_follow_ups": (),
    "hints_starters": (),
    "card_caption": ("name", "number"),
    "card_closing": (),
    "timer_paused": (),
    "timer_over": (),
    "award_deepening_question": (),
    "award_felt_response": (),
    "award_touched_me": (),
    "award_felt_heard": (),
    "award_shared_feeling": (),
    "award_shared_thought": (),
    "award_listener_row": ("name",),
    "award_sharer_row": ("name",),
    "award_sharer_row_one_listener": ("name", "listener"),
    "ack_deepening_question": ("giver", "receiver"),
    "ack_felt_response": ("giver", "receiver"),
    "ack_touched_me": ("giver", "receiver"),
    "ack_felt_heard": ("giver", "receiver"),
    "ack_shared_feeling": ("giver", "receiver"),
    "ack_shared_thought": ("giver", "receiver"),
    "wild_title_mirror": (),
    "wild_title_swap": (),
    "wild_title_everyone": (),
    "wild_title_double": (),
    "wild_text_mirror": (),
    "wild_text_swap": (),
    "wild_text_everyone": (),
    "wild_text_double": (),
    "feelings_title": (),
    "feelings_close": (),
    "menu_heading": (),
    "menu_resume": (),
    "menu_help": (),
    "menu_settings": (),
    "menu_title": (),
    "end_heading": (),
    "end_yes": (),
    "end_no": (),
    "end_body": (),
    "level_heading": ("name", "number"),
    "level_default_description": (),
    "level_continue": (),
    "summary_title": (),
    "summary_facts": ("cards", "passes", "rounds", "skips"),
    "summary_facts_cards": ("count",),
    "summary_facts_passes": ("count",),
    "summary_facts_rounds": ("count",),
    "summary_facts_skips": ("count",),
    "summary_most": ("names",),
    "summary_together": ("points",),
    "summary_together_points": ("count",),
    "summary_together_goal": ("goal", "points"),
    "summary_off": (),
    "summary_again": (),
    "summary_new": (),
    "summary_quit": (),
    "summary_keys": (),
    "names_and": ("last", "names"),
    "summary_moments_deeper": (),
    "summary_moments_touched": (),
    "summary_moments_shared": (),
    "summary_moments_none": (),
    "moment_deepening_question": ("giver", "receiver"),
    "moment_felt_response": ("giver", "receiver"),
    "moment_touched_me": ("giver", "receiver"),
    "moment_felt_heard": ("giver", "receiver"),
    "moment_shared_feeling": ("giver", "receiver"),
    "moment_shared_thought": ("giver", "receiver"),
    "moment_again": ("moment",),
    "summary_closeness": (),
    "summary_before": (),
    "summary_after": (),
    "summary_evenings": (),
    "closeness_title_before": (),
    "closeness_title_after": (),
    "closeness_pass": ("name",),
    "closeness_pass_body": ("name",),
    "closeness_pass_ready": ("name",),
    "closeness_question_before": ("name", "other"),
    "closeness_question_after": ("name", "other"),
    "closeness_group": (),
    "closeness_you": (),
    "closeness_us": (),
    "closeness_keys": (),
    "closeness_choose": (),
    "closeness_skip": (),
    "closeness_consent": ("name",),
    "closeness_consent_body": (),
    "closeness_consent_no": (),
    "closeness_consent_yes": (),
    "closeness_kept": ("names",),
    "closeness_chart_title": (),
    "closeness_chart_hint": (),
    "closeness_chart_empty": (),
    "closeness_chart_back": (),
    "help_title": (),
    "help_share_heading": (),
    "help_share_notes_heading": (),
    "help_guide_heading": (),
    "help_missing": (),
    "help_page": ("page", "pages"),
    "help_back": (),
    "help_previous": (),
    "help_next": (),
    "settings_title": (),
    "settings_text_size": (),
    "settings_theme": (),
    "settings_sound": (),
    "settings_volume": (),
    "settings_fullscreen": (),
    "settings_timers": (),
    "settings_share_seconds": (),
    "settings_respond_seconds": (),
    "settings_text_size_normal": (),
    "settings_text_size_large": (),
    "settings_text_size_larger": (),
    "settings_theme_warm": (),
    "settings_theme_dark": (),
    "settings_theme_contrast": (),
    "settings_on": (),
    "settings_off": (),
    "settings_back": (),
    "settings_closeness": (),
    "settings_closeness_none": (),
    "settings_closeness_forget": ("count",),
    "settings_closeness_confirm": (),
    "settings_closeness_failed": (),
    "table_star": (),
    "table_starred": (),
    "table_not_for_us": (),
    "table_star_added": (),
    "table_star_removed": (),
    "table_not_for_us_done": (),
    "new_deck_detail_memory": ("cards", "new"),
    "new_deck_all_new": (),
    "new_deck_some_new": ("count",),
    "new_deck_none_new": (),
    "favourites_name": (),
    "favourites_description": (),
    "favourites_level": (),
    "settings_remember_cards": (),
    "settings_played": (),
    "settings_played_none": (),
    "settings_played_forget": ("count",),
    "settings_played_confirm": (),
    "settings_played_failed": (),
    "error_title": (),
    "error_back": (),
    "error_body": (),
    "error_log": ("path",),
}
KEYS: dict[str, frozenset[str]] = {key: frozenset(names) for key, names in _KEY_LIST.items()}

# Texts with several numbers: each placeholder named here is filled by the counted text
# "<key>_<placeholder>" (which has {count} and plural forms), given the number.
PARTS: dict[str, tuple[str, ...]] = {
    "summary_facts": ("cards", "passes", "rounds", "skips"),
    "summary_together": ("points",),
    "top_together_open": ("points",),
}


class UiTextError(ValueError):
    """ui.yaml cannot be used; every problem found is listed, one line each."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class UiText:
    """The checked texts of one language; call it with a key (and placeholder values)."""

    __slots__ = ("texts", "language")

    def __init__(self, texts: dict[str, Entry], language: str = "en") -> None:
        self.texts = texts
        self.language = language

    def __repr__(self) -> str:
        return f"UiText({len(self.texts)} texts, language={self.language!r})"

    def get(self, key: str, **values: object) -> str:
        """The text for `key` with its placeholders filled.

        Plural forms are chosen by `count`; a number for a placeholder in PARTS is said by
        its own counted text ("1 pass", "2 passes").
        """
        entry = self.texts[key]
        text = entry if isinstance(entry, str) else self._form(entry, values.get("count"))
        for name in PARTS.get(key, ()):
            if name in values:
                values[name] = self.get(f"{key}_{name}", count=values[name])
        return text.format_map(_Missing(values)) if values else text

    def _form(self, forms: dict[str, str], count: object) -> str:
        """The plural form for `count` (the "other" form when there is no whole number)."""
        form = "other"
        if isinstance(count, int) and not isinstance(count, bool):
            form = plural_form(self.language, count)
        return forms.get(form, forms["other"])

    def __call__(self, key: str, **values: object) -> str:
        return self.get(key, **values)


def load_ui_text(
    language: str = "en", path: Path | None = None, cache_dir: Path | None = None
) -> UiText:
    """Read and check ui.yaml; raise UiTextError listing every problem.

    With `cache_dir`, texts that passed the check are kept there as JSON, keyed by the
    file's path, size and time, the game's version and the keys it needs: a start with an
    unchanged ui.yaml then reads the JSON and never imports PyYAML (about 25 ms saved).
    """
    path = path or text_dir(language) / FILE_NAME
    stamp = _stamp(path)
    if cache_dir is None or stamp is None:
        return _check(path, language)
    cache = cache_dir / f"ui-{language}.json"
    cached = _read_cache(cache, stamp)
    if cached is not None:
        return UiText(cached, language)
    text = _check(path, language)
    _write_cache(cache, stamp, text.texts)
    return text


def _stamp(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    needed = sorted((key, sorted(names)) for key, names in KEYS.items())  # sets print in any order
    keys = f"{zlib.crc32(repr(needed).encode()):08x}"  # changes when the UI needs other keys
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{__version__}|{keys}"


def _read_cache(cache: Path, stamp: str) -> dict[str, Entry] | None:
    """The cached texts, or None (then ui.yaml is checked again and the cache rewritten).

    Only a regular file of a sane size is opened: a FIFO or a device in its place never
    blocks the start, and any JSON that is not the cache's object is simply rebuilt.
    """
    from game.store.safe_read import read_regular

    try:
        data = json.loads(read_regular(cache, 4 << 20).decode("utf-8"))  # it holds ~16 KB
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    texts = data.get("texts")
    if data.get("stamp") != stamp or not isinstance(texts, dict) or set(texts) != set(KEYS):
        return None
    if not all(_is_entry(v) for v in texts.values()):
        return None
    return texts


def _is_entry(value: object) -> bool:
    """A string, or plural forms: strings by form name, "other" among them."""
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and "other" in value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    )


def _write_cache(cache: Path, stamp: str, texts: dict[str, Entry]) -> None:
    """Best effort: a cache that cannot be written only costs the next start a little time."""
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"stamp": stamp, "texts": texts}), encoding="utf-8")
        os.replace(temporary, cache)


def _check(path: Path, language: str) -> UiText:
    from yaml.nodes import MappingNode, Node, ScalarNode

    from game.content.problems import error
    from game.content.yamlsafe import STR_TAG, compose_file, position

    shown = str(path)
    root, problems = compose_file(path)
    if root is None:
        raise UiTextError(problems)
    if not isinstance(root, MappingNode):
        line, col = position(root)
        raise UiTextError((error(shown, line, col, "ui.yaml must be a mapping of key: text"),))
    found: list[Problem] = []
    texts: dict[str, Entry] = {}

    def text_problem(key: str, node: Node) -> Problem | None:
        """What is wrong with one text (a string with placeholders its key may fill), if anything."""
        vline, vcol = position(node)
        if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
            return error(
                shown, vline, vcol, f"{key}: the text must be a string", "put it in quotes"
            )
        bad = _placeholders(node.value) - KEYS[key.split(".")[0]]
        if bad:
            allowed = ", ".join("{" + n + "}" for n in sorted(KEYS[key.split(".")[0]])) or "none"
            return error(
                shown,
                vline,
                vcol,
                f"{key}: unknown placeholder {{{sorted(bad)[0]}}}",
                f"this text may use {allowed}",
            )
        return None

    def plural_forms(key: str, node: MappingNode) -> dict[str, str] | None:
        """The plural forms of a text with {count}, or None after adding what is wrong."""
        vline, vcol = position(node)
        if "count" not in KEYS[key]:
            found.append(
                error(
                    shown,
                    vline,
                    vcol,
                    f"{key}: only a text with {{count}} can have plural forms",
                    "write one text in quotes",
                )
            )
            return None
        wanted = PLURAL_FORMS.get(language, PLURAL_FORMS["en"])
        named = ", ".join(wanted)
        forms: dict[str, str] = {}
        broken = False
        for form_node, text_node in node.value:
            fline, fcol = position(form_node)
            form = form_node.value if isinstance(form_node, ScalarNode) else None
            if form not in wanted:
                shown_form = repr(form) if isinstance(form, str) else "that is not a name"
                found.append(
                    error(
                        shown,
                        fline,
                        fcol,
                        f"{key}: unknown plural form {shown_form}",
                        f"the forms in {language!r} are {named}",
                    )
                )
                broken = True
                continue
            if form in forms:
                found.append(
                    error(shown, fline, fcol, f"{key}: plural form {form!r} appears twice")
                )
                broken = True
                continue
            problem = text_problem(f"{key}.{form}", text_node)
            if problem is not None:
                found.append(problem)
                broken = True
                continue
            forms[form] = text_node.value
        missing = [form for form in wanted if form not in forms]
        if missing and not broken:
            found.append(
                error(
                    shown,
                    vline,
                    vcol,
                    f"{key}: the plural form {missing[0]!r} is missing",
                    f"give each of {named}",
                )
            )
        return None if broken or missing else forms

    for key_node, value_node in root.value:
        line, col = position(key_node)
        if not isinstance(key_node, ScalarNode):
            found.append(error(shown, line, col, "a key must be plain text"))
            continue
        key = key_node.value
        if key not in KEYS:
            found.append(error(shown, line, col, f"unknown key {key!r}", "check its spelling"))
            continue
        if key in texts:
            found.append(error(shown, line, col, f"key {key!r} appears twice"))
            continue
        if isinstance(value_node, MappingNode):
            forms = plural_forms(key, value_node)
            if forms is not None:
                texts[key] = forms
            continue
        problem = text_problem(key, value_node)
        if problem is not None:
            found.append(problem)
            continue
        texts[key] = value_node.value
    end_line, end_col = root.end_mark.line + 1, root.end_mark.column + 1
    for key in KEYS:
        if key not in texts and not any(key in p.message for p in found):
            found.append(
                error(shown, end_line, end_col, f"missing key {key!r}", "add it with its text")
            )
    if found:
        raise UiTextError(tuple(found))
    return UiText(texts, language)


def _placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"(a lone brace)"}
