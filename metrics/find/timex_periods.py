"""Date periods beyond single dates: day ranges ("from 4 to 22 this month"), weeks and weekends,
parts of a period ("late next week", "the first week of May"), "next/past/within N days", quarters
and halves with the year on either side, decades, and numeric month-years ("2016-11", "3/2015").

Every period is resolved against the reference (publication) date and ends on its last day, included.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics.calendar import (
    MONTH_PATTERN,
    WEEKDAYS,
    add_months,
    month_end,
    month_number,
    nearest_year,
    quarter_bounds,
    safe_date,
    week_of,
)
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml
from metrics.records import Period

_M = MONTH_PATTERN
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)"
_DAY = rf"(\d{{1,2}}){_ORD}?"
_TO = r"\s*(?:-|–|to|till|until|through|thru)\s*"
_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|a)"
_UNIT = r"(day|week|month|year|decade)s?"
_WHICH = r"(this|next|last|previous|current|coming|upcoming)"
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS) + "|" + "|".join(w[:3].capitalize() for w in WEEKDAYS)
_NOT_AMOUNT = r"(?![\d,]|[.,]\d|\s*(?:%|pct|percent|per\b|mln|bln|billion|million))"
_COUNTS = {"a": 1, "few": 3, "several": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS |= {"4th": 4, "5th": 5, "last": -1}
_OFFSETS = {"this": 0, "current": 0, "the": 0, "my": 0, "next": 1, "coming": 1, "upcoming": 1}
_OFFSETS |= {"last": -1, "previous": -1}

_WORD_CONTEXT = re.compile(
    rf"(?:{_M})\.?(?:\s+(?:between\b|from\b|\d{{1,2}}{_ORD}?\s*(?:-|–|to\b|till\b|until\b|through\b|thru\b))"
    rf"|\s+,|\s+{_WHICH}\s+year\b)|(?:year|month|week)\s+after\b|(?<=the\s)week\b|(?<=my\s)week\b"
    r"|week\s+(?:of|commencing|starting|beginning)\s",
    re.IGNORECASE,
)
"""Months, 'year', 'month' and 'week' are common words: only these contexts begin a period here."""
_AFTER_DIGITS = re.compile(
    rf"\d++(?:'?s\b|h[12]\b|{_ORD}?{_TO}\d{{1,2}}{_ORD}?\s+(?:of\s+|in\s+)?(?:{_WHICH}\s+month|{_M})\b"
    rf"|{_ORD}?\s+and\s+\d{{1,2}}{_ORD}?\s+(?:of\s+|in\s+)?(?:{_WHICH}\s+month|{_M})\b"
    r"|[ \t]*[-/][ \t]*\d{4}\b|/\d{1,2}/\d{4}\b|(?<=\d{4})(?:[ \t]*[-/][ \t]*|\.)\d{1,2}\b"
    rf"|(?<=\d{{4}})\s*,?\s+(?:{_M}|the\s+(?:first|second|third|fourth)\s+quarter|q[1-4]|h[12])\b"
    r"|\s+(?:day|week|month|year|decade)s?\s+(?:hence|in\s+the\s+future|from\s+now)\b"
    rf"|{_ORD}?{_TO}{_M}\.?\s+\d|{_ORD}\s+century\b)",
    re.IGNORECASE,
)

PARTS = [
    (
        "days_of_month",
        rf"\b(?:(?:from|between)\s+)?{_DAY}(?:{_TO}|\s+and\s+){_DAY}\s+"
        rf"(?:of\s+|in\s+)?(?:{_WHICH}\s+month\b|({_M})\b\.?(?:,?\s*({_YEAR})\b)?)",
    ),
    (
        "month_days",
        rf"\b({_M})\.?\s+(?:from\s+)?{_DAY}{_TO}{_DAY}\b{_NOT_AMOUNT}(?:,?\s*({_YEAR})\b)?",
    ),
    (
        "month_between_days",
        rf"\b({_M})\.?\s+between\s+{_DAY}(?:{_TO}|\s+and\s+){_DAY}\b{_NOT_AMOUNT}(?:,?\s*({_YEAR})\b)?",
    ),
    (
        "day_to_date",
        rf"(?:(?<=\bfrom\s)|(?<=\bbetween\s)){_DAY}{_TO}({_M})\.?\s+{_DAY}\b(?:,?\s*({_YEAR})\b)?{_NOT_AMOUNT}",
    ),
    ("week_containing", rf"\b(?:week\s+(?:of|commencing|starting|beginning)\s+(?:on\s+)?|w/c\s+)"
     rf"(?:the\s+{_DAY}|({_M})\.?\s*{_DAY})\b"),
    ("earlier_later", r"\b(earlier|later)\s+(?:this|in\s+the)\s+(week|month|year)\b"),
    ("which_decade", rf"\b{_WHICH}\s+decade\b"),
    ("century", rf"\b(\d{{1,2}}){_ORD}\s+century\b"),
    ("thirds_of_year", rf"\b(beginning|start|middle|end)\s+of\s+({_YEAR})\b"),
    ("weekday_the_day", rf"\b(?:{_WEEKDAY})\.?,?\s+the\s+{_DAY}\b"),
    ("us_date", r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
    ("week_of", rf"\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th)\s+week\s+(?:of\s+)?"
     rf"(?:(?:the\s+)?{_WHICH}\s+(month|year)\b|({_M})\b\.?|({_YEAR})\b)"),
    ("after_next", r"\b(week|weekend|month|year)\s+after\s+(?:the\s+)?next\b"),
    ("weekend", rf"\b(?:{_WHICH}\s+|(?<=\bthe\s)|(?<=\bmy\s)|(?<=\bon\s))weekend\b"),
    ("the_week", r"(?:(?<=\bthe\s)|(?<=\bmy\s))week\b(?!\s+(?:of|after|before|ago|earlier|later|end))"),
    ("coming", r"\b(coming|upcoming)\s+(week|month|year)\b"),
    ("part_of", rf"\b(early|late|mid|beginning\s+of|start\s+of|end\s+of|middle\s+of)\s+"
     rf"(?:(?:the\s+)?{_WHICH}\s+(week|month|year)\b|(?<=of\s)({_M})\b(?!\.?,?\s*\d))"),
    ("next_n", rf"\b(within\s+)?(?:the\s+)?(next|coming|upcoming)\s+{_NUM}\s+{_UNIT}\b"),
    ("within_n", rf"\bwithin\s+{_NUM}\s+{_UNIT}\b"),
    ("n_hence", rf"\b{_NUM}\s+{_UNIT}\s+(?:hence|in\s+the\s+future|from\s+now)\b"),
    ("past_few", rf"\b(?:the\s+)?(?:past|last|previous)\s+{_NUM}\s*(day|week|month|year|decade)s?\b"),
    ("year_quarter", rf"\b({_YEAR})\s*,?\s*(?:the\s+)?(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\b"),
    ("quarter_which", rf"\b(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\s+(?:of\s+)?{_WHICH}\s+year\b"),
    ("h_year", rf"\bH([12])\s*,?\s*({_YEAR})\b|\b({_YEAR})\s*,?\s*H([12])\b"),
    ("decade_digits", r"\b(1[5-9]|20)(\d)0'?s\b|(?:(?<=\bthe\s)|(?<=\bthe\s')|(?<=\s'))()(\d)0'?s\b"
     r"|(?<![\w-])()(\d)0's\b"),
    ("month_of_year", rf"\b({_YEAR})(?:(?:\s*[-/]\s*|\.)(1[0-2]|0?[1-9])\b(?![-/.]\d){_NOT_AMOUNT}"
     rf"|\s*,?\s+({_M})\b)"),
    ("month_slash_year", rf"\b(1[0-2]|0?[1-9])\s*[-/]\s*({_YEAR})\b"),
    ("month_comma_year", rf"\b({_M})\s+,\s*({_YEAR})\b"),
    ("month_which_year", rf"\b({_M})\s+{_WHICH}\s+year\b"),
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
def _decade_words() -> dict[str, int]:
    return {word: int(value) for word, value in _toml("words.toml")["decade_words"].items()}


@cache
def _words() -> frozenset[str]:
    """Words that can begin one of these expressions."""
    words = TRIGGERS | frozenset(_decade_words()) | set(WEEKDAYS) | {w[:3] for w in WEEKDAYS} | _STARTS
    return words - _context_words()


@cache
def _context_words() -> frozenset[str]:
    """Common words that begin a period here only in a context _WORD_CONTEXT checks."""
    return frozenset({m.lower() for m in MONTH_PATTERN.strip("(?:)").split("|")} | {"year", "month", "week"})


@cache
def period_master() -> re.Pattern[str]:
    """One alternation of this module's expressions, tried only where one can begin."""
    parts = [*PARTS, decade_pattern()]
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in parts), re.IGNORECASE)


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
    words = "|".join(sorted(_decade_words(), key=len, reverse=True))
    return "decade_words", rf"(?:(?<=\bthe\s)|\b(nineteen|twenty)[\s-]+)({words})\b"


