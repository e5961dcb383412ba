"""TIMEX3 types and values (the TimeML annotation standard) for the periods the finders resolve:
"1998-08-07", "1998-08", "1998-Q3", "1998-H1", "1998-W32", "1998-W32-WE", "199" (a decade),
"19" (a century), "P3Y" (a duration), "1998-02-22TMO" (a part of a day).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTHS, month_end, quarter_bounds
from metrics.find.timex_words import counts
from metrics.lexicon import _toml, lexicon
from metrics.records import Period

DURATION_KINDS = frozenset({"past_n", "past_few", "next_n", "within_n", "past_one", "duration", "window"})
"""Kinds that denote a length of time, not a position on the calendar."""


@cache
def units() -> dict[str, str]:
    """Duration unit -> TIMEX3 letter ('T' before a time unit's letter: hours, minutes, seconds)."""
    return {word: str(letter) for word, letter in _toml("time_words.toml")["units"].items()}


_MORE = frozenset({"more", "additional", "further", "extra"})
_VAGUE = frozenset({"few", "several", "many", "recent", "some", "couple", "coming"})


def _amount(words: list[str]) -> int | None:
    """The count the words before a unit name: digits, number words ('twenty four'), 1 for 'a',
    'the' or 'past', None when it is vague ('a few', 'several', 'recent')."""
    numbers = lexicon().number_words
    total, seen = 0.0, False
    while words and words[-1] in _MORE:  # '20 more years', 'an additional year'
        words = words[:-1]
    for word in reversed(words):
        if word.replace(".", "", 1).isdigit():
            total, seen = total + float(word), True
        elif word in numbers or word in counts():
            total, seen = total + float(numbers.get(word, counts().get(word, 0))), True
        else:
            if not seen and word in _VAGUE:
                return None
            break
    return int(total) if seen else 1


_COUPLE = lazy_re.compile(r"\b(?:a\s+)?couple\s+of\b")
"""'a couple of years' is two in TIMEX3 (P2Y); 'a few' stays unknown (PXY)."""


_HALF = lazy_re.compile(r"(?:\s|^)(?:1/2|½)|\band\s+a\s+half\b")
_HALVES = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}
"""Half of a unit in the next smaller one: '2 1/2 years' is P2Y6M, 'a minute and a half' PT1M30S."""


def _with_half(surface: str, letter: str) -> str:
    whole = _HALF.sub(" ", surface.lower())
    words = re.findall(r"\d+(?:\.\d+)?|[a-z]+", whole)
    index = max(i for i, w in enumerate(words) if w in units() or w.rstrip("s") in units())
    amount = _amount(words[:index]) or 1
    if letter.startswith("T"):
        return f"PT{amount}{letter[1:]}{_HALVES[letter]}"
    return f"P{amount}{letter}{_HALVES[letter]}"


def duration_value(surface: str) -> str:
    """'six months' -> 'P6M'; 'the past two years' -> 'P2Y'; 'a few days' -> 'PXD'; '24 hours' -> 'PT24H'."""
    words = re.findall(r"\d+(?:\.\d+)?|[a-z]+", _COUPLE.sub("two", surface.lower()))
    table = units()
    index = max((i for i, w in enumerate(words) if w in table or w.rstrip("s") in table), default=-1)
    if index < 0:
        return "PXY"
    unit = words[index] if words[index] in table else words[index].rstrip("s")
    amount = _amount(words[:index])
    letter = table[unit]
    if _HALF.search(surface) and letter in _HALVES:
        return _with_half(surface, letter)
    if letter in ("DE", "CE"):
        letter, amount = "Y", (amount * (10 if letter == "DE" else 100) if amount else None)
    written = str(amount) if amount else "X"
    return f"PT{written}{letter[1:]}" if letter.startswith("T") else f"P{written}{letter}"


def _iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_value(period: Period, kind: str = "", relation: str = "in") -> str:
    """The TIMEX3 value of a calendar period: its date, month, quarter, half, week, decade or year."""
    start, end = period.start, period.end
    if start is None or end is None:
        day = end or start
        return day.isoformat() if day else ""
    if relation == "since":
        # 'since 1998' names a year, 'since March' or 'since March 1998' a month
        monthly = kind in ("since_month_year", "bare_month", "part_month")
        return f"{start.year}-{start.month:02d}" if monthly else str(start.year)
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == month_end(start.year, start.month):
        return f"{start.year}-{start.month:02d}"
    for quarter in range(1, 5):
        if (start, end) == quarter_bounds(start.year, quarter):
            return f"{start.year}-Q{quarter}"
    if (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31)):
        return str(start.year)
    if (start, end) in ((date(start.year, 1, 1), date(start.year, 6, 30)),):
        return f"{start.year}-H1"
    if (start, end) == (date(start.year, 7, 1), date(start.year, 12, 31)):
        return f"{start.year}-H2"
    if start.weekday() == 0 and end - start == timedelta(days=6):
        return _iso_week(start)
    if start.weekday() == 5 and end - start == timedelta(days=1):
        return _iso_week(start) + "-WE"
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        years = end.year - start.year + 1
        if years == 10 and start.year % 10 == 0:
            return str(start.year)[:-1]
        if years == 100 and start.year % 100 == 0:
            return str(start.year // 100)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}-{start.month:02d}"
    if start.year == end.year:
        return str(start.year)
    return str(start.year)


def type_and_value(
    kind: str, period: Period | None, relation: str, surface: str, ref: date | None
) -> tuple[str, str]:
    """(TIMEX3 type, value) of an expression the finders resolved (or could not: value '')."""
    if kind in DURATION_KINDS:
        return "DURATION", duration_value(surface)
    if kind == "time_of_day":
        return "TIME", _clock_value(surface, ref)
    if period is None:
        month = MONTHS.get(surface.lower().rstrip(".")) if kind == "bare_month" else None
        return "DATE", f"XXXX-{month:02d}" if month else ""
    return "DATE", period_value(period, kind, relation)


_CLOCK = lazy_re.compile(r"(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s?([ap])?", re.IGNORECASE)


def _clock_value(surface: str, ref: date | None) -> str:
    """'7:15 p.m.' on the reference day -> '1998-02-22T19:15'."""
    found = _CLOCK.search(surface)
    if found is None:
        return ""
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if (found.group(3) or "").lower() == "p" and hour < 12:
        hour += 12
    if (found.group(3) or "").lower() == "a" and hour == 12:
        hour = 0
    day = ref.isoformat() if ref else "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute:02d}"
