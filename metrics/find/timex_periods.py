"""Date periods beyond single dates: day ranges ("from 4 to 22 this month"), weeks and weekends,
parts of a period ("late next week", "the first week of May"), "next/past/within N days", quarters
and halves with the year on either side, decades, and numeric month-years ("2016-11", "3/2015").

The patterns and where they can begin; their resolvers are in timex_dates, timex_relative and
timex_parts (every period ends on its last day, included).
"""

from __future__ import annotations

import re
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, WEEKDAYS
from metrics.find.split_alternation import SplitAlternation
from metrics.find.timex_words import (
    DAY,
    NOT_AMOUNT,
    ORD,
    TO,
    WEEKDAY_OR_SHORT,
    WHICH,
    YEAR,
    M,
    decade_words_table,
    loose_number,
)
from metrics.find.tokens import Tokens

_NUM = loose_number()
_UNIT = r"(day|week|month|year|decade)s?"

_WORD_CONTEXT = lazy_re.compile(
    rf"(?:{M})\.?(?:\s+(?:between\b|from\b|\d{{1,2}}{ORD}?\s*(?:-|–|to\b|till\b|until\b|through\b|thru\b))"
    rf"|\s+,|\s+{WHICH}\s+year\b)|(?:year|month|week)\s+(?:after|so\s+far|thus\s+far)\b|(?<=the\s)week\b"
    r"|(?<=my\s)week\b"
    r"|week\s+(?:of|commencing|starting|beginning)\s",
    re.IGNORECASE,
)
"""Months, 'year', 'month' and 'week' are common words: only these contexts begin a period here."""
_AFTER_DIGITS = lazy_re.compile(
    rf"\d++(?:'?s\b|h[12]\b|(?<=(?<![.,])\b[12])(?-i:H)(?:\s*[-/]?\s*\d{{4}}|['’]?\d{{2}})\b|{ORD}?{TO}\d{{1,2}}{ORD}?\s+(?:of\s+|in\s+)?(?:{WHICH}\s+month|{M})\b"
    rf"|{ORD}?\s+and\s+\d{{1,2}}{ORD}?\s+(?:of\s+|in\s+)?(?:{WHICH}\s+month|{M})\b"
    r"|[ \t]*[-/][ \t]*\d{4}\b|/\d{1,2}/\d{4}\b|(?<=\d{4})(?:[ \t]*[-/][ \t]*|\.)\d{1,2}\b"
    rf"|(?<=\d{{4}})\s*,?\s+(?:{M}|the\s+(?:first|second|third|fourth)\s+quarter|q[1-4]|h[12])\b"
    r"|\s+(?:day|week|month|year|decade)s?\s+(?:hence|in\s+the\s+future|from\s+now)\b"
    rf"|{ORD}?{TO}{M}\.?\s+\d|{ORD}\s+century\b)",
    re.IGNORECASE,
)

