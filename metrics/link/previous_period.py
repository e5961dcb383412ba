"""'the previous month', 'a month earlier', 'a week earlier' and 'the prior quarter' after a period the
sentence names are the ones before it ("the surplus narrowed to $95.7 billion in October from $81.7
billion in the previous month": September; "rose to 136,000 tonnes on March 7 from 31,000 a week
earlier": February 28), not the ones before publication, as 'a year earlier' counts from the sentence's
own year. After a period of another kind ("at the end of December from a month earlier") the figure is
left undated: which month is meant is not known."""

from __future__ import annotations

from datetime import timedelta

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
    previous quarter" is July to September, whatever grain the span was given)."""
    months = _MONTHS[grain]
    named = [t.period for t in earlier if _is_calendar(t.period, months)]
    if not named or named[-1].start is None:
        return None
    first = add_months(named[-1].start, -months)
    return Period(first, add_months(first, months) - timedelta(days=1), grain)


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
