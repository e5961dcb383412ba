"""The publication date of an article from its dateline ("WASHINGTON (... 10th December, 2019)",
"SALVADOR, Feb 26 -" or "MOSCOW, March 3. /TASS/." with the year from context, "03.04.2015 -").
Metadata dates are read by dates.py, whose year window (dates.YEARS) a dateline's date must fall in too."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, month_number, safe_date
from metrics.read.dates import in_years, parse_date_string

__all__ = ["dateline_end", "parse_date_string", "published_from_text"]

_DAY_MONTH_YEAR = lazy_re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_PATTERN})\.?,?\s+(\d{{4}})\b", re.IGNORECASE
)
_MONTH_DAY_YEAR = lazy_re.compile(
    rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
)
_ISO = lazy_re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AGENCY = r"(?:[ \t]++\([A-Z][A-Za-z .&-]{0,30}\))"
"""The agency in brackets after a dateline's date: 'OSLO, Nov 20 (Reuters) -'."""
_WIRE_DATELINE = lazy_re.compile(
    rf"^[A-Z][A-Za-z .'/&-]{{1,60}}(?:,\s*[A-Z][A-Za-z.'& -]{{1,30}})?,\s+({MONTH_PATTERN})\.?\s+(\d{{1,2}})"
    rf"(?:{_AGENCY}?\s+[-–—]|\.\s*/?[A-Z][A-Za-z-]+/)",
    re.MULTILINE,
)
"""'SALVADOR, Feb 26 -', 'OSLO, Nov 20 (Reuters) -' and the agency form 'MOSCOW, March 3. /TASS/.': a month
and day, the year from the article."""
_NUMERIC_DATELINE = lazy_re.compile(
    r"^[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ \t]+\d{1,2}:\d{2})?[ \t]+[-–—]", re.MULTILINE
)
"""'03.04.2015 -': a day, month and year with full stops, as European agencies write them."""
_YEAR = lazy_re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

DATELINE_WINDOW = 400
_DATELINE_HEAD = lazy_re.compile(
    rf"^(?:[A-Z][A-Z .'/&-]{{1,60}}(?:,\s*[A-Z][A-Za-z.'& -]{{1,30}})?"
    rf"(?:,\s+(?:{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{MONTH_PATTERN}\.?,?\s+\d{{4}})(?:{_AGENCY}?\s+[-–—]|\.\s*/[A-Z][A-Za-z-]+/\.?)"
    rf"|\s*\([^()\n]{{1,160}}\))"
    rf"|[ \t]*\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?:[ \t]+\d{{1,2}}:\d{{2}})?[ \t]+[-–—])",
    re.MULTILINE,
)
"""How far into an article a dateline may stand (after a headline line or two)."""


def _full_date(text: str) -> date | None:
    candidates: list[tuple[int, date]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        day = safe_date(int(match[3]), month_number(match[2]), int(match[1]))
        if day:
            candidates.append((match.start(), day))
    for match in _MONTH_DAY_YEAR.finditer(text):
        day = safe_date(int(match[3]), month_number(match[1]), int(match[2]))
        if day:
            candidates.append((match.start(), day))
    for match in _ISO.finditer(text):
        day = safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day:
            candidates.append((match.start(), day))
    candidates = [(at, day) for at, day in candidates if in_years(day)]
    return min(candidates)[1] if candidates else None


def published_from_text(text: str) -> date | None:
    """The dateline's date, if the article's opening lines carry one."""
    head = text[:DATELINE_WINDOW]
    found = _full_date(head)
    if found:
        return found
    numeric = _NUMERIC_DATELINE.search(head)
    if numeric:
        return safe_date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
    wire = _WIRE_DATELINE.search(head)
    if wire:
        years = Counter(int(y) for y in _YEAR.findall(text))
        if years:
            year = max(years.items(), key=lambda item: (item[1], item[0]))[0]
            return safe_date(year, month_number(wire[1]), int(wire[2]))
    return None


def dateline_end(text: str) -> int:
    """Where the dateline ("SALVADOR, Feb 26 -", "WASHINGTON (Agency - 10th December, 2019)") ends, or 0.
    Its date is the publication date, never the period of a figure after it."""
    match = _DATELINE_HEAD.search(text, 0, DATELINE_WINDOW)
    return match.end() if match else 0