PARTS = [
    (
        "days_of_month",
        rf"\b(?:(?:from|between)\s+)?{DAY}(?:{TO}|\s+and\s+){DAY}\s+"
        rf"(?:of\s+|in\s+)?(?:{WHICH}\s+month\b|({M})\b\.?(?:,?\s*({YEAR})\b)?)",
    ),
    (
        "month_days",
        rf"\b({M})\.?\s+(?:from\s+)?{DAY}{TO}{DAY}\b{NOT_AMOUNT}(?:,?\s*({YEAR})\b)?",
    ),
    (
        "month_between_days",
        rf"\b({M})\.?\s+between\s+{DAY}(?:{TO}|\s+and\s+){DAY}\b{NOT_AMOUNT}(?:,?\s*({YEAR})\b)?",
    ),
    (
        "day_to_date",
        rf"(?:(?<=\bfrom\s)|(?<=\bbetween\s)){DAY}{TO}({M})\.?\s+{DAY}\b(?:,?\s*({YEAR})\b)?{NOT_AMOUNT}",
    ),
    ("week_containing", rf"\b(?:week\s+(?:of|commencing|starting|beginning)\s+(?:on\s+)?|w/c\s+)"
     rf"(?:the\s+{DAY}|({M})\.?\s*{DAY})\b"),
    ("earlier_later", r"\b(earlier|later)\s+(?:this|in\s+the)\s+(week|month|year)\b"),
    ("which_decade", rf"\b{WHICH}\s+decade\b"),
    ("century", rf"\b(\d{{1,2}}){ORD}\s+century\b"),
    ("thirds_of_year", rf"\b(beginning|start|middle|end)\s+of\s+({YEAR})\b"),
    ("weekday_the_day", rf"\b(?:{WEEKDAY_OR_SHORT})\.?,?\s+the\s+{DAY}\b"),
    ("us_date", r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
    ("week_of", rf"\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th)\s+week\s+(?:of\s+)?"
     rf"(?:(?:the\s+)?{WHICH}\s+(month|year)\b|({M})\b\.?|({YEAR})\b)"),
    ("after_next", r"\b(week|weekend|month|year)\s+after\s+(?:the\s+)?next\b"),
    ("weekend", rf"\b(?:{WHICH}\s+|(?<=\bthe\s)|(?<=\bmy\s)|(?<=\bon\s))weekend\b"),
    # not "the week ended Nov. 16", "the week to March 7": the seven days to that day (timex.py's window)
    (
        "the_week",
        rf"(?:(?<=\bthe\s)|(?<=\bmy\s))week\b(?!\s+(?:of|after|before|ago|earlier|later|end)"
        rf"|\s+(?:ended|ending|to|through)\s+(?:{M})\b)",
    ),
    ("coming", r"\b(coming|upcoming)\s+(week|month|year)\b"),
    ("part_of", rf"\b(early|late|mid|beginning\s+of|start\s+of|end\s+of|middle\s+of)\s+"
     rf"(?:(?:the\s+)?{WHICH}\s+(week|month|year)\b|(?<=of\s)({M})\b(?!\.?,?\s*\d))"),
    ("next_n", rf"\b(within\s+)?(?:the\s+)?(next|coming|upcoming)\s+{_NUM}\s+{_UNIT}\b"),
    ("within_n", rf"\bwithin\s+{_NUM}\s+{_UNIT}\b"),
    ("n_hence", rf"\b{_NUM}\s+{_UNIT}\s+(?:hence|in\s+the\s+future|from\s+now)\b"),
    ("past_few", rf"\b(?:the\s+)?(?:past|last|previous)\s+{_NUM}\s*(day|week|month|year|decade)s?\b"),
    ("year_quarter", rf"\b({YEAR})\s*,?\s*(?:the\s+)?(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\b"),
    ("quarter_which", rf"\b(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\s+(?:of\s+)?{WHICH}\s+year\b"),
    # "since the start of the year", "so far this year": from the first day of the one under way to now
    ("since_start_of", r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(year|month|week)\b"),
    ("so_far_this", r"\b(?:so|thus)\s+far\s+(?:this|in\s+the)\s+(year|month|week)\b"),
    ("unit_so_far", r"(?:(?<=\bthe\s)|(?<=\bthis\s))(year|month|week)\s+(?:so|thus)\s+far\b"),
    ("half_which", rf"\b(?:H([12])|(first|second)\s+half)\s+(?:of\s+)?{WHICH}\s+year\b"),
    (
        "h_year",
        rf"\bH([12])\s*,?\s*({YEAR})\b|\b({YEAR})\s*,?\s*H([12])\b"
        rf"|\b([12])(?-i:H)(?:\s*[-/]?\s*|['’])?({YEAR}|(?<=[H'’])\d{{2}})\b",
    ),
    ("decade_digits", r"\b(1[5-9]|20)(\d)0'?s\b|(?:(?<=\bthe\s)|(?<=\bthe\s')|(?<=\s'))()(\d)0'?s\b"
     r"|(?<![\w-])()(\d)0's\b"),
    ("month_of_year", rf"\b({YEAR})(?:(?:\s*[-/]\s*|\.)(1[0-2]|0?[1-9])\b(?![-/.]\d){NOT_AMOUNT}"
     rf"|\s*,?\s+({M})\b)"),
    ("month_slash_year", rf"\b(1[0-2]|0?[1-9])\s*[-/]\s*({YEAR})\b"),
    ("month_comma_year", rf"\b({M})\s+,\s*({YEAR})\b"),
    ("month_which_year", rf"\b({M})\s+{WHICH}\s+year\b"),
]  # fmt: skip
NAMES = frozenset(name for name, _pattern in PARTS)
DATED = (
    NAMES
    - {"earlier_later", "which_decade"}
    - {
        "after_next",
        "weekend",
        "the_week",
        "coming",
        "part_of",
        "next_n",
        "within_n",
        "n_hence",
        "past_few",
    }
)
"""The kinds whose digits are calendar digits, not quantities."""
_STARTS = frozenset(
    {
        "from",
        "between",
        "since",
        "so",
        "thus",
        "earlier",
        "later",
        "w",
        "this",
        "next",
        "last",
        "previous",
        "current",
        "early",
        "late",
        "mid",
        "past",
    }
    | {"first", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "q1", "q2", "q3", "q4"}
)
TRIGGERS = frozenset(
    {
        "year",
        "month",
        "week",
        "weekend",
        "coming",
        "upcoming",
        "within",
        "end",
        "beginning",
        "start",
        "middle",
        "h1",
        "h2",
        "nineteen",
        "twenty",
    }
)


@cache
def _words() -> frozenset[str]:
    """Words that can begin one of these expressions."""
    words = TRIGGERS | frozenset(decade_words_table()) | set(WEEKDAYS) | {w[:3] for w in WEEKDAYS} | _STARTS
    return words - _context_words()


@cache
def _context_words() -> frozenset[str]:
    """Common words that begin a period here only in a context _WORD_CONTEXT checks."""
    return frozenset({m.lower() for m in MONTH_PATTERN.strip("(?:)").split("|")} | {"year", "month", "week"})


_DIGIT_FIRST = frozenset({"days_of_month", "week_of", "n_hence", "h_year"})
"""Kinds whose match may begin with a digit ("4 to 22 May", "1st week of", "3 days hence", "2019 H1")."""
_DIGIT_ONLY = frozenset(
    {
        "day_to_date",
        "century",
        "us_date",
        "year_quarter",
        "decade_digits",
        "month_of_year",
        "month_slash_year",
    }
)
"""Kinds whose match always begins with a digit."""


@cache
def period_master() -> SplitAlternation:
    """This module's expressions, tried only where one can begin."""
    return SplitAlternation([*PARTS, decade_pattern()], _DIGIT_FIRST, _DIGIT_ONLY)


def period_starts(text: str, tokens: Tokens) -> list[int]:
    """Where one of these expressions can begin: a trigger word, or a digit token that a range
    word, a separator, a quarter, a month or a unit follows ("4 to 22", "2016-11", "1970's")."""
    starts = tokens.starts(_words())
    for word in _context_words() & tokens.vocabulary:
        for start in tokens.positions(word):
            if _WORD_CONTEXT.match(text, start):
                starts.append(start)
    starts.extend(start for start in tokens.digit_starts if _AFTER_DIGITS.match(text, start))
    starts.sort()
    return starts


def decade_pattern() -> tuple[str, str]:
    """('decade_words', pattern) for 'the seventies', 'the nineteen seventies', 'the noughties'."""
    words = "|".join(sorted(decade_words_table(), key=len, reverse=True))
    return "decade_words", rf"(?:(?<=\bthe\s)|\b(nineteen|twenty)[\s-]+)({words})\b"
