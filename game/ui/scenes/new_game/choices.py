"""What the group has chosen so far, shared by the new-game pages: who plays, the deck, the
options, the topics left out, and what the group's memory says about each deck.

No pygame here: the pages draw and take input, this holds the choices and turns them into
the engine's `Setup`.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from game.content.card_counts import cards_dealt, count_cards
from game.table.terms import Deck, LevelPace, Mode, Player, Rules, Scoring, Setup

if TYPE_CHECKING:
    from game.content.decks import DeckResult
    from game.content.sources import Catalog
    from game.store.memory import Memory
    from game.ui.app import App

MAX_PLAYERS = 12
MIN_CIRCLE = 3
ROUND_CHOICES = (2, 3, 4, 5, 6, 8, 10, 12, None)
OPTION_FIELDS = ("lines", "preset", "rounds", "scoring", "timers", "pace", "closeness")


def topic_name(tag: str) -> str:
    """A topic tag as players read it: "past-relationships" -> "Past relationships"."""
    words = tag.replace("-", " ")
    return words[:1].upper() + words[1:]


@attrs.define
class Options:
    preset: str
    rounds: int | None
    scoring: Scoring
    timers: bool
    pace: LevelPace
    closeness: bool = False  # the closeness check before the first card and after the last


class _Families:
    """What the deck page asks of a catalog's decks many times an opening, worked out once
    per catalog (an unchanged catalog is the very same tuple, kept by
    game/content/sources.py): each family once (`one_per_family`) and each family's
    languages. Opening the page again with 800 decks walks none of them."""

    def __init__(self) -> None:
        self.decks: tuple[DeckResult, ...] | None = None
        # by the game's language and the versions the group picked
        self.shown: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[DeckResult, ...]] = {}
        self.languages: dict[str, list[str]] | None = None  # by memory_id
        self.versions: dict[str, list[Deck]] | None = None  # by memory_id, original first

    def use(self, decks: tuple[DeckResult, ...]) -> _Families:
        if decks is not self.decks:
            self.decks, self.shown, self.languages, self.versions = decks, {}, None, None
        return self

    def versions_of(self, family: str) -> list[Deck]:
        """A family's playable decks, one per language: the original first, then its
        translations in the catalog's order."""
        if self.versions is None:
            found: dict[str, dict[str, Deck]] = {}
            for result in self.decks or ():
                deck = result.deck
                if deck is not None and result.ok:
                    found.setdefault(deck.memory_id, {}).setdefault(deck.language, deck)
            self.versions = {
                key: sorted(by_language.values(), key=lambda version: bool(version.translates))
                for key, by_language in found.items()
            }
        return self.versions.get(family, [])

    def any_translated(self) -> bool:
        self.versions_of("")  # the map, made once per catalog
        return any(len(versions) > 1 for versions in (self.versions or {}).values())

    def one_per_family(self, language: str, picked: dict[str, str]) -> tuple[DeckResult, ...]:
        assert self.decks is not None
        key = (language, tuple(sorted(picked.items())))
        found = self.shown.get(key)
        if found is None:
            found = self.shown[key] = one_per_family(self.decks, language, picked)
        return found

    def languages_of(self, family: str) -> list[str]:
        if self.languages is None:
            languages: dict[str, list[str]] = {}
            for result in self.decks or ():
                deck = result.deck
                if deck is not None:
                    found = languages.setdefault(deck.memory_id, [])
                    if deck.language not in found:
                        found.append(deck.language)
            self.languages = languages
        return self.languages.get(family, [])


_FAMILIES = _Families()


def one_per_family(
    decks: tuple[DeckResult, ...], language: str, picked: dict[str, str] | None = None
) -> tuple[DeckResult, ...]:
    """Each deck once with its translations: the one in the language the group picked for
    it (`picked`, by memory_id), else the one in `language`, else the original, at the
    original's place in the list."""
    picked = picked or {}
    chosen: dict[str, DeckResult] = {}
    order: list[str | int] = []
    for index, result in enumerate(decks):
        deck = result.deck
        if deck is None:
            order.append(index)
            continue
        family = deck.memory_id
        if family not in chosen:
            order.append(family)
            chosen[family] = result
            continue
        kept = chosen[family].deck
        assert kept is not None
        wanted = picked.get(family, language)
        if deck.language == wanted or (not deck.translates and kept.language != wanted):
            chosen[family] = result
    return tuple(chosen[key] if isinstance(key, str) else decks[key] for key in order)


