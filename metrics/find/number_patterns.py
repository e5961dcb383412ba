"""The compiled patterns of the quantity finder, and the draft a quantity is read into."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from metrics.calendar import MONTHS
from metrics.find.number_words import DIGITS, SMALL_WORDS, WORD_ATOM
from metrics.find.tokens import first_words
from metrics.lexicon import Lexicon, alternation, folded_alternation, lexicon, squash


@dataclass(frozen=True)
class Patterns:
    """Every pattern the quantity finder uses, compiled once from the lexicon."""

    core: re.Pattern[str]
    scale: re.Pattern[str]
    attached: re.Pattern[str]
    currency_after: re.Pattern[str]
    symbol_after: re.Pattern[str]
    symbols_after: dict[str, str]
    symbol_starts: frozenset[str]
    cue_last_words: frozenset[str]
    prefix_tails: tuple[str, ...]
    prefix_codes: dict[str, str]
    """What is written before a number -> its currency: the lexicon's prefixes and the ISO codes of
    units.toml [currency_codes_before] (matched by `prefix` in capitals only)."""
    currency_first_words: frozenset[str]
    subunit: re.Pattern[str]
    percent: re.Pattern[str]
    unit: re.Pattern[str]
    attached_unit: re.Pattern[str]
    rate: re.Pattern[str]
    prefix: re.Pattern[str]
    qualifier: re.Pattern[str]
    trailing: re.Pattern[str]
    bound_join: re.Pattern[str]
    trailing_qualifiers: dict[str, str]
    connector: re.Pattern[str]
    noun: re.Pattern[str]
    vague: re.Pattern[str]
    fraction: re.Pattern[str]
    left_word: re.Pattern[str]
    id_words: frozenset[str]
    numbered_group: re.Pattern[str]
    leader_names: frozenset[str]
    repetitions: frozenset[str]
    change_up: frozenset[str]
    pace: re.Pattern[str]
    """A verb of change and the pace it changed at, right before a figure ("grew at an annualized rate
    of", "fell at a seasonally adjusted annual rate of"): the change's direction is the verb's."""
    change_down: frozenset[str]
    denominators: dict[str, float]
    vulgar_fractions: dict[str, float]
    scale_fraction: re.Pattern[str]
    article_scales: frozenset[str]
    unit_scales: dict[str, float]
    vague_words: frozenset[str]
    """The first words of the vague plurals ("tens" of "tens of thousands"): without one, none is read."""
    fraction_words: frozenset[str]
    """The last words of the fractions ("thirds" of "two-thirds"): without one, none is read."""
    vague_starts: frozenset[str] | None
    """The first tokens of the vague plurals: where `vague` can begin a match (None: anywhere)."""
    fraction_starts: frozenset[str] | None
    """The first tokens of the fractions ("a" of "a third"): where `fraction` can begin a match."""
    """Units written with their scale in them ("mb/d"): units.toml [unit_scales]."""
    """Scale words that may follow "a" ("a trillion"): units.toml [article_scales]."""


def patterns(lex: Lexicon | None = None) -> Patterns:
    """The finder's patterns compiled from `lex` (the packaged lexicon when None), once per lexicon."""
    return _compiled(lex or lexicon())


@lru_cache(maxsize=8)
def _compiled(lex: Lexicon) -> Patterns:
    """Keyed by the Lexicon's identity: a handful of lexicons per process at most, so the cache is small."""
    from metrics.lexicon import _toml  # the id/change word lists are only used here

    words = _toml("words.toml")
    units_toml = _toml("units.toml")
    codes_before = frozenset(units_toml["currency_codes_before"]["codes"]) - set(lex.currency_prefixes)
    prefixes = alternation(lex.currency_prefixes) + (
        f"|(?-i:{alternation(codes_before)})" if codes_before else ""
    )
    single_letter_units = {u for u in lex.units if len(u) == 1}
    letters = "|".join(re.escape(letter) for letter in units_toml["single_letter_spellings"]["letters"])
    spaced_units = [u for u in lex.units if u not in single_letter_units]
    fraction_words = {squash(k): float(v) for k, v in words["fraction_denominators"].items()}
    denominators = alternation(fraction_words)
    symbols_after = dict(units_toml["currency_symbols_after"])
    trailing = {squash(k): v for k, v in words["trailing_qualifiers"].items()}
    vulgar = "".join(words["vulgar_fractions"])
    article_scales = frozenset(squash(word) for word in units_toml["article_scales"]["words"])
    a_scale = alternation(article_scales)
    dotted = alternation(units_toml["dotted_scales"]["words"])
    core = (
        rf"(?P<digits>(?<![\w.,/:$£€¥])(?:{DIGITS}))"
        rf"|(?P<digits2>(?<=[$£€¥])(?:{DIGITS}))"
        rf"|(?P<prefixed>(?:(?<=\bRM)|(?<=\bRs)|(?<=\$US)|(?<=\bUSD)|(?<=\bEUR))(?:{DIGITS}))"
        rf"|(?P<vulgar>(?<![\w.,/])[{vulgar}])"
        rf"|(?P<words>\b(?:a(?=\s+(?:{a_scale})\b)"
        rf"|an?(?=\s+(?:{denominators})\b(?![ \t]++(?!of\b|million\b|billion\b)[a-z]))"  # not "a third term"
        rf"|(?:half|quarter)(?:\s+an?)?(?=\s+(?:{a_scale})\b)|{WORD_ATOM})"
        rf"(?:(?:\s+and\s+an?\s+(?:{denominators}))"
        rf"|(?:[\s-]+(?:and\s+)?(?:an?\s+)?(?:{WORD_ATOM}|dozens|point|{denominators})))*\b)"
    )
    return Patterns(
        core=re.compile(core, re.IGNORECASE),
        # "4 mil. dlrs": an abbreviated scale's full stop belongs to it when the phrase goes on
        scale=re.compile(
            rf"[ \t]*+-?[ \t]*+((?:{dotted})\.(?=[ \t]++(?-i:[a-z]))|(?:{folded_alternation(lex.scales)})\b)",
            re.IGNORECASE,
        ),
        attached=re.compile(rf"({alternation(lex.attached_scales)})(?![A-Za-z0-9])", re.IGNORECASE),
        currency_after=re.compile(
            rf"(?:[ \t]++|-)?(?!(?:{alternation(units_toml['currency_place_names']['phrases'])})\b)"
            rf"({folded_alternation(lex.currency_words)})\b",
            re.IGNORECASE,
        ),
        symbol_after=re.compile(rf"[ \t]?({alternation(symbols_after)})(?![ \t]?\d)"),
        subunit=re.compile(rf"(?:[ \t]*+|-)({alternation(lex.subunits)})(?![A-Za-z0-9])", re.IGNORECASE),
        percent=re.compile(
            rf"[ \t]*+(%|(?:{alternation(k for k in lex.percent if k != '%')})\b)", re.IGNORECASE
        ),
        unit=re.compile(rf"(?:[ \t]++|-)?({folded_alternation(spaced_units)})(?![A-Za-z0-9])", re.IGNORECASE),
        attached_unit=re.compile(rf"((?i:{folded_alternation(spaced_units)})|{letters})(?![A-Za-z0-9])"),
        rate=re.compile(
            r"[ \t]++(?:per|a|an)[ \t]++([A-Za-z][A-Za-z]*(?:[ \t]++(?:foot|feet|metre|meter|mile))?)\b"
            r"(?![ \t]++(?:earlier|ago|before|later|after|previously))"
        ),
        prefix=re.compile(rf"(?:^|(?<=[^A-Za-z]))({prefixes})[ \t]?$", re.IGNORECASE),
        qualifier=re.compile(
            rf"(?:^|(?<=\W)|(?=[<>≤≥]=?$))({folded_alternation(lex.qualifiers)})[ \t]*+$", re.IGNORECASE
        ),
        bound_join=re.compile(
            rf"[ \t]*+,?[ \t]*+(?:and|but)?[ \t]*+(?:{alternation(lex.qualifiers)})[ \t]*+", re.IGNORECASE
        ),
        trailing=re.compile(
            rf"[ \t]++({alternation(trailing)})\b(?:[ \t]++than\b(?![ \t]*+[\d$£€]))?", re.IGNORECASE
        ),
        connector=re.compile(r"[ \t]*+(-to-|-|–|—|~|to|and|through|thru)[ \t]*+", re.IGNORECASE),
        noun=re.compile(r"(?:[ \t]++|-)([A-Za-z][A-Za-z'’-]*)"),
        vague=re.compile(
            rf"\b({alternation(lex.vague)})[ \t]++of\b(?:[ \t]++({alternation(lex.currency_words)})\b)?",
            re.IGNORECASE,
        ),
        fraction=re.compile(rf"\b({alternation(lex.fractions)})[ \t]++of\b", re.IGNORECASE),
        left_word=re.compile(r"([A-Za-z][A-Za-z&'’.-]*|#)[ \t]*+$"),
        id_words=frozenset(words["id_words"]["words"]),
        numbered_group=re.compile(
            rf"\b(?:{alternation(words['numbered_groups']['words'])})[ \t]++of[ \t]*+$"
        ),
        leader_names=frozenset(
            name.split()[-1] for leader in lex.leaders for name in (leader.name, *leader.aliases) if name
        )
        - {month.capitalize() for month in MONTHS},
        repetitions=frozenset(words["repetition_nouns"]["words"]),
        change_up=frozenset(words["change_cues"]["up"]),
        pace=re.compile(
            r"\b([a-z]+)[ \t]++at[ \t]++(?:an?|the)[ \t]++(?:[a-z-]++[ \t]++){0,3}?(?:rate|pace)"
            r"[ \t]++of[ \t]++(?:(?:about|around|nearly|almost|some)[ \t]++)?$",
            re.IGNORECASE,
        ),
        change_down=frozenset(words["change_cues"]["down"]),
        denominators=fraction_words,
        vulgar_fractions={k: float(v) for k, v in words["vulgar_fractions"].items()},
        scale_fraction=re.compile(
            rf"[ \t]++and[ \t]++(an?|{SMALL_WORDS})[ \t]++({denominators})\b"
            rf"(?:[ \t]++({alternation(lex.scales)})\b)?",
            re.IGNORECASE,
        ),
        symbols_after=symbols_after,
        cue_last_words=frozenset(_words_of(cue)[-1] for cue in lex.qualifiers if _words_of(cue)),
        prefix_tails=tuple(sorted({key.split()[-1].upper() for key in lex.currency_prefixes} | codes_before)),
        prefix_codes={**{code: code for code in codes_before}, **lex.currency_prefixes},
        currency_first_words=frozenset(word.split()[0].rstrip(".") for word in lex.currency_words),
        symbol_starts=frozenset(symbol[0] for symbol in symbols_after),
        trailing_qualifiers=trailing,
        article_scales=article_scales,
        unit_scales={squash(k): float(v) for k, v in units_toml["unit_scales"].items()},
        vague_words=frozenset(key.replace("-", " ").split()[0] for key in lex.vague),
        fraction_words=frozenset(key.replace("-", " ").split()[-1] for key in lex.fractions),
        vague_starts=_first_tokens(lex.vague),
        fraction_starts=_first_tokens(lex.fractions),
    )


def _first_tokens(phrases: Iterable[str]) -> frozenset[str] | None:
    """The lower-case first words of phrases that all begin with a letter, or None when one does not
    (a phrase "½ of" can begin where no word does: such a pattern is searched for everywhere)."""
    phrases = list(phrases)
    if not all(phrase[:1].isalpha() and phrase.isascii() and not phrase.endswith("*") for phrase in phrases):
        return None
    return first_words(phrases)[0]


def _words_of(phrase: str) -> list[str]:
    """The letter runs of a phrase, lower-cased: 'approx.' -> ['approx'], 'more than' -> ['more', 'than']."""
    return re.findall(r"[a-z]+", phrase.lower())


@dataclass
class Draft:
    """A quantity while it is being read; becomes a frozen Quantity at the end."""

    start: int
    end: int
    value: float
    core_end: int
    is_words: bool
    fraction: bool = False
    unit: str = ""
    scaled: bool = False
    multiplier: float = 1.0
    currency: str | None = None
    noun: str | None = None
    noun_end: int = -1
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