def resolve(name: str, g: list[str | None], ref: date | None) -> tuple[Period, str] | None:
    """The period of one of this module's expressions, or None when it needs a reference it lacks."""
    if name == "decade_words":
        decade = _decade_words()[(g[1] or "").lower()]
        century = {"nineteen": 1900, "twenty": 2000}.get((g[0] or "").lower(), 1900 if decade >= 10 else 2000)
        return _span(date(century + decade, 1, 1), date(century + decade + 9, 12, 31), "in")
    if name == "decade_digits":
        century_raw = g[0]
        digit = int(g[1] or g[3] or g[5] or 0)
        century = int(century_raw) * 100 if century_raw else (1900 if digit >= 2 else 2000)
        return _span(date(century + 10 * digit, 1, 1), date(century + 10 * digit + 9, 12, 31), "in")
    if name == "century":
        first_year = (int(g[0] or 0) - 1) * 100
        return _span(date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), "in")
    if name == "thirds_of_year":
        year, part = int(g[1] or 0), (g[0] or "").lower()
        first_month = {"beginning": 1, "start": 1, "middle": 5, "end": 9}[part]
        return _span(date(year, first_month, 1), month_end(year, first_month + 3), "in")
    if name in ("us_date", "month_of_year", "month_slash_year", "month_comma_year", "year_quarter", "h_year"):
        return _absolute(name, g)
    if ref is None:
        return None
    if name == "day_to_date":
        month = month_number(g[1] or "")
        year = int(g[3]) if g[3] else nearest_year(month, min(int(g[2] or 1), 28), ref)
        return _span(safe_date(year, month, int(g[0] or 0)), safe_date(year, month, int(g[2] or 0)))
    if name in ("days_of_month", "month_days", "month_between_days", "weekday_the_day"):
        return _day_range(name, g, ref)
    if name in ("week_of", "part_of"):
        return _part(name, g, ref)
    return _relative(name, g, ref)


