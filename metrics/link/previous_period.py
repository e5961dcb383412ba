"""'the previous month', 'a month earlier', 'a week earlier' and 'the prior quarter' after a period the
sentence names are the ones before it ("the surplus narrowed to $95.7 billion in October from $81.7
billion in the previous month": September; "rose to 136,000 tonnes on March 7 from 31,000 a week
earlier": February 28), not the ones before publication, as 'a year earlier' counts from the sentence's
own year; after a run of whole months ("the year to October") the run a month or quarter before. After a
period of another kind ("at the end of December from a month earlier") the figure is left undated: which
month is meant is not known."""

from __future__ import annotations

import re
from datetime import timedelta

from metrics import lazy_re
from metrics.calendar import add_months
from metrics.link.keywords import PREVIOUS_PERIOD as _PREVIOUS
from metrics.link.periods import undated
from metrics.link.scope import Figure, Scope
from metrics.records import Period, TimeMention

_MONTHS = {"month": 1, "quarter": 3}
_WEEK_GRAINS = ("day", "span")


def period_before_own_period(scope: Scope, figure: Figure) -> None:
    """The month or quarter before the last one of that grain named earlier in the sentence; the week
    before its last day or week."""
    mention = scope.governing.get(figure.quantity.start)
    found = _PREVIOUS.fullmatch(mention.surface) if mention is not None else None
    if mention is None or found is None:
        return
    unit = (found.group(1) or found.group(2)).lower()
    earlier = [
        t
        for t in scope.times
        if t.end <= mention.start
        and t.period.start is not None
        and t.period.end is not None
        and not _PREVIOUS.fullmatch(t.surface)
    ]
    shifted = _week_before(earlier) if unit == "week" else _months_before(earlier, unit)
    if shifted is not None:
        figure.period, figure.period_source = shifted, "sentence"
    elif earlier:
        undated(scope, figure)


def _months_before(earlier: list[TimeMention], grain: str) -> Period | None:
    """The month or calendar quarter before the last one named ("in October/December, after a rise the
    previous quarter" is July to September, whatever grain the span was given). With none named, a run
    of whole months named by its last moves back by as many months, its length kept: "in the year to
    October, against 3.9 pct a month earlier" is the year to September, "the three months to September
    ... a month earlier" the three months to August."""
    months = _MONTHS[grain]
    named = [t.period for t in earlier if _is_calendar(t.period, months)]
    if not named:
        last = earlier[-1] if earlier else None
        return _run_before(last.period, months) if last and _ROLLING.search(last.surface) else None
    if named[-1].start is None:
        return None
    first = add_months(named[-1].start, -months)
    return Period(first, add_months(first, months) - timedelta(days=1), grain)


_ROLLING = lazy_re.compile(r"\b(?:year|months)[ \t]+(?:to|through)\b", re.IGNORECASE)
"""A run of months named by its last ("the year to October", "the 12 months through March"): a rolling
window, which a month later is the same length to a month later. Not "the first half" or "the third
quarter", whose month or quarter before is no run of theirs."""


def _run_before(period: Period, months: int) -> Period | None:
    """A period of two or more whole months (from a first day to a last day) moved back `months`."""
    start, end = period.start, period.end
    if start is None or end is None or start.day != 1 or (end + timedelta(days=1)).day != 1:
        return None
    length = (end.year - start.year) * 12 + end.month - start.month + 1
    if length < 2:
        return None
    first = add_months(start, -months)
    return Period(first, add_months(first, length) - timedelta(days=1), "span")


def _is_calendar(period: Period, months: int) -> bool:
    """Whether a period is one whole calendar month, or quarter."""
    start, end = period.start, period.end
    if start is None or end is None or start.day != 1 or (months == 3 and start.month % 3 != 1):
        return False
    return end == add_months(start, months) - timedelta(days=1)


def _week_before(earlier: list[TimeMention]) -> Period | None:
    if not earlier:
        return None
    period = earlier[-1].period
    if period.start is None or period.end is None or period.grain not in _WEEK_GRAINS:
        return None
    if period.grain == "span" and (period.end - period.start).days != 6:
        return None
    week = timedelta(days=7)
    return Period(period.start - week, period.end - week, period.grain)
