"""Periods counted from another period: the same period a year earlier, or in a named year ("compared
with 4 mln in the same period last year", "the same month of 1986", "the year-earlier quarter")."""

from __future__ import annotations

from datetime import date, timedelta

from metrics.records import Period


def _shift(day: date, years: int) -> date:
    year = day.year + years
    if day.month == 2 and day.day == 29:
        return date(year, 2, 28)
    return day.replace(year=year)


def shifted(context: Period, years: int) -> Period:
    """`context` moved by whole years; a month keeps its whole length (February of a leap year)."""
    assert context.start is not None and context.end is not None
    start, end = _shift(context.start, years), _shift(context.end, years)
    if context.grain == "month" and context.end.month == 2:
        end = date(end.year, 3, 1) - timedelta(days=1)
    return Period(start, end, context.grain)


def year_earlier(context: Period) -> Period:
    """The same period a year before: 'a year earlier' after 'in February 1987' is February 1986, after
    'in the nine months to March 1987' the nine months to March 1986."""
    return shifted(context, -1)


def same_period_in(context: Period, year: int) -> Period:
    """The same period in another year: 'the same period of 1985' after 'the first quarter of 1987'."""
    assert context.start is not None
    return shifted(context, year - context.start.year)