class NewGame:
    def __init__(self, app: App, memory_file: Path | None = None) -> None:
        self.app = app
        self.memory_file = memory_file  # None: the player's own (store.paths.memory_path)
        self.mode = Mode.PAIR
        # As the game will show them: empty ones filled in, NFC-normalised (players.py).
        self.names: list[str] = []
        self.catalog: Catalog | None = None
        self.chosen: int | None = None  # index into `decks`
        self.options: Options | None = None
        self.excluded: set[str] = set()  # topic tags the group leaves out (kept across decks)
        # The language version the group picked for a deck with translations, by memory_id
        # (V or a click on its languages); the others show in the game's language.
        self.versions: dict[str, str] = {}
        # The group's memory of cards (store/memory.py), read when the names are known.
        self.memory: Memory | None = None
        self.starred_deck: DeckResult | None = (
            None  # a DeckResult for the group's starred cards, when they have any
        )
        self.new_texts: dict[str, str] = {}

    def t(self, key: str, **values: object) -> str:
        return self.app.t(key, **values)

    # ------------------------------------------------------------ decks

    def use_catalog(self, catalog: Catalog) -> None:
        """Show the decks of `catalog` (read in a thread: app.read_decks); the choice is kept."""
        chosen = self.deck.id if self.deck is not None else None
        if catalog is not self.app.known_catalog():
            self.app.catalog_read(catalog)
        self.catalog = catalog
        self.read_memory()
        if chosen is not None:  # found again by its id (nothing to find on a new page)
            ids = [r.deck.id if r.deck else None for r in self.decks]
            self.chosen = ids.index(chosen) if chosen in ids else self.chosen
        self.choose_default_deck()

    @property
    def decks(self) -> tuple[DeckResult, ...]:
        """The catalog's decks, a deck and its translations as one (the version in the
        game's language, else the original), and the group's starred cards as a deck when
        it has some."""
        language = self.app.t.language
        decks = (
            _FAMILIES.use(self.catalog.decks).one_per_family(language, self.versions)
            if self.catalog
            else ()
        )
        return (*decks, self.starred_deck) if self.starred_deck else decks

    def versions_of(self, deck: Deck) -> list[Deck]:
        """The deck and its translations, one per language: the original first, then the
        translations in the catalog's order; or the deck alone."""
        if self.catalog is None:
            return [deck]
        found = _FAMILIES.use(self.catalog.decks).versions_of(deck.memory_id)
        if not any(version is deck for version in found):
            return [deck]  # the starred cards, or a deck the catalog no longer holds
        return found

    def any_translated(self) -> bool:
        """Whether some deck on the page has another language version (the hint says V)."""
        if self.catalog is None:
            return False
        return _FAMILIES.use(self.catalog.decks).any_translated()

    def other_version(self, index: int) -> bool:
        """Show, and choose, the next language version of the deck at `index` (the one then
        played); False when it has none. Its memory is the same (memory_id)."""
        deck = self.decks[index].deck
        if deck is None:
            return False
        versions = self.versions_of(deck)
        if len(versions) < 2:
            return False
        languages = [version.language for version in versions]
        following = languages[(languages.index(deck.language) + 1) % len(languages)]
        self.versions[deck.memory_id] = following
        if index == self.chosen:
            self.choose_default_deck()  # the same place; its rules kept if still offered
        else:
            self.choose(index)
        return True

    def deck_languages(self, deck: Deck) -> str:
        """The languages a deck is played in, as its line on the deck page says them: nothing
        for a deck only in the game's own language, a language's own name for a deck in one
        other ("日本語"), and short codes, its own first, for a deck with translations
        ("EN · ES · DE"): the line keeps room for its cards and what is new."""
        from game.content.languages import available_languages

        found = [deck.language]
        if self.catalog is not None:
            for language in _FAMILIES.use(self.catalog.decks).languages_of(deck.memory_id):
                if language not in found:
                    found.append(language)
        if len(found) > 1:
            return " · ".join(code.split("-")[0].upper() for code in found)
        if deck.language.split("-")[0] == self.app.t.language.split("-")[0]:
            return ""
        return dict(available_languages()).get(deck.language, deck.language)

    @property
    def deck(self) -> Deck | None:
        decks = self.decks
        if self.chosen is None or self.chosen >= len(decks):
            return None
        return decks[self.chosen].deck

    def pickable(self, result: DeckResult) -> bool:
        return result.deck is not None and self.mode in result.deck.modes

    def choose(self, index: int) -> None:
        if index != self.chosen and self.pickable(self.decks[index]):
            self.chosen = index
            self.default_options()

    def choose_default_deck(self) -> None:
        decks = self.decks
        if (
            self.chosen is not None
            and self.chosen < len(decks)
            and self.pickable(decks[self.chosen])
        ):
            if self.options is None or self.options.preset not in self.presets():
                self.default_options()  # a deck read again may have lost its own rules
            return
        self.chosen = next((i for i, r in enumerate(decks) if self.pickable(r)), None)
        self.default_options()

    def cards_text(self, deck: Deck) -> str:
        """ "87 cards", or "80 of 87 cards" when topics left out or "not for us" take some away."""
        total = count_cards(deck).cards
        left_out = [tag for tag, _ in deck.topics if tag in self.excluded]
        not_for_us = self.memory.deck(self.names, deck.memory_id).not_for_us if self.memory else ()
        dealt = cards_dealt(deck, left_out, not_for_us)
        if dealt == total:
            return self.t("new_deck_cards", count=total)
        return self.t("new_deck_cards_some", count=dealt, total=total)

    # ------------------------------------------------------------ the group's memory

    def read_memory(self) -> None:
        """What this group (the names typed) has had and starred, when Settings keep it."""
        self.memory, self.starred_deck, self.new_texts = None, None, {}
        if not self.app.settings.remember_cards:
            return
        from game.content.decks import DeckResult
        from game.content.favourites import favourites_deck
        from game.store.memory import load_memory

        self.memory = load_memory(self.memory_file)[0]
        starred = self.memory.starred(self.names)
        if not starred:
            return  # no deck of starred cards: the decks need not be looked at
        loaded = [r.deck for r in (self.catalog.decks if self.catalog else ()) if r.ok]
        deck = favourites_deck(
            starred,
            [d for d in loaded if d is not None],
            self.t("favourites_name"),
            self.t("favourites_description"),
            self.t("favourites_level"),
        )
        if deck is not None:
            self.starred_deck = DeckResult("starred", deck, ())

    def new_to_group(self, deck: Deck) -> str | None:
        """'N new to you' for a deck tile, or None when the memory is off (counted once)."""
        if self.memory is None:
            return None
        if deck.id not in self.new_texts:
            prompts = [card.id for card in deck.cards if not card.is_wild]
            lists = self.memory.deck(self.names, deck.memory_id)
            new = lists.new_count(prompts)
            playable = len([c for c in prompts if c not in lists.not_for_us])
            if new == playable:
                text = self.t("new_deck_all_new")
            elif new == 0:
                text = self.t("new_deck_none_new")
            else:
                text = self.t("new_deck_some_new", count=new)
            self.new_texts[deck.id] = text
        return self.new_texts[deck.id]

    def remembered(self, deck: Deck) -> dict[str, tuple[str, ...]]:
        """What the group's memory tells the engine: cards had before, cards not for us."""
        if self.memory is None:
            return {}
        lists = self.memory.deck(self.names, deck.memory_id)
        return {"had_before": tuple(lists.had), "not_for_us": tuple(lists.not_for_us)}

    # ------------------------------------------------------------ options

    def presets(self) -> dict[str, Rules]:
        """The rules to choose from: the chosen deck's own first (format 1.1 `rules:`), then
        the presets."""
        presets: dict[str, Rules] = dict(self.catalog.presets) if self.catalog else {}
        deck = self.deck
        if deck is not None and deck.rules is not None:
            presets = {deck.rules.id: deck.rules, **presets}
        return presets or {"classic": Rules()}

    def own_rules(self, preset: str) -> bool:
        """Whether `preset` is the chosen deck's own rules (their times are the deck's)."""
        deck = self.deck
        return deck is not None and deck.rules is not None and deck.rules.id == preset

    def default_options(self) -> None:
        deck, presets = self.deck, self.presets()
        if deck is not None and deck.rules is not None:
            preset = deck.rules.id
        elif deck is not None and deck.preset in presets:
            preset = deck.preset
        else:
            preset = next(iter(presets))
        closeness = self.options.closeness if self.options else False
        self.options = self.options_from(preset)
        self.options.closeness = closeness

    def options_from(self, preset: str) -> Options:
        rules = self.presets()[preset]
        return Options(
            preset,
            rules.rounds,
            rules.scoring,
            self.app.settings.timers and rules.share_seconds > 0,
            rules.level_pace,
        )

    def change_option(self, field: str, step: int) -> None:
        options = self.options
        if options is None:
            return
        if field == "preset":
            keys = list(self.presets())
            self.options = self.options_from(keys[(keys.index(options.preset) + step) % len(keys)])
            self.options.closeness = options.closeness
        elif field == "rounds":
            index = ROUND_CHOICES.index(options.rounds) if options.rounds in ROUND_CHOICES else 4
            options.rounds = ROUND_CHOICES[(index + step) % len(ROUND_CHOICES)]
        elif field == "scoring":
            order = list(Scoring)
            options.scoring = order[(order.index(options.scoring) + step) % len(order)]
        elif field == "timers":
            options.timers = not options.timers
        elif field == "pace":
            paces = list(LevelPace)
            options.pace = paces[(paces.index(options.pace) + step) % len(paces)]
        elif field == "closeness":
            options.closeness = not options.closeness

    def left_out(self) -> tuple[str, ...]:
        """The chosen deck's topics the group leaves out, in the deck's order."""
        deck = self.deck
        return tuple(tag for tag, _ in deck.topics if tag in self.excluded) if deck else ()

    def goal(self) -> int | None:
        """The shared score that ends a together game: the rules', or, when the group turned a
        versus or scoreless preset to together, one the game's length makes reachable. Rules
        that say together with no goal have none: the deck ends by its own pace."""
        options = self.options
        assert options is not None  # a deck (and so its options) is chosen
        preset = self.presets()[options.preset]
        if preset.goal or preset.scoring is Scoring.TOGETHER:
            return preset.goal
        return 3 * len(self.names) * (options.rounds or 6)

    def rules(self) -> Rules:
        options = self.options
        assert options is not None  # a deck (and so its options) is chosen
        preset = self.presets()[options.preset]
        # A deck's own rules keep their times, part of its protocol; a preset's are Settings'.
        times = preset if self.own_rules(options.preset) else self.app.settings
        return attrs.evolve(
            preset,
            rounds=options.rounds,
            scoring=options.scoring,
            goal=self.goal() if options.scoring is Scoring.TOGETHER else preset.goal,
            share_seconds=times.share_seconds if options.timers else 0,
            respond_seconds=times.respond_seconds if options.timers else 0,
            level_pace=options.pace,
        )

    def setup(self) -> Setup:
        deck = self.deck
        assert deck is not None  # the deck page starts a game only with a deck chosen
        return Setup(
            deck=deck,
            rules=self.rules(),
            players=tuple(Player(name) for name in self.names),
            mode=self.mode,
            seed=random.randrange(1 << 31),
            excluded_tags=self.left_out(),
            **self.remembered(deck),
        )