def _span(first: date | None, last: date | None, relation: str = "span") -> tuple[Period, str] | None:
    if first is None or last is None or last < first:
        return None
    return Period(first, last, "span"), relation


def _month(year: int, month: int, relation: str = "in") -> tuple[Period, str]:
    return Period(date(year, month, 1), month_end(year, month), "month"), relation


def _absolute(name: str, g: list[str | None]) -> tuple[Period, str] | None:
    if name == "us_date":
        day = safe_date(int(g[2] or 0), int(g[0] or 0), int(g[1] or 0))
        return (Period(day, day, "day"), "in") if day else None
    if name == "month_of_year":
        month = int(g[1]) if g[1] else month_number(g[2] or "")
        return _month(int(g[0] or 0), month)
    if name == "month_slash_year":
        return _month(int(g[1] or 0), int(g[0] or 0))
    if name == "month_comma_year":
        return _month(int(g[1] or 0), month_number(g[0] or ""))
    if name == "year_quarter":
        quarter = int(g[1]) if g[1] else _ORDINALS[(g[2] or "").lower()]
        start, end = quarter_bounds(int(g[0] or 0), quarter)
        return Period(start, end, "quarter"), "in"
    half, year = (g[0], g[1]) if g[0] else (g[3], g[2])
    first = date(int(year or 0), 1 if half == "1" else 7, 1)
    return _span(first, month_end(first.year, 6 if half == "1" else 12), "in")


