"""Anchors a time tagger reads from the words around an expression rather than from publication:
a day without a year after "ended" has already come ("the year ended March 31" in a November report
is the March before, not the coming one); "the quarter ended Sept. 30" is the quarter that date
closes; "that year" is the year the text last named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from metrics import lazy_re
from metrics.calendar import month_end, month_number, quarter_bounds, shift_years
from metrics.find.timex3 import duration_value
from metrics.find.timex_context import shift_period
from metrics.find.timex_tense import sentence_start
from metrics.find.timex_words import DAY, M
from metrics.records import Period

_ENDED_BEFORE = lazy_re.compile(r"\b(?:ended|closed|finished)\s+(?:on\s+)?$", re.IGNORECASE)
_UNDATED_DAY = frozenset({"month_day", "day_month"})


def ended_day(
    text: str, start: int, kind: str, period: Period | None, reference: date | None
) -> Period | None:
    """A month and day after 'ended': the latest not after the reference (a period that ended has
    ended); None when nothing changes."""
    if kind not in _UNDATED_DAY or period is None or period.start is None or reference is None:
        return None
    if not _ENDED_BEFORE.search(text, max(0, start - 16), start) or period.start <= reference:
        return None
    day = shift_years(period.start, -1)
    return Period(day, day, "day")


_QUARTER_ENDED = lazy_re.compile(rf"\s+(ended|ending)\s+(?:on\s+)?({M})\.?\s+{DAY}\b(?!,?\s*\d)")


def quarter_ended(text: str, end: int, surface: str, reference: date | None) -> Period | None:
    """'the quarter ended Sept. 30': the calendar quarter that closes in that month, in the latest
    year it has ended by the reference ('ending' may be the coming one: the nearest then). None
    when the month closes no calendar quarter (a company's own quarters) or nothing follows."""
    if reference is None or not surface.lower().endswith("quarter"):
        return None
    found = _QUARTER_ENDED.match(text, end)
    if found is None:
        return None
    month = month_number(found.group(2).rstrip("."))
    if month % 3:
        return None
    year = reference.year
    start, last = quarter_bounds(year, month // 3)
    if found.group(1).lower() == "ended" and last > reference:
        start, last = quarter_bounds(year - 1, month // 3)
    return Period(start, last, "quarter")


def that_year(surface: str, named: Period | None) -> Period | None:
    """'that year' is the year of the period the text named last; None for other year words."""
    if named is None or named.start is None or not surface.lower().startswith("that"):
        return None
    year = named.start.year
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


class ContextPeriods:
    """The periods a text has named that 'a year earlier' or 'the same period' may refer to. A
    period named in the same sentence is the one compared ("in March sales rose 5% from a year
    earlier"); else the period the story names most often (earnings news reports one quarter and
    mentions others in passing: "up from the second quarter", "a fourth-quarter charge"), of
    equals the first named (news leads with the period it reports); else the latest month."""

    def __init__(self) -> None:
        self.named: dict[Period, int] = {}
        self.month: Period | None = None
        self.latest: tuple[Period, int] | None = None

    def name(self, period: Period, start: int) -> None:
        self.latest = (period, start)
        if period.grain == "month":
            self.month = period
        else:
            self.named[period] = self.named.get(period, 0) + 1  # kept in the order first named

    def at(self, text: str, start: int) -> Period | None:
        if self.latest is not None and self.latest[1] >= sentence_start(text, start):
            return self.latest[0]
        if self.named:
            most = max(self.named.values())
            return next(period for period, count in self.named.items() if count == most)
        return self.month


_FIRST_MONTHS = lazy_re.compile(
    r"(?:the\s+)?first\s+(\w+)\s+months$|the\s+(?:latest\s+|most\s+recent\s+)?(\w+)\s+months$", re.IGNORECASE
)


def first_months(
    surface: str, counts: dict[str, int], context: Period | None, reference: date | None
) -> Period | None:
    """'the first nine months', and in a report 'the nine months' or 'the latest nine months' (results
    to date: of the year in context, else of the latest year they have ended in): the span from
    January that 'a year earlier' in its sentence compares with ("For the nine months, net rose from
    $4 million a year earlier": the first nine months of last year, in TIMEX3 that year)."""
    found = _FIRST_MONTHS.match(surface)
    if found is None:
        return None
    raw = (found.group(1) or found.group(2)).lower()
    months = int(raw) if raw.isdigit() else counts.get(raw)
    if not months or not 1 < months < 12:
        return None
    if context is not None and context.start is not None:
        year = context.start.year
    elif reference is not None:
        year = reference.year if reference.month > months else reference.year - 1
    else:
        return None
    return Period(date(year, 1, 1), month_end(year, months), "span")


_COMPARED = lazy_re.compile(
    r"\b(?:compared\s+with|compared\s+to|from|versus|against|than)\b[^.;]{0,60}$", re.IGNORECASE
)


_WHOLE_YEAR = lazy_re.compile(
    r"\b(?:this|the\s+full|the\s+whole|for\s+the)\s+year\b|\b(?:annual|full-year)\b", re.IGNORECASE
)
"""A sentence that speaks of whole years compares last year with this one, not quarters."""


def last_year_compared(
    text: str, start: int, end: int, surface: str, context: Period | None
) -> Period | None:
    """'up 5% from $2 million last year', 'last year's $1.5 billion': in a story about a quarter,
    the figure compared is the year-earlier quarter, not the whole of last year (unless the
    sentence speaks of whole years: "for this year, up from last year's"). None otherwise."""
    if surface.lower() != "last year" or context is None or context.grain != "quarter":
        return None
    before = text[sentence_start(text, start) : start]
    if not (_COMPARED.search(before) or text.startswith("'s", end)) or _WHOLE_YEAR.search(before):
        return None
    return shift_period(context, -1)


_YEAR_ENDED = lazy_re.compile(
    r"\bthe\s+(?:fiscal\s+|financial\s+)?year(?=\s+end(?:ed|ing)\s+(?:on\s+)?[A-Z])", re.IGNORECASE
)


def year_ended(text: str) -> Iterator[tuple[int, int, str, str, str, None]]:
    """'the year ended March 31': in TIMEX3 a year-long duration that its end date anchors (the date
    is an expression of its own)."""
    for found in _YEAR_ENDED.finditer(text):
        yield found.start(), found.end(), "duration", "DURATION", "P1Y", None


_WINDOW_WORD = lazy_re.compile(
    r"\s+(?:to|through|ended|ending)(?:\s+(?:in|on))?\s+(?:the\s+end\s+of\s+)?", re.IGNORECASE
)
_PART_WINDOW = lazy_re.compile(r"(?:the\s+)?(?:(?:fiscal|financial)\s+)?(?:quarter|half)\b", re.IGNORECASE)


def window_and_day(
    text: str, start: int, end: int, period: Period
) -> list[tuple[int, int, str, str, str, Period | None]] | None:
    """'the six months ended Oct. 1' is two TIMEX3s, a duration and the day that ends it; None when
    no day ends the window ('the six months to February' stays one window). 'The quarter ended
    Sept. 30' keeps only its day: 'the quarter' is the story's quarter, a date of its own; 'the fourth
    quarter ended Sept. 30' is that quarter as a date (TIMEX3 names it 1989-Q4) and the day."""
    joint = _WINDOW_WORD.search(text, start, end)
    if joint is None or period.end is None or not any(ch.isdigit() for ch in text[joint.end() : end]):
        return None
    last = period.end
    day = (joint.end(), end, "month_day", "DATE", last.isoformat(), Period(last, last, "day"))
    duration = text[start : joint.start()]
    if _PART_WINDOW.fullmatch(duration):
        return [day]
    named = _ORDINAL_PART.search(duration)
    if named is not None:
        return [(start, joint.start(), "quarter_year", "DATE", *_named_part(named, last.year)), day]
    return [(start, joint.start(), "duration", "DURATION", duration_value(duration), None), day]


_ORDINAL_PART = lazy_re.compile(
    r"(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(quarter|half)$", re.IGNORECASE
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _named_part(named: re.Match[str], year: int) -> tuple[str, Period]:
    """'the fourth quarter' of 'the fourth quarter ended Sept. 30, 1989' as TIMEX3 names it: the quarter
    or half of that number in the year the window ends (1989-Q4), whatever months the company's is."""
    number = _ORDINALS[named.group(1).lower()]
    if named.group(2).lower() == "half":
        first, last = (
            (date(year, 1, 1), date(year, 6, 30)) if number == 1 else (date(year, 7, 1), date(year, 12, 31))
        )
        return f"{year}-H{min(number, 2)}", Period(first, last, "span")
    first, last = quarter_bounds(year, number)
    return f"{year}-Q{number}", Period(first, last, "quarter")


FOLLOWING = lazy_re.compile(r"\bthe\s+(?:following|ensuing|subsequent)\s+(year|month)\b", re.IGNORECASE)
"""'the following year': the year after the one the text named last (not after publication)."""


def following(surface: str, named: Period | None) -> Period | None:
    """The year or month after the period the text named last; None when it named none."""
    found = FOLLOWING.match(surface)
    if found is None or named is None or named.start is None:
        return None
    first = named.start
    if found.group(1).lower() == "year":
        year = first.year + 1
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    year, month = (first.year + 1, 1) if first.month == 12 else (first.year, first.month + 1)
    return Period(date(year, month, 1), month_end(year, month), "month")
