"""The word tables of company names (metrics/data/companies.toml) compiled once, and the clean-up of a
run of capitalised words into a company's name: the sentence words, titles and nationality it picked up
dropped, its legal form left off. companies.py and company_context.py read names through these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTHS, WEEKDAYS
from metrics.lexicon import _toml, alternation, lexicon

_NAME_WORD = r"(?:[A-Z][A-Za-z'&.-]*|[A-Z]\.|&|of|and|de|du|des|la|le|der|van|von|y|\d+)"
_WORD = lazy_re.compile(r"\w+")
TICKER = lazy_re.compile(r"<[A-Z][A-Z0-9.]{0,6}(?:[ \t][A-Z]{1,3})?>")
"""A ticker as wire copy writes it after a name: "<TX>", "<GECL.L>", "<BLDS ST>"."""
_OF_NAME = r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w&'-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w&'-]*){0,3}"
"""What an organisation's name may go on with ("Chicago Board of Trade", "Federation of Banks")."""
TITLE = lazy_re.compile(r"[A-Z][a-z]{1,3}\.")
"""An abbreviated title before a name ("Dr.", "Ing."): no word of the company's name."""
INITIAL = lazy_re.compile(r"(?:[A-Z]\.?)+|[A-Z][a-z]{0,2}\.")
"""A word of initials or an abbreviated title opening a company name ("E.F.", "I", "Dr.")."""
_DESCRIBING = r"(?:(?!(?:the|a|an|of|for|at|in|on|with|by|from|to|behind|and)\b)[\w-]+[ \t]+)"
"""A word of an apposition before its noun of company ("the Danish shipping company"), no function word."""
MAX_NAME_WORDS = 6
"""Words of a company name at most, designator excluded."""


@dataclass(frozen=True)
class CompanyTables:
    named: re.Pattern[str]
    """A run of name words ending in a designator or a kind word."""
    bracketed: re.Pattern[str]
    described: re.Pattern[str]
    """A descriptor noun and the name after it ("mining group Norrmalm")."""
    designators: frozenset[str]
    kind_words: frozenset[str]
    not_names: frozenset[str]
    descriptors: tuple[str, ...]
    not_possessed: frozenset[str]
    market_nouns: re.Pattern[str]
    """A word after a name that makes it an index or a market ("France's Cac index"), no company."""
    appositive: re.Pattern[str]
    """A name, a comma and an apposition that ends in a word of company ("Corvan, the mining company,")."""
    bodies: frozenset[str]
    """Last words of a body that is no company even when an apposition calls it a group ("Institute"),
    and words that make a group no company ("an industry group"), lower-cased."""
    bodies_before: re.Pattern[str]
    """A preposition of place before a name: "the Valmont Service in Austin, a division of" is the
    Service's apposition, not Austin's."""
    named_ends: dict[str, tuple[str, ...]]
    """The words a `named` match must hold (designators, kind and organisation words), by their first
    word lower-cased: a line without one of them, and without a ticker's "<", holds no match."""
    described_words: frozenset[str]
    """The first words, lower-cased, a `described` match begins with (descriptors and officers)."""
    appositive_words: dict[str, tuple[str, ...]]
    """The words of company an `appositive` match ends in, by their first word lower-cased."""


