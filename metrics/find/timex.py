"""Time mentions: years, months, days, quarters, halves, fiscal years, spans, relative expressions and
leaders' terms, each resolved to a Period against the publication date.

The expressions are found by the project's own patterns (one compiled alternation, one pass);
dateparser's search reads "$20" as a date and fills missing days with today's, so it is not used here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from metrics.calendar import (
    MONTH_PATTERN,
    MONTHS,
    WEEKDAYS,
    month_end,
    month_number,
    previous_weekday,
    quarter_bounds,
    safe_date,
    shift_years,
)
from metrics.find.timex_periods import DATED, join_ranges, period_master, period_starts
from metrics.find.timex_periods import NAMES as PERIOD_NAMES
from metrics.find.timex_periods import resolve as resolve_period
from metrics.find.tokens import Tokens, matches_at
from metrics.lexicon import alternation, lexicon
from metrics.records import Period, TimeMention

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ANY_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)"
_SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "an": 1,
}
_NUM = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_M = MONTH_PATTERN
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)

# Named alternatives, most specific first. Each name has a resolver below.
_PARTS = [
    (
        "since_month_year",
        rf"\bsince\s+(?:the\s+start\s+of\s+|early\s+|late\s+|mid-?)?({_M})\.?,?\s+(?:of\s+)?({_YEAR})\b",
    ),
    ("since_year", rf"\bsince\s+(?:the\s+start\s+of\s+|early\s+|late\s+|mid-?)?({_YEAR})\b(?![-/]\d)"),
    (
        "year_span",
        rf"\b(?:from|between)\s+(?:A\.D\.\s+|AD\s+)?({_ANY_YEAR})\s+(?:to|and|until|through|till)\s+({_ANY_YEAR})\b",
    ),
    (
        "year_dash",
        rf"(?<![\d$£€,.])({_YEAR})\s?[-–/]\s?(\d{{4}}|\d{{2}})\b(?![-/]\d|\s+(?:mln|billion|million))",
    ),
    ("iso_date", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    ("day_month_year", rf"(?<![\d.,])\b(\d{{1,2}}){_ORD}?\s+(?:of\s+)?({_M})\.?,?\s+({_YEAR})\b"),
    ("month_day_year", rf"\b({_M})\.?\s+(\d{{1,2}}){_ORD}?,?\s+({_YEAR})\b"),
    ("first_months", rf"\b(?:the\s+)?first\s+({_NUM})\s+months\s+of\s+(?:fiscal\s+)?({_YEAR})\b"),
    (
        "quarter_year",
        rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?(?:\s+(?:fiscal\s+)?({_YEAR}))?",
    ),
    ("q_year", rf"\bQ([1-4])(?:\s*[-/]?\s*({_YEAR}))?\b"),
    ("half_year", rf"\b(first|second)[\s-]half(?:\s+of)?(?:\s+(?:fiscal\s+)?({_YEAR}))?"),
    ("fiscal", rf"\b(?:fiscal|financial|FY)\s*(?:year\s+)?({_YEAR}|\d{{2}})\b(?:\s?[-/]\s?(\d{{2,4}})\b)?"),
    ("month_day", rf"\b({_M})\.?\s+(\d{{1,2}}){_ORD}?\b(?!\s*,?\s*\d)(?![:.]\d)"),
    ("day_month", rf"(?<![\d.,])\b(\d{{1,2}}){_ORD}?\s+(?:of\s+)?({_M})\b\.?(?!\s*,?\s*\d{{4}})"),
    ("month_year", rf"\b({_M})\.?,?\s+(?:of\s+)?({_YEAR})\b"),
    ("relative_month", rf"\b(last|this|next|early|late)\s+({_M})\b"),
    ("decade", r"\b(?:the\s+)?(1[89]\d|20\d)0s\b"),
    ("ad_year", r"\b(?:A\.D\.|AD|B\.C\.|BC)\s+(\d{3,4})\b|\b(\d{3,4})\s+(?:A\.D\.|AD|B\.C\.|BC)\b"),
    ("year", rf"(?<![\d$£€.,])({_YEAR})(?!\d|,\d|\.\d|\s?%)"),
    ("ago", rf"\b({_NUM}|a|an)\s+(year|month|week|day)s?\s+(?:ago|earlier|before)\b"),
    ("past_n", rf"\b(?:the\s+)?(?:past|last|previous)\s+({_NUM})\s+(year|month|week|day|quarter)s\b"),
    (
        "past_one",
        r"\b(?:the\s+(?:past|last|previous)|past)\s+(year|month|week|decade)\b(?!\s+(?:ago|earlier))",
    ),
    ("relative_year", r"\b(last|this|next|previous|current|coming)\s+year\b"),
    ("year_earlier", r"\b(?:a\s+)?year[- ](?:earlier|ago|before)\b|\byear-ago\b|\bprior\s+year\b"),
    ("relative_period", r"\b(last|this|next|previous|current)\s+(month|week|quarter)\b"),
    ("this_day", r"\b(today|yesterday|tomorrow)\b"),
    ("weekday", rf"\b(?:on\s+|last\s+|next\s+)?({_WEEKDAY})\b"),
    (
        "time_of_day",
        r"\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\.?)?(?!\d)|\b\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)",
    ),
]


@cache
def _master() -> re.Pattern[str]:
    leaders = alternation({alias for leader in lexicon().leaders for alias in (leader.name, *leader.aliases)})
    parts = list(_PARTS)
    parts.insert(
        0,
        (
            "under",
            rf"\bunder\s+(?:(?:President|Prime\s+Minister|Chancellor|former\s+President)\s+)?({leaders})\b",
        ),
    )
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in parts)
    return re.compile(body, re.IGNORECASE)


def _year_value(raw: str, reference: date | None) -> int:
    """'1987' -> 1987; '87' -> 1987 (the century nearest the reference date)."""
    if len(raw) == 4:
        return int(raw)
    century = (reference.year // 100 * 100) if reference else 1900
    year = century + int(raw)
    if reference and year > reference.year + 20:
        year -= 100
    return year


def _year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _nearest_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day nearest the reference date (news speaks of recent months)."""
    best = reference.year
    best_gap = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        gap = abs((candidate - reference).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


Resolver = Callable[[re.Match[str], str, date | None], "tuple[Period, str] | None"]


@cache
def _name_indexes(pattern: re.Pattern[str]) -> frozenset[int]:
    return frozenset(pattern.groupindex.values())


def _groups(match: re.Match[str], name: str) -> list[str | None]:
    """The inner groups of one named alternative."""
    pattern = match.re
    first = pattern.groupindex[name]
    names = _name_indexes(pattern)
    out = []
    index = first + 1
    while index <= pattern.groups and index not in names:
        out.append(match.group(index))
        index += 1
    return out


def _resolve(name: str, g: list[str | None], reference: date | None) -> tuple[Period, str] | None:
    """The period an expression denotes and how it bounds a figure (in, since, until, span, under)."""
    ref = reference
    if name in PERIOD_NAMES or name == "decade_words":
        return resolve_period(name, g, ref)
    if name == "under":
        return _term(g[0] or "", ref)
    if name == "since_year":
        year = int(g[0] or 0)
        return Period(date(year, 1, 1), ref, "span"), "since"
    if name == "since_month_year":
        return Period(date(int(g[1] or 0), month_number(g[0] or ""), 1), ref, "span"), "since"
    if name == "year_span":
        first, last = int(g[0] or 0), int(g[1] or 0)
        if last <= first:
            return None
        return Period(date(first, 1, 1), date(last, 12, 31), "span"), "span"
    if name == "year_dash":
        first = int(g[0] or 0)
        second_raw = g[1] or ""
        last = int(second_raw) if len(second_raw) == 4 else first // 100 * 100 + int(second_raw)
        if len(second_raw) == 2 and last < first:
            last += 100
        if not first < last <= first + 30:
            return None
        if last == first + 1:
            return Period(date(first, 1, 1), date(last, 12, 31), "span"), "in"
        return Period(date(first, 1, 1), date(last, 12, 31), "span"), "span"
    if name == "iso_date":
        day = safe_date(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))
        return (Period(day, day, "day"), "in") if day else None
    if name == "day_month_year":
        day = safe_date(int(g[2] or 0), month_number(g[1] or ""), int(g[0] or 0))
        return (Period(day, day, "day"), "in") if day else None
    if name == "month_day_year":
        day = safe_date(int(g[2] or 0), month_number(g[0] or ""), int(g[1] or 0))
        return (Period(day, day, "day"), "in") if day else None
    if name == "first_months":
        count = _number(g[0] or "")
        if not 1 <= count <= 12:
            return None
        year = int(g[1] or 0)
        return Period(date(year, 1, 1), month_end(year, count), "span"), "in"
    if name in ("quarter_year", "q_year"):
        quarter = _ORDINALS.get((g[0] or "").lower()) or int(g[0] or 0)
        if not 1 <= quarter <= 4:
            return None
        if g[1]:
            year = int(g[1])
        elif ref is not None:
            year = ref.year if quarter_bounds(ref.year, quarter)[0] <= ref else ref.year - 1
        else:
            return None
        start, end = quarter_bounds(year, quarter)
        return Period(start, end, "quarter"), "in"
    if name == "half_year":
        half = 1 if (g[0] or "").lower() == "first" else 2
        if g[1]:
            year = int(g[1])
        elif ref is not None:
            year = ref.year if (half == 1 or ref.month > 6) else ref.year - 1
        else:
            return None
        start = date(year, 1, 1) if half == 1 else date(year, 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        return Period(start, end, "span"), "in"
    if name == "fiscal":
        year = _year_value(g[0] or "", ref)
        if g[1]:
            last = _year_value(g[1], ref) if len(g[1]) == 4 else year // 100 * 100 + int(g[1])
            if last != year + 1:
                return None
            return Period(date(year, 1, 1), date(last, 12, 31), "span"), "in"
        return _year_period(year), "in"
    if name in ("month_day", "day_month"):
        if ref is None:
            return None
        month_word, day_raw = (g[0], g[1]) if name == "month_day" else (g[1], g[0])
        month, day_of_month = month_number(month_word or ""), int(day_raw or 0)
        day = safe_date(_nearest_year(month, day_of_month, ref), month, day_of_month)
        return (Period(day, day, "day"), "in") if day else None
    if name == "month_year":
        year, month = int(g[1] or 0), month_number(g[0] or "")
        return Period(date(year, month, 1), month_end(year, month), "month"), "in"
    if name == "relative_month":
        if ref is None:
            return None
        which, month = (g[0] or "").lower(), month_number(g[1] or "")
        if which == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif which == "next":
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        return Period(date(year, month, 1), month_end(year, month), "month"), "in"
    if name == "decade":
        start_year = int(g[0] or 0) * 10
        return Period(date(start_year, 1, 1), date(start_year + 9, 12, 31), "span"), "in"
    if name == "ad_year":
        raw = g[0] or g[1] or "0"
        if "B" in (_match_text_upper(g) or ""):
            return None
        year = int(raw)
        return (_year_period(year), "in") if 1 <= year <= 9999 else None
    if name == "year":
        return _year_period(int(g[0] or 0)), "in"
    if ref is None:
        return None
    return _resolve_relative(name, g, ref)


def _term(alias: str, ref: date | None) -> tuple[Period, str] | None:
    """The leader's term in office that the reference date falls in (or the latest before it)."""
    alias = alias.lower()
    terms = [
        leader
        for leader in lexicon().leaders
        if alias in (leader.name.lower(), *(a.lower() for a in leader.aliases))
        and (ref is None or leader.start <= ref)
    ]
    if not terms:
        return None
    leader = max(terms, key=lambda t: t.start)
    end = leader.end if leader.end is not None and (ref is None or leader.end < ref) else ref
    return Period(leader.start, end, "span"), "under"


def _match_text_upper(groups: list[str | None]) -> str:
    return " ".join(x for x in groups if x).upper()


def _number(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _SMALL_NUMBERS.get(raw, 0)


def _resolve_relative(name: str, g: list[str | None], ref: date) -> tuple[Period, str] | None:
    if name == "ago":
        count, unit = _number(g[0] or ""), (g[1] or "").lower()
        if unit == "year":
            return _year_period(ref.year - count), "in"
        if unit == "month":
            month_index = ref.year * 12 + ref.month - 1 - count
            year, month = divmod(month_index, 12)
            return Period(date(year, month + 1, 1), month_end(year, month + 1), "month"), "in"
        days = count * (7 if unit == "week" else 1)
        day = ref - timedelta(days=days)
        return Period(day, day, "day"), "in"
    if name == "past_n":
        count, unit = _number(g[0] or ""), (g[1] or "").lower()
        if count < 1:
            return None
        days = {
            "year": 365 * count,
            "month": 30 * count,
            "week": 7 * count,
            "day": count,
            "quarter": 91 * count,
        }[unit]
        start = shift_years(ref, -count) + timedelta(days=1) if unit == "year" else ref - timedelta(days=days)
        return Period(start, ref, "span"), "span"
    if name == "past_one":
        unit = (g[0] or "").lower()
        days = {"year": 365, "month": 30, "week": 7, "decade": 3652}[unit]
        return Period(ref - timedelta(days=days), ref, "span"), "span"
    if name == "relative_year":
        which = (g[0] or "").lower().split()[-1]
        offset = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[which]
        return _year_period(ref.year + offset), "in"
    if name == "year_earlier":
        return _year_period(ref.year - 1), "in"
    if name == "relative_period":
        which, unit = (g[0] or "").lower(), (g[1] or "").lower()
        offset = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}[which]
        if unit == "month":
            index = ref.year * 12 + ref.month - 1 + offset
            year, month = divmod(index, 12)
            return Period(date(year, month + 1, 1), month_end(year, month + 1), "month"), "in"
        if unit == "quarter":
            index = ref.year * 4 + (ref.month - 1) // 3 + offset
            year, quarter = divmod(index, 4)
            start, end = quarter_bounds(year, quarter + 1)
            return Period(start, end, "quarter"), "in"
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return Period(monday, monday + timedelta(days=6), "span"), "in"
    if name == "this_day":
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[(g[0] or "").lower()]
        day = ref + timedelta(days=offset)
        return Period(day, day, "day"), "in"
    if name == "weekday":
        weekday = WEEKDAYS.index((g[0] or "").lower())
        day = previous_weekday(ref, weekday)
        return Period(day, day, "day"), "in"
    return None


@cache
def _triggers() -> frozenset[str]:
    """Words that can begin a time expression (a token starting with a digit always can)."""
    words = {m.lower() for m in MONTHS} | set(WEEKDAYS) | {"under"}
    words |= set(_SMALL_NUMBERS) - {"a", "an"}
    words |= set(
        [
            "since",
            "from",
            "between",
            "first",
            "second",
            "third",
            "fourth",
            "q1",
            "q2",
            "q3",
            "q4",
            "h1",
            "h2",
            "fiscal",
            "financial",
            "fy",
            "last",
            "this",
            "next",
            "early",
            "late",
            "previous",
            "current",
            "coming",
            "past",
            "ad",
            "bc",
            "today",
            "yesterday",
            "tomorrow",
            "year",
            "prior",
            "mid",
            "on",
        ]
    )
    return frozenset(words)


def scan(
    text: str, reference: date | None, tokens: Tokens | None = None
) -> list[tuple[int, int, str, Period | None, str]]:
    """Every time expression: (start, end, kind, period or None when unresolvable, relation)."""
    tokens = tokens or Tokens(text)
    periods = [
        _found(match, reference) for match in matches_at(period_master(), text, period_starts(text, tokens))
    ]
    out = []
    starts = tokens.starts(_triggers(), prefixes=("fy",), digits=True)
    taken = iter(periods)
    block = next(taken, None)
    for match in matches_at(_master(), text, starts):
        while block is not None and block[1] <= match.start():
            block = next(taken, None)
        if block is not None and block[0] < match.end():
            continue  # inside a longer period ("22 January" in "from 4 to 22 January")
        name = match.lastgroup or ""
        if name == "year" and not _is_year_in_context(text, match):
            continue
        out.append(_found(match, reference))
    return join_ranges(text, sorted(out + periods))


def _found(match: re.Match[str], reference: date | None) -> tuple[int, int, str, Period | None, str]:
    name = match.lastgroup or ""
    try:
        resolved = _resolve(name, _groups(match, name), reference)
    except (ValueError, OverflowError):
        resolved = None  # a period before year 1 or after 9999 ("last year", published 0001-01-01)
    period, relation = resolved if resolved else (None, "in")
    return match.start(), match.end(), name, period, relation


_YEAR_UNIT_AFTER = re.compile(
    r"\s?(?:mln|billion|million|bln|bn|tonnes|dlrs|pct|percent|per cent|%|shares|barrels)\b"
)
_YEAR_AMOUNT_BEFORE = re.compile(r"(?:\$|£|€|¥|more than|less than|over|about|some|up to|nearly|almost)\s*$")


def _is_year_in_context(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless money, a unit or a scale is written against it."""
    after = text[match.end() : match.end() + 12].lower()
    if _YEAR_UNIT_AFTER.match(after):
        return False
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return not _YEAR_AMOUNT_BEFORE.search(before)


def find_time_mentions(text: str, reference: date | None) -> list[TimeMention]:
    """Time expressions that denote a period, resolved against `reference` (the publication date).
    Relative expressions ("last year") are left out when there is no reference."""
    mentions = []
    for start, end, name, period, relation in scan(text, reference):
        if period is None or name == "time_of_day":
            continue
        mentions.append(TimeMention(start, end, text[start:end], period, relation))
    return mentions


CALENDAR_KINDS = frozenset(
    {
        "iso_date",
        "day_month_year",
        "month_day_year",
        "month_day",
        "day_month",
        "month_year",
        "year",
        "year_span",
        "year_dash",
        "since_year",
        "since_month_year",
        "decade",
        "ad_year",
        "time_of_day",
        "fiscal",
        "q_year",
        "quarter_year",
        "half_year",
        "first_months",
        "under",
        "weekday",
        "relative_month",
        "decade_words",
        "date_range",
        *DATED,
    }
)


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates, years and times of day: numbers inside them are not quantities."""
    return [
        (start, end) for start, end, name, _period, _relation in scan(text, None) if name in CALENDAR_KINDS
    ]