def _month_ref(
    which: str | None, month_word: str | None, year: str | None, day: int, ref: date
) -> date | None:
    """The first day of the month a day range is in: 'this month', 'Sept' (nearest), 'January, 1995'."""
    if which:
        first = add_months(date(ref.year, ref.month, 1), _OFFSETS[which.lower()])
        return first
    month = month_number(month_word or "")
    return date(int(year) if year else nearest_year(month, min(day, 28), ref), month, 1)


def _day_range(name: str, g: list[str | None], ref: date) -> tuple[Period, str] | None:
    if name == "weekday_the_day":
        day = safe_date(ref.year, ref.month, int(g[0] or 0))
        return (Period(day, day, "day"), "in") if day else None
    if name == "days_of_month":
        first_day, last_day = int(g[0] or 0), int(g[1] or 0)
        month = _month_ref(g[2], g[3], g[4], first_day, ref)
    else:
        first_day, last_day = int(g[1] or 0), int(g[2] or 0)
        month = _month_ref(None, g[0], g[3], first_day, ref)
    if month is None:
        return None
    return _span(safe_date(month.year, month.month, first_day), safe_date(month.year, month.month, last_day))


def _which_period(which: str, unit: str, ref: date) -> tuple[date, date]:
    """This/next/last week (Monday to Sunday), month or year."""
    offset = _OFFSETS[which.lower()]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = add_months(date(ref.year, ref.month, 1), offset)
        return first, month_end(first.year, first.month)
    return date(ref.year + offset, 1, 1), date(ref.year + offset, 12, 31)


