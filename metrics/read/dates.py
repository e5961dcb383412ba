"""Publication dates given as metadata (`--published`, a JSONL `published` or `date`): a fixed set of
written formats, never a phrase read against today's clock.

"yesterday", "now" or "in 3000 years" name a different day on every run, so the same file ingested on
another day would get another date, another content hash and other claims. They are refused, as are
years outside YEARS (a typo or a placeholder, never a news article) and signed ISO years ("-0044-03-15").

The formats, each the whole value, with leading and trailing blanks allowed:
- ISO 8601: `2019-12-10`, optionally with a time (`2019-12-10T08:00:00Z`, `2019-12-10 08:00+01:00`);
- day month year: `10 December 2019`, `10 Dec. 2019`, `10th of December, 2019`;
- month day year: `December 10, 2019`, `Dec 10 2019`;
- either of the last two after a weekday and before a time and zone, as e-mail and RSS write them:
  `Tue, 10 Dec 2019 08:00:00 GMT`.
The date is the calendar day as written: a time zone never moves it to another day.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, WEEKDAYS, month_number

YEARS = (1800, 2100)
"""The publication years accepted, inclusive."""

FORMATS = "YYYY-MM-DD, '10 December 2019', 'December 10, 2019' or 'Tue, 10 Dec 2019 08:00:00 GMT'"
"""How the refusal names the accepted formats."""

_WEEKDAY = "|".join(sorted({*WEEKDAYS, *(day[:3] for day in WEEKDAYS)}, key=len, reverse=True))
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{1,5})"
_ISO_DATE = lazy_re.compile(rf"(\d{{4}})-(\d{{2}})-(\d{{2}})(?:[T ]{_CLOCK}\s*{_ZONE}?)?", re.IGNORECASE)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"
_WRITTEN_TAIL = rf"(?:,?\s+{_CLOCK}(?:\s*[ap]\.?m\.?)?(?:\s*{_ZONE})?)?"
_DAY_MONTH_YEAR = lazy_re.compile(
    rf"(?:(?:{_WEEKDAY})\.?,?\s+)?{_DAY}\s+(?:of\s+)?({MONTH_PATTERN})\.?,?\s+{_YEAR}{_WRITTEN_TAIL}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = lazy_re.compile(
    rf"(?:(?:{_WEEKDAY})\.?,?\s+)?({MONTH_PATTERN})\.?\s+{_DAY},?\s+{_YEAR}{_WRITTEN_TAIL}", re.IGNORECASE
)


class DateRefused(ValueError):
    """Why a metadata date was refused (the reader turns it into an InputError naming the line)."""


def in_years(day: date) -> bool:
    return YEARS[0] <= day.year <= YEARS[1]


def _checked(year: int, month: int, day: int) -> date:
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateRefused(f"year {year} is outside {YEARS[0]}-{YEARS[1]}")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateRefused(f"no such day ({error})") from None


MAX_CHARS = 64
"""Longer values are refused unread: every format fits well within this."""


def read_date(raw: str) -> date:
    """The date `raw` writes in one of the formats above; DateRefused says why not."""
    value = raw.strip()
    if len(value) > MAX_CHARS:
        raise DateRefused(f"longer than {MAX_CHARS} characters, so not a date (use {FORMATS})")
    return _read(value)


@lru_cache(maxsize=4096)
def _read(value: str) -> date:
    if match := _ISO_DATE.fullmatch(value):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.fullmatch(value):
        return _checked(int(match[3]), month_number(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.fullmatch(value):
        return _checked(int(match[3]), month_number(match[1]), int(match[2]))
    raise DateRefused(f"not a date in a fixed format (use {FORMATS}; dates relative to today are refused)")


def parse_date_string(raw: str) -> date | None:
    """read_date, or None when it refuses."""
    try:
        return read_date(raw)
    except DateRefused:
        return None
