"""Expressions whose period comes from the period in context, not the publication date: "a year
earlier", "the year-earlier quarter", "the same period last year", "the quarter", "the latest
quarter". Earnings news speaks of one period and then compares it; these resolve against it.

The linker calls `relative_to(kind, context)` with the period that governs the sentence; the times
stage calls it with the latest period a document named.
"""

from __future__ import annotations

import re
from datetime import date

from metrics import lazy_re
from metrics.calendar import add_months, quarter_bounds
from metrics.calendar import shift_years as _shift_day
from metrics.records import Period

CONTEXT_PATTERN = lazy_re.compile(
    r"\b(?P<year_back>(?:the\s+)?(?:(?:same|corresponding|comparable)\s+(?:period|quarter|month|time)\s+(?:a\s+year\s+(?:ago|earlier)|"
    r"last\s+year|of\s+(?:last|the\s+previous)\s+year)|(?:year|a\s+year)[- ](?:earlier|ago)\s+"
    r"(?:period|quarter|month|level|figure)s?|year[- ](?:earlier|ago)|prior[- ]year\s+(?:period|quarter)))\b"
    r"|\b(?P<same>the\s+same\s+(?:period|quarter|month)|that\s+quarter)\b"
    r"|\b(?P<year_of>(?:that|the(?:\s+(?:full|fiscal|whole|current|calendar)){0,2})\s+year"
    r"(?![- ]?(?:earlier|ago|before|end|\s*\d))"
    r"|(?:the\s+|around\s+)?year(?:[- ]|'s\s+)end)\b"
    r"|\b(?P<current>the\s+(?:latest|most\s+recent|current|recent|past|just[- ]ended|latest\s+fiscal)\s+"
    r"(?:quarter|period|three\s+months)|the\s+quarter)\b(?![-\s]to[-\s](?:date|quarter|period)\b)",
    re.IGNORECASE,
)
"""The context expressions the times stage finds: back a year, the same period, the current one."""


YEAR_PART = lazy_re.compile(
    r"\b(?:the\s+)?(?:(?P<year>1[89]\d\d|20\d\d)|(?P<which>this|last|next)\s+year's)\s+"
    r"(?:(?P<ordinal>first|second|third|fourth)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period|half)\b",
    re.IGNORECASE,
)
"""A period of a named year: "the 1988 second quarter", "the 1989 period", "last year's quarter"."""
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def in_year(year: int, ordinal: str | None, unit: str, context: Period | None) -> Period:
    """The quarter or half `ordinal` of `year`; without one, the context's quarter (or month span)
    moved to that year; without a context, the year."""
    unit = unit.lower()
    if ordinal:
        index = _ORDINAL[ordinal.lower()]
        if unit == "half":
            index = min(index, 2)
            return Period(date(year, 6 * index - 5, 1), quarter_bounds(year, 2 * index)[1], "span")
        start, end = quarter_bounds(year, index)
        return Period(start, end, "quarter")
    if context is not None and context.start is not None and context.end is not None:
        return shift_period(context, year - context.start.year)
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def shift_period(period: Period, years: int) -> Period:
    """The same period `years` later (earlier when negative), at the same grain."""
    start = _shift_day(period.start, years) if period.start else None
    end = _shift_day(period.end, years) if period.end else None
    if period.grain == "month" and end is not None:
        end = add_months(date(end.year, end.month, 1), 1).replace(day=1)
        end = date.fromordinal(end.toordinal() - 1)
    return Period(start, end, period.grain)


def relative_to(kind: str, context: Period | None, reference: date | None = None) -> Period | None:
    """The period of a context expression: `year_back` ("a year earlier", "the year-ago quarter") is the
    context period a year before; `same` is the context period; `current` ("the latest quarter") is
    the context quarter, else the last full quarter before the reference; `year_of` ("the year",
    "that year", "year-end") is the year of the context period, else the reference year. None when
    neither is known."""
    ended = context is not None and context.end is not None and (reference is None or context.end < reference)
    if kind == "current" and (context is None or context.grain != "quarter" or not ended):
        if reference is None:
            return None
        index = reference.year * 4 + (reference.month - 1) // 3 - 1
        year, quarter = divmod(index, 4)
        start, end = quarter_bounds(year, quarter + 1)
        return Period(start, end, "quarter")
    if kind == "year_of":
        day = context.start if context and context.start else reference
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), "year") if day else None
    if context is None or context.start is None or context.end is None:
        return None
    if kind == "year_back":
        return shift_period(context, -1)
    return context
