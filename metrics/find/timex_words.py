"""The pieces every time pattern is made of, defined once: years, days, ordinals, counts, range words,
month and weekday names. The word tables come from metrics/data/time_words.toml, so a pattern and
the resolver that reads its words can never disagree.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from metrics.calendar import MONTH_PATTERN, WEEKDAYS, month_end
from metrics.lexicon import _toml, alternation
from metrics.records import Period

M = MONTH_PATTERN
YEAR = r"(?:1[89]\d\d|20\d\d)"
"""A year news speaks of; ANY_YEAR also admits older ones where the context says year ("from 1066")."""
ANY_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
ORD = r"(?:st|nd|rd|th)"
DAY = rf"(\d{{1,2}}){ORD}?"
TO = r"\s*(?:-|–|to|till|until|through|thru)\s*"
WHICH = r"(this|next|last|previous|current|coming|upcoming)"
WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
WEEKDAY_OR_SHORT = WEEKDAY + "|" + "|".join(w[:3].capitalize() for w in WEEKDAYS)
NOT_AMOUNT = r"(?![\d,]|[.,]\d|\s*(?:%|pct|percent|per\b|mln|bln|billion|million))"
"""After a number that could be a day: not when it is an amount ("4 to 22%")."""


@cache
def _table(name: str) -> dict[str, int]:
    return {word: int(value) for word, value in _toml("time_words.toml")[name].items()}


@cache
def decade_words_table() -> dict[str, int]:
    """'seventies' -> 70, 'noughties' -> 0 (the decade's first year within its century)."""
    return {word: int(value) for word, value in _toml("words.toml")["decade_words"].items()}


def counts() -> dict[str, int]:
    """Count words: 'one' .. 'twelve'."""
    return _table("counts")


def vague_counts() -> dict[str, int]:
    """'a', 'an', 'few', 'several'."""
    return _table("vague_counts")


def ordinals() -> dict[str, int]:
    return _table("ordinals")


def offsets() -> dict[str, int]:
    return _table("offsets")


def day_offsets() -> dict[str, int]:
    """Words for one day and how many days from the reference each points ("yesterday": -1)."""
    return _table("day_offsets")


@cache
def count_words() -> str:
    """The count words as an alternation, in the table's order (smallest first)."""
    return "|".join(counts())


@cache
def number() -> str:
    """A count of units, digits or a word ("the past 12 months", "six months ago")."""
    return rf"(?:\d{{1,2}}|{count_words()})"


@cache
def loose_number() -> str:
    """A count group that also admits 'few', 'several' and 'a' ("the past few days")."""
    return rf"(\d{{1,2}}|{count_words()}|few|several|a)"


def count(raw: str | None) -> int:
    """The value of a count written in digits or words (0 for none)."""
    raw = (raw or "").lower()
    if raw.isdigit():
        return int(raw)
    return counts().get(raw) or vague_counts().get(raw, 0)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), month_end(year, month), "month")


def span(first: date | None, last: date | None, relation: str = "span") -> tuple[Period, str] | None:
    """A span from first to last, both included, or None when either is missing or they are reversed."""
    if first is None or last is None or last < first:
        return None
    return Period(first, last, "span"), relation


_PREPOSITIONS = (
    r"(?:(?<=\b(?i:in|by|of|to|or)\s)|(?<=\b(?i:and|for|mid)\s)|(?<=\b(?i:from|last|next|this|till)\s)"
    r"|(?<=\b(?i:since|until|early|after)\s)|(?<=\b(?i:during|before)\s)|(?<=\b(?i:through|between)\s))"
)


@cache
def part_words() -> str:
    """'early', 'mid', 'late', 'end': the parts of a year or month (time_words.toml [year_parts]) as an
    alternation."""
    return alternation(_toml("time_words.toml")["year_parts"])


@cache
def contract_words() -> str:
    """The words after a month that name a contract or a delivery ("June futures", "July shipment";
    time_words.toml [contract_words]) as an alternation."""
    return "|".join(re.escape(w) for w in _toml("time_words.toml")["contract_words"]["words"])


@cache
def bare_month(anywhere: bool = False) -> str:
    """A capitalised month name without a day or year, after a preposition ("fell in March", "since
    June") and not naming a contract ("in June futures", words from time_words.toml). One group.
    With anywhere=True (the time tagger) no preposition is needed, except for 'May' and 'March'."""
    contracts = contract_words()
    months = (
        "January|February|April|June|July|August|September|October|November|December"
        r"|Jan\.|Feb\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
    )
    written = (
        rf"{_PREPOSITIONS}(?:May|March|Mar\.)|(?<![\w.])(?:{months})"
        if anywhere
        else rf"{_PREPOSITIONS}(?:May|March|Mar\.|{months})"
    )
    return (
        rf"(?-i:(?=[ADFJMNOS])({written}))"
        rf"(?![\w-])(?!\.?\s*\d)(?!\s+(?i:{contracts})\b)"
    )
