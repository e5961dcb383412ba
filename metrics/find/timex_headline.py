"""The one period a headline names, read the way wire headlines are written: in capitals, with the
abbreviations of results headlines ("ACME CORP 1ST QTR NET", "NINE MTHS LOSS", "3RD QTR JAN 31 NET",
"YEAR ENDED OCTOBER 31") and bare month names ("U.S. FEBRUARY ORDERS RISE").

A headline is written out in lower case first (month names capitalised, abbreviations from
time_words.toml [headline_words] expanded), then read by the time-expression patterns. A results
period with its closing day ("3RD QTR JAN 31", "SIX MTHS DEC 31") is the months up to that day. A
quarter, half or run of months without a year or closing day is a calendar one only when it closed
shortly before publication: results are published within weeks of the period's end, so a "3RD QTR"
reported in March is a fiscal quarter whose months the headline does not tell, and gives no period."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTHS, month_end, month_number, safe_date
from metrics.find import timex_tense
from metrics.find.timex import scan
from metrics.find.timex_words import bare_month, ordinals
from metrics.lexicon import _toml, lexicon
from metrics.records import Period

HEADLINE_GRAINS = ("year", "month", "quarter", "span")
"""Grains of a headline's time that date a story's figures ("January orders fall"); a day in a headline
is mostly the event's, not the figures'."""
REPORTING_LAG = timedelta(days=100)
"""How long after a period closes its results are still news: a month, quarter, half or run of months
named without a year that closed longer before publication is a company's fiscal one (or the coming
one: "SECOND QUARTER" in March)."""
_NOT_READ = frozenset({"time_of_day", "weekday", "this_day"})
_ORDINAL = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_LENGTH = rf"(?:{_ORDINAL}\s+quarter|(year|half)|(\w+)\s+months)"
_CLOSING = lazy_re.compile(rf"\b{_LENGTH}\s+(?:ended\s+|ending\s+|to\s+)?{_MONTH}\.?\s+(\d{{1,2}}|[a-z]+)\b")
"""'3rd quarter Jan 31', 'year ended October 31', 'six months to December 31'."""
_RESULTS = r"net|loss|profit|results?|earnings|revenues?|revs|sales|shr"
_OPEN = lazy_re.compile(rf"\b(?<!second\s)(?<!2nd\s)(?<!last\s){_LENGTH}(?=\s+(?:{_RESULTS})\b|\s*$)")
"""'1st quarter net', 'nine months loss', 'year net': a results period with no closing day."""
_WORD = lazy_re.compile(r"[A-Za-z]+")
_YEAR = lazy_re.compile(r"\b(?:19|20)\d\d\b")


@cache
def _headline_words() -> dict[str, str]:
    return {k.lower(): v for k, v in _toml("time_words.toml")["headline_words"].items()}


def written_out(title: str) -> str:
    """A headline in capitals as a sentence would write it: lower case, month names capitalised and
    the abbreviations of results headlines expanded. A headline with lower-case words is left as it is."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) * 4 > len(letters):
        return title
    words = _headline_words()

    def one(match: re.Match[str]) -> str:
        word = match.group().lower()
        if word in words:
            return words[word]
        return word.capitalize() if word in MONTHS else word

    return _WORD.sub(one, title)


def _months_back(day: date, count: int) -> date:
    """The first day of the run of `count` whole months that ends with `day`'s month."""
    index = day.year * 12 + day.month - 1 - (count - 1)
    return date(index // 12, index % 12 + 1, 1)


def _length(groups: tuple[str | None, ...]) -> int | None:
    ordinal, unit, count = groups[0], groups[1], groups[2]
    if ordinal:
        return 3
    if unit:
        return 12 if unit.lower() == "year" else 6
    word = (count or "").lower()
    if word.isdigit():
        return int(word)
    number = lexicon().number_words.get(word)
    return int(number) if number and 1 <= number <= 12 else None


def _closing_window(match: re.Match[str], published: date) -> Period | None:
    """'3rd quarter Jan 31': the quarter's months up to the latest 31 January not after publication."""
    months = _length(match.groups()[:3])
    month, written = month_number(match.group(4)), match.group(5)
    day = int(written) if written.isdigit() else int(lexicon().number_words.get(written, 0))
    end = safe_date(published.year, month, day)
    if end is not None and end > published:
        end = safe_date(published.year - 1, month, day)
    if months is None or end is None:
        return None
    return Period(_months_back(end, months), end, "span")


def _open_window(match: re.Match[str], published: date) -> Period | None:
    """'1st quarter net', 'nine months net', 'year net': the calendar period of that length that closed
    last before publication, when it closed within the reporting lag (otherwise a fiscal one)."""
    ordinal = match.group(1)
    months = _length(match.groups()[:3])
    if months is None:
        return None
    last_month = 3 * ordinals()[ordinal.lower()] if ordinal else months
    year = published.year if month_end(published.year, last_month) <= published else published.year - 1
    end = month_end(year, last_month)
    if published - end > REPORTING_LAG:
        return None
    grain = "quarter" if ordinal else "year" if months == 12 else "span"
    return Period(_months_back(end, 3 if ordinal else months), end, grain)


def _calendar_periods(text: str, published: date | None) -> list[tuple[int, int, Period]]:
    found = []
    for start, end, kind, period, relation in scan(text, published):
        if period is None or kind in _NOT_READ or period.grain not in HEADLINE_GRAINS or relation == "since":
            continue  # "LOWEST SINCE 1979" names a comparison, not the story's period
        found.append((start, end, period))
    if published is None:
        return found
    for match in re.finditer(bare_month(anywhere=True), text):
        if not any(s <= match.start() < e for s, e, _p in found):
            period = timex_tense.month(month_number(match.group()), published, "past")
            found.append((match.start(), match.end(), period))
    return found


def headline_period(title: str | None, published: date | None) -> Period | None:
    """The one month, quarter, year or results period a headline names, when it names exactly one and
    it does not start after publication (a plan "for 1990" does not date the story's figures) and has an
    end ("WORST SINCE 1981" names no period of the story)."""
    if not title:
        return None
    text = written_out(title)
    found = _calendar_periods(text, published)
    if published is not None:
        windows = [(m, _closing_window(m, published)) for m in _CLOSING.finditer(text)]
        windows += [(m, _open_window(m, published)) for m in _OPEN.finditer(text)]
        for match, window in windows:
            inside = [f for f in found if f[0] < match.end() and match.start() < f[1]]
            if window is None and not inside:
                continue
            found = [f for f in found if f not in inside]
            if window is not None:
                found.append((match.start(), match.end(), window))
            else:
                return None  # a fiscal period whose months the headline does not tell
    periods = {period for _s, _e, period in found}
    if len(periods) != 1:
        return None
    period = periods.pop()
    if period.start is None or period.end is None or period.start > period.end:
        return None
    if published is not None and period.start > published:
        return None
    stale = published is not None and period.end is not None and published - period.end > REPORTING_LAG
    if stale and period.grain != "year" and not _YEAR.search(text):
        return None  # "2ND QTR" a year back, "FIRST HALF" in March: a company's fiscal period
    return period