@cache
def company_tables() -> CompanyTables:
    table = _toml("companies.toml")
    designators = frozenset(table["designators"]["words"])
    kinds = frozenset(table["kind_words"]["words"])
    words = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}"
    # a legal form ends the longest run before it ("Harlow Tools and Chemical Corp"); else the
    # run ends at a kind word or before a ticker, found by the shortest run that reaches one
    lazy = rf"[A-Z][A-Za-z'&.-]*(?:[ \t]+{_NAME_WORD}){{0,{MAX_NAME_WORDS}}}?"
    named = re.compile(
        rf"(?<![\w<])(?P<name>{words})[ \t]*,?[ \t]+(?P<end>{alternation(designators)})(?![\w])"
        rf"|(?<![\w<])(?P<alone>{lazy}[ \t]+(?:{alternation(kinds)}))(?![\w])"
        rf"|(?<![\w<])(?P<body>{lazy}[ \t]+(?:{alternation(table['organisation_words']['words'])})"
        rf"(?:{_OF_NAME})?)(?![\w])"
        rf"|(?<![\w<])(?P<tick>{lazy})(?=(?:'s|’s)?[ \t]*{TICKER.pattern})"
    )
    bracketed = re.compile(r"<(?P<inner>[A-Z][^<>\n]{1,60})>")
    nouns = alternation(table["descriptors"]["words"])
    officers = alternation(table["officers"]["words"])
    described = re.compile(
        rf"\b(?:{nouns}|(?P<officer>{officers})[ \t]+(?:of|at))[ \t]+"
        rf"(?P<name>[A-Z][\w&'-]+(?:[ \t]+[A-Z][\w&'-]+){{0,3}})(?![\w])"
    )
    return CompanyTables(
        named,
        bracketed,
        described,
        designators,
        kinds,
        frozenset(table["not_names"]["words"]),
        tuple(table["descriptors"]["words"]),
        frozenset(table["not_possessed"]["words"])
        | {m.capitalize() for m in MONTHS}
        | {d.capitalize() for d in WEEKDAYS},
        re.compile(rf"(?<!\s)\s+(?:{alternation(table['market_nouns']['words'])})\b", re.IGNORECASE),
        re.compile(
            r"(?<![\w&'.-])(?P<name>[A-Z][\w&'.-]*(?:[ \t]+(?:[A-Z][\w&'.-]*|and|of|&)){0,3}),[ \t]+"
            # "X, the group, said" opens a new subject; "X, the man behind the Kestel group" is a person
            rf"(?:the[ \t]+{_DESCRIBING}{{1,5}}?|an?[ \t]+{_DESCRIBING}{{0,5}}?)"
            rf"(?:{alternation(table['appositives']['words'])})"
            r"(?=[ \t]*[,.;:)]|[ \t]+(?:that|which|based|of|in|with|owned)\b)"
        ),
        frozenset(w.lower() for w in (*table["appositives"]["bodies"], *table["appositives"]["groups"])),
        re.compile(r"\b(?:in|at|near)[ \t]+$"),
        _by_first_word([*designators, *kinds, *table["organisation_words"]["words"]]),
        frozenset(_by_first_word([*table["descriptors"]["words"], *table["officers"]["words"]])),
        _by_first_word(table["appositives"]["words"]),
    )


def _by_first_word(phrases: list[str]) -> dict[str, tuple[str, ...]]:
    """Phrases grouped by their first word, lower-cased as Tokens keys it ("S.A." under "s")."""
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        first = _WORD.match(phrase)
        if first is None:
            raise ValueError(f"companies.toml: {phrase!r} does not begin with a letter or digit")
        grouped.setdefault(first.group().lower(), []).append(phrase)
    return {word: tuple(found) for word, found in grouped.items()}


def trim_name(words: list[str], tables: CompanyTables) -> list[str]:
    """Drop the sentence words a run of capitals picked up before the name ("Shares of", "The") and a
    country's genitive that gives the company's nationality ("Israel's Teva Pharmaceuticals"), and a
    country that qualifies a word of relation ("its U.K. Subsidiary Norrel Ltd" is Norrel)."""
    countries = lexicon().countries
    titled = False
    while words and (
        words[0] in tables.not_names
        or words[0] in ("of", "and", "&")
        or words[0].islower()
        or (len(words) > 1 and TITLE.fullmatch(words[0]))
        or (titled and len(words) > 1 and INITIAL.fullmatch(words[0]))
        or (len(words) > 2 and words[0] in countries and words[1] in tables.not_names)
    ):
        titled = titled or bool(TITLE.fullmatch(words[0])) or words[0] in ("Dr", "Mr", "Sir")
        words = words[1:]  # "Dr. Ing. H.C.F. Porsche": a founder's title and initials, the name is Porsche
    for size in (1, 2, 3):
        head = " ".join(words[:size])
        if len(words) > size and head[-2:] in ("'s", "’s") and head[:-2] in countries:
            words = words[size:]
            if words[0] in tables.not_possessed:
                return []  # "Malaysia's Central Bank" is the country's, no company
            break
    while words and words[-1] in ("of", "and", "&", "de"):
        words = words[:-1]
    if words and all(w in countries for w in words):
        return []  # "British" or "Japan" alone is a country, not a company
    return words


def company_name(words: list[str], tables: CompanyTables, genitive: bool = False) -> str | None:
    """The company's name from a run of words; `genitive`: the run ends in one ("Velmora's <VLMA ST>"),
    which is no part of the name (but "McDonald's" found otherwise keeps its 's)."""
    words = [w.rstrip(",") for w in words]
    if genitive and words and words[-1][-2:] in ("'s", "’s"):
        words[-1] = words[-1][:-2]
    while words and words[-1] in tables.designators:
        words = words[:-1]
    words = trim_name(words, tables)
    return " ".join(words) if words else None