def _part(name: str, g: list[str | None], ref: date) -> tuple[Period, str] | None:
    if name == "week_of":
        index = _ORDINALS[(g[0] or "").lower()]
        if g[1]:
            first, last = _which_period(g[1], (g[2] or "").lower(), ref)
        elif g[3]:
            month = month_number(g[3])
            year = nearest_year(month, 15, ref)
            first, last = date(year, month, 1), month_end(year, month)
        else:
            first, last = date(int(g[4] or 0), 1, 1), date(int(g[4] or 0), 12, 31)
        monday = week_of(first, last, index)
        return _span(monday, monday + timedelta(days=6), "in") if monday else None
    part = " ".join((g[0] or "").lower().split())
    if g[1]:
        first, last = _which_period(g[1], (g[2] or "").lower(), ref)
    else:
        month = month_number(g[3] or "")
        year = nearest_year(month, 15, ref)
        first, last = date(year, month, 1), month_end(year, month)
    days = (last - first).days + 1
    if days > 31:  # a year: its first or second half
        half = "early" if part in ("early", "beginning of", "start of") else "late"
        if part in ("mid", "middle of"):
            return _span(date(first.year, 4, 1), date(first.year, 9, 30), "in")
        return (
            _span(first, date(first.year, 6, 30), "in")
            if half == "early"
            else _span(date(first.year, 7, 1), last, "in")
        )
    if part in ("early", "beginning of", "start of"):
        return _span(first, first + timedelta(days=days // 2 - 1 if days > 7 else 2), "in")
    if part in ("late", "end of"):
        return _span(first + timedelta(days=days // 2 if days > 7 else 3), last, "in")
    return _span(
        first + timedelta(days=days // 4 if days > 7 else 1),
        last - timedelta(days=days // 4 if days > 7 else 2),
        "in",
    )


def _count(raw: str | None) -> int:
    raw = (raw or "").lower()
    return int(raw) if raw.isdigit() else _COUNTS.get(raw, 0)


def _ahead(ref: date, count: int, unit: str) -> date:
    """The day `count` units after the reference."""
    if unit == "day":
        return ref + timedelta(days=count)
    if unit == "week":
        return ref + timedelta(weeks=count)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * count
    return add_months(ref, months)


def _relative(name: str, g: list[str | None], ref: date) -> tuple[Period, str] | None:
    if name == "after_next":
        unit = (g[0] or "").lower()
        if unit == "weekend":
            saturday = ref + timedelta(days=5 - ref.weekday() + 14)
            return _span(saturday, saturday + timedelta(days=1), "in")
        first, _last = _which_period("this", unit, ref)
        start = _ahead(first, 2, unit)
        end = _which_period("this", unit, start)[1]
        return _span(start, end, "in")
    if name == "week_containing":
        day = int(g[0] or g[2] or 0)
        month = month_number(g[1]) if g[1] else ref.month
        year = nearest_year(month, min(day, 28), ref) if g[1] else ref.year
        when = safe_date(year, month, day)
        if when is None:
            return None
        monday = when - timedelta(days=when.weekday())
        return _span(monday, monday + timedelta(days=6), "in")
    if name == "earlier_later":
        first, last = _which_period("this", (g[1] or "").lower(), ref)
        if (g[0] or "").lower() == "earlier":
            return _span(first, ref - timedelta(days=1), "in")
        return _span(ref, last, "in")
    if name == "which_decade":
        decade = ref.year // 10 * 10 + 10 * _OFFSETS[(g[0] or "").lower()]
        return _span(date(decade, 1, 1), date(decade + 9, 12, 31), "in")
    if name == "weekend":
        saturday = (
            ref
            + timedelta(days=5 - ref.weekday())
            + timedelta(weeks=_OFFSETS.get((g[0] or "this").lower(), 0))
        )
        return _span(saturday, saturday + timedelta(days=1), "in")
    if name == "the_week":
        return _span(*_which_period("this", "week", ref), "in")
    if name == "coming":
        return _span(*_which_period("next", (g[1] or "").lower(), ref), "in")
    if name == "quarter_which":
        quarter = int(g[0]) if g[0] else _ORDINALS[(g[1] or "").lower()]
        start, end = quarter_bounds(ref.year + _OFFSETS[(g[2] or "").lower()], quarter)
        return Period(start, end, "quarter"), "in"
    if name == "month_which_year":
        return _month(ref.year + _OFFSETS[(g[1] or "").lower()], month_number(g[0] or ""))
    if name in ("next_n", "within_n", "n_hence"):
        within = name == "within_n" or bool(g[0] and name == "next_n")
        count_raw, unit_raw = (g[2], g[3]) if name == "next_n" else (g[0], g[1])
        count, unit = _count(count_raw), (unit_raw or "").lower()
        if count < 1:
            return None
        if unit == "decade" and not within:  # "the next 3 decades": whole decades from the next one
            decade = ref.year // 10 * 10 + 10
            return _span(date(decade, 1, 1), date(decade + 10 * count - 1, 12, 31))
        if within:  # "within 5 days": from today, today counted
            return _span(ref, _ahead(ref, count, unit) - timedelta(days=1))
        return _span(ref + timedelta(days=1), _ahead(ref, count, unit))
    if name == "past_few":
        count, unit = _count(g[0]), (g[1] or "").lower()
        if count < 1:
            return None
        if unit == "decade":
            end_year = ref.year // 10 * 10 - 1
            return _span(date(end_year - 10 * count + 1, 1, 1), date(end_year, 12, 31))
        return _span(_ahead(ref, -count, unit), ref - timedelta(days=1))
    return None


POINTS = frozenset(
    {"iso_date", "day_month_year", "month_day_year", "month_day", "day_month", "weekday_the_day", "us_date"}
    | {"month_year", "month_of_year", "month_slash_year", "month_comma_year", "year", "this_day"}
)
"""Dates and named months or years that two of make a range: "Oct. 2 to October 22"."""
_JOIN = re.compile(
    rf"\s*(-|–|to|till|until|through|thru|and)\s*(?:(?:{_WEEKDAY})[a-z]*\.?,?\s*)?", re.IGNORECASE
)
_OPEN = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)

Found = tuple[int, int, str, "Period | None", str]


def join_ranges(text: str, found: list[Found]) -> list[Found]:
    """Two dates joined by 'to', 'until', '-' (or 'and' after 'between') are one range, both days in."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        if previous is None or previous[2] not in POINTS or item[2] not in POINTS:
            out.append(item)
            continue
        first, last = previous[3], item[3]
        joint = _JOIN.fullmatch(text, previous[1], item[0])
        opening = _OPEN.search(text, max(0, previous[0] - 9), previous[0])
        if joint is None or first is None or last is None or first.start is None or last.end is None:
            out.append(item)
            continue
        if joint.group(1).lower() == "and" and not (opening and opening.group(1).lower() == "between"):
            out.append(item)
            continue
        if last.end < first.start:
            out.append(item)
            continue
        start = opening.start() if opening else previous[0]
        out[-1] = (start, item[1], "date_range", Period(first.start, last.end, "span"), "span")
    return out
